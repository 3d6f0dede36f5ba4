import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { DatabaseConfig } from '@holibot/database';
import { connectMysql, databaseEnv, dropMysqlDatabase, freshMysqlDatabase, freshSqliteDatabase, mysqlAvailable } from '@holibot/database/testing';

const CLI = resolve('dist/apps/api/src/cli.js');
const CRON_WRAPPER = resolve('tools/cron/cron-cleanup.sh');
const withMysql = await mysqlAvailable();
const EXPIRED = '2000-01-01 00:00:00.000';
const ACTIVE = '2099-01-01 00:00:00.000';
const CREATED = '2026-06-01 10:00:00.000';
const UPDATED = '2026-06-01 10:02:00.000';

function holibot(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    env: { PATH: process.env['PATH'] ?? '', LOG_FILES_ENABLED: 'false', ...env },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The same, without waiting: for two processes at once. */
function holibotAsync(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env['PATH'] ?? '', LOG_FILES_ENABLED: 'false', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr })));
}

const sessionId = (prefix: string, i: number) => `${prefix}${String(i).padStart(7, '0')}-0000-4000-8000-000000000000`;

describe('holibot cleanup and holibot monitor (SQLite)', () => {
  const database = freshSqliteDatabase();
  const env = { ...databaseEnv(database), SESSION_CLEANUP_BATCH: '2' };
  const path = database.type === 'sqlite' ? database.sqlitePath : '';

  beforeAll(() => {
    expect(holibot(['migrate'], env).code).toBe(0);
    const db = new Database(path);
    try {
      const session = db.prepare(
        'INSERT INTO ChatSession (id, user_id, created_at, updated_at, expires_at, language, message_count) VALUES (?, ?, ?, ?, ?, ?, 2)',
      );
      const message = db.prepare("INSERT INTO ChatMessage (session_id, role, content, language, created_at) VALUES (?, 'user', 'hola', 'es', ?)");
      for (let i = 0; i < 5; i++) {
        session.run(sessionId('e', i), null, CREATED, UPDATED, EXPIRED, 'es');
        message.run(sessionId('e', i), CREATED);
        message.run(sessionId('e', i), CREATED);
      }
      session.run(sessionId('a', 0), 'visitor-1', CREATED, UPDATED, ACTIVE, 'en');
      message.run(sessionId('a', 0), CREATED);
    } finally {
      db.close();
    }
  });

  it('--dry-run counts and deletes nothing', () => {
    expect(holibot(['cleanup', '--dry-run'], env)).toMatchObject({
      code: 0,
      stdout: 'Dry run: 5 expired sessions and 10 messages would be deleted; nothing was deleted.\n',
    });
    expect(new Database(path, { readonly: true }).prepare('SELECT COUNT(*) AS n FROM ChatSession').get()).toEqual({ n: 6 });
  });

  it('deletes the expired sessions with progress per batch and a summary, then monitor shows the run', () => {
    const run = holibot(['cleanup'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Deleted 5 expired sessions and 10 messages in \d+\.\d s \(3 batches\)\.\n$/);
    expect(run.stderr.trim().split('\n')).toEqual([
      'Deleting expired sessions… 2/5 (40%), 4 messages',
      'Deleting expired sessions… 4/5 (80%), 8 messages',
      'Deleting expired sessions… 5/5 (100%), 10 messages',
    ]);
    const json = holibot(['monitor', '--json'], env);
    expect(json.code).toBe(0);
    const stats = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(stats).toEqual({
      totalSessions: 1,
      activeSessions: 1,
      authenticatedSessions: 1,
      avgSessionDurationSeconds: 120,
      recentCleanups: [{ runAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), sessionsDeleted: 5, status: 'ok' }],
    });
    const text = holibot(['monitor'], env);
    expect(text.stdout).toContain('Total sessions: 1\nActive sessions: 1\nAuthenticated: 1\nAvg duration: 120s\n');
    expect(text.stdout).toMatch(/^\d{4}-\d\d-\d\d: 5 sessions cleaned$/m);
  });
});

