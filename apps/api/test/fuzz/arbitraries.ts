import { createHmac } from 'node:crypto';
import fc from 'fast-check';

/**
 * Bad inputs as fast-check arbitraries: strings that break parsers, queries, templates, headers
 * and paths; values of every wrong type; JSON bodies built from a schema with wrong, missing and
 * extra fields; JSON Web Tokens that must be refused. None of them contains what the leak check
 * looks for (a stack frame, node_modules, a source line reference), so an answer that echoes an
 * input cannot fail that check.
 */

export const INJECTIONS = [
  // SQL
  "' OR '1'='1",
  "'; DROP TABLE ChatSession; --",
  '" OR 1=1 --',
  '1; SELECT * FROM AdminUser',
  "') UNION SELECT sqlite_version(), 2 --",
  "x' AND (SELECT COUNT(*) FROM ChatMessage) > 0 --",
  "%' OR 1=1 LIMIT 1 --",
  '\\',
  "'",
  '`',
  // HTML, script
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '<svg/onload=alert(1)>',
  '</script><script>alert(1)</script>',
  '<!--',
  '<![CDATA[x]]>',
  // templates, format strings
  '{{7*7}}',
  '${7*7}',
  '<%= 7*7 %>',
  '#{7*7}',
  '{{constructor.constructor("return process")()}}',
  '${process.exit(1)}',
  '%s%s%s%n%x',
  '{0}{1}',
  // CRLF, header injection
  'x\r\nX-Fuzz-Injected: 1',
  'x\r\n\r\n<html>',
  '%0d%0aX-Fuzz-Injected:%201',
  'x\nX-Fuzz-Injected: 1',
  // paths
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '..%2f..%2f..%2fpackage.json',
  '%252e%252e%252f',
  '....//....//etc/passwd',
  '..%c0%af..%c0%af',
  '/etc/passwd\u0000.js',
  'file:///etc/passwd',
  // prototype keys, JavaScript names
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '__defineGetter__',
  // unicode
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  '\ud83d',
  'x\udc00y',
  '\u202eevil\u202c',
  '\u200b\u200d\ufeff',
  'a' + '\u0301'.repeat(60),
  'ﬁ ǅ İ ß ẞ',
  'مطعم في كالبي',
  'מסעדה',
  '😀'.repeat(12),
  '\u2028\u2029',
  '\u0085\u00a0',
  // numbers and keywords as text
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x10',
  '  ',
  '',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const oddChar = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  loneSurrogate,
  fc.constantFrom('\u0000', '\u202e', '\u0301', '\r', '\n', '\t', '\u2028', '\ufeff', '"', '\\', '%', '/', '.', '<', '{', "'", ';', '&', '=', '?', '#'),
);

/** A string meant to break something: an injection, odd code points, a huge or combining run. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...INJECTIONS) },
  { weight: 3, arbitrary: fc.string({ unit: oddChar, maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom('x', 'é', '😀', '\u0301', 'a\u0000', '\ud800'), fc.integer({ min: 200, max: 12_000 })).map(([s, n]) => s.repeat(n)),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.constantFrom(...INJECTIONS), fc.string({ maxLength: 10 }), fc.constantFrom(...INJECTIONS)).map(([a, b, c]) => a + b + c),
  },
);

/** JSON nested `depth` levels deep, as arrays or objects. */
export function nested(depth: number, asObject: boolean): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = asObject ? { a: value } : [value];
  return value;
}

/** Any value of the wrong type (or the right type with a wrong value). */
export const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  {
    weight: 3,
    arbitrary: fc.constantFrom<unknown>(
      null,
      true,
      false,
      0,
      -1,
      1.5,
      -0.5,
      2 ** 31,
      2 ** 53 + 2,
      -(2 ** 53),
      1e308,
      -1e308,
      5e-324,
      [],
      {},
      [null],
      { '': '' },
      ['x'],
      [1, 2],
    ),
  },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.array(nastyString, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.array(fc.tuple(nastyString, nastyString), { maxLength: 3 }).map((entries) => Object.fromEntries(entries)) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 2, max: 60 }), fc.boolean()).map(([depth, asObject]) => nested(depth, asObject)) },
);

/** The keys that try to pollute a prototype, or to smuggle a field the server must never trust. */
export const sneakyKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'userId',
  'user_id',
  'isAdmin',
  'role',
  'id',
  'createdAt',
  'messageCount',
  'type',
  'token',
);

