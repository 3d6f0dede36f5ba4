import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ENTITIES } from '@holibot/database';
import { Clock } from '../common/clock.js';
import { ProcessRunner } from '../common/effects/index.js';
import { AppConfig, packageRoot } from '../config/app-config.js';
import { Metrics } from '../observability/metrics/metrics.service.js';
import { DIR_MODE, FILE_MODE, backupKey, fileDigest, newSalt, packFile, unpackFile } from './backup-files.js';
import { BackupFailedError, BackupInvalidError, BackupNotFoundError } from './backup.errors.js';
import { dumpMysql, dumpSqlite, sqliteRowCounts } from './database-dump.js';

export type BackupReason = 'scheduled' | 'manual' | 'before-restore';

/** `manifest.json` of a backup: what it holds and how to check it. */
export interface BackupManifest {
  format: 1;
  timestamp: string;
  createdAt: string;
  holibotVersion: string;
  reason: BackupReason;
  databaseType: 'sqlite' | 'mysql';
  /** The migrations applied to the database, oldest first: its schema level. */
  migrations: string[];
  rowCounts: Record<string, number>;
  /**
   * False when the database changed while the dump ran (MySQL under live traffic: the counts are
   * taken beside the dump's snapshot, not in it), so a restore may differ by those rows.
   */
  rowCountsExact?: boolean;
  /** Hex salt of the scrypt key derivation; null when the files are not encrypted. */
  encryption: { algorithm: 'aes-256-gcm'; kdf: 'scrypt'; salt: string } | null;
  files: Array<{ name: string; role: 'database' | 'env' | 'package.json'; size: number; sha256: string }>;
}

export interface BackupSummary {
  timestamp: string;
  createdAt: string;
  databaseType: 'sqlite' | 'mysql';
  reason: BackupReason;
  encrypted: boolean;
  size: number;
  verifiedAt: string | null;
}

/** `YYYYMMDD-HHmmss` (UTC): the folder name and the `--timestamp` of `holibot restore`. */
export const TIMESTAMP_PATTERN = /^\d{8}-\d{6}$/;
const MANIFEST = 'manifest.json';
const VERIFIED = 'verified.json';

/**
 * Backups in BACKUP_DIR/<YYYYMMDD-HHmmss>/: the database (mysqldump, or SQLite's online backup),
 * `.env` and package.json, each gzipped and, with BACKUP_ENCRYPTION_KEY, encrypted; a manifest
 * with row counts, schema level and the SHA-256 of every file. A backup is written into a hidden
 * `.…partial` folder and renamed when complete, so a listed backup is always whole.
 */
