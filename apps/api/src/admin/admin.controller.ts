import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import { stringifySetCookie } from 'cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditService } from '../audit/index.js';
import { AppConfig } from '../config/app-config.js';
import { auditIp } from '../common/client-ip.js';
import { ReportsService } from '../reports/index.js';
import { WidgetRegistryService } from '../widget-registry/index.js';
import { AdminRoleRequired, CurrentAdmin, PublicAdminRoute, SESSION_COOKIE } from './admin-access.js';
import { type AdminPrincipal, AdminAuthService } from './admin-auth.service.js';
import { AdminUsersService } from './admin-users.service.js';
import { LoginThrottledError } from './admin.errors.js';
import { AdminCreateUserDto, AdminLoginDto, AdminPasswordDto, AdminSetupDto, AuditQuery, ReportDaysQuery, WidgetUploadDto } from './admin.dto.js';

/** A widget build in base64 (the element is ~160 KB; the registry's own limits are 2 MB a file, 40 files). */
export const WIDGET_UPLOAD_BODY_LIMIT = 16 * 1024 * 1024;

/** The API's envelope, as the chat endpoints answer. */
export const ok = <T>(data: T) => ({ success: true as const, data });

/** Sign-in, sign-out, who am I, and the first admin's setup. */
@ApiExcludeController()
@Controller('api/v1/admin/auth')
export class AdminAuthController {
  constructor(
    private readonly auth: AdminAuthService,
    private readonly config: AppConfig,
  ) {}

  @PublicAdminRoute()
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: AdminLoginDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    try {
      const result = await this.auth.login(body.email, body.password, request.ip);
      reply.header('Set-Cookie', sessionCookieHeader(request, result.token, result.maxAgeSeconds, this.config.publicUrl));
      reply.header('Cache-Control', 'no-store');
      return ok({ user: result.user, csrfToken: result.csrfToken, expiresAt: result.expiresAt.toISOString() });
    } catch (error) {
      if (error instanceof LoginThrottledError) reply.header('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
  }

  @PublicAdminRoute()
  @Post('setup')
  @HttpCode(201)
  async setup(@Body() body: AdminSetupDto, @Req() request: FastifyRequest) {
    return ok({ user: await this.auth.completeSetup(body.token, body.email, body.password, request.ip) });
  }

  @AdminRoleRequired('viewer')
  @Post('logout')
  @HttpCode(200)
  async logout(@CurrentAdmin() admin: AdminPrincipal, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    await this.auth.logout(admin, request.ip);
    reply.header('Set-Cookie', sessionCookieHeader(request, '', 0, this.config.publicUrl));
    return ok({ signedOut: true });
  }

  @Get('me')
  me(@CurrentAdmin() admin: AdminPrincipal, @Res({ passthrough: true }) reply: FastifyReply) {
    reply.header('Cache-Control', 'no-store');
    return ok({ email: admin.email, role: admin.role, csrfToken: admin.csrfToken });
  }
}

/** Widget versions: list, deploy, rollback. */
@ApiExcludeController()
@Controller('api/v1/admin/widget')
export class AdminWidgetController {
  constructor(private readonly registry: WidgetRegistryService) {}

  @Get('versions')
  async versions() {
    const [versions, active] = await Promise.all([this.registry.list(), this.registry.active()]);
    return ok({ active, versions });
  }

  /** A build uploaded from the admin UI: checked, hashed and compressed by the server, not deployed. */
  @RouteConfig({ bodyLimit: WIDGET_UPLOAD_BODY_LIMIT })
  @Post('versions')
  @HttpCode(201)
  async upload(@Body() body: WidgetUploadDto, @CurrentAdmin() admin: AdminPrincipal, @Req() request: FastifyRequest) {
    const files = body.files.map((file) => ({ name: file.name, body: Buffer.from(file.content, 'base64') }));
    return ok({ version: await this.registry.publish(files, { actor: admin.email, ip: auditIp(request.ip), version: body.version, notes: body.notes }) });
  }

