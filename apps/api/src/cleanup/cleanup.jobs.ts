import { Injectable, Logger } from '@nestjs/common';
import { AlertNotifier } from '../alerts/index.js';
import { AppConfig } from '../config/app-config.js';
import type { JobSource, ScheduledJob } from '../scheduling/index.js';
import { SessionCleanupService } from './session-cleanup.service.js';
import { SessionStatsService, formatStats } from './session-stats.service.js';

/** The cleanup module's built-in jobs: the daily cleanup (`holibot cleanup`) and the weekly statistics (`holibot monitor`). */
@Injectable()
export class CleanupJobs implements JobSource {
  private readonly logger = new Logger('SessionStats');

  constructor(
    private readonly cleanup: SessionCleanupService,
    private readonly stats: SessionStatsService,
    private readonly config: AppConfig,
    private readonly notifier: AlertNotifier,
  ) {}

  jobs(): ScheduledJob[] {
    return [
      { name: 'session-cleanup', cron: this.config.cleanup.cron, enabled: this.config.cleanup.enabled, run: () => this.cleanup.run({ trigger: 'cron' }) },
      { name: 'session-stats', cron: this.config.cleanup.statsCron, enabled: true, run: () => this.reportStats() },
    ];
  }

  /** Logged, and mailed to ALERT_RECIPIENTS when mail is configured (SMTP_HOST), through the alerts' mail. */
  async reportStats(): Promise<void> {
    const report = formatStats(await this.stats.stats());
    this.logger.log(`Weekly session statistics\n${report}`);
    this.notifier.mailReport('Weekly session statistics', report);
  }
}
