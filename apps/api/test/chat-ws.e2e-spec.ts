import { SignJWT } from 'jose';
import { type RunningApp, chatClient, startApp, testEnv } from './support/app.js';
import { freshSqliteDatabase } from '@holibot/database/testing';
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
    // Two answers: each its own session and stored message.
    expect(rest.body.data.messageId).not.toBe(end.data.data.messageId);
    const same = { sessionId: 'x', messageId: 0 };
    expect({ ...end.data, data: { ...end.data.data, ...same } }).toEqual({ ...rest.body, data: { ...rest.body.data, ...same } });

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
    expect(await codeOf({ type: 'message', query: 'beaches', language: 'it' })).toBe('INVALID_LANGUAGE');
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

  it('checks the Origin: the page itself or CORS_ORIGIN; a refused one is closed with 1008 and a reason', async () => {
    const evil = await open({ headers: { Origin: 'https://evil.example' } });
    expect(await evil.closedWith()).toEqual({ code: 1008, reason: 'origin not allowed' });
    // localhost and 127.0.0.1 are different origins, the same machine or not.
    const otherName = await open({ headers: { Origin: running.url.replace('127.0.0.1', 'localhost') } });
    expect(await otherName.closedWith()).toEqual({ code: 1008, reason: 'origin not allowed' });
    const listed = await open({ headers: { Origin: 'https://www.calpe.example' } });
    expect((await listed.ask('museums')).end.type).toBe('done');
    // Compared as origins: case and a written-out default port do not matter.
    const spelledOut = await open({ headers: { Origin: 'https://WWW.Calpe.example:443' } });
    expect((await spelledOut.ask('museums')).end.type).toBe('done');
    const sameOrigin = await open({ headers: { Origin: running.url } });
    expect((await sameOrigin.ask('museums')).end.type).toBe('done');
  });
});

