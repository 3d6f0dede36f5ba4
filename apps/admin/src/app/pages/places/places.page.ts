import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { PlacesData } from '@holibot/contracts';
import { AdminApi } from '../../api-client';
import { formatDateTime, formatNumber } from '../../format';
import { Session } from '../../session';
import { S } from '../../strings';
import { LoadStatus } from '../../ui/load-status';
import { Loadable } from '../../ui/loadable';
import { PlacesImport } from './places-import';
import { ScrollRegion } from '../../ui/scroll-region';

const PAGE_SIZE = 50;

/** The catalogue: search, filter by active, pages of 50; the import for admins. */
@Component({
  selector: 'admin-places-page',
  imports: [LoadStatus, PlacesImport, RouterLink, ScrollRegion],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ S.places.title }}</h1>
    <form class="inline-form panel" role="search" (submit)="search($event)">
      <div class="field">
        <label for="places-q">{{ S.places.search }}</label>
        <input id="places-q" type="search" [placeholder]="S.places.searchPlaceholder" [value]="q()" (input)="q.set(value($event))" />
      </div>
      <div class="field">
        <label for="places-active">{{ S.places.filter }}</label>
        <select id="places-active" (change)="active.set(value($event))">
          <option value="" [selected]="active() === ''">{{ S.places.all }}</option>
          <option value="true" [selected]="active() === 'true'">{{ S.places.activeOnly }}</option>
          <option value="false" [selected]="active() === 'false'">{{ S.places.inactiveOnly }}</option>
        </select>
      </div>
      <button type="submit">{{ S.places.apply }}</button>
    </form>

    <admin-load-status [state]="state" />
    @if (state.value(); as data) {
      @if (data.places.length) {
        <p class="muted" aria-live="polite">{{ S.pageOf(offset() + 1, offset() + data.places.length, data.total) }}</p>
        <div class="table-wrap" adminScrollRegion>
          <table>
            <caption class="visually-hidden">
              {{
                S.places.title
              }}
            </caption>
            <thead>
              <tr>
                <th scope="col">{{ S.places.name }}</th>
                <th scope="col">{{ S.places.category }}</th>
                <th scope="col">{{ S.places.city }}</th>
                <th scope="col">{{ S.places.active }}</th>
                <th scope="col" class="num">{{ S.places.rating }}</th>
                <th scope="col">{{ S.places.source }}</th>
                <th scope="col">{{ S.places.updated }}</th>
              </tr>
            </thead>
            <tbody>
              @for (place of data.places; track place.id) {
                <tr>
                  <th scope="row">
                    <a [routerLink]="['/places', place.id]">{{ place.name }}</a>
                  </th>
                  <td>{{ place.category }} / {{ place.subcategory }}</td>
                  <td>{{ place.city ?? S.none }}</td>
                  <td>
                    <span class="badge" [class.ok]="place.active">{{ place.active ? S.places.active : S.places.inactive }}</span>
                  </td>
                  <td class="num">{{ formatNumber(place.rating) }}</td>
                  <td>{{ place.source }}</td>
                  <td>{{ formatDateTime(place.updatedAt) }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
        <div class="actions">
          <button type="button" class="secondary" [disabled]="offset() === 0 || state.loading()" (click)="page(-1)">{{ S.previousPage }}</button>
          <button type="button" class="secondary" [disabled]="offset() + data.places.length >= data.total || state.loading()" (click)="page(1)">
            {{ S.nextPage }}
          </button>
        </div>
      } @else {
        <p class="muted">{{ S.places.empty }}</p>
      }
    }

    @if (session.isAdmin()) {
      <section class="panel" aria-labelledby="places-import-title">
        <h2 id="places-import-title">{{ S.places.importTitle }}</h2>
        <admin-places-import (imported)="state.load()" />
      </section>
    }
  `,
})
export class PlacesPage {
  private readonly api = inject(AdminApi);
  protected readonly session = inject(Session);
  protected readonly S = S;
  protected readonly formatDateTime = formatDateTime;
  protected readonly formatNumber = formatNumber;
  protected readonly q = signal('');
  /** '', 'true' or 'false', as the select has it. */
  protected readonly active = signal('');
  protected readonly offset = signal(0);
  private applied = { q: '', active: '' };
  protected readonly state = new Loadable<PlacesData>(() =>
    this.api.places({
      q: this.applied.q || undefined,
      active: this.applied.active === '' ? null : this.applied.active === 'true',
      limit: PAGE_SIZE,
      offset: this.offset(),
    }),
  );

  constructor() {
    void this.state.load();
  }

  protected value(event: Event): string {
    return (event.target as HTMLInputElement | HTMLSelectElement).value;
  }

  protected search(event: Event): void {
    event.preventDefault();
    this.applied = { q: this.q().trim(), active: this.active() };
    this.offset.set(0);
    void this.state.load();
  }

  protected page(direction: 1 | -1): void {
    this.offset.update((offset) => Math.max(0, offset + direction * PAGE_SIZE));
    void this.state.load();
  }
}
