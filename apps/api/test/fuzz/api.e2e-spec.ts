import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { freshSqliteDatabase } from '@holibot/database/testing';
import { FIXED_NOW, type RunningApp, STACK_FRAME, startApp, testEnv } from '../support/app.js';
import { type JsonSchema, badTokens, nastyString, signJwt } from './arbitraries.js';
import {
  type FuzzContext,
  type HttpCase,
  type StoredSession,
  adminApi,
  closingFrame,
  headers,
  jsonBodies,
  methods,
  pathsAndQueries,
  rawBodies,
  storedSessionCases,
  storedSessionFrames,
  userTokens,
  wsFrames,
  wsHandshakes,
} from './cases.js';
import { FuzzReport, httpProblems, inPool, outcomeOf } from './checks.js';
import { type RawRequest, encodeRequest, parseResponse, sendRaw } from './raw-http.js';
import { type OpenApiDocument, allEndpoints } from './routes.js';
import { type WsFrame, exchange, rawHandshake } from './ws-fuzz.js';

/**
 * `npm run test:fuzz`: generated bad inputs (fast-check) against every public endpoint of the
 * built server — the OpenAPI document's routes, the admin API and UI, the widget files, health,
 * metrics and the chat WebSocket. Every answer: no 5xx, no stack trace or internal path, every
 * error in the API's one shape; at the end the server is alive, never exited, logged no stack,
 * and the conversations stored before the run are byte-identical. FUZZ_INPUTS is the total
 * (default 1000, as `npm test` runs it; `npm run test:fuzz` sends 10,000); FUZZ_SEED repeats a run.
 */
