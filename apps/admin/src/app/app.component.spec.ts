import { BrowserPlatformLocation, PlatformLocation } from '@angular/common';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { Router } from '@angular/router';
import { ScriptedFetch } from '../testing/scripted-fetch';
import { FETCH } from './api-client';
import { appConfig } from './app.config';
import { AppComponent } from './app.component';

describe('AppComponent (the shell)', () => {
  let server: ScriptedFetch;
  let fixture: ComponentFixture<AppComponent>;
  let root: HTMLElement;

  beforeEach(() => {
    document.head.innerHTML = '<base href="/admin/">';
    server = new ScriptedFetch();
  });

  afterEach(() => {
    fixture?.destroy();
    document.head.innerHTML = '';
  });

  async function start(path: string): Promise<void> {
    history.replaceState(null, '', path);
    TestBed.configureTestingModule({
      providers: [
        ...appConfig.providers,
        { provide: FETCH, useValue: server.fetch },
        // The real history and <base href> (TestBed puts a mock location in by default).
        { provide: PlatformLocation, useClass: BrowserPlatformLocation },
      ],
    });
    fixture = TestBed.createComponent(AppComponent);
    root = fixture.nativeElement;
    // bootstrapApplication starts the router; TestBed.createComponent does not.
    TestBed.inject(Router).initialNavigation();
    await settle();
  }

  /** Lets fetches and lazy page imports resolve, then renders. */
  async function settle(): Promise<void> {
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve));
      await fixture.whenStable();
    }
  }

  it('sends a visitor without a session to the sign-in page, then to the page asked for', async () => {
    server.fail(401, 'UNAUTHENTICATED', 'sign in first');
    await start('/admin/widget');
    expect(location.pathname + location.search).toBe('/admin/login?next=widget');
    expect(root.querySelector('h1')?.textContent).toContain('Sign in');
    expect(root.querySelector('nav')).toBeNull();

    server.ok({
      user: { id: 1, email: 'ops@calpe.example', role: 'viewer', createdAt: '2026-01-01T00:00:00Z', lastLoginAt: null, disabled: false },
      csrfToken: 'csrf-1',
      expiresAt: '2026-01-02T00:00:00Z',
    });
    server.ok({ active: null, versions: [] });
    const email = root.querySelector<HTMLInputElement>('#login-email')!;
    const password = root.querySelector<HTMLInputElement>('#login-password')!;
    email.value = 'ops@calpe.example';
    email.dispatchEvent(new Event('input'));
    password.value = 'correct horse battery';
    password.dispatchEvent(new Event('input'));
    root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();

    expect(location.pathname).toBe('/admin/widget');
    expect(root.querySelector('h1')?.textContent).toContain('Widget versions');
    expect(root.querySelector('nav a[aria-current="page"]')?.textContent).toContain('Widget');
    expect(root.textContent).toContain('No widget version is uploaded yet.');
    expect(document.title).toBe('Widget versions · HoliBot admin');
    // Focus went to the new page's heading.
    expect(document.activeElement?.tagName).toBe('H1');
    expect(document.activeElement?.textContent).toContain('Widget versions');
  });

  it('shows viewers the "needs the admin role" page for admin-only pages', async () => {
    server.ok({ email: 'viewer@calpe.example', role: 'viewer', csrfToken: 'c' });
    await start('/admin/users');
    expect(root.querySelector('h1')?.textContent).toContain('Admins only');
    expect(root.textContent).toContain('This needs the admin role.');
    expect(server.calls).toHaveLength(1);
  });

  it('shows a 503 of auth/me as the server wrote it', async () => {
    server.fail(503, 'SERVICE_UNAVAILABLE', 'the admin API is off: set ADMIN_SESSION_SECRET');
    await start('/admin/');
    expect(root.querySelector('.message.error')?.textContent).toContain('the admin API is off: set ADMIN_SESSION_SECRET');
  });

  it('answers an unknown path with a page that says so', async () => {
    server.ok({ email: 'ops@calpe.example', role: 'admin', csrfToken: 'c' });
    await start('/admin/nowhere');
    expect(root.querySelector('h1')?.textContent).toContain('Page not found');
  });
});
