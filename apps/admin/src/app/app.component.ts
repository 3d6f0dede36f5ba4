import { afterNextRender, ChangeDetectionStrategy, Component, type ElementRef, inject, Injector, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { Announcer } from './announcer';
import { NAV } from './routes';
import { Session } from './session';
import { S } from './strings';

/** The shell: skip link, header with the navigation, the page, and the live region. */
@Component({
  selector: 'admin-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="skip-link" href="#main" (click)="skipToMain($event)">{{ S.shell.skipLink }}</a>
    <header class="top-bar">
      <div class="top-row">
        <a class="brand" routerLink="/">{{ S.appName }}</a>
        @if (session.me(); as me) {
          <div class="user">
            <span class="user-name">{{ S.shell.signedInAs(me.email, me.role) }}</span>
            <button type="button" class="secondary small" (click)="logout()">{{ S.shell.logout }}</button>
          </div>
        }
      </div>
      @if (session.me()) {
        <nav [attr.aria-label]="S.shell.nav">
          <ul class="nav-list">
            @for (item of nav; track item.link) {
              <li>
                <!-- aria-current="page" also in a page's section: /conversations/abc is under "Conversations". -->
                <a [routerLink]="item.link" routerLinkActive ariaCurrentWhenActive="page" [routerLinkActiveOptions]="{ exact: item.link === '/' }">{{
                  item.label
                }}</a>
              </li>
            }
          </ul>
        </nav>
      }
    </header>
    <main #main id="main" tabindex="-1">
      @if (!session.ready()) {
        <p class="muted">{{ S.loading }}</p>
      } @else if (session.startError(); as error) {
        <h1>{{ S.shell.startFailed }}</h1>
        <p class="message error">{{ error }}</p>
      } @else {
        <router-outlet />
      }
    </main>
    <div class="visually-hidden" aria-live="polite" aria-atomic="true">{{ announcer.message() }}</div>
  `,
})
export class AppComponent {
  protected readonly S = S;
  protected readonly nav = NAV;
  protected readonly session = inject(Session);
  protected readonly announcer = inject(Announcer);
  private readonly injector = inject(Injector);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  constructor() {
    void this.session.start();
    let first = true;
    inject(Router)
      .events.pipe(takeUntilDestroyed())
      .subscribe((event) => {
        if (!(event instanceof NavigationEnd)) return;
        // After a navigation, focus goes to the new page's heading, as a page load would put it at the top.
        if (first) first = false;
        else afterNextRender(() => focusHeading(this.main().nativeElement), { injector: this.injector });
      });
  }

  protected skipToMain(event: Event): void {
    // "#main" would resolve against <base href>, i.e. leave deep pages: focus it instead.
    event.preventDefault();
    this.main().nativeElement.focus();
  }

  protected async logout(): Promise<void> {
    try {
      await this.session.logout();
      this.announcer.announce(S.shell.loggedOut);
    } catch {
      // Signed out locally anyway (see Session.logout).
    }
  }
}

function focusHeading(main: HTMLElement): void {
  const heading = main.querySelector('h1');
  if (!heading) return main.focus();
  heading.setAttribute('tabindex', '-1');
  heading.focus();
}
