import { OPEN_AT_FIXED_NOW } from '../../test/support/app.js';
import { type InProcessApp, TEST_TOKEN_SECRET, signUserToken, startInProcess } from '../../test/support/in-process.js';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** SessionController through the whole HTTP stack in-process (createHttpApp), clock at FIXED_NOW. */
describe('GET and DELETE /api/v1/chat/session/:id, in-process', () => {
  let running: InProcessApp;
  let visitor = 0;
  beforeAll(async () => {
    running = await startInProcess({ USER_TOKEN_SECRET: TEST_TOKEN_SECRET, TRUST_PROXY: 'loopback' });
  });
  afterAll(() => running.close());

  /** Every request its own client address: the rate limit never mixes the cases. */
  const headers = (extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${++visitor}`, ...extra });
  const ask = async (body: Record<string, unknown>, extra: Record<string, string> = {}) => {
    const response = await fetch(`${running.url}/api/v1/chat/message`, { method: 'POST', headers: headers(extra), body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as any };
  };
  const session = async (id: string, init: RequestInit = {}) => {
    const response = await fetch(`${running.url}/api/v1/chat/session/${id}`, { ...init, headers: headers(init.headers as Record<string, string>) });
    return { status: response.status, body: (await response.json()) as any };
  };
  const token = (subject: string) => signUserToken(running, subject);

  it('returns the history in order, each answer with its places in its own language and their hours at FIXED_NOW', async () => {
    const first = await ask({ query: 'restaurantes italianos', language: 'es' });
    expect(first.status).toBe(200);
    const { sessionId } = first.body.data;
    const second = await ask({ query: 'the first one', sessionId, language: 'en' });
    expect(second.status).toBe(200);

    const history = await session(sessionId);
    expect(history.status).toBe(200);
    expect(history.body.data.sessionId).toBe(sessionId);
    const messages = history.body.data.messages;
    expect(messages.map((m: any) => [m.role, m.content])).toEqual([
      ['user', 'restaurantes italianos'],
      ['assistant', first.body.data.textResponse],
      ['user', 'the first one'],
      ['assistant', second.body.data.textResponse],
    ]);
    // The places of each answer again, as the answer showed them (the score is the search's, not the history's).
    const withoutScore = (pois: any[]) => pois.map(({ relevanceScore: _score, ...poi }) => poi);
    expect(withoutScore(messages[1].pois)).toEqual(withoutScore(first.body.data.pois));
    expect(withoutScore(messages[3].pois)).toEqual(withoutScore(second.body.data.pois));
    expect(messages[1].pois.length).toBeGreaterThan(0);
    for (const poi of messages[1].pois) expect(poi.openNow).toBe(OPEN_AT_FIXED_NOW[poi.name]);
    expect(messages[0].pois).toEqual([]);
  });

  it('answers a malformed id with 400 INVALID_SESSION_ID and an unknown one with 404 SESSION_NOT_FOUND', async () => {
    for (const [id, status, code] of [
      ['abc', 400, 'INVALID_SESSION_ID'],
      ['not-a-uuid-but-36-characters-long-xx', 400, 'INVALID_SESSION_ID'],
      [UNKNOWN_ID, 404, 'SESSION_NOT_FOUND'],
    ] as const) {
      for (const method of ['GET', 'DELETE']) {
        const answer = await session(id, { method });
        expect([method, id, answer.status, answer.body.success, answer.body.error.code]).toEqual([method, id, status, false, code]);
        expect(answer.body.error.message).toEqual(expect.any(String));
      }
    }
  });

  it('keeps a private session private: another user or no token gets 404, its owner 200, a bad token 401', async () => {
    const owner = await token('visitor-42');
    const { sessionId } = (await ask({ query: 'beaches' }, { authorization: `Bearer ${owner}` })).body.data;
    expect((await session(sessionId, { headers: { authorization: `Bearer ${owner}` } })).status).toBe(200);
    expect((await session(sessionId)).body.error.code).toBe('SESSION_NOT_FOUND');
    const stranger = await token('visitor-7');
    expect((await session(sessionId, { headers: { authorization: `Bearer ${stranger}` } })).body.error.code).toBe('SESSION_NOT_FOUND');
    expect((await session(sessionId, { method: 'DELETE', headers: { authorization: `Bearer ${stranger}` } })).status).toBe(404);
    const bad = await session(sessionId, { headers: { authorization: 'Bearer not.a.token' } });
    expect([bad.status, bad.body.error.code]).toEqual([401, 'INVALID_TOKEN']);
    // The refused attempts deleted nothing.
    expect((await session(sessionId, { headers: { authorization: `Bearer ${owner}` } })).body.data.messages).toHaveLength(2);
  });

  it('DELETE removes the session and its messages: then GET is 404 and the id starts nothing new', async () => {
    const { sessionId } = (await ask({ query: 'museums' })).body.data;
    const deleted = await session(sessionId, { method: 'DELETE' });
    expect(deleted).toEqual({ status: 200, body: { success: true, data: { sessionId, deleted: true } } });
    expect((await session(sessionId)).body.error.code).toBe('SESSION_NOT_FOUND');
    expect((await session(sessionId, { method: 'DELETE' })).status).toBe(404);
  });

  it('finds a session by its id in capitals too (ids are stored in lower case)', async () => {
    const { sessionId } = (await ask({ query: 'beaches' })).body.data;
    expect((await session(sessionId.toUpperCase())).body.data.sessionId).toBe(sessionId);
  });
});
