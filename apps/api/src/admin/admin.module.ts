import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AlertsModule } from '../alerts/alerts.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { BackupModule } from '../backup/backup.module.js';
import { CleanupModule } from '../cleanup/cleanup.module.js';
import { FeedbackModule } from '../feedback/feedback.module.js';
import { PoiModule } from '../poi/poi.module.js';
import { SchedulingModule } from '../scheduling/scheduling.module.js';
import { SessionModule } from '../session/session.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { WidgetRegistryModule } from '../widget-registry/widget-registry.module.js';
import { AdminGuard } from './admin-access.js';
import { AdminAuthService } from './admin-auth.service.js';
import { AdminOpsController } from './admin-ops.controller.js';
import { AdminUiController, AdminUiFiles } from './admin-ui.js';
import { AdminUsersService } from './admin-users.service.js';
import { AdminAuthController, AdminReportsController, AdminUsersController, AdminWidgetController } from './admin.controller.js';

/** The admin accounts alone, for `holibot admin …` (no HTTP, none of the features the admin API reads). */
@Module({
  imports: [AuditModule],
  providers: [AdminUsersService],
  exports: [AdminUsersService],
})
export class AdminAccountsModule {}

/** The admin API under /api/v1/admin: sign-in, and every operational view and action, behind AdminGuard (global: deny by default). */
@Module({
  imports: [
    AdminAccountsModule,
    AuditModule,
    ReportsModule,
    WidgetRegistryModule,
    SessionModule,
    CleanupModule,
    BackupModule,
    AlertsModule,
    FeedbackModule,
    PoiModule,
    SchedulingModule,
  ],
  controllers: [AdminAuthController, AdminWidgetController, AdminUsersController, AdminReportsController, AdminOpsController, AdminUiController],
  providers: [AdminAuthService, AdminUiFiles, { provide: APP_GUARD, useClass: AdminGuard }],
  exports: [AdminAuthService],
})
export class AdminModule {}
