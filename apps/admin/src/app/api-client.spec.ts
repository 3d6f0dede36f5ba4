import { jest } from '@jest/globals';
import { TestBed } from '@angular/core/testing';
import { CSRF_HEADER } from '@holibot/contracts';
import { ScriptedFetch } from '../testing/scripted-fetch';
import { AdminApi, ApiError, errorText, FETCH, parseRetryAfter } from './api-client';
import { S } from './strings';

describe('AdminApi', () => {
  let server: ScriptedFetch;
  let api: AdminApi;

  beforeEach(() => {
    server = new ScriptedFetch();
    TestBed.configureTestingModule({ providers: [{ provide: FETCH, useValue: server.fetch }] });
    api = TestBed.inject(AdminApi);
  });

  it('unwraps {success, data} and sends the cookie (same origin) with every call', async () => {
    server.ok({ email: 'ops@calpe.example', role: 'admin', csrfToken: 't1' });
    await expect(api.me()).resolves.toEqual({ email: 'ops@calpe.example', role: 'admin', csrfToken: 't1' });
    expect(server.calls[0]).toMatchObject({ url: '/api/v1/admin/auth/me', method: 'GET', credentials: 'same-origin' });
  });

  it('sends the CSRF token on POST and DELETE, never on GET', async () => {
    api.setCsrfToken('csrf-123');
    server.ok({ days: 7 }).ok({ version: '1.2.0', previousVersion: '1.1.0', changed: true }).ok({ deleted: true });
    await api.dashboard(7);
    await api.deployWidget('1.2.0');
    await api.deleteConversation('a b');
    const [get, post, del] = server.calls;
    expect(get!.url).toBe('/api/v1/admin/dashboard?days=7');
    expect(get!.headers[CSRF_HEADER]).toBeUndefined();
    expect(post).toMatchObject({ method: 'POST', url: '/api/v1/admin/widget/versions/1.2.0/deploy' });
    expect(post!.headers[CSRF_HEADER]).toBe('csrf-123');
    expect(post!.headers['Content-Type']).toBe('application/json');
    expect(del).toMatchObject({ method: 'DELETE', url: '/api/v1/admin/conversations/a%20b' });
    expect(del!.headers[CSRF_HEADER]).toBe('csrf-123');
  });

  it('leaves empty query values out', async () => {
    server.ok({ total: 0, places: [] }).ok({ retentionHours: 24, conversations: [] });
    await api.places({ q: '', active: null, limit: 50, offset: 0 });
    await api.conversations(50, { updatedAt: '2026-03-01T10:00:00.000Z', id: '11111111-1111-4111-8111-111111111111' });
    expect(server.calls[0]!.url).toBe('/api/v1/admin/places?limit=50&offset=0');
    expect(server.calls[1]!.url).toBe('/api/v1/admin/conversations?limit=50&before=2026-03-01T10%3A00%3A00.000Z&beforeId=11111111-1111-4111-8111-111111111111');
  });

  it('reports a 401 as a lost session, except from sign-in itself', async () => {
    const lost = jest.fn();
    api.onUnauthenticated(lost);
    server.fail(401, 'UNAUTHENTICATED', 'wrong e-mail or password').fail(401, 'UNAUTHENTICATED', 'sign in first');
    await expect(api.login('a@b.example', 'nope')).rejects.toMatchObject({ status: 401 });
    expect(lost).not.toHaveBeenCalled();
    await expect(api.sessions()).rejects.toBeInstanceOf(ApiError);
    expect(lost).toHaveBeenCalledTimes(1);
  });

  it("takes the error's code and message from the envelope", async () => {
    server.fail(409, 'WIDGET_VERSION_CONFLICT', 'version 1.2.0 exists already with other files');
    const error = (await api.uploadWidget({ files: [] }).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(409);
    expect(error.code).toBe('WIDGET_VERSION_CONFLICT');
    expect(errorText(error)).toBe('version 1.2.0 exists already with other files');
  });

  it('shows a 503 message as the server wrote it', async () => {
    server.fail(503, 'SERVICE_UNAVAILABLE', 'the admin API needs ADMIN_SESSION_SECRET in production');
    const error = await api.me().catch((e: unknown) => e);
    expect(errorText(error)).toBe('the admin API needs ADMIN_SESSION_SECRET in production');
  });

  it('words a 403 as the missing admin role, or a stale CSRF token', async () => {
    server.fail(403, 'FORBIDDEN', 'this needs the admin role').fail(403, 'FORBIDDEN', 'missing or wrong X-CSRF-Token header');
    expect(errorText(await api.runBackup().catch((e: unknown) => e))).toBe(S.errors.forbidden);
    expect(errorText(await api.runBackup().catch((e: unknown) => e))).toBe(S.errors.csrf);
  });

  it('falls back to the HTTP status when the body is not the envelope, and to a network message', async () => {
    server.reply({ status: 502, body: '<html>Bad gateway</html>' }, { networkError: true });
    const bad = (await api.alerts().catch((e: unknown) => e)) as ApiError;
    expect(bad.status).toBe(502);
    expect(bad.message).toBe(S.errors.http(502));
    const down = (await api.alerts().catch((e: unknown) => e)) as ApiError;
    expect(down.status).toBe(0);
    expect(down.message).toBe(S.errors.network);
  });

  it('reads Retry-After of a 429', async () => {
    server.fail(429, 'RATE_LIMIT_EXCEEDED', 'too many failed sign-ins', { 'Retry-After': '840' });
    const error = (await api.login('a@b.example', 'x').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(429);
    expect(error.retryAfterSeconds).toBe(840);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-03-01T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Sun, 01 Mar 2026 10:05:00 GMT', now)).toBe(300);
    expect(parseRetryAfter('Sun, 01 Mar 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});
