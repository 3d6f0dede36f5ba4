import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { S } from '../../strings';

/** What a viewer sees on an admin-only page. */
@Component({
  selector: 'admin-forbidden-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ S.errors.forbiddenTitle }}</h1>
    <p>{{ S.errors.forbidden }}</p>
    <p>
      <a routerLink="/">{{ S.errors.backToDashboard }}</a>
    </p>
  `,
})
export class ForbiddenPage {
  protected readonly S = S;
}
