import type { DatabaseConfig } from '@holibot/database';
import { type RunningApp, chatClient, startApp, testEnv, JOBS_UP } from './support/app.js';
import { dropMysqlDatabase, freshMysqlDatabase, mysqlAvailable } from '@holibot/database/testing';
import { TcpProxy } from './support/tcp-proxy.js';

const withMysql = await mysqlAvailable();

const QUERY_TIMEOUT_MS = 1000;
/** A hung database must cost a request about one timeout (a connection wait, then one query), not the 10–30 s it did. */
const BOUND_MS = 3 * QUERY_TIMEOUT_MS;
const POOL_SIZE = 3;
const UNAVAILABLE = { success: false, error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String) } };

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

(withMysql ? describe : describe.skip)('a MySQL that stops answering but keeps its connections open', () => {
  let database: DatabaseConfig;
  let proxy: TcpProxy;
  let running: RunningApp;
  let sessionId: string;
  beforeAll(async () => {
    database = await freshMysqlDatabase('hang');
    if (database.type !== 'mysql') throw new Error('unreachable');
    proxy = new TcpProxy({ host: database.host, port: database.port });
    await proxy.open();
    running = await startApp(
      testEnv(
        { ...database, host: '127.0.0.1', port: proxy.port },
        { RATE_LIMIT_ENABLED: 'false', DB_QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS), DB_POOL_SIZE: String(POOL_SIZE) },
      ),
    );
    const first = await chatClient(running.url).ask('beaches');
    expect(first.status).toBe(200);
    sessionId = first.body.data.sessionId;
  });
  afterAll(async () => {
    await running?.close();
    await proxy?.cut();
    await dropMysqlDatabase(database);
  });

  const readSession = async () => {
    const response = await fetch(`${running.url}/api/v1/chat/session/${sessionId}`);
    return { status: response.status, body: await response.json() };
  };
  const ready = async () => {
    const response = await fetch(`${running.url}/health/ready`);
    return { status: response.status, body: await response.json() };
  };

  async function expectFastServiceUnavailable(): Promise<void> {
    // More requests, one after the other, than the pool has connections: a connection whose
    // query timed out must not be handed to the next request (its next query would wait for good).
    for (let round = 0; round < POOL_SIZE + 1; round += 1) {
      const message = await timed(() => chatClient(running.url).ask('and museums?', sessionId));
      expect(message.value).toMatchObject({ status: 503, body: UNAVAILABLE });
      expect(message.ms).toBeLessThan(BOUND_MS);
      const read = await timed(readSession);
      expect(read.value).toEqual({ status: 503, body: UNAVAILABLE });
      expect(read.ms).toBeLessThan(BOUND_MS);
    }
    // A new conversation only writes.
    const fresh = await timed(() => chatClient(running.url).ask('restaurants'));
    expect(fresh.value).toMatchObject({ status: 503, body: UNAVAILABLE });
    expect(fresh.ms).toBeLessThan(BOUND_MS);
    // More at once than the pool holds: the ones waiting for a connection give up in time too.
    const burst = await timed(() =>
      Promise.all(Array.from({ length: 3 * POOL_SIZE }, (_, i) => (i % 2 ? readSession() : chatClient(running.url).ask('bars', sessionId)))),
    );
    for (const response of burst.value) expect(response).toMatchObject({ status: 503, body: UNAVAILABLE });
    expect(burst.ms).toBeLessThan(BOUND_MS);
    const probe = await timed(ready);
    expect(probe.value).toEqual({
      status: 503,
      body: { success: false, error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String), checks: { database: { status: 'down' }, ...JOBS_UP } } },
    });
    expect(probe.ms).toBeLessThan(BOUND_MS);
  }

  async function expectRecovery(): Promise<void> {
    const deadline = Date.now() + 5000;
    let status = 0;
    while (status !== 200 && Date.now() < deadline) {
      status = (await readSession()).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toBe(200);
    expect((await chatClient(running.url).ask('and hiking?', sessionId)).status).toBe(200);
    expect((await chatClient(running.url).ask('cafés')).status).toBe(200);
    expect((await ready()).status).toBe(200);
  }

  it('paused (bytes held both ways): requests get 503 within the timeout, readiness is down; it recovers by itself', async () => {
    proxy.pause();
    try {
      await expectFastServiceUnavailable();
    } finally {
      proxy.resume();
    }
    await expectRecovery();
  }, 60_000);

  it('blackholed (new connections accepted, never answered): the same', async () => {
    proxy.blackhole();
    try {
      await expectFastServiceUnavailable();
    } finally {
      proxy.resume();
    }
    await expectRecovery();
  }, 60_000);
});
