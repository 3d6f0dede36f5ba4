import { Module } from '@nestjs/common';
import { DashboardService } from './dashboard.service.js';
import { ReportsJobs } from './reports.jobs.js';
import { ReportsService } from './reports.service.js';

/** The gaps and usage reports over ChatTurnStat (REPORT_RETENTION_DAYS, MISTRAL_PRICE_*_PER_M). */
@Module({
  providers: [ReportsService, DashboardService, ReportsJobs],
  exports: [ReportsService, DashboardService, ReportsJobs],
})
export class ReportsModule {}
