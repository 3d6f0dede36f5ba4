import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { databaseErrorCode, isDatabaseCorrupt, resolveDataSourceOptions } from '@holibot/database';
import type { AppConfig } from '../config/app-config.js';
import { TypeOrmNestLogger } from './database.module.js';
import { WatchSqliteCorruption, damagedFileMessage, quickCheck } from './sqlite-integrity.js';

/** Where opening the database reports MySQL retries (warn) and a failure's stack (debug); a Winston logger fits. */
export interface OpenLog {
  warn(message: string, meta: { context: string }): unknown;
  debug(message: string, meta: { context: string }): unknown;
}

/** A database that cannot be opened: the message names the setting and the file or server, on one line. */
export class DatabaseOpenError extends Error {
  override readonly name = 'DatabaseOpenError';
}

/** MySQL: attempts after the first, and the pause before each. */
const MYSQL_RETRIES = 2;
const MYSQL_RETRY_DELAY_MS = 2000;
/** A MySQL server that may answer in a moment (starting, restarting, busy); a wrong password or database never will. */
const TRANSIENT = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
]);
const CONTEXT = { context: 'Database' };

/**
 * Opens (initializes) the data source, before Nest starts, for the server and the CLI: a failure
 * is a DatabaseOpenError whose one line names DB_SQLITE_PATH and the file, or the MySQL server
 * and the variables to check, with the stack at debug level only — never TypeOrmModule's
 * "Unable to connect … Retrying" and Nest's ExceptionHandler stacks. MySQL is retried twice
 * (one warning line each) when it may answer in a moment. A SQLite file must pass PRAGMA
 * quick_check: a damaged file is refused, with what to do.
 */
export async function openDatabase(config: AppConfig, log: OpenLog): Promise<DataSource> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await openOnce(config);
    } catch (error) {
      if (error instanceof DatabaseOpenError) throw error;
      log.debug(`Opening the database failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, CONTEXT);
      const code = databaseErrorCode(error);
      if (config.database.type === 'mysql' && attempt < MYSQL_RETRIES && code !== undefined && TRANSIENT.has(code)) {
        log.warn(`MySQL does not answer (${code}); trying again in ${MYSQL_RETRY_DELAY_MS / 1000} s (${attempt + 1} of ${MYSQL_RETRIES})`, CONTEXT);
        await sleep(MYSQL_RETRY_DELAY_MS);
        continue;
      }
      throw new DatabaseOpenError(describeOpenFailure(config, error));
    }
  }
}

async function openOnce(config: AppConfig): Promise<DataSource> {
  const options = await resolveDataSourceOptions(config.database, new TypeOrmNestLogger());
  if (config.database.type !== 'sqlite') return new DataSource(options).initialize();
  const subscribers = [...((options.subscribers as Extract<DataSourceOptions['subscribers'], unknown[]>) ?? []), WatchSqliteCorruption];
  const dataSource = await new DataSource({ ...options, subscribers }).initialize();
  let problem: string | null;
  try {
    problem = await quickCheck(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  if (problem === null) return dataSource;
  await dataSource.destroy();
  throw new DatabaseOpenError(damagedFileMessage(String(dataSource.options.database), config.database.sqlitePath, problem));
}

function describeOpenFailure(config: AppConfig, error: unknown): string {
  const code = databaseErrorCode(error);
  // Node's AggregateError (IPv4 and IPv6 both refused) has an empty message.
  const message = (error instanceof Error && error.message) || code || String(error);
  const reason = code && !message.includes(code) ? `${message} (${code})` : message;
  const database = config.database;
  if (database.type === 'sqlite') {
    const file = resolve(database.sqlitePath);
    const setting = `DB_SQLITE_PATH=${JSON.stringify(database.sqlitePath)} (${file})`;
    if (isFolder(file)) return `cannot open the SQLite database ${setting}: it is a folder; DB_SQLITE_PATH must name a file`;
    if ((error as NodeJS.ErrnoException).syscall === 'mkdir') return `cannot create the folder of the SQLite database ${setting}: ${reason}`;
    if (isDatabaseCorrupt(error))
      return `cannot open the SQLite database ${setting}: ${reason}: restore it from a backup (or move it away to start with an empty database)`;
    return `cannot open the SQLite database ${setting}: ${reason}`;
  }
  const server = `MySQL at DB_HOST:DB_PORT=${database.host}:${database.port}`;
  if (code?.startsWith('ER_ACCESS_DENIED')) return `${server} refuses DB_USER=${JSON.stringify(database.user)} (check DB_USER and DB_PASSWORD): ${reason}`;
  if (code === 'ER_BAD_DB_ERROR') return `${server} has no database DB_NAME=${JSON.stringify(database.name)} (create it first): ${reason}`;
  if (code === 'ER_DBACCESS_DENIED_ERROR')
    return `${server} refuses DB_USER=${JSON.stringify(database.user)} access to DB_NAME=${JSON.stringify(database.name)}: ${reason}`;
  if (code !== undefined && TRANSIENT.has(code)) return `${server} does not answer: ${reason}`;
  return `cannot open the MySQL database DB_NAME=${JSON.stringify(database.name)} on ${server}: ${reason}`;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
