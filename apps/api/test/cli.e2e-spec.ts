import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { SAMPLE_CATALOGUE } from './support/app.js';
import { freshSqliteDatabase } from '@holibot/database/testing';

const CLI = resolve('dist/apps/api/src/cli.js');
const NPM_SCRIPT = resolve('tools/holibot.mjs');

function holibot(args: string[], env: Record<string, string>, entry = CLI) {
  const result = spawnSync(process.execPath, [entry, ...args], {
    env: { PATH: process.env['PATH'] ?? '', LOG_FILES_ENABLED: 'false', ...env },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function freshSqliteEnv() {
  const fresh = freshSqliteDatabase();
  return { DB_SQLITE_PATH: fresh.type === 'sqlite' ? fresh.sqlitePath : '' };
}

/** Opens the SQLite file directly, not through HoliBot: what is really in it. */
function sqlite<T>(path: string, work: (db: Database.Database) => T): T {
  const db = new Database(path);
  try {
    return work(db);
  } finally {
    db.close();
  }
}

describe('holibot command line', () => {
  const database = freshSqliteDatabase();
  const env = { DB_SQLITE_PATH: database.type === 'sqlite' ? database.sqlitePath : '' };

  it('migrate applies the migrations, then says the schema is up to date and has no drift', () => {
    expect(holibot(['migrate'], env)).toMatchObject({ code: 0, stdout: expect.stringContaining('InitialSchema') });
    expect(holibot(['migrate', '--check'], env)).toMatchObject({ code: 0, stdout: 'Database schema is up to date.\n', stderr: '' });
  });

  it('migrate --check changes nothing: on a fresh database it exits 1 naming the pending migrations, and creates no table', () => {
    const freshEnv = freshSqliteEnv();
    const check = holibot(['migrate', '--check'], freshEnv);
    expect(check).toMatchObject({ code: 1, stdout: '' });
    expect(check.stderr).toMatch(
      /^Pending migrations, not applied: InitialSchema\d+, MessageTokenUsage\d+, CleanupLogDetails\d+, AlertTables\d+, ChatFeedbackTable\d+, ChatTurnStatTable\d+, ChatSessionMoreResults\d+, WidgetRegistryTables\d+, AdminTables\d+ — run `holibot migrate` to apply them\.\n$/,
    );
    expect(sqlite(freshEnv.DB_SQLITE_PATH, (db) => db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all())).toEqual([]);
    expect(holibot(['migrate'], freshEnv)).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(
        /^Applied: InitialSchema\d+, MessageTokenUsage\d+, CleanupLogDetails\d+, AlertTables\d+, ChatFeedbackTable\d+, ChatTurnStatTable\d+, ChatSessionMoreResults\d+, WidgetRegistryTables\d+, AdminTables\d+\n$/,
      ),
    });
    expect(holibot(['migrate', '--check'], freshEnv)).toMatchObject({ code: 0, stdout: 'Database schema is up to date.\n' });
  });

  it('migrate --check exits 1 on a schema that drifted from the entities, and leaves it as it is', () => {
    const freshEnv = freshSqliteEnv();
    expect(holibot(['migrate'], freshEnv).code).toBe(0);
    const index = "SELECT name FROM sqlite_master WHERE name = 'IDX_ChatSessionCleanupLog_run_at'";
    sqlite(freshEnv.DB_SQLITE_PATH, (db) => db.exec('DROP INDEX "IDX_ChatSessionCleanupLog_run_at"'));
    expect(holibot(['migrate', '--check'], freshEnv)).toMatchObject({
      code: 1,
      stdout: '',
      stderr: expect.stringMatching(/^Schema drift — the entities need:\nCREATE INDEX "IDX_ChatSessionCleanupLog_run_at"/),
    });
    expect(sqlite(freshEnv.DB_SQLITE_PATH, (db) => db.prepare(index).all())).toEqual([]);
  });

  it('npm run holibot (tools/holibot.mjs) builds only when needed and passes arguments, output and exit code through', () => {
    const freshEnv = freshSqliteEnv();
    // The first run may build: `npm run build:api` alone leaves no record of the sources it built.
    const first = holibot(['migrate', '--check'], freshEnv, NPM_SCRIPT);
    expect(first).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('Pending migrations, not applied: InitialSchema') });
    // Now dist/ is fresh: no building note, only the CLI's own output and exit code.
    const second = holibot(['migrate'], freshEnv, NPM_SCRIPT);
    expect(second).toMatchObject({
      code: 0,
      stderr: '',
      stdout: expect.stringMatching(
        /^Applied: InitialSchema\d+, MessageTokenUsage\d+, CleanupLogDetails\d+, AlertTables\d+, ChatFeedbackTable\d+, ChatTurnStatTable\d+, ChatSessionMoreResults\d+, WidgetRegistryTables\d+, AdminTables\d+\n$/,
      ),
    });
    expect(holibot(['frobnicate'], freshEnv, NPM_SCRIPT)).toMatchObject({ code: 2, stderr: "error: unknown command 'frobnicate'\n" });
  }, 120_000);

  it('poi import prints created/updated/skipped and each rejected feature with index and reason', () => {
    const first = holibot(['poi', 'import', SAMPLE_CATALOGUE, '--source', 'calpe'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/\d+ created, 0 updated, 0 unchanged, 0 skipped/);
    const file = join(tmpdir(), `holibot-bad-${process.pid}.geojson`);
    writeFileSync(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [{ type: 'Feature', id: 'n/1', geometry: { type: 'Point', coordinates: [0.05, 38.6] }, properties: { name: 'Bench', amenity: 'bench' } }],
      }),
    );
    const bad = holibot(['poi', 'import', file], env);
    expect(bad.code).toBe(0);
    expect(bad.stderr).toContain('rejected feature #0 (n/1): no HoliBot category for amenity=bench');
    expect(bad.stdout).toContain('0 created, 0 updated, 0 unchanged, 1 skipped');
  });

  it('poi import on a fresh database migrates it first, as the server does; with DB_MIGRATE_ON_START=false it says to migrate', () => {
    const fresh = freshSqliteDatabase();
    const freshEnv = { DB_SQLITE_PATH: fresh.type === 'sqlite' ? fresh.sqlitePath : '' };
    expect(holibot(['poi', 'import', SAMPLE_CATALOGUE, '--source', 'calpe'], { ...freshEnv, DB_MIGRATE_ON_START: 'false' })).toMatchObject({
      code: 1,
      stderr: 'holibot: SCHEMA_OUT_OF_DATE: the database schema is not up to date: run `holibot migrate` first (or set DB_MIGRATE_ON_START=true)\n',
    });
    const imported = holibot(['poi', 'import', SAMPLE_CATALOGUE, '--source', 'calpe'], freshEnv);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(
      /^Applied migrations: InitialSchema\d+, MessageTokenUsage\d+, CleanupLogDetails\d+, AlertTables\d+, ChatFeedbackTable\d+, ChatTurnStatTable\d+, ChatSessionMoreResults\d+, WidgetRegistryTables\d+, AdminTables\d+\n[\s\S]*\d+ created/,
    );
  });

  it('a large import shows its progress, checking then storing, each phase ending once at 100 %', () => {
    const sample = JSON.parse(readFileSync(SAMPLE_CATALOGUE, 'utf8'));
    const features = Array.from({ length: 2500 }, (_, i) => ({ ...sample.features[i % sample.features.length], id: `gen/${i}` }));
    const file = join(tmpdir(), `holibot-large-${process.pid}.geojson`);
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
    const result = holibot(['poi', 'import', file, '--source', 'generated'], env);
    expect(result.code).toBe(0);
    const lines = result.stderr.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('Checking features'))).toEqual([
      'Checking features… 1000/2500 (40%)',
      'Checking features… 2000/2500 (80%)',
      'Checking features… 2500/2500 (100%)',
    ]);
    const storing = lines.filter((l) => l.startsWith('Storing places'));
    expect(storing.length).toBe(13); // every 200, then the end
    expect(storing.at(-1)).toBe('Storing places  … 2500/2500 (100%)');
    expect(result.stdout).toContain('2500 features — 2500 created');
  });

  it('migrate --revert names what it reverted, and says so when nothing is left', () => {
    const fresh = freshSqliteDatabase();
    const freshEnv = { DB_SQLITE_PATH: fresh.type === 'sqlite' ? fresh.sqlitePath : '' };
    expect(holibot(['migrate'], freshEnv).code).toBe(0);
    expect(holibot(['migrate', '--revert', '--check'], freshEnv)).toMatchObject({ code: 2, stderr: expect.stringContaining('do not go together') });
    expect(holibot(['migrate', '--revert'], freshEnv)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Reverted AdminTables\d+\.\n$/) });
    expect(holibot(['migrate', '--revert'], freshEnv)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Reverted WidgetRegistryTables\d+\.\n$/) });
    expect(holibot(['migrate', '--revert'], freshEnv)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Reverted ChatSessionMoreResults\d+\.\n$/) });
    expect(holibot(['migrate', '--revert'], freshEnv)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Reverted ChatTurnStatTable\d+\.\n$/) });
    expect(holibot(['migrate', '--revert'], freshEnv)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Reverted ChatFeedbackTable\d+\.\n$/) });
    expect(holibot(['migrate', '--revert'], freshEnv)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Reverted AlertTables\d+\.\n$/) });
    expect(holibot(['migrate', '--revert'], freshEnv)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Reverted CleanupLogDetails\d+\.\n$/) });
    expect(holibot(['migrate', '--revert'], freshEnv)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Reverted MessageTokenUsage\d+\.\n$/) });
    expect(holibot(['migrate', '--revert'], freshEnv)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Reverted InitialSchema\d+\.\n$/) });
    expect(holibot(['migrate', '--revert'], freshEnv)).toMatchObject({ code: 0, stdout: 'No migration has been applied: nothing to revert.\n' });
  });

  it('lists every command, nested ones included, a line each, in --help', () => {
    const help = holibot(['--help'], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^ {2}migrate \[options\] +apply pending database migrations/m);
    expect(help.stdout).toMatch(/^ {2}poi import \[options\] <file> +load a GeoJSON FeatureCollection/m);
    expect(help.stdout).toMatch(/^ {2}cleanup \[options\] +delete expired conversations/m);
    expect(help.stdout).toMatch(/^ {2}monitor \[options\] +session statistics/m);
  });

  it('fails clearly with the error code: missing file → 1, bad usage → 2, bad configuration → 1 naming the variable', () => {
    expect(holibot(['poi', 'import', '/nonexistent.geojson'], env)).toMatchObject({
      code: 1,
      stderr: 'holibot: IMPORT_FILE_INVALID: cannot read /nonexistent.geojson: ENOENT\n',
    });
    expect(holibot(['poi', 'import'], env).code).toBe(2);
    expect(holibot(['frobnicate'], env).code).toBe(2);
    expect(holibot(['poi', 'import', SAMPLE_CATALOGUE, '--source', 'bad name'], env)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('letters, digits'),
    });
    expect(holibot(['migrate'], { ...env, DB_TYPE: 'oracle' })).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('CONFIG_INVALID: Invalid configuration:\n  - DB_TYPE="oracle"'),
    });
  });
});
