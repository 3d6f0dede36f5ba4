import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import type { AlertsData, AlertTestResult } from '@holibot/contracts';
import { AdminApi } from '../../api-client';
import { Announcer } from '../../announcer';
import { formatDateTime, formatNumber } from '../../format';
import { Session } from '../../session';
import { S } from '../../strings';
import { LoadStatus } from '../../ui/load-status';
import { Action, Loadable } from '../../ui/loadable';
import { ReadOnlyNote } from '../../ui/read-only-note';
import { AlertRulesTable } from './alert-rules-table';
import { ScrollRegion } from '../../ui/scroll-region';

@Component({
  selector: 'admin-alerts-page',
  imports: [AlertRulesTable, LoadStatus, ReadOnlyNote, ScrollRegion],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page-head">
      <h1>{{ S.alerts.title }}</h1>
      @if (session.isAdmin()) {
        <button type="button" [disabled]="action.busy()" (click)="test()">{{ action.busy() ? S.alerts.testing : S.alerts.test }}</button>
      }
    </div>
    <admin-read-only-note />
    @if (action.error(); as error) {
      <p class="message error" role="alert">{{ error }}</p>
    }
    @if (results(); as results) {
      <section class="panel" aria-labelledby="alert-test-title">
        <h2 id="alert-test-title">{{ S.alerts.testResults }}</h2>
        @if (results.length) {
          <table>
            <thead>
              <tr>
                <th scope="col">{{ S.alerts.channel }}</th>
                <th scope="col">{{ S.alerts.result }}</th>
              </tr>
            </thead>
            <tbody>
              @for (result of results; track $index) {
                <tr>
                  <th scope="row">{{ result.channel }}</th>
                  <td>
                    <span class="badge" [class.ok]="result.ok" [class.bad]="!result.ok">{{ result.ok ? S.alerts.sent : S.alerts.notSent }}</span>
                    @if (result.error) {
                      {{ result.error }}
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        } @else {
          <p class="muted">{{ S.alerts.noChannels }}</p>
        }
      </section>
    }
    <admin-load-status [state]="state" />
    @if (state.value(); as data) {
      <p class="message" [class.info]="data.enabled" [class.warn]="!data.enabled">
        {{ data.enabled ? S.alerts.enabled(data.recipients) : S.alerts.disabled }}
      </p>
      <h2>{{ S.alerts.rules }}</h2>
      <admin-alert-rules-table [rules]="data.rules" [caption]="S.alerts.rules" />

      <h2 id="alert-history">{{ S.alerts.history }}</h2>
      @if (data.history.length) {
        <div class="table-wrap" adminScrollRegion>
          <table aria-labelledby="alert-history">
            <thead>
              <tr>
                <th scope="col">{{ S.alerts.opened }}</th>
                <th scope="col">{{ S.alerts.rule }}</th>
                <th scope="col">{{ S.alerts.state }}</th>
                <th scope="col" class="num">{{ S.alerts.value }}</th>
                <th scope="col" class="num">{{ S.alerts.threshold }}</th>
                <th scope="col">{{ S.alerts.resolved }}</th>
                <th scope="col">{{ S.alerts.summary }}</th>
              </tr>
            </thead>
            <tbody>
              @for (event of data.history; track event.id) {
                <tr>
                  <th scope="row">{{ formatDateTime(event.openedAt) }}</th>
                  <td>{{ event.rule }}</td>
                  <td>
                    <span class="badge" [class.bad]="event.state === 'firing'" [class.ok]="event.state === 'ok' || event.state === 'resolved'">{{
                      S.alerts.states[event.state] ?? event.state
                    }}</span>
                  </td>
                  <td class="num">{{ formatNumber(event.value) }}</td>
                  <td class="num">{{ formatNumber(event.threshold) }}</td>
                  <td>{{ event.resolvedAt ? formatDateTime(event.resolvedAt) : S.alerts.stillOpen }}</td>
                  <td>{{ event.summary ?? '' }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      } @else {
        <p class="muted">{{ S.alerts.noHistory }}</p>
      }
    }
  `,
})
export class AlertsPage {
  private readonly api = inject(AdminApi);
  private readonly announcer = inject(Announcer);
  protected readonly session = inject(Session);
  protected readonly S = S;
  protected readonly formatDateTime = formatDateTime;
  protected readonly formatNumber = formatNumber;
  protected readonly state = new Loadable<AlertsData>(() => this.api.alerts());
  protected readonly action = new Action();
  protected readonly results = signal<AlertTestResult[] | null>(null);

  constructor() {
    void this.state.load();
  }

  protected async test(): Promise<void> {
    const answer = await this.action.run(() => this.api.testAlerts());
    if (!answer) return;
    this.results.set(answer.results);
    this.announcer.announce(S.alerts.testDone(answer.results.filter((result) => result.ok).length, answer.results.length));
  }
}
