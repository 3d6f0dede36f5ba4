import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import type { UsageReport, UsageRow } from '@holibot/contracts';
import { AdminApi } from '../../api-client';
import { formatDay, formatNumber, formatUsd } from '../../format';
import { S } from '../../strings';
import { Chart, type ChartData } from '../../ui/chart';
import { DaysPicker } from '../../ui/days-picker';
import { LoadStatus } from '../../ui/load-status';
import { Loadable } from '../../ui/loadable';
import { ScrollRegion } from '../../ui/scroll-region';

/** Mistral calls, tokens and the estimated cost, per day and model. */
@Component({
  selector: 'admin-usage-page',
  imports: [Chart, DaysPicker, LoadStatus, ScrollRegion],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page-head">
      <h1>{{ S.usage.title }}</h1>
      <admin-days-picker [(value)]="days" [options]="[7, 30, 90]" />
    </div>
    <admin-load-status [state]="state" />
    @if (state.value(); as report) {
      <p>{{ S.usage.prices(report.prices.inputPerM, report.prices.outputPerM, report.prices.model) }}</p>
      @if (report.rows.length) {
        @if (chart(); as chart) {
          <admin-chart [caption]="S.usage.chart" [xLabel]="S.usage.day" [data]="chart" kind="bars" [utc]="true" />
        }
        <div class="table-wrap" adminScrollRegion>
          <table>
            <caption class="visually-hidden">
              {{
                S.usage.title
              }}
            </caption>
            <thead>
              <tr>
                <th scope="col">{{ S.usage.day }}</th>
                <th scope="col">{{ S.usage.model }}</th>
                <th scope="col" class="num">{{ S.usage.turns }}</th>
                <th scope="col" class="num">{{ S.usage.calls }}</th>
                <th scope="col">{{ S.usage.outcomes }}</th>
                <th scope="col" class="num">{{ S.usage.fallbacks }}</th>
                <th scope="col" class="num">{{ S.usage.promptTokens }}</th>
                <th scope="col" class="num">{{ S.usage.completionTokens }}</th>
                <th scope="col" class="num">{{ S.usage.cost }}</th>
              </tr>
            </thead>
            <tbody>
              @for (row of report.rows; track row.day + row.model) {
                <tr>
                  <th scope="row">{{ formatDay(row.day) }}</th>
                  <td>{{ row.model }}</td>
                  <td class="num">{{ formatNumber(row.turns) }}</td>
                  <td class="num">{{ formatNumber(row.calls) }}</td>
                  <td>{{ outcomes(row.outcomes) }}</td>
                  <td class="num">{{ formatNumber(row.fallbacks) }}</td>
                  <td class="num">{{ formatNumber(row.promptTokens) }}</td>
                  <td class="num">{{ formatNumber(row.completionTokens) }}</td>
                  <td class="num">{{ formatUsd(row.estimatedCost) }}</td>
                </tr>
              }
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colspan="2">{{ S.usage.total }}</th>
                <td class="num">{{ formatNumber(report.total.turns) }}</td>
                <td class="num">{{ formatNumber(report.total.calls) }}</td>
                <td>{{ outcomes(report.total.outcomes) }}</td>
                <td class="num">{{ formatNumber(report.total.fallbacks) }}</td>
                <td class="num">{{ formatNumber(report.total.promptTokens) }}</td>
                <td class="num">{{ formatNumber(report.total.completionTokens) }}</td>
                <td class="num">{{ formatUsd(report.total.estimatedCost) }}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      } @else {
        <p class="muted">{{ S.usage.empty }}</p>
      }
    }
  `,
})
export class UsagePage {
  private readonly api = inject(AdminApi);
  protected readonly S = S;
  protected readonly formatDay = formatDay;
  protected readonly formatNumber = formatNumber;
  protected readonly formatUsd = formatUsd;
  protected readonly days = signal(30);
  protected readonly state = new Loadable<UsageReport>(() => this.api.usage(this.days()));
  protected readonly chart = computed(() => {
    const report = this.state.value();
    return report ? costPerDay(report.rows) : null;
  });

  constructor() {
    effect(() => {
      this.days();
      void this.state.load();
    });
  }

  protected outcomes(outcomes: Record<string, number>): string {
    return Object.entries(outcomes)
      .map(([outcome, count]) => `${outcome}: ${formatNumber(count)}`)
      .join(', ');
  }
}

/** The rows are per day and model: the chart sums the models of a day. */
export function costPerDay(rows: readonly UsageRow[]): ChartData {
  const byDay = new Map<string, number>();
  for (const row of rows) byDay.set(row.day, (byDay.get(row.day) ?? 0) + row.estimatedCost);
  const days = [...byDay.keys()].sort();
  return {
    x: days.map((day) => Date.parse(`${day.slice(0, 10)}T00:00:00Z`) / 1000),
    xLabels: days.map(formatDay),
    series: [
      {
        label: S.usage.costSeries,
        color: '#1d4ed8',
        values: days.map((day) => byDay.get(day)!),
        format: (value) => (value === null ? S.none : formatUsd(value)),
      },
    ],
  };
}
