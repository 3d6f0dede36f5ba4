import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatFeedback, createDataSource, type DatabaseConfig } from '@holibot/database';
import { eachDatabase } from '@holibot/database/testing';
import { chatContext } from '../../test/support/chat-context.js';
import { ChatService } from '../chat/chat.service.js';
import { BackupInvalidError, RestoreRefusedError } from './backup.errors.js';
import { BackupJobs } from './backup.jobs.js';
import { BackupModule } from './backup.module.js';
import { BackupService } from './backup.service.js';
import { RestoreService } from './restore.service.js';
import { MIGRATIONS } from '../../../../migrations/index.js';

const START = new Date('2026-06-02T11:00:00.000Z');
const yes = () => Promise.resolve(true);

/** A backup context as the CLI has one: configuration, database, ChatModule for real turns, BackupModule; the clock fixed. */
async function backupContext(database: DatabaseConfig, env: Record<string, string>) {
  const context = await chatContext({ database, now: START, env: { PORT: '0', ...env }, imports: [BackupModule] });
  return { ...context, backups: context.module.get(BackupService), restore: context.module.get(RestoreService) };
}

/** The SHA-256 of each table's rows in primary-key order: equal checksums, equal contents. */
async function tableChecksums(database: DatabaseConfig): Promise<Record<string, string>> {
  const dataSource = await (await createDataSource(database)).initialize();
  try {
    const q = database.type === 'mysql' ? '`' : '"';
    const sums: Record<string, string> = {};
    for (const table of ['ChatFeedback', 'ChatMessage', 'ChatSession', 'ChatSessionCleanupLog', 'ChatTurnStat', 'Poi', 'migrations']) {
      const rows = (await dataSource.query(`SELECT * FROM ${q}${table}${q} ORDER BY ${q}id${q}`)) as unknown[];
      sums[table] = createHash('sha256').update(JSON.stringify(rows)).digest('hex');
    }
    return sums;
  } finally {
    await dataSource.destroy();
  }
}

