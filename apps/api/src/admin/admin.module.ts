import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { WidgetRegistryModule } from '../widget-registry/widget-registry.module.js';
import { AdminGuard } from './admin-access.js';
import { AdminAuthService } from './admin-auth.service.js';
import { AdminUsersService } from './admin-users.service.js';
import { AdminAuthController, AdminReportsController, AdminUsersController, AdminWidgetController } from './admin.controller.js';

/** The admin API under /api/v1/admin: sign-in, and every operational view and action, behind AdminGuard (global: deny by default). */
@Module({
  imports: [AuditModule, ReportsModule, WidgetRegistryModule],
  controllers: [AdminAuthController, AdminWidgetController, AdminUsersController, AdminReportsController],
  providers: [AdminUsersService, AdminAuthService, { provide: APP_GUARD, useClass: AdminGuard }],
  exports: [AdminUsersService, AdminAuthService],
})
export class AdminModule {}
