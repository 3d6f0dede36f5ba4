import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module.js';
import { CleanupJobs } from './cleanup.jobs.js';
import { SessionCleanupService } from './session-cleanup.service.js';
import { SessionStatsService } from './session-stats.service.js';

/** Expired conversations deleted in batches, and the session statistics (SESSION_CLEANUP_*, SESSION_STATS_CRON). */
@Module({
  // The alerts' mail carries the weekly statistics.
  imports: [AlertsModule],
  providers: [SessionCleanupService, SessionStatsService, CleanupJobs],
  exports: [SessionCleanupService, SessionStatsService, CleanupJobs],
})
export class CleanupModule {}
