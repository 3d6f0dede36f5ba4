import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { databaseEnv, freshSqliteDatabase } from '@holibot/database/testing';
import { FIXED_NOW, chatClient, startApp, testEnv } from './support/app.js';

const CLI = resolve('dist/apps/api/src/cli.js');

function holibot(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    env: { PATH: process.env['PATH'] ?? '', NODE_ENV: 'test', LOG_FILES_ENABLED: 'false', HOLIBOT_FIXED_NOW: FIXED_NOW, ...env },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Visitors ask the real server over HTTP; the operator reads `holibot report` on the same database. */
describe('holibot report gaps|usage after real conversations (SQLite)', () => {
  const database = freshSqliteDatabase();
  const env = databaseEnv(database);
  const path = database.type === 'sqlite' ? database.sqlitePath : '';

  beforeAll(async () => {
    const app = await startApp(testEnv(database, { HOLIBOT_FIXED_NOW: FIXED_NOW, RATE_LIMIT_ENABLED: 'false' }));
    try {
      const chat = chatClient(app.url);
      for (const query of ['vegan restaurants', 'Where can I rent a jet ski?', 'where can i rent a JET SKI', '¿Dónde puedo esquiar?', 'beaches', 'hello']) {
        expect((await chat.ask(query)).status).toBe(200);
      }
    } finally {
      await app.close();
    }
  }, 60_000);

  it('gaps --json: what found nothing, by normalised question and language; topics and attributes asked', () => {
    const result = holibot(['report', 'gaps', '--json'], env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const gaps = JSON.parse(result.stdout);
    expect(gaps).toMatchObject({ days: 30, questions: 5 });
    expect(gaps.noResults).toEqual([
      { query: 'where can i rent a jet ski', count: 2, languages: { en: 2 } },
      { query: 'donde puedo esquiar', count: 1, languages: { es: 1 } },
    ]);
    expect(gaps.topics.map((t: { topic: string }) => t.topic)).toEqual(expect.arrayContaining(['restaurants', 'beaches']));
    expect(gaps.attributes).toEqual([expect.objectContaining({ attribute: 'vegan', asked: 1 })]);
    // What the report holds is not tied to a visitor: no session ids, no answers.
    const columns = (new Database(path, { readonly: true }).prepare('PRAGMA table_info(ChatTurnStat)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).not.toContain('session_id');
  });

  it('gaps as text, for a person: the three lists', () => {
    const { code, stdout } = holibot(['report', 'gaps', '--days', '7'], env);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Catalogue gaps, last 7 days \(since 2026-05-27 UTC\): 5 questions\n/);
    expect(stdout).toContain('    2  where can i rent a jet ski  en 2\n');
    expect(stdout).toContain('Most asked topics\n');
    expect(stdout).toMatch(/\nvegan +1 +\d+/);
  });

  it('usage without an LLM says so; --json has the prices the estimate would use', () => {
    expect(holibot(['report', 'usage'], env).stdout).toContain('No LLM calls in this period (answers came from the built-in engine).');
    const usage = JSON.parse(
      holibot(['report', 'usage', '--json', '--days', '1'], { ...env, MISTRAL_PRICE_INPUT_PER_M: '2', MISTRAL_PRICE_OUTPUT_PER_M: '6' }).stdout,
    );
    expect(usage).toMatchObject({ days: 1, since: '2026-06-02T00:00:00.000Z', prices: { inputPerM: 2, outputPerM: 6, currency: 'USD' }, rows: [] });
  });

  it('bad arguments and settings: a clear message and exit code 2 or 1, nothing read', () => {
    expect(holibot(['report', 'gaps', '--days', '0'], env)).toMatchObject({ code: 2, stderr: expect.stringContaining('must be a whole number of at least 1') });
    expect(holibot(['report', 'usage', '--days', 'lots'], env)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('must be a whole number of at least 1'),
    });
    expect(holibot(['report', 'gaps', '--days', '99999'], env)).toMatchObject({ code: 2, stderr: expect.stringContaining('must be at most 3650') });
    expect(holibot(['report', 'frobnicate'], env).code).toBe(2);
    // A report only reads: on a path with no HoliBot database it says so and creates no schema.
    const typo = freshSqliteDatabase();
    expect(holibot(['report', 'gaps'], databaseEnv(typo))).toMatchObject({ code: 1, stderr: expect.stringContaining('SCHEMA_OUT_OF_DATE') });
    const path = typo.type === 'sqlite' ? typo.sqlitePath : '';
    const tables = new Database(path, { readonly: true }).prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'ChatTurnStat'").all();
    expect(tables).toEqual([]);
    expect(holibot(['report', 'usage'], { ...env, MISTRAL_PRICE_INPUT_PER_M: '-1' })).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('MISTRAL_PRICE_INPUT_PER_M="-1": must be at least 0'),
    });
  });
});
