import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freshSqliteDatabase } from '@holibot/database/testing';
import { type RunningApp, startApp, testEnv } from './support/app.js';

const CLI = resolve('dist/apps/api/src/cli.js');

/** The first admin, the admin commands, and the admin API off in production without its secret: as an operator meets them. */
describe('admin accounts end to end', () => {
  let running: RunningApp | null = null;
  afterEach(async () => {
    await running?.close();
    running = null;
  });

  const holibot = (env: Record<string, string>, args: string[], input?: string) => {
    const result = spawnSync(process.execPath, [CLI, ...args], { env: { PATH: process.env['PATH'] ?? '', ...env }, encoding: 'utf8', input: input ?? '' });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const post = (path: string, body: unknown) =>
    fetch(`${running!.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('a fresh server prints a one-time setup token instead of any default password; it creates the first admin once', async () => {
    running = await startApp(testEnv(freshSqliteDatabase()));
    // Printed right after the "listening" line.
    for (const started = Date.now(); !running.output().includes('holibot -- admin create') && Date.now() - started < 5000;) await sleep(50);
    const token = /\/admin\/setup#token=([\w-]+)\n/.exec(running.output())?.[1];
    expect(running.output()).toContain('No admin user yet.');
    expect(token).toBeDefined();
    const wrong = await post('/api/v1/admin/auth/setup', { token: 'x'.repeat(32), email: 'first@calpe.example', password: 'a long enough password' });
    expect(wrong.status).toBe(401);
    const short = await post('/api/v1/admin/auth/setup', { token, email: 'first@calpe.example', password: 'short' });
    expect(await short.json()).toEqual({ success: false, error: { code: 'INVALID_REQUEST', message: 'the password must have at least 12 characters' } });
    const created = await post('/api/v1/admin/auth/setup', { token, email: 'First@Calpe.example', password: 'a long enough password' });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ success: true, data: { user: { email: 'first@calpe.example', role: 'admin', disabled: false } } });
    expect((await post('/api/v1/admin/auth/setup', { token, email: 'second@calpe.example', password: 'a long enough password' })).status).toBe(401);
    const login = await post('/api/v1/admin/auth/login', { email: 'first@calpe.example', password: 'a long enough password' });
    expect(login.status).toBe(200);
    // The password is in no line the server printed.
    expect(running.output()).not.toContain('a long enough password');
  });

  it('holibot admin create|list|reset-password|disable: the password from stdin, never an argument; clear refusals', () => {
    const database = freshSqliteDatabase();
    const env = { ...testEnv(database), LOG_LEVEL: 'error' };
    expect(holibot(env, ['admin', 'create', '--email', 'Ops@Calpe.example', '--role', 'viewer'], 'a long enough password\n')).toEqual({
      code: 0,
      stdout: 'Created viewer ops@calpe.example.\n',
      stderr: '',
    });
    expect(holibot(env, ['admin', 'create', '--email', 'ops@calpe.example'], 'another long password\n')).toMatchObject({
      code: 2,
      stderr: 'holibot: ADMIN_USER_EXISTS: an admin user ops@calpe.example exists already (holibot admin reset-password changes a password)\n',
    });
    expect(holibot(env, ['admin', 'create', '--email', 'new@calpe.example'], 'short\n')).toMatchObject({
      code: 2,
      stderr: 'holibot: INVALID_REQUEST: the password must have at least 12 characters\n',
    });
    expect(holibot(env, ['admin', 'create', '--email', 'new@calpe.example', '--role', 'root'], 'a long enough password\n')).toMatchObject({ code: 2 });
    expect(holibot(env, ['admin', 'create', '--email', 'not-an-address'], 'a long enough password\n')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('is not an e-mail address'),
    });
    expect(holibot(env, ['admin', 'reset-password', '--email', 'ops@calpe.example'], 'the new long password\n')).toMatchObject({ code: 0 });
    expect(holibot(env, ['admin', 'reset-password', '--email', 'nobody@calpe.example'], 'the new long password\n')).toMatchObject({
      code: 2,
      stderr: 'holibot: ADMIN_USER_NOT_FOUND: no admin user "nobody@calpe.example"\n',
    });
    expect(holibot(env, ['admin', 'disable', '--email', 'ops@calpe.example'])).toMatchObject({ code: 0, stdout: 'ops@calpe.example is disabled.\n' });
    const listed = JSON.parse(holibot(env, ['admin', 'list', '--json']).stdout) as Array<{ email: string; role: string; disabled: boolean }>;
    expect(listed).toEqual([expect.objectContaining({ email: 'ops@calpe.example', role: 'viewer', disabled: true })]);
    expect(JSON.stringify(listed)).not.toMatch(/argon2|password/i);
    expect(holibot(env, ['admin', 'list']).stdout).toMatch(/^email\s+role\s+created\s+last sign-in\s+disabled\nops@calpe\.example\s+viewer\s.+\syes$/m);
  });

  it('in production without ADMIN_SESSION_SECRET the admin API answers 503 and says why; the chat works on', async () => {
    running = await startApp(testEnv(freshSqliteDatabase(), { NODE_ENV: 'production', POI_AUTOLOAD_FILE: resolve('tools/catalogues/calpe.sample.geojson') }));
    const response = await post('/api/v1/admin/auth/login', { email: 'a@b.example', password: 'whatever long' });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      success: false,
      error: { code: 'SERVICE_UNAVAILABLE', message: 'the admin API is off: set ADMIN_SESSION_SECRET (32+ characters) to use it in production' },
    });
    expect(running.output()).not.toContain('No admin user yet');
    expect((await post('/api/v1/chat/message', { query: 'beaches' })).status).toBe(200);
  });
});