describe('chat WebSocket limits', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp(testEnv(freshSqliteDatabase(), { RATE_LIMIT_MAX_REQUESTS: '3', WS_HEARTBEAT_INTERVAL_MS: '200', WS_MAX_CONNECTIONS: '3' }));
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
      expect(end).toEqual({
        type: 'error',
        requestId: expect.any(String),
        error: { code: 'RATE_LIMIT_EXCEEDED', message: expect.stringMatching(/try again in \d+ s/), retryAfter: expect.any(Number) },
      });
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

/**
 * One server, each test a visitor of its own: behind a trusted proxy (TRUST_PROXY=loopback) the
 * X-Forwarded-For address is the client IP, so each test has its own rate-limit bucket and slots.
 */
describe('chat WebSocket per visitor: slots, idle connections, rate limit, tokens, request ids', () => {
  const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';
  const key = new TextEncoder().encode(SECRET);
  let running: RunningApp;
  const sockets: ChatSocket[] = [];
  const openAs = async (ip: string) => {
    const socket = await ChatSocket.open(running.url, { headers: { 'X-Forwarded-For': ip } });
    sockets.push(socket);
    return socket;
  };
  const sign = (sub: string, claims: { exp?: number; iat?: number } = {}) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ iat: now, exp: now + 3600, ...claims }).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).sign(key);
  };
  const rest = (ip: string, token?: string) => chatClient(running.url, { 'X-Forwarded-For': ip, ...(token ? { Authorization: `Bearer ${token}` } : {}) });
  const session = (ip: string, id: string, token?: string) =>
    fetch(`${running.url}/api/v1/chat/session/${id}`, { headers: { 'X-Forwarded-For': ip, ...(token ? { Authorization: `Bearer ${token}` } : {}) } });

  beforeAll(async () => {
    running = await startApp(
      testEnv(freshSqliteDatabase(), {
        TRUST_PROXY: 'loopback',
        WS_MAX_CONNECTIONS_PER_IP: '2',
        WS_IDLE_TIMEOUT_MS: '1000',
        RATE_LIMIT_MAX_REQUESTS: '4',
        USER_TOKEN_SECRET: SECRET,
        LOG_LEVEL: 'debug',
      }),
    );
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.close()));
  afterAll(() => running.close());

  it('holds at most WS_MAX_CONNECTIONS_PER_IP connections per client IP (1013), counted by the forwarded address', async () => {
    const held = [await openAs('10.0.1.1'), await openAs('10.0.1.1')];
    for (const socket of held) expect((await socket.ask('beaches')).end.type).toBe('done');
    const third = await openAs('10.0.1.1');
    expect(await third.closedWith()).toEqual({ code: 1013, reason: 'too many connections from your address' });
    // Another visitor behind the same proxy is not affected.
    expect((await (await openAs('10.0.1.2')).ask('museums')).end.type).toBe('done');
    // A closed connection gives its slot back.
    held[0]!.close();
    await held[0]!.closedWith();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await (await openAs('10.0.1.1')).ask('hotels')).end.type).toBe('done');
  });

  it('closes a connection that sends nothing within WS_IDLE_TIMEOUT_MS (1000, "idle"), keeps one that spoke', async () => {
    const silent = await openAs('10.0.2.1');
    const talker = await openAs('10.0.2.1');
    expect((await talker.ask('beaches')).end.type).toBe('done');
    expect(await silent.closedWith()).toEqual({ code: 1000, reason: 'idle: no message within 1 s' });
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(talker.closed).toBeNull();
  });

  it.each([
    ['binary', Buffer.from([1, 2, 3]), 'INVALID_REQUEST', '10.0.3.1'],
    ['not JSON', '{not json', 'INVALID_JSON', '10.0.3.2'],
    ['wrong type', { type: 'hello' }, 'INVALID_REQUEST', '10.0.3.3'],
    ['failed validation', { type: 'message', query: '  ' }, 'INVALID_QUERY', '10.0.3.4'],
  ])('counts invalid frames (%s) against the rate limit, in the REST bucket', async (_kind, frame, code, ip) => {
    const socket = await openAs(ip);
    for (let i = 0; i < 4; i++) {
      socket.send(frame);
      expect((await socket.nextFrame()).error.code).toBe(code);
    }
    expect((await socket.ask('beaches')).end.error.code).toBe('RATE_LIMIT_EXCEEDED');
    expect((await rest(ip).ask('beaches')).status).toBe(429);
  });

  it('answers a bad token with INVALID_TOKEN and keeps the connection', async () => {
    const socket = await openAs('10.0.4.1');
    const { end } = await socket.ask('beaches', { token: 'nonsense' });
    expect(end).toMatchObject({ type: 'error', error: { code: 'INVALID_TOKEN', message: 'The user token is not valid.' } });
    expect((await socket.ask('beaches', { token: 42 })).end.error.code).toBe('INVALID_TOKEN');
    const expired = await sign('u1', { iat: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 });
    expect((await socket.ask('beaches', { token: expired })).end.error).toEqual({ code: 'INVALID_TOKEN', message: 'The user token has expired.' });
    expect((await socket.ask('beaches')).end.type).toBe('done');
  });

  it('refuses tokens that expire too far ahead or were issued in the future, over REST and WebSocket alike', async () => {
    const now = Math.floor(Date.now() / 1000);
    const forever = await sign('u1', { exp: 1e20 });
    const tooLong = await sign('u1', { exp: now + 8 * 86400 });
    const fromTheFuture = await sign('u1', { iat: now + 3600, exp: now + 7200 });
    const socket = await openAs('10.0.4.2');
    for (const [token, message] of [
      [forever, /too far ahead/],
      [tooLong, /too far ahead: "exp" may be at most 604800 s/],
      [fromTheFuture, /issued in the future/],
    ] as const) {
      const { end } = await socket.ask('beaches', { token });
      expect(end.error).toEqual({ code: 'INVALID_TOKEN', message: expect.stringMatching(message) });
      const response = await rest('10.0.4.12', token).ask('beaches');
      expect(response.status).toBe(401);
      expect(response.body.error).toEqual({ code: 'INVALID_TOKEN', message: expect.stringMatching(message) });
    }
    // Within the limits: accepted.
    expect((await socket.ask('beaches', { token: await sign('u1', { exp: now + 7 * 86400 }) })).end.type).toBe('done');
  });

  it("continues a private conversation only with its user's token", async () => {
    const [alice, bob] = [await sign('alice'), await sign('bob')];
    const first = await openAs('10.0.4.3');
    const started = (await first.ask('best restaurants in Calpe', { token: alice })).end.data.data.sessionId;
    expect((await first.ask('which one has outdoor seating?', { sessionId: started })).end.data.data.sessionId).not.toBe(started);
    expect((await first.ask('which one has outdoor seating?', { sessionId: started, token: bob })).end.data.data.sessionId).not.toBe(started);
    const second = await openAs('10.0.4.4');
    const followUp = (await second.ask('which one has outdoor seating?', { sessionId: started, token: alice })).end.data.data;
    expect(followUp).toMatchObject({ sessionId: started, isFollowUp: true });
    // The same conversation over REST, with the same token: the two turns of alice only.
    expect((await session('10.0.4.4', started)).status).toBe(404);
    const history = (await (await session('10.0.4.4', started, alice)).json()) as any;
    expect(history.data.messages).toHaveLength(4);
  });

  it('makes an anonymous conversation continued with a token the user’s', async () => {
    const socket = await openAs('10.0.4.5');
    const started = (await socket.ask('beaches')).end.data.data.sessionId;
    expect((await session('10.0.4.15', started)).status).toBe(200);
    const carol = await sign('carol');
    expect((await socket.ask('the first one', { sessionId: started, token: carol })).end.data.data.sessionId).toBe(started);
    expect((await session('10.0.4.15', started)).status).toBe(404);
    expect((await session('10.0.4.15', started, carol)).status).toBe(200);
  });

  it('gives every message a request id (the client’s when sane), in its done and error frames and its log lines', async () => {
    const socket = await openAs('10.0.5.1');
    const { end } = await socket.ask('beaches', { requestId: 'ws-test-1' });
    expect(end).toMatchObject({ type: 'done', requestId: 'ws-test-1' });
    expect((await socket.ask('', { requestId: 'ws-test-2' })).end).toMatchObject({ type: 'error', requestId: 'ws-test-2', error: { code: 'INVALID_QUERY' } });
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    expect((await socket.ask('museums', { requestId: 'not sane!' })).end.requestId).toMatch(uuid);
    socket.send('{not json');
    expect(await socket.nextFrame()).toMatchObject({ type: 'error', requestId: expect.stringMatching(uuid), error: { code: 'INVALID_JSON' } });
    // ChatService's debug line of the first message carries its id.
    const logLines = () => running.output().split('\n');
    expect(await eventually(() => logLines().some((line) => line.includes('[ChatService]') && line.includes('"requestId":"ws-test-1"')))).toBe(true);
  });
});
