import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SignJWT } from 'jose';
import {
  conversationTests,
  harderConversationTests,
  localisedHoursTests,
  looserConversationTests,
  poiShapeTests,
  answerQualityTests,
} from './conversations.js';
import { FIXED_NOW, type RunningApp, chatClient, startApp, testEnv } from './support/app.js';
import { freshSqliteDatabase } from '@holibot/database/testing';
import { openApiProblems } from './support/openapi.js';

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/v1/chat/message`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('chat API over HTTP on SQLite', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp(testEnv(freshSqliteDatabase(), { RATE_LIMIT_ENABLED: 'false', HOLIBOT_FIXED_NOW: FIXED_NOW }));
  });
  afterAll(() => running.close());

  conversationTests(() => chatClient(running.url));
  harderConversationTests(() => chatClient(running.url));
  answerQualityTests(() => chatClient(running.url));
  looserConversationTests(() => chatClient(running.url));
  poiShapeTests(() => chatClient(running.url));
  localisedHoursTests(() => chatClient(running.url));

  it.each([
    ['no query', '{}', 400, 'INVALID_QUERY'],
    ['a blank query', '{"query": "   "}', 400, 'INVALID_QUERY'],
    ['a number as query', '{"query": 42}', 400, 'INVALID_QUERY'],
    ['a 501-character query', JSON.stringify({ query: 'x'.repeat(501) }), 400, 'QUERY_TOO_LONG'],
    ['a malformed session id', '{"query": "beaches", "sessionId": "nope"}', 400, 'INVALID_SESSION_ID'],
    ['an unknown language', '{"query": "beaches", "language": "it"}', 400, 'INVALID_LANGUAGE'],
    ['a latitude without a longitude', '{"query": "beaches", "latitude": 38.64}', 400, 'INVALID_POSITION'],
    ['a latitude past the pole', '{"query": "beaches", "latitude": 91, "longitude": 0.05}', 400, 'INVALID_POSITION'],
    ['a position as text', '{"query": "beaches", "latitude": "38.6", "longitude": "0.05"}', 400, 'INVALID_POSITION'],
    ['broken JSON', '{"query": ', 400, 'INVALID_JSON'],
    ['a 20 KB body', JSON.stringify({ query: 'a', padding: 'x'.repeat(20_000) }), 413, 'PAYLOAD_TOO_LARGE'],
  ])('POST with %s → %i %s', async (_label, body, status, code) => {
    const response = await post(running.url, body);
    expect(response.status).toBe(status);
    const json = (await response.json()) as any;
    expect(json).toEqual({ success: false, error: { code, message: expect.any(String) } });
    expect(JSON.stringify(json)).not.toMatch(/at .*\.(js|ts):\d+/);
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  it('a body in an unsupported charset → 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const response = await post(running.url, '{"query":"beaches"}', { 'content-type': 'application/json; charset=latin9' });
    expect(response.status).toBe(415);
    expect(((await response.json()) as any).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('a query of exactly 500 characters is accepted', async () => {
    const response = await post(running.url, JSON.stringify({ query: `beaches ${'x'.repeat(492)}` }));
    expect(response.status).toBe(200);
  });

  it('GET/DELETE with a malformed id → 400 INVALID_SESSION_ID; unknown id → 404; unknown route → 404 NOT_FOUND', async () => {
    const malformed = await fetch(`${running.url}/api/v1/chat/session/abc`);
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as any).error.code).toBe('INVALID_SESSION_ID');
    const unknown = await fetch(`${running.url}/api/v1/chat/session/00000000-0000-4000-8000-000000000000`, { method: 'DELETE' });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as any).error.code).toBe('SESSION_NOT_FOUND');
    const route = await fetch(`${running.url}/api/v1/nothing-here`);
    expect(route.status).toBe(404);
    expect(await route.json()).toEqual({ success: false, error: { code: 'NOT_FOUND', message: expect.any(String) } });
  });

  it('keeps a caller-provided request id and makes one otherwise', async () => {
    const response = await post(running.url, '{"query":"hello"}', { 'x-request-id': 'abc-123' });
    expect(response.headers.get('x-request-id')).toBe('abc-123');
    const other = await post(running.url, '{"query":"hello"}');
    expect(other.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the OpenAPI document at /api/docs', async () => {
    const ui = await fetch(`${running.url}/api/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
    const document = (await (await fetch(`${running.url}/api/docs/openapi.json`)).json()) as any;
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/chat/message', '/api/v1/chat/session/{id}']));
  });

  it('the OpenAPI document is valid, and the user token is optional bearer security, not a required header', async () => {
    const document = (await (await fetch(`${running.url}/api/docs/openapi.json`)).json()) as any;
    expect(openApiProblems(document)).toBeNull();
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods as object).map(([method, operation]) => ({ path, method, operation })),
    );
    for (const { operation } of operations) {
      expect((operation.parameters ?? []).filter((parameter: any) => parameter.in === 'header' && /^authorization$/i.test(parameter.name))).toEqual([]);
    }
    const chat = operations.filter(({ path }) => path.startsWith('/api/v1/chat/'));
    expect(chat.length).toBeGreaterThanOrEqual(3);
    for (const { operation } of chat) expect(operation.security).toEqual([{}, { bearer: [] }]);
  });

  it('health: live and ready', async () => {
    expect((await fetch(`${running.url}/health/live`)).status).toBe(200);
    const ready = await fetch(`${running.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as any).info.database.status).toBe('up');
  });
});

describe('rate limit, CORS and user tokens', () => {
  const secret = 'a-test-secret-of-at-least-32-characters!';
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp(testEnv(freshSqliteDatabase(), { CORS_ORIGIN: 'https://www.calpe.example', USER_TOKEN_SECRET: secret, TRUST_PROXY: 'loopback' }));
  });
  afterAll(() => running.close());

  it('the 31st request in a window from one client IP → 429 RATE_LIMIT_EXCEEDED with Retry-After; other IPs still pass', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.7' };
    const statuses = await Promise.all(Array.from({ length: 30 }, () => post(running.url, '{"query":"hello"}', headers).then((r) => r.status)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    const limited = await post(running.url, '{"query":"hello"}', headers);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as any).error.code).toBe('RATE_LIMIT_EXCEEDED');
    expect((await post(running.url, '{"query":"hello"}', { 'x-forwarded-for': '203.0.113.8' })).status).toBe(200);
  });

  it('one budget per client IP across the chat endpoints: history reads and deletions count with messages', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.9' };
    const first = await post(running.url, '{"query":"beaches"}', headers);
    const { sessionId } = ((await first.json()) as any).data;
    const session = `${running.url}/api/v1/chat/session/${sessionId}`;
    const reads = await Promise.all(Array.from({ length: 28 }, () => fetch(session, { headers }).then((r) => r.status)));
    expect(reads.every((s) => s === 200)).toBe(true);
    expect((await fetch(session, { method: 'DELETE', headers })).status).toBe(200); // the 30th
    expect((await fetch(session, { headers })).status).toBe(429);
    expect((await post(running.url, '{"query":"beaches"}', headers)).status).toBe(429);
  });

  it('CORS: a listed origin is allowed, an unlisted one gets no Access-Control-Allow-Origin', async () => {
    const listed = await post(running.url, '{"query":"hello"}', { origin: 'https://www.calpe.example', 'x-forwarded-for': '203.0.113.20' });
    expect(listed.headers.get('access-control-allow-origin')).toBe('https://www.calpe.example');
    const preflight = await fetch(`${running.url}/api/v1/chat/message`, {
      method: 'OPTIONS',
      headers: { origin: 'https://www.calpe.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://www.calpe.example');
    const unlisted = await post(running.url, '{"query":"hello"}', { origin: 'https://malicious-site.com', 'x-forwarded-for': '203.0.113.21' });
    expect(unlisted.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('a valid user token sets user_id; a bad or expired one → 401; another user cannot read the session', async () => {
    const key = new TextEncoder().encode(secret);
    const token = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('visitor-42').setExpirationTime('1h').sign(key);
    const client = chatClient(running.url, { authorization: `Bearer ${token}`, 'x-forwarded-for': '203.0.113.30' });
    const answer = await client.ask('beaches', undefined, { userId: 'forged' });
    expect(answer.status).toBe(200);
    const { sessionId } = answer.body.data;
    expect((await fetch(`${running.url}/api/v1/chat/session/${sessionId}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    // Without the owner's token the session does not exist.
    expect((await fetch(`${running.url}/api/v1/chat/session/${sessionId}`)).status).toBe(404);

    // An anonymous conversation continued with a token becomes the user's.
    const anonymous = (await chatClient(running.url, { 'x-forwarded-for': '203.0.113.32' }).ask('museums')).body.data.sessionId;
    await client.ask('the first one', anonymous);
    expect((await fetch(`${running.url}/api/v1/chat/session/${anonymous}`)).status).toBe(404);
    expect((await fetch(`${running.url}/api/v1/chat/session/${anonymous}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);

    const expired = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('v')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(key);
    const wrongKey = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('v')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-another-secret-another'));
    const forever = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('v').sign(key);
    for (const bad of [`Bearer ${expired}`, `Bearer ${wrongKey}`, `Bearer ${forever}`, 'Bearer not.a.jwt', 'Basic abc']) {
      const response = await post(running.url, '{"query":"beaches"}', { authorization: bad, 'x-forwarded-for': '203.0.113.31' });
      expect(response.status).toBe(401);
      expect(((await response.json()) as any).error.code).toBe('INVALID_TOKEN');
    }
  });
});

describe('logs', () => {
  it('writes error-DATE.log and combined-DATE.log with one http line per request and the request id, without the question text', async () => {
    const env = testEnv(freshSqliteDatabase(), { LOG_FILES_ENABLED: 'true', LOG_LEVEL: 'http' });
    const running = await startApp(env);
    const logDir = env['LOG_DIR']!;
    await post(running.url, '{"query":"secret question about paella"}', {
      'x-request-id': 'log-test-1',
      'user-agent': 'jest-agent',
      referer: 'https://host.example/page',
    });
    await running.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const files = readdirSync(logDir);
    const day = new Date().toISOString().slice(0, 10);
    expect(files).toEqual(expect.arrayContaining([`combined-${day}.log`, `error-${day}.log`]));
    const lines = readFileSync(join(logDir, `combined-${day}.log`), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const http = lines.filter((line) => line.level === 'http' && line.requestId === 'log-test-1');
    expect(http).toHaveLength(1);
    expect(http[0]).toMatchObject({ method: 'POST', url: '/api/v1/chat/message', status: 200, userAgent: 'jest-agent', referrer: 'https://host.example/page' });
    expect(typeof http[0].responseTimeMs).toBe('number');
    expect(http[0].ip).toBeTruthy();
    expect(readFileSync(join(logDir, `combined-${day}.log`), 'utf8')).not.toContain('secret question');
    expect(existsSync(join(logDir, `error-${day}.log`))).toBe(true);
  });
});

describe('robustness', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp(testEnv(freshSqliteDatabase(), { RATE_LIMIT_ENABLED: 'false' }));
  });
  afterAll(() => running.close());

  it('a deeply nested body is a 400, not a 500', async () => {
    const deep = `{"query":"b","x":${'['.repeat(2000)}${']'.repeat(2000)}}`;
    const response = await post(running.url, deep);
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error.code).toBe('INVALID_REQUEST');
  });

  it('a message racing the deletion of its session starts a new session, never a 500', async () => {
    const client = chatClient(running.url);
    for (let round = 0; round < 3; round += 1) {
      const { sessionId } = (await client.ask('beaches')).body.data;
      const results = await Promise.all([
        ...Array.from({ length: 8 }, () => client.ask('the first one', sessionId)),
        fetch(`${running.url}/api/v1/chat/session/${sessionId}`, { method: 'DELETE' }),
      ]);
      for (const result of results.slice(0, 8) as Array<{ status: number }>) expect(result.status).toBe(200);
    }
  });

  it('session ids are case-insensitive', async () => {
    const { sessionId } = (await chatClient(running.url).ask('beaches')).body.data;
    expect((await fetch(`${running.url}/api/v1/chat/session/${sessionId.toUpperCase()}`)).status).toBe(200);
  });
});

describe('start-up', () => {
  it('with DB_MIGRATE_ON_START=false on a database that was never migrated, stops and says to migrate', async () => {
    await expect(startApp(testEnv(freshSqliteDatabase(), { DB_MIGRATE_ON_START: 'false' }))).rejects.toThrow(
      /HoliBot could not start: the database schema is not up to date: run `holibot migrate` first/,
    );
  });
});

describe('start-up, when the address cannot be used', () => {
  it('names HOST and PORT', async () => {
    await expect(startApp(testEnv(freshSqliteDatabase(), { HOST: 'no-such-host.invalid' }))).rejects.toThrow(
      /HoliBot could not start: cannot listen on HOST=no-such-host.invalid PORT=0: getaddrinfo ENOTFOUND/,
    );
  });
});

describe('embedded defaults', () => {
  it('the built server, started from any folder without settings, serves the sample catalogue', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'holibot-cwd-'));
    const running = await startApp({ HOST: '127.0.0.1', PORT: '0', LOG_FILES_ENABLED: 'false', LOG_LEVEL: 'warn' }, folder);
    try {
      const answer = await chatClient(running.url).ask('beaches');
      expect(answer.body.data.pois.length).toBeGreaterThan(0);
      expect(existsSync(join(folder, 'data/holibot.sqlite'))).toBe(true);
    } finally {
      await running.close();
    }
  });
});

describe('the database changed behind the server', () => {
  const database = freshSqliteDatabase();
  const sqlitePath = database.type === 'sqlite' ? database.sqlitePath : '';
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp(testEnv(database, { RATE_LIMIT_ENABLED: 'false' }));
  });
  afterAll(() => running.close());

  it('an expired session: its history is 404 SESSION_NOT_FOUND, and a message with its id starts a new session', async () => {
    const client = chatClient(running.url);
    const { sessionId } = (await client.ask('beaches')).body.data;
    const before = (await (await fetch(`${running.url}/api/v1/chat/session/${sessionId}`)).json()) as { data: { expiresAt: string; updatedAt: string } };
    // Each message slides the expiry to SESSION_EXPIRY_HOURS (24) after it.
    expect(Date.parse(before.data.expiresAt) - Date.parse(before.data.updatedAt)).toBe(24 * 3_600_000);
    const sqlite = new Database(sqlitePath);
    sqlite.prepare('UPDATE ChatSession SET expires_at = ? WHERE id = ?').run('2000-01-01 00:00:00.000', sessionId);
    sqlite.close();
    const history = await fetch(`${running.url}/api/v1/chat/session/${sessionId}`);
    expect(history.status).toBe(404);
    expect(((await history.json()) as any).error.code).toBe('SESSION_NOT_FOUND');
    const again = await client.ask('museums', sessionId);
    expect(again.status).toBe(200);
    expect(again.body.data.sessionId).not.toBe(sessionId);
    expect(again.body.data.isFollowUp).toBe(false);
  });

  it('an error the server does not expect: INTERNAL_ERROR (500) without a stack trace, logged with one, and nothing stored is lost', async () => {
    const client = chatClient(running.url);
    const first = await client.ask('beaches');
    const { sessionId } = first.body.data;
    // The table vanishes under the running server (a botched manual migration, say).
    const sqlite = new Database(sqlitePath);
    sqlite.exec('ALTER TABLE ChatMessage RENAME TO ChatMessage_away');
    const failed = await client.ask('museums', sessionId);
    expect(failed.status).toBe(500);
    expect(failed.body).toEqual({ success: false, error: { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side. Please try again.' } });
    expect(failed.headers.get('x-request-id')).toBeTruthy();
    expect(running.output()).toMatch(/no such table: ChatMessage[\s\S]*\n\s+at /);

    sqlite.exec('ALTER TABLE ChatMessage_away RENAME TO ChatMessage');
    sqlite.close();
    // The failed turn left nothing half-written: the session is as the first answer left it.
    const history = (await (await fetch(`${running.url}/api/v1/chat/session/${sessionId}`)).json()) as { data: { messages: Array<{ content: string }> } };
    expect(history.data.messages.map((m) => m.content)).toEqual(['beaches', first.body.data.textResponse]);
    expect((await client.ask('museums', sessionId)).body.data.sessionId).toBe(sessionId);
  });
});

describe('the HTTP floor', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp(testEnv(freshSqliteDatabase(), { HTTP_REQUEST_TIMEOUT_MS: '1000', CORS_ORIGIN: 'https://www.calpe.example' }));
  });
  afterAll(() => running.close());

  it.each([
    ['text/plain', 'query=beaches'],
    ['application/x-www-form-urlencoded', 'query=beaches'],
    ['application/xml', '<query>beaches</query>'],
    ['', 'query=beaches'],
  ])('a %s body → 415 UNSUPPORTED_MEDIA_TYPE (the API reads JSON only)', async (type, body) => {
    const response = await fetch(`${running.url}/api/v1/chat/message`, {
      method: 'POST',
      headers: type ? { 'content-type': type } : {},
      body: new TextEncoder().encode(body),
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({ success: false, error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.any(String) } });
  });

  it('Vary: Origin on every API answer, whatever the Origin (a cache must not serve one origin the answer of another)', async () => {
    const answers = await Promise.all([
      post(running.url, '{"query":"beaches"}'),
      post(running.url, '{"query":"beaches"}', { origin: 'https://www.calpe.example' }),
      post(running.url, '{"query":"beaches"}', { origin: 'https://elsewhere.example' }),
      post(running.url, '{"query": '),
      fetch(`${running.url}/api/v1/nothing-here`),
      fetch(`${running.url}/health/ready`),
    ]);
    for (const answer of answers)
      expect(
        answer.headers
          .get('vary')
          ?.split(',')
          .map((name) => name.trim().toLowerCase()),
      ).toContain('origin');
    expect(answers[1]!.headers.get('access-control-allow-origin')).toBe('https://www.calpe.example');
    expect(answers[2]!.headers.get('access-control-allow-origin')).toBeNull();
    // The widget files are the same for every origin (Access-Control-Allow-Origin: *).
    const widget = await fetch(`${running.url}/widget/holi-bot.js`, { headers: { origin: 'https://www.calpe.example' } });
    expect(widget.headers.get('access-control-allow-origin')).toBe('*');
    expect(widget.headers.get('vary')).toBe('Accept-Encoding');
  });

  it("helmet's security headers on API answers and errors; the demo page keeps its own single CSP", async () => {
    for (const response of [await post(running.url, '{"query":"beaches"}'), await fetch(`${running.url}/api/v1/nothing-here`)]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=/);
      expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    }
    const page = await fetch(`${running.url}/`);
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'; script-src 'self'; style-src 'self' 'nonce-[^']+'/);
  });

  it('a request whose body never arrives in full is cut off after HTTP_REQUEST_TIMEOUT_MS (408), not held for minutes', async () => {
    const { port } = new URL(running.url);
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now())));
    const started = Date.now();
    socket.write('POST /api/v1/chat/message HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{"query":');
    // The 10 s guard is cleared: left running, it held the Jest worker after the suite had ended.
    let guard: NodeJS.Timeout | undefined;
    const end = await Promise.race([closed, new Promise<number>((resolve) => (guard = setTimeout(() => resolve(-1), 10_000)))]);
    clearTimeout(guard);
    socket.destroy();
    expect(end).not.toBe(-1);
    expect(end - started).toBeGreaterThanOrEqual(900);
    expect(received).toMatch(/^HTTP\/1\.1 408/);
  });
});
