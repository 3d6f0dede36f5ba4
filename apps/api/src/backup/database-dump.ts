import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { DataSource } from 'typeorm';
import type { DatabaseConfig } from '@holibot/database';
import type { ProcessRunner } from '../common/effects/index.js';

type MysqlConfig = Extract<DatabaseConfig, { type: 'mysql' }>;
/** A dump or a restore of a large database takes minutes, not hours. */
const CLIENT_TIMEOUT_MS = 60 * 60_000;

/**
 * SQLite: the online backup API of better-sqlite3 on the connection the application already
 * uses (a second connection's writes would restart it), then PRAGMA integrity_check on the copy.
 */
export async function dumpSqlite(dataSource: DataSource, target: string): Promise<void> {
  const connection = (dataSource.driver as unknown as { databaseConnection: Database.Database }).databaseConnection;
  // All pages in one step: copied in steps, a write from another connection (the server, while
  // the command line backs up) restarts the copy, and a busy server could keep it from ending.
  await connection.backup(target, { progress: ({ totalPages }) => Math.max(totalPages, 1) });
  // A plain file, not a WAL database: one file to pack, no -wal/-shm beside it (the server sets WAL again when it opens it).
  const copy = new Database(target, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  checkSqliteFile(target);
}

/** Row counts of `tables` in a SQLite file (a table that is missing is left out). */
export function sqliteRowCounts(path: string, tables: readonly string[]): Record<string, number> {
  const copy = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const counts: Record<string, number> = {};
    for (const table of tables) {
      try {
        counts[table] = (copy.prepare(`SELECT COUNT(*) AS n FROM "${table.replace(/"/g, '""')}"`).get() as { n: number }).n;
      } catch {
        // Not in this file.
      }
    }
    return counts;
  } finally {
    copy.close();
  }
}

/** Throws unless `path` is a SQLite database that passes PRAGMA integrity_check. */
export function checkSqliteFile(path: string): void {
  const copy = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const rows = copy.pragma('integrity_check') as Array<{ integrity_check: string }>;
    const problems = rows.map((row) => row.integrity_check).filter((result) => result !== 'ok');
    if (problems.length) throw new Error(`integrity_check: ${problems.slice(0, 3).join('; ')}`);
  } finally {
    copy.close();
  }
}

/**
 * MySQL/MariaDB with the real mysqldump (mariadb-dump where only that exists): one consistent
 * snapshot (`--single-transaction`), streamed row by row (`--quick`). The credentials go in a
 * 0600 option file, never on the command line (where `ps` shows them) or in a log.
 */
export async function dumpMysql(runner: ProcessRunner, config: MysqlConfig, target: string): Promise<void> {
  const args = ['--single-transaction', '--quick', '--no-tablespaces', '--routines', '--skip-comments', `--result-file=${target}`, config.name];
  await withOptionFile(config, async (optionFile) => {
    const result = await firstAvailable(runner, ['mysqldump', 'mariadb-dump'], [`--defaults-extra-file=${optionFile}`, ...args]);
    if (result.code !== 0)
      throw new Error(`mysqldump exited with ${result.timedOut ? 'a timeout' : (result.code ?? result.signal)}: ${result.stderr.trim().slice(0, 500)}`);
  });
}

/**
 * Loads a dump made by dumpMysql into the configured database with the mysql (or mariadb) client,
 * in place of every table there: a table the dump does not hold (made by a later migration)
 * would otherwise stay and break the next start's migrations.
 */
export async function loadMysql(runner: ProcessRunner, config: MysqlConfig, dumpFile: string): Promise<void> {
  await withOptionFile(config, async (optionFile) => {
    // `source` (a client command: on a line of its own) reads the file itself: a dump of any size
    // never passes through this process.
    const dropEverything = [
      'SET SESSION group_concat_max_len = 1048576',
      "SET @tables = (SELECT GROUP_CONCAT(CONCAT('`', REPLACE(table_name, '`', '``'), '`')) FROM information_schema.tables WHERE table_schema = DATABASE())",
      "SET @drop = IF(@tables IS NULL, 'DO 0', CONCAT('DROP TABLE ', @tables))",
      'SET FOREIGN_KEY_CHECKS = 0',
      'PREPARE dropping FROM @drop',
      'EXECUTE dropping',
      'DEALLOCATE PREPARE dropping',
      'SET FOREIGN_KEY_CHECKS = 1',
    ].join('; ');
    const args = [`--defaults-extra-file=${optionFile}`, '--batch', config.name, '-e', `${dropEverything};\nsource ${dumpFile}`];
    const result = await firstAvailable(runner, ['mysql', 'mariadb'], args);
    if (result.code !== 0)
      throw new Error(`mysql exited with ${result.timedOut ? 'a timeout' : (result.code ?? result.signal)}: ${result.stderr.trim().slice(0, 500)}`);
  });
}

async function withOptionFile<T>(config: MysqlConfig, work: (path: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'holibot-mysql-'));
  const path = join(dir, 'client.cnf');
  try {
    // Quoted option values: a password may hold spaces, # or quotes.
    const quote = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    await writeFile(path, `[client]\nhost=${quote(config.host)}\nport=${config.port}\nuser=${quote(config.user)}\npassword=${quote(config.password)}\n`, {
      mode: 0o600,
    });
    await chmod(path, 0o600);
    return await work(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function firstAvailable(runner: ProcessRunner, commands: string[], args: string[]) {
  for (const [i, command] of commands.entries()) {
    try {
      return await runner.run(command, args, { timeoutMs: CLIENT_TIMEOUT_MS, maxOutputBytes: 64 * 1024 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || i === commands.length - 1) {
        throw new Error(`cannot run ${commands.join(' or ')}: ${(error as Error).message} (install the MySQL or MariaDB client)`, { cause: error });
      }
    }
  }
  throw new Error('unreachable');
}
