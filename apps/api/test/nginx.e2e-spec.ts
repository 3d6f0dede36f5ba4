import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { request as tlsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { freshSqliteDatabase } from '@holibot/database/testing';
import { NGINX_COMPOSE_SITE, NGINX_SITE, nginxBinary, nginxSandbox, testCertificate, withCertificate } from '../../../tools/operator-assets.mjs';
import { type RunningApp, startApp, testEnv } from './support/app.js';
import { TestRedisServer } from './support/redis-server.js';
import { ChatSocket } from './support/ws-client.js';

// docker-compose.yml's front, run for real: the real nginx with tools/nginx/holibot.compose.conf
// (its upstream pointed at two HoliBot servers on this machine instead of the `api` replicas) in
// front of two built servers sharing one database and one Redis, TRUST_PROXY=1 as in compose.
// Visitors are told apart by the loopback address they connect from (127.0.0.2, 127.0.0.3, …):
// nginx sees it as $remote_addr and is the only one that can say it to HoliBot.

const NGINX = nginxBinary();
const RATE_LIMIT = 5;
if (!NGINX && process.env['CI'] !== 'true') {
  console.warn('nginx not found (apt-get install nginx-light, or set NGINX): apps/api/test/nginx.e2e-spec.ts is SKIPPED');
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  json(): any;
}

/** One HTTP request from a chosen local address (a visitor of its own), through nginx. */
function call(
  port: number,
  path: string,
  {
    from = '127.0.0.1',
    method = 'GET',
    headers = {},
    body,
    ca,
  }: { from?: string; method?: string; headers?: Record<string, string>; body?: unknown; ca?: string } = {},
): Promise<Answer> {
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    // With `ca`: HTTPS, the certificate checked against it (it names 127.0.0.1).
    const req = (ca ? tlsRequest : request)(
      {
        ...(ca ? { ca } : {}),
        host: '127.0.0.1',
        port,
        path,
        method,
        localAddress: from,
        agent: false,
        headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } : {}), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const all = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: all, json: () => JSON.parse(all.toString('utf8')) });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const ask = (port: number, query: string, from: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  call(port, '/api/v1/chat/message', { from, method: 'POST', body: { query, ...extra }, headers });

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The real nginx on a sandbox of `site` (rewritten by `rewrite`), until it answers `probe`; `log`: the site's access log, in the sandbox. */
async function startNginx(site: string, rewrite: (text: string) => string, probe: () => Promise<Answer>, log = 'access.log') {
  if (!NGINX) throw new Error('nginx not found: apt-get install nginx-light, or set NGINX to its path');
  const { prefix, conf } = nginxSandbox(site, rewrite);
  const child = spawn(NGINX, ['-p', prefix, '-c', conf, '-e', 'stderr', '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(prefix, { recursive: true, force: true });
  };
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`nginx exited (${child.exitCode}):\n${output}`);
    }
    if ((await probe().catch(() => null))?.status === 200) return { prefix, stop, accessLog: () => readFileSync(join(prefix, log), 'utf8') };
    if (Date.now() - started > 10_000) {
      await stop();
      throw new Error(`nginx did not answer within 10 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

(NGINX || process.env['CI'] === 'true' ? describe : describe.skip)('nginx (tools/nginx/holibot.compose.conf) in front of two HoliBot servers', () => {
  const redis = new TestRedisServer();
  let a: RunningApp;
  let b: RunningApp;
  let nginx: { stop(): Promise<void>; accessLog(): string } | undefined;
  let port = 0;
  const portOf = (app: RunningApp) => new URL(app.url).port;
  const accessLog = () => nginx!.accessLog();

  beforeAll(async () => {
    if (!NGINX) throw new Error('nginx not found: apt-get install nginx-light, or set NGINX to its path');
    await redis.start();
    const env = testEnv(freshSqliteDatabase(), {
      REDIS_URL: redis.url,
      HOLIBOT_INSTANCES: '2',
      TRUST_PROXY: '1',
      LOG_LEVEL: 'http',
      RATE_LIMIT_MAX_REQUESTS: String(RATE_LIMIT),
      RATE_LIMIT_WINDOW_MS: '60000',
    });
    // One after the other: the first migrates, loads the sample catalogue and publishes the widget.
    a = await startApp(env);
    b = await startApp(env);
    port = await freePort();
    nginx = await startNginx(
      NGINX_COMPOSE_SITE,
      (site) =>
        site
          .replace(/^(\s*)server api:3002 resolve (.*);$/m, `$1server 127.0.0.1:${portOf(a)} $2;\n$1server 127.0.0.1:${portOf(b)} $2;`)
          .replace(/^(\s*)listen 80;$/m, `$1listen 127.0.0.1:${port};`),
      () => call(port, '/health/live'),
    );
  }, 90_000);

  afterAll(async () => {
    await nginx?.stop();
    await Promise.all([a?.close(), b?.close()]);
    await redis.stop();
  });

  it('chat over REST goes to both servers in turn, a conversation carries on across them, and each logs the visitor’s address', async () => {
    const first = await ask(port, 'best restaurants in Calpe', '127.0.0.3', {}, { 'X-Request-Id': 'nginx-e2e-1' });
    expect(first.status).toBe(200);
    expect(first.headers['x-request-id']).toBe('nginx-e2e-1');
    const { sessionId } = first.json().data;
    const followUps = [];
    for (let i = 2; i <= 4; i++) followUps.push(await ask(port, 'and the second one?', '127.0.0.3', { sessionId }, { 'X-Request-Id': `nginx-e2e-${i}` }));
    expect(followUps.map((answer) => [answer.status, answer.json().data.sessionId])).toEqual(followUps.map(() => [200, sessionId]));
    const history = (await call(port, `/api/v1/chat/session/${sessionId}`, { from: '127.0.0.3' })).json();
    expect(history.data.messages).toHaveLength(8);

    // Round robin: both servers answered some of the four, and logged nginx's visitor, not nginx.
    const answeredBy = (app: RunningApp) => [1, 2, 3, 4].filter((i) => app.output().includes(`"requestId":"nginx-e2e-${i}"`));
    expect(answeredBy(a).length).toBeGreaterThan(0);
    expect(answeredBy(b).length).toBeGreaterThan(0);
    expect([...answeredBy(a), ...answeredBy(b)].sort()).toEqual([1, 2, 3, 4]);
    const line = `${a.output()}\n${b.output()}`
      .split('\n')
      .find((row) => row.includes('"requestId":"nginx-e2e-1"') && row.includes('POST /api/v1/chat/message'));
    expect(line).toContain('"ip":"127.0.0.3"');
    // nginx's access line: the visitor, the server that answered, the request id both logs share.
    expect(accessLog()).toMatch(
      new RegExp(
        `^127\\.0\\.0\\.3 .*"POST /api/v1/chat/message HTTP/1\\.1" 200 .*upstream=127\\.0\\.0\\.1:(${portOf(a)}|${portOf(b)}) .*rid=nginx-e2e-1 `,
        'm',
      ),
    );

    // Without an X-Request-Id of the client's, nginx's own id reaches HoliBot and comes back.
    const anonymous = await call(port, '/api/v1/chat/config', { from: '127.0.0.3' });
    expect(anonymous.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
    expect(accessLog()).toContain(`rid=${anonymous.headers['x-request-id'] as string}`);
  });

  it('the chat WebSocket upgrades through nginx and streams an answer', async () => {
    const socket = await ChatSocket.open(`http://127.0.0.1:${port}`, { localAddress: '127.0.0.5' });
    try {
      const { deltas, end } = await socket.ask('best restaurants in Calpe');
      expect(end.type).toBe('done');
      expect(deltas.length).toBeGreaterThan(0);
      expect(deltas.join('')).toBe(end.data.data.textResponse);
      expect(end.data.data.pois.length).toBeGreaterThan(0);
      // A second question on the same connection: the upgraded connection stays up.
      expect((await socket.ask('museums')).end.type).toBe('done');
    } finally {
      socket.socket.close();
    }
    // nginx writes a WebSocket's access line when the connection ends.
    const upgraded = /^127\.0\.0\.5 .*"GET \/api\/v1\/chat\/ws HTTP\/1\.1" 101 /m;
    for (let waited = 0; !upgraded.test(accessLog()) && waited < 5000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(accessLog()).toMatch(upgraded);
  });

  it('a widget version is immutable for a year and kept by nginx (MISS, then HIT); the loader is revalidated, never kept', async () => {
    const loader = await call(port, '/widget/holi-bot.js');
    expect(loader.status).toBe(200);
    expect(loader.headers['cache-control']).toBe('public, no-cache');
    expect(loader.headers['x-cache-status']).toBeUndefined();
    const version = /"v\/([^/"]+)\/holi-bot-element\.js"/.exec(loader.body.toString('utf8'))?.[1];
    expect(version).toBeDefined();

    const path = `/widget/v/${version}/holi-bot-element.js`;
    const first = await call(port, path, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    const again = await call(port, path, { headers: { 'Accept-Encoding': 'br, gzip' } });
    for (const answer of [first, again]) {
      expect(answer.status).toBe(200);
      expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(answer.headers['content-encoding']).toBe('br');
    }
    expect([first.headers['x-cache-status'], again.headers['x-cache-status']]).toEqual(['MISS', 'HIT']);
    expect(again.body.equals(first.body)).toBe(true);
    // Another coding is another copy; one the client refuses (q=0) is not sent.
    const plain = await call(port, path, { headers: { 'Accept-Encoding': 'br;q=0' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['x-cache-status']).toBe('MISS');
    expect((await call(port, path)).headers['x-cache-status']).toBe('HIT');
    expect((await call(port, `/widget/v/${version}/no-such-file.js`)).status).toBe(404);
  });

  it('X-Forwarded-For reaches both servers: one rate limit per visitor, shared through Redis, that a forged header does not dodge', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < RATE_LIMIT; i++) statuses.push((await ask(port, 'ice cream', '127.0.0.2')).status);
    expect(statuses).toEqual(Array(RATE_LIMIT).fill(200));
    // The next from the same visitor is refused, whichever server gets it …
    const refused = [await ask(port, 'ice cream', '127.0.0.2'), await ask(port, 'ice cream', '127.0.0.2')];
    expect(refused.map((answer) => answer.status)).toEqual([429, 429]);
    expect(refused[0]!.json().error.code).toBe('RATE_LIMIT_EXCEEDED');
    // … also when it claims to be someone else: nginx adds the address it sees, HoliBot trusts that one.
    expect((await ask(port, 'ice cream', '127.0.0.2', {}, { 'X-Forwarded-For': '198.51.100.7' })).status).toBe(429);
    // Another visitor has a budget of its own.
    expect((await ask(port, 'ice cream', '127.0.0.4')).status).toBe(200);
  });

  it('answers 404 for what it does not proxy, /metrics included', async () => {
    expect((await call(port, '/metrics')).status).toBe(404);
    expect((await call(port, '/health/ready')).json().status).toBe('ok');
  });

  it('holibot.conf.example: HTTPS with a real certificate, HTTP redirected, WebSocket over TLS, body limits per route, HSTS everywhere', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'holibot-tls-'));
    const certificate = testCertificate(dir);
    const ca = readFileSync(certificate.cert, 'utf8');
    const [http, https] = [await freePort(), await freePort()];
    const tls = await startNginx(
      NGINX_SITE,
      (site) =>
        withCertificate(site, certificate)
          .replace(/^\s*listen \[::\]:(80|443 ssl http2);\n/gm, '')
          .replace(/^(\s*)listen 80;$/m, `$1listen 127.0.0.1:${http};`)
          .replace(/^(\s*)listen 443 ssl http2;$/m, `$1listen 127.0.0.1:${https} ssl http2;`)
          .replace('server 127.0.0.1:3002 ', `server 127.0.0.1:${portOf(a)} `)
          .replace('server 127.0.0.1:3003 ', `server 127.0.0.1:${portOf(b)} `),
      () => call(https, '/health/live', { ca }),
      'holibot.access.log',
    );
    try {
      const redirect = await call(http, '/api/v1/chat/config', { headers: { Host: 'bot.example.com' } });
      expect([redirect.status, redirect.headers['location']]).toEqual([301, 'https://bot.example.com/api/v1/chat/config']);

      const answer = await call(https, '/api/v1/chat/message', { ca, from: '127.0.0.6', method: 'POST', body: { query: 'museums' } });
      expect(answer.status).toBe(200);
      expect(answer.headers['strict-transport-security']).toBe('max-age=31536000');
      const loader = (await call(https, '/widget/holi-bot.js', { ca })).body.toString('utf8');
      const version = /"v\/([^/"]+)\/holi-bot-element\.js"/.exec(loader)?.[1];
      const element = await call(https, `/widget/v/${version}/holi-bot-element.js`, { ca });
      expect(element.headers['strict-transport-security']).toBe('max-age=31536000');
      expect(element.headers['x-cache-status']).toBe('MISS');

      // A chat body over 64 KB stops at nginx; the admin routes take uploads up to 33 MB (HoliBot
      // then answers for itself: no session here, so 401).
      const big = JSON.stringify({ query: 'x', padding: 'p'.repeat(100_000) });
      expect((await call(https, '/api/v1/chat/message', { ca, method: 'POST', body: big, headers: { 'content-type': 'application/json' } })).status).toBe(413);
      const upload = await call(https, '/api/v1/admin/places/import', { ca, method: 'POST', body: big, headers: { 'content-type': 'application/json' } });
      expect(upload.status).not.toBe(413);
      expect(upload.headers['x-request-id']).toBeDefined();

      const socket = await ChatSocket.open(`https://127.0.0.1:${https}`, { ca, localAddress: '127.0.0.7' });
      try {
        expect((await socket.ask('best restaurants in Calpe')).end.type).toBe('done');
      } finally {
        socket.socket.close();
      }
      expect(tls.accessLog()).toMatch(/^127\.0\.0\.6 .*"POST \/api\/v1\/chat\/message HTTP\/1\.1" 200 .*upstream=127\.0\.0\.1:\d+ /m);
    } finally {
      await tls.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
