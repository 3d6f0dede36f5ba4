import { OPEN_AT_FIXED_NOW } from '../../test/support/app.js';
import { type InProcessApp, TEST_TOKEN_SECRET, signUserToken, startInProcess } from '../../test/support/in-process.js';
import { ChatSocket } from '../../test/support/ws-client.js';
import { ChatGateway } from './chat.gateway.js';

/** ChatGateway on the whole application in-process (createHttpApp), a real `ws` client, clock at FIXED_NOW. */
describe('chat WebSocket, in-process', () => {
  let running: InProcessApp;
  const sockets: ChatSocket[] = [];
  const open = async () => {
    const socket = await ChatSocket.open(running.url);
    sockets.push(socket);
    return socket;
  };
  const token = (subject: string) => signUserToken(running, subject);

  beforeAll(async () => {
    running = await startInProcess({ USER_TOKEN_SECRET: TEST_TOKEN_SECRET, RATE_LIMIT_ENABLED: 'false' });
  });
  afterEach(async () => {
    await Promise.all(sockets.splice(0).map((socket) => (socket.close(), socket.closedWith())));
    // Every test starts with no connection open on the server either.
    await waitFor(() => running.app.get(ChatGateway).connectionCount === 0);
  });
  afterAll(() => running.close());

  it('streams delta frames, then one done frame with the whole answer, its places open or closed at FIXED_NOW', async () => {
    const socket = await open();
    const { deltas, end } = await socket.ask('Italian restaurants', { requestId: 'in-process-1' });
    expect(end).toMatchObject({ type: 'done', requestId: 'in-process-1', data: { success: true } });
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe(end.data.data.textResponse);
    // Every frame before `done` is a delta: nothing after it, nothing else in between.
    expect(socket.frames.map((frame) => frame.type)).toEqual([...deltas.map(() => 'delta'), 'done']);
    const { pois } = end.data.data;
    expect(pois.length).toBeGreaterThan(0);
    for (const poi of pois) expect(poi.openNow).toBe(OPEN_AT_FIXED_NOW[poi.name]);
  });

  it('answers a bad frame with an error frame (code, message, request id) and keeps answering on the same connection', async () => {
    const socket = await open();
    socket.send({ type: 'message', query: '   ', requestId: 'in-process-bad' });
    const error = await socket.nextFrame();
    expect(error).toEqual({ type: 'error', requestId: 'in-process-bad', error: { code: 'INVALID_QUERY', message: expect.any(String) } });
    socket.send('{not json');
    expect((await socket.nextFrame()).error.code).toBe('INVALID_JSON');
    expect(socket.closed).toBeNull();
    expect((await socket.ask('beaches')).end.type).toBe('done');
  });

  it("continues a private conversation with its user's token only; without it the message starts a new one", async () => {
    const alice = await token('alice');
    const socket = await open();
    const started = (await socket.ask('Italian restaurants', { token: alice })).end.data.data.sessionId;
    const followUp = (await socket.ask('the first one', { sessionId: started, token: alice })).end.data.data;
    expect(followUp).toMatchObject({ sessionId: started, isFollowUp: true });
    const anonymous = (await socket.ask('the first one', { sessionId: started })).end.data.data.sessionId;
    expect(anonymous).not.toBe(started);
    const bob = (await socket.ask('the first one', { sessionId: started, token: await token('bob') })).end.data.data.sessionId;
    expect(bob).not.toBe(started);
    const bad = (await socket.ask('beaches', { token: 'not.a.token' })).end;
    expect(bad).toMatchObject({ type: 'error', error: { code: 'INVALID_TOKEN' } });
  });

  it('counts open connections (the figure metrics and the connection alert read)', async () => {
    const gateway = running.app.get(ChatGateway);
    expect(gateway.connectionCount).toBe(0);
    const [first, second] = [await open(), await open()];
    await first.ask('beaches');
    await second.ask('beaches');
    expect(gateway.connectionCount).toBe(2);
    first.close();
    await first.closedWith();
    // The server sees the close a moment after the client does.
    await waitFor(() => gateway.connectionCount === 1);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
