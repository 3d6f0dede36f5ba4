import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { CONFIG_SECRET_NOT_SET, CONFIG_SECRET_SET, type ConfigData, type ConfigSetting } from '@holibot/contracts';
import { AdminApi } from '../../api-client';
import { S } from '../../strings';
import { LoadStatus } from '../../ui/load-status';
import { Loadable } from '../../ui/loadable';
import { ScrollRegion } from '../../ui/scroll-region';

/** The server's effective settings by area, read-only; secrets only as set / not set (the server never sends them). */
@Component({
  selector: 'admin-settings-page',
  imports: [LoadStatus, ScrollRegion],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ S.settings.title }}</h1>
    <p>{{ S.settings.intro }}</p>
    <p class="message info">{{ S.settings.secretsNote }}</p>
    <admin-load-status [state]="state" />
    @if (state.value(); as data) {
      @for (area of data.areas; track area.area) {
        <h2 [id]="'settings-' + area.area">{{ S.settings.areas[area.area] }}</h2>
        <div class="table-wrap" adminScrollRegion>
          <table [attr.aria-labelledby]="'settings-' + area.area">
            <thead>
              <tr>
                <th scope="col">{{ S.settings.name }}</th>
                <th scope="col">{{ S.settings.value }}</th>
              </tr>
            </thead>
            <tbody>
              @for (setting of area.settings; track setting.name) {
                <tr>
                  <th scope="row" class="hash">{{ setting.name }}</th>
                  <td>
                    @if (setting.secret) {
                      <span class="badge" [class.ok]="isSet(setting)">{{ isSet(setting) ? S.settings.set : S.settings.notSet }}</span>
                      @if (shownUrl(setting); as url) {
                        <div class="hash">{{ url }}</div>
                      }
                    } @else if (setting.value === '') {
                      <span class="muted">{{ S.none }}</span>
                    } @else {
                      {{ setting.value }}
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    }
  `,
})
export class SettingsPage {
  private readonly api = inject(AdminApi);
  protected readonly S = S;
  protected readonly state = new Loadable<ConfigData>(() => this.api.config());

  constructor() {
    void this.state.load();
  }

  protected isSet(setting: ConfigSetting): boolean {
    return setting.value !== CONFIG_SECRET_NOT_SET;
  }

  /** A secret URL shown without its credentials (REDIS_URL); null for a plain set / not set. */
  protected shownUrl(setting: ConfigSetting): string | null {
    return setting.value === CONFIG_SECRET_SET || setting.value === CONFIG_SECRET_NOT_SET ? null : setting.value;
  }
}
