import { Module } from '@nestjs/common';
import { ReportsJobs } from './reports.jobs.js';
import { ReportsService } from './reports.service.js';

/** The gaps and usage reports over ChatTurnStat (REPORT_RETENTION_DAYS, MISTRAL_PRICE_*_PER_M). */
@Module({
  providers: [ReportsService, ReportsJobs],
  exports: [ReportsService, ReportsJobs],
})
export class ReportsModule {}
