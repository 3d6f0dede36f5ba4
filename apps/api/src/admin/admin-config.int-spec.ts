import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { type AddressInfo, type Server, type Socket, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONFIG_AREAS, type ConfigData } from '@holibot/contracts';
import { type InProcessApp, signUserToken, startInProcess } from '../../test/support/in-process.js';
import { type FakeMistral, startFakeMistral } from '../../test/support/fake-mistral.js';
import { ChatSocket } from '../../test/support/ws-client.js';
import { TestRedisServer } from '../../test/support/redis-server.js';
import { AppConfig, ConfigError, SECRETS } from '../config/app-config.js';
import { AdminUsersService } from './admin-users.service.js';
// With MISTRAL_API_KEY the server import()s the Mistral engine lazily; under Jest's ESM loader two
// such imports at once fail ("request for '@nestjs/common' is not in cache"). Loaded here first, they are found.
import '../chat/engine/mistral/mistral-client.js';
import '../chat/engine/mistral/mistral-engine.js';

/** A marker no setting, answer or log line contains by chance: each secret carries its own. */
const canary = (name: string) => `${name.toLowerCase().replace(/_/g, '')}${randomBytes(6).toString('hex')}`;
const ADMIN = { email: 'ops@calpe.example', password: 'correct horse battery staple' };
const VIEWER = { email: 'viewer@calpe.example', password: 'viewer password 12345' };

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/**
 * An SMTP server that offers AUTH and refuses every login (535), keeping what it was sent: the
 * alert mailer really logs in with SMTP_PASSWORD, and really fails.
 */
async function refusingSmtp(): Promise<{ port: number; received: string[]; close(): Promise<void> }> {
  const received: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.write('220 fake-smtp ESMTP\r\n');
    let buffer = '';
    let authStep = 0;
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        received.push(line);
        const verb = line.split(' ')[0]!.toUpperCase();
        if (authStep === 1) {
          authStep = 2;
          socket.write('334 UGFzc3dvcmQ6\r\n');
        } else if (authStep === 2) {
          authStep = 0;
          socket.write('535 5.7.8 Authentication credentials invalid\r\n');
        } else if (verb === 'EHLO' || verb === 'HELO') socket.write('250-fake-smtp\r\n250 AUTH PLAIN LOGIN\r\n');
        else if (verb === 'AUTH' && /^AUTH LOGIN/i.test(line)) {
          authStep = line.split(' ').length > 2 ? 2 : 1;
          socket.write(authStep === 1 ? '334 VXNlcm5hbWU6\r\n' : '334 UGFzc3dvcmQ6\r\n');
        } else if (verb === 'AUTH') socket.write('535 5.7.8 Authentication credentials invalid\r\n');
        else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('502 5.5.2 not here\r\n');
      }
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    port: (server.address() as AddressInfo).port,
    received,
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}

