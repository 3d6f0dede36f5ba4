import { type RunningApp, chatClient, startApp, testEnv } from './support/app.js';
import { freshSqliteDatabase } from './support/databases.js';
import { ChatSocket } from './support/ws-client.js';

/** The chat over WebSocket (/api/v1/chat/ws) on the real server. */
describe('chat WebSocket', () => {
  let running: RunningApp;
  const sockets: ChatSocket[] = [];
  const open = async (options = {}) => {
    const socket = await ChatSocket.open(running.url, options);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    running = await startApp(testEnv(freshSqliteDatabase(), { RATE_LIMIT_ENABLED: 'false', CORS_ORIGIN: 'https://www.calpe.example' }));
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.close()));
  afterAll(() => running.close());

  it('streams the answer in order; the final payload is exactly the REST answer', async () => {
    const socket = await open();
    const { deltas, end } = await socket.ask('best restaurants in Calpe');
    expect(end.type).toBe('done');
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join('')).toBe(end.data.data.textResponse);

    const rest = await chatClient(running.url).ask('best restaurants in Calpe');
    expect(Object.keys(end.data).sort()).toEqual(Object.keys(rest.body).sort());
    expect({ ...end.data, data: { ...end.data.data, sessionId: 'x' } }).toEqual({ ...rest.body, data: { ...rest.body.data, sessionId: 'x' } });

    // Same sessions as REST: a follow-up over the socket, then the session over REST.
    const followUp = await socket.ask('which one has outdoor seating?', { sessionId: end.data.data.sessionId });
    expect(followUp.end.data.data.isFollowUp).toBe(true);
    expect(followUp.end.data.data.sessionId).toBe(end.data.data.sessionId);
    const session = (await (await fetch(`${running.url}/api/v1/chat/session/${end.data.data.sessionId}`)).json()) as any;
    expect(session.data.messages).toHaveLength(4);
  });

  it('answers bad frames with the API error codes and keeps the connection', async () => {
    const socket = await open();
    const codeOf = async (frame: unknown) => {
      const from = socket.frames.length;
      socket.send(frame);
      await socket.nextFrame();
      return socket.frames[from].error?.code;
    };
    expect(await codeOf('{not json')).toBe('INVALID_JSON');
    expect(await codeOf({ type: 'hello' })).toBe('INVALID_REQUEST');
    expect(await codeOf([1, 2])).toBe('INVALID_REQUEST');
    expect(await codeOf(Buffer.from([1, 2, 3]))).toBe('INVALID_REQUEST');
    expect(await codeOf({ type: 'message' })).toBe('INVALID_QUERY');
    expect(await codeOf({ type: 'message', query: '   ' })).toBe('INVALID_QUERY');
    expect(await codeOf({ type: 'message', query: 'x'.repeat(501) })).toBe('QUERY_TOO_LONG');
    expect(await codeOf({ type: 'message', query: 'beaches', sessionId: 'nope' })).toBe('INVALID_SESSION_ID');
    expect(await codeOf({ type: 'message', query: 'beaches', language: 'fr' })).toBe('INVALID_LANGUAGE');
    expect(await codeOf({ type: 'message', query: 'beaches', nested: { a: { b: { c: { d: { e: { f: { g: { h: 1 } } } } } } } } })).toBe('INVALID_REQUEST');
    // Still open and answering.
    expect((await socket.ask('beaches')).end.type).toBe('done');
  });

  it('answers queued messages one after the other, and refuses a flood instead of queueing it', async () => {
    const socket = await open();
    const queries = Array.from({ length: 30 }, (_, i) => (i % 2 ? 'beaches' : 'museums'));
    const from = socket.frames.length;
    for (const query of queries) socket.send({ type: 'message', query });
    await new Promise<void>((resolve) => {
      const check = () => (socket.frames.slice(from).filter((f) => f.type !== 'delta').length >= 30 ? resolve() : setTimeout(check, 20));
      check();
    });
    const ends = socket.frames.slice(from).filter((f) => f.type !== 'delta');
    const answered = ends.filter((f) => f.type === 'done');
    expect(answered.length).toBeGreaterThanOrEqual(10);
    expect(ends.filter((f) => f.type === 'error').every((f) => f.error.code === 'RATE_LIMIT_EXCEEDED')).toBe(true);
    expect((await socket.ask('hotels')).end.type).toBe('done');
  });

  it('closes a connection that sends a frame over 16 KB (1009)', async () => {
    const socket = await open();
    socket.send(JSON.stringify({ type: 'message', query: 'x'.repeat(20_000) }));
    expect((await socket.closedWith()).code).toBe(1009);
  });

  it('checks the Origin: the page itself or CORS_ORIGIN', async () => {
    const evil = await open({ headers: { Origin: 'https://evil.example' } });
    expect(await evil.closedWith()).toEqual({ code: 1008, reason: 'Origin not allowed' });
    const listed = await open({ headers: { Origin: 'https://www.calpe.example' } });
    expect((await listed.ask('museums')).end.type).toBe('done');
    const sameOrigin = await open({ headers: { Origin: running.url.replace('127.0.0.1', '127.0.0.1') } });
    expect((await sameOrigin.ask('museums')).end.type).toBe('done');
  });
});

