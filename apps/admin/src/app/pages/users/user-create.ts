import { ChangeDetectionStrategy, Component, inject, output, signal } from '@angular/core';
import type { AdminRole } from '@holibot/contracts';
import { AdminApi } from '../../api-client';
import { Announcer } from '../../announcer';
import { S } from '../../strings';
import { Action } from '../../ui/loadable';

export const MIN_PASSWORD = 12;

@Component({
  selector: 'admin-user-create',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="inline-form" novalidate (submit)="submit($event)">
      <div class="field">
        <label for="user-email">{{ S.users.email }}</label>
        <input id="user-email" type="email" autocomplete="off" [value]="email()" (input)="email.set(value($event))" />
      </div>
      <div class="field">
        <label for="user-password">{{ S.users.password }}</label>
        <input id="user-password" type="password" autocomplete="new-password" minlength="12" [value]="password()" (input)="password.set(value($event))" />
      </div>
      <div class="field">
        <label for="user-role">{{ S.users.role }}</label>
        <select id="user-role" (change)="role.set(value($event) === 'admin' ? 'admin' : 'viewer')">
          <option value="viewer" [selected]="role() === 'viewer'">{{ S.users.roles['viewer'] }}</option>
          <option value="admin" [selected]="role() === 'admin'">{{ S.users.roles['admin'] }}</option>
        </select>
      </div>
      <button type="submit" [disabled]="action.busy()">{{ S.users.add }}</button>
    </form>
    @if (action.error(); as error) {
      <p class="message error" role="alert">{{ error }}</p>
    }
  `,
})
export class UserCreate {
  private readonly api = inject(AdminApi);
  private readonly announcer = inject(Announcer);
  protected readonly S = S;
  readonly created = output<string>();
  protected readonly email = signal('');
  protected readonly password = signal('');
  protected readonly role = signal<AdminRole>('viewer');
  protected readonly action = new Action();

  protected value(event: Event): string {
    return (event.target as HTMLInputElement | HTMLSelectElement).value;
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.password().length < MIN_PASSWORD) return this.action.error.set(S.users.tooShort);
    const email = this.email().trim();
    const done = await this.action.run(() => this.api.createUser(email, this.password(), this.role()));
    if (!done) return;
    this.announcer.announce(S.users.added(email));
    this.email.set('');
    this.password.set('');
    this.role.set('viewer');
    this.created.emit(email);
  }
}
