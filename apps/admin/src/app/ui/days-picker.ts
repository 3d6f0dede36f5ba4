import { ChangeDetectionStrategy, Component, input, model } from '@angular/core';
import { S } from '../strings';

/** The period of a report: toggle buttons (aria-pressed), one pressed. */
@Component({
  selector: 'admin-days-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="toggle-group" role="group" [attr.aria-label]="S.daysLabel">
      @for (option of options(); track option) {
        <button type="button" class="toggle" [attr.aria-pressed]="option === value()" (click)="value.set(option)">{{ S.days(option) }}</button>
      }
    </div>
  `,
})
export class DaysPicker {
  protected readonly S = S;
  readonly options = input<number[]>([1, 7, 30]);
  readonly value = model.required<number>();
}
