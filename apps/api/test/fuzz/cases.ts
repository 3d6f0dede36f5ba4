import fc from 'fast-check';
import {
  CONTENT_TYPES,
  INJECTIONS,
  type JsonSchema,
  badAuthorization,
  badJsonText,
  bodyFor,
  invalidUtf8Body,
  nastyString,
  pathSegment,
  percentEncode,
  queryString,
  signJwt,
  weirdValue,
} from './arbitraries.js';
import type { HttpExpectation } from './checks.js';
import type { RawHeader, RawRequest } from './raw-http.js';
import type { Endpoint } from './routes.js';
import type { WsFrame } from './ws-fuzz.js';

export interface HttpCase {
  request: RawRequest;
  expect?: HttpExpectation;
  /** Sent to the server with the rate limit on (the rate-limited part). */
  limited?: boolean;
}

/** A conversation stored before the fuzz run, which no input may change. */
export interface StoredSession {
  id: string;
  /** The user token that owns it (private) or null (anonymous). */
  token: string | null;
  questionId: number;
  answerId: number;
}

export interface FuzzContext {
  host: string;
  endpoints: Endpoint[];
  chatMessage: JsonSchema;
  feedback: JsonSchema;
  /** Tokens the API must refuse. */
  badTokens: fc.Arbitrary<string>;
  /** A few of them, fixed: expired, wrong signature, alg none. */
  refusedTokens: string[];
  /** A valid token of a user who owns none of the stored conversations. */
  strangerToken: string;
  adminCookie: string;
  adminIssuer: string;
  adminSecret: string;
  stored: { anonymous: StoredSession; private: StoredSession; rated: StoredSession };
  /** A conversation of the fuzz's own (not compared): valid requests with hostile text go deep into it. */
  scratch: StoredSession & { poiIds: number[] };
}

const json = { name: 'Content-Type', value: 'application/json' };
const jsonHeader: RawHeader = [json.name, json.value];
const ODD_METHODS = [
  'PROPFIND',
  'TRACE',
  'OPTIONS',
  'HEAD',
  'PUT',
  'PATCH',
  'DELETE',
  'POST',
  'GET',
  'MKCOL',
  'LOCK',
  'SEARCH',
  'CONNECT',
  'FOO',
  'get',
  'BREW',
  'G3T',
];
/** Schema-less admin bodies: the fields the admin API reads somewhere. */
const ADMIN_BODY: JsonSchema = {
  properties: {
    email: { type: 'string' },
    password: { type: 'string' },
    token: { type: 'string' },
    role: { enum: ['admin', 'viewer'] },
    version: { type: 'string' },
    notes: { type: 'string' },
    files: {},
    dryRun: { type: 'boolean' },
    geojson: { type: 'string' },
    replace: { type: 'boolean' },
  },
};

/** A route template with its parameters and wildcard filled from the fuzz. */
function target(template: string): fc.Arbitrary<string> {
  const names = template.match(/:\w+|\*/g) ?? [];
  return fc
    .tuple(fc.array(pathSegment, { minLength: names.length, maxLength: names.length }), fc.array(pathSegment, { maxLength: 3 }))
    .map(([segments, rest]) => {
      let index = 0;
      return template.replace(/:\w+|\*/g, (name) => (name === '*' ? [segments[index++], ...rest].join('/') : segments[index++]!));
    });
}

const isAdmin = (endpoint: Endpoint) => endpoint.path.startsWith('/api/v1/admin');