export interface JsonSchema {
  type?: string;
  format?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  $ref?: string;
}

/** A right value for a property, so that a body can be wrong in one field only. */
export function validFor(schema: JsonSchema, ids: string[]): fc.Arbitrary<unknown> {
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  if (schema.type === 'string') {
    if (schema.format === 'uuid') return ids.length ? fc.oneof(fc.uuid(), fc.constantFrom(...ids)) : fc.uuid();
    return fc.constantFrom('beaches', 'best restaurants in Calpe', 'is it open now?', 'the second one', 'museos en Calpe', 'wo kann ich tauchen', 'x');
  }
  if (schema.type === 'number' || schema.type === 'integer') {
    const min = schema.minimum ?? -1000;
    const max = schema.maximum ?? 1000;
    return schema.type === 'integer' ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true });
  }
  if (schema.type === 'boolean') return fc.boolean();
  return weirdValue;
}

/**
 * A JSON body for a schema: each property right, wrong or missing, maybe extra (and
 * prototype-polluting) keys, built as own properties so that `__proto__` is sent as a key.
 */
export function bodyFor(schema: JsonSchema | undefined, ids: string[] = []): fc.Arbitrary<unknown> {
  const properties = Object.entries(schema?.properties ?? {});
  const fields = fc.tuple(
    ...properties.map(([name, property]) =>
      fc
        .oneof({ weight: 3, arbitrary: validFor(property, ids) }, { weight: 3, arbitrary: weirdValue }, { weight: 1, arbitrary: fc.constant(undefined) })
        .map((value) => [name, value] as const),
    ),
  );
  const extra = fc.array(fc.tuple(fc.oneof(sneakyKey, nastyString), fc.oneof(weirdValue, fc.constant({ polluted: true }))), { maxLength: 2 });
  const object = fc.tuple(fields, extra).map(([own, more]) => Object.fromEntries([...own.filter(([, value]) => value !== undefined), ...more]));
  return fc.oneof({ weight: 8, arbitrary: object }, { weight: 1, arbitrary: object.map((body) => [body]) }, { weight: 1, arbitrary: weirdValue });
}

/** JSON text that is not quite JSON, or JSON that is too much: for the body parser. */
export const badJsonText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'null',
    '[]',
    '{',
    '}',
    '{"query":',
    '{"a":1,}',
    "{'query':'x'}",
    '{"query":"x"}{"query":"y"}',
    '\ufeff{"query":"x"}',
    '{"query":"\\ud800"}',
    '{"query":"\\u0000"}',
    '{"query":"x","query":["y"]}',
    '{"query":1e999}',
    '{"__proto__":{"isAdmin":true},"query":"x"}',
    '{"constructor":{"prototype":{"isAdmin":true}},"query":"x"}',
    '{"query":"x","a":{"__proto__":{"b":1}}}',
    '{"query":"\\x41"}',
    '{"query":NaN}',
    '{"query":"x"}\u0000',
    '{"query":"x" /* comment */}',
    'undefined',
  ),
  fc
    .tuple(fc.integer({ min: 9, max: 7000 }), fc.boolean())
    .map(([depth, asObject]) => (asObject ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) : '['.repeat(depth) + ']'.repeat(depth))),
  fc.integer({ min: 2, max: 3000 }).map((depth) => `{"query":"x","sessionId":${'['.repeat(depth)}${']'.repeat(depth)}}`),
  fc.integer({ min: 15_000, max: 60_000 }).map((size) => JSON.stringify({ query: 'beaches', padding: 'x'.repeat(size) })),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: oddChar, maxLength: 80 }).map((text) => `{"query":"${text}"}`),
);

/** Bytes that are not UTF-8 (a lone continuation byte, an overlong form, a surrogate, 0xFF, a cut sequence), inside JSON. */
export const invalidUtf8Body: fc.Arbitrary<Buffer> = fc
  .tuple(
    fc.constantFrom(
      [0xff],
      [0xfe, 0xff],
      [0x80],
      [0xc0, 0xaf],
      [0xe0, 0x80, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xe2, 0x82],
      [0xc3, 0x28],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
    ),
    fc.constantFrom('query', 'sessionId', 'comment', 'email', 'x'),
    fc.boolean(),
  )
  .map(([bytes, field, inKey]) =>
    Buffer.concat([Buffer.from(inKey ? '{"' : `{"query":"beaches","${field}":"`), Buffer.from(bytes), Buffer.from(inKey ? '":"x"}' : '"}')]),
  );

