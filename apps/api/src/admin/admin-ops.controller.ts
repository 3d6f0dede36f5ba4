import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Body, Controller, Delete, Get, Header, HttpCode, Param, ParseIntPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {
  AlertsData,
  AlertTestResult,
  BackupDetail,
  BackupsData,
  CleanupResultData,
  ConfigData,
  ConversationData,
  ConversationsData,
  DashboardData,
  FeedbackData,
  PlaceDetail,
  PlaceImportData,
  PlacesData,
  SessionsData,
} from '@holibot/contracts';
import { AlertNotifier, AlertService } from '../alerts/index.js';
import { BackupInvalidError, BackupNotFoundError, BackupService } from '../backup/index.js';
import { SessionCleanupService, SessionStatsService } from '../cleanup/index.js';
import { InvalidRequestError } from '../common/domain-error.js';
import { AppConfig } from '../config/app-config.js';
import { FeedbackService } from '../feedback/index.js';
import { Metrics } from '../observability/metrics/metrics.service.js';
import { ImportFileError, PlacesService, PoiCatalogue, PoiImportService } from '../poi/index.js';
import { DashboardService } from '../reports/index.js';
import { JobRunner } from '../scheduling/index.js';
import { ConversationsService } from '../session/index.js';
import { AuditService } from '../audit/index.js';
import { auditIp } from '../common/client-ip.js';
import { AdminRoleRequired, CurrentAdmin } from './admin-access.js';
import { configView } from './admin-config.js';
import { ok } from './admin.controller.js';
import { ForbiddenError } from './admin.errors.js';
import type { AdminPrincipal } from './admin-auth.service.js';
import {
  BackupFileParams,
  BackupParams,
  CleanupRunDto,
  ConversationParams,
  ConversationsQuery,
  DashboardQuery,
  PlaceImportDto,
  PlacesQuery,
  ReportDaysQuery,
} from './admin.dto.js';

/** GeoJSON through the admin UI: larger files go through `holibot poi import`. */
export const PLACE_IMPORT_BODY_LIMIT = 32 * 1024 * 1024;

/**
 * The operational views of the admin UI, each a thin call of the owning feature's service:
 * dashboard, sessions and cleanup, conversations, backups, alerts, feedback, places, settings.
 */
@ApiExcludeController()
@Controller('api/v1/admin')
export class AdminOpsController {
  constructor(
    private readonly config: AppConfig,
    private readonly dashboard: DashboardService,
    private readonly stats: SessionStatsService,
    private readonly cleanup: SessionCleanupService,
    private readonly jobs: JobRunner,
    private readonly conversations: ConversationsService,
    private readonly backups: BackupService,
    private readonly alerts: AlertService,
    private readonly notifier: AlertNotifier,
    private readonly feedback: FeedbackService,
    private readonly places: PlacesService,
    private readonly importer: PoiImportService,
    private readonly catalogue: PoiCatalogue,
    private readonly metrics: Metrics,
    private readonly audit: AuditService,
  ) {}

  /** Every change made here is in the audit log: who, what, from where. */
  private record(admin: AdminPrincipal, request: FastifyRequest, action: string, target: string | null, detail: string | null = null): Promise<void> {
    return this.audit.record({ actor: admin.email, action, target, detail, ip: auditIp(request.ip) });
  }

  @Get('dashboard')
  async dashboardData(@Query() query: DashboardQuery) {
    const [chats, sessions, rules] = await Promise.all([this.dashboard.chats(query.days ?? 7), this.stats.stats(), this.alerts.status()]);
    const data: DashboardData = {
      ...chats,
      activeSessions: sessions.activeSessions,
      webSocketConnections: this.metrics.webSocketConnections(),
      alerts: rules.filter((rule) => rule.state === 'firing'),
    };
    return ok(data);
  }

  @Get('sessions')
  async sessions() {
    const [stats, cleanups] = await Promise.all([this.stats.stats(), this.stats.cleanupHistory(50)]);
    const data: SessionsData = {
      totalSessions: stats.totalSessions,
      activeSessions: stats.activeSessions,
      authenticatedSessions: stats.authenticatedSessions,
      avgSessionDurationSeconds: stats.avgSessionDurationSeconds,
      retentionHours: this.config.sessionExpiryHours,
      cleanupCron: this.config.cleanup.cron,
      cleanups,
    };
    return ok(data);
  }

