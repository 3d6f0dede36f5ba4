// What other features may use of the backup module (its Nest module: ./backup.module.ts).
export { BackupJobs } from './backup.jobs.js';
export { BackupService, type BackupManifest, type BackupSummary } from './backup.service.js';
export { RestoreService, type RestoreReport } from './restore.service.js';
export { BackupInvalidError, BackupNotFoundError } from './backup.errors.js';
