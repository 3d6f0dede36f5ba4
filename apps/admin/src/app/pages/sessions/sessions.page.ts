import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import type { CleanupResultData, SessionsData } from '@holibot/contracts';
import { AdminApi } from '../../api-client';
import { Announcer } from '../../announcer';
import { formatDateTime, formatDuration, formatMs, formatNumber } from '../../format';
import { Session } from '../../session';
import { S } from '../../strings';
import { LoadStatus } from '../../ui/load-status';
import { Action, Loadable } from '../../ui/loadable';
import { ReadOnlyNote } from '../../ui/read-only-note';
import { ScrollRegion } from '../../ui/scroll-region';

@Component({
  selector: 'admin-sessions-page',
  imports: [LoadStatus, ReadOnlyNote, ScrollRegion],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ S.sessions.title }}</h1>
    <admin-load-status [state]="state" />
    @if (state.value(); as data) {
      <dl class="figures">
        <div class="figure">
          <dt>{{ S.sessions.total }}</dt>
          <dd>{{ formatNumber(data.totalSessions) }}</dd>
        </div>
        <div class="figure">
          <dt>{{ S.sessions.active }}</dt>
          <dd>{{ formatNumber(data.activeSessions) }}</dd>
        </div>
        <div class="figure">
          <dt>{{ S.sessions.signedIn }}</dt>
          <dd>{{ formatNumber(data.authenticatedSessions) }}</dd>
        </div>
        <div class="figure">
          <dt>{{ S.sessions.avgDuration }}</dt>
          <dd>{{ formatDuration(data.avgSessionDurationSeconds) }}</dd>
        </div>
      </dl>

      <section class="panel" aria-labelledby="cleanup-title">
        <h2 id="cleanup-title">{{ S.sessions.cleanupTitle }}</h2>
        <p>{{ S.sessions.retention(data.retentionHours) }}</p>
        <p>{{ S.sessions.schedule(data.cleanupCron) }}</p>
        <admin-read-only-note />
        @if (session.isAdmin()) {
          <div class="actions">
            <button type="button" [disabled]="action.busy()" (click)="dryRun()">
              {{ action.busy() && !preview() ? S.sessions.checking : S.sessions.runCleanup }}
            </button>
            @if (preview(); as dry) {
              @if (dry.sessionsDeleted > 0) {
                <span>{{ S.sessions.wouldDelete(dry.sessionsDeleted, dry.messagesDeleted) }}</span>
                <button type="button" class="danger" [disabled]="action.busy()" (click)="runForReal()">
                  {{ action.busy() ? S.sessions.deleting : S.sessions.confirm }}
                </button>
                <button type="button" class="secondary" (click)="preview.set(null)">{{ S.cancel }}</button>
              }
            }
          </div>
          @if (action.error(); as error) {
            <p class="message error" role="alert">{{ error }}</p>
          }
          @if (result(); as result) {
            <p class="message" [class.success]="result.outcome === 'done'" [class.warn]="result.outcome !== 'done'">{{ resultText(result) }}</p>
          }
        }
      </section>

      <h2 id="cleanup-history">{{ S.sessions.history }}</h2>
      @if (data.cleanups.length) {
        <div class="table-wrap" adminScrollRegion>
          <table aria-labelledby="cleanup-history">
            <thead>
              <tr>
                <th scope="col">{{ S.sessions.runAt }}</th>
                <th scope="col">{{ S.sessions.trigger }}</th>
                <th scope="col">{{ S.sessions.status }}</th>
                <th scope="col" class="num">{{ S.sessions.sessionsDeleted }}</th>
                <th scope="col" class="num">{{ S.sessions.messagesDeleted }}</th>
                <th scope="col" class="num">{{ S.sessions.duration }}</th>
                <th scope="col">{{ S.sessions.error }}</th>
              </tr>
            </thead>
            <tbody>
              @for (run of data.cleanups; track $index) {
                <tr>
                  <th scope="row">{{ formatDateTime(run.runAt) }}</th>
                  <td>{{ run.trigger }}</td>
                  <td>
                    <span class="badge" [class.ok]="run.status === 'done' || run.status === 'success'" [class.bad]="run.status === 'failed'">{{
                      run.status
                    }}</span>
                  </td>
                  <td class="num">{{ formatNumber(run.sessionsDeleted) }}</td>
                  <td class="num">{{ formatNumber(run.messagesDeleted) }}</td>
                  <td class="num">{{ formatMs(run.durationMs) }}</td>
                  <td>{{ run.error ?? '' }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      } @else {
        <p class="muted">{{ S.sessions.noHistory }}</p>
      }
    }
  `,
})
export class SessionsPage {
  private readonly api = inject(AdminApi);
  private readonly announcer = inject(Announcer);
  protected readonly session = inject(Session);
  protected readonly S = S;
  protected readonly formatNumber = formatNumber;
  protected readonly formatDateTime = formatDateTime;
  protected readonly formatDuration = formatDuration;
  protected readonly formatMs = formatMs;
  protected readonly state = new Loadable<SessionsData>(() => this.api.sessions());
  protected readonly action = new Action();
  /** The dry run's answer: what a real run would delete. */
  protected readonly preview = signal<CleanupResultData | null>(null);
  protected readonly result = signal<CleanupResultData | null>(null);

  constructor() {
    void this.state.load();
  }

  protected async dryRun(): Promise<void> {
    this.preview.set(null);
    this.result.set(null);
    const preview = await this.action.run(() => this.api.cleanup(true));
    if (!preview) return;
    if (preview.outcome !== 'done' || preview.sessionsDeleted === 0) {
      this.result.set(preview);
      this.announcer.announce(this.resultText(preview));
    } else {
      this.preview.set(preview);
      this.announcer.announce(S.sessions.wouldDelete(preview.sessionsDeleted, preview.messagesDeleted));
    }
  }

  protected async runForReal(): Promise<void> {
    const result = await this.action.run(() => this.api.cleanup(false));
    if (!result) return;
    this.preview.set(null);
    this.result.set(result);
    this.announcer.announce(this.resultText(result));
    void this.state.load();
  }

  protected resultText(result: CleanupResultData): string {
    switch (result.outcome) {
      case 'skipped':
        return S.sessions.skipped;
      case 'failed':
        return S.sessions.failed(result.error ?? '');
      case 'done':
        if (result.dryRun) return result.sessionsDeleted ? S.sessions.wouldDelete(result.sessionsDeleted, result.messagesDeleted) : S.sessions.nothingToDelete;
        return S.sessions.deleted(result.sessionsDeleted, result.messagesDeleted);
    }
  }
}
