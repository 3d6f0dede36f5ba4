import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { type DataSource, MigrationExecutor, type QueryRunner, type Logger as TypeOrmLogger } from 'typeorm';
import { databaseErrorCode, isDatabaseCorrupt, withoutQueryTimeout } from '@holibot/database';
import type { AppConfig } from '../config/app-config.js';
import { SchemaOutOfDateError } from './database.errors.js';

/** TypeORM's own messages, through the application's logger. */
export class TypeOrmNestLogger implements TypeOrmLogger {
  private readonly logger = new Logger('Database');
  logQuery(): void {}
  logQueryError(error: string | Error, query: string, _parameters?: unknown[], queryRunner?: QueryRunner): void {
    // Reported once in a while by SqliteIntegrity, not once per failed query.
    if (isDatabaseCorrupt(error)) return;
    if (databaseErrorCode(error) === 'PROTOCOL_SEQUENCE_TIMEOUT') {
      const timeout = (queryRunner?.connection.options as { maxQueryExecutionTime?: number } | undefined)?.maxQueryExecutionTime;
      this.logger.warn(`query timed out${timeout ? ` after ${timeout} ms (DB_QUERY_TIMEOUT_MS)` : ''}: ${query.slice(0, 500)}`);
      return;
    }
    this.logger.error(`${error instanceof Error ? error.message : error} — ${query.slice(0, 500)}`);
  }
  logQuerySlow(time: number, query: string, _parameters?: unknown[], queryRunner?: QueryRunner): void {
    // With the query timeout on, a query past maxQueryExecutionTime has failed: logQueryError says so.
    if ((queryRunner?.connection.driver.options as { enableQueryTimeout?: boolean } | undefined)?.enableQueryTimeout) return;
    this.logger.warn(`slow query (${time} ms): ${query.slice(0, 500)}`);
  }
  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }
  logMigration(message: string): void {
    this.logger.log(message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.debug(String(message));
  }
}

/**
 * The one data source (SQLite or MySQL), opened by openDatabase before Nest starts (so that a
 * database that cannot be opened is reported in one line, see open-database.ts).
 */
@Module({})
export class DatabaseModule {
  static forRoot(dataSource: DataSource): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRootAsync({ useFactory: () => dataSource.options, dataSourceFactory: async () => dataSource })],
    };
  }
}

/** Applies pending migrations; returns their names. */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  // Without the query timeout: waiting for the lock and a long schema change are both legitimate.
  const applied = await withoutQueryTimeout(dataSource, () => withMigrationLock(dataSource, () => dataSource.runMigrations({ transaction: 'each' })));
  return applied.map((migration) => migration.name);
}

/** The longest a start waits for another instance's migrations (a schema change on a big table may take a while). */
const MIGRATION_LOCK_WAIT_S = 600;

/**
 * Several instances starting at once on one MySQL database (PM2 cluster, replicas) would run the
 * same migrations side by side — TypeORM takes no lock, and the second fails on "table already
 * exists". A named lock makes them take turns: the first applies them, the others find none
 * pending. SQLite needs none (one writer at a time, and a migration is one transaction).
 */
async function withMigrationLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'mysql' && dataSource.options.type !== 'mariadb') return work();
  const runner = dataSource.createQueryRunner('master');
  try {
    const [{ name }] = (await runner.query("SELECT CONCAT('holibot-migrate:', DATABASE()) AS name")) as Array<{ name: string }>;
    const [row] = (await runner.query('SELECT GET_LOCK(?, ?) AS acquired', [name.slice(0, 64), MIGRATION_LOCK_WAIT_S])) as Array<{
      acquired: number | string | null;
    }>;
    if (Number(row?.acquired) !== 1)
      throw new Error(`another instance has been migrating the database for ${MIGRATION_LOCK_WAIT_S} s; try again when it is done`);
    try {
      return await work();
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [name.slice(0, 64)]).catch(() => undefined);
    }
  } finally {
    await runner.release();
  }
}

/**
 * What the server and the CLI do before using the database: migrate it when DB_MIGRATE_ON_START
 * is true, else refuse a schema with pending migrations in words (not with the first query's
 * "no such table"). Returns the names of the migrations applied.
 */
/**
 * For commands that only read: the schema must be there and current; they never migrate (a
 * mistyped DB_SQLITE_PATH must not become a new, empty database that reports nothing).
 * getPendingMigrations only reads.
 */
export async function requireSchema(dataSource: DataSource): Promise<void> {
  if ((await new MigrationExecutor(dataSource).getPendingMigrations()).length > 0) throw new SchemaOutOfDateError();
}

export async function prepareSchema(dataSource: DataSource, config: AppConfig): Promise<string[]> {
  if (config.migrateOnStart) return migrate(dataSource);
  if (await dataSource.showMigrations()) {
    throw new SchemaOutOfDateError();
  }
  return [];
}
