/**
 * What a database error means for a request: the database cannot be reached, does not answer in
 * time or is busy (try again later), or its file is damaged (SQLite). Both answer 503, never 500.
 */

/** Error codes of a database that cannot be reached, does not answer in time, or is busy (mysql2, better-sqlite3, Node). */
const UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'POOL_ACQUIRE_TIMEOUT',
  // mysql2's pool cluster (read replicas): every node of a pattern is offline for a moment.
  'POOL_NONEONLINE',
  'POOL_NOEXIST',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
]);

/** better-sqlite3's (extended) codes for a damaged file: SQLITE_CORRUPT, _INDEX, _SEQUENCE, _VTAB, and SQLITE_NOTADB. */
const CORRUPT = /^SQLITE_(CORRUPT(_[A-Z]+)?|NOTADB|IOERR_CORRUPTFS)$/;

/** The driver's error code, also when TypeORM wrapped the error in a QueryFailedError. */
export function databaseErrorCode(error: unknown): string | undefined {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = candidate?.driverError?.code ?? candidate?.code;
  return typeof code === 'string' ? code : undefined;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  const code = databaseErrorCode(error);
  return code !== undefined && UNAVAILABLE.has(code);
}

export function isDatabaseCorrupt(error: unknown): boolean {
  const code = databaseErrorCode(error);
  return code !== undefined && CORRUPT.test(code);
}

/** A row refers to one that does not exist (any more): mysql2's ER_NO_REFERENCED_ROW(_2), SQLite's foreign key constraint. */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = databaseErrorCode(error);
  return code === 'ER_NO_REFERENCED_ROW_2' || code === 'ER_NO_REFERENCED_ROW' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}
