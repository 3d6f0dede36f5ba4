import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { DashboardData } from '@holibot/contracts';
import { AdminApi } from '../../api-client';
import { formatDay, formatHour, formatMs, formatNumber, formatPercent } from '../../format';
import { S } from '../../strings';
import { AlertRulesTable } from '../alerts/alert-rules-table';
import { BarTable } from '../../ui/bar-table';
import { Chart, type ChartData } from '../../ui/chart';
import { DaysPicker } from '../../ui/days-picker';
import { LoadStatus } from '../../ui/load-status';
import { Loadable } from '../../ui/loadable';

@Component({
  selector: 'admin-dashboard-page',
  imports: [AlertRulesTable, BarTable, Chart, DaysPicker, LoadStatus, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page-head">
      <h1>{{ S.dashboard.title }}</h1>
      <admin-days-picker [(value)]="days" />
    </div>
    <admin-load-status [state]="state" />
    @if (state.value(); as data) {
      <dl class="figures">
        <div class="figure">
          <dt>{{ S.dashboard.turns }}</dt>
          <dd>{{ formatNumber(data.totals.turns) }}</dd>
        </div>
        <div class="figure">
          <dt>{{ S.dashboard.noResultShare }}</dt>
          <dd>{{ formatPercent(data.totals.turns ? data.totals.noResults / data.totals.turns : null) }}</dd>
        </div>
        <div class="figure">
          <dt>{{ S.dashboard.latencyP50 }}</dt>
          <dd>{{ formatMs(data.totals.latencyP50Ms) }}</dd>
        </div>
        <div class="figure">
          <dt>{{ S.dashboard.latencyP95 }}</dt>
          <dd>{{ formatMs(data.totals.latencyP95Ms) }}</dd>
        </div>
        <div class="figure">
          <dt>{{ S.dashboard.activeSessions }}</dt>
          <dd>{{ formatNumber(data.activeSessions) }}</dd>
        </div>
        <div class="figure">
          <dt>{{ S.dashboard.webSockets }}</dt>
          <dd>{{ formatNumber(data.webSocketConnections) }}</dd>
        </div>
      </dl>

      <section class="panel" aria-labelledby="dashboard-alerts">
        <h2 id="dashboard-alerts">{{ S.dashboard.alerts }}</h2>
        @if (data.alerts.length) {
          <admin-alert-rules-table [rules]="data.alerts" [caption]="S.dashboard.alerts" />
        } @else {
          <p class="message success">{{ S.dashboard.noAlerts }}</p>
        }
        <p>
          <a routerLink="/alerts">{{ S.dashboard.allAlerts }}</a>
        </p>
      </section>

      @if (turnsChart(); as chart) {
        <admin-chart [caption]="S.dashboard.turnsChart" [xLabel]="S.dashboard.time" [data]="chart" [utc]="data.bucket === 'day'" />
      }
      @if (latencyChart(); as chart) {
        <admin-chart [caption]="S.dashboard.latencyChart" [xLabel]="S.dashboard.time" [data]="chart" [utc]="data.bucket === 'day'" />
      }

      <div class="columns">
        <admin-bar-table [caption]="S.dashboard.byLanguage" [nameLabel]="S.dashboard.language" [counts]="data.byLanguage" />
        <admin-bar-table [caption]="S.dashboard.byEngine" [nameLabel]="S.dashboard.engine" [counts]="data.byEngine" />
      </div>
    }
  `,
})
export class DashboardPage {
  private readonly api = inject(AdminApi);
  protected readonly S = S;
  protected readonly formatNumber = formatNumber;
  protected readonly formatPercent = formatPercent;
  protected readonly formatMs = formatMs;
  protected readonly days = signal(7);
  protected readonly state = new Loadable<DashboardData>(() => this.api.dashboard(this.days()));

  protected readonly turnsChart = computed(() => {
    const data = this.state.value();
    return (
      data &&
      chartOf(data, [
        { label: S.dashboard.turns, color: '#1d4ed8', pick: (point) => point.turns, format: formatNumber },
        { label: S.dashboard.noResults, color: '#b45309', pick: (point) => point.noResults, format: formatNumber },
      ])
    );
  });

  protected readonly latencyChart = computed(() => {
    const data = this.state.value();
    return (
      data &&
      chartOf(data, [
        { label: 'p50', color: '#047857', pick: (point) => point.latencyP50Ms, format: formatMs },
        { label: 'p95', color: '#7c3aed', pick: (point) => point.latencyP95Ms, format: formatMs },
      ])
    );
  });

  constructor() {
    // Loads at start and whenever the period changes.
    effect(() => {
      this.days();
      void this.state.load();
    });
  }
}

type Point = DashboardData['series'][number];

function chartOf(
  data: DashboardData,
  series: Array<{ label: string; color: string; pick: (point: Point) => number | null; format: (value: number | null) => string }>,
): ChartData {
  const label = data.bucket === 'hour' ? formatHour : formatDay;
  return {
    x: data.series.map((point) => Date.parse(point.start) / 1000),
    xLabels: data.series.map((point) => label(point.start)),
    series: series.map(({ label, color, pick, format }) => ({ label, color, format, values: data.series.map(pick) })),
  };
}
