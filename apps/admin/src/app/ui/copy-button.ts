import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { Announcer } from '../announcer';
import { S } from '../strings';

/** Copies a text (an embed code, a command) to the clipboard and says so. */
@Component({
  selector: 'admin-copy-button',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<button type="button" class="secondary small" [attr.aria-label]="label() || null" (click)="copy()">{{ S.copy }}</button>`,
})
export class CopyButton {
  private readonly announcer = inject(Announcer);
  protected readonly S = S;
  readonly text = input.required<string>();
  /** What is copied, for screen readers: "Copy the embed code of 1.2.0". */
  readonly label = input<string>('');

  protected async copy(): Promise<void> {
    try {
      // Missing outside secure contexts (plain http other than localhost).
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(this.text());
      this.announcer.announce(S.copied);
    } catch {
      this.announcer.announce(S.copyFailed);
    }
  }
}
