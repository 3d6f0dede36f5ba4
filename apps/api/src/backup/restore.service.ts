import { chmod, chown, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createDataSource } from '@holibot/database';
import { ProcessRunner } from '../common/effects/index.js';
import { AppConfig } from '../config/app-config.js';
import { FILE_MODE, unpackFile } from './backup-files.js';
import { BackupInvalidError, RestoreRefusedError } from './backup.errors.js';
import { type BackupManifest, BackupService } from './backup.service.js';
import { checkSqliteFile, loadMysql } from './database-dump.js';

export interface RestoreOptions {
  /** Restore although a HoliBot server answers on HOST:PORT. */
  force?: boolean;
  /** Also put the backup's .env in place of the current one. */
  withConfig?: boolean;
  /** Asked once everything is checked and before anything changes; false stops the restore. */
  confirm: (manifest: BackupManifest) => Promise<boolean>;
  onProgress?: (step: string) => void;
}

export interface RestoreReport {
  restored: BackupManifest;
  /** The backup of the state that the restore replaced. */
  safetyBackup: string;
  /** Every table: its row count in the manifest and in the database after the restore. */
  tables: Array<{ table: string; expected: number; actual: number }>;
  configRestored: boolean;
}

/**
 * `holibot restore --timestamp=…`: verify, refuse what must not be restored, take a safety
 * backup, put the backup in place, then compare the row counts with the manifest. The seed's
 * runbook stops the server first: a restore refuses while one answers, unless forced.
 */
@Injectable()
export class RestoreService {
  constructor(
    private readonly backups: BackupService,
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly processes: ProcessRunner,
  ) {}

  async restore(timestamp: string, options: RestoreOptions): Promise<RestoreReport> {
    const progress = options.onProgress ?? (() => undefined);
    progress(`Verifying backup ${timestamp}…`);
    const manifest = await this.backups.verify(timestamp);
    if (manifest.databaseType !== this.config.database.type) {
      throw new BackupInvalidError(timestamp, `it is a ${manifest.databaseType} backup and DB_TYPE is ${this.config.database.type}`);
    }
    if (options.withConfig && !manifest.files.some((file) => file.role === 'env')) throw new BackupInvalidError(timestamp, 'it holds no .env (--with-config)');
    const known = new Set(this.dataSource.migrations.map((migration) => migration.name));
    const unknown = manifest.migrations.filter((name) => !known.has(name));
    if (unknown.length) {
      throw new BackupInvalidError(
        timestamp,
        `it was made by a newer HoliBot (${manifest.holibotVersion}; migration ${unknown.join(', ')} unknown here): upgrade first`,
      );
    }
    if (!options.force && (await this.serverAnswers())) {
      throw new RestoreRefusedError(
        `a HoliBot server answers on ${this.serverUrl()}: stop it first (the runbook: stop, restore, start), or pass --force to restore under it`,
      );
    }
    if (!(await options.confirm(manifest))) throw new RestoreRefusedError('not confirmed: nothing was changed');

    progress('Safety backup of the current state…');
    const safety = await this.backups.create({ reason: 'before-restore', prune: false, onProgress: (step) => progress(`  ${step}`) });
    progress(`  ${safety.timestamp}`);

    const key = this.backups.keyFor(manifest);
    const database = manifest.files.find((file) => file.role === 'database')!;
    const folder = join(this.backups.dir, timestamp);
    let counted = this.dataSource;
    if (this.config.database.type === 'mysql') {
      const work = await mkdtemp(join(tmpdir(), 'holibot-restore-'));
      try {
        const sql = join(work, 'database.sql');
        progress('Unpacking the dump…');
        await unpackFile(join(folder, database.name), sql, key);
        progress('Loading it into MySQL…');
        await loadMysql(this.processes, this.config.database, sql);
      } finally {
        await rm(work, { recursive: true, force: true });
      }
    } else {
      const target = this.config.database.sqlitePath;
      const staged = join(dirname(target), `.restore-${timestamp}.sqlite`);
      try {
        progress('Unpacking the database file…');
        await unpackFile(join(folder, database.name), staged, key);
        checkSqliteFile(staged);
        progress('Swapping it in…');
        // Closed first: the connection checkpoints its WAL into the old file, which is then replaced
        // whole; a stale -wal or -shm beside the new file would be read as part of it.
        const owner = await stat(target).catch(() => null);
        if (this.dataSource.isInitialized) await this.dataSource.destroy();
        for (const stale of [`${target}-wal`, `${target}-shm`]) await rm(stale, { force: true });
        await rename(staged, target);
        await chmod(target, owner ? owner.mode & 0o777 : FILE_MODE);
        // Restored by another user (root, an operator) than the server's: the file keeps the old owner, or the server could not open it.
        if (owner) await chown(target, owner.uid, owner.gid).catch(() => undefined);
      } finally {
        await rm(staged, { force: true });
      }
      counted = await (await createDataSource(this.config.database)).initialize();
    }

    let configRestored = false;
    if (options.withConfig) {
      const env = manifest.files.find((file) => file.role === 'env')!;
      const staged = '.env.restoring';
      await unpackFile(join(folder, env.name), staged, key);
      // It holds the secrets: readable by its owner only, as `chmod 600 .env` (the start warns otherwise).
      await chmod(staged, 0o600);
      await rename(staged, '.env');
      configRestored = true;
    }

    progress('Counting rows…');
    const actual = await this.backups.rowCounts(counted);
    if (counted !== this.dataSource) await counted.destroy();
    const tables = Object.keys({ ...manifest.rowCounts, ...actual })
      .sort()
      .map((table) => ({ table, expected: manifest.rowCounts[table] ?? 0, actual: actual[table] ?? 0 }));
    return { restored: manifest, safetyBackup: safety.timestamp, tables, configRestored };
  }

  private serverUrl(): string {
    const host = this.config.host === '0.0.0.0' || this.config.host === '::' ? '127.0.0.1' : this.config.host;
    return `http://${host.includes(':') ? `[${host}]` : host}:${this.config.port}`;
  }

  /**
   * A HoliBot server on this configuration's HOST:PORT (its /health/live answers). One plain
   * request without keep-alive: no pooled socket outlives the check in this process.
   */
  private serverAnswers(): Promise<boolean> {
    if (this.config.port === 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const request = httpGet(`${this.serverUrl()}/health/live`, { agent: false, timeout: 1500 }, (response) => {
        response.resume();
        resolve(response.statusCode === 200 || response.statusCode === 503);
      });
      request.on('timeout', () => request.destroy());
      request.on('error', () => resolve(false));
    });
  }
}
