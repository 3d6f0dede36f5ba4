import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { S } from '../../strings';

@Component({
  selector: 'admin-not-found-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ S.errors.notFoundTitle }}</h1>
    <p>{{ S.errors.notFound }}</p>
    <p>
      <a routerLink="/">{{ S.errors.backToDashboard }}</a>
    </p>
  `,
})
export class NotFoundPage {
  protected readonly S = S;
}