const TOTAL = Math.max(200, Number(process.env['FUZZ_INPUTS'] ?? 1000));
const SEED = Number(process.env['FUZZ_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
/** Requests in flight at once: modest, the machine has 2 cores. */
const CONCURRENCY = 12;
const WS_CONCURRENCY = 4;
const RATE_LIMIT = 5;

/** Each category's share of FUZZ_INPUTS. */
const SHARES = {
  'json-bodies': 0.2,
  'raw-bodies': 0.1,
  'paths-and-queries': 0.16,
  headers: 0.1,
  methods: 0.05,
  'user-tokens': 0.08,
  'admin-api': 0.1,
  'stored-sessions': 0.04,
  'ws-frames': 0.1,
  'ws-handshakes': 0.03,
  'rate-limited': 0.04,
} as const;
type Category = keyof typeof SHARES;
const CATEGORIES = Object.keys(SHARES) as Category[];
const BUDGET = ((): Record<Category, number> => {
  const budget = Object.fromEntries(CATEGORIES.map((category) => [category, Math.floor(TOTAL * SHARES[category])])) as Record<Category, number>;
  budget['json-bodies'] += TOTAL - Object.values(budget).reduce((sum, n) => sum + n, 0);
  return budget;
})();

const USER_TOKEN_SECRET = 'fuzz-host-site-secret-of-32-characters-or-more';
const ADMIN_SESSION_SECRET = 'fuzz-admin-session-secret-of-32-characters-or-more';
const METRICS_TOKEN = 'fuzz-metrics-token-0123456789';
const ADMIN = { email: 'fuzz-admin@calpe.example', password: 'a long fuzz admin password' };
const CLI = resolve('dist/apps/api/src/cli.js');

describe(`fuzz: ${TOTAL} generated bad inputs against every public endpoint`, () => {
  const report = new FuzzReport(SEED, TOTAL);
  const exits: string[] = [];
  let main: RunningApp;
  let limited: RunningApp;
  let sqlitePath: string;
  let ctx: FuzzContext;
  let startedAt: number;
  let before: unknown;
  /** A plain question's answer before the run: the same after it (nothing global was polluted or broken). */
  let baseline: unknown;
  const plainAnswer = async () => {
    const { status, body } = await api('/api/v1/chat/message', { body: { query: 'museums in Calpe', language: 'en' } });
    return {
      status,
      text: body.data?.textResponse,
      places: body.data?.pois?.map((poi: { id: number }) => poi.id),
      intent: body.data?.intent,
      engine: body.data?.engine,
    };
  };
  const extra: string[] = [];

  /** The server's clock: HOLIBOT_FIXED_NOW, running on from the start. */
  const serverNowS = () => Math.floor((Date.parse(FIXED_NOW) + Date.now() - startedAt) / 1000);
  const userToken = (sub: string) => signJwt({ alg: 'HS256', typ: 'JWT' }, { sub, iat: serverNowS() - 120, exp: serverNowS() + 3 * 3600 }, USER_TOKEN_SECRET);
  const port = (app: RunningApp) => Number(new URL(app.url).port);
  const sample = <T>(arbitrary: fc.Arbitrary<T>, count: number, salt: number): T[] =>
    count > 0 ? fc.sample(arbitrary, { seed: SEED + salt, numRuns: count }) : [];

  const api = async (path: string, init: { method?: string; body?: unknown; token?: string | null; cookie?: string } = {}) => {
    const response = await fetch(`${main.url}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.cookie ? { cookie: init.cookie } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as any };
  };

  /** A conversation of `questions`, stored now, with its first question's and last answer's ids. */
  const converse = async (token: string | null, questions: string[]): Promise<StoredSession> => {
    let sessionId: string | undefined;
    for (const query of questions) {
      const answer = await api('/api/v1/chat/message', { body: { query, ...(sessionId ? { sessionId } : {}) }, token });
      expect(answer.status).toBe(200);
      sessionId = answer.body.data.sessionId as string;
    }
    const history = await api(`/api/v1/chat/session/${sessionId}`, { token });
    const messages = history.body.data.messages as Array<{ messageId: number; role: string }>;
    return {
      id: sessionId!,
      token,
      questionId: messages.find((message) => message.role === 'user')!.messageId,
      answerId: messages.filter((message) => message.role === 'assistant').at(-1)!.messageId,
    };
  };

  /** The stored conversations as the API reads them back, and their rows in the SQLite file. */
  const snapshot = async () => {
    const sessions = Object.values(ctx.stored);
    const read = await Promise.all(sessions.map((session) => api(`/api/v1/chat/session/${session.id}`, { token: session.token })));
    const db = new Database(sqlitePath, { readonly: true, fileMustExist: true });
    try {
      const rows = (table: string, column: string) =>
        db
          .prepare(`SELECT * FROM "${table}" WHERE "${column}" IN (${sessions.map(() => '?').join(', ')}) ORDER BY 1`)
          .all(...sessions.map((session) => session.id));
      return {
        api: read.map(({ status, body }) => ({ status, body })),
        sessions: rows('ChatSession', 'id'),
        messages: rows('ChatMessage', 'session_id'),
        feedback: rows('ChatFeedback', 'session_id'),
      };
    } finally {
      db.close();
    }
  };

  const describeRequest = (request: RawRequest) =>
    JSON.stringify({
      method: request.method,
      target: request.target.slice(0, 300),
      headers: request.headers.map(([name, value]) => [name, typeof value === 'string' ? value.slice(0, 200) : `hex:${value.toString('hex').slice(0, 200)}`]),
      body: typeof request.body === 'string' ? request.body.slice(0, 300) : request.body ? `hex:${request.body.subarray(0, 150).toString('hex')}` : undefined,
    });

  const runHttp = async (category: Category, cases: HttpCase[], app: RunningApp, concurrency = CONCURRENCY) => {
    await inPool(cases, concurrency, async ({ request, expect: expectation }) => {
      const started = Date.now();
      const result = await sendRaw(port(app), encodeRequest(request, new URL(app.url).host), { head: request.method === 'HEAD' });
      report.count(category, outcomeOf(result));
      report.took(category, Date.now() - started, describeRequest(request));
      report.problem(category, describeRequest(request), httpProblems(result, { ...expectation, head: request.method === 'HEAD' }));
    });
  };

  /** Frames in batches over their own connections: one after the other, or a flood; a batch may end with a frame that closes it. The frames sent. */
  const runWs = async (category: Category, frames: WsFrame[], closers: WsFrame[], app: RunningApp, floodEvery = 4): Promise<number> => {
    let sent = 0;
    const batches: Array<{ frames: WsFrame[]; flood: boolean }> = [];
    for (let at = 0, n = 0; at < frames.length; n++) {
      const flood = n % floodEvery === floodEvery - 1;
      const size = flood ? 11 + (n % 20) : 1 + (n % 8);
      let batch = frames.slice(at, at + size);
      at += size;
      // A flood is answered to its end: a frame that closes the connection goes to a sequential batch instead.
      if (flood) {
        closers.push(...batch.filter((frame) => frame.closes));
        batch = batch.filter((frame) => !frame.closes);
      }
      // Every third sequential batch ends with a frame that closes the connection (it takes the last frame's place).
      if (!flood && n % 3 === 1 && closers.length) batch.splice(batch.length - 1, 1, closers.pop()!);
      batches.push({ frames: batch, flood });
    }
    await inPool(batches, WS_CONCURRENCY, async (batch) => {
      const result = await exchange(app.url, batch.frames, { flood: batch.flood });
      sent += result.sent;
      for (let i = 0; i < result.sent; i++) {
        const answered = i < result.doneSessionIds.length + result.errorCodes.length;
        report.count(category, answered ? 'answered' : `close ${result.close?.code ?? 'none'}`);
      }
      report.problem(
        category,
        JSON.stringify({
          flood: batch.flood,
          frames: batch.frames.map((frame) =>
            typeof frame.data === 'string' ? frame.data.slice(0, 200) : `hex:${frame.data.subarray(0, 80).toString('hex')}`,
          ),
        }),
        result.problems,
      );
    });
    return sent;
  };

  beforeAll(async () => {
    const database = freshSqliteDatabase();
    sqlitePath = database.type === 'sqlite' ? database.sqlitePath : '';
    const env = testEnv(database, {
      RATE_LIMIT_ENABLED: 'false',
      HOLIBOT_FIXED_NOW: FIXED_NOW,
      USER_TOKEN_SECRET,
      ADMIN_SESSION_SECRET,
      METRICS_TOKEN,
      HTTP_REQUEST_TIMEOUT_MS: '2000',
      WS_MAX_CONNECTIONS_PER_IP: '200',
      SESSION_CLEANUP_ENABLED: 'false',
      BACKUP_ENABLED: 'false',
    });
    startedAt = Date.now();
    const limitedStart = startApp(
      testEnv(freshSqliteDatabase(), {
        RATE_LIMIT_MAX_REQUESTS: String(RATE_LIMIT),
        TRUST_PROXY: 'loopback',
        HOLIBOT_FIXED_NOW: FIXED_NOW,
        USER_TOKEN_SECRET,
        SESSION_CLEANUP_ENABLED: 'false',
        BACKUP_ENABLED: 'false',
      }),
    );
    main = await startApp(env);
    // An admin account, made as an operator makes it (the server has migrated the database), so
    // that the fuzz also holds a real session — never its CSRF token.
    const created = await new Promise<{ code: number | null; stderr: string }>((done) => {
      const cli = spawn(process.execPath, [CLI, 'admin', 'create', '--email', ADMIN.email, '--role', 'admin'], {
        env: { PATH: process.env['PATH'] ?? '', ...env, LOG_LEVEL: 'error' },
      });
      let stderr = '';
      cli.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      cli.on('close', (code) => done({ code, stderr }));
      cli.stdin.end(`${ADMIN.password}\n`);
    });
    expect(created).toEqual({ code: 0, stderr: '' });
    limited = await limitedStart;
    for (const [name, app] of [
      ['main', main],
      ['rate-limited', limited],
    ] as const) {
      app.process.on('exit', (code, signal) => exits.push(`${name} server exited (${code ?? signal}) during the run`));
    }

    const document = (await (await fetch(`${main.url}/api/docs/openapi.json`)).json()) as OpenApiDocument & {
      components: { schemas: Record<string, JsonSchema> };
    };
    const endpoints = allEndpoints(document);
    // The enumeration works: the OpenAPI routes, the admin API read from source, the widget and UI.
    expect(endpoints.map((endpoint) => `${endpoint.method} ${endpoint.path}`)).toEqual(
      expect.arrayContaining([
        'POST /api/v1/chat/message',
        'POST /api/v1/chat/feedback',
        'DELETE /api/v1/chat/session/:id',
        'POST /api/v1/admin/auth/login',
        'GET /api/v1/admin/users',
        'GET /api/v1/admin/backups/:timestamp/files/:name',
        'GET /widget/:file',
        'GET /widget/v/:version/:file',
        'GET /admin/*',
        'GET /health/ready',
        'GET /metrics',
      ]),
    );

    const login = await fetch(`${main.url}/api/v1/admin/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    expect(login.status).toBe(200);
    const adminCookie = /holibot_admin=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];
    const adminIssuer = JSON.parse(Buffer.from(adminCookie.split('.')[1]!, 'base64url').toString()).iss as string;

    const nowS = serverNowS();
    ctx = {
      host: new URL(main.url).host,
      endpoints,
      chatMessage: document.components.schemas['ChatMessageDto']!,
      feedback: document.components.schemas['ChatFeedbackDto']!,
      badTokens: badTokens(USER_TOKEN_SECRET, nowS),
      refusedTokens: [
        signJwt({ alg: 'HS256' }, { sub: 'fuzz-owner', iat: nowS - 7200, exp: nowS - 3600 }, USER_TOKEN_SECRET),
        signJwt({ alg: 'HS256' }, { sub: 'fuzz-owner', exp: nowS + 600 }, 'not the secret, but just as long as the real one'),
        signJwt({ alg: 'none' }, { sub: 'fuzz-owner', exp: nowS + 600 }, USER_TOKEN_SECRET).replace(/[^.]+$/, ''),
      ],
      strangerToken: userToken('fuzz-stranger'),
      adminCookie,
      adminIssuer,
      adminSecret: ADMIN_SESSION_SECRET,
      stored: {
        anonymous: await converse(null, ['best restaurants in Calpe', 'which one has outdoor seating?']),
        private: await converse(userToken('fuzz-owner'), ['beaches', 'the second one']),
        rated: await converse(null, ['museums']),
      },
      scratch: { ...(await converse(null, ['restaurants with a terrace'])), poiIds: [] },
    };
    ctx.scratch.poiIds = ((await api(`/api/v1/chat/session/${ctx.scratch.id}`)).body.data.messages as Array<{ pois: Array<{ id: number }> }>).flatMap(
      (message) => message.pois.map((poi) => poi.id),
    );
    const rating = await api('/api/v1/chat/feedback', {
      body: {
        sessionId: ctx.stored.rated.id,
        messageId: ctx.stored.rated.answerId,
        rating: 'down',
        reason: 'wrong_info',
        comment: 'fuzz: the rating stored before the run',
      },
    });
    expect(rating.status).toBe(200);
    before = await snapshot();
    baseline = await plainAnswer();
    extra.push(`set-up (two servers, an admin account, 3 conversations): ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  }, 120_000);

  afterAll(async () => {
    console.log(report.print(extra));
    await Promise.all([main?.close(), limited?.close()]);
  });

  /** One category: its inputs sent and timed, then no problem found. */
  const fuzz = (category: Category, title: string, work: (budget: number) => Promise<void>) =>
    it(
      `${category}: ${title}`,
      async () => {
        await report.timed(category, () => work(BUDGET[category]));
        expect(report.problems.filter((problem) => problem.startsWith(`[${category}]`))).toEqual([]);
      },
      60_000 + BUDGET[category] * 150,
    );

  fuzz('json-bodies', 'bodies of every POST route from its schema, each field right, wrong or missing, with extra and prototype keys', async (budget) => {
    await runHttp('json-bodies', sample(jsonBodies(ctx), budget, 1), main);
  });

  fuzz('raw-bodies', 'not UTF-8, wrong content types and charsets, broken, deep and oversized JSON, odd framing', async (budget) => {
    await runHttp('raw-bodies', sample(rawBodies(ctx), budget, 2), main);
  });

  fuzz('paths-and-queries', 'traversal, NUL, bad escapes and long ids in every route parameter; junk query strings', async (budget) => {
    await runHttp('paths-and-queries', sample(pathsAndQueries(ctx), budget, 3), main);
  });

  fuzz('headers', 'X-Request-Id, X-Forwarded-For, Origin, Host, cookies, CRLF, oversized and malformed headers', async (budget) => {
    await runHttp('headers', sample(headers(ctx), budget, 4), main);
  });

  fuzz('methods', 'PROPFIND, TRACE, OPTIONS, CONNECT, made-up and lower-case methods on every route', async (budget) => {
    await runHttp('methods', sample(methods(ctx), budget, 5), main);
  });

  fuzz('user-tokens', 'alg none, wrong signature, expired, no exp, far exp, future iat, bad claims and schemes: 401', async (budget) => {
    await runHttp('user-tokens', sample(userTokens(ctx), budget, 6), main);
  });

  fuzz('admin-api', 'every admin route without a cookie, with a bad or forged one, and signed in without the CSRF token', async (budget) => {
    await runHttp('admin-api', sample(adminApi(ctx), budget, 7), main);
  });

  fuzz('stored-sessions', 'attempts on the conversations stored before the run, over REST and the WebSocket', async (budget) => {
    const shuffled = <T>(items: T[], salt: number) => sample(fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length }), 1, salt)[0]!;
    const frames = shuffled(storedSessionFrames(ctx), 13);
    const wsCount = Math.min(frames.length, Math.floor(budget / 4));
    const cases = shuffled(storedSessionCases(ctx), 14);
    await runHttp(
      'stored-sessions',
      Array.from({ length: budget - wsCount }, (_, i) => cases[i % cases.length]!),
      main,
    );
    const chosen = frames.slice(0, wsCount);
    const result = await exchange(
      main.url,
      chosen.map(({ frame }) => ({ data: JSON.stringify(frame), binary: false })),
    );
    for (let i = 0; i < result.sent; i++) report.count('stored-sessions', 'ws');
    const expectedCodes = chosen.filter((item) => item.code).map((item) => item.code);
    const wrong = [...result.problems];
    if (JSON.stringify(result.errorCodes) !== JSON.stringify(expectedCodes))
      wrong.push(`error codes ${result.errorCodes.join(',')}, expected ${expectedCodes.join(',')}`);
    if (result.doneSessionIds.includes(ctx.stored.private.id)) wrong.push('a stranger was answered in the private conversation');
    report.problem('stored-sessions', JSON.stringify(chosen.map(({ frame }) => frame)), wrong);
  });

  fuzz('ws-frames', 'messages with wrong fields and tokens, not JSON, binary, wrong type, floods, over 16 KB, not UTF-8', async (budget) => {
    const closers = sample(closingFrame, Math.ceil(budget / 30), 8);
    // Frames after one that closes its connection are never sent: fresh frames until the budget is.
    for (let round = 0, sent = 0; sent < budget && round < 10; round++) {
      sent += await runWs('ws-frames', sample(wsFrames(ctx), budget - sent, 9 + 100 * round), round === 0 ? closers : [], main);
    }
  });

  fuzz('ws-handshakes', 'hostile Origin (1008), bad keys and versions, other methods, paths and upgrades', async (budget) => {
    await inPool(sample(wsHandshakes(), budget, 10), CONCURRENCY, async ({ request, evilOrigin }) => {
      const answer = await rawHandshake(port(main), encodeRequest(request, ctx.host));
      const problems: string[] = [];
      if (answer.status === 101) {
        if (evilOrigin && answer.closeCode !== 1008) problems.push(`a refused Origin was not closed with 1008 (got ${answer.closeCode})`);
      } else {
        const response = parseResponse(answer.bytes, false, true);
        problems.push(...httpProblems({ response, closedSilently: answer.bytes.length === 0, timedOut: false, bytes: answer.bytes }));
      }
      report.count('ws-handshakes', answer.status === 101 ? (answer.closeCode ? `101→${answer.closeCode}` : '101') : `${Math.floor(answer.status / 100)}xx`);
      report.problem('ws-handshakes', describeRequest(request), problems);
    });
  });

  fuzz(
    'rate-limited',
    `a server with ${RATE_LIMIT} requests a window answers 429 with Retry-After (REST) and retryAfter (WebSocket); junk X-Forwarded-For`,
    async (budget) => {
      const wsCount = Math.floor(budget / 5);
      const xffCount = Math.floor(budget / 3);
      // Frames that would close the connection are left out: each of these must be answered, with a 429.
      const limitedFrames = sample(wsFrames(ctx), wsCount * 2, 11)
        .filter((frame) => !frame.closes)
        .slice(0, wsCount);
      const burst = budget - limitedFrames.length - xffCount;
      const chatRequests: HttpCase[] = [
        { request: { method: 'POST', target: '/api/v1/chat/message', headers: [['Content-Type', 'application/json']], body: '{"query":"beaches"}' } },
        { request: { method: 'POST', target: '/api/v1/chat/message', headers: [['Content-Type', 'application/json']], body: '{"query":""}' } },
        { request: { method: 'GET', target: '/api/v1/chat/session/00000000-0000-4000-8000-000000000000', headers: [] } },
        { request: { method: 'DELETE', target: '/api/v1/chat/session/%2e%2e', headers: [] } },
        { request: { method: 'POST', target: '/api/v1/chat/feedback', headers: [['Content-Type', 'application/json']], body: '{"rating":"up"}' } },
        // Outside the limit: always answered.
        { request: { method: 'GET', target: '/api/v1/chat/config', headers: [] }, expect: { status: [200] } },
      ];
      // One after the other, so that the limit is reached in order: every chat request past it is a 429.
      let counted = 0;
      const burstCases = Array.from({ length: burst }, (_, i): HttpCase => {
        const chat = chatRequests[i % chatRequests.length]!;
        if (chat.expect) return chat;
        counted += 1;
        return counted > RATE_LIMIT ? { ...chat, expect: { status: [429] } } : chat;
      });
      await runHttp('rate-limited', burstCases, limited, 1);

      const ws = await exchange(limited.url, limitedFrames);
      for (let i = 0; i < ws.sent; i++) report.count('rate-limited', 'ws');
      report.problem('rate-limited', 'WebSocket frames past the limit', [
        ...ws.problems,
        ...(ws.errorCodes.length && ws.errorCodes.every((code) => code === 'RATE_LIMIT_EXCEEDED')
          ? []
          : [`WebSocket errors past the limit: ${ws.errorCodes.join(',')}`]),
      ]);
      const forwarded = sample(
        fc.tuple(
          fc.array(fc.oneof(nastyString, fc.constantFrom('1.2.3.4', '::1', '[::1]', 'fe80::1%eth0', '::ffff:10.0.0.1', 'unknown', '999.1.1.1')), {
            minLength: 1,
            maxLength: 30,
          }),
          fc.nat(),
        ),
        xffCount,
        12,
      ).map(([hops, pick]): HttpCase => {
        const { request } = chatRequests[pick % chatRequests.length]!;
        return { request: { ...request, headers: [...request.headers, ['X-Forwarded-For', hops.join(', ')]] } };
      });
      await runHttp('rate-limited', forwarded, limited);
    },
  );

  it('afterwards: both servers alive and never exited, no stack in their output, the stored conversations byte-identical, answers as before', async () => {
    const after = await snapshot();
    const live = await fetch(`${main.url}/health/live`);
    const ready = await fetch(`${main.url}/health/ready`);
    const limitedLive = await fetch(`${limited.url}/health/live`);
    const output = main.output() + limited.output();
    extra.push(
      `stored conversations: ${JSON.stringify(after) === JSON.stringify(before) ? 'byte-identical' : 'CHANGED'} (3 sessions, ${(before as { messages: unknown[] }).messages.length} messages, 1 rating)`,
      `servers: /health/live ${live.status}, /health/ready ${ready.status}, rate-limited /health/live ${limitedLive.status}; exits during the run: ${exits.length}`,
    );
    expect(exits).toEqual([]);
    expect(main.process.exitCode).toBeNull();
    expect(limited.process.exitCode).toBeNull();
    expect([live.status, ready.status, limitedLive.status]).toEqual([200, 200, 200]);
    expect(output).not.toMatch(STACK_FRAME);
    expect(output.split('\n').filter((line) => /\bERROR\b/.test(line))).toEqual([]);
    expect(after).toEqual(before);
    expect(await plainAnswer()).toEqual(baseline);
    // Every planned input was sent.
    expect(report.inputs()).toBeGreaterThanOrEqual(TOTAL);
  }, 60_000);
});
