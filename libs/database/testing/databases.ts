import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import type { DatabaseConfig } from '@holibot/database';

/** The machine's MariaDB/MySQL for tests: 127.0.0.1:3306, root, no password unless told otherwise. */
const MYSQL = {
  host: process.env['TEST_MYSQL_HOST'] ?? '127.0.0.1',
  port: Number(process.env['TEST_MYSQL_PORT'] ?? 3306),
  user: process.env['TEST_MYSQL_USER'] ?? 'root',
  password: process.env['TEST_MYSQL_PASSWORD'] ?? '',
};

let availability: Promise<boolean> | null = null;

/**
 * Whether MySQL answers. When it does not, the MySQL suites are skipped with a loud notice —
 * except under CI (CI=true) or TEST_REQUIRE_MYSQL=1, where its absence is a failure.
 */
export function mysqlAvailable(): Promise<boolean> {
  availability ??= (async () => {
    try {
      const connection = await mysql.createConnection({ ...MYSQL, connectTimeout: 3000 });
      await connection.end();
      return true;
    } catch (error) {
      if (process.env['CI'] === 'true' || process.env['TEST_REQUIRE_MYSQL'] === '1') {
        throw new Error(`MySQL is required for this run but does not answer at ${MYSQL.host}:${MYSQL.port}: ${(error as Error).message}`, { cause: error });
      }
      console.warn(
        `\n${'!'.repeat(78)}\n!! MySQL/MariaDB does not answer at ${MYSQL.host}:${MYSQL.port}: MySQL test suites are SKIPPED.\n!! Start MariaDB to run them (CI requires them).\n${'!'.repeat(78)}\n`,
      );
      return false;
    }
  })();
  return availability;
}

/**
 * A fresh, empty MySQL database of this test file's own (dropped and created). Its name carries
 * the test run (the Jest parent process) and the worker, so that two runs on one server — two
 * checkouts, or CI next to a developer — never share a database.
 */
export async function freshMysqlDatabase(name: string): Promise<DatabaseConfig> {
  const database = `holibot_test_${name}_${process.ppid}_${process.env['JEST_WORKER_ID'] ?? '0'}`.replace(/[^a-z0-9_]/gi, '_');
  const connection = await mysql.createConnection(MYSQL);
  await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await connection.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await connection.end();
  return { type: 'mysql', ...MYSQL, name: database, poolSize: 5 };
}

export async function dropMysqlDatabase(config: DatabaseConfig): Promise<void> {
  if (config.type !== 'mysql') return;
  const connection = await mysql.createConnection(MYSQL);
  await connection.query(`DROP DATABASE IF EXISTS \`${config.name}\``);
  await connection.end();
}

/** A new SQLite file in a new temporary directory. */
export function freshSqliteDatabase(): DatabaseConfig {
  return { type: 'sqlite', sqlitePath: join(mkdtempSync(join(tmpdir(), 'holibot-test-')), 'holibot.sqlite') };
}

export function databaseEnv(config: DatabaseConfig): Record<string, string> {
  if (config.type !== 'mysql') return { DB_TYPE: 'sqlite', DB_SQLITE_PATH: config.sqlitePath };
  return {
    DB_TYPE: 'mysql',
    DB_HOST: config.host,
    DB_PORT: String(config.port),
    DB_USER: config.user,
    DB_PASSWORD: config.password,
    DB_NAME: config.name,
  };
}

/** A plain mysql2 connection to a test database, as an outside script (the seed's monitoring) would open one. */
export function connectMysql(config: DatabaseConfig): Promise<mysql.Connection> {
  if (config.type !== 'mysql') throw new Error('connectMysql: a MySQL database expected');
  return mysql.createConnection({ host: config.host, port: config.port, user: config.user, password: config.password, database: config.name });
}
