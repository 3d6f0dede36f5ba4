import { ChangeDetectionStrategy, Component, type ElementRef, inject, output, signal, viewChild } from '@angular/core';
import { AdminApi, ApiError, errorText } from '../../api-client';
import { Announcer } from '../../announcer';
import { formatBytes } from '../../format';
import { S } from '../../strings';

/** The names a widget build has (the server checks again, with the bytes). */
const WIDGET_FILE = /^(holi-bot\.js|holi-bot-element\.js|chunk-[A-Za-z0-9_-]{4,64}\.js)$/;

/** The upload form: a build's .js files, read as base64, with an optional version and notes. */
@Component({
  selector: 'admin-widget-upload',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form novalidate (submit)="submit($event)">
      <p>{{ S.widget.uploadHint }}</p>
      <div class="field">
        <label for="widget-files">{{ S.widget.uploadFiles }}</label>
        <input
          #fileInput
          id="widget-files"
          type="file"
          accept=".js,text/javascript"
          multiple
          (change)="pick(fileInput.files)"
          aria-describedby="widget-files-status"
        />
        <span id="widget-files-status" class="muted">{{ selection() }}</span>
      </div>
      <div class="field">
        <label for="widget-version">{{ S.widget.uploadVersion }}</label>
        <input
          id="widget-version"
          type="text"
          inputmode="decimal"
          autocomplete="off"
          spellcheck="false"
          [value]="version()"
          (input)="version.set(value($event))"
        />
      </div>
      <div class="field">
        <label for="widget-notes">{{ S.widget.uploadNotes }}</label>
        <textarea id="widget-notes" rows="2" [value]="notes()" (input)="notes.set(value($event))"></textarea>
      </div>
      @if (warnings().length) {
        <ul class="message warn">
          @for (warning of warnings(); track warning) {
            <li>{{ warning }}</li>
          }
        </ul>
      }
      @if (problems().length) {
        <div class="message error" role="alert">
          {{ errorLead() }}
          @if (problems().length > 1 || problems()[0] !== errorLead()) {
            <ul>
              @for (problem of problems(); track $index) {
                <li>{{ problem }}</li>
              }
            </ul>
          }
        </div>
      }
      <button type="submit" [disabled]="busy()">{{ busy() ? S.widget.uploading : S.widget.upload }}</button>
    </form>
  `,
})
export class WidgetUpload {
  private readonly api = inject(AdminApi);
  private readonly announcer = inject(Announcer);
  protected readonly S = S;
  /** The new version, once uploaded: the page reloads its list. */
  readonly uploaded = output<string>();
  protected readonly files = signal<File[]>([]);
  protected readonly warnings = signal<string[]>([]);
  protected readonly version = signal('');
  protected readonly notes = signal('');
  protected readonly busy = signal(false);
  protected readonly errorLead = signal('');
  protected readonly problems = signal<string[]>([]);
  private readonly fileInput = viewChild.required<ElementRef<HTMLInputElement>>('fileInput');

  protected selection(): string {
    const files = this.files();
    return files.length ? S.widget.selected(files.length, formatBytes(files.reduce((sum, file) => sum + file.size, 0))) : '';
  }

  protected value(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected pick(list: FileList | null): void {
    const all = Array.from(list ?? []);
    this.files.set(all.filter((file) => WIDGET_FILE.test(file.name)));
    this.warnings.set(all.filter((file) => !WIDGET_FILE.test(file.name)).map((file) => S.widget.notWidgetFile(file.name)));
    this.showError(null);
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy()) return;
    if (!this.files().length) return this.showError(S.widget.chooseFiles);
    this.busy.set(true);
    this.showError(null);
    try {
      const files = await Promise.all(this.files().map(async (file) => ({ name: file.name, content: toBase64(await file.arrayBuffer()) })));
      const version = this.version().trim();
      const notes = this.notes().trim();
      const info = await this.api.uploadWidget({ files, ...(version ? { version } : {}), ...(notes ? { notes } : {}) });
      const uploaded = info?.version ?? version;
      this.announcer.announce(S.widget.uploaded_(uploaded));
      this.files.set([]);
      this.version.set('');
      this.notes.set('');
      this.fileInput().nativeElement.value = '';
      this.uploaded.emit(uploaded);
    } catch (error) {
      this.showError(error);
    } finally {
      this.busy.set(false);
    }
  }

  /** WIDGET_FILES_INVALID lists its problems after a colon, separated by semicolons: one per line. */
  private showError(error: unknown): void {
    if (error === null) {
      this.errorLead.set('');
      this.problems.set([]);
      return;
    }
    const text = typeof error === 'string' ? error : errorText(error);
    if (error instanceof ApiError && error.code === 'WIDGET_FILES_INVALID' && text.includes(': ')) {
      const [lead, ...rest] = text.split(': ');
      this.errorLead.set(`${lead}:`);
      this.problems.set(rest.join(': ').split('; '));
    } else {
      this.errorLead.set(text);
      this.problems.set([text]);
    }
  }
}

/** Base64 of bytes, in slices (String.fromCharCode takes a limited number of arguments). */
export function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
