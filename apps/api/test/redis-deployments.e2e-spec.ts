import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseConfig } from '@holibot/database';
import { dropMysqlDatabase, freshMysqlDatabase, freshSqliteDatabase, mysqlAvailable } from '@holibot/database/testing';
import { type RunningApp, chatClient, runToExit, startApp, testEnv } from './support/app.js';
import { TestRedisCluster, TestRedisServer, testCertificates } from './support/redis-server.js';

// The Redis deployments an operator may name in REDIS_URL besides one plain server (scale-out.e2e-spec):
// any node of a Redis Cluster, and a Redis over TLS with a CA of its own. Servers of the test's own.

const withMysql = (await mysqlAvailable()) || process.env['CI'] === 'true';
/** A small budget: a few requests show whether the count is shared. */
const LIMIT = 6;

async function readiness(app: RunningApp): Promise<{ status: number; body: any }> {
  const response = await fetch(`${app.url}/health/ready`);
  return { status: response.status, body: await response.json() };
}

(withMysql ? describe : describe.skip)('REDIS_URL names one node of a Redis Cluster', () => {
  const cluster = new TestRedisCluster();
  let database: DatabaseConfig;
  let a: RunningApp;
  let b: RunningApp;

  beforeAll(async () => {
    await cluster.start();
    database = await freshMysqlDatabase('redis_cluster');
    const env = (url: string) =>
      testEnv(database, { REDIS_URL: url, HOLIBOT_INSTANCES: '2', LOG_LEVEL: 'info', TRUST_PROXY: 'loopback', RATE_LIMIT_MAX_REQUESTS: String(LIMIT) });
    // Each instance is told a different node; the first applies the migrations.
    a = await startApp(env(cluster.nodes[0]!.url));
    b = await startApp(env(cluster.nodes[2]!.url));
  }, 90_000);
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await cluster.stop();
    if (database) await dropMysqlDatabase(database);
  });

  it('both instances find the cluster, are ready with redis up, and share one rate limit across nodes', async () => {
    for (const [app, node] of [
      [a, cluster.nodes[0]!],
      [b, cluster.nodes[2]!],
    ] as const) {
      expect(app.output()).toContain(`${node.url} is a Redis Cluster node: connecting to the cluster`);
      expect(app.output()).toContain(`Connected to the Redis Cluster (3 primaries) through ${node.url}`);
      expect(app.output()).not.toMatch(/MOVED|CROSSSLOT|ERROR/);
      const ready = await readiness(app);
      expect(ready.status).toBe(200);
      expect(ready.body.details.redis).toEqual({ status: 'up' });
    }
    // Several visitors (their buckets land on different nodes): each gets LIMIT answers in all, over both instances.
    for (const visitor of ['203.0.113.21', '203.0.113.22', '203.0.113.23', '203.0.113.24']) {
      const headers = { 'x-forwarded-for': visitor };
      const statuses = [];
      for (let request = 0; request <= LIMIT; request++) statuses.push((await chatClient(request % 2 ? a.url : b.url, headers).ask('beaches')).status);
      expect(statuses).toEqual([...Array<number>(LIMIT).fill(200), 429]);
    }
    const keys = await cluster.keysPerNode();
    expect(keys.filter((count) => count > 0).length).toBeGreaterThanOrEqual(2);
  });
});

describe('REDIS_URL=rediss:// with REDIS_TLS_CA_FILE', () => {
  const certificates = testCertificates(mkdtempSync(join(tmpdir(), 'holibot-redis-tls-')));
  const redis = new TestRedisServer('tls e2e pass', { tls: certificates });
  let app: RunningApp;

  beforeAll(async () => {
    await redis.start();
    app = await startApp(
      testEnv(freshSqliteDatabase(), {
        REDIS_URL: redis.url,
        REDIS_TLS_CA_FILE: certificates.ca,
        LOG_LEVEL: 'info',
        TRUST_PROXY: 'loopback',
        RATE_LIMIT_MAX_REQUESTS: String(LIMIT),
      }),
    );
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await redis.stop();
  });

  it('connects over TLS, verifies the certificate against the CA, and counts the rate limit in that Redis', async () => {
    expect(app.output()).toContain(`Connected to Redis at rediss://:***@127.0.0.1:${redis.port}/0`);
    expect(app.output()).not.toContain('tls e2e pass');
    expect((await readiness(app)).body.details.redis).toEqual({ status: 'up' });
    const visitor = chatClient(app.url, { 'x-forwarded-for': '203.0.113.31' });
    const statuses = [];
    for (let request = 0; request <= LIMIT; request++) statuses.push((await visitor.ask('beaches')).status);
    expect(statuses).toEqual([...Array<number>(LIMIT).fill(200), 429]);
  });

  it('a CA file that is missing, or that holds no certificate, stops the start with a clear message', async () => {
    const base = testEnv(freshSqliteDatabase(), { REDIS_URL: redis.url });
    const missing = await runToExit({ ...base, REDIS_TLS_CA_FILE: join(tmpdir(), 'no-such-ca.pem') });
    expect(missing.code).not.toBe(0);
    expect(missing.output).toMatch(/REDIS_TLS_CA_FILE=".*no-such-ca\.pem": cannot read it \(ENOENT\)/);
    const key = await runToExit({ ...base, REDIS_TLS_CA_FILE: certificates.key });
    expect(key.code).not.toBe(0);
    expect(key.output).toContain('holds no PEM certificate');
    expect(`${missing.output}${key.output}`).not.toMatch(/tls e2e pass|\n\s+at /);
  }, 60_000);
});
