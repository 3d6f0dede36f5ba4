import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { AdminMe } from '@holibot/contracts';
import { ScriptedFetch } from '../testing/scripted-fetch';
import { FETCH } from './api-client';
import { appConfig } from './app.config';
import { ForbiddenPage } from './pages/errors/forbidden.page';
import { NotFoundPage } from './pages/errors/not-found.page';
import { safeNext } from './session';

/** The routes of the app with their guards, on a mock location; GET auth/me answers as scripted. */
describe('routes and guards', () => {
  let server: ScriptedFetch;
  let harness: RouterTestingHarness;

  async function start(me: Omit<AdminMe, 'csrfToken'> | null): Promise<void> {
    server = new ScriptedFetch();
    if (me) server.ok({ ...me, csrfToken: 'c' });
    else server.fail(401, 'UNAUTHENTICATED', 'sign in first');
    TestBed.configureTestingModule({ providers: [...appConfig.providers, { provide: FETCH, useValue: server.fetch }] });
    harness = await RouterTestingHarness.create();
  }

  const url = () => TestBed.inject(Router).url;
  const heading = () => harness.routeNativeElement?.querySelector('h1')?.textContent ?? '';

  it('sends a visitor without a session to the sign-in page, with the page asked for in ?next=', async () => {
    await start(null);
    await harness.navigateByUrl('/conversations/abc-123?x=1#message-4');
    expect(url()).toBe('/login?next=conversations%2Fabc-123');
    expect(heading()).toContain('Sign in');
    expect(document.title).toBe('Sign in · HoliBot admin');
    await harness.navigateByUrl('/');
    expect(url()).toBe('/login');
    expect(server.calls).toHaveLength(1);
  });

  it('sends who is signed in from the sign-in page on to ?next=', async () => {
    await start({ email: 'ops@calpe.example', role: 'viewer' });
    await harness.navigateByUrl('/login?next=setup');
    expect(url()).toBe('/');
    server.fail(404, 'NOT_FOUND', 'no such conversation');
    await harness.navigateByUrl('/login?next=conversations%2Fabc-123');
    expect(url()).toBe('/conversations/abc-123');
    expect(document.title).toBe('Conversation · HoliBot admin');
  });

  it('gives the route params to the page as inputs', async () => {
    await start({ email: 'ops@calpe.example', role: 'viewer' });
    server.fail(404, 'NOT_FOUND', 'no such conversation');
    await harness.navigateByUrl('/conversations/abc-123');
    expect(heading()).toContain('abc-123');
    expect(server.calls[1]?.url).toContain('abc-123');
  });

  it('shows viewers the "admins only" page at the admin-only URL', async () => {
    await start({ email: 'viewer@calpe.example', role: 'viewer' });
    await harness.navigateByUrl('/users', ForbiddenPage);
    expect(url()).toBe('/users');
    expect(heading()).toContain('Admins only');
    expect(document.title).toBe('Admins only · HoliBot admin');
  });

  it('opens the admin-only page for admins', async () => {
    await start({ email: 'ops@calpe.example', role: 'admin' });
    server.ok({ users: [] }).ok({ entries: [], total: 0 });
    await harness.navigateByUrl('/users');
    expect(heading()).toContain('Admin users');
  });

  it('answers an unknown path with "not found", signed in or not', async () => {
    await start(null);
    await harness.navigateByUrl('/nowhere/at/all', NotFoundPage);
    expect(url()).toBe('/nowhere/at/all');
    expect(heading()).toContain('Page not found');
    expect(document.title).toBe('Page not found · HoliBot admin');
  });

  it('lets anyone open the setup page, which reads its token from the fragment', async () => {
    await start(null);
    await harness.navigateByUrl('/setup#token=t0ken');
    expect(url()).toBe('/setup#token=t0ken');
    expect(harness.routeNativeElement?.querySelector('#setup-email')).not.toBeNull();
    await harness.navigateByUrl('/login');
    await harness.navigateByUrl('/setup');
    expect(harness.routeNativeElement?.querySelector('[role="alert"]')?.textContent).toContain('token');
  });
});

describe('safeNext', () => {
  it('keeps paths inside the app only', () => {
    expect(safeNext('conversations/abc')).toBe('conversations/abc');
    expect(safeNext('//evil.example')).toBe('');
    expect(safeNext('https://evil.example')).toBe('');
    expect(safeNext('login')).toBe('');
    expect(safeNext(null)).toBe('');
  });
});
