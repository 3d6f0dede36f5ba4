import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { S } from '../strings';
import type { Loadable } from './loadable';

/** "Loading…" the first time, and the error of a failed load. */
@Component({
  selector: 'admin-load-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (state().loading() && state().value() === null) {
      <p class="muted">{{ S.loading }}</p>
    }
    @if (state().error(); as error) {
      <p class="message error" role="alert">{{ error }}</p>
    }
  `,
})
export class LoadStatus {
  protected readonly S = S;
  readonly state = input.required<Loadable<unknown>>();
}
