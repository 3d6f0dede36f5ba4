import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { Router } from '@angular/router';
import { ApiError, errorText } from '../../api-client';
import { Announcer } from '../../announcer';
import { safeNext, Session } from '../../session';
import { S } from '../../strings';

/** Sign-in. On success it goes on to the page asked for (?next=, put there by the route guard). */
@Component({
  selector: 'admin-login-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="narrow">
      <h1>{{ S.login.title }}</h1>
      <form class="panel" novalidate (submit)="submit($event)">
        <div class="field">
          <label for="login-email">{{ S.login.email }}</label>
          <input
            id="login-email"
            name="email"
            type="email"
            autocomplete="username"
            required
            [value]="email()"
            (input)="email.set(value($event))"
            [attr.aria-describedby]="error() ? 'login-error' : null"
          />
        </div>
        <div class="field">
          <label for="login-password">{{ S.login.password }}</label>
          <input
            id="login-password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            [value]="password()"
            (input)="password.set(value($event))"
            [attr.aria-describedby]="error() ? 'login-error' : null"
          />
        </div>
        @if (error(); as error) {
          <p id="login-error" class="message error" role="alert">{{ error }}</p>
        }
        <button type="submit" [disabled]="busy()">{{ busy() ? S.login.submitting : S.login.submit }}</button>
      </form>
    </div>
  `,
})
export class LoginPage {
  private readonly session = inject(Session);
  private readonly announcer = inject(Announcer);
  private readonly router = inject(Router);
  protected readonly S = S;
  /** The query parameter ?next=: the path to go on to. */
  readonly next = input<string>();
  protected readonly email = signal('');
  protected readonly password = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected value(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy()) return;
    const email = this.email().trim();
    if (!email || !this.password()) return this.error.set(S.login.required);
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.session.login(email, this.password());
      this.announcer.announce(S.login.signedIn);
      void this.router.navigateByUrl(`/${safeNext(this.next())}`, { replaceUrl: true });
    } catch (error) {
      this.password.set('');
      this.error.set(loginError(error));
    } finally {
      this.busy.set(false);
    }
  }
}

/** The sign-in failures in the user's words: wrong credentials, the lockout, or the server's message. */
export function loginError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401 || error.code === 'UNAUTHENTICATED' || error.code === 'UNAUTHORIZED') return S.login.wrong;
    if (error.status === 429) return S.login.lockedOut(Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60)));
  }
  return errorText(error);
}
