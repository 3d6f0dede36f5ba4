import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import type { JobSource, ScheduledJob } from '../scheduling/index.js';
import { AlertService } from './alerts.service.js';

/** The alerts module's built-in job: the rules checked every ALERT_CHECK_INTERVAL ms while ALERTS_ENABLED=true. */
@Injectable()
export class AlertsJobs implements JobSource {
  constructor(
    private readonly alerts: AlertService,
    private readonly config: AppConfig,
  ) {}

  jobs(): ScheduledJob[] {
    const { enabled, checkIntervalMs } = this.config.alerts;
    // Every minute by default: its start and end lines at debug level; what it finds is logged by the notifier.
    return [
      {
        name: 'alert-check',
        everyMs: checkIntervalMs,
        enabled,
        quiet: true,
        run: () => this.alerts.check(),
        // Checks that keep failing (the database down: even the job's lock) are a notice of their own.
        failed: (error) => this.alerts.checkFailed(error),
      },
    ];
  }
}
