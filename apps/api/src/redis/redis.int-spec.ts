import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureNestLogs } from '../../test/support/captured-logs.js';
import { type TestRedis, TestRedisCluster, TestRedisServer, testCertificates } from '../../test/support/redis-server.js';
import { LockUnavailableError } from '../scheduling/index.js';
import { REDIS_COMMAND_TIMEOUT_MS, RedisConnection } from './redis-connection.js';
import { RedisJobLock } from './redis-job-lock.js';
import { RedisSharedCircuit } from './redis-shared-circuit.js';
import { RedisThrottlerStorage } from './redis-throttler-storage.js';

// Against a real redis-server of the test's own (stopped and started again to play outages).
const logged = captureNestLogs();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not true within ${timeoutMs} ms`);
    await sleep(50);
  }
}

// Every test runs on one server (with a password) and on a three-node Redis Cluster reached through one node's URL.
describe.each([
  ['one Redis server', (): TestRedis => new TestRedisServer('s3cret pass')],
  ['a Redis Cluster', (): TestRedis => new TestRedisCluster()],
])('Redis on %s: what several instances share', (_, make) => {
  const server = make();
  const connections: RedisConnection[] = [];
  /** A connection as one instance would hold it. */
  async function instance(namespace = 'test'): Promise<RedisConnection> {
    const connection = new RedisConnection(server.url, namespace);
    connections.push(connection);
    expect(await connection.ready(5000)).toBe(true);
    return connection;
  }

  beforeAll(async () => {
    await server.start();
  });
  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.close()));
    await server.stop();
  });

  describe('RedisThrottlerStorage', () => {
    const failOpen = { count: 0, rateLimitFailOpen: () => void failOpen.count++ };

    it('counts one bucket across instances: the limit+1st hit, on either, is blocked', async () => {
      const [a, b] = [new RedisThrottlerStorage(await instance(), failOpen), new RedisThrottlerStorage(await instance(), failOpen)];
      const results = [];
      for (let hit = 0; hit < 6; hit++) results.push(await (hit % 2 ? a : b).increment('visitor-1', 60_000, 5, 60_000, 'default'));
      expect(results.map((record) => record.totalHits)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(results.map((record) => record.isBlocked)).toEqual([false, false, false, false, false, true]);
      expect(results[0]!.timeToExpire).toBeGreaterThan(55);
      expect(results[0]!.timeToExpire).toBeLessThanOrEqual(60);
      expect(results[5]!.timeToBlockExpire).toBe(60);
      // Blocked stays blocked; another visitor has a bucket of its own.
      expect((await b.increment('visitor-1', 60_000, 5, 60_000, 'default')).isBlocked).toBe(true);
      expect((await b.increment('visitor-2', 60_000, 5, 60_000, 'default')).totalHits).toBe(1);
    });

    it('is a sliding window: hits expire one by one, and a block ends with a fresh count', async () => {
      const storage = new RedisThrottlerStorage(await instance(), failOpen);
      // Windows of seconds, so that a loaded machine's pauses do not change the count.
      await storage.increment('slide', 2000, 2, 1500, 'default');
      await sleep(1200);
      await storage.increment('slide', 2000, 2, 1500, 'default');
      await sleep(1000);
      // The first hit has expired (2.2 s old), the second not (1 s old).
      expect((await storage.increment('slide', 2000, 2, 1500, 'default')).totalHits).toBe(2);
      expect((await storage.increment('slide', 2000, 2, 1500, 'default')).isBlocked).toBe(true);
      await sleep(1700);
      expect(await storage.increment('slide', 2000, 2, 1500, 'default')).toMatchObject({ totalHits: 1, isBlocked: false });
    });

    it('keeps namespaces apart: two deployments on one Redis do not share limits', async () => {
      const mine = new RedisThrottlerStorage(await instance('one'), failOpen);
      const theirs = new RedisThrottlerStorage(await instance('two'), failOpen);
      await mine.increment('shared-ip', 60_000, 1, 60_000, 'default');
      expect((await mine.increment('shared-ip', 60_000, 1, 60_000, 'default')).isBlocked).toBe(true);
      expect((await theirs.increment('shared-ip', 60_000, 1, 60_000, 'default')).isBlocked).toBe(false);
    });
  });

  describe('RedisJobLock', () => {
    it('one holder at a time across instances; released, it is free', async () => {
      const [a, b] = [new RedisJobLock(await instance()), new RedisJobLock(await instance())];
      const held = await a.tryAcquire('cleanup');
      expect(held).not.toBeNull();
      expect(await b.tryAcquire('cleanup')).toBeNull();
      expect(await a.tryAcquire('cleanup')).toBeNull();
      expect(await b.tryAcquire('backup')).not.toBeNull();
      await held!.release();
      await held!.release();
      const next = await b.tryAcquire('cleanup');
      expect(next).not.toBeNull();
      await next!.release();
    });

    it('is renewed while the job runs, beyond its lease', async () => {
      const [a, b] = [new RedisJobLock(await instance(), 900), new RedisJobLock(await instance(), 900)];
      const held = await a.tryAcquire('long-job');
      await sleep(2500);
      expect(await b.tryAcquire('long-job')).toBeNull();
      await held!.release();
      const next = await b.tryAcquire('long-job');
      expect(next).not.toBeNull();
      await next!.release();
    });

    it("a late release never frees another holder's lease", async () => {
      const redis = await instance();
      // A long lease: no renewal comes while the test plays the stall.
      const a = new RedisJobLock(redis, 60_000);
      const held = await a.tryAcquire('stolen');
      // The holder stalls past its lease without renewing (as a frozen process would).
      await redis.run((client) => client.pexpire(redis.key('lock:{stolen}'), 1));
      await sleep(20);
      const other = await new RedisJobLock(await instance(), 60_000).tryAcquire('stolen');
      expect(other).not.toBeNull();
      await held!.release();
      expect(await new RedisJobLock(await instance()).tryAcquire('stolen')).toBeNull();
      await other!.release();
    });

    it('holdAtLeastMs marks the tick taken after a short run: a later tick elsewhere skips it, a manual run does not wait', async () => {
      const [a, b] = [new RedisJobLock(await instance()), new RedisJobLock(await instance())];
      const held = await a.tryAcquire('tick', { holdAtLeastMs: 1000 });
      await held!.release();
      expect(await b.tryAcquire('tick', { holdAtLeastMs: 1000 })).toBeNull();
      const manual = await b.tryAcquire('tick');
      expect(manual).not.toBeNull();
      await manual!.release();
      await sleep(1100);
      const next = await b.tryAcquire('tick', { holdAtLeastMs: 1000 });
      expect(next).not.toBeNull();
      await next!.release();
    });

    it('a lease lost with a Redis restarted empty is taken again by its holder at the next renewal', async () => {
      const [a, b] = [new RedisJobLock(await instance(), 900), new RedisJobLock(await instance(), 900)];
      const held = await a.tryAcquire('restarted');
      await server.stop();
      await server.start();
      await until(async () => (await Promise.all(connections.map((connection) => connection.ping()))).every(Boolean));
      await sleep(700);
      expect(await b.tryAcquire('restarted')).toBeNull();
      await held!.release();
    });
  });

  describe('RedisSharedCircuit', () => {
    it("one instance's opening is seen by the others until it half-opens or closes", async () => {
      const [a, b] = [new RedisSharedCircuit(await instance(), 'mistral'), new RedisSharedCircuit(await instance(), 'mistral')];
      expect(await b.isOpen()).toBe(false);
      a.opened(60_000);
      await sleep(1100);
      expect(await b.isOpen()).toBe(true);
      // A trial call elsewhere succeeded: closed for everyone, long before the open time ends.
      a.closed();
      await sleep(1100);
      expect(await b.isOpen()).toBe(false);
    });
  });

  describe('Redis goes away and comes back', () => {
    it('the rate limit fails open and counts it, locks fail closed, the circuit is per process; all recover', async () => {
      const redis = await instance();
      const failOpen = { count: 0, rateLimitFailOpen: () => void failOpen.count++ };
      const storage = new RedisThrottlerStorage(redis, failOpen);
      const lock = new RedisJobLock(redis);
      const circuit = new RedisSharedCircuit(redis, 'outage');
      circuit.opened(60_000);

      await server.stop();
      await until(async () => !(await redis.ping()));
      for (let hit = 0; hit < 5; hit++) expect((await storage.increment('outage', 60_000, 1, 60_000, 'default')).isBlocked).toBe(false);
      expect(failOpen.count).toBe(5);
      await expect(lock.tryAcquire('cleanup-outage')).rejects.toBeInstanceOf(LockUnavailableError);
      await sleep(1100);
      expect(await circuit.isOpen()).toBe(false);

      // A hung Redis (frozen, connections open): each command gives up after the command timeout.
      await server.start();
      await until(() => redis.ping());
      logged.length = 0;
      server.pause();
      const started = Date.now();
      expect((await storage.increment('hung', 60_000, 1, 60_000, 'default')).isBlocked).toBe(false);
      expect(Date.now() - started).toBeLessThan(3 * REDIS_COMMAND_TIMEOUT_MS);
      // Found hung: not asked again for a while — the next request does not wait, and it shows down.
      const next = Date.now();
      expect((await storage.increment('hung', 60_000, 1, 60_000, 'default')).isBlocked).toBe(false);
      expect(Date.now() - next).toBeLessThan(REDIS_COMMAND_TIMEOUT_MS / 2);
      expect(redis.isUp).toBe(false);
      expect(await redis.ping()).toBe(false);
      server.resume();

      await until(async () => (await storage.increment('back', 60_000, 1, 60_000, 'default')).totalHits > 0, 15_000);
      // The operator reads both: the outage (a command's timeout, or the connection dropped first on a loaded machine),
      // and its end (whether or not the connection was dropped meanwhile).
      const lines = logged.map((line) => line.message);
      expect(lines).toContainEqual(
        expect.stringMatching(/ is unreachable \((a command got no answer in time: (Redis )?[Cc]ommand timed out|connection closed)/),
      );
      await until(() => logged.some((line) => / is back: rate limit, job leases and the Mistral circuit are shared again$/.test(line.message)));
      expect((await storage.increment('back', 60_000, 1, 60_000, 'default')).isBlocked).toBe(true);
      const held = await lock.tryAcquire('cleanup-outage');
      expect(held).not.toBeNull();
      await held!.release();
    });
  });
});

describe('Redis Cluster: REDIS_URL names one node', () => {
  const cluster = new TestRedisCluster();
  const connections: RedisConnection[] = [];
  async function instance(url = cluster.url): Promise<RedisConnection> {
    const connection = new RedisConnection(url, 'cluster-test');
    connections.push(connection);
    expect(await connection.ready(10_000)).toBe(true);
    return connection;
  }
  beforeAll(() => cluster.start());
  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.close()));
    await cluster.stop();
  });

  it('the connection becomes a cluster client: keys spread over every node, each bucket counted on one', async () => {
    // Two instances, each told a different node.
    logged.length = 0;
    const [a, b] = [await instance(), await instance(cluster.nodes[2]!.url)];
    expect(a.isCluster && b.isCluster).toBe(true);
    expect(logged.map((line) => line.message)).toContain(`${cluster.url} is a Redis Cluster node: connecting to the cluster`);
    expect(logged.map((line) => line.message)).toContain(`Connected to the Redis Cluster (3 primaries) through ${cluster.url}`);
    expect(logged.filter((line) => line.level === 'error')).toEqual([]);
    const failOpen = { count: 0, rateLimitFailOpen: () => void failOpen.count++ };
    const [storageA, storageB] = [new RedisThrottlerStorage(a, failOpen), new RedisThrottlerStorage(b, failOpen)];
    for (let visitor = 0; visitor < 60; visitor++) {
      await storageA.increment(`spread-${visitor}`, 60_000, 1, 60_000, 'default');
      expect((await storageB.increment(`spread-${visitor}`, 60_000, 1, 60_000, 'default')).isBlocked).toBe(true);
    }
    expect(failOpen.count).toBe(0);
    const perNode = await cluster.keysPerNode();
    expect(perNode.every((keys) => keys > 0)).toBe(true);
    expect(await a.ping()).toBe(true);
  });

  it('one node lost: its keys fail at once or after the command timeout (open for the rate limit, closed for locks); all back when it rejoins', async () => {
    const redis = await instance();
    const failOpen = { count: 0, rateLimitFailOpen: () => void failOpen.count++ };
    const storage = new RedisThrottlerStorage(redis, failOpen);
    const lock = new RedisJobLock(redis);
    await cluster.nodes[1]!.stop();
    // Every key of every node, whichever node holds it: none waits long, none throws.
    for (let visitor = 0; visitor < 30; visitor++) {
      const started = Date.now();
      expect((await storage.increment(`lost-${visitor}`, 60_000, 5, 60_000, 'default')).isBlocked).toBe(false);
      expect(Date.now() - started).toBeLessThan(3 * REDIS_COMMAND_TIMEOUT_MS);
    }
    // The lost node's slots (at least) fail: those visitors were let through uncounted.
    expect(failOpen.count).toBeGreaterThan(0);
    // Readiness sees it, though the node it asks answers: the cluster says its state is fail.
    await until(async () => !(await redis.ping()));
    const jobs = ['cleanup', 'backup', 'alerts', 'weekly-report', 'stats', 'deploy'];
    const results = await Promise.allSettled(jobs.map((job) => lock.tryAcquire(`lost-${job}`)));
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(LockUnavailableError);
      else await result.value?.release();
    }

    await cluster.nodes[1]!.start();
    await cluster.untilOk();
    await until(() => redis.ping());
    await until(async () => {
      const before = failOpen.count;
      for (let visitor = 0; visitor < 30; visitor++) await storage.increment(`back-${visitor}`, 60_000, 5, 60_000, 'default');
      return failOpen.count === before;
    }, 20_000);
    const held = await Promise.all(jobs.map((job) => lock.tryAcquire(`back-${job}`)));
    expect(held.every((lease) => lease !== null)).toBe(true);
    await Promise.all(held.map((lease) => lease!.release()));
  });

  it('a least-privilege user (no @dangerous, so no INFO) is still recognised as on a cluster', async () => {
    await cluster.everyNode('ACL', 'SETUSER', 'limited', 'on', '>limited pass', '~*', '+@all', '-@dangerous');
    logged.length = 0;
    const connection = new RedisConnection(cluster.url.replace('redis://', 'redis://limited:limited%20pass@'), 'cluster-test');
    connections.push(connection);
    expect(await connection.ready(10_000)).toBe(true);
    expect(connection.isCluster).toBe(true);
    const failOpen = { count: 0, rateLimitFailOpen: () => void failOpen.count++ };
    const storage = new RedisThrottlerStorage(connection, failOpen);
    for (let visitor = 0; visitor < 20; visitor++) {
      await storage.increment(`limited-${visitor}`, 60_000, 1, 60_000, 'default');
      expect((await storage.increment(`limited-${visitor}`, 60_000, 1, 60_000, 'default')).isBlocked).toBe(true);
    }
    expect(failOpen.count).toBe(0);
    expect(logged.filter((line) => line.level !== 'log')).toEqual([]);
    expect(logged.map((line) => line.message).join('\n')).not.toContain('limited pass');
  });

  it("REDIS_URL's node down at start: the connection finds the cluster once the node answers", async () => {
    await cluster.nodes[0]!.stop();
    const connection = new RedisConnection(cluster.url, 'cluster-test');
    connections.push(connection);
    expect(await connection.ready(1500)).toBe(false);
    expect(connection.isUp).toBe(false);
    await expect(connection.run((client) => client.ping())).rejects.toThrow();
    await cluster.nodes[0]!.start();
    await cluster.untilOk();
    expect(await connection.ready(15_000)).toBe(true);
    expect(connection.isCluster).toBe(true);
    const lock = new RedisJobLock(connection);
    const held = await Promise.all(['one', 'two', 'three', 'four'].map((job) => lock.tryAcquire(`late-${job}`)));
    expect(held.every((lease) => lease !== null)).toBe(true);
    await Promise.all(held.map((lease) => lease!.release()));
  });
});

describe('a cluster node that does not answer HELLO (renamed away, or the check timed out)', () => {
  const cluster = new TestRedisCluster({ args: ['--rename-command', 'HELLO', ''] });
  const connections: RedisConnection[] = [];
  beforeAll(() => cluster.start());
  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.close()));
    await cluster.stop();
  });

  it('is taken for one server, with a warning; the first MOVED reply moves it to the cluster', async () => {
    logged.length = 0;
    const connection = new RedisConnection(cluster.url, 'no-hello');
    connections.push(connection);
    expect(await connection.ready(10_000)).toBe(true);
    expect(connection.isCluster).toBe(false);
    expect(logged.map((line) => line.message)).toContainEqual(
      expect.stringMatching(/^Could not ask redis:\/\/127\.0\.0\.1:\d+\/0 what it is \(HELLO: ERR unknown command/),
    );
    const failOpen = { count: 0, rateLimitFailOpen: () => void failOpen.count++ };
    const storage = new RedisThrottlerStorage(connection, failOpen);
    // Some visitor's bucket is on another node: MOVED (let through, as when Redis is away), and the switch.
    for (let visitor = 0; visitor < 10 && !connection.isCluster; visitor++) await storage.increment(`moved-${visitor}`, 60_000, 1, 60_000, 'default');
    expect(connection.isCluster).toBe(true);
    expect(failOpen.count).toBe(1);
    expect(await connection.ready(10_000)).toBe(true);
    for (let visitor = 0; visitor < 20; visitor++) {
      await storage.increment(`after-${visitor}`, 60_000, 1, 60_000, 'default');
      expect((await storage.increment(`after-${visitor}`, 60_000, 1, 60_000, 'default')).isBlocked).toBe(true);
    }
    expect(failOpen.count).toBe(1);
  });
});

describe('rediss:// (TLS) with a CA of its own', () => {
  const certificates = testCertificates(mkdtempSync(join(tmpdir(), 'holibot-redis-tls-')));
  const server = new TestRedisServer('tls pass', { tls: certificates });
  const connections: RedisConnection[] = [];
  beforeAll(() => server.start());
  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.close()));
    await server.stop();
  });

  it('connects when told to trust the CA (REDIS_TLS_CA_FILE), and the shared features work over it', async () => {
    expect(server.url).toMatch(/^rediss:\/\//);
    const connection = new RedisConnection(server.url, 'tls-test', { tlsCa: readFileSync(certificates.ca, 'utf8') });
    connections.push(connection);
    expect(await connection.ready(5000)).toBe(true);
    const failOpen = { count: 0, rateLimitFailOpen: () => void failOpen.count++ };
    const storage = new RedisThrottlerStorage(connection, failOpen);
    await storage.increment('tls-visitor', 60_000, 1, 60_000, 'default');
    expect((await storage.increment('tls-visitor', 60_000, 1, 60_000, 'default')).isBlocked).toBe(true);
    expect(failOpen.count).toBe(0);
    const held = await new RedisJobLock(connection).tryAcquire('tls-job');
    expect(held).not.toBeNull();
    await held!.release();
  });

  it('refuses a server whose certificate it cannot verify, and says why (never falls back to plain text)', async () => {
    logged.length = 0;
    const connection = new RedisConnection(server.url, 'tls-test');
    connections.push(connection);
    expect(await connection.ready(2000)).toBe(false);
    const warnings = logged.filter((line) => line.level === 'warn').map((line) => line.message);
    expect(warnings.join('\n')).toMatch(/unreachable \((self[- ]signed certificate|unable to verify)/);
    expect(warnings.join('\n')).not.toContain('tls pass');
  });
});

describe('Redis Cluster over TLS, with a certificate that names the host (not its IP)', () => {
  const certificates = testCertificates(mkdtempSync(join(tmpdir(), 'holibot-redis-cluster-tls-')), 'DNS:localhost');
  const cluster = new TestRedisCluster({ tls: certificates, host: 'localhost' });
  const connections: RedisConnection[] = [];
  beforeAll(() => cluster.start());
  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.close()));
    await cluster.stop();
  });

  it("reaches every node at the IP the cluster announces, checking each certificate against REDIS_URL's host name", async () => {
    expect(cluster.url).toMatch(/^rediss:\/\/localhost:\d+\/0$/);
    const tlsCa = readFileSync(certificates.ca, 'utf8');
    const [a, b] = [new RedisConnection(cluster.url, 'cluster-tls', { tlsCa }), new RedisConnection(cluster.nodes[1]!.url, 'cluster-tls', { tlsCa })];
    connections.push(a, b);
    expect(await a.ready(10_000)).toBe(true);
    expect(await b.ready(10_000)).toBe(true);
    expect(a.isCluster && b.isCluster).toBe(true);
    const failOpen = { count: 0, rateLimitFailOpen: () => void failOpen.count++ };
    const [storageA, storageB] = [new RedisThrottlerStorage(a, failOpen), new RedisThrottlerStorage(b, failOpen)];
    for (let visitor = 0; visitor < 30; visitor++) {
      await storageA.increment(`tls-${visitor}`, 60_000, 1, 60_000, 'default');
      expect((await storageB.increment(`tls-${visitor}`, 60_000, 1, 60_000, 'default')).isBlocked).toBe(true);
    }
    expect(failOpen.count).toBe(0);
    expect((await cluster.keysPerNode()).every((keys) => keys > 0)).toBe(true);
  });

  it('without the CA it stays down and says why: the certificate, not a bare "Connection is closed"', async () => {
    logged.length = 0;
    const connection = new RedisConnection(cluster.url, 'cluster-tls');
    connections.push(connection);
    expect(await connection.ready(2000)).toBe(false);
    expect(logged.filter((line) => line.level === 'warn').map((line) => line.message)).toEqual([
      expect.stringMatching(/^Redis at rediss:\/\/localhost:\d+\/0 is unreachable \((self[- ]signed certificate|unable to verify)/),
    ]);
  });
});
