import { Module } from '@nestjs/common';
import { BackupJobs } from './backup.jobs.js';
import { BackupService } from './backup.service.js';
import { RestoreService } from './restore.service.js';

/** Backups of the database and configuration, retention, verify and restore (BACKUP_*). */
@Module({
  providers: [BackupService, RestoreService, BackupJobs],
  exports: [BackupService, RestoreService, BackupJobs],
})
export class BackupModule {}
