import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { AlertRuleInfo } from '@holibot/contracts';
import { formatDateTime, formatNumber } from '../../format';
import { S } from '../../strings';
import { ScrollRegion } from '../../ui/scroll-region';

/** Alert rules with their state, value against threshold, and since when (dashboard and alerts page). */
@Component({
  selector: 'admin-alert-rules-table',
  imports: [ScrollRegion],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="table-wrap" adminScrollRegion>
      <table>
        <caption class="visually-hidden">
          {{
            caption()
          }}
        </caption>
        <thead>
          <tr>
            <th scope="col">{{ S.alerts.rule }}</th>
            <th scope="col">{{ S.alerts.state }}</th>
            <th scope="col" class="num">{{ S.alerts.value }}</th>
            <th scope="col" class="num">{{ S.alerts.threshold }}</th>
            <th scope="col">{{ S.alerts.since }}</th>
            <th scope="col">{{ S.alerts.checked }}</th>
          </tr>
        </thead>
        <tbody>
          @for (rule of rules(); track rule.rule) {
            <tr>
              <th scope="row">
                {{ rule.title }}
                <div class="muted">{{ rule.condition }}</div>
                @if (rule.summary) {
                  <div>{{ rule.summary }}</div>
                }
              </th>
              <td>
                <span class="badge" [class.bad]="rule.state === 'firing'" [class.ok]="rule.state === 'ok'">{{
                  S.alerts.states[rule.state] ?? rule.state
                }}</span>
                @if (rule.stale) {
                  <span class="badge warn">{{ S.alerts.stale }}</span>
                }
              </td>
              <td class="num">{{ withUnit(rule.value, rule.unit) }}</td>
              <td class="num">{{ withUnit(rule.threshold, rule.unit) }}</td>
              <td>{{ formatDateTime(rule.since) }}</td>
              <td>{{ formatDateTime(rule.checkedAt) }}</td>
            </tr>
          } @empty {
            <tr>
              <td colspan="6" class="muted">{{ S.alerts.noRules }}</td>
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
})
export class AlertRulesTable {
  protected readonly S = S;
  protected readonly formatDateTime = formatDateTime;
  readonly rules = input.required<AlertRuleInfo[]>();
  readonly caption = input.required<string>();

  protected withUnit(value: number | null, unit: string): string {
    if (value === null) return S.none;
    return unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);
  }
}