eachDatabase('backup and restore', (database) => {
  let context: Awaited<ReturnType<typeof backupContext>>;
  let backupDir: string;
  const open = async (env: Record<string, string> = {}) => {
    backupDir = mkdtempSync(join(tmpdir(), 'holibot-backups-'));
    context = await backupContext(database(), { BACKUP_DIR: backupDir, ...env });
  };
  afterEach(() => context?.close());

  it('round trip: real chat turns → backup → rows changed and deleted, a table dropped → restore → every table identical', async () => {
    await open();
    const chat = context.module.get(ChatService);
    const first = await chat.handle({ query: 'Italian restaurants' }, null);
    await chat.handle({ query: 'the first one', sessionId: first.data.sessionId }, null);
    await chat.handle({ query: 'beaches for dogs', language: 'es' }, null);
    const { sessionId, messageId, pois } = first.data;
    await context.dataSource.getRepository(ChatFeedback).insert({
      sessionId,
      messageId,
      rating: 'down',
      reason: 'closed',
      comment: 'Cerrado 🙁',
      poiId: pois[0]!.id,
      language: 'en',
      createdAt: START,
      updatedAt: START,
    });
    const before = await tableChecksums(database());

    const manifest = await context.backups.create({ reason: 'manual' });
    expect(manifest).toMatchObject({ format: 1, databaseType: database().type, encryption: null, reason: 'manual' });
    expect(manifest.rowCounts).toMatchObject({
      ChatSession: 2,
      ChatMessage: 6,
      ChatTurnStat: 3,
      ChatFeedback: 1,
      Poi: 191,
      AlertEvent: 0,
      migrations: MIGRATIONS.length,
    });
    expect(manifest.migrations).toHaveLength(MIGRATIONS.length);
    // Nothing wrote during the dump: the counts are the dump's own.
    expect(manifest.rowCountsExact).toBe(true);
    // Owner-only files and folder.
    const folder = join(backupDir, manifest.timestamp);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    for (const file of readdirSync(folder)) expect([file, statSync(join(folder, file)).mode & 0o777]).toEqual([file, 0o600]);

    const q = database().type === 'mysql' ? '`' : '"';
    await context.dataSource.query(`UPDATE ${q}ChatSession${q} SET ${q}language${q} = 'de'`);
    await context.dataSource.query(`DELETE FROM ${q}ChatMessage${q} WHERE ${q}role${q} = 'assistant'`);
    await context.dataSource.query(`DROP TABLE ${q}ChatSessionCleanupLog${q}`);
    // A table the backup does not know (as a later migration makes): gone after the restore, or the next migrate would fail on it.
    await context.dataSource.query(`CREATE TABLE ${q}LaterTable${q} (${q}id${q} int PRIMARY KEY)`);
    expect(await tableChecksums(database()).catch(() => null)).not.toEqual(before);

    const report = await context.restore.restore(manifest.timestamp, { confirm: yes });
    expect(report.tables.every(({ expected, actual }) => expected === actual)).toBe(true);
    expect(report.safetyBackup).not.toBe(manifest.timestamp);
    expect(await tableChecksums(database())).toEqual(before);
    const runner = (await (await createDataSource(database())).initialize()).createQueryRunner();
    expect(await runner.hasTable('LaterTable')).toBe(false);
    await runner.connection.destroy();
    // The safety backup holds the state the restore replaced (assistant messages deleted).
    const safety = await context.backups.readManifest(report.safetyBackup);
    expect(safety).toMatchObject({ reason: 'before-restore', rowCounts: { ChatMessage: 3, ChatFeedback: 0 } });
  });

  it('refuses a damaged file, a missing file and a foreign backup before touching anything', async () => {
    await open();
    await context.module.get(ChatService).handle({ query: 'museums' }, null);
    const manifest = await context.backups.create({ reason: 'manual' });
    const before = await tableChecksums(database());
    const folder = join(backupDir, manifest.timestamp);
    const databaseFile = join(folder, manifest.files.find((file) => file.role === 'database')!.name);
    const original = readFileSync(databaseFile);

    const damaged = Buffer.from(original);
    damaged[Math.floor(damaged.length / 2)]! ^= 0x01;
    writeFileSync(databaseFile, damaged);
    await expect(context.restore.restore(manifest.timestamp, { confirm: yes })).rejects.toThrow(/does not match its checksum/);
    await expect(context.backups.verify(manifest.timestamp)).rejects.toBeInstanceOf(BackupInvalidError);

    writeFileSync(databaseFile, original);
    const packageFile = join(folder, manifest.files.find((file) => file.role === 'package.json')!.name);
    const packageJson = readFileSync(packageFile);
    writeFileSync(packageFile, ''); // a truncated file
    await expect(context.restore.restore(manifest.timestamp, { confirm: yes })).rejects.toThrow(/package\.json\.gz does not match/);
    writeFileSync(packageFile, packageJson);

    const manifestFile = join(folder, 'manifest.json');
    const manifestJson = JSON.parse(readFileSync(manifestFile, 'utf8')) as { migrations: string[] };
    writeFileSync(manifestFile, JSON.stringify({ ...manifestJson, migrations: [...manifestJson.migrations, 'LaterFeature1999999999999'] }));
    await expect(context.restore.restore(manifest.timestamp, { confirm: yes })).rejects.toThrow(
      /made by a newer HoliBot .*LaterFeature1999999999999 unknown here\): upgrade first/,
    );
    const foreign = { ...manifestJson, databaseType: database().type === 'mysql' ? 'sqlite' : 'mysql' };
    writeFileSync(manifestFile, JSON.stringify(foreign));
    await expect(context.restore.restore(manifest.timestamp, { confirm: yes })).rejects.toThrow(/backup and DB_TYPE is/);

    expect(await tableChecksums(database())).toEqual(before);
    // Nothing was restored, so no safety backup either.
    expect((await context.backups.list()).map((b) => b.timestamp)).toEqual([manifest.timestamp]);
  });

  it('encrypted with BACKUP_ENCRYPTION_KEY: restores with that key; a wrong or missing key is refused', async () => {
    await open({ BACKUP_ENCRYPTION_KEY: 'the right key, long enough' });
    const manifest = await context.backups.create({ reason: 'manual' });
    expect(manifest.encryption).toMatchObject({ algorithm: 'aes-256-gcm', kdf: 'scrypt' });
    expect(manifest.files.every((file) => file.name.endsWith('.gz.enc'))).toBe(true);
    // Not gzip any more: the first bytes are the IV, not 1f 8b.
    const stored = readFileSync(join(backupDir, manifest.timestamp, manifest.files[0]!.name));
    expect(stored.subarray(0, 2).toString('hex')).not.toBe('1f8b');
    const before = await tableChecksums(database());
    await context.close();

    for (const [env, message] of [
      [{ BACKUP_ENCRYPTION_KEY: 'a wrong key, also long enough' }, /cannot be decrypted with this BACKUP_ENCRYPTION_KEY/],
      [{}, /it is encrypted: set BACKUP_ENCRYPTION_KEY/],
    ] as const) {
      context = await backupContext(database(), { BACKUP_DIR: backupDir, ...env });
      await expect(context.restore.restore(manifest.timestamp, { confirm: yes })).rejects.toThrow(message);
      await context.close();
    }
    context = await backupContext(database(), { BACKUP_DIR: backupDir, BACKUP_ENCRYPTION_KEY: 'the right key, long enough' });
    await context.restore.restore(manifest.timestamp, { confirm: yes });
    expect(await tableChecksums(database())).toEqual(before);
  });

  it('refuses while a HoliBot server answers on HOST:PORT, unless forced; and when not confirmed', async () => {
    const server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      await open({ HOST: '127.0.0.1', PORT: String(port) });
      const manifest = await context.backups.create({ reason: 'manual' });
      const refusal = context.restore.restore(manifest.timestamp, { confirm: yes });
      await expect(refusal).rejects.toBeInstanceOf(RestoreRefusedError);
      await expect(refusal).rejects.toThrow(`a HoliBot server answers on http://127.0.0.1:${port}: stop it first`);
      await expect(context.restore.restore(manifest.timestamp, { force: true, confirm: () => Promise.resolve(false) })).rejects.toThrow(/not confirmed/);
      expect(await context.backups.list()).toHaveLength(1);
      await context.restore.restore(manifest.timestamp, { force: true, confirm: yes });
      expect(await context.backups.list()).toHaveLength(2);
    } finally {
      // The probe's keep-alive connection would hold the server (and this Jest worker) open for seconds.
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('the backup job (BACKUP_INTERVAL_HOURS=24, checked hourly)', () => {
  it('backs up when there is none or the newest is 24 hours old, not before; a restart does not reset the interval', async () => {
    const database: DatabaseConfig = { type: 'sqlite', sqlitePath: join(mkdtempSync(join(tmpdir(), 'holibot-job-')), 'holibot.sqlite') };
    const backupDir = mkdtempSync(join(tmpdir(), 'holibot-backups-'));
    const context = await backupContext(database, { BACKUP_DIR: backupDir });
    try {
      const jobs = context.module.get(BackupJobs);
      const at = (hours: number) => context.clock.set(new Date(START.getTime() + hours * 3_600_000));
      expect(await jobs.backupWhenDue()).not.toBeNull();
      at(1);
      expect(await jobs.backupWhenDue()).toBeNull();
      at(23);
      expect(await jobs.backupWhenDue()).toBeNull();
      // The next hourly check, a minute short of 24 hours, counts as due.
      at(23.99);
      expect(await jobs.backupWhenDue()).not.toBeNull();
      // A safety backup before a restore does not count as the scheduled one.
      at(24.5);
      await context.backups.create({ reason: 'before-restore' });
      at(47.99);
      expect(await jobs.backupWhenDue()).not.toBeNull();
      expect((await context.backups.list()).map((b) => b.reason)).toEqual(['scheduled', 'before-restore', 'scheduled', 'scheduled']);
    } finally {
      await context.close();
    }
  });
});

describe('backup retention (BACKUP_RETENTION_DAYS=30)', () => {
  it('40 daily backups → the newest 30 kept; the newest is never pruned however old', async () => {
    const database: DatabaseConfig = { type: 'sqlite', sqlitePath: join(mkdtempSync(join(tmpdir(), 'holibot-retention-')), 'holibot.sqlite') };
    const backupDir = mkdtempSync(join(tmpdir(), 'holibot-backups-'));
    const context = await backupContext(database, { BACKUP_DIR: backupDir });
    try {
      const made: string[] = [];
      for (let day = 0; day < 40; day++) {
        context.clock.set(new Date(START.getTime() + day * 86_400_000));
        made.push((await context.backups.create({ reason: 'scheduled' })).timestamp);
      }
      expect((await context.backups.list()).map((b) => b.timestamp)).toEqual(made.slice(10).reverse());
      expect(readdirSync(backupDir).sort()).toEqual(made.slice(10));
      // A killed backup's partial folder goes at the next prune once it is a day old, not before.
      const stale = join(backupDir, '.20260601-000000.partial');
      const fresh = join(backupDir, '.20260710-000000.partial');
      mkdirSync(stale);
      mkdirSync(fresh);
      utimesSync(stale, new Date(context.clock.now().getTime() - 2 * 86_400_000), new Date(context.clock.now().getTime() - 2 * 86_400_000));
      utimesSync(fresh, context.clock.now(), context.clock.now());
      await context.backups.prune();
      expect([existsSync(stale), existsSync(fresh)]).toEqual([false, true]);
      // A year later, nothing new: the newest stays.
      context.clock.set(new Date(START.getTime() + 400 * 86_400_000));
      expect(await context.backups.prune()).toHaveLength(29);
      expect((await context.backups.list()).map((b) => b.timestamp)).toEqual([made[39]]);
      expect(existsSync(join(backupDir, made[39]!, 'manifest.json'))).toBe(true);
    } finally {
      await context.close();
    }
  });
});