function jsonText(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

/** JSON bodies built from each endpoint's schema (OpenAPI, or the admin API's fields) to every POST. */
export function jsonBodies(ctx: FuzzContext): fc.Arbitrary<HttpCase> {
  const posts = ctx.endpoints.filter((endpoint) => endpoint.method === 'POST');
  const chat = posts.filter((endpoint) => endpoint.body);
  return fc.oneof({ weight: 3, arbitrary: schemaBodies(ctx, posts, chat) }, { weight: 1, arbitrary: deepBodies(ctx) });
}

/**
 * Bodies that pass validation and carry hostile text where text is allowed — the question (into
 * the engine's parser, also as a follow-up of a real conversation), the feedback's comment (into
 * its clean-up and the database) — with positions at the edges of the world.
 */
function deepBodies(ctx: FuzzContext): fc.Arbitrary<HttpCase> {
  const { scratch } = ctx;
  const text = fc.oneof(
    nastyString,
    fc.tuple(fc.constantFrom('beaches ', 'the second one ', 'is it open ', 'restaurantes con terraza '), nastyString).map(([a, b]) => a + b),
  );
  const position = fc.oneof(
    fc.constant({}),
    fc.constantFrom(
      { latitude: 38.64, longitude: 0.05 },
      { latitude: 90, longitude: 180 },
      { latitude: -90, longitude: -180 },
      { latitude: 0, longitude: 0 },
      { latitude: -0, longitude: 5e-324 },
    ),
    fc.record({ latitude: fc.double({ min: -90, max: 90, noNaN: true }), longitude: fc.double({ min: -180, max: 180, noNaN: true }) }),
  );
  const question = fc
    .tuple(text, fc.boolean(), fc.option(fc.constantFrom('en', 'es', 'de', 'nl', 'fr')), position)
    .map(([query, followUp, language, where]): HttpCase => ({
      request: {
        method: 'POST',
        target: '/api/v1/chat/message',
        headers: [jsonHeader],
        body: jsonText({ query: query.slice(0, 500), ...(followUp ? { sessionId: scratch.id } : {}), ...(language ? { language } : {}), ...where }),
      },
    }));
  const feedback = fc
    .tuple(
      text,
      fc.constantFrom('up', 'down'),
      fc.option(fc.constantFrom('wrong_info', 'not_relevant', 'closed', 'other')),
      fc.option(fc.constantFrom(...scratch.poiIds, 1, 2 ** 31 - 1)),
    )
    .map(([comment, rating, reason, poiId]): HttpCase => ({
      request: {
        method: 'POST',
        target: '/api/v1/chat/feedback',
        headers: [jsonHeader],
        body: jsonText({
          sessionId: scratch.id,
          messageId: scratch.answerId,
          rating,
          comment: comment.slice(0, 500),
          ...(reason ? { reason } : {}),
          ...(poiId ? { poiId } : {}),
        }),
      },
    }));
  return fc.oneof({ weight: 3, arbitrary: question }, { weight: 1, arbitrary: feedback });
}

function schemaBodies(ctx: FuzzContext, posts: Endpoint[], chat: Endpoint[]): fc.Arbitrary<HttpCase> {
  return fc
    .tuple(
      fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...chat) }, { weight: 2, arbitrary: fc.constantFrom(...posts) }),
      fc.nat(),
      fc.constantFrom<'none' | 'admin' | 'garbage'>('none', 'admin', 'garbage'),
    )
    .chain(([endpoint, , cookie]) => fc.tuple(fc.constant(endpoint), target(endpoint.path), bodyFor(endpoint.body ?? ADMIN_BODY), fc.constant(cookie)))
    .map(([endpoint, path, body, cookie]) => {
      const headers: RawHeader[] = [jsonHeader];
      if (isAdmin(endpoint) && cookie !== 'none') headers.push(['Cookie', cookie === 'admin' ? ctx.adminCookie : 'holibot_admin=not-a-token']);
      // Nothing under the admin API changes without the session's CSRF token, which the fuzz never has.
      return { request: { method: 'POST', target: path, headers, body: jsonText(body) }, expect: isAdmin(endpoint) ? { status: range(400, 499) } : {} };
    });
}

/** Bodies the parser must refuse: not UTF-8, wrong types and charsets, broken or deep JSON, too large, framed wrong. */
export function rawBodies(ctx: FuzzContext): fc.Arbitrary<HttpCase> {
  const posts = ctx.endpoints.filter((endpoint) => endpoint.method === 'POST' && !endpoint.path.includes(':'));
  const endpoint = fc.constantFrom(...posts.map((post) => post.path));
  const validBody = fc.constantFrom(
    '{"query":"beaches"}',
    '{"email":"a@b.example","password":"x"}',
    '{"sessionId":"00000000-0000-4000-8000-000000000000","messageId":1,"rating":"up"}',
  );
  return fc.oneof(
    // Not UTF-8: never read (400 INVALID_JSON; 401 from the upload routes, which refuse before reading).
    {
      weight: 3,
      arbitrary: fc.tuple(endpoint, invalidUtf8Body).map(([path, body]) => ({ ...post(path, body, [jsonHeader]), expect: { status: [400, 401] } })),
    },
    { weight: 4, arbitrary: fc.tuple(endpoint, badJsonText).map(([path, body]) => post(path, body, [jsonHeader])) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(endpoint, validBody, fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...CONTENT_TYPES) }, { weight: 1, arbitrary: nastyString }), fc.boolean())
        .map(([path, body, type, omit]) => post(path, body, omit ? [] : [['Content-Type', type]])),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          endpoint,
          validBody,
          fc.constantFrom<RawHeader[]>(
            [['Content-Length', '-1']],
            [['Content-Length', 'abc']],
            [['Content-Length', '1e3']],
            [['Content-Length', '3']],
            [['Content-Length', '0']],
            [
              ['Content-Length', '3'],
              ['Content-Length', '20'],
            ],
            [
              ['Content-Length', '5'],
              ['Transfer-Encoding', 'chunked'],
            ],
            [['Transfer-Encoding', 'gzip']],
            [['Transfer-Encoding', 'identity']],
            [['Transfer-Encoding', 'chunked, chunked']],
            [['Content-Encoding', 'gzip']],
            [['Content-Encoding', 'br, gzip']],
            [['Expect', '100-continue']],
            [['Expect', 'something-else']],
          ),
        )
        .map(([path, body, framing]): HttpCase => ({
          request: {
            method: 'POST',
            target: path,
            headers: [jsonHeader, ...framing],
            body,
            contentLength: framing.some(([name]) => /content-length|transfer-encoding/i.test(name)) ? false : undefined,
          },
        })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(endpoint, validBody, fc.constantFrom('chunk-ext', 'trailer', 'bad-size', 'huge-size', 'no-end', 'empty'))
        .map(([path, body, kind]): HttpCase => {
          const chunked: Record<string, string> = {
            'chunk-ext': `${body.length.toString(16)};name=value\r\n${body}\r\n0\r\n\r\n`,
            trailer: `${body.length.toString(16)}\r\n${body}\r\n0\r\nX-Trailer: 1\r\n\r\n`,
            'bad-size': `zz\r\n${body}\r\n0\r\n\r\n`,
            'huge-size': `ffffffffffffffff\r\n${body}\r\n0\r\n\r\n`,
            'no-end': `${body.length.toString(16)}\r\n${body}\r\n`,
            empty: '0\r\n\r\n',
          };
          return {
            request: { method: 'POST', target: path, headers: [jsonHeader, ['Transfer-Encoding', 'chunked']], body: chunked[kind]!, contentLength: false },
            // A body that never ends is cut off by HTTP_REQUEST_TIMEOUT_MS.
            // (The upload routes refuse a request without a session before reading its body: 401.)
            expect: kind === 'no-end' || kind === 'huge-size' ? { status: [400, 401, 408, 413] } : {},
          };
        }),
    },
    {
      // A body shorter than its Content-Length: the request times out (408), never holds the socket.
      weight: 1,
      arbitrary: fc.tuple(endpoint, validBody).map(([path, body]): HttpCase => ({
        request: { method: 'POST', target: path, headers: [jsonHeader, ['Content-Length', String(body.length + 10)]], body, contentLength: false },
        // The upload routes refuse a request without a session before reading its body.
        expect: { status: [401, 408] },
      })),
    },
  );
}

