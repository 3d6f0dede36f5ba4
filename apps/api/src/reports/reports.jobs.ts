import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import type { JobSource, ScheduledJob } from '../scheduling/index.js';
import { ReportsService } from './reports.service.js';

/**
 * The reports' built-in job: rows older than REPORT_RETENTION_DAYS deleted daily at
 * SESSION_CLEANUP_CRON — also when SESSION_CLEANUP_ENABLED=false hands the session cleanup to a
 * system cron, which knows nothing of these rows.
 */
@Injectable()
export class ReportsJobs implements JobSource {
  private readonly logger = new Logger('Reports');

  constructor(
    private readonly reports: ReportsService,
    private readonly config: AppConfig,
  ) {}

  jobs(): ScheduledJob[] {
    return [{ name: 'report-retention', cron: this.config.cleanup.cron, enabled: true, run: () => this.prune() }];
  }

  async prune(): Promise<number> {
    const deleted = await this.reports.prune(this.config.cleanup.batchSize);
    if (deleted > 0) this.logger.log(`Deleted ${deleted} turn statistics older than ${this.config.reports.retentionDays} days (REPORT_RETENTION_DAYS)`);
    return deleted;
  }
}
