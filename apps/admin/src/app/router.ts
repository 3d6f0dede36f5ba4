// A small History API router. @angular/router is not a dependency of this workspace, and the
// admin needs only: path patterns with :params, lazy pages, links, back/forward and a query.
import { computed, Directive, DOCUMENT, inject, Injectable, InjectionToken, input, signal, type Type } from '@angular/core';

/** Who may open a page: anyone (sign-in, setup), any signed-in user, or admins only. */
export type RouteAccess = 'public' | 'signed-in' | 'admin';

export interface RouteDef {
  /** Relative to the base href, without slashes at the ends: '', 'widget', 'conversations/:id'. */
  path: string;
  title: string;
  access: RouteAccess;
  load: () => Promise<Type<unknown>>;
}

export const ROUTE_TABLE = new InjectionToken<readonly RouteDef[]>('admin routes');

export interface RouteMatch {
  route: RouteDef;
  params: Record<string, string>;
}

/** The route for a path, with its decoded :params; null when none matches. */
export function matchRoute(routes: readonly RouteDef[], path: string): RouteMatch | null {
  const segments = path.split('/').filter(Boolean);
  for (const route of routes) {
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((part, i) => {
      if (part.startsWith(':')) {
        try {
          params[part.slice(1)] = decodeURIComponent(segments[i]!);
          return true;
        } catch {
          return false;
        }
      }
      return part === segments[i];
    });
    if (matches) return { route, params };
  }
  return null;
}

@Injectable({ providedIn: 'root' })
export class Router {
  private readonly document = inject(DOCUMENT);
  private readonly window = this.document.defaultView!;
  /** The path of the base href, e.g. '/admin/' (from <base href>, so one build serves any base). */
  readonly base = new URL(this.document.baseURI).pathname.replace(/\/?$/, '/');
  private readonly location = signal(this.read());

  /** The path below the base: '' for the dashboard, 'conversations/abc'. */
  readonly path = computed(() => this.location().path);
  readonly query = computed(() => new URLSearchParams(this.location().search));
  /** Bumped on every navigation, also to the same path (pages reload on it). */
  readonly navigations = computed(() => this.location().count);

  constructor() {
    this.window.addEventListener('popstate', () => this.sync());
  }

  /** The href of an app path, for <a href> and downloads. */
  href(path: string): string {
    return this.base + path.replace(/^\//, '');
  }

  navigate(path: string, options: { replace?: boolean } = {}): void {
    const url = this.href(path);
    if (options.replace) this.window.history.replaceState(null, '', url);
    else this.window.history.pushState(null, '', url);
    this.sync();
  }

  private sync(): void {
    this.location.set(this.read(this.location().count + 1));
  }

  private read(count = 0): { path: string; search: string; count: number } {
    const { pathname, search } = this.window.location;
    const below = pathname.startsWith(this.base) ? pathname.slice(this.base.length) : '';
    return { path: below.replace(/\/+$/, ''), search, count };
  }
}

/**
 * `<a adminLink="widget">`: a real link (href, middle click, "open in new tab") that the app
 * follows without reloading on a plain click.
 */
@Directive({
  selector: 'a[adminLink]',
  host: { '[attr.href]': 'href()', '(click)': 'follow($event)' },
})
export class AdminLink {
  private readonly router = inject(Router);
  readonly adminLink = input.required<string>();
  protected readonly href = computed(() => this.router.href(this.adminLink()));

  protected follow(event: MouseEvent): void {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.router.navigate(this.adminLink());
  }
}
