import { DomainError } from '../common/domain-error.js';

export class BackupNotFoundError extends DomainError {
  constructor(timestamp: string, dir: string) {
    super('BACKUP_NOT_FOUND', `no backup ${timestamp} in ${dir} (holibot backup list shows them)`);
  }
}

/** A backup that must not be restored: damaged, incomplete, foreign, or not readable with the key at hand. */
export class BackupInvalidError extends DomainError {
  constructor(timestamp: string, problem: string) {
    super('BACKUP_INVALID', `backup ${timestamp} cannot be used: ${problem}`);
  }
}

export class RestoreRefusedError extends DomainError {
  constructor(reason: string) {
    super('RESTORE_REFUSED', reason);
  }
}

export class BackupFailedError extends DomainError {
  constructor(reason: string, options?: ErrorOptions) {
    super('JOB_FAILED', `the backup failed: ${reason}`, options);
  }
}