describe('tools/cron/cron-cleanup.sh', () => {
  it('reads a .env with spaces, quotes, # and = in its values, runs the cleanup, logs by day and prunes logs after 30 days', () => {
    const home = mkdtempSync(join(tmpdir(), 'holibot-cron-'));
    const dataDir = join(home, 'data "quoted" # = dir');
    mkdirSync(dataDir);
    const sqlitePath = join(dataDir, 'holibot.sqlite');
    writeFileSync(
      join(home, '.env'),
      [
        '# HoliBot settings',
        'DB_TYPE=sqlite',
        `DB_SQLITE_PATH='${sqlitePath}'`,
        'DESTINATION_NAME="Calpe # Costa Blanca"  # a comment after the value',
        'USER_TOKEN_SECRET=\'a secret with spaces, "quotes" and = signs, long\'',
        'LOG_FILES_ENABLED=false',
        '',
      ].join('\n'),
      { mode: 0o600 },
    );
    const env = { DB_SQLITE_PATH: sqlitePath };
    expect(holibot(['migrate'], env).code).toBe(0);
    const db = new Database(sqlitePath);
    db.prepare('INSERT INTO ChatSession (id, created_at, updated_at, expires_at) VALUES (?, ?, ?, ?), (?, ?, ?, ?)').run(
      sessionId('e', 0),
      CREATED,
      UPDATED,
      EXPIRED,
      sessionId('e', 1),
      CREATED,
      UPDATED,
      EXPIRED,
    );
    db.close();
    const logs = join(home, 'logs');
    mkdirSync(logs);
    const day = 86_400_000;
    for (const [name, age] of [
      ['cleanup-old.log', 40 * day],
      ['cleanup-recent.log', 10 * day],
    ] as const) {
      writeFileSync(join(logs, name), 'earlier run\n');
      utimesSync(join(logs, name), new Date(Date.now() - age), new Date(Date.now() - age));
    }

    // Only PATH and HOLIBOT_HOME: everything else comes from the .env file.
    const run = spawnSync('bash', [CRON_WRAPPER], { env: { PATH: process.env['PATH'] ?? '', HOLIBOT_HOME: home }, encoding: 'utf8' });
    expect({ code: run.status, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const today = new Date();
    const stamp = [today.getFullYear(), String(today.getMonth() + 1).padStart(2, '0'), String(today.getDate()).padStart(2, '0')].join('-');
    const log = readFileSync(join(logs, `cleanup-${stamp}.log`), 'utf8');
    expect(log).toMatch(/^=== \d{4}-\d\d-\d\dT\S+ holibot cleanup\nDeleted 2 expired sessions and 0 messages in [\d.]+ s \(1 batch\)\.\n=== exit 0\n$/);
    expect(new Database(sqlitePath, { readonly: true }).prepare('SELECT COUNT(*) AS n FROM ChatSession').get()).toEqual({ n: 0 });
    expect(existsSync(join(logs, 'cleanup-old.log'))).toBe(false);
    expect(existsSync(join(logs, 'cleanup-recent.log'))).toBe(true);
  });

  it('passes holibot’s failure on: exit 1, the error in the day’s log', () => {
    const home = mkdtempSync(join(tmpdir(), 'holibot-cron-'));
    writeFileSync(join(home, '.env'), 'DB_TYPE=oracle\nLOG_FILES_ENABLED=false\n', { mode: 0o600 });
    const run = spawnSync('bash', [CRON_WRAPPER], { env: { PATH: process.env['PATH'] ?? '', HOLIBOT_HOME: home }, encoding: 'utf8' });
    expect(run.status).toBe(1);
    const [log] = spawnSync('sh', ['-c', 'cat logs/cleanup-*.log'], { cwd: home, encoding: 'utf8' }).stdout.split('=== exit');
    expect(log).toContain('CONFIG_INVALID');
  });
});

(withMysql ? describe : describe.skip)('holibot cleanup: two processes at once on one MariaDB', () => {
  let database: DatabaseConfig;
  beforeAll(async () => {
    database = await freshMysqlDatabase('cleanup_cli');
  });
  afterAll(() => dropMysqlDatabase(database));

  it('one process runs the cleanup, the other says another instance runs it; one run is logged', async () => {
    const env = { ...databaseEnv(database), SESSION_CLEANUP_BATCH: '100' };
    expect(holibot(['migrate'], env).code).toBe(0);
    if (database.type !== 'mysql') throw new Error('MariaDB expected');
    const connection = await connectMysql(database);
    try {
      // 20,000 expired sessions in batches of 100: a run of a few seconds, far longer than the two starts differ.
      for (let chunk = 0; chunk < 20; chunk++) {
        const rows = Array.from({ length: 1000 }, (_, i) => [sessionId('e', chunk * 1000 + i), CREATED, UPDATED, EXPIRED]);
        await connection.query('INSERT INTO ChatSession (id, created_at, updated_at, expires_at) VALUES ?', [rows]);
      }
      const [first, second] = await Promise.all([holibotAsync(['cleanup'], env), holibotAsync(['cleanup'], env)]);
      const outputs = [first.stdout, second.stdout].sort();
      expect([first.code, second.code]).toEqual([0, 0]);
      expect(outputs[0]).toBe('Another instance is running the session cleanup; nothing done.\n');
      expect(outputs[1]).toMatch(/^Deleted 20000 expired sessions and 0 messages in /);
      const [logs] = await connection.query('SELECT sessions_deleted, status, `trigger` FROM ChatSessionCleanupLog');
      expect(logs).toEqual([{ sessions_deleted: 20000, status: 'ok', trigger: 'cli' }]);
    } finally {
      await connection.end();
    }
  });
});