@Injectable()
export class BackupService {
  private readonly logger = new Logger('Backup');

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly processes: ProcessRunner,
    private readonly metrics: Metrics,
  ) {}

  get dir(): string {
    return resolve(this.config.backup.dir);
  }

  async create(options: { reason: BackupReason; prune?: boolean; onProgress?: (step: string) => void }): Promise<BackupManifest> {
    const progress = options.onProgress ?? (() => undefined);
    await mkdir(this.dir, { recursive: true, mode: DIR_MODE });
    const timestamp = await this.freeTimestamp(this.clock.now());
    const partial = join(this.dir, `.${timestamp}.partial`);
    await mkdir(partial, { mode: DIR_MODE });
    let manifest: BackupManifest;
    try {
      const salt = this.config.backup.encryptionKey ? newSalt() : null;
      const key = salt ? backupKey(this.config.backup.encryptionKey!, salt) : null;
      const suffix = key ? '.gz.enc' : '.gz';
      const files: BackupManifest['files'] = [];
      const add = async (role: BackupManifest['files'][number]['role'], source: string, name: string) => {
        files.push({ name: name + suffix, role, ...(await packFile(source, join(partial, name + suffix), key)) });
      };

      progress(`Dumping the ${this.config.database.type === 'mysql' ? 'MySQL' : 'SQLite'} database…`);
      const database = this.config.database;
      const raw = join(partial, database.type === 'mysql' ? 'database.sql' : 'database.sqlite');
      let rowCounts: Record<string, number>;
      let rowCountsExact = true;
      if (database.type === 'mysql') {
        // Counted before and after the dump: equal counts are the dump's; different ones are flagged.
        const before = await this.rowCounts();
        await dumpMysql(this.processes, database, raw);
        rowCounts = await this.rowCounts();
        rowCountsExact = JSON.stringify(before) === JSON.stringify(rowCounts);
      } else {
        await dumpSqlite(this.dataSource, raw);
        // Counted in the copy itself: exact whatever the server writes meanwhile.
        rowCounts = sqliteRowCounts(raw, this.tables());
      }
      const migrations = await this.appliedMigrations();
      progress(`Compressing${key ? ' and encrypting' : ''} ${((await stat(raw)).size / 1024 / 1024).toFixed(1)} MB…`);
      await add('database', raw, database.type === 'mysql' ? 'database.sql' : 'database.sqlite');
      await rm(raw);
      // The configuration: .env holds the secrets without which a database backup is of little use.
      if (existsSync('.env')) await add('env', '.env', 'env');
      await add('package.json', join(packageRoot(), 'package.json'), 'package.json');

      manifest = {
        format: 1,
        timestamp,
        createdAt: this.clock.now().toISOString(),
        holibotVersion: holibotVersion(),
        reason: options.reason,
        databaseType: database.type,
        migrations,
        rowCounts,
        rowCountsExact,
        encryption: salt ? { algorithm: 'aes-256-gcm', kdf: 'scrypt', salt: salt.toString('hex') } : null,
        files,
      };
      await writeFile(join(partial, MANIFEST), JSON.stringify(manifest, null, 2), { mode: FILE_MODE });
      await rename(partial, join(this.dir, timestamp));
      await chmod(join(this.dir, timestamp), DIR_MODE);
      // Read back from disk against the checksums before it counts as made (and as verified).
      await this.verify(timestamp, { deep: false });
      this.metrics.backupMade(files.reduce((sum, file) => sum + file.size, 0));
    } catch (error) {
      for (const folder of [partial, join(this.dir, timestamp)]) await rm(folder, { recursive: true, force: true }).catch(() => undefined);
      throw error instanceof BackupFailedError ? error : new BackupFailedError(error instanceof Error ? error.message : String(error), { cause: error });
    }
    // The backup is made; a folder that cannot be pruned does not make it a failed one.
    if (options.prune !== false) {
      try {
        const pruned = await this.prune();
        if (pruned.length) progress(`Pruned ${pruned.length} backup${pruned.length === 1 ? '' : 's'} older than ${this.config.backup.retentionDays} days.`);
      } catch (error) {
        this.logger.warn(`pruning old backups failed: ${error instanceof Error ? error.message : String(error)}`);
        progress(`Pruning old backups failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return manifest;
  }

  /** Every complete backup, newest first. */
  async list(): Promise<BackupSummary[]> {
    if (!existsSync(this.dir)) return [];
    const summaries: BackupSummary[] = [];
    for (const name of await readdir(this.dir)) {
      if (!TIMESTAMP_PATTERN.test(name)) continue;
      const manifest = await this.readManifest(name).catch(() => null);
      if (!manifest) continue;
      const verified = await readFile(join(this.dir, name, VERIFIED), 'utf8').catch(() => null);
      summaries.push({
        timestamp: name,
        createdAt: manifest.createdAt,
        databaseType: manifest.databaseType,
        reason: manifest.reason,
        encrypted: manifest.encryption !== null,
        size: manifest.files.reduce((sum, file) => sum + file.size, 0),
        verifiedAt: verified ? ((JSON.parse(verified) as { verifiedAt?: string }).verifiedAt ?? null) : null,
      });
    }
    return summaries.sort((a, b) => b.timestamp.localeCompare(a.timestamp));
  }

  /**
   * Every file's size and SHA-256 against the manifest and, for an encrypted backup, every file
   * decrypted and decompressed (a wrong key or a damaged file fails its GCM tag). Throws
   * BackupInvalidError on the first problem; records the time of a successful check.
   * `deep: false`: the checksums only, nothing decompressed or decrypted.
   */
  async verify(timestamp: string, options: { deep?: boolean } = {}): Promise<BackupManifest> {
    const manifest = await this.readManifest(timestamp);
    const folder = join(this.dir, timestamp);
    for (const file of manifest.files) {
      const path = join(folder, file.name);
      if (!existsSync(path)) throw new BackupInvalidError(timestamp, `${file.name} is missing`);
      const digest = await fileDigest(path);
      if (digest.size !== file.size || digest.sha256 !== file.sha256)
        throw new BackupInvalidError(timestamp, `${file.name} does not match its checksum (damaged or changed)`);
    }
    if (options.deep !== false) {
      const key = this.keyFor(manifest);
      for (const file of manifest.files) {
        await unpackFile(join(folder, file.name), null, key).catch((error: unknown) => {
          const reason = manifest.encryption
            ? 'it cannot be decrypted with this BACKUP_ENCRYPTION_KEY (wrong key?)'
            : `it does not decompress (${(error as Error).message})`;
          throw new BackupInvalidError(timestamp, `${file.name}: ${reason}`);
        });
      }
    }
    await this.markVerified(timestamp);
    return manifest;
  }

  /** Backups older than BACKUP_RETENTION_DAYS, deleted; never the newest. Their timestamps. */
  async prune(): Promise<string[]> {
    const cutoff = this.clock.now().getTime() - this.config.backup.retentionDays * 86_400_000;
    const [, ...older] = await this.list();
    const pruned: string[] = [];
    // What a crashed or killed backup left behind (a day is longer than any backup takes).
    for (const name of await readdir(this.dir).catch(() => [] as string[])) {
      if (!/^\.\d{8}-\d{6}\.partial$/.test(name)) continue;
      const folder = join(this.dir, name);
      if ((await stat(folder)).mtimeMs < this.clock.now().getTime() - 86_400_000) await rm(folder, { recursive: true, force: true });
    }
    for (const backup of older) {
      // As `find -mtime +N` counts: a backup exactly N days old is past its time.
      if (Date.parse(backup.createdAt) > cutoff) continue;
      await rm(join(this.dir, backup.timestamp), { recursive: true, force: true });
      pruned.push(backup.timestamp);
    }
    return pruned;
  }

  async readManifest(timestamp: string): Promise<BackupManifest> {
    if (!TIMESTAMP_PATTERN.test(timestamp)) throw new BackupNotFoundError(timestamp, this.dir);
    const folder = join(this.dir, timestamp);
    if (!existsSync(folder)) throw new BackupNotFoundError(timestamp, this.dir);
    let manifest: BackupManifest;
    try {
      manifest = JSON.parse(await readFile(join(folder, MANIFEST), 'utf8')) as BackupManifest;
    } catch (error) {
      throw new BackupInvalidError(timestamp, `its ${MANIFEST} is missing or not JSON (${(error as Error).message})`);
    }
    if (manifest.format !== 1 || !Array.isArray(manifest.files) || !manifest.files.some((file) => file.role === 'database')) {
      throw new BackupInvalidError(timestamp, `its ${MANIFEST} is not a HoliBot backup manifest`);
    }
    return manifest;
  }

  /** The key for this backup's files, or null when they are not encrypted. */
  keyFor(manifest: BackupManifest): Buffer | null {
    if (!manifest.encryption) return null;
    if (!this.config.backup.encryptionKey)
      throw new BackupInvalidError(manifest.timestamp, 'it is encrypted: set BACKUP_ENCRYPTION_KEY to the key it was made with');
    return backupKey(this.config.backup.encryptionKey, Buffer.from(manifest.encryption.salt, 'hex'));
  }

  async rowCounts(dataSource: DataSource = this.dataSource): Promise<Record<string, number>> {
    const q = this.config.database.type === 'mysql' ? '`' : '"';
    const counts: Record<string, number> = {};
    for (const table of this.tables()) {
      // A table that is gone (the state a restore is about to repair) is left out, not an error.
      const rows = (await dataSource.query(`SELECT COUNT(*) AS n FROM ${q}${table}${q}`).catch(() => null)) as Array<{ n: number | string }> | null;
      if (rows) counts[table] = Number(rows[0]?.n ?? 0);
    }
    return counts;
  }

  /** The tables a backup counts: every entity's and TypeORM's migrations table. */
  private tables(): string[] {
    return [...ENTITIES.map((entity) => this.dataSource.getMetadata(entity).tableName), 'migrations'].sort();
  }

  private async appliedMigrations(): Promise<string[]> {
    const rows = (await this.dataSource.query('SELECT name FROM migrations ORDER BY id')) as Array<{ name: string }>;
    return rows.map((row) => row.name);
  }

  private async markVerified(timestamp: string): Promise<void> {
    await writeFile(join(this.dir, timestamp, VERIFIED), JSON.stringify({ verifiedAt: this.clock.now().toISOString() }), { mode: FILE_MODE });
  }

  /** The instant's timestamp, or the next free second: two backups never share a folder. */
  private async freeTimestamp(at: Date): Promise<string> {
    for (let offset = 0; ; offset += 1000) {
      const timestamp = formatTimestamp(new Date(at.getTime() + offset));
      if (!existsSync(join(this.dir, timestamp))) return timestamp;
    }
  }
}

export function formatTimestamp(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}

function holibotVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
