import type { ErrorCode } from '@holibot/contracts';

/**
 * Codes of errors that never reach a visitor: the command line and the cron jobs report them
 * (the API's own codes are in @holibot/contracts, `ErrorCode`).
 */
export type OperatorErrorCode =
  | 'CONFIG_INVALID'
  | 'SCHEMA_OUT_OF_DATE'
  | 'IMPORT_FILE_INVALID'
  | 'JOB_FAILED'
  | 'BACKUP_NOT_FOUND'
  | 'BACKUP_INVALID'
  | 'RESTORE_REFUSED'
  | 'ALERTS_NOT_CONFIGURED'
  | 'ALERT_DELIVERY_FAILED';

export type DomainErrorCode = ErrorCode | OperatorErrorCode;

/**
 * An expected failure with a stable code and a message for the person who caused it: no HTTP
 * status, so services used by HTTP, the WebSocket, the CLI and cron jobs alike can throw it.
 * Each edge maps the code once (common/error-mapping.ts). Features define their own subclasses
 * in `<feature>.errors.ts`.
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A request that is not valid as a whole (its shape, its encoding), before any feature reads it. */
export class InvalidRequestError extends DomainError {
  constructor(message: string, code: ErrorCode = 'INVALID_REQUEST') {
    super(code, message);
  }
}

/**
 * A feature that is off by configuration, told as it is (a 503 is otherwise answered with a
 * generic message): the message names the setting, never an internal detail.
 */
export class FeatureUnavailableError extends DomainError {
  constructor(message: string) {
    super('SERVICE_UNAVAILABLE', message);
  }
}
