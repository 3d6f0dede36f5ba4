import { ChangeDetectionStrategy, Component, computed, DOCUMENT, inject, input } from '@angular/core';
import type { WidgetVersionInfo } from '@holibot/contracts';
import { embedSnippet } from '../../embed';
import { formatBytes } from '../../format';
import { S } from '../../strings';
import { CopyButton } from '../../ui/copy-button';

/** A version's files with their checksums, and the embed code that pins a page to it. */
@Component({
  selector: 'admin-widget-files',
  imports: [CopyButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (version().notes) {
      <p>
        <strong>{{ S.widget.notes }}:</strong> {{ version().notes }}
      </p>
    }
    <table>
      <caption>
        {{
          S.widget.files
        }}
      </caption>
      <thead>
        <tr>
          <th scope="col">{{ S.widget.file }}</th>
          <th scope="col" class="num">{{ S.widget.sizeRaw }}</th>
          <th scope="col" class="num">{{ S.widget.sizeBrotli }}</th>
          <th scope="col" class="num">{{ S.widget.sizeGzip }}</th>
          <th scope="col">{{ S.widget.sha256 }}</th>
          <th scope="col">{{ S.widget.integrity }}</th>
        </tr>
      </thead>
      <tbody>
        @for (file of version().files; track file.name) {
          <tr>
            <th scope="row">{{ file.name }}</th>
            <td class="num">{{ formatBytes(file.size) }}</td>
            <td class="num">{{ formatBytes(file.brotliSize) }}</td>
            <td class="num">{{ formatBytes(file.gzipSize) }}</td>
            <td class="hash">{{ file.sha256 }}</td>
            <td class="hash">{{ file.integrity }}</td>
          </tr>
        }
      </tbody>
    </table>
    <h2 class="sub">{{ S.widget.embed }}</h2>
    @if (snippet(); as snippet) {
      <p class="muted">{{ S.widget.embedHint }}</p>
      <pre class="code"><code>{{ snippet }}</code></pre>
      <admin-copy-button [text]="snippet" [label]="S.copy + ': ' + S.widget.embed + ' ' + version().version" />
    } @else {
      <p class="muted">{{ S.widget.noLoader }}</p>
    }
  `,
})
export class WidgetFiles {
  private readonly origin = inject(DOCUMENT).location.origin;
  protected readonly S = S;
  protected readonly formatBytes = formatBytes;
  readonly version = input.required<WidgetVersionInfo>();
  protected readonly snippet = computed(() => embedSnippet(this.origin, this.version().version, this.version().files));
}