export const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/json; charset=utf-16le',
  'application/json; charset=UTF-8; charset=utf-16',
  'application/json; charset=',
  'application/json; charset="',
  'application/json;;;',
  'APPLICATION/JSON',
  'application/jsonx',
  'application/json-patch+json',
  'application/json, text/plain',
  'text/plain',
  'text/plain; charset=utf-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----fuzz',
  'application/xml',
  'text/html',
  '*/*',
  'application/*',
  '',
  ';',
  'application/octet-stream',
];

/** A path segment: traversal (encoded and not), NUL, bad %-escapes, odd ids, very long, or a nasty string percent-encoded. */
export const pathSegment: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '..',
      '.',
      '%2e%2e',
      '%2E%2E%2F%2E%2E%2Fpackage.json',
      '..%2f..%2f..%2fetc%2fpasswd',
      '..%5c..%5c',
      '%252e%252e%252f',
      '%c0%ae%c0%ae',
      '%00',
      'holi-bot.js%00.map',
      '%2f',
      'a%2fb',
      '%E0%A4%A',
      '%',
      '%zz',
      '%ff%fe',
      '%ed%a0%80',
      ';',
      'x;jsessionid=1',
      '*',
      '~',
      '%u002e',
      '.env',
      '..%2f.env',
      'package.json',
      'holi-bot.js',
      'holi-bot-element.js',
      'chunk-ZZZZ.js',
      'index.html',
      '1.0.0',
      '1.0.0-rc.1%2b..',
      '20260101-000000',
      '1',
      '-1',
      '0',
      '1.5',
      '1e3',
      '99999999999999999999',
      '0x10',
      'NaN',
      'AAAAAAAA-AAAA-4AAA-8AAA-AAAAAAAAAAAA',
      '00000000-0000-4000-8000-000000000000',
      '00000000-0000-4000-8000-00000000000g',
      'someone%40calpe.example',
      '%40',
    ),
  },
  { weight: 3, arbitrary: nastyString.map(percentEncode) },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.integer({ min: 101, max: 3000 }).map((n) => 'a'.repeat(n)) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('.', '/', '%', '2', 'e', 'f', '\\', 'a'), maxLength: 30 }) },
);

/** Percent-encodes every byte of the UTF-8 form that is not unreserved (a lone surrogate becomes EF BF BD). */
export function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) => (/[A-Za-z0-9._~-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('');
}

/** A query string of known parameter names (and odd ones) with bad values, arrays and prototype keys. */
export const queryString: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom(
          'days',
          'limit',
          'before',
          'offset',
          'q',
          'active',
          'id',
          'token',
          'days[]',
          '__proto__',
          '__proto__[x]',
          'constructor[prototype][x]',
          'a[b][c][d][e]',
        ),
        nastyString.map(percentEncode),
      ),
      fc.oneof(pathSegment, fc.constantFrom('', '=', '&&', '-1', '0', '1e9', '366', '31', 'true', 'false', '2026-06-02T11:00:00.000Z', '9999-99-99')),
    ),
    { minLength: 1, maxLength: 5 },
  )
  .map((pairs) => `?${pairs.map(([name, value]) => `${name}=${value}`).join('&')}`);