  /** The cleanup now, as `holibot cleanup [--dry-run]` (the same job lock). */
  @Post('sessions/cleanup')
  @HttpCode(200)
  async runCleanup(@Body() body: CleanupRunDto, @CurrentAdmin() admin: AdminPrincipal, @Req() request: FastifyRequest) {
    const dryRun = body.dryRun !== false;
    const outcome = await this.jobs.run('session-cleanup', 'cli', () => this.cleanup.run({ trigger: 'cli', dryRun }));
    const report = outcome.status === 'done' ? outcome.result : null;
    const data: CleanupResultData = {
      outcome: outcome.status,
      dryRun,
      sessionsDeleted: report?.sessionsDeleted ?? 0,
      messagesDeleted: report?.messagesDeleted ?? 0,
      durationMs: outcome.durationMs,
      error: outcome.status === 'failed' ? 'the cleanup failed; the server log has the reason' : (report?.error ?? null),
    };
    if (!dryRun) await this.record(admin, request, 'sessions.cleanup', null, `${data.outcome}: ${data.sessionsDeleted} conversations deleted`);
    return ok(data);
  }

  @Get('conversations')
  async conversationList(@Query() query: ConversationsQuery) {
    const data: ConversationsData = {
      retentionHours: this.config.sessionExpiryHours,
      conversations: await this.conversations.list(query.limit ?? 50, query.before ? { updatedAt: new Date(query.before), id: query.beforeId } : undefined),
    };
    return ok(data);
  }

  @Get('conversations/:id')
  async conversation(@Param() params: ConversationParams) {
    const data: ConversationData = await this.conversations.get(params.id);
    return ok(data);
  }

  /** A visitor's right to erasure: the conversation, its messages and feedback. */
  @Delete('conversations/:id')
  async deleteConversation(@Param() params: ConversationParams, @CurrentAdmin() admin: AdminPrincipal, @Req() request: FastifyRequest) {
    await this.conversations.delete(params.id);
    await this.record(admin, request, 'conversation.delete', params.id.toLowerCase());
    return ok({ deleted: true });
  }

  @Get('backups')
  async backupList() {
    const data: BackupsData = {
      dir: this.backups.dir,
      intervalHours: this.config.backup.intervalHours,
      retentionDays: this.config.backup.retentionDays,
      backups: await this.backups.list(),
      restoreCommand: 'npm run holibot -- restore --timestamp <timestamp>',
    };
    return ok(data);
  }

  @Get('backups/:timestamp')
  async backup(@Param() params: BackupParams) {
    return ok(detail(await told(this.backups.readManifest(params.timestamp))));
  }

  /** A backup now, as `holibot backup` (the same job lock). */
  @Post('backups')
  @HttpCode(201)
  async backupNow(@CurrentAdmin() admin: AdminPrincipal, @Req() request: FastifyRequest) {
    const outcome = await this.jobs.run('backup', 'cli', () => this.backups.create({ reason: 'manual' }));
    if (outcome.status === 'skipped') throw new InvalidRequestError('another instance is making a backup; try again when it is done');
    if (outcome.status === 'failed') throw outcome.error;
    await this.record(admin, request, 'backup.create', outcome.result.timestamp);
    return ok(detail(outcome.result));
  }

  @Post('backups/:timestamp/verify')
  @HttpCode(200)
  async verify(@Param() params: BackupParams, @CurrentAdmin() admin: AdminPrincipal, @Req() request: FastifyRequest) {
    const manifest = await told(this.backups.verify(params.timestamp));
    await this.record(admin, request, 'backup.verify', params.timestamp);
    return ok(detail(manifest));
  }

  /** One file of a backup, as stored (gzipped, and encrypted with BACKUP_ENCRYPTION_KEY): admin only. */
  @AdminRoleRequired('admin')
  @Get('backups/:timestamp/files/:name')
  async download(@Param() params: BackupFileParams, @CurrentAdmin() admin: AdminPrincipal, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const manifest = await told(this.backups.readManifest(params.timestamp));
    // Only a name the manifest lists: never a path from the request.
    const file = manifest.files.find((entry) => entry.name === params.name);
    if (!file) throw new InvalidRequestError(`backup ${params.timestamp} has no file ${JSON.stringify(params.name)}`, 'NOT_FOUND');
    // The configuration holds every secret (database, Mistral, SMTP, the session secret): from the server's disk only.
    if (file.role === 'env') throw new ForbiddenError('the .env of a backup is not downloaded over the web; copy it from BACKUP_DIR on the server');
    await this.record(admin, request, 'backup.download', `${params.timestamp}/${file.name}`);
    reply.header('Content-Type', 'application/octet-stream');
    reply.header('Content-Disposition', `attachment; filename="holibot-${params.timestamp}-${file.name}"`);
    reply.header('Content-Length', String(file.size));
    reply.header('Cache-Control', 'no-store');
    return reply.send(createReadStream(join(this.backups.dir, params.timestamp, file.name)));
  }

