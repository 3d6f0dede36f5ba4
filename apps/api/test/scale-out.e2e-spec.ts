import type { DatabaseConfig } from '@holibot/database';
import { dropMysqlDatabase, freshMysqlDatabase, freshSqliteDatabase, mysqlAvailable } from '@holibot/database/testing';
import { TestSmtpServer } from './support/alert-sinks.js';
import { type RunningApp, STACK_FRAME, chatClient, runToExit, startApp, testEnv } from './support/app.js';
import { TestRedisServer } from './support/redis-server.js';
import { ChatSocket } from './support/ws-client.js';

// Two HoliBot processes on one MariaDB and one Redis (a redis-server of the test's own, stopped
// and started again), as PM2 cluster mode or two containers run them.

const withMysql = (await mysqlAvailable()) || process.env['CI'] === 'true';
const METRICS_TOKEN = 'scale-out-metrics-token';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not true within ${timeoutMs} ms`);
    await sleep(100);
  }
  return Date.now() - started;
}

/** One sample of a Prometheus text exposition, by metric name and labels ("" when none). */
async function metric(app: RunningApp, name: string, labels = ''): Promise<number> {
  const text = await (await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const line = text.split('\n').find((row) => row.startsWith(labels ? `${name}{${labels}}` : `${name} `));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

async function ready(app: RunningApp): Promise<{ status: number; body: any }> {
  const response = await fetch(`${app.url}/health/ready`);
  return { status: response.status, body: await response.json() };
}

(withMysql ? describe : describe.skip)('two instances on MariaDB + Redis', () => {
  const redis = new TestRedisServer('scale-out pass');
  const smtp = new TestSmtpServer();
  let database: DatabaseConfig;
  let a: RunningApp;
  let b: RunningApp;
  const jobRuns = async (outcome: 'done' | 'skipped') =>
    (await metric(a, 'holibot_job_runs_total', `job="session-cleanup",outcome="${outcome}"`)) +
    (await metric(b, 'holibot_job_runs_total', `job="session-cleanup",outcome="${outcome}"`));

  beforeAll(async () => {
    await redis.start();
    await smtp.start();
    database = await freshMysqlDatabase('scale_out');
    const env = testEnv(database, {
      REDIS_URL: redis.url,
      HOLIBOT_INSTANCES: '2',
      LOG_LEVEL: 'info',
      // Visitors are told apart by X-Forwarded-For (the test is their proxy).
      TRUST_PROXY: 'loopback',
      METRICS_TOKEN,
      // A cron job every 4 s on both instances: each tick must run on one of them only.
      SESSION_CLEANUP_CRON: '*/4 * * * * *',
      // A rule that holds at once on both (memory above 0 %), checked every second by each.
      ALERTS_ENABLED: 'true',
      ALERT_CHECK_INTERVAL: '1000',
      ALERT_MEMORY_PERCENT: '0',
      ALERT_RECIPIENTS: 'ops@example.com',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
    });
    // One after the other: the first applies the migrations.
    a = await startApp(env);
    b = await startApp(env);
  }, 90_000);
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await redis.stop();
    await smtp.stop();
    if (database) await dropMysqlDatabase(database);
  });

  it("the first admin's setup link works on either instance, once", async () => {
    const tokenOf = (app: RunningApp) => /\/admin\/setup#token=([\w-]+)\n/.exec(app.output())?.[1];
    // Printed just after "listening".
    await until(() => Promise.resolve(tokenOf(a) !== undefined && tokenOf(b) !== undefined), 5000);
    const [fromA, fromB] = [tokenOf(a), tokenOf(b)];
    expect(fromA).toBeDefined();
    expect(fromB).toBeDefined();
    const setup = (app: RunningApp, token: string, password: string) =>
      fetch(`${app.url}/api/v1/admin/auth/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, email: 'first@calpe.example', password }),
      });
    // A's link on B: a too short password is refused without using the link up…
    expect((await setup(b, fromA!, 'short')).status).toBe(400);
    // …then it creates the first admin; no link works any more, on either instance.
    expect((await setup(b, fromA!, 'a long enough password')).status).toBe(201);
    expect((await setup(a, fromA!, 'a long enough password')).status).toBe(401);
    expect((await setup(a, fromB!, 'a long enough password')).status).toBe(401);
  });

  it('shares the rate limit: the 31st request of a visitor, across both instances, is refused with 429', async () => {
    const visitor = { 'x-forwarded-for': '203.0.113.7' };
    const [onA, onB] = [chatClient(a.url, visitor), chatClient(b.url, visitor)];
    // 15 over REST on A, 15 over the WebSocket on B: one bucket of 30.
    for (let request = 0; request < 15; request++) expect((await onA.ask('beaches')).status).toBe(200);
    const socket = await ChatSocket.open(b.url, { headers: visitor });
    try {
      for (let message = 0; message < 15; message++) expect((await socket.ask('beaches')).end.type).toBe('done');
      const { end } = await socket.ask('beaches');
      expect(end).toMatchObject({ type: 'error', error: { code: 'RATE_LIMIT_EXCEEDED' } });
    } finally {
      socket.close();
    }
    const refusedOnA = await onA.ask('beaches');
    const refusedOnB = await onB.ask('beaches');
    expect([refusedOnA.status, refusedOnB.status]).toEqual([429, 429]);
    expect(refusedOnB.body.error.code).toBe('RATE_LIMIT_EXCEEDED');
    // Another visitor is not affected.
    expect((await chatClient(b.url, { 'x-forwarded-for': '203.0.113.70' }).ask('beaches')).status).toBe(200);
  });

  it('continues a conversation started on one instance on the other, over REST and WebSocket', async () => {
    const visitor = { 'x-forwarded-for': '203.0.113.8' };
    const first = await chatClient(a.url, visitor).ask('tapas restaurants');
    expect(first.status).toBe(200);
    const sessionId = first.body.data.sessionId as string;
    const followUp = await chatClient(b.url, visitor).ask('which of them is open now?', sessionId);
    expect(followUp.status).toBe(200);
    expect(followUp.body.data.sessionId).toBe(sessionId);

    const socket = await ChatSocket.open(b.url, { headers: visitor });
    try {
      const { end } = await socket.ask('and beaches?', { sessionId });
      expect(end.type).toBe('done');
      expect(end.data.data.sessionId).toBe(sessionId);
    } finally {
      socket.close();
    }
    for (const app of [a, b]) {
      const history = (await (await fetch(`${app.url}/api/v1/chat/session/${sessionId}`, { headers: visitor })).json()) as any;
      expect(
        history.data.messages.filter((message: { role: string }) => message.role === 'user').map((message: { content: string }) => message.content),
      ).toEqual(['tapas restaurants', 'which of them is open now?', 'and beaches?']);
    }
  });

  it('runs each cron tick on one instance only; sends one alert mail for a rule both see', async () => {
    const before = { done: await jobRuns('done'), skipped: await jobRuns('skipped') };
    await sleep(12_500);
    const done = (await jobRuns('done')) - before.done;
    const skipped = (await jobRuns('skipped')) - before.skipped;
    // Every tick: one instance ran it, the other found it taken (± the tick read between the two instances).
    expect(done).toBeGreaterThanOrEqual(3);
    expect(Math.abs(done - skipped)).toBeLessThanOrEqual(1);
    const firing = smtp.mails.filter((mail) => mail.subject.includes('High memory use'));
    expect(firing).toHaveLength(1);
  });

  it('Redis stopped: visitors are served without a limit (counted), jobs are skipped, readiness says redis down; all returns with Redis', async () => {
    await redis.stop();
    await until(async () => (await ready(a)).body.details?.redis?.connection === 'down' && (await ready(b)).body.details?.redis?.connection === 'down');
    const readiness = await ready(a);
    expect(readiness.status).toBe(200);
    expect(readiness.body.details.redis).toEqual({ status: 'degraded', connection: 'down' });
    expect(readiness.body.details.database.status).toBe('up');

    const failOpenBefore = (await metric(a, 'holibot_rate_limit_fail_open_total')) + (await metric(b, 'holibot_rate_limit_fail_open_total'));
    const visitor = { 'x-forwarded-for': '203.0.113.9' };
    const statuses: number[] = [];
    for (let request = 0; request < 35; request++) statuses.push((await chatClient(request % 2 ? b.url : a.url, visitor).ask('beaches')).status);
    expect(new Set(statuses)).toEqual(new Set([200]));
    const failOpenAfter = (await metric(a, 'holibot_rate_limit_fail_open_total')) + (await metric(b, 'holibot_rate_limit_fail_open_total'));
    expect(failOpenAfter - failOpenBefore).toBeGreaterThanOrEqual(35);

    // No job runs without its lease: ticks are skipped, none is run (twice or at all).
    const doneBefore = await jobRuns('done');
    await sleep(5_000);
    expect(await jobRuns('done')).toBe(doneBefore);
    // The skipped job shows in readiness (degraded, still 200), so an outage that stops the jobs is seen.
    const during = await ready(a);
    expect([during.status, during.body.details['session-cleanup'].status]).toEqual([200, 'degraded']);
    const output = a.output() + b.output();
    expect(output).toMatch(/Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0 is unreachable/);
    expect(output).toMatch(/session-cleanup \(cron\): skipped: Redis is unreachable/);
    expect(output).toMatch(/Rate limit not applied to \d+ request\(s\): Redis did not answer/);
    // The password is never logged, and no stack trace is.
    expect(output).not.toContain('scale-out pass');
    expect(output).not.toContain('scale-out%20pass');
    expect(output).not.toMatch(STACK_FRAME);

    await redis.start();
    await until(async () => (await ready(a)).body.details?.redis?.status === 'up' && (await ready(b)).body.details?.redis?.status === 'up');
    const again = { 'x-forwarded-for': '203.0.113.10' };
    for (let request = 0; request < 30; request++) expect((await chatClient(request % 2 ? b.url : a.url, again).ask('beaches')).status).toBe(200);
    expect((await chatClient(a.url, again).ask('beaches')).status).toBe(429);
    await until(async () => (await jobRuns('done')) > doneBefore);
  });
});

describe('several instances without Redis', () => {
  const WARNING = /several HoliBot processes without REDIS_URL — each counts its own rate limit/;

  it('HOLIBOT_INSTANCES > 1, or PM2 cluster mode, warns once at start; one instance does not', async () => {
    const told = await runToExit(testEnv(freshSqliteDatabase(), { HOLIBOT_INSTANCES: '3', LOG_LEVEL: 'info' }));
    expect(told.output.match(new RegExp(WARNING, 'g'))).toHaveLength(1);
    expect(told.output).toContain('HOLIBOT_INSTANCES=3: several HoliBot processes');
    const pm2 = await runToExit({ ...testEnv(freshSqliteDatabase(), { LOG_LEVEL: 'info' }), NODE_APP_INSTANCE: '1' });
    expect(pm2.output).toContain('PM2 cluster mode (NODE_APP_INSTANCE=1)');
    const single = await runToExit(testEnv(freshSqliteDatabase(), { LOG_LEVEL: 'info' }));
    expect(single.output).not.toMatch(WARNING);
  }, 90_000);
});
