import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { freshSqliteDatabase } from '@holibot/database/testing';

/** `holibot poi import` as an operator runs it: the built CLI, a file streamed from disk, SQLite. */
const CLI = resolve('dist/apps/api/src/cli.js');
const dir = mkdtempSync(join(tmpdir(), 'holibot-import-e2e-'));
const database = freshSqliteDatabase();
const sqlitePath = database.type === 'sqlite' ? database.sqlitePath : '';
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function holibot(args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    env: { PATH: process.env['PATH'] ?? '', LOG_FILES_ENABLED: 'false', DB_SQLITE_PATH: sqlitePath },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function catalogue(count: number, name: (i: number) => string): string {
  const features = Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      type: 'Feature',
      id: `node/${100 + i}`,
      geometry: { type: 'Point', coordinates: [0.05, 38.64] },
      properties: { name: name(i), amenity: 'restaurant', opening_hours: 'Mo-Su 12:00-23:00' },
    }),
  );
  return `{"type": "FeatureCollection", "features": [\n${features.join(',\n')}\n]}\n`;
}

const rows = () => {
  const db = new Database(sqlitePath, { readonly: true });
  try {
    return db.prepare('SELECT external_id AS id, name FROM Poi ORDER BY external_id').all() as Array<{ id: string; name: string }>;
  } finally {
    db.close();
  }
};

describe('holibot poi import, streamed', () => {
  it('imports a file of 3,000 features; a copy cut short at 60 % (inside feature #1799) exits 1 with the position, after checking only, and changes nothing', () => {
    const file = join(dir, 'catalogue.geojson');
    writeFileSync(
      file,
      catalogue(3000, (i) => `Restaurant ${i}`),
    );
    const first = holibot(['poi', 'import', file, '--source', 'osm']);
    expect(first).toMatchObject({ code: 0, stdout: expect.stringContaining('3000 features — 3000 created, 0 updated, 0 unchanged, 0 skipped.') });
    const before = rows();
    expect(before).toHaveLength(3000);

    const text = catalogue(3000, (i) => `Renamed ${i}`);
    const cut = join(dir, 'cut.geojson');
    // Cut inside feature #1799, 60 % of the way through (a download or a copy that stopped).
    writeFileSync(cut, text.slice(0, text.indexOf('"node/1899"') + 30));
    const failed = holibot(['poi', 'import', cut, '--source', 'osm', '--replace']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).not.toContain('Imported');
    const lines = failed.stderr.trim().split('\n');
    // Progress of the first reading, then the error; no "Storing" line: the database was never written.
    expect(lines.filter((line) => line.startsWith('Checking features'))).toEqual(['Checking features… 1000/1800 (56%)']);
    expect(lines.some((line) => line.startsWith('Storing'))).toBe(false);
    expect(lines.at(-1)).toMatch(
      new RegExp(
        `^holibot: IMPORT_FILE_INVALID: ${cut} is not valid JSON: .* at line 1801, column \\d+, in feature #1799 — the file ends there: is it cut short\\?$`,
      ),
    );
    expect(rows()).toEqual(before);
  });
});
