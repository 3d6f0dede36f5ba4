import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { FeedbackData, GapsReport } from '@holibot/contracts';
import { AdminApi } from '../../api-client';
import { formatDateTime, formatDay, formatNumber } from '../../format';
import { S } from '../../strings';
import { Chart, type ChartData } from '../../ui/chart';
import { DaysPicker } from '../../ui/days-picker';
import { LoadStatus } from '../../ui/load-status';
import { Loadable } from '../../ui/loadable';
import { GapsView } from './gaps-view';
import { ScrollRegion } from '../../ui/scroll-region';

/** What visitors rated and reported, and what they asked that the catalogue could not answer. */
@Component({
  selector: 'admin-feedback-page',
  imports: [Chart, DaysPicker, GapsView, LoadStatus, RouterLink, ScrollRegion],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page-head">
      <h1>{{ S.feedback.title }}</h1>
      <admin-days-picker [(value)]="days" [options]="[7, 30, 90]" />
    </div>
    <admin-load-status [state]="feedback" />
    @if (feedback.value(); as data) {
      @if (ratings(); as chart) {
        <admin-chart [caption]="S.feedback.ratings" [xLabel]="S.feedback.day" [data]="chart" kind="bars" [utc]="true" />
      } @else {
        <h2>{{ S.feedback.ratings }}</h2>
        <p class="muted">{{ S.feedback.noRatings }}</p>
      }

      <h2>{{ S.feedback.places }}</h2>
      @for (place of data.places; track place.poiId) {
        <section class="panel" [attr.aria-label]="S.feedback.placeName(place.poiId, place.name)">
          <h3>
            <a [routerLink]="['/places', place.poiId]">{{ S.feedback.placeName(place.poiId, place.name) }}</a>&nbsp;
            <span class="badge bad">{{ S.feedback.reports }}: {{ formatNumber(place.reports) }}</span>
          </h3>
          <ul>
            @for (comment of place.comments; track $index) {
              <li>
                {{ formatDateTime(comment.createdAt) }} —
                @if (comment.reason) {
                  <strong>{{ comment.reason }}</strong>
                }
                {{ comment.comment ?? '' }}
                <a [routerLink]="['/conversations', comment.sessionId]" [fragment]="'message-' + comment.messageId">{{ S.feedback.openMessage }}</a>
              </li>
            }
          </ul>
        </section>
      } @empty {
        <p class="muted">{{ S.feedback.noPlaces }}</p>
      }

      <h2 id="recent-comments">{{ S.feedback.recent }}</h2>
      @if (data.recent.length) {
        <div class="table-wrap" adminScrollRegion>
          <table aria-labelledby="recent-comments">
            <thead>
              <tr>
                <th scope="col">{{ S.feedback.when }}</th>
                <th scope="col">{{ S.feedback.rating }}</th>
                <th scope="col">{{ S.feedback.reason }}</th>
                <th scope="col">{{ S.feedback.comment }}</th>
                <th scope="col">
                  <span class="visually-hidden">{{ S.feedback.openMessage }}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              @for (item of data.recent; track $index) {
                <tr>
                  <th scope="row">{{ formatDateTime(item.createdAt) }}</th>
                  <td>
                    <span class="badge" [class.ok]="item.rating === 'up'" [class.bad]="item.rating === 'down'">{{
                      item.rating === 'up' ? S.feedback.up : S.feedback.down
                    }}</span>
                  </td>
                  <td>{{ item.reason ?? '' }}</td>
                  <td>{{ item.comment ?? '' }}</td>
                  <td>
                    <a [routerLink]="['/conversations', item.sessionId]" [fragment]="'message-' + item.messageId">{{ S.feedback.openMessage }}</a>
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      } @else {
        <p class="muted">{{ S.feedback.noRecent }}</p>
      }
    }

    <h2>{{ S.feedback.gaps }}</h2>
    <admin-load-status [state]="gaps" />
    @if (gaps.value(); as report) {
      <admin-gaps-view [report]="report" />
    }
  `,
})
export class FeedbackPage {
  private readonly api = inject(AdminApi);
  protected readonly S = S;
  protected readonly formatDateTime = formatDateTime;
  protected readonly formatNumber = formatNumber;
  protected readonly days = signal(30);
  protected readonly feedback = new Loadable<FeedbackData>(() => this.api.feedback(this.days()));
  protected readonly gaps = new Loadable<GapsReport>(() => this.api.gaps(this.days()));
  protected readonly ratings = computed(() => {
    const data = this.feedback.value();
    return data && data.perDay.some((day) => day.up || day.down) ? ratingsChart(data) : null;
  });

  constructor() {
    effect(() => {
      this.days();
      void this.feedback.load();
      void this.gaps.load();
    });
  }
}

function ratingsChart(data: FeedbackData): ChartData {
  return {
    x: data.perDay.map((day) => Date.parse(`${day.day.slice(0, 10)}T00:00:00Z`) / 1000),
    xLabels: data.perDay.map((day) => formatDay(day.day)),
    series: [
      { label: S.feedback.up, color: '#15803d', values: data.perDay.map((day) => day.up), format: formatNumber },
      { label: S.feedback.down, color: '#b91c1c', values: data.perDay.map((day) => day.down), format: formatNumber },
    ],
  };
}
