import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import type { BackupsData } from '@holibot/contracts';
import { AdminApi } from '../../api-client';
import { Announcer } from '../../announcer';
import { formatBytes, formatDateTime } from '../../format';
import { Session } from '../../session';
import { S } from '../../strings';
import { LoadStatus } from '../../ui/load-status';
import { Action, Loadable } from '../../ui/loadable';
import { ReadOnlyNote } from '../../ui/read-only-note';
import { BackupDetailView } from './backup-detail';
import { ScrollRegion } from '../../ui/scroll-region';

@Component({
  selector: 'admin-backups-page',
  imports: [BackupDetailView, LoadStatus, ReadOnlyNote, ScrollRegion],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page-head">
      <h1>{{ S.backups.title }}</h1>
      @if (session.isAdmin()) {
        <button type="button" [disabled]="action.busy()" (click)="backUp()">{{ running() ? S.backups.running : S.backups.runNow }}</button>
      }
    </div>
    <admin-read-only-note />
    <admin-load-status [state]="state" />
    @if (action.error(); as error) {
      <p class="message error" role="alert">{{ error }}</p>
    }
    @if (done(); as done) {
      <p class="message success">{{ done }}</p>
    }
    @if (state.value(); as data) {
      <p>{{ S.backups.settings(data.intervalHours, data.retentionDays, data.dir) }}</p>
      @if (data.backups.length) {
        <div class="table-wrap" adminScrollRegion>
          <table>
            <caption class="visually-hidden">
              {{
                S.backups.title
              }}
            </caption>
            <thead>
              <tr>
                <th scope="col">{{ S.backups.created }}</th>
                <th scope="col">{{ S.backups.database }}</th>
                <th scope="col">{{ S.backups.reason }}</th>
                <th scope="col">{{ S.backups.encrypted }}</th>
                <th scope="col" class="num">{{ S.backups.size }}</th>
                <th scope="col">{{ S.backups.verified }}</th>
                <th scope="col">{{ S.backups.actions }}</th>
              </tr>
            </thead>
            <tbody>
              @for (backup of data.backups; track backup.timestamp) {
                <tr>
                  <th scope="row">
                    {{ formatDateTime(backup.createdAt) }}
                    <div class="muted hash">{{ backup.timestamp }}</div>
                  </th>
                  <td>{{ backup.databaseType }}</td>
                  <td>{{ backup.reason }}</td>
                  <td>{{ backup.encrypted ? S.yes : S.no }}</td>
                  <td class="num">{{ formatBytes(backup.size) }}</td>
                  <td>{{ formatDateTime(backup.verifiedAt) }}</td>
                  <td>
                    <div class="actions">
                      <button
                        type="button"
                        class="secondary small"
                        [attr.aria-expanded]="open() === backup.timestamp"
                        [attr.aria-controls]="'backup-' + backup.timestamp"
                        [attr.aria-label]="S.backups.detailsLabel(backup.timestamp)"
                        (click)="toggle(backup.timestamp)"
                      >
                        {{ S.backups.details }}
                      </button>
                      @if (session.isAdmin()) {
                        <button
                          type="button"
                          class="secondary small"
                          [disabled]="action.busy()"
                          [attr.aria-label]="S.backups.verifyLabel(backup.timestamp)"
                          (click)="verify(backup.timestamp)"
                        >
                          {{ verifying() === backup.timestamp ? S.backups.verifying : S.backups.verify }}
                        </button>
                      }
                    </div>
                  </td>
                </tr>
                @if (open() === backup.timestamp) {
                  <tr class="expanded-row">
                    <td colspan="7" [id]="'backup-' + backup.timestamp">
                      <admin-backup-detail [timestamp]="backup.timestamp" [restoreCommand]="data.restoreCommand" />
                    </td>
                  </tr>
                }
              }
            </tbody>
          </table>
        </div>
      } @else {
        <p class="muted">{{ S.backups.empty }}</p>
      }
    }
  `,
})
export class BackupsPage {
  private readonly api = inject(AdminApi);
  private readonly announcer = inject(Announcer);
  protected readonly session = inject(Session);
  protected readonly S = S;
  protected readonly formatBytes = formatBytes;
  protected readonly formatDateTime = formatDateTime;
  protected readonly state = new Loadable<BackupsData>(() => this.api.backups());
  protected readonly action = new Action();
  protected readonly open = signal<string | null>(null);
  protected readonly running = signal(false);
  protected readonly verifying = signal<string | null>(null);
  protected readonly done = signal<string | null>(null);

  constructor() {
    void this.state.load();
  }

  protected toggle(timestamp: string): void {
    this.open.update((open) => (open === timestamp ? null : timestamp));
  }

  protected async backUp(): Promise<void> {
    this.running.set(true);
    const result = await this.action.run(() => this.api.runBackup());
    this.running.set(false);
    if (result !== undefined) this.finish(S.backups.done);
  }

  protected async verify(timestamp: string): Promise<void> {
    this.verifying.set(timestamp);
    const result = await this.action.run(() => this.api.verifyBackup(timestamp));
    this.verifying.set(null);
    if (result !== undefined) this.finish(S.backups.verifiedOk(timestamp));
  }

  private finish(message: string): void {
    this.done.set(message);
    this.announcer.announce(message);
    void this.state.load();
  }
}
