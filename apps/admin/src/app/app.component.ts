import { NgComponentOutlet } from '@angular/common';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DOCUMENT,
  effect,
  type ElementRef,
  inject,
  Injector,
  signal,
  type Type,
  untracked,
  viewChild,
} from '@angular/core';
import type { AdminMe } from '@holibot/contracts';
import { Announcer } from './announcer';
import { ForbiddenPage } from './pages/errors/forbidden.page';
import { NotFoundPage } from './pages/errors/not-found.page';
import { AdminLink, matchRoute, ROUTE_TABLE, Router, type RouteMatch } from './router';
import { NAV } from './routes';
import { Session } from './session';
import { S } from './strings';

interface View {
  component: Type<unknown>;
  inputs: Record<string, unknown>;
  /** A new key per navigation: the page is created anew, so it loads fresh data. */
  key: number;
}

/** The shell: skip link, header with the navigation, the page, and the live region. */
@Component({
  selector: 'admin-root',
  imports: [NgComponentOutlet, AdminLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="skip-link" href="#main" (click)="skipToMain($event)">{{ S.shell.skipLink }}</a>
    <header class="top-bar">
      <div class="top-row">
        <a class="brand" adminLink="">{{ S.appName }}</a>
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
            @for (item of nav; track item.path) {
              <li>
                <a [adminLink]="item.path" [attr.aria-current]="section() === item.path ? 'page' : null">{{ item.label }}</a>
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
        @for (view of views(); track view.key) {
          <ng-container *ngComponentOutlet="view.component; inputs: view.inputs" />
        }
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
  private readonly router = inject(Router);
  private readonly routes = inject(ROUTE_TABLE);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');
  private readonly view = signal<View | null>(null);
  protected readonly views = computed(() => {
    const view = this.view();
    return view ? [view] : [];
  });
  /** The first segment of the path: 'conversations/abc' is in the "conversations" section. */
  protected readonly section = computed(() => this.router.path().split('/')[0] ?? '');
  private ticket = 0;
  private firstView = true;

  constructor() {
    void this.session.start();
    effect(() => {
      if (!this.session.ready()) return;
      const key = this.router.navigations();
      const match = matchRoute(this.routes, this.router.path());
      const me = this.session.me();
      untracked(() => void this.show(match, me, key));
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

  private async show(match: RouteMatch | null, me: AdminMe | null, key: number): Promise<void> {
    const ticket = ++this.ticket;
    const query = this.router.query();
    if (match?.route.access !== 'public' && match && !me) {
      const next = this.router.path();
      this.router.navigate(next ? `login?next=${encodeURIComponent(next)}` : 'login', { replace: true });
      return;
    }
    if (match?.route.path === 'login' && me) {
      this.router.navigate(safeNext(query.get('next')), { replace: true });
      return;
    }
    let component: Type<unknown>;
    let title: string;
    if (!match) [component, title] = [NotFoundPage, S.errors.notFoundTitle];
    else if (match.route.access === 'admin' && me?.role !== 'admin') [component, title] = [ForbiddenPage, S.errors.forbiddenTitle];
    else [component, title] = [await match.route.load(), match.route.title];
    if (ticket !== this.ticket) return;
    this.view.set({ component, inputs: match?.params ?? {}, key });
    this.document.title = `${title} · ${S.appName}`;
    if (this.firstView) this.firstView = false;
    // After a navigation, focus goes to the new page's heading, as a page load would put it at the top.
    else afterNextRender(() => focusHeading(this.main().nativeElement), { injector: this.injector });
  }
}

/** Only a path inside the app: never an absolute URL someone put into ?next=. */
export function safeNext(next: string | null): string {
  if (!next || !/^[a-z0-9][\w\-/.%]*$/i.test(next) || next.includes('//') || /^(login|setup)\b/.test(next)) return '';
  return next;
}

function focusHeading(main: HTMLElement): void {
  const heading = main.querySelector('h1');
  if (!heading) return main.focus();
  heading.setAttribute('tabindex', '-1');
  heading.focus();
}
