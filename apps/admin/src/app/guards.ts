import { inject } from '@angular/core';
import { Router, type CanActivateChildFn, type CanActivateFn, type CanMatchFn } from '@angular/router';
import { safeNext, Session, signInUrl } from './session';

/** Pages for signed-in users: anyone else goes to the sign-in page, and from there back here (?next=). */
export const signedIn: CanActivateChildFn = async (_route, state) => {
  const session = inject(Session);
  const router = inject(Router);
  await session.start();
  return session.me() ? true : signInUrl(router, state.url);
};

/** Admin-only pages: for anyone else the route does not match, and the next one (the "admins only" page) does. */
export const adminRole: CanMatchFn = async () => {
  const session = inject(Session);
  await session.start();
  return session.isAdmin();
};

/** The sign-in page: who is signed in already goes on to the page asked for. */
export const signedOut: CanActivateFn = async (route) => {
  const session = inject(Session);
  const router = inject(Router);
  await session.start();
  return session.me() ? router.parseUrl(`/${safeNext(route.queryParamMap.get('next'))}`) : true;
};
