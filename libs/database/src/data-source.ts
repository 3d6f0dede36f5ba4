import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataSource, type DataSourceOptions, type LogLevel, type Logger as TypeOrmLogger } from 'typeorm';
import { MIGRATIONS } from '../../../migrations/index.js';
import { ENTITIES } from './entities/index.js';
import { DEFAULT_QUERY_TIMEOUT_MS, DiscardTimedOutConnections, mysqlDriverWithAcquireTimeout } from './mysql-timeouts.js';

/** SQLite page cache per connection, in KiB (SQLite's default; better-sqlite3's is 16 MB). */
export const SQLITE_CACHE_KIB = 2000;

export type DatabaseConfig =
  | { type: 'sqlite'; sqlitePath: string }
  | {
      type: 'mysql';
      host: string;
      port: number;
      user: string;
      password: string;
      name: string;
      poolSize: number;
      /** Longest wait for a connection (pooled or new) and for each query; DEFAULT_QUERY_TIMEOUT_MS when absent. */
      queryTimeoutMs?: number;
      /** Read replicas (same user, password, database) for the reads that tolerate a little lag: see onReadReplica. */
      replicas?: ReadonlyArray<{ host: string; port: number }>;
    };

/**
 * Options for the one data source every part of HoliBot uses: the api, the CLI, the tests.
 * `synchronize` is never on: the schema comes from the migrations only.
 */
export function createDataSourceOptions(config: DatabaseConfig, logger?: TypeOrmLogger, server: MysqlServer = 'mysql'): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logger,
    logging: logger ? (['error', 'warn', 'migration'] satisfies LogLevel[]) : false,
  };
  if (config.type === 'sqlite') {
    const file = resolve(config.sqlitePath);
    mkdirSync(dirname(file), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: file,
      // WAL lets the CLI (imports, backups) read and write while the server runs; with WAL,
      // synchronous=NORMAL cannot corrupt the file and spares an fsync per transaction.
      enableWAL: true,
      prepareDatabase: (db: { pragma(source: string): unknown }) => {
        db.pragma('synchronous = NORMAL');
        // better-sqlite3 raises SQLite's page cache to 16 MB, which a busy server fills and keeps
        // for good (11 MB of idle RSS after the benchmark). The chat path appends rows and reads
        // single sessions; POIs are served from memory. SQLite's own 2 MB is plenty.
        db.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
      },
      timeout: 5000,
    };
  }
  const timeoutMs = config.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  const serverLogin = { username: config.user, password: config.password, database: config.name };
  // TypeORM replication: a mysql2 pool cluster, MASTER and SLAVE0…n. Every query goes to the
  // primary unless it asks for a replica (defaultMode 'master'): the chat reads its own writes.
  const replication = config.replicas?.length
    ? {
        replication: {
          master: { host: config.host, port: config.port, ...serverLogin },
          slaves: config.replicas.map((replica) => ({ host: replica.host, port: replica.port, ...serverLogin })),
          defaultMode: 'master' as const,
          // mysql2's pool cluster (these options go to it): a node that failed is tried again after
          // 1 s instead of being dropped for good (its default), which would leave a primary that
          // was down for a moment unusable until a restart.
          canRetry: true,
          removeNodeErrorCount: 3,
          restoreNodeTimeout: 1000,
        },
      }
    : {};
  return {
    ...common,
    ...replication,
    type: server,
    host: config.host,
    port: config.port,
    username: config.user,
    password: config.password,
    database: config.name,
    charset: 'utf8mb4_unicode_ci',
    // Dates are written and read as UTC, whatever the server's or the process's time zone.
    timezone: 'Z',
    poolSize: config.poolSize,
    // A database that stops answering gives a bounded wait at each step (see mysql-timeouts.ts).
    connectTimeout: timeoutMs,
    maxQueryExecutionTime: timeoutMs,
    enableQueryTimeout: true,
    driver: mysqlDriverWithAcquireTimeout(timeoutMs),
    subscribers: [DiscardTimedOutConnections],
    // trace: false — mysql2 otherwise captures a stack trace on every query (4 % of the
    // server's CPU under the chat benchmark); errors still carry the SQL message and code.
    extra: { enableKeepAlive: true, trace: false },
  };
}

/** TypeORM reads MariaDB's schema differently from MySQL's (column defaults), so it must know which. */
export type MysqlServer = 'mysql' | 'mariadb';

/** Asks a MySQL-protocol server what it is; sqlite needs no answer. */
export async function detectMysqlServer(config: DatabaseConfig): Promise<MysqlServer> {
  if (config.type !== 'mysql') return 'mysql';
  // Loaded only here: a SQLite deployment never needs the MySQL driver in memory.
  const { default: mysql } = await import('mysql2/promise');
  const timeout = config.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  const connection = await mysql.createConnection({
    host: config.host,
    port: config.port,
    user: config.user,
    password: config.password,
    connectTimeout: timeout,
  });
  try {
    const [rows] = await connection.query({ sql: 'SELECT VERSION() AS version', timeout });
    await connection.end();
    return /mariadb/i.test(String((rows as Array<{ version: string }>)[0]?.version)) ? 'mariadb' : 'mysql';
  } catch (error) {
    // end() would wait for a server that does not answer.
    connection.destroy();
    throw error;
  }
}

/** Options for this database, after asking a MySQL server whether it is MariaDB. */
export async function resolveDataSourceOptions(config: DatabaseConfig, logger?: TypeOrmLogger): Promise<DataSourceOptions> {
  return createDataSourceOptions(config, logger, await detectMysqlServer(config));
}

export async function createDataSource(config: DatabaseConfig, logger?: TypeOrmLogger): Promise<DataSource> {
  return new DataSource(await resolveDataSourceOptions(config, logger));
}
