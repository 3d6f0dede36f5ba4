import { inject, Injectable, provideZonelessChangeDetection, type ApplicationConfig } from '@angular/core';
import { Title } from '@angular/platform-browser';
import {
  BaseRouteReuseStrategy,
  provideRouter,
  RouteReuseStrategy,
  TitleStrategy,
  withComponentInputBinding,
  type ActivatedRouteSnapshot,
  type RouterStateSnapshot,
} from '@angular/router';
import { ROUTES } from './routes';
import { S } from './strings';

/** "Widget versions · HoliBot admin": the title of the route, then the app's name. */
@Injectable()
export class PageTitle extends TitleStrategy {
  private readonly title = inject(Title);

  override updateTitle(snapshot: RouterStateSnapshot): void {
    const title = this.buildTitle(snapshot);
    if (title !== undefined) this.title.setTitle(`${title} · ${S.appName}`);
  }
}

/** A page is created anew when its params change (conversations/a → conversations/b), so it loads its data. */
@Injectable()
export class FreshPages extends BaseRouteReuseStrategy {
  override shouldReuseRoute(future: ActivatedRouteSnapshot, current: ActivatedRouteSnapshot): boolean {
    return super.shouldReuseRoute(future, current) && JSON.stringify(future.params) === JSON.stringify(current.params);
  }
}

export const appConfig: ApplicationConfig = {
  providers: [
    provideZonelessChangeDetection(),
    provideRouter(ROUTES, withComponentInputBinding()),
    { provide: TitleStrategy, useClass: PageTitle },
    { provide: RouteReuseStrategy, useClass: FreshPages },
  ],
};
