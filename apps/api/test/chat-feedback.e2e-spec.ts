import { SignJWT } from 'jose';
import type { DatabaseConfig } from '@holibot/database';
import { dropMysqlDatabase, freshMysqlDatabase, freshSqliteDatabase, mysqlAvailable } from '@holibot/database/testing';
import { FIXED_NOW, type RunningApp, startApp, testEnv } from './support/app.js';
import { openApiProblems } from './support/openapi.js';
import { ChatSocket } from './support/ws-client.js';

const withMysql = await mysqlAvailable();
const SECRET = 'a-host-site-secret-of-at-least-32-characters';
const LIMIT = 6;

/** Visitor feedback, the widget's configuration and message ids, over HTTP and WebSocket on the built server. */
function feedbackSuite(database: () => Promise<DatabaseConfig>, cleanup: (database: DatabaseConfig) => Promise<void> = async () => {}) {
  let config: DatabaseConfig;
  let running: RunningApp;
  let visitor = 0;
  beforeAll(async () => {
    config = await database();
    running = await startApp(
      testEnv(config, { HOLIBOT_FIXED_NOW: FIXED_NOW, RATE_LIMIT_MAX_REQUESTS: String(LIMIT), TRUST_PROXY: 'loopback', USER_TOKEN_SECRET: SECRET }),
    );
  });
  afterAll(async () => {
    await running?.close();
    await cleanup(config);
  });

  /** A client address of its own: each test's requests count in their own rate-limit budget. */
  const newVisitor = () => ({ 'x-forwarded-for': `198.51.100.${++visitor}` });
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = newVisitor()) => {
    const response = await fetch(`${running.url}/api/v1/chat/${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as any };
  };
  const ask = (query: string, extra: Record<string, unknown> = {}, headers?: Record<string, string>) => call('POST', 'message', { query, ...extra }, headers);
  const rate = (body: unknown, headers?: Record<string, string>) => call('POST', 'feedback', body, headers);
  /** Valid for an hour by the server's clock, which started at FIXED_NOW. */
  const token = (subject: string) => {
    const now = Math.floor(Date.parse(FIXED_NOW) / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(subject)
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(new TextEncoder().encode(SECRET));
  };

  it('an answer carries its messageId; feedback on it is 200 with a feedbackId, and a second one replaces it (same id)', async () => {
    const answer = await ask('italian restaurants');
    expect(answer.status).toBe(200);
    const { sessionId, messageId, pois } = answer.body.data;
    expect(messageId).toEqual(expect.any(Number));
    // Each place with when its openNow next flips (FIXED_NOW: Tuesday 13:00 in Calpe).
    const luca = pois.find((poi: any) => poi.name === 'Trattoria Da Luca');
    expect([luca.openNow, luca.nextChange]).toEqual([true, { time: '15:30', inDays: 0, weekday: 2 }]);
    const gabbiano = pois.find((poi: any) => poi.name === 'Ristorante Il Gabbiano');
    expect([gabbiano.openNow, gabbiano.nextChange]).toEqual([false, { time: '19:00', inDays: 1, weekday: 3 }]);

    const up = await rate({ sessionId, messageId, rating: 'up' });
    expect(up).toMatchObject({ status: 200, body: { success: true, data: { feedbackId: expect.any(Number) } } });
    const down = await rate({
      sessionId: sessionId.toUpperCase(),
      messageId,
      rating: 'down',
      reason: 'closed',
      comment: ' Closed at lunch\u0000 ',
      poiId: gabbiano.id,
    });
    expect(down.status).toBe(200);
    expect(down.body.data.feedbackId).toBe(up.body.data.feedbackId);
    const other = await ask('beaches');
    const otherFeedback = await rate({ sessionId: other.body.data.sessionId, messageId: other.body.data.messageId, rating: 'up' });
    expect(otherFeedback.body.data.feedbackId).not.toBe(up.body.data.feedbackId);
  });

  it('the history gives every message its messageId: the answers’ are the ones the answers gave', async () => {
    const first = await ask('museums');
    const { sessionId } = first.body.data;
    const second = await ask('the first one', { sessionId });
    const history = await call('GET', `session/${sessionId}`);
    expect(history.status).toBe(200);
    const messages = history.body.data.messages;
    expect(messages.map((m: any) => [m.role, typeof m.messageId])).toEqual([
      ['user', 'number'],
      ['assistant', 'number'],
      ['user', 'number'],
      ['assistant', 'number'],
    ]);
    expect([messages[1].messageId, messages[3].messageId]).toEqual([first.body.data.messageId, second.body.data.messageId]);
    expect(new Set(messages.map((m: any) => m.messageId)).size).toBe(4);
    // A question is not an answer.
    expect((await rate({ sessionId, messageId: messages[0].messageId, rating: 'up' })).body.error.code).toBe('MESSAGE_NOT_FOUND');
  });

  it.each([
    ['no body fields', 400, 'INVALID_SESSION_ID', {}],
    ['a malformed session id', 400, 'INVALID_SESSION_ID', { sessionId: 'nope', messageId: 1, rating: 'up' }],
    ['no messageId', 400, 'INVALID_FEEDBACK', { rating: 'up' }],
    ['a messageId as a string', 400, 'INVALID_FEEDBACK', { messageId: '12', rating: 'up' }],
    ['a fractional messageId', 400, 'INVALID_FEEDBACK', { messageId: 1.5, rating: 'up' }],
    ['a messageId of 0', 400, 'INVALID_FEEDBACK', { messageId: 0, rating: 'up' }],
    ['a messageId beyond an int', 400, 'INVALID_FEEDBACK', { messageId: 1e20, rating: 'up' }],
    ['no rating', 400, 'INVALID_FEEDBACK', { messageId: 1 }],
    ['a rating of "meh"', 400, 'INVALID_FEEDBACK', { messageId: 1, rating: 'meh' }],
    ['an unknown reason', 400, 'INVALID_FEEDBACK', { messageId: 1, rating: 'down', reason: 'rude' }],
    ['a reason with "up"', 400, 'INVALID_FEEDBACK', { messageId: 1, rating: 'up', reason: 'closed' }],
    ['a 501-character comment', 400, 'INVALID_FEEDBACK', { messageId: 1, rating: 'down', comment: 'x'.repeat(501) }],
    ['a comment that is not text', 400, 'INVALID_FEEDBACK', { messageId: 1, rating: 'down', comment: { text: 'x' } }],
    ['a negative poiId', 400, 'INVALID_FEEDBACK', { messageId: 1, rating: 'down', poiId: -3 }],
    ['an unknown session', 404, 'SESSION_NOT_FOUND', { messageId: 1, rating: 'up' }],
  ])('feedback with %s → %i %s', async (label, status, code, fields) => {
    const body = { sessionId: '00000000-0000-4000-8000-000000000000', ...fields };
    const answer = await rate(label === 'no body fields' ? fields : body);
    expect([answer.status, answer.body]).toEqual([status, { success: false, error: { code, message: expect.any(String) } }]);
  });

  it('a body that is not an object, nested too deeply or not JSON: 400, never 500', async () => {
    for (const body of ['[]', 'null', '"x"', '42', JSON.stringify({ a: { b: { c: { d: { e: { f: { g: { h: { i: 1 } } } } } } } } }), '{"sessionId": ']) {
      const answer = await rate(body);
      expect([body, answer.status]).toEqual([body, 400]);
      expect(answer.body.success).toBe(false);
    }
  });

  it('refuses what the answer did not show, another session’s answer, and a private session without its user', async () => {
    const mine = (await ask('italian restaurants')).body.data;
    const other = (await ask('beaches')).body.data;
    const notShown = await rate({ sessionId: mine.sessionId, messageId: mine.messageId, rating: 'down', reason: 'wrong_info', poiId: other.pois[0].id });
    expect([notShown.status, notShown.body.error]).toEqual([400, { code: 'INVALID_FEEDBACK', message: 'poiId must be one of the places of that answer.' }]);
    const foreign = await rate({ sessionId: mine.sessionId, messageId: other.messageId, rating: 'up' });
    expect([foreign.status, foreign.body.error.code]).toEqual([404, 'MESSAGE_NOT_FOUND']);

    const owner = { ...newVisitor(), authorization: `Bearer ${await token('visitor-42')}` };
    const theirs = (await ask('hotels', {}, owner)).body.data;
    const feedback = { sessionId: theirs.sessionId, messageId: theirs.messageId, rating: 'up' };
    expect((await rate(feedback)).body.error.code).toBe('SESSION_NOT_FOUND');
    expect((await rate(feedback, { ...newVisitor(), authorization: `Bearer ${await token('visitor-7')}` })).status).toBe(404);
    const bad = await rate(feedback, { ...newVisitor(), authorization: 'Bearer not.a.token' });
    expect([bad.status, bad.body.error.code]).toEqual([401, 'INVALID_TOKEN']);
    expect((await rate(feedback, owner)).status).toBe(200);
    // Deleted: its answers take no more feedback.
    expect((await call('DELETE', `session/${theirs.sessionId}`, undefined, owner)).status).toBe(200);
    expect((await rate(feedback, { ...newVisitor(), authorization: owner.authorization })).body.error.code).toBe('SESSION_NOT_FOUND');
  });

  it('feedback counts against the chat rate limit, in one budget with messages; the configuration does not', async () => {
    const headers = newVisitor();
    const { sessionId, messageId } = (await ask('beaches', {}, headers)).body.data;
    for (let i = 1; i < LIMIT; i++) expect((await rate({ sessionId, messageId, rating: i % 2 ? 'up' : 'down' }, headers)).status).toBe(200);
    const limited = await rate({ sessionId, messageId, rating: 'up' }, headers);
    expect([limited.status, limited.body.error.code]).toEqual([429, 'RATE_LIMIT_EXCEEDED']);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await ask('beaches', {}, headers)).status).toBe(429);
    expect((await call('GET', 'config', undefined, headers)).status).toBe(200);
  });

  it('the WebSocket done frame carries the messageId, which takes feedback', async () => {
    const socket = await ChatSocket.open(running.url, { headers: newVisitor() });
    try {
      const { end } = await socket.ask('italian restaurants');
      expect(end.type).toBe('done');
      const { sessionId, messageId } = end.data.data;
      expect(messageId).toEqual(expect.any(Number));
      const history = await call('GET', `session/${sessionId}`);
      expect(history.body.data.messages[1].messageId).toBe(messageId);
      expect((await rate({ sessionId, messageId, rating: 'down', reason: 'not_relevant' })).status).toBe(200);
    } finally {
      socket.close();
    }
  });

  it('GET /chat/config: the destination and the languages, cacheable for 5 minutes', async () => {
    const answer = await call('GET', 'config');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ success: true, data: { destinationName: 'Calpe', languages: ['en', 'es', 'de', 'nl', 'fr'] } });
    expect(answer.headers.get('cache-control')).toBe('public, max-age=300');
  });

  it('the OpenAPI document lists both routes and stays valid', async () => {
    const document = (await (await fetch(`${running.url}/api/docs/openapi.json`)).json()) as any;
    expect(openApiProblems(document)).toBeNull();
    expect(document.paths['/api/v1/chat/feedback'].post.security).toEqual([{}, { bearer: [] }]);
    expect(Object.keys(document.paths['/api/v1/chat/config'])).toEqual(['get']);
    const schema = document.components.schemas.ChatFeedbackDto;
    expect(schema.required.sort()).toEqual(['messageId', 'rating', 'sessionId']);
    expect(schema.properties.reason.enum).toEqual(['wrong_info', 'not_relevant', 'closed', 'other']);
  });
}

describe('visitor feedback and the widget configuration, on SQLite', () => {
  feedbackSuite(async () => freshSqliteDatabase());
});

(withMysql ? describe : describe.skip)('visitor feedback and the widget configuration, on MySQL', () => {
  feedbackSuite(() => freshMysqlDatabase('feedback_e2e'), dropMysqlDatabase);
});
