import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { ScriptedFetch } from '../../../testing/scripted-fetch';
import { FETCH } from '../../api-client';
import { Session } from '../../session';
import { S } from '../../strings';
import { LoginPage } from './login.page';

describe('LoginPage', () => {
  let server: ScriptedFetch;
  let fixture: ComponentFixture<LoginPage>;
  let page: HTMLElement;

  beforeEach(async () => {
    server = new ScriptedFetch();
    TestBed.configureTestingModule({ providers: [{ provide: FETCH, useValue: server.fetch }] });
    fixture = TestBed.createComponent(LoginPage);
    page = fixture.nativeElement;
    await fixture.whenStable();
  });

  async function signIn(email: string, password: string): Promise<void> {
    type(page.querySelector<HTMLInputElement>('#login-email')!, email);
    type(page.querySelector<HTMLInputElement>('#login-password')!, password);
    await fixture.whenStable();
    page.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    // The fetch answers on a later microtask: let it through, then render.
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  it('has labelled inputs and one h1', () => {
    expect(page.querySelectorAll('h1')).toHaveLength(1);
    expect(page.querySelector('label[for="login-email"]')?.textContent).toContain(S.login.email);
    expect(page.querySelector('label[for="login-password"]')?.textContent).toContain(S.login.password);
  });

  it('says "Wrong e-mail or password." on a 401 and clears the password', async () => {
    server.fail(401, 'UNAUTHENTICATED', 'wrong e-mail or password');
    await signIn('ops@calpe.example', 'not-the-password');
    expect(server.calls[0]).toMatchObject({
      method: 'POST',
      url: '/api/v1/admin/auth/login',
      body: { email: 'ops@calpe.example', password: 'not-the-password' },
    });
    expect(page.querySelector('[role="alert"]')?.textContent?.trim()).toBe('Wrong e-mail or password.');
    expect(page.querySelector<HTMLInputElement>('#login-password')!.value).toBe('');
    expect(TestBed.inject(Session).me()).toBeNull();
  });

  it('shows the lockout in minutes from Retry-After on a 429', async () => {
    server.fail(429, 'RATE_LIMIT_EXCEEDED', 'too many failed sign-ins; try again in 14 minutes', { 'Retry-After': '840' });
    await signIn('ops@calpe.example', 'whatever');
    expect(page.querySelector('[role="alert"]')?.textContent?.trim()).toBe('Too many failed sign-ins. Try again in 14 minutes.');
  });

  it('keeps the session (role and CSRF token) after a good sign-in', async () => {
    server.ok({
      user: { id: 1, email: 'ops@calpe.example', role: 'viewer', createdAt: '2026-01-01T00:00:00Z', lastLoginAt: null, disabled: false },
      csrfToken: 'csrf-1',
      expiresAt: '2026-01-02T00:00:00Z',
    });
    await signIn('ops@calpe.example', 'correct horse battery');
    expect(page.querySelector('[role="alert"]')).toBeNull();
    expect(TestBed.inject(Session).me()).toEqual({ email: 'ops@calpe.example', role: 'viewer', csrfToken: 'csrf-1' });
  });

  it('asks for both fields before calling the server', async () => {
    await signIn('', '');
    expect(server.calls).toHaveLength(0);
    expect(page.querySelector('[role="alert"]')?.textContent?.trim()).toBe(S.login.required);
  });
});

function type(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input'));
}
