import { Logger } from '@nestjs/common';
import { type AfterQueryEvent, type DataSource, type EntitySubscriberInterface, EventSubscriber } from 'typeorm';
import { databaseErrorCode, isDatabaseCorrupt } from '@holibot/database';

/** How often readiness re-runs PRAGMA quick_check on a damaged file: it reads the whole file, blocking the event loop meanwhile. */
export const RECHECK_INTERVAL_MS = 30_000;
/** At most one error line per interval about a damaged file, however many requests run into it. */
export const REPORT_INTERVAL_MS = 60_000;

const ADVICE = 'restore it from a backup (or move it away to start with an empty database)';

/** A PRAGMA quick_check answer or a driver message, on one line. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Runs `PRAGMA quick_check` (the b-trees and pages of the whole file, not the index contents) on
 * the data source's own connection. Returns null when the file passes, else the first problem.
 */
export async function quickCheck(dataSource: DataSource): Promise<string | null> {
  try {
    const rows = (await dataSource.query('PRAGMA quick_check(1)')) as Array<Record<string, string>>;
    const answer = Object.values(rows[0] ?? {})[0] ?? 'no answer';
    return answer === 'ok' ? null : oneLine(answer);
  } catch (error) {
    if (!isDatabaseCorrupt(error)) throw error;
    return `${oneLine((error as Error).message)} (${databaseErrorCode(error)})`;
  }
}

/** The message that refuses to start on a damaged file. */
export function damagedFileMessage(file: string, variableValue: string, problem: string): string {
  return `the SQLite database DB_SQLITE_PATH=${JSON.stringify(variableValue)} (${file}) is damaged (PRAGMA quick_check: ${problem}): ${ADVICE}`;
}

const integrities = new WeakMap<DataSource, SqliteIntegrity>();

/**
 * Run-time state of a SQLite file that answered with corruption errors: such requests get 503
 * (the exception filter), one error line names the file once per REPORT_INTERVAL_MS, and
 * readiness is down until PRAGMA quick_check passes again.
 */
export class SqliteIntegrity {
  private readonly logger = new Logger('Database');
  private damage: string | null = null;
  private lastCheckAt = Number.NEGATIVE_INFINITY;
  private lastReportAt = Number.NEGATIVE_INFINITY;
  private unreported = 0;

  private constructor(private readonly dataSource: DataSource) {}

  /** The data source's integrity state; null unless it is SQLite. */
  static of(dataSource: DataSource): SqliteIntegrity | null {
    if (dataSource.options.type !== 'better-sqlite3') return null;
    let integrity = integrities.get(dataSource);
    if (!integrity) integrities.set(dataSource, (integrity = new SqliteIntegrity(dataSource)));
    return integrity;
  }

  private get file(): string {
    return String(this.dataSource.options.database);
  }

  /** A query failed: a corruption error marks the file damaged and is reported (rate-limited). */
  noteError(error: unknown): void {
    if (!isDatabaseCorrupt(error)) return;
    this.damage ??= `${oneLine((error as Error).message)} (${databaseErrorCode(error)})`;
    const now = Date.now();
    if (now - this.lastReportAt < REPORT_INTERVAL_MS) {
      this.unreported += 1;
      return;
    }
    const since = this.unreported ? ` (${this.unreported} more corruption errors since the last report)` : '';
    this.lastReportAt = now;
    this.unreported = 0;
    this.logger.error(
      `SQLite database ${this.file} (DB_SQLITE_PATH) is damaged: ${oneLine((error as Error).message)} (${databaseErrorCode(error)})${since}. ` +
        `Requests that read the damaged part get 503 and /health/ready is down until PRAGMA quick_check passes; ${ADVICE}.`,
    );
  }

  /** Whether the file is known to be damaged; while it is, re-checks it at most every RECHECK_INTERVAL_MS. */
  async isDamaged(): Promise<boolean> {
    if (this.damage === null) return false;
    if (Date.now() - this.lastCheckAt < RECHECK_INTERVAL_MS) return true;
    this.lastCheckAt = Date.now();
    const problem = await quickCheck(this.dataSource);
    if (problem !== null) return true;
    this.damage = null;
    this.logger.log(`SQLite database ${this.file} passes PRAGMA quick_check again`);
    return false;
  }
}

/** Feeds every failed query of a SQLite data source to its SqliteIntegrity. */
@EventSubscriber()
export class WatchSqliteCorruption implements EntitySubscriberInterface {
  afterQuery(event: AfterQueryEvent): void {
    if (!event.success) SqliteIntegrity.of(event.dataSource)?.noteError(event.error);
  }
}