describe('secrets never appear in the config view, /health, /metrics, error bodies or the log files', () => {
  let app: InProcessApp;
  let mistral: FakeMistral;
  let smtp: Awaited<ReturnType<typeof refusingSmtp>>;
  let logDir: string;
  let secrets: Record<string, string>;
  /** What must never be shown: each secret's value, and its canary alone (a secret cut or re-encoded still carries it). */
  let forbidden: string[];
  /** Every response body the test saw, by request. */
  const seen: Array<{ request: string; status: number; body: string }> = [];
  let redis: TestRedisServer;

  beforeAll(async () => {
    [mistral, smtp] = await Promise.all([startFakeMistral(), refusingSmtp()]);
    const canaries = Object.fromEntries([...SECRETS].map((name) => [name, canary(name)]));
    // A Redis of the test's own that requires the password: the server really logs in with it.
    redis = await new TestRedisServer(canaries['REDIS_URL']).start();
    secrets = {
      DB_PASSWORD: `dbpw-${canaries['DB_PASSWORD']}`,
      USER_TOKEN_SECRET: `uts-${canaries['USER_TOKEN_SECRET']}-of-at-least-32-characters`,
      MISTRAL_API_KEY: `mk-${canaries['MISTRAL_API_KEY']}`,
      BACKUP_ENCRYPTION_KEY: `bek-${canaries['BACKUP_ENCRYPTION_KEY']}`,
      METRICS_TOKEN: `mt-${canaries['METRICS_TOKEN']}`,
      SMTP_PASSWORD: `smtp-${canaries['SMTP_PASSWORD']}`,
      ALERT_WEBHOOK_URL: `http://127.0.0.1:${await closedPort()}/services/T0/B0/${canaries['ALERT_WEBHOOK_URL']}`,
      ADMIN_SESSION_SECRET: `ass-${canaries['ADMIN_SESSION_SECRET']}-of-at-least-32-characters`,
      REDIS_URL: redis.url,
    };
    expect(Object.keys(secrets).sort()).toEqual([...SECRETS].sort());
    const smtpLogin = `alerts@calpe.example\u0000${secrets['SMTP_PASSWORD']}`;
    forbidden = [
      ...Object.values(secrets),
      ...Object.values(canaries),
      // SMTP AUTH sends the password base64-encoded: not that either.
      Buffer.from(secrets['SMTP_PASSWORD']!).toString('base64'),
      Buffer.from(`\u0000${smtpLogin}`).toString('base64'),
    ];
    logDir = mkdtempSync(join(tmpdir(), 'holibot-secrets-logs-'));
    app = await startInProcess({
      ...secrets,
      LOG_FILES_ENABLED: 'true',
      LOG_DIR: logDir,
      LOG_LEVEL: 'debug',
      MISTRAL_API_URL: mistral.url,
      MISTRAL_TIMEOUT_MS: '2000',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_USER: 'alerts@calpe.example',
      ALERT_RECIPIENTS: 'ops@calpe.example',
      RATE_LIMIT_MAX_REQUESTS: '25',
    });
    const users = app.app.get(AdminUsersService);
    await users.create({ ...ADMIN, role: 'admin' }, { actor: 'test' });
    await users.create({ ...VIEWER, role: 'viewer' }, { actor: 'test' });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await Promise.all([mistral?.close(), smtp?.close(), redis?.stop()]);
  });

  /** A request whose answer is kept for the final check; resolves to its status and parsed body. */
  async function call(
    method: string,
    path: string,
    options: { headers?: Record<string, string>; body?: string | object; session?: { cookie: string; csrf?: string } } = {},
  ): Promise<{ status: number; body: any; headers: Headers }> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined && typeof options.body === 'object') headers['content-type'] ??= 'application/json';
    if (options.session) {
      headers['cookie'] = options.session.cookie;
      if (options.session.csrf) headers['x-csrf-token'] = options.session.csrf;
    }
    const response = await fetch(`${app.url}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
    });
    const text = await response.text();
    seen.push({ request: `${method} ${path}`, status: response.status, body: `${[...response.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${text}` });
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // /metrics is text.
    }
    return { status: response.status, body, headers: response.headers };
  }

  async function signIn(who: { email: string; password: string }): Promise<{ cookie: string; csrf: string }> {
    const response = await call('POST', '/api/v1/admin/auth/login', { body: who });
    expect(response.status).toBe(200);
    return { cookie: response.headers.get('set-cookie')!.split(';')[0]!, csrf: response.body.data.csrfToken };
  }

  const leaks = (text: string) => forbidden.filter((secret) => text.includes(secret));

  it('the config view (viewer role) shows every secret only as set, REDIS_URL without its password', async () => {
    expect((await call('GET', '/api/v1/admin/config')).status).toBe(401);
    const viewer = await signIn(VIEWER);
    const response = await call('GET', '/api/v1/admin/config', { session: viewer });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const data = response.body.data as ConfigData;
    expect(data.areas.map((area) => area.area)).toEqual([...CONFIG_AREAS]);
    const shown = Object.fromEntries(data.areas.flatMap((area) => area.settings.map((setting) => [setting.name, setting])));
    // DB_PASSWORD is not in effect on SQLite: not listed (and not shown).
    for (const name of [...SECRETS].filter((n) => n !== 'DB_PASSWORD')) expect([name, shown[name]?.secret]).toEqual([name, true]);
    expect(shown['DB_PASSWORD']).toBeUndefined();
    for (const name of [
      'USER_TOKEN_SECRET',
      'MISTRAL_API_KEY',
      'BACKUP_ENCRYPTION_KEY',
      'METRICS_TOKEN',
      'SMTP_PASSWORD',
      'ALERT_WEBHOOK_URL',
      'ADMIN_SESSION_SECRET',
    ]) {
      expect([name, shown[name]!.value]).toEqual([name, 'set']);
    }
    expect(shown['REDIS_URL']!.value).toBe(secrets['REDIS_URL']!.replace(/:\/\/:[^@]+@/, '://:***@'));
    // The other settings are there with their values.
    expect(shown['LOG_DIR']!.value).toBe(logDir);
    expect(shown['SMTP_USER']!.value).toBe('alerts@calpe.example');
    expect(leaks(JSON.stringify(response.body))).toEqual([]);
  });

  it('uses the secrets for real: Mistral got the key, the SMTP server the password, Redis the URL, a token signed with the secret is accepted', async () => {
    mistral.script({ status: 401 }, { status: 401 });
    const token = await signUserToken(app, 'visitor-1', secrets['USER_TOKEN_SECRET']);
    const turn = await call('POST', '/api/v1/chat/message', { body: { query: 'beaches' }, headers: { authorization: `Bearer ${token}` } });
    expect(turn.status).toBe(200);
    // Mistral refused the key (401): the built-in answer stands in.
    expect(turn.body.data.engine).toBe('builtin');
    expect(mistral.requests[0]?.headers['authorization']).toBe(`Bearer ${secrets['MISTRAL_API_KEY']}`);
    // The mailer's check at start, and the test message below, log in with the password and are refused.
    const admin = await signIn(ADMIN);
    const test = await call('POST', '/api/v1/admin/alerts/test', { session: admin, body: {} });
    expect(test.status).toBe(200);
    expect(test.body.data.results).toEqual([
      { channel: 'email', ok: false, error: expect.any(String) },
      { channel: 'webhook', ok: false, error: expect.any(String) },
    ]);
    expect(smtp.received.some((line) => /^AUTH /i.test(line))).toBe(true);
    // An encrypted backup, with BACKUP_ENCRYPTION_KEY.
    const backup = await call('POST', '/api/v1/admin/backups', { session: admin, body: {} });
    expect([backup.status, backup.body.data?.encrypted]).toEqual([201, true]);
  });

  it('/health/live, /health/ready and /metrics (with METRICS_TOKEN) show no secret', async () => {
    expect((await call('GET', '/health/live')).status).toBe(200);
    expect([200, 503]).toContain((await call('GET', '/health/ready')).status);
    const metrics = await call('GET', '/metrics', { headers: { authorization: `Bearer ${secrets['METRICS_TOKEN']}` } });
    expect(metrics.status).toBe(200);
    expect(String(metrics.body)).toContain('holibot_');
    for (const request of ['GET /health/live', 'GET /health/ready', 'GET /metrics']) {
      for (const answer of seen.filter((s) => s.request === request)) expect([request, leaks(answer.body)]).toEqual([request, []]);
    }
  });

  it('error bodies of bad requests (REST, admin, metrics, WebSocket) show no secret', async () => {
    const viewer = await signIn(VIEWER);
    const admin = await signIn(ADMIN);
    const forged = await signUserToken(app, 'visitor-2', 'a-forged-secret-that-is-at-least-32-characters-long');
    const bad: Array<[status: number, method: string, path: string, options?: Parameters<typeof call>[2]]> = [
      [400, 'POST', '/api/v1/chat/message', { body: '{"query": ', headers: { 'content-type': 'application/json' } }],
      [400, 'POST', '/api/v1/chat/message', { body: { query: '' } }],
      [400, 'POST', '/api/v1/chat/message', { body: { query: 'x'.repeat(501) } }],
      [400, 'POST', '/api/v1/chat/message', { body: { query: 'beaches', language: 'xx' } }],
      [400, 'POST', '/api/v1/chat/message', { body: { query: 'beaches', latitude: 38.6 } }],
      [415, 'POST', '/api/v1/chat/message', { body: 'query=beaches', headers: { 'content-type': 'text/plain' } }],
      [413, 'POST', '/api/v1/chat/message', { body: { query: 'x'.repeat(40_000) } }],
      [401, 'POST', '/api/v1/chat/message', { body: { query: 'beaches' }, headers: { authorization: `Bearer ${forged}` } }],
      [401, 'POST', '/api/v1/chat/message', { body: { query: 'beaches' }, headers: { authorization: 'Bearer not.a.jwt' } }],
      [400, 'GET', '/api/v1/chat/session/not-a-session-id'],
      [404, 'GET', '/api/v1/chat/session/00000000-0000-4000-8000-000000000000'],
      [400, 'POST', '/api/v1/chat/feedback', { body: { sessionId: 'x', messageId: 'y', rating: 'meh' } }],
      [404, 'GET', '/api/v1/nowhere'],
      [401, 'GET', '/metrics'],
      [401, 'GET', '/metrics', { headers: { authorization: 'Bearer wrong-token-of-16-chars' } }],
      [401, 'GET', '/api/v1/admin/config', { headers: { cookie: 'holibot_admin=forged.session.cookie' } }],
      [401, 'POST', '/api/v1/admin/auth/login', { body: { email: ADMIN.email, password: 'not the password' } }],
      [401, 'POST', '/api/v1/admin/auth/setup', { body: { token: 'wrong', email: 'x@y.z', password: 'short' } }],
      [403, 'POST', '/api/v1/admin/backups', { session: { cookie: admin.cookie }, body: {} }],
      [403, 'POST', '/api/v1/admin/backups', { session: viewer, body: {} }],
      [404, 'GET', '/api/v1/admin/backups/20990101-000000', { session: viewer }],
      [403, 'GET', '/api/v1/admin/backups/20990101-000000/files/.env.gz', { session: viewer }],
      [400, 'GET', '/api/v1/admin/places/abc', { session: viewer }],
      [400, 'GET', '/api/v1/admin/dashboard?days=999', { session: viewer }],
    ];
    for (const [status, method, path, options] of bad) {
      const response = await call(method, path, options);
      expect([method, path, response.status, response.body?.success]).toEqual([method, path, status, false]);
    }
    // Over the chat budget (RATE_LIMIT_MAX_REQUESTS=25): a 429 body.
    let limited = 0;
    for (let i = 0; i < 40 && limited === 0; i += 1) if ((await call('GET', '/api/v1/chat/session/not-a-session-id')).status === 429) limited += 1;
    // With REDIS_URL the count is kept in Redis: a Redis that cannot be reached lets requests through (fails open).
    expect(limited).toBe(1);
    // WebSocket error frames: a frame that is not JSON, a bad token.
    const socket = await ChatSocket.open(app.url, { headers: { origin: app.url } });
    socket.send('not json');
    socket.send({ type: 'message', query: 'beaches', token: 'not.a.jwt' });
    for (let waited = 0; socket.frames.length < 2 && !socket.closed && waited < 5000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    socket.close();
    seen.push({ request: 'WS /api/v1/chat/ws', status: 0, body: JSON.stringify(socket.frames) });
    expect(socket.frames.filter((frame) => frame.type === 'error')).toHaveLength(2);
    for (const answer of seen) expect([answer.request, answer.status, leaks(answer.body)]).toEqual([answer.request, answer.status, []]);
  });

  it('the log files of the whole run (LOG_LEVEL=debug) show no secret, though the failures that used them were logged', async () => {
    await app.close();
    const files = readdirSync(logDir).filter((file) => statSync(join(logDir, file)).isFile());
    const logged = files.map((file) => readFileSync(join(logDir, file), 'utf8')).join('\n');
    expect(files.some((file) => file.startsWith('combined-'))).toBe(true);
    // The paths that held a secret in hand did log: the refused SMTP login at start, the Mistral call refused with the key.
    expect(logged).toMatch(/alert mail: SMTP_HOST=127\.0\.0\.1/);
    expect(logged).toMatch(/Mistral AI call: .*outcome=(?!ok)/);
    // The Redis connection is logged with its URL, the password as ***.
    expect(logged).toMatch(/Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0/);
    expect(leaks(logged)).toEqual([]);
  });

  it('a configuration error at start shows each bad secret as (hidden), never its value', () => {
    const bad: Record<string, string> = {
      USER_TOKEN_SECRET: `short-${canary('x')}`,
      BACKUP_ENCRYPTION_KEY: `bk-${canary('x')}`.slice(0, 12),
      METRICS_TOKEN: `has space ${canary('x')}`,
      ALERT_WEBHOOK_URL: `https://user:${canary('x')}@hooks.example.com/x`,
      ADMIN_SESSION_SECRET: `short-${canary('x')}`,
      REDIS_URL: `http://:${canary('x')}@cache:6379`,
    };
    let error: unknown;
    try {
      // The valid secrets next to the bad ones, and one bad ordinary setting.
      AppConfig.fromEnv({ ...secrets, ...bad, PORT: 'abc' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('PORT="abc"');
    for (const name of Object.keys(bad)) expect(message).toContain(`${name}=(hidden): `);
    for (const value of [...Object.values(bad), ...Object.values(secrets)]) expect(message).not.toContain(value);
  });
});
