import { type Server, type Socket, connect, createServer } from 'node:net';
import type { DatabaseConfig } from '@holibot/database';
import { conversationTests, harderConversationTests } from './conversations.js';
import { type RunningApp, chatClient, startApp, testEnv } from './support/app.js';
import { dropMysqlDatabase, freshMysqlDatabase, mysqlAvailable } from './support/databases.js';

const withMysql = await mysqlAvailable();

/** A TCP relay in front of MySQL that the test can cut and restore, to take the database "down". */
class Relay {
  private server: Server | null = null;
  private sockets = new Set<Socket>();
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}
  async open(port = 0): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((done) => this.server!.listen(port, '127.0.0.1', done));
    this.port = (this.server.address() as { port: number }).port;
  }
  async cut(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((done) => this.server?.close(() => done()));
    this.server = null;
  }
}

(withMysql ? describe : describe.skip)('chat API over HTTP on MySQL', () => {
  let database: DatabaseConfig;
  let relay: Relay;
  let running: RunningApp;
  beforeAll(async () => {
    database = await freshMysqlDatabase('e2e');
    if (database.type !== 'mysql') throw new Error('unreachable');
    relay = new Relay({ host: database.host, port: database.port });
    await relay.open();
    running = await startApp(testEnv({ ...database, host: '127.0.0.1', port: relay.port }, { RATE_LIMIT_ENABLED: 'false' }));
  });
  afterAll(async () => {
    await running?.close();
    await relay?.cut();
    await dropMysqlDatabase(database);
  });

  conversationTests(() => chatClient(running.url));
  harderConversationTests(() => chatClient(running.url));

  it('/health/ready is 503 while the database is down and recovers by itself', async () => {
    expect((await fetch(`${running.url}/health/ready`)).status).toBe(200);
    const port = relay.port;
    await relay.cut();
    const down = await fetch(`${running.url}/health/ready`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({
      success: false,
      error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String), checks: { database: { status: 'down' } } },
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
