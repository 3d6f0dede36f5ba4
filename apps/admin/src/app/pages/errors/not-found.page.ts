import { ChangeDetectionStrategy, Component } from '@angular/core';
import { AdminLink } from '../../router';
import { S } from '../../strings';

@Component({
  selector: 'admin-not-found-page',
  imports: [AdminLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ S.errors.notFoundTitle }}</h1>
    <p>{{ S.errors.notFound }}</p>
    <p>
      <a adminLink="">{{ S.errors.backToDashboard }}</a>
    </p>
  `,
})
export class NotFoundPage {
  protected readonly S = S;
}