  @Post('versions/:version/deploy')
  @HttpCode(200)
  async deploy(@Param('version') version: string, @CurrentAdmin() admin: AdminPrincipal, @Req() request: FastifyRequest) {
    return ok(await this.registry.deploy(version, { actor: admin.email, ip: auditIp(request.ip) }));
  }

  @Post('rollback')
  @HttpCode(200)
  async rollback(@CurrentAdmin() admin: AdminPrincipal, @Req() request: FastifyRequest) {
    return ok(await this.registry.rollback({ actor: admin.email, ip: auditIp(request.ip) }));
  }
}

/** Admin accounts (admin role only, reads included) and the audit log. */
@ApiExcludeController()
@Controller('api/v1/admin')
export class AdminUsersController {
  constructor(
    private readonly users: AdminUsersService,
    private readonly audit: AuditService,
  ) {}

  @AdminRoleRequired('admin')
  @Get('users')
  async list() {
    return ok({ users: await this.users.list() });
  }

  @Post('users')
  @HttpCode(201)
  async create(@Body() body: AdminCreateUserDto, @CurrentAdmin() admin: AdminPrincipal, @Req() request: FastifyRequest) {
    return ok({
      user: await this.users.create(
        { email: body.email, password: body.password, role: body.role ?? 'viewer' },
        { actor: admin.email, ip: auditIp(request.ip) },
      ),
    });
  }

  @Post('users/:email/password')
  @HttpCode(200)
  async resetPassword(@Param('email') email: string, @Body() body: AdminPasswordDto, @CurrentAdmin() admin: AdminPrincipal, @Req() request: FastifyRequest) {
    await this.users.resetPassword(email, body.password, { actor: admin.email, ip: auditIp(request.ip) });
    return ok({ email: email.toLowerCase(), passwordReset: true });
  }

  @Post('users/:email/disable')
  @HttpCode(200)
  async disable(@Param('email') email: string, @CurrentAdmin() admin: AdminPrincipal, @Req() request: FastifyRequest) {
    await this.users.setDisabled(email, true, { actor: admin.email, ip: auditIp(request.ip) });
    return ok({ email: email.toLowerCase(), disabled: true });
  }

  @Post('users/:email/enable')
  @HttpCode(200)
  async enable(@Param('email') email: string, @CurrentAdmin() admin: AdminPrincipal, @Req() request: FastifyRequest) {
    await this.users.setDisabled(email, false, { actor: admin.email, ip: auditIp(request.ip) });
    return ok({ email: email.toLowerCase(), disabled: false });
  }

  @AdminRoleRequired('admin')
  @Get('audit')
  async auditLog(@Query() query: AuditQuery) {
    return ok({ entries: await this.audit.list({ limit: query.limit, beforeId: query.before }) });
  }
}

/** The reports of `holibot report`: content gaps and LLM usage and cost. */
@ApiExcludeController()
@Controller('api/v1/admin/reports')
export class AdminReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('usage')
  async usage(@Query() query: ReportDaysQuery) {
    return ok(await this.reports.usage(query.days ?? 30));
  }

  @Get('gaps')
  async gaps(@Query() query: ReportDaysQuery) {
    return ok(await this.reports.gaps(query.days ?? 30));
  }
}

/**
 * httpOnly, SameSite=Strict, Secure over TLS (seen directly, through a proxy trusted with
 * TRUST_PROXY, or declared by an https PUBLIC_URL); `maxAge` 0 clears it.
 */
function sessionCookieHeader(request: FastifyRequest, value: string, maxAge: number, publicUrl: string | null): string {
  const secure = request.protocol === 'https' || (publicUrl?.startsWith('https:') ?? false);
  return stringifySetCookie(SESSION_COOKIE, value, { httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: Math.max(maxAge, 0) });
}
