import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Session } from '../session';
import { S } from '../strings';

/** Tells viewers why the page has no buttons that change things. */
@Component({
  selector: 'admin-read-only-note',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (!session.isAdmin()) {
      <p class="message info">{{ S.needsAdminNote }}</p>
    }
  `,
})
export class ReadOnlyNote {
  protected readonly session = inject(Session);
  protected readonly S = S;
}
