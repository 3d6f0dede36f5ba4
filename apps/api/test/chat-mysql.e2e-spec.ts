import type { DatabaseConfig } from '@holibot/database';
import { conversationTests, harderConversationTests, answerQualityTests } from './conversations.js';
import { FIXED_NOW, type RunningApp, chatClient, startApp, testEnv, JOBS_UP } from './support/app.js';
import { dropMysqlDatabase, freshMysqlDatabase, mysqlAvailable } from '@holibot/database/testing';
import { TcpProxy } from './support/tcp-proxy.js';

const withMysql = await mysqlAvailable();

(withMysql ? describe : describe.skip)('chat API over HTTP on MySQL', () => {
  let database: DatabaseConfig;
  let relay: TcpProxy;
  let running: RunningApp;
  beforeAll(async () => {
    database = await freshMysqlDatabase('e2e');
    if (database.type !== 'mysql') throw new Error('unreachable');
    relay = new TcpProxy({ host: database.host, port: database.port });
    await relay.open();
    running = await startApp(testEnv({ ...database, host: '127.0.0.1', port: relay.port }, { RATE_LIMIT_ENABLED: 'false', HOLIBOT_FIXED_NOW: FIXED_NOW }));
  });
  afterAll(async () => {
    await running?.close();
    await relay?.cut();
    await dropMysqlDatabase(database);
  });

  conversationTests(() => chatClient(running.url));
  harderConversationTests(() => chatClient(running.url));
  answerQualityTests(() => chatClient(running.url));

  it('/health/ready is 503 while the database is down and recovers by itself', async () => {
    expect((await fetch(`${running.url}/health/ready`)).status).toBe(200);
    const port = relay.port;
    await relay.cut();
    const down = await fetch(`${running.url}/health/ready`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({
      success: false,
      error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String), checks: { database: { status: 'down' }, ...JOBS_UP } },
    });
    const during = await chatClient(running.url).ask('beaches');
    expect(during.status).toBe(503);
    expect(during.body).toEqual({ success: false, error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String) } });
    await relay.open(port);
    let status = 0;
    for (let attempt = 0; attempt < 20 && status !== 200; attempt += 1) {
      status = (await fetch(`${running.url}/health/ready`)).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(status).toBe(200);
    expect((await chatClient(running.url).ask('beaches')).status).toBe(200);
  });
});
