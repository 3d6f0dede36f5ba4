import { type RawRequest, encodeRequest, sendRaw } from '../../test/fuzz/raw-http.js';
import { type InProcessApp, startInProcess } from '../../test/support/in-process.js';

const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';

/** Inputs answered before any route runs: what each is, the request, and the status and code it must get. */
// prettier-ignore
const EDGES: Array<[string, RawRequest, number, string]> = [
  // Fastify's router answered {"statusCode":400,"code":"FST_ERR_BAD_URL",…} and {…414,"FST_ERR_MAX_PARAM_LENGTH",…}, echoing the path.
  ['%-escapes that are not UTF-8 in the path', { method: 'GET', target: '/api/v1/chat/session/%E0%A4%A', headers: [] }, 400, 'INVALID_REQUEST'],
  ['a path parameter over 100 characters', { method: 'GET', target: `/widget/${'a'.repeat(150)}`, headers: [] }, 414, 'INVALID_REQUEST'],
  // Node's parser: Fastify answered {"error":"Bad Request","message":"Client Error","statusCode":400}, without a request id.
  ['a control character in a header', { method: 'GET', target: '/health/live', headers: [['X-Bad', 'a\u0007b']] }, 400, 'INVALID_REQUEST'],
  ['a method Node does not know', { method: 'FOO', target: '/api/v1/chat/message', headers: [] }, 400, 'INVALID_REQUEST'],
  ['headers over 16 KB', { method: 'GET', target: '/health/live', headers: [['X-Padding', 'x'.repeat(20_000)]] }, 431, 'INVALID_REQUEST'],
  // @fastify/cors answered 400 "Invalid Preflight Request" in text/plain.
  ['an OPTIONS request that is no preflight', { method: 'OPTIONS', target: '/api/v1/chat/message', headers: [] }, 404, 'NOT_FOUND'],
  // Node answered an empty 417, and an empty 400.
  ['an Expect header other than 100-continue', { method: 'GET', target: '/api/v1/chat/config', headers: [['Expect', 'teapot']] }, 417, 'INVALID_REQUEST'],
  ['an HTTP/1.1 request without a Host header', { method: 'GET', target: '/health/live', headers: [], omitHost: true }, 400, 'INVALID_REQUEST'],
  // The body was read as a string: its bad bytes became U+FFFD, and the question was answered and stored.
  ['a JSON body that is not UTF-8', { method: 'POST', target: '/api/v1/chat/message', headers: [['Content-Type', 'application/json']], body: Buffer.from([...Buffer.from('{"query":"'), 0xff, 0xc3, 0x28, ...Buffer.from('"}')]) }, 400, 'INVALID_JSON'],
  // Nest's upgrade listener destroyed the socket without a word (`curl --http2` on plain HTTP asks for h2c) …
  ['an Upgrade on a route that is no WebSocket', { method: 'GET', target: '/api/v1/chat/config', headers: [['Connection', 'Upgrade'], ['Upgrade', 'h2c']] }, 400, 'INVALID_REQUEST'],
  // … and answered a Host header it could not read with "HTTP/1.1 400\r\nInvalid URL".
  ['a WebSocket upgrade with an unreadable Host', { method: 'GET', target: '/api/v1/chat/ws', headers: [['Host', '['], ['Connection', 'Upgrade'], ['Upgrade', 'websocket'], ['Sec-WebSocket-Key', KEY], ['Sec-WebSocket-Version', '13']] }, 400, 'INVALID_REQUEST'],
  // ws answered its handshake refusals in text/html.
  ['a WebSocket upgrade without Sec-WebSocket-Key', { method: 'GET', target: '/api/v1/chat/ws', headers: [['Connection', 'Upgrade'], ['Upgrade', 'websocket'], ['Sec-WebSocket-Version', '13']] }, 400, 'INVALID_REQUEST'],
  ['a WebSocket upgrade by POST', { method: 'POST', target: '/api/v1/chat/ws', headers: [['Connection', 'Upgrade'], ['Upgrade', 'websocket'], ['Sec-WebSocket-Key', KEY], ['Sec-WebSocket-Version', '13']] }, 405, 'INVALID_REQUEST'],
];

/**
 * What is answered before any route runs — by Node's HTTP parser, Fastify's router, the CORS
 * plugin, the body parser and the WebSocket handshake — in the API's one error shape with a
 * request id. Each case is an input the fuzz suite (apps/api/test/fuzz) found answered otherwise.
 */
describe('the HTTP edges answer in the API error shape', () => {
  let running: InProcessApp;
  let port: number;
  const send = (request: RawRequest) => sendRaw(port, encodeRequest(request, `127.0.0.1:${port}`), { timeoutMs: 10_000 });

  beforeAll(async () => {
    running = await startInProcess({ RATE_LIMIT_ENABLED: 'false' });
    port = Number(new URL(running.url).port);
  });
  afterAll(() => running.close());

  it.each(EDGES.map(([label, request, status, code]) => [`${label} → ${status} ${code}`, request, status, code] as const))(
    '%s',
    async (_title, request, status, code) => {
      const { response } = await send(request);
      expect(response).toMatchObject({
        status,
        headers: { 'x-request-id': [expect.stringMatching(/^[\w-]+$/)], 'content-type': ['application/json; charset=utf-8'] },
      });
      const body = response!.body.toString('utf8');
      expect(JSON.parse(body)).toEqual({ success: false, error: { code, message: expect.any(String) } });
      // Nothing of Fastify's own answers, nor the path or the parser's message echoed.
      expect(body).not.toMatch(/FST_|%E0|aaaa|Invalid URL/);
    },
  );

  it('a real preflight is still answered 204, now with a request id; HTTP/1.0 needs no Host', async () => {
    const preflight = await send({
      method: 'OPTIONS',
      target: '/api/v1/chat/message',
      headers: [
        ['Origin', `http://127.0.0.1:${port}`],
        ['Access-Control-Request-Method', 'POST'],
      ],
    });
    expect(preflight.response).toMatchObject({
      status: 204,
      headers: { 'access-control-allow-origin': [`http://127.0.0.1:${port}`], 'x-request-id': [expect.any(String)] },
    });
    const old = await send({ method: 'GET', target: '/health/live', headers: [], omitHost: true, version: '1.0' });
    expect(old.response?.status).toBe(200);
  });
});
