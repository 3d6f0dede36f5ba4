import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { formatNumber, formatPercent } from '../format';
import { S } from '../strings';

/** Counts by name (languages, engines) as a table with a bar per row: readable without the bars. */
@Component({
  selector: 'admin-bar-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <table class="bar-table">
      <caption>
        {{
          caption()
        }}
      </caption>
      <thead>
        <tr>
          <th scope="col">{{ nameLabel() }}</th>
          <th scope="col" class="num">{{ S.dashboard.count }}</th>
          <th scope="col" class="share-col">{{ S.dashboard.share }}</th>
        </tr>
      </thead>
      <tbody>
        @for (row of rows(); track row.name) {
          <tr>
            <th scope="row">{{ row.name }}</th>
            <td class="num">{{ formatNumber(row.count) }}</td>
            <td class="share-col">
              <span class="share-text">{{ formatPercent(row.share) }}</span>
              <span class="bar-track" aria-hidden="true"><span class="bar" [style.width.%]="row.share * 100"></span></span>
            </td>
          </tr>
        } @empty {
          <tr>
            <td colspan="3" class="muted">{{ S.dashboard.nothing }}</td>
          </tr>
        }
      </tbody>
    </table>
  `,
})
export class BarTable {
  protected readonly S = S;
  protected readonly formatNumber = formatNumber;
  protected readonly formatPercent = formatPercent;
  readonly caption = input.required<string>();
  readonly nameLabel = input.required<string>();
  readonly counts = input.required<Record<string, number>>();

  protected readonly rows = computed(() => {
    const entries = Object.entries(this.counts()).sort((a, b) => b[1] - a[1]);
    const total = entries.reduce((sum, [, count]) => sum + count, 0);
    return entries.map(([name, count]) => ({ name, count, share: total ? count / total : 0 }));
  });
}
