import { DomainError } from '../common/domain-error.js';
import type { CleanupReport } from './session-cleanup.service.js';

/** A cleanup run that stopped on an error; `report` says what its committed batches deleted. */
export class CleanupFailedError extends DomainError {
  constructor(
    readonly report: CleanupReport,
    cause: unknown,
  ) {
    const done = report.sessionsDeleted > 0 ? ` after deleting ${report.sessionsDeleted} sessions and ${report.messagesDeleted} messages` : '';
    super('JOB_FAILED', `the session cleanup failed${done}: ${report.error ?? String(cause)}`, { cause });
  }
}
