import { type TestRedis, TestRedisCluster, TestRedisServer } from '../../test/support/redis-server.js';
import { RedisConnection } from '../redis/index.js';
import { LOGIN_WINDOW_MS } from './login-limiter.js';
import { RedisLoginAttempts } from './redis-login-attempts.js';

// The sign-in limit across instances, on a real redis-server of the test's own and on a three-node
// Redis Cluster (the script's keys and the MULTI share one hash tag: one node).
describe.each([
  ['one Redis server', (): TestRedis => new TestRedisServer()],
  ['a Redis Cluster', (): TestRedis => new TestRedisCluster()],
])('RedisLoginAttempts on %s', (_, make) => {
  const server = make();
  const connections: RedisConnection[] = [];
  async function instance(): Promise<RedisLoginAttempts> {
    const connection = new RedisConnection(server.url, 'login');
    connections.push(connection);
    await connection.ready(5000);
    return new RedisLoginAttempts(connection);
  }
  beforeAll(() => server.start());
  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.close()));
    await server.stop();
  });

  it('counts failures across instances: the sixth try, on either, waits for the window', async () => {
    const [a, b] = [await instance(), await instance()];
    const keys = ['ip:198.51.100.1', 'email:ops@example.com'];
    const now = Date.now();
    const results = [];
    for (let attempt = 0; attempt < 5; attempt++) results.push(await (attempt % 2 ? b : a).attempt(keys, now + attempt));
    expect(results.map((result) => [result.waitMs, result.lockout])).toEqual([
      [0, false],
      [0, false],
      [0, false],
      [0, false],
      [0, true],
    ]);
    const refused = await b.attempt(keys, now + 10);
    // Until the oldest of the five leaves the window (Redis's clock: a few ms have passed).
    expect(refused.waitMs).toBeGreaterThan(LOGIN_WINDOW_MS - 5000);
    expect(refused.waitMs).toBeLessThanOrEqual(LOGIN_WINDOW_MS);
    // The same account from another address is locked too (its key is at the limit); another account is not.
    expect((await a.attempt(['ip:198.51.100.2', 'email:ops@example.com'], now + 20)).waitMs).toBeGreaterThan(0);
    expect((await a.attempt(['ip:198.51.100.2', 'email:other@example.com'], now + 20)).waitMs).toBe(0);
  });

  it('a burst of parallel guesses on two instances counts each one: exactly five get through', async () => {
    const [a, b] = [await instance(), await instance()];
    const keys = ['ip:198.51.100.3', 'email:burst@example.com'];
    const now = Date.now();
    const results = await Promise.all(Array.from({ length: 12 }, (_, index) => (index % 2 ? a : b).attempt(keys, now)));
    expect(results.filter((result) => result.waitMs === 0)).toHaveLength(5);
  });

  it("a sign-in that works takes its attempt back and forgets the account's failures", async () => {
    const [a, b] = [await instance(), await instance()];
    const keys = ['ip:198.51.100.4', 'email:good@example.com'];
    const now = Date.now();
    for (let attempt = 0; attempt < 4; attempt++) await a.attempt(keys, now + attempt);
    const last = await b.attempt(keys, now + 5);
    expect(last.lockout).toBe(true);
    await b.succeed(keys, last.token);
    // The address has its four earlier failures left; the account none.
    expect((await a.attempt(['ip:198.51.100.9', 'email:good@example.com'], now + 6)).waitMs).toBe(0);
    expect((await a.attempt(keys, now + 7)).lockout).toBe(true);
  });

  it('Redis away: each instance still limits on its own, and the shared count is back with Redis', async () => {
    const a = await instance();
    await server.stop();
    const keys = ['ip:198.51.100.5', 'email:away@example.com'];
    const now = Date.now();
    const results = [];
    for (let attempt = 0; attempt < 6; attempt++) results.push(await a.attempt(keys, now + attempt));
    expect(results.map((result) => result.waitMs > 0)).toEqual([false, false, false, false, false, true]);
    await server.start();
    // Counted in Redis again as soon as it answers (a cluster first agrees on its slots).
    const started = Date.now();
    while (!(await a.attempt(['ip:198.51.100.6', 'email:back@example.com'], Date.now())).token.startsWith('redis:')) {
      if (Date.now() - started > 15_000) throw new Error('sign-in attempts were not counted in Redis within 15 s of its return');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
});
