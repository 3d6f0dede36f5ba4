import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type {
  AlertsData,
  BackupDetail,
  BackupsData,
  CleanupResultData,
  ConversationData,
  ConversationsData,
  DashboardData,
  FeedbackData,
  PlaceDetail,
  PlaceImportData,
  PlacesData,
  SessionsData,
} from '@holibot/contracts';
import { AdminSession, AuditLog } from '@holibot/database';
import { type InProcessApp, startInProcess } from '../../test/support/in-process.js';
import { AdminUsersService } from './admin-users.service.js';

const PASSWORD = 'correct horse battery staple';
const VIEWER_PASSWORD = 'viewer password 12345';

/** Every route of the whole application under /api/v1/admin, read from the controllers Nest registered. */
function adminRoutes(app: InProcessApp): Array<{ method: string; path: string }> {
  const routes: Array<{ method: string; path: string }> = [];
  for (const module of app.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const path = `/${[base, String(Reflect.getMetadata(PATH_METADATA, handler) ?? '')].filter((part) => part && part !== '/').join('/')}`.replace(
          /\/+/g,
          '/',
        );
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number]!;
        if (path.toLowerCase().startsWith('/api/v1/admin')) routes.push({ method, path });
      }
    }
  }
  return routes;
}

describe('admin API: sign-in, deny by default, roles, CSRF', () => {
  let app: InProcessApp;
  let logDir: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    logDir = mkdtempSync(join(tmpdir(), 'holibot-admin-logs-'));
    app = await startInProcess({ LOG_FILES_ENABLED: 'true', LOG_DIR: logDir, LOG_LEVEL: 'debug', TRUST_PROXY: 'loopback' });
    dataSource = app.app.get<DataSource>(getDataSourceToken());
    const users = app.app.get(AdminUsersService);
    await users.create({ email: 'Ops@Calpe.example', password: PASSWORD, role: 'admin' }, { actor: 'test' });
    await users.create({ email: 'viewer@calpe.example', password: VIEWER_PASSWORD, role: 'viewer' }, { actor: 'test' });
  });
  afterAll(() => app.close());

  const call = (method: string, path: string, options: { cookie?: string; csrf?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
    fetch(`${app.url}${path}`, {
      method,
      headers: {
        ...(options.body !== undefined && { 'content-type': 'application/json' }),
        ...(options.cookie && { cookie: options.cookie }),
        ...(options.csrf && { 'x-csrf-token': options.csrf }),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  const login = async (email: string, password: string, headers: Record<string, string> = {}) => {
    const response = await call('POST', '/api/v1/admin/auth/login', { body: { email, password }, headers });
    const body = (await response.json()) as { data?: { csrfToken: string }; error?: { code: string; message: string } };
    const setCookie = response.headers.get('set-cookie') ?? '';
    return { response, body, setCookie, cookie: setCookie.split(';')[0]!, csrf: body.data?.csrfToken };
  };
  /** A concrete path for a route template (`:version` → 1.0.0, `:email` → the viewer). */
  const concrete = (path: string) => path.replace(':version', '1.0.0').replace(':email', 'viewer@calpe.example');

  it('finds the admin routes, and refuses every one but sign-in and setup without a session: 401 UNAUTHENTICATED in the API shape', async () => {
    const routes = adminRoutes(app);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining([
        'POST /api/v1/admin/auth/login',
        'GET /api/v1/admin/auth/me',
        'POST /api/v1/admin/widget/versions/:version/deploy',
        'POST /api/v1/admin/widget/rollback',
      ]),
    );
    for (const route of routes) {
      const response = await call(route.method, concrete(route.path), { body: route.method === 'GET' ? undefined : {} });
      const body = (await response.json()) as { success: boolean; error: { code: string; message: string } };
      if (['/api/v1/admin/auth/login', '/api/v1/admin/auth/setup'].includes(route.path)) {
        // Public, but the empty body is refused.
        expect([route.path, response.status]).toEqual([route.path, 400]);
      } else {
        expect([route.method, route.path, response.status, body]).toEqual([
          route.method,
          route.path,
          401,
          { success: false, error: { code: 'UNAUTHENTICATED', message: 'sign in first (POST /api/v1/admin/auth/login)' } },
        ]);
      }
    }
  });

  it('serves the built admin UI at /admin: deep links get index.html with a fresh CSP nonce, hashed files are immutable', async () => {
    const pages = await Promise.all(['/admin', '/admin/', '/admin/widget', '/admin/conversations/x/y', '/admin/caf%C3%A9'].map((path) => call('GET', path)));
    const nonces = new Set<string>();
    for (const page of pages) {
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('cache-control')).toBe('no-store');
      const csp = page.headers.get('content-security-policy')!;
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
      const html = await page.text();
      expect(html.toLowerCase()).toContain(`ngcspnonce="${nonce.toLowerCase()}"`);
      expect(html).not.toContain('HOLIBOT_CSP_NONCE');
      expect(html).not.toMatch(/<script>|\son\w+="/);
      nonces.add(nonce);
    }
    expect(nonces.size).toBe(pages.length);
    const script = /src="(main-[A-Z0-9]+\.js)"/.exec(await (await call('GET', '/admin/')).text())![1]!;
    const asset = await call('GET', `/admin/${script}`);
    expect([asset.status, asset.headers.get('content-type'), asset.headers.get('cache-control')]).toEqual([
      200,
      'text/javascript; charset=utf-8',
      'public, max-age=31536000, immutable',
    ]);
    // A broken %-escape is the client's error, not the server's.
    expect((await call('GET', '/admin/%E0%A4%A')).status).toBe(400);
    // Nothing outside the build is reachable.
    for (const path of ['/admin/..%2F..%2Fpackage.json', '/admin/%2e%2e/%2e%2e/package.json']) {
      expect(await (await call('GET', path)).text()).not.toContain('"name": "holibot"');
    }
  });

  it('refuses a large upload without a session before reading its body', async () => {
    // 20 MB that is not even JSON: read and parsed, it would be a 400; refused first, a 401.
    const response = await fetch(`${app.url}/api/v1/admin/places/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(20 * 1024 * 1024),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ success: false, error: { code: 'UNAUTHENTICATED', message: 'sign in first (POST /api/v1/admin/auth/login)' } });
  });

  it('case, slash and dot variants of a route reach it guarded or reach nothing', async () => {
    for (const path of [
      '/API/v1/admin/auth/me',
      '/api/v1/Admin/auth/me',
      '/api/v1/admin/auth/me/',
      '/api/v1/admin//auth/me',
      '/api/v1/admin/./auth/me',
      '/api/v1/admin/auth/%6de',
      '/api/v1//admin/auth/me',
      '/api/v1/admin/auth/me?x=1',
      '/api/v1/admin/widget/versions;x',
    ]) {
      const response = await call('GET', path);
      expect([path, [401, 404].includes(response.status)]).toEqual([path, true]);
    }
  });

  it('signs in with a generic refusal for a wrong password or e-mail, a strict httpOnly cookie, and a CSRF token for changes', async () => {
    for (const [email, password] of [
      ['ops@calpe.example', 'wrong password!!'],
      ['nobody@calpe.example', PASSWORD],
    ]) {
      const { response, body } = await login(email!, password!, { 'x-forwarded-for': '198.51.100.1' });
      expect(response.status).toBe(401);
      expect(body).toEqual({ success: false, error: { code: 'UNAUTHENTICATED', message: 'wrong e-mail or password' } });
    }
    const { response, setCookie, cookie, csrf } = await login(' OPS@calpe.example ', PASSWORD);
    expect(response.status).toBe(200);
    expect(setCookie).toMatch(/^holibot_admin=[\w-]+\.[\w-]+\.[\w-]+; Max-Age=43\d{3}; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const me = await call('GET', '/api/v1/admin/auth/me', { cookie });
    expect(await me.json()).toEqual({ success: true, data: { email: 'ops@calpe.example', role: 'admin', csrfToken: csrf } });

    // Changing something needs the session's CSRF token.
    expect((await call('POST', '/api/v1/admin/widget/rollback', { cookie, body: {} })).status).toBe(403);
    const wrong = await call('POST', '/api/v1/admin/widget/rollback', { cookie, csrf: `${csrf}x`, body: {} });
    expect(await wrong.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const versions = (await (await call('GET', '/api/v1/admin/widget/versions', { cookie })).json()) as { data: { active: { version: string } } };
    expect(versions.data.active.version).toBe('1.0.0');
    const deploy = await call('POST', '/api/v1/admin/widget/versions/1.0.0/deploy', { cookie, csrf, body: {} });
    expect(await deploy.json()).toEqual({ success: true, data: { version: '1.0.0', previousVersion: null, changed: false } });
    const traversal = await call('POST', '/api/v1/admin/widget/versions/..%2F..%2Fetc/deploy', { cookie, csrf, body: {} });
    expect(traversal.status).toBe(400);
    expect(await traversal.json()).toMatchObject({ error: { code: 'WIDGET_VERSION_INVALID' } });
    const missing = await call('POST', '/api/v1/admin/widget/versions/9.9.9/deploy', { cookie, csrf, body: {} });
    expect([missing.status, ((await missing.json()) as { error: { code: string } }).error.code]).toEqual([404, 'WIDGET_VERSION_NOT_FOUND']);

    // Behind a trusted proxy speaking TLS: the cookie is Secure.
    expect((await login('ops@calpe.example', PASSWORD, { 'x-forwarded-proto': 'https' })).setCookie).toMatch(/; Secure/);

    // Logout ends the session on the server, not only in the browser.
    const logout = await call('POST', '/api/v1/admin/auth/logout', { cookie, csrf, body: {} });
    expect(logout.status).toBe(200);
    expect(logout.headers.get('set-cookie')).toMatch(/^holibot_admin=; Max-Age=0;/);
    expect((await call('GET', '/api/v1/admin/auth/me', { cookie })).status).toBe(401);
    const actions = (await dataSource.getRepository(AuditLog).find({ order: { id: 'ASC' } })).map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(['admin.login_failed', 'admin.login', 'admin.logout']));
  });

  it('a viewer reads, but changes nothing and sees no accounts or audit log', async () => {
    const { cookie, csrf } = await login('viewer@calpe.example', VIEWER_PASSWORD);
    expect((await call('GET', '/api/v1/admin/widget/versions', { cookie })).status).toBe(200);
    expect((await call('GET', '/api/v1/admin/reports/usage?days=7', { cookie })).status).toBe(200);
    expect((await call('GET', '/api/v1/admin/reports/gaps?days=0', { cookie })).status).toBe(400);
    for (const [method, path] of [
      ['POST', '/api/v1/admin/widget/versions/1.0.0/deploy'],
      ['POST', '/api/v1/admin/widget/rollback'],
      ['GET', '/api/v1/admin/users'],
      ['GET', '/api/v1/admin/audit'],
      ['POST', '/api/v1/admin/users'],
    ] as const) {
      const response = await call(method, path, { cookie, csrf, body: method === 'POST' ? { email: 'x@y.example', password: 'twelve chars!!' } : undefined });
      expect([method, path, response.status, ((await response.json()) as { error: { code: string } }).error.code]).toEqual([method, path, 403, 'FORBIDDEN']);
    }
    // Every route that changes something, found from the app (but signing out), is refused to a viewer before it runs.
    const changes = adminRoutes(app).filter((route) => route.method !== 'GET' && !/\/auth\/(login|setup|logout)$/.test(route.path));
    expect(changes.length).toBeGreaterThanOrEqual(15);
    for (const route of changes) {
      const response = await call(route.method, concrete(route.path).replace(':id', '1').replace(':timestamp', '20260101-000000'), { cookie, csrf, body: {} });
      expect([route.method, route.path, response.status]).toEqual([route.method, route.path, 403]);
    }
    expect((await call('POST', '/api/v1/admin/auth/logout', { cookie, csrf, body: {} })).status).toBe(200);
  });

  it('an idle or expired session, a forged or foreign token, and a disabled account are refused', async () => {
    const { cookie } = await login('viewer@calpe.example', VIEWER_PASSWORD);
    const sessions = dataSource.getRepository(AdminSession);
    const [session] = await sessions.find({ order: { createdAt: 'DESC' }, take: 1 });
    await sessions.update({ id: session!.id }, { lastSeenAt: new Date(session!.lastSeenAt.getTime() - 31 * 60_000) });
    expect((await call('GET', '/api/v1/admin/auth/me', { cookie })).status).toBe(401);
    expect(await sessions.existsBy({ id: session!.id })).toBe(false);

    const fresh = await login('viewer@calpe.example', VIEWER_PASSWORD);
    const [header, payload] = fresh.cookie.slice('holibot_admin='.length).split('.');
    const unsigned = `holibot_admin=${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    const tampered = `holibot_admin=${header}.${payload}.${'A'.repeat(43)}`;
    for (const forged of [unsigned, tampered, 'holibot_admin=garbage', `holibot_admin=${'x'.repeat(5000)}`]) {
      expect((await call('GET', '/api/v1/admin/auth/me', { cookie: forged })).status).toBe(401);
    }
    await app.app.get(AdminUsersService).setDisabled('viewer@calpe.example', true, { actor: 'test' });
    expect((await call('GET', '/api/v1/admin/auth/me', { cookie: fresh.cookie })).status).toBe(401);
    expect((await login('viewer@calpe.example', VIEWER_PASSWORD)).response.status).toBe(401);
    await app.app.get(AdminUsersService).setDisabled('viewer@calpe.example', false, { actor: 'test' });
  });

  it('5 failed sign-ins in 15 minutes lock the address and the e-mail: 429 with Retry-After, even with the right password', async () => {
    const from = { 'x-forwarded-for': '203.0.113.9' };
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await login('ops@calpe.example', `wrong password ${i}`, from)).response.status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const locked = await login('ops@calpe.example', PASSWORD, from);
    expect(locked.response.status).toBe(429);
    expect(Number(locked.response.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(locked.body).toMatchObject({ error: { code: 'RATE_LIMIT_EXCEEDED', message: expect.stringMatching(/try again in 1[45] minutes/) } });
    // The e-mail is locked from any address; the address for any e-mail.
    expect((await login('ops@calpe.example', PASSWORD, { 'x-forwarded-for': '192.0.2.44' })).response.status).toBe(429);
    expect((await login('viewer@calpe.example', VIEWER_PASSWORD, from)).response.status).toBe(429);
    const lockouts = await dataSource.getRepository(AuditLog).findBy({ action: 'admin.login_lockout' });
    expect(lockouts.length).toBeGreaterThanOrEqual(1);
  });

  it('never writes a password to the logs or the audit log', async () => {
    const logged = readdirSync(logDir)
      .map((file) => readFileSync(join(logDir, file), 'utf8'))
      .join('\n');
    expect(logged.length).toBeGreaterThan(0);
    const audit = JSON.stringify(await dataSource.getRepository(AuditLog).find());
    for (const secret of [PASSWORD, VIEWER_PASSWORD, 'wrong password 1']) {
      expect(logged).not.toContain(secret);
      expect(audit).not.toContain(secret);
    }
  });

  describe('the operational views', () => {
    let admin: { cookie: string; csrf: string };
    const data = async <T>(response: Response): Promise<T> => {
      const body = (await response.json()) as { success: boolean; data: T; error?: unknown };
      expect([response.status, body.error]).toEqual([response.status < 300 ? response.status : 200, undefined]);
      return body.data;
    };
    const get = <T>(path: string) => call('GET', path, admin).then((response) => data<T>(response));
    const post = <T>(path: string, body: unknown = {}) => call('POST', path, { ...admin, body }).then((response) => data<T>(response));

    beforeAll(async () => {
      // Another admin: the sign-in limit test above has locked ops@ for 15 minutes.
      await app.app.get(AdminUsersService).create({ email: 'desk@calpe.example', password: PASSWORD, role: 'admin' }, { actor: 'test' });
      const signedIn = await login('desk@calpe.example', PASSWORD, { 'x-forwarded-for': '192.0.2.200' });
      admin = { cookie: signedIn.cookie, csrf: signedIn.csrf! };
    });

    it('dashboard, sessions, conversations: from real chat turns; a cleanup dry run; a conversation read and erased', async () => {
      const chat = async (query: string, sessionId?: string) => {
        const response = await call('POST', '/api/v1/chat/message', { body: { query, ...(sessionId && { sessionId }) } });
        return ((await response.json()) as { data: { sessionId: string; messageId: number } }).data;
      };
      const first = await chat('pizza in Calpe');
      await chat('and vegan?', first.sessionId);
      await chat('playas para perros');
      await chat('xyzzy plugh frobnicate');
      const dashboard = await get<DashboardData>('/api/v1/admin/dashboard?days=7');
      expect(dashboard).toMatchObject({ days: 7, bucket: 'day', totals: { turns: 4 } });
      expect(dashboard.series).toHaveLength(7);
      expect(dashboard.series.at(-1)!.turns).toBe(4);
      expect(dashboard.totals.noResults).toBeGreaterThanOrEqual(1);
      expect(dashboard.totals.latencyP95Ms).toEqual(expect.any(Number));
      expect(dashboard.byLanguage).toMatchObject({ en: 3, es: 1 });
      expect(dashboard.byEngine).toEqual({ builtin: 4 });
      expect(dashboard.activeSessions).toBe(3);
      expect((await get<DashboardData>('/api/v1/admin/dashboard?days=1')).series).toHaveLength(24);
      expect((await call('GET', '/api/v1/admin/dashboard?days=99', admin)).status).toBe(400);

      const sessions = await get<SessionsData>('/api/v1/admin/sessions');
      expect(sessions).toMatchObject({ totalSessions: 3, activeSessions: 3, retentionHours: 24 });
      const dry = await post<CleanupResultData>('/api/v1/admin/sessions/cleanup', { dryRun: true });
      expect(dry).toMatchObject({ outcome: 'done', dryRun: true, sessionsDeleted: 0 });

      const list = await get<ConversationsData>('/api/v1/admin/conversations?limit=2');
      expect(list.retentionHours).toBe(24);
      expect(list.conversations).toHaveLength(2);
      const last = list.conversations[1]!;
      const older = await get<ConversationsData>(`/api/v1/admin/conversations?limit=2&before=${encodeURIComponent(last.updatedAt)}&beforeId=${last.id}`);
      // Pages never overlap and miss nothing, also when conversations share a millisecond.
      const all = await get<ConversationsData>('/api/v1/admin/conversations?limit=50');
      expect([...list.conversations, ...older.conversations].map((c) => c.id)).toEqual(all.conversations.slice(0, 3).map((c) => c.id));
      expect(all.conversations).toHaveLength(3);
      expect(older.conversations.map((c) => c.firstQuestion)).toContain('pizza in Calpe');
      const read = await get<ConversationData>(`/api/v1/admin/conversations/${first.sessionId}`);
      expect(read.messages.map((m) => [m.role, m.content.slice(0, 10)])).toEqual([
        ['user', 'pizza in C'],
        ['assistant', expect.any(String)],
        ['user', 'and vegan?'],
        ['assistant', expect.any(String)],
      ]);
      expect((await call('GET', '/api/v1/admin/conversations/not-a-uuid', admin)).status).toBe(400);
      expect((await call('DELETE', `/api/v1/admin/conversations/${first.sessionId}`, admin)).status).toBe(200);
      expect((await call('GET', `/api/v1/admin/conversations/${first.sessionId}`, admin)).status).toBe(404);
      expect((await call('GET', `/api/v1/chat/session/${first.sessionId}`)).status).toBe(404);
      const audit = await dataSource.getRepository(AuditLog).findOneByOrFail({ action: 'conversation.delete' });
      expect([audit.actor, audit.target]).toEqual(['desk@calpe.example', first.sessionId]);
    });

    it('backups: made, listed, verified and downloaded byte for byte by an admin', async () => {
      const made = await call('POST', '/api/v1/admin/backups', { ...admin, body: {} });
      expect(made.status).toBe(201);
      const detail = await data<BackupDetail>(made);
      const list = await get<BackupsData>('/api/v1/admin/backups');
      expect(list.backups.map((b) => b.timestamp)).toContain(detail.timestamp);
      expect(list.restoreCommand).toBe('npm run holibot -- restore --timestamp <timestamp>');
      expect((await post<BackupDetail>(`/api/v1/admin/backups/${detail.timestamp}/verify`)).files.length).toBeGreaterThan(0);
      const file = detail.files.find((f) => f.role === 'database')!;
      const download = await call('GET', `/api/v1/admin/backups/${detail.timestamp}/files/${file.name}`, admin);
      expect(download.headers.get('content-disposition')).toBe(`attachment; filename="holibot-${detail.timestamp}-${file.name}"`);
      const bytes = Buffer.from(await download.arrayBuffer());
      expect(bytes.equals(readFileSync(join(list.dir, detail.timestamp, file.name)))).toBe(true);
      // The .env holds every secret: never over the web.
      const env = detail.files.find((f) => f.role === 'env');
      if (env) expect((await call('GET', `/api/v1/admin/backups/${detail.timestamp}/files/${env.name}`, admin)).status).toBe(403);
      const unknown = await call('POST', '/api/v1/admin/backups/20200101-000000/verify', { ...admin, body: {} });
      expect([unknown.status, ((await unknown.json()) as { error: { code: string } }).error.code]).toEqual([404, 'NOT_FOUND']);
      for (const name of ['..%2F..%2Fpackage.json', 'nothere.gz']) {
        expect((await call('GET', `/api/v1/admin/backups/${detail.timestamp}/files/${name}`, admin)).status).toBeGreaterThanOrEqual(400);
      }
      const viewer = await login('viewer@calpe.example', VIEWER_PASSWORD, { 'x-forwarded-for': '192.0.2.201' });
      expect((await call('GET', `/api/v1/admin/backups/${detail.timestamp}/files/${file.name}`, { cookie: viewer.cookie })).status).toBe(403);
    });

    it('alerts, feedback, places: states and history, a test message, reports per place, search, deactivate and import', async () => {
      const alerts = await get<AlertsData>('/api/v1/admin/alerts');
      expect(alerts.rules.map((rule) => rule.rule)).toEqual(expect.arrayContaining(['response_time', 'error_rate', 'memory']));
      expect(await post<{ results: unknown[] }>('/api/v1/admin/alerts/test')).toEqual({ results: [] });

      const asked = (await (await call('POST', '/api/v1/chat/message', { body: { query: 'pizza' } })).json()) as {
        data: { sessionId: string; messageId: number; pois: Array<{ id: number; name: string }> };
      };
      const place = asked.data.pois[0]!;
      const rated = await call('POST', '/api/v1/chat/feedback', {
        body: {
          sessionId: asked.data.sessionId,
          messageId: asked.data.messageId,
          rating: 'down',
          reason: 'wrong_info',
          comment: 'Closed for good',
          poiId: place.id,
        },
      });
      expect(rated.status).toBeLessThan(300);
      const feedback = await get<FeedbackData>('/api/v1/admin/feedback?days=7');
      expect(feedback.perDay.at(-1)).toMatchObject({ down: 1 });
      expect(feedback.places[0]).toMatchObject({
        poiId: place.id,
        name: place.name,
        reports: 1,
        comments: [{ reason: 'wrong_info', comment: 'Closed for good', sessionId: asked.data.sessionId }],
      });

      const found = await get<PlacesData>(`/api/v1/admin/places?q=${encodeURIComponent(place.name)}`);
      expect(found.places.map((p) => p.id)).toContain(place.id);
      expect((await get<PlacesData>('/api/v1/admin/places?q=%25')).total).toBe(0);
      expect((await post<PlaceDetail>(`/api/v1/admin/places/${place.id}/deactivate`)).active).toBe(false);
      expect((await get<PlacesData>('/api/v1/admin/places?active=false')).places.map((p) => p.id)).toEqual([place.id]);
      expect((await post<PlaceDetail>(`/api/v1/admin/places/${place.id}/activate`)).active).toBe(true);
      expect((await call('GET', '/api/v1/admin/places/999999', admin)).status).toBe(404);

      const geojson = JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', id: 'node/1', geometry: { type: 'Point', coordinates: [0.05, 38.64] }, properties: { name: 'Bar Nuevo', amenity: 'bar' } },
        ],
      });
      expect(await post<PlaceImportData>('/api/v1/admin/places/import', { geojson })).toMatchObject({ total: 1, created: 1, rejected: [] });
      const bad = await call('POST', '/api/v1/admin/places/import', { ...admin, body: { geojson: '{"type":' } });
      expect([bad.status, ((await bad.json()) as { error: { code: string } }).error.code]).toEqual([400, 'INVALID_REQUEST']);
    });

    it('widget upload: a build in base64 beyond the API body limit becomes the next version; a bad one is refused with its problems', async () => {
      const file = (name: string, path: string, append = '') => ({
        name,
        content: Buffer.from(readFileSync(join('dist/widget', path), 'utf8') + append).toString('base64'),
      });
      const files = [
        file('holi-bot.js', 'loader/main.js'),
        file('holi-bot-element.js', 'element/main.js', '\n// uploaded\n'),
        ...readdirSync('dist/widget/element')
          .filter((name) => name.startsWith('chunk-'))
          .map((name) => file(name, `element/${name}`)),
      ];
      expect(JSON.stringify({ files }).length).toBeGreaterThan(16 * 1024);
      const uploaded = await call('POST', '/api/v1/admin/widget/versions', { ...admin, body: { files, notes: 'from the admin UI' } });
      expect(uploaded.status).toBe(201);
      expect(await uploaded.json()).toMatchObject({
        data: { version: { version: '1.0.1', state: 'available', uploadedBy: 'desk@calpe.example', notes: 'from the admin UI' } },
      });
      const refused = await call('POST', '/api/v1/admin/widget/versions', {
        ...admin,
        body: { files: [{ name: 'evil.sh', content: Buffer.from('rm -rf /').toString('base64') }] },
      });
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({
        error: { code: 'WIDGET_FILES_INVALID', message: expect.stringContaining('"evil.sh" is not a widget file') },
      });
    });
  });
});
