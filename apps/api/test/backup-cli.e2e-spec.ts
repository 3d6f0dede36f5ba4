import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';

const CLI = resolve('dist/apps/api/src/cli.js');

/** The built CLI in `cwd` (where .env is read and written), its configuration from `env` only. */
function holibot(args: string[], env: Record<string, string>, cwd: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', LOG_FILES_ENABLED: 'false', ...env },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('holibot backup, backup list, backup verify, restore (SQLite)', () => {
  const home = mkdtempSync(join(tmpdir(), 'holibot-backup-cli-'));
  const sqlitePath = join(home, 'holibot.sqlite');
  const env = { DB_SQLITE_PATH: sqlitePath, BACKUP_DIR: join(home, 'backups'), PORT: '0' };
  const run = (...args: string[]) => holibot(args, env, home);
  const count = (table: string) => (new Database(sqlitePath, { readonly: true }).prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
  let timestamp: string;

  beforeAll(() => {
    writeFileSync(join(home, '.env'), 'DESTINATION_NAME="Calpe # before"\n', { mode: 0o600 });
    expect(run('poi', 'import', resolve('tools/catalogues/calpe.sample.geojson')).code).toBe(0);
  });

  it('backup: progress on stderr, one summary line, listed and verified', () => {
    const made = run('backup');
    expect(made.code).toBe(0);
    expect(made.stderr).toMatch(/^Dumping the SQLite database…\nCompressing [\d.]+ MB…\n$/);
    const match =
      /^Backup (\d{8}-\d{6}) in .+: 3 files, [\d.]+ MB \(AdminSession 0, AdminUser 0, AlertEvent 0, AlertRuleState 0, AuditLog \d+, ChatFeedback 0, ChatMessage 0, ChatSession 0, ChatSessionCleanupLog 0, ChatTurnStat 0, Poi 191, WidgetDeployment \d, WidgetVersion \d, migrations 9\)\.\n$/.exec(
        made.stdout,
      );
    expect(match).not.toBeNull();
    timestamp = match![1]!;
    const list = JSON.parse(run('backup', 'list', '--json').stdout) as Array<Record<string, unknown>>;
    expect(list).toEqual([
      {
        timestamp,
        createdAt: expect.any(String),
        databaseType: 'sqlite',
        reason: 'manual',
        encrypted: false,
        size: expect.any(Number),
        verifiedAt: expect.any(String),
      },
    ]);
    expect(run('backup', 'list').stdout).toMatch(new RegExp(`^${timestamp} +[\\d.]+ MB +sqlite +no +manual +\\d{4}-`, 'm'));
    expect(run('backup', 'verify', `--timestamp=${timestamp}`)).toMatchObject({
      code: 0,
      stdout: `Backup ${timestamp} is intact: 3 files match their checksums.\n`,
    });
  });

  it('restore: asks for --yes off a terminal; restores with it, .env only with --with-config, and prints the row counts', () => {
    new Database(sqlitePath).exec('DELETE FROM "Poi" WHERE id > 100');
    writeFileSync(join(home, '.env'), 'DESTINATION_NAME="Calpe # after"\n', { mode: 0o600 });
    expect(run('restore', `--timestamp=${timestamp}`)).toMatchObject({
      code: 2,
      stderr: 'holibot: INVALID_REQUEST: not a terminal, so nobody can confirm: pass --yes\n',
    });
    expect(count('Poi')).toBe(100);

    const restored = run('restore', `--timestamp=${timestamp}`, '--yes');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(new RegExp(`^Restored backup ${timestamp} \\(safety backup of the state before: \\d{8}-\\d{6}\\)\\.\\n`));
    expect(restored.stdout).toMatch(/^Poi +191 +191$/m);
    expect(restored.stderr).toContain(`Verifying backup ${timestamp}…\nSafety backup of the current state…`);
    expect(count('Poi')).toBe(191);
    expect(readFileSync(join(home, '.env'), 'utf8')).toContain('after');

    expect(run('restore', `--timestamp=${timestamp}`, '--yes', '--with-config')).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('.env restored from the backup.'),
    });
    expect(readFileSync(join(home, '.env'), 'utf8')).toBe('DESTINATION_NAME="Calpe # before"\n');
    // Restored readable by its owner only: it holds the secrets.
    expect(statSync(join(home, '.env')).mode & 0o777).toBe(0o600);
  });

  // A terminal from util-linux `script`: the restore asks, and only "yes" goes on.
  it('restore on a terminal asks for confirmation: anything but "yes" changes nothing', () => {
    const onTerminal = (answer: string) => {
      const result = spawnSync('script', ['-qec', `${process.execPath} ${CLI} restore --timestamp=${timestamp}`, '/dev/null'], {
        cwd: home,
        env: { PATH: process.env['PATH'] ?? '', LOG_FILES_ENABLED: 'false', TERM: 'dumb', ...env },
        input: `${answer}\n`,
        encoding: 'utf8',
      });
      return { code: result.status, output: result.stdout };
    };
    new Database(sqlitePath).exec('DELETE FROM "Poi" WHERE id > 150');
    const backupsBefore = readdirSync(join(home, 'backups')).length;
    const refused = onTerminal('no');
    expect(refused.code).toBe(1);
    expect(refused.output).toContain(`Replace the current sqlite database with backup ${timestamp}`);
    expect(refused.output).toContain('RESTORE_REFUSED: not confirmed: nothing was changed');
    expect(count('Poi')).toBe(150);
    expect(readdirSync(join(home, 'backups'))).toHaveLength(backupsBefore);
    expect(onTerminal('yes').code).toBe(0);
    expect(count('Poi')).toBe(191);
  });

  it('restore exits 1 when the row counts differ from exact ones; counts taken while the server wrote only get a note', () => {
    const manifestFile = join(home, 'backups', timestamp, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { rowCounts: Record<string, number>; rowCountsExact?: boolean };
    expect(manifest.rowCountsExact).toBe(true);
    writeFileSync(manifestFile, JSON.stringify({ ...manifest, rowCounts: { ...manifest.rowCounts, Poi: 190 } }));
    const differs = run('restore', `--timestamp=${timestamp}`, '--yes');
    expect(differs).toMatchObject({ code: 1, stderr: expect.stringContaining('the row counts differ from the backup manifest') });
    expect(differs.stdout).toMatch(/^Poi +190 +191 +← differs$/m);
    writeFileSync(manifestFile, JSON.stringify({ ...manifest, rowCounts: { ...manifest.rowCounts, Poi: 190 }, rowCountsExact: false }));
    expect(run('restore', `--timestamp=${timestamp}`, '--yes')).toMatchObject({ code: 0, stdout: expect.stringContaining('its counts are approximate') });
    writeFileSync(manifestFile, JSON.stringify(manifest));
  });

  it('fails clearly: a malformed timestamp → 2, an unknown one → BACKUP_NOT_FOUND, a damaged one → BACKUP_INVALID (1)', () => {
    expect(run('restore', '--timestamp=yesterday', '--yes').code).toBe(2);
    expect(run('restore', '--timestamp=20000101-000000', '--yes')).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^holibot: BACKUP_NOT_FOUND: no backup 20000101-000000 in /m),
    });
    const manifest = JSON.parse(readFileSync(join(home, 'backups', timestamp, 'manifest.json'), 'utf8')) as { files: Array<{ name: string }> };
    const file = join(home, 'backups', timestamp, manifest.files[0]!.name);
    const bytes = readFileSync(file);
    bytes[10]! ^= 0xff;
    writeFileSync(file, bytes);
    expect(run('backup', 'verify', `--timestamp=${timestamp}`)).toMatchObject({ code: 1, stderr: expect.stringContaining('BACKUP_INVALID: backup') });
    expect(run('restore', `--timestamp=${timestamp}`, '--yes')).toMatchObject({ code: 1, stderr: expect.stringContaining('does not match its checksum') });
  });
});