describe('chat WebSocket limits', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp(
      testEnv(freshSqliteDatabase(), { RATE_LIMIT_MAX_REQUESTS: '3', WS_HEARTBEAT_INTERVAL_MS: '200', WS_MAX_CONNECTIONS: '3' }),
    );
  });
  afterAll(() => running.close());

  it('refuses connections beyond WS_MAX_CONNECTIONS (1013)', async () => {
    // First in this block: no connection of another test is still closing.
    const held = await Promise.all([ChatSocket.open(running.url), ChatSocket.open(running.url), ChatSocket.open(running.url)]);
    try {
      const extra = await ChatSocket.open(running.url);
      expect((await extra.closedWith()).code).toBe(1013);
      expect(held.map((s) => s.closed)).toEqual([null, null, null]);
    } finally {
      held.forEach((s) => s.close());
      // The next tests need the slots back: wait for the closing handshakes.
      await Promise.all(held.map((s) => s.closedWith()));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });

  it('shares the REST rate limit: the 4th message → RATE_LIMIT_EXCEEDED with retryAfter; REST is limited too', async () => {
    const socket = await ChatSocket.open(running.url);
    try {
      for (const q of ['beaches', 'museums', 'hotels']) expect((await socket.ask(q)).end.type).toBe('done');
      const { end } = await socket.ask('bars');
      expect(end).toEqual({ type: 'error', error: { code: 'RATE_LIMIT_EXCEEDED', message: expect.stringMatching(/try again in \d+ s/), retryAfter: expect.any(Number) } });
      expect(end.error.retryAfter).toBeGreaterThan(0);
      expect((await chatClient(running.url).ask('bars')).status).toBe(429);
    } finally {
      socket.close();
    }
  });

  it('drops a connection that stops answering pings, keeps one that answers', async () => {
    const dead = await ChatSocket.open(running.url, { autoPong: false });
    const alive = await ChatSocket.open(running.url);
    try {
      const closed = await dead.closedWith();
      expect(closed.code).toBe(1006); // terminated without a close frame
      await new Promise((r) => setTimeout(r, 700));
      expect(alive.closed).toBeNull();
    } finally {
      alive.close();
    }
  });

});

describe('chat WebSocket rate limit on a dual-stack server', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp(testEnv(freshSqliteDatabase(), { HOST: '::', RATE_LIMIT_MAX_REQUESTS: '2' }));
  });
  afterAll(() => running.close());

  it('counts a visitor by the same key as REST (IPv4-mapped IPv6 normalised as ThrottlerGuard does)', async () => {
    // An IPv4 client of a dual-stack (::) server arrives as ::ffff:127.0.0.1.
    const url = running.url;
    const socket = await ChatSocket.open(url);
    try {
      for (const q of ['beaches', 'museums']) expect((await socket.ask(q)).end.type).toBe('done');
      expect((await chatClient(url).ask('bars')).status).toBe(429);
    } finally {
      socket.close();
    }
  });
});

/** Waits for `found` (log output that arrives after the event), up to `timeoutMs`. */
async function eventually(found: () => boolean, timeoutMs = 5000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (!found() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
  return found();
}

describe('chat WebSocket protocol errors in the log', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp(testEnv(freshSqliteDatabase()));
  });
  afterAll(() => running.close());

  it('logs one warn line per error without a stack, at most 5 per client IP a minute, then their count', async () => {
    const before = running.output().length;
    for (let i = 0; i < 30; i++) {
      const socket = await ChatSocket.open(running.url);
      socket.send('x'.repeat(20_000));
      expect((await socket.closedWith()).code).toBe(1009);
    }
    const lines = () => running.output().slice(before).split('\n');
    expect(await eventually(() => lines().filter((line) => line.includes('WebSocket protocol error from 127.0.0.1')).length >= 5)).toBe(true);
    const logged = lines().filter((line) => line.includes('WebSocket protocol error'));
    expect(logged).toHaveLength(5);
    expect(logged[0]).toMatch(/WARN .*WebSocket protocol error from 127\.0\.0\.1: Max payload size exceeded \(WS_ERR_UNSUPPORTED_MESSAGE_LENGTH\)/);
    expect(lines().filter((line) => /^\s+at /.test(line))).toEqual([]);
    expect(lines().filter((line) => / ERROR /.test(line))).toEqual([]);
    // The count of the window is reported when it ends, or at shutdown.
    await running.close();
    expect(await eventually(() => running.output().includes('… and 25 more WebSocket protocol errors from 127.0.0.1 in the last minute'))).toBe(true);
  });
});
