import { ChangeDetectionStrategy, Component, computed, inject, input, type OnInit } from '@angular/core';
import type { BackupDetail } from '@holibot/contracts';
import { AdminApi } from '../../api-client';
import { formatBytes, formatNumber } from '../../format';
import { Session } from '../../session';
import { S } from '../../strings';
import { CopyButton } from '../../ui/copy-button';
import { LoadStatus } from '../../ui/load-status';
import { Loadable } from '../../ui/loadable';

/** A backup's files (downloads for admins), row counts, and the command that restores it. */
@Component({
  selector: 'admin-backup-detail',
  imports: [CopyButton, LoadStatus],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <admin-load-status [state]="state" />
    @if (state.value(); as detail) {
      <table>
        <caption>
          {{
            S.backups.detailTitle(detail.timestamp)
          }}
        </caption>
        <thead>
          <tr>
            <th scope="col">{{ S.backups.file }}</th>
            <th scope="col">{{ S.backups.role }}</th>
            <th scope="col" class="num">{{ S.backups.size }}</th>
            <th scope="col">{{ S.backups.sha256 }}</th>
            @if (session.isAdmin()) {
              <th scope="col">{{ S.backups.download }}</th>
            }
          </tr>
        </thead>
        <tbody>
          @for (file of detail.files; track file.name) {
            <tr>
              <th scope="row">{{ file.name }}</th>
              <td>{{ file.role }}</td>
              <td class="num">{{ formatBytes(file.size) }}</td>
              <td class="hash">{{ file.sha256 }}</td>
              @if (session.isAdmin()) {
                <td>
                  <a [href]="api.backupFileUrl(detail.timestamp, file.name)" [attr.aria-label]="S.backups.downloadLabel(file.name)" download>{{
                    S.backups.download
                  }}</a>
                </td>
              }
            </tr>
          }
        </tbody>
      </table>
      @if (!session.isAdmin()) {
        <p class="muted">{{ S.backups.downloadNeedsAdmin }}</p>
      }
      @if (rowCounts().length) {
        <h2 class="sub">{{ S.backups.rowCounts }}</h2>
        <table class="narrow">
          <thead>
            <tr>
              <th scope="col">{{ S.backups.table }}</th>
              <th scope="col" class="num">{{ S.backups.rows }}</th>
            </tr>
          </thead>
          <tbody>
            @for (row of rowCounts(); track row[0]) {
              <tr>
                <th scope="row">{{ row[0] }}</th>
                <td class="num">{{ formatNumber(row[1]) }}</td>
              </tr>
            }
          </tbody>
        </table>
      }
      @if (detail.migrations.length) {
        <p class="muted">{{ S.backups.migrations }}: {{ detail.migrations.at(-1) }} ({{ detail.migrations.length }})</p>
      }
      <h2 class="sub">{{ S.backups.restoreTitle }}</h2>
      <p class="message warn">{{ S.backups.restoreNote }}</p>
      <pre class="code"><code>{{ command() }}</code></pre>
      <admin-copy-button [text]="command()" [label]="S.copy + ': ' + S.backups.restoreTitle + ' ' + detail.timestamp" />
    }
  `,
})
export class BackupDetailView implements OnInit {
  protected readonly api = inject(AdminApi);
  protected readonly session = inject(Session);
  protected readonly S = S;
  protected readonly formatBytes = formatBytes;
  protected readonly formatNumber = formatNumber;
  readonly timestamp = input.required<string>();
  /** BackupsData.restoreCommand, with `<timestamp>` in it. */
  readonly restoreCommand = input.required<string>();
  protected readonly state = new Loadable<BackupDetail>(() => this.api.backup(this.timestamp()));
  protected readonly command = computed(() => restoreCommandFor(this.restoreCommand(), this.timestamp()));
  protected readonly rowCounts = computed(() => Object.entries(this.state.value()?.rowCounts ?? {}));

  ngOnInit(): void {
    void this.state.load();
  }
}

export function restoreCommandFor(template: string, timestamp: string): string {
  return template.split('<timestamp>').join(timestamp);
}
