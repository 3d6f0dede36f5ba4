import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import type { WidgetVersionInfo, WidgetVersionsData } from '@holibot/contracts';
import { AdminApi } from '../../api-client';
import { Announcer } from '../../announcer';
import { formatBytes, formatDateTime, sizeDifference } from '../../format';
import { Session } from '../../session';
import { S } from '../../strings';
import { ConfirmAction } from '../../ui/confirm-action';
import { LoadStatus } from '../../ui/load-status';
import { Action, Loadable } from '../../ui/loadable';
import { ReadOnlyNote } from '../../ui/read-only-note';
import { WidgetFiles } from './widget-files';
import { WidgetUpload } from './widget-upload';
import { ScrollRegion } from '../../ui/scroll-region';

/** The widget's versions: sizes against the live one, files and embed code, deploy, rollback, upload. */
@Component({
  selector: 'admin-widget-page',
  imports: [ConfirmAction, LoadStatus, ReadOnlyNote, ScrollRegion, WidgetFiles, WidgetUpload],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ S.widget.title }}</h1>
    <admin-load-status [state]="state" />
    <admin-read-only-note />
    @if (state.value(); as data) {
      <div class="panel">
        @if (data.active; as active) {
          <p>{{ S.widget.active(active.version, formatDateTime(active.deployedAt), active.deployedBy) }}</p>
          @if (session.isAdmin() && active.previousVersion) {
            <admin-confirm
              [label]="S.widget.rollback(active.previousVersion)"
              [question]="S.widget.rollbackQuestion(active.previousVersion)"
              [confirmLabel]="S.widget.rollbackConfirm"
              [disabled]="action.busy()"
              (confirmed)="rollback()"
            />
          }
        } @else {
          <p>{{ S.widget.noActive }}</p>
        }
        @if (action.error(); as error) {
          <p class="message error" role="alert">{{ error }}</p>
        }
        @if (done(); as done) {
          <p class="message success">{{ done }}</p>
        }
      </div>

      @if (data.versions.length) {
        <div class="table-wrap" adminScrollRegion>
          <table>
            <caption class="visually-hidden">
              {{
                S.widget.title
              }}
            </caption>
            <thead>
              <tr>
                <th scope="col">{{ S.widget.version }}</th>
                <th scope="col">{{ S.widget.state }}</th>
                <th scope="col">{{ S.widget.uploaded }}</th>
                <th scope="col" class="num">{{ S.widget.sizes }}</th>
                <th scope="col" class="num wrap">{{ S.widget.difference }}</th>
                <th scope="col">{{ S.widget.actions }}</th>
              </tr>
            </thead>
            <tbody>
              @for (version of data.versions; track version.version) {
                <tr>
                  <th scope="row">{{ version.version }}</th>
                  <td>
                    <span class="badge" [class.ok]="version.active" [class.info]="version.state === 'previous'">{{
                      S.widget.states[version.state] ?? version.state
                    }}</span>
                  </td>
                  <td>
                    {{ formatDateTime(version.createdAt) }}
                    <div class="muted">{{ version.uploadedBy }}</div>
                  </td>
                  <td class="num">
                    {{ formatBytes(version.sizeRaw) }}
                    <div class="muted">{{ S.widget.sizeBrotli }} {{ formatBytes(version.sizeBrotli) }}</div>
                    <div class="muted">{{ S.widget.sizeGzip }} {{ formatBytes(version.sizeGzip) }}</div>
                  </td>
                  <td class="num wrap">{{ difference(version) }}</td>
                  <td>
                    <div class="actions">
                      <button
                        type="button"
                        class="secondary small"
                        [attr.aria-expanded]="expanded() === version.version"
                        [attr.aria-controls]="'files-' + version.version"
                        [attr.aria-label]="S.widget.showFiles(version.version)"
                        (click)="toggle(version.version)"
                      >
                        {{ S.widget.files }}
                      </button>
                      @if (session.isAdmin() && !version.active) {
                        <admin-confirm
                          [label]="S.widget.deploy"
                          [ariaLabel]="S.widget.deploy + ' ' + version.version"
                          [question]="S.widget.deployQuestion(version.version)"
                          [confirmLabel]="S.widget.deployConfirm"
                          [disabled]="action.busy()"
                          (confirmed)="deploy(version.version)"
                        />
                      }
                    </div>
                  </td>
                </tr>
                @if (expanded() === version.version) {
                  <tr class="expanded-row">
                    <td colspan="6" [id]="'files-' + version.version">
                      <admin-widget-files [version]="version" />
                    </td>
                  </tr>
                }
              }
            </tbody>
          </table>
        </div>
      } @else {
        <p class="muted">{{ S.widget.empty }}</p>
      }

      @if (session.isAdmin()) {
        <section class="panel" aria-labelledby="widget-upload-title">
          <h2 id="widget-upload-title">{{ S.widget.uploadTitle }}</h2>
          <admin-widget-upload (uploaded)="afterUpload($event)" />
        </section>
      }
    }
  `,
})
export class WidgetPage {
  private readonly api = inject(AdminApi);
  private readonly announcer = inject(Announcer);
  protected readonly session = inject(Session);
  protected readonly S = S;
  protected readonly formatBytes = formatBytes;
  protected readonly formatDateTime = formatDateTime;
  protected readonly state = new Loadable<WidgetVersionsData>(() => this.api.widgetVersions());
  protected readonly action = new Action();
  protected readonly expanded = signal<string | null>(null);
  protected readonly done = signal<string | null>(null);
  private readonly live = computed(() => this.state.value()?.versions.find((version) => version.active) ?? null);

  constructor() {
    void this.state.load();
  }

  /** Brotli bytes, as visitors download them, against the live version. */
  protected difference(version: WidgetVersionInfo): string {
    const live = this.live();
    if (!live || live.version === version.version) return S.none;
    return sizeDifference(version.sizeBrotli, live.sizeBrotli)?.text ?? S.none;
  }

  protected toggle(version: string): void {
    this.expanded.update((open) => (open === version ? null : version));
  }

  protected async deploy(version: string): Promise<void> {
    const result = await this.action.run(() => this.api.deployWidget(version));
    if (result) this.finish(result.changed ? S.widget.deployed(result.version, result.previousVersion) : S.widget.unchanged(result.version));
  }

  protected async rollback(): Promise<void> {
    const result = await this.action.run(() => this.api.rollbackWidget());
    if (result) this.finish(S.widget.rolledBack(result.version, result.previousVersion));
  }

  protected afterUpload(version: string): void {
    this.finish(S.widget.uploaded_(version), false);
  }

  private finish(message: string, announce = true): void {
    this.done.set(message);
    if (announce) this.announcer.announce(message);
    void this.state.load();
  }
}