function post(path: string, body: string | Buffer, headers: RawHeader[]): HttpCase {
  return { request: { method: 'POST', target: path, headers, body } };
}

/** Every route with traversal and odd ids in its parameters, junk query strings, odd path forms. */
export function pathsAndQueries(ctx: FuzzContext): fc.Arbitrary<HttpCase> {
  const routed = fc.constantFrom(...ctx.endpoints).chain((endpoint) =>
    fc.tuple(fc.constant(endpoint), target(endpoint.path), fc.option(queryString, { freq: 2 })).map(([{ method }, path, query]) => ({
      request: { method, target: path + (query ?? ''), headers: method === 'POST' ? [jsonHeader] : [], body: method === 'POST' ? '{}' : undefined },
      expect: method !== 'GET' ? { status: range(400, 499) } : {},
    })),
  );
  const odd = fc
    .tuple(
      fc.constantFrom(...ctx.endpoints.filter((endpoint) => endpoint.method === 'GET').map((endpoint) => endpoint.path.replace(/:\w+|\*/g, 'x'))),
      fc.constantFrom(
        (path: string) => path.toUpperCase(),
        (path: string) => `${path}/`,
        (path: string) => path.replace(/\//g, '//'),
        (path: string) => path.replace(/\//g, '/./'),
        (path: string) => path.replace(/\/([^/]+)$/, '/../$1'),
        (path: string) => path.replace(/\//g, '%2f'),
        (path: string) => path.replace(/\//g, '\\'),
        (path: string) => `http://attacker.example${path}`,
        (path: string) => `${path}#fragment`,
        (path: string) => `${path}?`,
        (path: string) => `${path};x=1`,
        (path: string) => `${path}%00`,
        (path: string) => `/api/v1/chat/..${path}`,
        (path: string) => `${path}/${'a/'.repeat(300)}`,
        () => '*',
        () => '',
        (path: string) => path + '?' + 'a=1&'.repeat(3000),
      ),
      fc.option(nastyString, { freq: 3 }),
    )
    .map(([path, change, raw]) => ({
      request: { method: 'GET', target: raw === null ? change(path) : `${change(path)}${raw.replace(/[\r\n ]/g, '')}`, headers: [] },
    }));
  return fc.oneof({ weight: 4, arbitrary: routed }, { weight: 1, arbitrary: odd });
}

/** Odd, hostile or oversized headers on any route. */
export function headers(ctx: FuzzContext): fc.Arbitrary<HttpCase> {
  const header: fc.Arbitrary<RawHeader[]> = fc.oneof(
    fc.oneof(nastyString, fc.constantFrom('fuzz-1', 'a'.repeat(101), 'a b', '')).map((value) => [['X-Request-Id', value]] as RawHeader[]),
    fc
      .array(fc.oneof(nastyString, fc.constantFrom('1.2.3.4', '::1', '[::1]:80', 'unknown', '999.1.1.1', 'fe80::1%eth0', ', ,', '127.0.0.1')), {
        minLength: 1,
        maxLength: 40,
      })
      .map((hops) => [['X-Forwarded-For', hops.join(', ')]] as RawHeader[]),
    fc.oneof(nastyString, fc.constantFrom('for=1.2.3.4;proto=https', 'for="[::1]"')).map((value) => [['Forwarded', value]] as RawHeader[]),
    fc
      .oneof(nastyString, fc.constantFrom('null', 'http://attacker.example', 'file://', 'http://127.0.0.1', 'https://127.0.0.1:1', 'ws://x', '*'))
      .map((value) => [['Origin', value]] as RawHeader[]),
    fc
      .oneof(nastyString, fc.constantFrom('', ' ', '127.0.0.1:0', '[::1]', 'a/../b', 'a@b', 'x'.repeat(3000), '127.0.0.1:99999'))
      .map((value) => [['Host', value]] as RawHeader[]),
    fc
      .oneof(nastyString, fc.constantFrom('br;q=0, gzip;q=0', 'gzip;q=', '*', 'identity;q=0', 'br, br, br', 'x'.repeat(4000)))
      .map((value) => [['Accept-Encoding', value]] as RawHeader[]),
    fc
      .oneof(nastyString, fc.constantFrom('*', 'W/"x"', '"x", W/"y", *', '"' + 'x'.repeat(4000) + '"'))
      .map((value) => [['If-None-Match', value]] as RawHeader[]),
    fc.oneof(nastyString, fc.constantFrom('bytes=0-0', 'bytes=-1', 'bytes=9999999-', 'bytes=0-1,2-3,4-5')).map((value) => [['Range', value]] as RawHeader[]),
    fc
      .oneof(nastyString, fc.constantFrom('holibot_admin', 'holibot_admin=', '=;=;', '__proto__=x', 'a=' + 'b'.repeat(8000)))
      .map((value) => [['Cookie', value]] as RawHeader[]),
    fc
      .tuple(
        fc.constantFrom('Accept', 'Accept-Language', 'User-Agent', 'Referer', 'X-CSRF-Token', 'Content-Type', 'Authorization', 'Sec-WebSocket-Key', 'Upgrade'),
        nastyString,
      )
      .map(([name, value]) => [[name, value]] as RawHeader[]),
    // Beyond Node's 16 KB of headers: 431.
    fc.integer({ min: 17_000, max: 40_000 }).map((size) => [['X-Padding', 'x'.repeat(size)]] as RawHeader[]),
    fc.integer({ min: 100, max: 3000 }).map((count) => Array.from({ length: count }, (_, i) => [`X-H${i}`, 'v'] as RawHeader)),
    fc.constantFrom<RawHeader[]>(
      [['X Bad', '1']],
      [['X:Bad', '1']],
      [['', 'x']],
      [['X-Folded', 'a\r\n b']],
      [['X-Nul', Buffer.from([0x61, 0x00, 0x62])]],
      [['X-Bel', Buffer.from([0x61, 0x07])]],
      [['X-Latin1', Buffer.from([0xe9, 0xff])]],
      [
        ['Host', 'a.example'],
        ['Host', 'b.example'],
      ],
      [['Content-Length', '5']],
      [['Transfer-Encoding', 'chunked']],
      [['Connection', 'keep-alive, Upgrade']],
      [['Upgrade', 'h2c']],
      [['X-HTTP-Method-Override', 'DELETE']],
      [['X-Original-URL', '/api/v1/admin/users']],
      [['X-Rewrite-URL', '/api/v1/admin/users']],
    ),
  );
  return fc.tuple(fc.constantFrom(...ctx.endpoints), fc.array(header, { minLength: 1, maxLength: 3 }), fc.nat(39)).chain(([endpoint, sets, form]) =>
    target(endpoint.path).map((path) => ({
      request: {
        method: endpoint.method,
        target: path,
        // Now and then no Host header at all, or HTTP/1.0 (which needs none), or a version that does not exist.
        omitHost: form < 2,
        version: form === 2 || form === 3 ? '1.0' : form === 4 ? '2.0' : form === 5 ? '1.9' : undefined,
        headers: [...(endpoint.method === 'POST' ? [jsonHeader] : []), ...sets.flat()],
        body: endpoint.method === 'POST' ? '{"query":"beaches"}' : undefined,
      },
    })),
  );
}

/** Methods no route takes, or that Node's parser does not know, on every route. */
export function methods(ctx: FuzzContext): fc.Arbitrary<HttpCase> {
  return fc
    .tuple(fc.constantFrom(...ctx.endpoints), fc.constantFrom(...ODD_METHODS), fc.boolean(), fc.boolean())
    .map(([endpoint, method, withBody, preflight]) => ({
      request: {
        method,
        target: endpoint.path.replace(/:\w+|\*/g, 'x'),
        headers: [
          ...(withBody ? [jsonHeader] : []),
          ...(preflight
            ? ([
                ['Origin', 'http://attacker.example'],
                ['Access-Control-Request-Method', 'DELETE'],
              ] as RawHeader[])
            : []),
        ],
        body: withBody ? '{"query":"beaches"}' : undefined,
      },
      // Node closes a CONNECT it has no handler for without a word.
      // A method the route does not take changes nothing.
      expect: {
        silentCloseAllowed: method === 'CONNECT',
        ...(method !== endpoint.method && !['GET', 'HEAD', 'OPTIONS'].includes(method) ? { status: range(400, 499) } : {}),
      },
    }));
}

/** Wrong user tokens on every chat endpoint (and wrong metrics tokens): 401. */
export function userTokens(ctx: FuzzContext): fc.Arbitrary<HttpCase> {
  const authorization = badAuthorization(ctx.badTokens);
  const requests = fc.constantFrom(
    { method: 'POST', target: '/api/v1/chat/message', body: '{"query":"beaches"}' },
    { method: 'POST', target: '/api/v1/chat/message', body: '{"query":"museums","language":"de","latitude":38.64,"longitude":0.05}' },
    { method: 'GET', target: '/api/v1/chat/session/00000000-0000-4000-8000-000000000000' },
    { method: 'DELETE', target: '/api/v1/chat/session/00000000-0000-4000-8000-000000000000' },
    { method: 'POST', target: '/api/v1/chat/feedback', body: '{"sessionId":"00000000-0000-4000-8000-000000000000","messageId":1,"rating":"up"}' },
    { method: 'GET', target: '/metrics' },
  );
  return fc.tuple(requests, authorization, fc.boolean()).map(([request, value, twice]) => {
    const headers: RawHeader[] = [...(request.body ? [jsonHeader] : []), ['Authorization', value]];
    // Two Authorization headers: Node keeps the first; either way no token gets in.
    if (twice) headers.push(['Authorization', `Bearer ${ctx.strangerToken}`]);
    // A control character makes it no header at all (400 from the HTTP parser) rather than a bad token.
    // Past 16 KB of headers it is 431 before any token is read.
    const plain = ![...value].some((char) => (char < ' ' && char !== '\t') || char === '\x7f') && Buffer.byteLength(value) < 15_000;
    return { request: { ...request, headers }, expect: plain ? { status: [401] } : {} };
  });
}

/**
 * The admin API without a cookie, with a bad one (garbage, tampered, forged with the right secret
 * but wrong claims), and with a real admin session but never its CSRF token: every read may
 * answer, nothing may change.
 */
export function adminApi(ctx: FuzzContext): fc.Arbitrary<HttpCase> {
  const routes = ctx.endpoints.filter(isAdmin);
  const [head, payload, signature] = ctx.adminCookie.replace(/^holibot_admin=/, '').split('.') as [string, string, string];
  const forged = fc
    .array(fc.tuple(fc.constantFrom('sid', 'sub', 'exp', 'iat', 'iss', 'role'), weirdValue), { maxLength: 5 })
    .map((claims) =>
      signJwt({ alg: 'HS256' }, { iss: ctx.adminIssuer, exp: Math.floor(Date.now() / 1000) + 600, ...Object.fromEntries(claims) }, ctx.adminSecret),
    );
  const cookie: fc.Arbitrary<{ value: string | null; real: boolean }> = fc.oneof(
    fc.constant({ value: null, real: false }),
    nastyString.map((value) => ({ value: `holibot_admin=${value.replace(/[\r\n;]/g, '')}`, real: false })),
    forged.map((token) => ({ value: `holibot_admin=${token}`, real: false })),
    fc
      .constantFrom(
        `${head}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`,
        `${head}.${payload}.`,
        `eyJhbGciOiJub25lIn0.${payload}.`,
        `${head}.${payload}`,
        `${head}.${payload}.${signature}.x`,
        'x'.repeat(3000),
      )
      .map((token) => ({ value: `holibot_admin=${token}`, real: false })),
    fc.constant({ value: ctx.adminCookie, real: true }),
    fc.constant({ value: `${ctx.adminCookie}; holibot_admin=x`, real: true }),
  );
  return fc
    .tuple(fc.constantFrom(...routes), cookie, fc.option(nastyString, { freq: 2 }), fc.option(queryString, { freq: 2 }))
    .chain(([endpoint, jar, csrf, query]) =>
      fc.tuple(target(endpoint.path), bodyFor(ADMIN_BODY)).map(([path, body]) => {
        const headers: RawHeader[] = [];
        if (jar.value) headers.push(['Cookie', jar.value]);
        if (csrf !== null) headers.push(['X-CSRF-Token', csrf]);
        if (endpoint.method !== 'GET') headers.push(jsonHeader);
        const isPublic = /\/auth\/(login|setup)$/.test(endpoint.path);
        const expect: HttpExpectation =
          endpoint.method !== 'GET' ? { status: range(400, 499) } : !jar.real && !isPublic ? { status: range(400, 499) } : { operatorRead: true };
        return {
          request: { method: endpoint.method, target: path + (query ?? ''), headers, body: endpoint.method !== 'GET' ? jsonText(body) : undefined },
          expect,
        };
      }),
    );
}

/**
 * Attempts on the conversations stored before the run, each refused or answered in a new
 * conversation: someone else's private one, with bad tokens, wrong fields, the question
 * instead of the answer, another conversation's answer. Expected statuses are exact.
 */
export function storedSessionCases(ctx: FuzzContext): HttpCase[] {
  const { anonymous: a, private: p, rated: r } = ctx.stored;
  const bearer = (token: string | null): RawHeader[] => (token ? [['Authorization', `Bearer ${token}`]] : []);
  const cases: HttpCase[] = [];
  const add = (method: string, target: string, auth: string | null, body: unknown, status: number[], notSessionId?: string) =>
    cases.push({
      request: {
        method,
        target,
        headers: [...(body !== undefined ? [jsonHeader] : []), ...bearer(auth)],
        body: body === undefined ? undefined : typeof body === 'string' ? body : jsonText(body),
      },
      expect: { status, notSessionId },
    });
  for (const bad of ctx.refusedTokens) {
    for (const session of [a, p, r]) {
      add('GET', `/api/v1/chat/session/${session.id}`, bad, undefined, [401]);
      add('DELETE', `/api/v1/chat/session/${session.id}`, bad, undefined, [401]);
      add('DELETE', `/api/v1/chat/session/${session.id.toUpperCase()}`, bad, undefined, [401]);
      add('POST', '/api/v1/chat/message', bad, { query: 'which one is open now?', sessionId: session.id }, [401]);
      add('POST', '/api/v1/chat/feedback', bad, { sessionId: session.id, messageId: session.answerId, rating: 'up' }, [401]);
    }
  }
  for (const stranger of [null, ctx.strangerToken]) {
    add('GET', `/api/v1/chat/session/${p.id}`, stranger, undefined, [404]);
    add('DELETE', `/api/v1/chat/session/${p.id}`, stranger, undefined, [404]);
    add('DELETE', `/api/v1/chat/session/${p.id.toUpperCase()}`, stranger, undefined, [404]);
    add('POST', '/api/v1/chat/message', stranger, { query: 'the second one', sessionId: p.id }, [200], p.id);
    add('POST', '/api/v1/chat/message', stranger, { query: 'the second one', sessionId: p.id.toUpperCase() }, [200], p.id);
    add('POST', '/api/v1/chat/feedback', stranger, { sessionId: p.id, messageId: p.answerId, rating: 'down', reason: 'other' }, [404]);
  }
  for (const session of [a, r]) {
    add('POST', '/api/v1/chat/message', null, { query: 'beaches', sessionId: session.id, language: 'xx' }, [400]);
    add('POST', '/api/v1/chat/message', null, { query: '   ', sessionId: session.id }, [400]);
    add('POST', '/api/v1/chat/message', null, { query: 'beaches', sessionId: session.id, latitude: 38.6 }, [400]);
    add('POST', '/api/v1/chat/message', null, { query: 'x'.repeat(501), sessionId: session.id }, [400]);
    add('POST', '/api/v1/chat/message', null, `{"query":"beaches","sessionId":"${session.id}","__proto__":{"userId":"x"}}`, [400]);
    add('POST', '/api/v1/chat/message', null, `{"query":"beaches","sessionId":"${session.id}","constructor":{"prototype":{"userId":"x"}}}`, [400]);
    add('POST', '/api/v1/chat/feedback', null, { sessionId: session.id, messageId: session.questionId, rating: 'up' }, [404]);
    add('POST', '/api/v1/chat/feedback', null, { sessionId: session.id, messageId: session === a ? r.answerId : a.answerId, rating: 'up' }, [404]);
    add('POST', '/api/v1/chat/feedback', null, { sessionId: session.id, messageId: session.answerId, rating: 'sideways' }, [400]);
    add('POST', '/api/v1/chat/feedback', null, { sessionId: session.id, messageId: session.answerId, rating: 'up', reason: 'closed' }, [400]);
    add('POST', '/api/v1/chat/feedback', null, { sessionId: session.id, messageId: session.answerId, rating: 'down', reason: 'x' }, [400]);
    add('POST', '/api/v1/chat/feedback', null, { sessionId: session.id, messageId: session.answerId, rating: 'down', comment: 'x'.repeat(501) }, [400]);
    add('POST', '/api/v1/chat/feedback', null, { sessionId: session.id, messageId: session.answerId, rating: 'down', poiId: 999_999 }, [400]);
    add('POST', '/api/v1/chat/feedback', null, { sessionId: session.id, messageId: String(session.answerId), rating: 'down' }, [400]);
    add('POST', '/api/v1/chat/feedback', null, { sessionId: session.id, messageId: session.answerId + 0.5, rating: 'down' }, [400]);
    add('DELETE', `/api/v1/chat/session/${session.id}/`, null, undefined, [404]);
    add('DELETE', `/api/v1/chat/session/${session.id}%00`, null, undefined, [400]);
    add('DELETE', `/api/v1/chat/session/${session.id}%2f..`, null, undefined, [400, 404]);
    add('DELETE', `/api/v1/chat/session/..%2f${session.id}`, null, undefined, [400]);
    add('DELETE', `/api/v1/chat/session/${session.id};x`, null, undefined, [400]);
    for (const cookie of [null, 'holibot_admin=x', ctx.adminCookie]) {
      const jar: RawHeader[] = cookie ? [['Cookie', cookie]] : [];
      cases.push({
        request: { method: 'DELETE', target: `/api/v1/admin/conversations/${session.id}`, headers: jar },
        expect: { status: [cookie === ctx.adminCookie ? 403 : 401] },
      });
      cases.push({
        request: { method: 'DELETE', target: `/api/v1/admin/conversations/${session.id}`, headers: [...jar, ['X-CSRF-Token', 'not-the-token']] },
        expect: { status: [cookie === ctx.adminCookie ? 403 : 401] },
      });
      cases.push({
        request: { method: 'POST', target: '/api/v1/admin/sessions/cleanup', headers: [...jar, jsonHeader], body: '{"dryRun":false}' },
        expect: { status: [cookie === ctx.adminCookie ? 403 : 401] },
      });
    }
  }
  return cases;
}

/** The same attempts over the WebSocket: frames and what each must be answered with. */
export function storedSessionFrames(ctx: FuzzContext): Array<{ frame: Record<string, unknown>; code?: string; notSessionId?: string }> {
  const { anonymous: a, private: p, rated: r } = ctx.stored;
  const frames: Array<{ frame: Record<string, unknown>; code?: string; notSessionId?: string }> = [];
  for (const token of ctx.refusedTokens)
    for (const session of [a, p, r]) frames.push({ frame: { type: 'message', query: 'and in Altea?', sessionId: session.id, token }, code: 'INVALID_TOKEN' });
  for (const session of [a, r]) {
    frames.push({ frame: { type: 'message', query: 'beaches', sessionId: session.id, language: 'xx' }, code: 'INVALID_LANGUAGE' });
    frames.push({ frame: { type: 'message', query: 'beaches', sessionId: session.id, latitude: 'north', longitude: 1 }, code: 'INVALID_POSITION' });
    frames.push({ frame: { type: 'message', query: 'beaches', sessionId: session.id, token: 42 }, code: 'INVALID_TOKEN' });
    frames.push({ frame: { type: 'feedback', sessionId: session.id, messageId: session.answerId, rating: 'up' }, code: 'INVALID_REQUEST' });
  }
  for (const token of [undefined, ctx.strangerToken])
    frames.push({ frame: { type: 'message', query: 'the first one', sessionId: p.id, ...(token ? { token } : {}) }, notSessionId: p.id });
  return frames;
}

const requestIdArb = fc.oneof(
  fc.constantFrom('fuzz-1', 'a.b_c-D9', 'x'.repeat(100)),
  fc.constantFrom('x'.repeat(101), 'a b', 'a\r\nX-Fuzz-Injected: 1', '', '../..'),
  nastyString,
  weirdValue,
);

/** WebSocket frames: messages with wrong fields and tokens, not JSON, binary, the wrong type, too large. */
export function wsFrames(ctx: FuzzContext): fc.Arbitrary<WsFrame> {
  const message = fc
    .tuple(
      bodyFor(ctx.chatMessage),
      fc.option(fc.oneof(ctx.badTokens, weirdValue, fc.constant(ctx.strangerToken)), { freq: 2 }),
      fc.option(requestIdArb, { freq: 2 }),
      fc.option(fc.oneof(fc.constantFrom('feedback', 'MESSAGE', 'message ', 'ping', ''), weirdValue), { freq: 5 }),
    )
    .map(([body, token, requestId, type]): WsFrame => {
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return { data: jsonText(body), binary: false };
      const frame = Object.fromEntries([
        ['type', type ?? 'message'],
        ...Object.entries(body),
        ...(token !== null ? [['token', token]] : []),
        ...(requestId !== null ? [['requestId', requestId]] : []),
      ]);
      // The requestId the frame carries in the end (a body key of that name may have been replaced).
      return { data: jsonText(frame), binary: false, requestId: frame['requestId'] };
    });
  return (
    fc
      .oneof(
        { weight: 6, arbitrary: message },
        // Valid messages with hostile text, some continuing the fuzz's own conversation: deep into the engine.
        {
          weight: 2,
          arbitrary: fc.tuple(nastyString, fc.boolean(), fc.option(requestIdArb)).map(([query, followUp, requestId]): WsFrame => ({
            data: jsonText({
              type: 'message',
              query: query.slice(0, 500),
              ...(followUp ? { sessionId: ctx.scratch.id } : {}),
              ...(requestId !== null ? { requestId } : {}),
            }),
            binary: false,
            requestId: requestId ?? undefined,
          })),
        },
        {
          weight: 2,
          arbitrary: fc
            .oneof(badJsonText, nastyString)
            .map((text): WsFrame => ({ data: text, binary: false, ...(Buffer.byteLength(text) > 16 * 1024 ? { closes: 1009 as const } : {}) })),
        },
        { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes): WsFrame => ({ data: Buffer.from(bytes), binary: true })) },
        { weight: 1, arbitrary: invalidUtf8Body.map((bytes): WsFrame => ({ data: bytes, binary: true })) },
        { weight: 1, arbitrary: fc.constantFrom(...INJECTIONS).map((text): WsFrame => ({ data: jsonText({ type: 'message', query: text }), binary: false })) },
      )
      // Whatever its content, a frame over 16 KB closes the connection.
      .map((frame): WsFrame => (frame.closes || Buffer.byteLength(frame.data) <= 16 * 1024 ? frame : { ...frame, closes: 1009 }))
  );
}

/** A frame that ends the connection: over the 16 KB limit (1009), or a text frame whose bytes are not UTF-8 (1007). */
export const closingFrame: fc.Arbitrary<WsFrame> = fc.oneof(
  fc.tuple(fc.integer({ min: 16 * 1024 + 1, max: 300_000 }), fc.boolean()).map(([size, binary]): WsFrame => ({
    data: binary ? Buffer.alloc(size, 0x61) : JSON.stringify({ type: 'message', query: 'x'.repeat(size) }),
    binary,
    closes: 1009,
  })),
  invalidUtf8Body.map((bytes): WsFrame => ({ data: bytes, binary: false, closes: 1007 })),
);

export const EVIL_ORIGINS = [
  'http://attacker.example',
  'null',
  'file://',
  'https://127.0.0.1.attacker.example',
  'http://localhost',
  'ws://127.0.0.1',
  'chrome-extension://abc',
];

/** Upgrade requests with hostile headers, as raw bytes; `evilOrigin` when the Origin must be refused (1008). */
export function wsHandshakes(): fc.Arbitrary<{ request: RawRequest; evilOrigin: boolean }> {
  const key = fc.oneof(
    { weight: 4, arbitrary: fc.constant('dGhlIHNhbXBsZSBub25jZQ==') },
    { weight: 1, arbitrary: fc.constantFrom('', 'short', 'x'.repeat(2000), '!!!!!!!!!!!!!!!!!!!!!!==') },
  );
  const version = fc.oneof({ weight: 4, arbitrary: fc.constant('13') }, { weight: 1, arbitrary: fc.constantFrom('8', '99', '', '13, 8', 'x') });
  const origin = fc.oneof(
    { weight: 2, arbitrary: fc.constant<string | null>(null) },
    { weight: 3, arbitrary: fc.constantFrom(...EVIL_ORIGINS) },
    { weight: 2, arbitrary: nastyString },
  );
  const path = fc.oneof(
    { weight: 4, arbitrary: fc.constant('/api/v1/chat/ws') },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '/api/v1/chat/ws/',
        '/API/V1/CHAT/WS',
        '/api/v1/chat/ws?x=%00',
        '/api/v1/chat/%2e%2e/chat/ws',
        '//api/v1/chat/ws',
        '/api/v1/chat/message',
        '/',
        '*',
      ),
    },
    { weight: 1, arbitrary: pathSegment.map((segment) => `/api/v1/chat/ws/${segment}`) },
  );
  const extras = fc.array(
    fc.oneof(
      fc.constantFrom<RawHeader>(
        ['Sec-WebSocket-Protocol', 'a,,b'],
        ['Sec-WebSocket-Protocol', 'chat, chat'],
        ['Sec-WebSocket-Extensions', 'permessage-deflate; client_max_window_bits=99'],
        ['Sec-WebSocket-Extensions', 'permessage-deflate; server_max_window_bits'],
        ['Sec-WebSocket-Extensions', ';;;'],
        ['X-Forwarded-For', '1.2.3.4'],
        ['Host', '['],
        ['Host', ''],
      ),
      nastyString.map((value): RawHeader => ['Sec-WebSocket-Protocol', value]),
    ),
    { maxLength: 2 },
  );
  return fc
    .tuple(
      fc.constantFrom('GET', 'GET', 'GET', 'POST', 'PUT', 'OPTIONS'),
      path,
      key,
      version,
      origin,
      extras,
      fc.constantFrom('websocket', 'WebSocket', 'h2c', 'websocket, h2c', ''),
    )
    .map(([method, target, secKey, secVersion, originValue, more, upgrade]) => {
      const headers: RawHeader[] = [
        ['Upgrade', upgrade],
        ['Connection', 'Upgrade'],
        ['Sec-WebSocket-Key', secKey],
        ['Sec-WebSocket-Version', secVersion],
        ...(originValue !== null ? ([['Origin', originValue]] as RawHeader[]) : []),
        ...more,
      ];
      return { request: { method, target, headers }, evilOrigin: originValue !== null && EVIL_ORIGINS.includes(originValue) };
    });
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

export { percentEncode };
