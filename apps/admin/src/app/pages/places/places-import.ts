import { ChangeDetectionStrategy, Component, inject, output, signal } from '@angular/core';
import type { PlaceImportData } from '@holibot/contracts';
import { AdminApi } from '../../api-client';
import { Announcer } from '../../announcer';
import { formatNumber } from '../../format';
import { S } from '../../strings';
import { Action } from '../../ui/loadable';

/** Import a GeoJSON file (read as text), optionally replacing the catalogue; shows the importer's report. */
@Component({
  selector: 'admin-places-import',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form novalidate (submit)="submit($event)">
      <p class="muted">{{ S.places.importHint }}</p>
      <div class="field">
        <label for="places-file">{{ S.places.importFile }}</label>
        <input #file id="places-file" type="file" accept=".geojson,.json,application/geo+json,application/json" (change)="pick(file.files)" />
      </div>
      <div class="check">
        <input id="places-replace" type="checkbox" [checked]="replace()" (change)="replace.set(checked($event))" />
        <label for="places-replace">{{ S.places.replace }}</label>
      </div>
      @if (action.error(); as error) {
        <p class="message error" role="alert">{{ error }}</p>
      }
      <button type="submit" [disabled]="action.busy()">{{ action.busy() ? S.places.importing : S.places.import }}</button>
    </form>
    @if (report(); as report) {
      <h3>{{ S.places.imported(report.total) }}</h3>
      <dl class="figures">
        <div class="figure">
          <dt>{{ S.places.created }}</dt>
          <dd>{{ formatNumber(report.created) }}</dd>
        </div>
        <div class="figure">
          <dt>{{ S.places.updatedCount }}</dt>
          <dd>{{ formatNumber(report.updated) }}</dd>
        </div>
        <div class="figure">
          <dt>{{ S.places.unchanged }}</dt>
          <dd>{{ formatNumber(report.unchanged) }}</dd>
        </div>
        <div class="figure">
          <dt>{{ S.places.deactivated }}</dt>
          <dd>{{ formatNumber(report.deactivated) }}</dd>
        </div>
        <div class="figure">
          <dt>{{ S.places.rejected }}</dt>
          <dd>{{ formatNumber(report.rejected.length) }}</dd>
        </div>
      </dl>
      @if (report.rejected.length) {
        <table>
          <caption>
            {{
              S.places.rejected
            }}
          </caption>
          <thead>
            <tr>
              <th scope="col" class="num">{{ S.places.index }}</th>
              <th scope="col">{{ S.places.id }}</th>
              <th scope="col">{{ S.places.reasonCol }}</th>
            </tr>
          </thead>
          <tbody>
            @for (rejected of report.rejected; track $index) {
              <tr>
                <th scope="row" class="num">{{ rejected.index }}</th>
                <td>{{ rejected.id ?? S.none }}</td>
                <td>{{ rejected.reason }}</td>
              </tr>
            }
          </tbody>
        </table>
      }
      @if (report.warnings.length) {
        <table>
          <caption>
            {{
              S.places.warnings
            }}
          </caption>
          <thead>
            <tr>
              <th scope="col" class="num">{{ S.places.index }}</th>
              <th scope="col">{{ S.places.id }}</th>
              <th scope="col">{{ S.places.message }}</th>
            </tr>
          </thead>
          <tbody>
            @for (warning of report.warnings; track $index) {
              <tr>
                <th scope="row" class="num">{{ warning.index }}</th>
                <td>{{ warning.id }}</td>
                <td>{{ warning.message }}</td>
              </tr>
            }
          </tbody>
        </table>
      }
    }
  `,
})
export class PlacesImport {
  private readonly api = inject(AdminApi);
  private readonly announcer = inject(Announcer);
  protected readonly S = S;
  protected readonly formatNumber = formatNumber;
  readonly imported = output<void>();
  protected readonly file = signal<File | null>(null);
  protected readonly replace = signal(false);
  protected readonly action = new Action();
  protected readonly report = signal<PlaceImportData | null>(null);

  protected pick(files: FileList | null): void {
    this.file.set(files?.[0] ?? null);
  }

  protected checked(event: Event): boolean {
    return (event.target as HTMLInputElement).checked;
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    const file = this.file();
    if (!file) return this.action.error.set(S.places.chooseFile);
    this.report.set(null);
    const report = await this.action.run(async () => this.api.importPlaces(await file.text(), this.replace()));
    if (!report) return;
    this.report.set(report);
    this.announcer.announce(S.places.imported(report.total));
    this.imported.emit();
  }
}
