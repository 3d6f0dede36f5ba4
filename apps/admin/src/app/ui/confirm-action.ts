import { afterNextRender, ChangeDetectionStrategy, Component, type ElementRef, Injector, inject, input, output, signal, viewChild } from '@angular/core';
import { S } from '../strings';

/** A button that asks before it acts: the question, "Yes, …" and "Cancel" replace it in place. */
@Component({
  selector: 'admin-confirm',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (!asking()) {
      <button #start type="button" [class]="danger() ? 'danger' : ''" [disabled]="disabled()" [attr.aria-label]="ariaLabel() || null" (click)="ask()">
        {{ label() }}
      </button>
    } @else {
      <span class="confirm" role="group" [attr.aria-label]="question()">
        <span class="confirm-question">{{ question() }}</span>
        <button #yes type="button" [class]="danger() ? 'danger' : ''" (click)="confirm()">{{ confirmLabel() }}</button>
        <button type="button" class="secondary" (click)="cancel()">{{ S.cancel }}</button>
      </span>
    }
  `,
})
export class ConfirmAction {
  private readonly injector = inject(Injector);
  protected readonly S = S;
  readonly label = input.required<string>();
  readonly question = input.required<string>();
  readonly confirmLabel = input.required<string>();
  readonly ariaLabel = input<string>('');
  readonly disabled = input(false);
  readonly danger = input(false);
  readonly confirmed = output<void>();
  protected readonly asking = signal(false);
  private readonly start = viewChild<ElementRef<HTMLButtonElement>>('start');
  private readonly yes = viewChild<ElementRef<HTMLButtonElement>>('yes');

  protected ask(): void {
    this.asking.set(true);
    this.focusLater(() => this.yes());
  }

  protected confirm(): void {
    this.asking.set(false);
    this.confirmed.emit();
    this.focusLater(() => this.start());
  }

  protected cancel(): void {
    this.asking.set(false);
    this.focusLater(() => this.start());
  }

  // Keyboard users stay where they were: the buttons they pressed are replaced.
  private focusLater(target: () => ElementRef<HTMLElement> | undefined): void {
    afterNextRender(() => target()?.nativeElement.focus(), { injector: this.injector });
  }
}
