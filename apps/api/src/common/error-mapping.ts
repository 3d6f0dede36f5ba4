import type { DomainErrorCode } from './domain-error.js';

/**
 * The one mapping from a domain error's code to what each edge answers: the HTTP status (the
 * WebSocket error frame carries the same code and message), and the command line's exit code.
 * A code missing here fails to compile.
 */
const HTTP_STATUS: Record<DomainErrorCode, number> = {
  INVALID_QUERY: 400,
  QUERY_TOO_LONG: 400,
  INVALID_LANGUAGE: 400,
  INVALID_POSITION: 400,
  INVALID_REQUEST: 400,
  INVALID_JSON: 400,
  INVALID_SESSION_ID: 400,
  INVALID_FEEDBACK: 400,
  INVALID_TOKEN: 401,
  UNAUTHORIZED: 401,
  // The admin API: not signed in (or the session ended); signed in without the role, or without the CSRF token.
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  ADMIN_USER_EXISTS: 409,
  ADMIN_USER_NOT_FOUND: 404,
  // The admin API's word for a backup that fails its verification (the CLI's BACKUP_INVALID).
  BACKUP_UNUSABLE: 422,
  NOT_FOUND: 404,
  WIDGET_FILES_INVALID: 400,
  WIDGET_VERSION_INVALID: 400,
  WIDGET_VERSION_NOT_FOUND: 404,
  // The version exists already, the same files were published as another version, or there is nothing to roll back to.
  WIDGET_VERSION_CONFLICT: 409,
  SESSION_NOT_FOUND: 404,
  MESSAGE_NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMIT_EXCEEDED: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
  // Operator errors never come from a request; should one surface in an answer, it is the server's fault.
  CONFIG_INVALID: 500,
  SCHEMA_OUT_OF_DATE: 503,
  IMPORT_FILE_INVALID: 500,
  JOB_FAILED: 500,
  BACKUP_NOT_FOUND: 500,
  BACKUP_INVALID: 500,
  RESTORE_REFUSED: 500,
  ALERTS_NOT_CONFIGURED: 500,
  ALERT_DELIVERY_FAILED: 500,
};

export function httpStatusOf(code: DomainErrorCode): number {
  return HTTP_STATUS[code];
}

/** `holibot` exit codes: 0 done, 1 failed, 2 bad usage (what the caller typed is wrong). */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A domain error's exit code: the caller's own input (bad arguments, a file that is not valid) is usage, the rest a failure. */
export function exitCodeOf(code: DomainErrorCode): number {
  const status = HTTP_STATUS[code];
  return status >= 400 && status < 500 ? EXIT.usage : EXIT.failed;
}
