import { ChangeDetectionStrategy, Component, computed, inject, input, type OnInit } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { PlaceDetail } from '@holibot/contracts';
import { AdminApi } from '../../api-client';
import { Announcer } from '../../announcer';
import { formatDateTime, formatNumber } from '../../format';
import { Session } from '../../session';
import { S } from '../../strings';
import { ConfirmAction } from '../../ui/confirm-action';
import { LoadStatus } from '../../ui/load-status';
import { Action, Loadable } from '../../ui/loadable';
import { ReadOnlyNote } from '../../ui/read-only-note';

@Component({
  selector: 'admin-place-page',
  imports: [ConfirmAction, LoadStatus, ReadOnlyNote, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p>
      <a routerLink="/places">← {{ S.places.back }}</a>
    </p>
    <h1>{{ state.value()?.name ?? S.places.title }}</h1>
    <admin-load-status [state]="state" />
    @if (state.value(); as place) {
      <p>
        <span class="badge" [class.ok]="place.active">{{ place.active ? S.places.active : S.places.inactive }}</span>
      </p>
      <admin-read-only-note />
      @if (session.isAdmin()) {
        <div class="actions">
          <admin-confirm
            [label]="place.active ? S.places.deactivate : S.places.activate"
            [question]="place.active ? S.places.deactivateQuestion : S.places.activateQuestion"
            [confirmLabel]="S.places.confirm"
            [danger]="place.active"
            [disabled]="action.busy()"
            (confirmed)="setActive(!place.active)"
          />
        </div>
        @if (action.error(); as error) {
          <p class="message error" role="alert">{{ error }}</p>
        }
      }
      <dl class="details panel">
        <dt>{{ S.places.category }}</dt>
        <dd>{{ place.category }} / {{ place.subcategory }}</dd>
        <dt>{{ S.places.description }}</dt>
        <dd>{{ place.description ?? S.none }}</dd>
        <dt>{{ S.places.address }}</dt>
        <dd>{{ place.address ?? S.none }}{{ place.city ? ', ' + place.city : '' }}</dd>
        <dt>{{ S.places.position }}</dt>
        <dd>{{ place.latitude }}, {{ place.longitude }}</dd>
        <dt>{{ S.places.openingHours }}</dt>
        <dd>{{ place.openingHours ?? S.none }}</dd>
        <dt>{{ S.places.website }}</dt>
        <dd>
          @if (place.website) {
            <a [href]="place.website" rel="noopener noreferrer" target="_blank">{{ place.website }}</a>
          } @else {
            {{ S.none }}
          }
        </dd>
        <dt>{{ S.places.phone }}</dt>
        <dd>{{ place.phone ?? S.none }}</dd>
        <dt>{{ S.places.rating }}</dt>
        <dd>{{ formatNumber(place.rating) }}</dd>
        <dt>{{ S.places.source }}</dt>
        <dd>{{ place.source }}</dd>
        <dt>{{ S.places.updated }}</dt>
        <dd>{{ formatDateTime(place.updatedAt) }}</dd>
      </dl>
      @if (tags().length) {
        <table class="narrow">
          <caption>
            {{
              S.places.tags
            }}
          </caption>
          <thead>
            <tr>
              <th scope="col">{{ S.places.tag }}</th>
              <th scope="col">{{ S.places.tagValue }}</th>
            </tr>
          </thead>
          <tbody>
            @for (tag of tags(); track tag[0]) {
              <tr>
                <th scope="row">{{ tag[0] }}</th>
                <td>{{ tag[1] }}</td>
              </tr>
            }
          </tbody>
        </table>
      }
    }
  `,
})
export class PlacePage implements OnInit {
  private readonly api = inject(AdminApi);
  private readonly announcer = inject(Announcer);
  protected readonly session = inject(Session);
  protected readonly S = S;
  protected readonly formatDateTime = formatDateTime;
  protected readonly formatNumber = formatNumber;
  readonly id = input.required<string>();
  protected readonly state = new Loadable<PlaceDetail>(() => this.api.place(Number(this.id())));
  protected readonly action = new Action();
  protected readonly tags = computed(() => Object.entries(this.state.value()?.tags ?? {}));

  ngOnInit(): void {
    void this.state.load();
  }

  protected async setActive(active: boolean): Promise<void> {
    const result = await this.action.run(() => this.api.setPlaceActive(Number(this.id()), active));
    if (result === undefined) return;
    this.announcer.announce(active ? S.places.nowActive : S.places.nowInactive);
    void this.state.load();
  }
}
