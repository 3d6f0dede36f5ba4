import { type CanActivate, createParamDecorator, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { parseCookie } from 'cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../common/domain-error.js';
import { httpStatusOf } from '../common/error-mapping.js';
import type { AdminRole } from '@holibot/database';
import { AdminUnavailableError, ForbiddenError, UnauthenticatedError } from './admin.errors.js';
import { type AdminPrincipal, AdminAuthService } from './admin-auth.service.js';

/** Every route under this prefix is the admin API: signed in, with the role, and the CSRF token to change anything. */
export const ADMIN_API_PREFIX = '/api/v1/admin';
export const SESSION_COOKIE = 'holibot_admin';
const PUBLIC = Symbol('adminPublic');
const ROLE = Symbol('adminRole');
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The one exception to "signed in": sign-in itself (and the first-admin setup). */
export const PublicAdminRoute = () => SetMetadata(PUBLIC, true);
/**
 * The role a route needs. Without it: 'viewer' reads (GET), 'admin' changes anything — so a new
 * route that forgets this is at worst admin-only, never open.
 */
export const AdminRoleRequired = (role: AdminRole) => SetMetadata(ROLE, role);

type AdminRequest = FastifyRequest & { adminPrincipal?: AdminPrincipal };

/** The signed-in admin of the request (set by AdminGuard). */
export const CurrentAdmin = createParamDecorator((_data: unknown, context: ExecutionContext): AdminPrincipal => {
  const principal = context.switchToHttp().getRequest<AdminRequest>().adminPrincipal;
  if (!principal) throw new UnauthenticatedError();
  return principal;
});

/** Whether a route template (Fastify's match, not the raw URL) is the admin API's. */
export function isAdminRoute(template: string | undefined): boolean {
  return template === ADMIN_API_PREFIX || (template?.startsWith(`${ADMIN_API_PREFIX}/`) ?? false);
}

/**
 * A global guard: deny by default on every route the framework matched under /api/v1/admin —
 * the route template, so case or trailing-slash variants either match no route (404) or match
 * this one and are guarded. Then the role, and the session's CSRF token on every request that
 * is not a read.
 */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AdminAuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AdminRequest>();
    if (!isAdminRoute(request.routeOptions?.url)) return true;
    const unavailable = this.auth.unavailableReason();
    if (unavailable) throw new AdminUnavailableError(unavailable);
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const principal = await this.auth.authenticate(sessionCookie(request));
    if (!principal) throw new UnauthenticatedError();
    request.adminPrincipal = principal;
    const safe = SAFE_METHODS.has(request.method);
    if (!safe && !this.auth.csrfMatches(principal, headerValue(request.headers['x-csrf-token']))) {
      throw new ForbiddenError('missing or wrong X-CSRF-Token header (GET /api/v1/admin/auth/me gives it)');
    }
    const required = this.reflector.getAllAndOverride<AdminRole>(ROLE, [context.getHandler(), context.getClass()]) ?? (safe ? 'viewer' : 'admin');
    if (required === 'admin' && principal.role !== 'admin') throw new ForbiddenError('this needs the admin role');
    return true;
  }
}

export function sessionCookie(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  return header ? parseCookie(header)[SESSION_COOKIE] : undefined;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * A Fastify onRequest hook for the admin routes that take large bodies (uploads, imports): no
 * valid session, no reading of the body — the same 401 (or 503) the guard would answer after it.
 */
export function signedInBeforeBody(auth: () => AdminAuthService): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  return async (request, reply) => {
    let refusal: DomainError | null = null;
    try {
      const unavailable = auth().unavailableReason();
      if (unavailable) refusal = new AdminUnavailableError(unavailable);
      else if (!(await auth().authenticate(sessionCookie(request)))) refusal = new UnauthenticatedError();
    } catch (error) {
      refusal = error instanceof DomainError ? error : new UnauthenticatedError();
    }
    if (refusal) {
      await reply
        .code(httpStatusOf(refusal.code))
        .header('content-type', 'application/json; charset=utf-8')
        .send({ success: false, error: { code: refusal.code, message: refusal.message } });
    }
  };
}