  @Get('alerts')
  async alertList() {
    const [rules, history] = await Promise.all([this.alerts.status(), this.alerts.history(100)]);
    const data: AlertsData = { enabled: this.config.alerts.enabled, recipients: this.config.alerts.recipients.length, rules, history };
    return ok(data);
  }

  @Post('alerts/test')
  @HttpCode(200)
  async testAlert(@CurrentAdmin() admin: AdminPrincipal, @Req() request: FastifyRequest) {
    const results: AlertTestResult[] = (await this.notifier.sendTest()).map((result) => ({
      channel: result.channel,
      ok: result.error === null,
      error: result.error,
    }));
    await this.record(admin, request, 'alerts.test', null, results.map((r) => `${r.channel} ${r.ok ? 'sent' : 'failed'}`).join(', ') || 'no channel');
    return ok({ results });
  }

  /** The effective settings by area, every secret only as set / not set (admin-config.ts). Read-only: they change in .env and a restart. */
  @Get('config')
  @Header('Cache-Control', 'no-store')
  settings() {
    const data: ConfigData = configView(this.config);
    return ok(data);
  }

  @Get('feedback')
  async feedbackData(@Query() query: ReportDaysQuery) {
    const data: FeedbackData = await this.feedback.report(query.days ?? 30, (id) => this.catalogue.get(id)?.poi.name ?? null);
    return ok(data);
  }

  @Get('places')
  async placeList(@Query() query: PlacesQuery) {
    const data: PlacesData = await this.places.search({
      q: query.q,
      active: query.active === undefined ? undefined : query.active === 'true',
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    });
    return ok(data);
  }

  @Get('places/:id')
  async place(@Param('id', ParseIntPipe) id: number) {
    const data: PlaceDetail = await this.places.get(id);
    return ok(data);
  }

  @Post('places/:id/deactivate')
  @HttpCode(200)
  async deactivate(@Param('id', ParseIntPipe) id: number, @CurrentAdmin() admin: AdminPrincipal, @Req() request: FastifyRequest) {
    const place = await this.places.setActive(id, false);
    await this.record(admin, request, 'place.deactivate', String(id), place.name);
    return ok(place);
  }

  @Post('places/:id/activate')
  @HttpCode(200)
  async activate(@Param('id', ParseIntPipe) id: number, @CurrentAdmin() admin: AdminPrincipal, @Req() request: FastifyRequest) {
    const place = await this.places.setActive(id, true);
    await this.record(admin, request, 'place.activate', String(id), place.name);
    return ok(place);
  }

  /** A GeoJSON file as `holibot poi import` reads it, sent as text in JSON. */
  @RouteConfig({ bodyLimit: PLACE_IMPORT_BODY_LIMIT })
  @Post('places/import')
  @HttpCode(200)
  async importPlaces(@Body() body: PlaceImportDto, @CurrentAdmin() admin: AdminPrincipal, @Req() request: FastifyRequest) {
    let collection: unknown;
    try {
      collection = JSON.parse(body.geojson);
    } catch (error) {
      throw new InvalidRequestError(`the file is not JSON: ${(error as Error).message}`);
    }
    try {
      const report = await this.importer.importCollection(collection, { replace: body.replace === true });
      const data: PlaceImportData = {
        total: report.total,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        deactivated: report.deactivated,
        rejected: report.rejected.map(({ index, id, reason }) => ({ index, id, reason })),
        warnings: report.warnings,
      };
      await this.record(
        admin,
        request,
        'places.import',
        null,
        `${data.created} created, ${data.updated} updated, ${data.deactivated} deactivated${body.replace ? ' (replace)' : ''}`,
      );
      return ok(data);
    } catch (error) {
      if (error instanceof ImportFileError) throw new InvalidRequestError(error.message);
      throw error;
    }
  }
}

/** The backup module's errors as the admin API tells them: an unknown backup is a 404, a damaged one a 422 with its reason (the CLI keeps its codes). */
async function told<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof BackupNotFoundError) throw new InvalidRequestError(error.message, 'NOT_FOUND');
    if (error instanceof BackupInvalidError) throw new InvalidRequestError(error.message, 'BACKUP_UNUSABLE');
    throw error;
  }
}

function detail(manifest: Awaited<ReturnType<BackupService['readManifest']>>): BackupDetail {
  return {
    timestamp: manifest.timestamp,
    createdAt: manifest.createdAt,
    migrations: manifest.migrations,
    rowCounts: manifest.rowCounts,
    encrypted: manifest.encryption !== null,
    files: manifest.files,
  };
}
