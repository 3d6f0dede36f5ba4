import { computed, inject, Injectable, signal } from '@angular/core';
import { Router, type UrlTree } from '@angular/router';
import type { AdminMe } from '@holibot/contracts';
import { AdminApi, ApiError, errorText } from './api-client';

/** Who is signed in (from GET auth/me or the sign-in answer), and the CSRF token that goes with it. */
@Injectable({ providedIn: 'root' })
export class Session {
  private readonly api = inject(AdminApi);
  private readonly router = inject(Router);
  private readonly current = signal<AdminMe | null>(null);

  readonly me = this.current.asReadonly();
  /** False until GET auth/me answered: pages wait for it. */
  readonly ready = signal(false);
  /** Why auth/me failed other than "not signed in" (e.g. 503: the admin API is not configured). */
  readonly startError = signal<string | null>(null);
  readonly isAdmin = computed(() => this.current()?.role === 'admin');
  private started: Promise<void> | null = null;

  constructor() {
    this.api.onUnauthenticated(() => this.lost());
  }

  /** Asks the server once who is signed in; the shell and the route guards wait for it. */
  start(): Promise<void> {
    return (this.started ??= this.load());
  }

  private async load(): Promise<void> {
    try {
      this.set(await this.api.me());
    } catch (error) {
      this.set(null);
      if (!(error instanceof ApiError && error.status === 401)) this.startError.set(errorText(error));
    } finally {
      this.ready.set(true);
    }
  }

  async login(email: string, password: string): Promise<void> {
    const data = await this.api.login(email, password);
    this.set({ email: data.user.email, role: data.user.role, csrfToken: data.csrfToken });
    this.startError.set(null);
  }

  async logout(): Promise<void> {
    try {
      await this.api.logout();
    } finally {
      this.set(null);
      void this.router.navigateByUrl('/login');
    }
  }

  /** The session ended under us: back to the sign-in page, then to where the user was. */
  private lost(): void {
    if (!this.current()) return;
    this.set(null);
    void this.router.navigateByUrl(signInUrl(this.router, this.router.url), { replaceUrl: true });
  }

  private set(me: AdminMe | null): void {
    this.current.set(me);
    this.api.setCsrfToken(me?.csrfToken ?? null);
  }
}

/** The sign-in page, with ?next= the path of `url` ('/conversations/abc?x#y' → 'conversations/abc'), to go on there after. */
export function signInUrl(router: Router, url: string): UrlTree {
  const next = url.split(/[?#;]/)[0]!.replace(/^\/+|\/+$/g, '');
  return router.createUrlTree(['/login'], { queryParams: next && next !== 'login' ? { next } : {} });
}

/** Only a path inside the app: never an absolute URL someone put into ?next=. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !/^[a-z0-9][\w\-/.%]*$/i.test(next) || next.includes('//') || /^(login|setup)\b/.test(next)) return '';
  return next;
}
