import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { ActivatedRoute, Router } from '@angular/router';
import { AdminApi, errorText } from '../../api-client';
import { Announcer } from '../../announcer';
import { S } from '../../strings';

const MIN_PASSWORD = 12;

/** The first admin account, with the token of the link the server printed (#token=…: never sent in a request line). */
@Component({
  selector: 'admin-setup-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="narrow">
      <h1>{{ S.setup.title }}</h1>
      <p>{{ S.setup.intro }}</p>
      @if (!token) {
        <p class="message error" role="alert">{{ S.setup.noToken }}</p>
      } @else {
        <form class="panel" novalidate (submit)="submit($event)">
          <div class="field">
            <label for="setup-email">{{ S.setup.email }}</label>
            <input id="setup-email" type="email" autocomplete="username" required [value]="email()" (input)="email.set(value($event))" />
          </div>
          <div class="field">
            <label for="setup-password">{{ S.setup.password }}</label>
            <input
              id="setup-password"
              type="password"
              autocomplete="new-password"
              required
              minlength="12"
              [value]="password()"
              (input)="password.set(value($event))"
            />
          </div>
          <div class="field">
            <label for="setup-confirm">{{ S.setup.confirm }}</label>
            <input id="setup-confirm" type="password" autocomplete="new-password" required [value]="confirm()" (input)="confirm.set(value($event))" />
          </div>
          @if (error(); as error) {
            <p class="message error" role="alert">{{ error }}</p>
          }
          <button type="submit" [disabled]="busy()">{{ busy() ? S.setup.submitting : S.setup.submit }}</button>
        </form>
      }
    </div>
  `,
})
export class SetupPage {
  private readonly api = inject(AdminApi);
  private readonly router = inject(Router);
  private readonly announcer = inject(Announcer);
  protected readonly S = S;
  protected readonly token = new URLSearchParams(inject(ActivatedRoute).snapshot.fragment ?? '').get('token') ?? '';
  protected readonly email = signal('');
  protected readonly password = signal('');
  protected readonly confirm = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected value(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy()) return;
    if (this.password().length < MIN_PASSWORD) return this.error.set(S.setup.tooShort);
    if (this.password() !== this.confirm()) return this.error.set(S.setup.mismatch);
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.api.setup(this.token, this.email().trim(), this.password());
      this.announcer.announce(S.setup.done);
      void this.router.navigateByUrl('/login', { replaceUrl: true });
    } catch (error) {
      this.error.set(errorText(error));
    } finally {
      this.busy.set(false);
    }
  }
}
