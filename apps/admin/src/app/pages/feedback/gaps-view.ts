import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { GapsReport } from '@holibot/contracts';
import { formatNumber, formatPercent } from '../../format';
import { S } from '../../strings';
import { ScrollRegion } from '../../ui/scroll-region';

/** The content gaps report: unanswered questions, topics and attributes. */
@Component({
  selector: 'admin-gaps-view',
  imports: [ScrollRegion],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p>{{ S.feedback.questions(report().questions) }}</p>
    <h3 id="gaps-no-results">{{ S.feedback.noResults }}</h3>
    @if (report().noResults.length) {
      <div class="table-wrap" adminScrollRegion>
        <table aria-labelledby="gaps-no-results">
          <thead>
            <tr>
              <th scope="col">{{ S.feedback.query }}</th>
              <th scope="col" class="num">{{ S.feedback.count }}</th>
              <th scope="col">{{ S.feedback.languages }}</th>
            </tr>
          </thead>
          <tbody>
            @for (gap of report().noResults; track gap.query) {
              <tr>
                <th scope="row">{{ gap.query }}</th>
                <td class="num">{{ formatNumber(gap.count) }}</td>
                <td>{{ languages(gap.languages) }}</td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    } @else {
      <p class="muted">{{ S.feedback.noNoResults }}</p>
    }

    <div class="columns">
      <div>
        <h3 id="gaps-topics">{{ S.feedback.topics }}</h3>
        @if (report().topics.length) {
          <div class="table-wrap" adminScrollRegion>
            <table aria-labelledby="gaps-topics">
              <thead>
                <tr>
                  <th scope="col">{{ S.feedback.topic }}</th>
                  <th scope="col" class="num">{{ S.feedback.asked }}</th>
                  <th scope="col" class="num">{{ S.feedback.found }}</th>
                  <th scope="col" class="num">{{ S.feedback.resultRate }}</th>
                </tr>
              </thead>
              <tbody>
                @for (topic of report().topics; track topic.topic) {
                  <tr>
                    <th scope="row">{{ topic.topic }}</th>
                    <td class="num">{{ formatNumber(topic.asked) }}</td>
                    <td class="num">{{ formatNumber(topic.found) }}</td>
                    <td class="num">{{ formatPercent(topic.resultRate) }}</td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        } @else {
          <p class="muted">{{ S.feedback.noTopics }}</p>
        }
      </div>
      <div>
        <h3 id="gaps-attributes">{{ S.feedback.attributes }}</h3>
        @if (report().attributes.length) {
          <div class="table-wrap" adminScrollRegion>
            <table aria-labelledby="gaps-attributes">
              <thead>
                <tr>
                  <th scope="col">{{ S.feedback.attribute }}</th>
                  <th scope="col" class="num">{{ S.feedback.asked }}</th>
                  <th scope="col" class="num">{{ S.feedback.found }}</th>
                  <th scope="col" class="num">{{ S.feedback.placesWith }}</th>
                </tr>
              </thead>
              <tbody>
                @for (attribute of report().attributes; track attribute.attribute) {
                  <tr>
                    <th scope="row">
                      {{ attribute.attribute }}
                      @if (attribute.rare) {
                        <span class="badge warn">{{ S.feedback.rare }}</span>
                      }
                    </th>
                    <td class="num">{{ formatNumber(attribute.asked) }}</td>
                    <td class="num">{{ formatNumber(attribute.found) }}</td>
                    <td class="num">{{ attribute.places === null ? S.feedback.notStored : formatNumber(attribute.places) }}</td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        } @else {
          <p class="muted">{{ S.feedback.noAttributes }}</p>
        }
      </div>
    </div>
  `,
})
export class GapsView {
  protected readonly S = S;
  protected readonly formatNumber = formatNumber;
  protected readonly formatPercent = formatPercent;
  readonly report = input.required<GapsReport>();

  protected languages(counts: Record<string, number>): string {
    return Object.entries(counts)
      .sort((a, b) => b[1] - a[1])
      .map(([language, count]) => `${language} ${formatNumber(count)}`)
      .join(', ');
  }
}