/** A JWT signed with HS256 and `secret`, of any header and payload (what a host site might get wrong). */
export function signJwt(header: unknown, payload: unknown, secret: string): string {
  const encode = (part: unknown) => Buffer.from(typeof part === 'string' ? part : JSON.stringify(part)).toString('base64url');
  const input = `${encode(header)}.${encode(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/**
 * User tokens the API must refuse (401 INVALID_TOKEN): `alg: none`, a wrong signature, expired,
 * no `exp`, `exp` too far ahead, `iat` or `nbf` in the future, a bad `sub`, another algorithm,
 * extension headers, broken encodings; and tokens signed right with random claims.
 */
export function badTokens(secret: string, nowS: number): fc.Arbitrary<string> {
  const alg = { alg: 'HS256', typ: 'JWT' };
  const fixed = [
    signJwt({ alg: 'none', typ: 'JWT' }, { sub: 'u', exp: nowS + 600 }, secret).replace(/\.[^.]*$/, '.'),
    signJwt({ alg: 'none' }, { sub: 'u', exp: nowS + 600 }, secret),
    signJwt({ alg: 'None' }, { sub: 'u', exp: nowS + 600 }, secret).replace(/\.[^.]*$/, '.'),
    signJwt(alg, { sub: 'u', exp: nowS + 600 }, 'another secret of at least thirty-two characters'),
    signJwt(alg, { sub: 'u', exp: nowS - 3600 }, secret),
    signJwt(alg, { sub: 'u' }, secret),
    signJwt(alg, { sub: 'u', exp: nowS + 400 * 86_400 }, secret),
    signJwt(alg, { sub: 'u', exp: 1e20 }, secret),
    signJwt(alg, { sub: 'u', exp: nowS + 600, iat: nowS + 86_400 }, secret),
    signJwt(alg, { sub: 'u', exp: nowS + 600, nbf: nowS + 86_400 }, secret),
    signJwt(alg, { sub: '', exp: nowS + 600 }, secret),
    signJwt(alg, { sub: 'u'.repeat(300), exp: nowS + 600 }, secret),
    signJwt(alg, { sub: 42, exp: nowS + 600 }, secret),
    signJwt(alg, { exp: nowS + 600 }, secret),
    signJwt(alg, { sub: 'u', exp: 'tomorrow' }, secret),
    signJwt(alg, { sub: 'u', exp: nowS + 600, nbf: {} }, secret),
    signJwt(alg, [1, 2], secret),
    signJwt(alg, 'not json', secret),
    signJwt('not json', { sub: 'u', exp: nowS + 600 }, secret),
    signJwt({ alg: 'HS512' }, { sub: 'u', exp: nowS + 600 }, secret),
    signJwt({ alg: 'RS256' }, { sub: 'u', exp: nowS + 600 }, secret),
    signJwt({ alg: 'HS256', crit: ['zz'], zz: 1 }, { sub: 'u', exp: nowS + 600 }, secret),
    signJwt({ alg: 'HS256', b64: false, crit: ['b64'] }, { sub: 'u', exp: nowS + 600 }, secret),
    signJwt(
      { alg: 'HS256', kid: '../../../../etc/passwd', jku: 'http://attacker.example/jwks' },
      { sub: 'u', exp: nowS + 600 },
      'wrong secret wrong secret wrong secret',
    ),
    'eyJ%%%.a.b',
    'a.b',
    'a.b.c.d',
    '..',
    '',
    'null',
    'x'.repeat(9000),
  ];
  const randomClaims = fc
    .tuple(
      fc.array(fc.tuple(fc.oneof(fc.constantFrom('alg', 'typ', 'kid', 'crit', 'b64', 'zip'), nastyString), weirdValue), { maxLength: 3 }),
      fc.array(fc.tuple(fc.oneof(fc.constantFrom('sub', 'exp', 'iat', 'nbf', 'iss', 'aud'), nastyString), weirdValue), { maxLength: 4 }),
    )
    .map(([header, payload]) => {
      const claims = Object.fromEntries(payload);
      // A right signature and claims that are each possibly wrong, but never a valid token: no `exp` in range with a `sub`.
      if (typeof claims['sub'] === 'string' && typeof claims['exp'] === 'number') claims['exp'] = nowS - 3600;
      return signJwt({ ...Object.fromEntries(header), alg: 'HS256' }, claims, secret);
    });
  const tampered = fc
    .tuple(fc.constantFrom(...fixed.slice(3, 10)), fc.nat(), fc.constantFrom('A', '-', '_', '=', '+', '/', '.', ' '))
    .map(([token, at, char]) => {
      const index = at % token.length;
      return token.slice(0, index) + char + token.slice(index + 1);
    });
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...fixed) },
    { weight: 2, arbitrary: randomClaims },
    { weight: 1, arbitrary: tampered },
    { weight: 1, arbitrary: nastyString },
  );
}

/** An Authorization header value that is wrong in its scheme or its token. */
export function badAuthorization(tokens: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: tokens.map((token) => `Bearer ${token}`) },
    { weight: 1, arbitrary: tokens.map((token) => `bearer    ${token}   `) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('Bearer', 'Bearer ', 'Basic YWRtaW46YWRtaW4=', 'Token x', 'Bearer a b', 'Digest username="x"', 'Bearer\tx', 'x'.repeat(5000)),
    },
    { weight: 1, arbitrary: nastyString.map((text) => `Bearer ${text}`) },
  );
}
