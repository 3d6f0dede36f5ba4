import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import type { JobSource, ScheduledJob } from '../scheduling/index.js';
import { type BackupManifest, BackupService } from './backup.service.js';

/** Checked every hour at :30; a backup is made when the newest is BACKUP_INTERVAL_HOURS old (or there is none). */
export const BACKUP_CHECK_CRON = '30 * * * *';

/** The backup module's built-in job: `holibot backup`, every BACKUP_INTERVAL_HOURS. */
@Injectable()
export class BackupJobs implements JobSource {
  constructor(
    private readonly backups: BackupService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  jobs(): ScheduledJob[] {
    return [
      {
        name: 'backup',
        cron: BACKUP_CHECK_CRON,
        enabled: this.config.backup.enabled,
        run: () => this.backupWhenDue(),
        lastSuccessAt: async () => {
          const [newest] = await this.backups.list();
          return newest ? new Date(newest.createdAt) : null;
        },
      },
    ];
  }

  /** A restart does not reset the interval: it counts from the newest backup on disk. */
  async backupWhenDue(): Promise<BackupManifest | null> {
    const [newest] = (await this.backups.list()).filter((backup) => backup.reason !== 'before-restore');
    const dueAt = newest ? Date.parse(newest.createdAt) + this.config.backup.intervalHours * 3_600_000 : 0;
    // A few minutes of slack: the hourly check must not miss a backup made at :31 the day before.
    if (this.clock.now().getTime() < dueAt - 10 * 60_000) return null;
    return this.backups.create({ reason: 'scheduled' });
  }
}
