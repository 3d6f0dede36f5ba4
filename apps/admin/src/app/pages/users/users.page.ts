import { ChangeDetectionStrategy, Component, inject, signal, viewChild } from '@angular/core';
import type { AdminUserInfo } from '@holibot/contracts';
import { AdminApi } from '../../api-client';
import { Announcer } from '../../announcer';
import { formatDateTime } from '../../format';
import { Session } from '../../session';
import { S } from '../../strings';
import { LoadStatus } from '../../ui/load-status';
import { Action, Loadable } from '../../ui/loadable';
import { AuditLog } from './audit-log';
import { MIN_PASSWORD, UserCreate } from './user-create';
import { ScrollRegion } from '../../ui/scroll-region';

/** Admin accounts and the audit log (the route is admin-only). */
@Component({
  selector: 'admin-users-page',
  imports: [AuditLog, LoadStatus, ScrollRegion, UserCreate],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ S.users.title }}</h1>
    <admin-load-status [state]="state" />
    @if (action.error(); as error) {
      <p class="message error" role="alert">{{ error }}</p>
    }
    @if (done(); as done) {
      <p class="message success">{{ done }}</p>
    }
    @if (state.value(); as users) {
      @if (users.length) {
        <div class="table-wrap" adminScrollRegion>
          <table>
            <caption class="visually-hidden">
              {{
                S.users.title
              }}
            </caption>
            <thead>
              <tr>
                <th scope="col">{{ S.users.email }}</th>
                <th scope="col">{{ S.users.role }}</th>
                <th scope="col">{{ S.users.status }}</th>
                <th scope="col">{{ S.users.created }}</th>
                <th scope="col">{{ S.users.lastLogin }}</th>
                <th scope="col">{{ S.users.actions }}</th>
              </tr>
            </thead>
            <tbody>
              @for (user of users; track user.id) {
                <tr>
                  <th scope="row">
                    {{ user.email }}
                    @if (user.email === session.me()?.email) {
                      <span class="muted">{{ S.users.you }}</span>
                    }
                  </th>
                  <td>{{ S.users.roles[user.role] ?? user.role }}</td>
                  <td>
                    <span class="badge" [class.ok]="!user.disabled" [class.bad]="user.disabled">{{ user.disabled ? S.users.disabled : S.users.enabled }}</span>
                  </td>
                  <td>{{ formatDateTime(user.createdAt) }}</td>
                  <td>{{ user.lastLoginAt ? formatDateTime(user.lastLoginAt) : S.users.never }}</td>
                  <td>
                    <div class="actions">
                      <button
                        type="button"
                        class="secondary small"
                        [disabled]="action.busy()"
                        [attr.aria-label]="user.disabled ? S.users.enableLabel(user.email) : S.users.disableLabel(user.email)"
                        (click)="setDisabled(user, !user.disabled)"
                      >
                        {{ user.disabled ? S.users.enable : S.users.disable }}
                      </button>
                      <form class="inline-form" novalidate (submit)="resetPassword($event, user.email)">
                        <label class="visually-hidden" [for]="'password-' + user.id">{{ S.users.resetLabel(user.email) }}</label>
                        <input
                          [id]="'password-' + user.id"
                          type="password"
                          autocomplete="new-password"
                          [placeholder]="S.users.resetPassword"
                          [value]="passwords()[user.email] ?? ''"
                          (input)="setPassword(user.email, $event)"
                        />
                        <button type="submit" class="secondary small" [disabled]="action.busy()" [attr.aria-label]="S.users.setPasswordLabel(user.email)">
                          {{ S.users.setPassword }}
                        </button>
                      </form>
                    </div>
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      } @else {
        <p class="muted">{{ S.users.empty }}</p>
      }
    }

    <section class="panel" aria-labelledby="user-create-title">
      <h2 id="user-create-title">{{ S.users.create }}</h2>
      <admin-user-create (created)="created($event)" />
    </section>

    <h2 id="audit-title">{{ S.users.audit }}</h2>
    <admin-audit-log />
  `,
})
export class UsersPage {
  private readonly api = inject(AdminApi);
  private readonly announcer = inject(Announcer);
  protected readonly session = inject(Session);
  protected readonly S = S;
  protected readonly formatDateTime = formatDateTime;
  protected readonly state = new Loadable<AdminUserInfo[]>(async () => (await this.api.users()).users);
  protected readonly action = new Action();
  /** The new passwords being typed, per e-mail. */
  protected readonly passwords = signal<Partial<Record<string, string>>>({});
  protected readonly done = signal<string | null>(null);
  private readonly audit = viewChild.required(AuditLog);

  constructor() {
    void this.state.load();
  }

  protected setPassword(email: string, event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.passwords.update((all) => ({ ...all, [email]: value }));
  }

  protected async setDisabled(user: AdminUserInfo, disabled: boolean): Promise<void> {
    const done = await this.action.run(() => this.api.setUserDisabled(user.email, disabled));
    if (done === undefined) return;
    this.report(disabled ? S.users.nowDisabled(user.email) : S.users.nowEnabled(user.email));
    this.changed();
  }

  protected async resetPassword(event: Event, email: string): Promise<void> {
    event.preventDefault();
    const password = this.passwords()[email] ?? '';
    if (password.length < MIN_PASSWORD) return this.action.error.set(S.users.tooShort);
    const done = await this.action.run(() => this.api.resetPassword(email, password));
    if (done === undefined) return;
    this.passwords.update((all) => ({ ...all, [email]: '' }));
    this.report(S.users.passwordSet(email));
    this.audit().reload();
  }

  protected created(email: string): void {
    this.done.set(S.users.added(email));
    this.changed();
  }

  private report(message: string): void {
    this.done.set(message);
    this.announcer.announce(message);
  }

  protected changed(): void {
    void this.state.load();
    this.audit().reload();
  }
}
