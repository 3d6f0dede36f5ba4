import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DatabaseConfig } from '@holibot/database';
import { STACK_FRAME, runToExit, testEnv } from './support/app.js';
import { dropMysqlDatabase, freshMysqlDatabase, mysqlAvailable } from '@holibot/database/testing';

const withMysql = await mysqlAvailable();
const CLI = resolve('dist/apps/api/src/cli.js');

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/** Exit code 1; `needle` (the file, or host:port) on exactly one line, that line the failure; no stack anywhere. */
function expectOneLineFailure(result: { code: number | null; output: string }, needle: string, prefix: string, pattern: RegExp): void {
  expect(result.code).toBe(1);
  const lines = result.output.split('\n').filter((line) => line.includes(needle));
  expect(lines).toEqual([expect.stringMatching(pattern)]);
  expect(lines[0]!.startsWith(prefix)).toBe(true);
  expect(result.output).not.toMatch(STACK_FRAME);
}

describe('a database that cannot be opened', () => {
  const dir = mkdtempSync(join(tmpdir(), 'holibot-open-'));
  const sqlite = (sqlitePath: string): DatabaseConfig => ({ type: 'sqlite', sqlitePath });

  it('SQLite: DB_SQLITE_PATH is a folder', async () => {
    const result = await runToExit(testEnv(sqlite(dir), { LOG_LEVEL: 'info' }));
    expectOneLineFailure(result, dir, 'HoliBot could not start: ', /DB_SQLITE_PATH=".*" \(.*\): it is a folder; DB_SQLITE_PATH must name a file$/);
  });

  it('SQLite: the folder cannot be created (a file is in the way)', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a folder');
    const path = join(file, 'holibot.sqlite');
    const result = await runToExit(testEnv(sqlite(path), { LOG_LEVEL: 'info' }));
    expectOneLineFailure(result, path, 'HoliBot could not start: ', /cannot create the folder of the SQLite database DB_SQLITE_PATH=/);
  });

  it('SQLite: the file is not a database; the stack is there at debug level only', async () => {
    const file = join(dir, 'garbage.sqlite');
    writeFileSync(file, 'this is no SQLite file '.repeat(300));
    const result = await runToExit(testEnv(sqlite(file), { LOG_LEVEL: 'warn' }));
    expectOneLineFailure(result, file, 'HoliBot could not start: ', /SQLITE_NOTADB.*restore it from a backup/);
    const debug = await runToExit(testEnv(sqlite(file), { LOG_LEVEL: 'debug' }));
    expect(debug.code).toBe(1);
    expect(debug.output).toMatch(/DEBUG \[Database\] Opening the database failed: SqliteError/);
    expect(debug.output).toMatch(STACK_FRAME);
  }, 60_000);

  it('the command line reports it the same way', async () => {
    const result = await runToExit({ DB_SQLITE_PATH: dir, LOG_FILES_ENABLED: 'false' }, ['migrate'], CLI);
    expectOneLineFailure(result, dir, 'holibot: ', /^holibot: cannot open the SQLite database DB_SQLITE_PATH=.*it is a folder/);
  });

  (withMysql ? describe : describe.skip)('MySQL', () => {
    let database: DatabaseConfig & { type: 'mysql' };
    beforeAll(async () => {
      const fresh = await freshMysqlDatabase('open');
      if (fresh.type !== 'mysql') throw new Error('unreachable');
      database = fresh;
    });
    afterAll(() => dropMysqlDatabase(database));

    it('a port that refuses: two one-line retries, then one line naming DB_HOST:DB_PORT', async () => {
      const port = await closedPort();
      const result = await runToExit(testEnv({ ...database, host: '127.0.0.1', port }, { LOG_LEVEL: 'info' }));
      expectOneLineFailure(
        result,
        `127.0.0.1:${port}`,
        'HoliBot could not start: ',
        /MySQL at DB_HOST:DB_PORT=127\.0\.0\.1:\d+ does not answer: .*ECONNREFUSED/,
      );
      expect(result.output.match(/WARN \[Database\] MySQL does not answer \(ECONNREFUSED\); trying again in 2 s/g)).toHaveLength(2);
    }, 60_000);

    it('a wrong password names DB_USER and DB_PASSWORD, without retrying', async () => {
      const result = await runToExit(testEnv({ ...database, user: 'holibot_nobody', password: 'wrong' }, { LOG_LEVEL: 'info' }));
      expectOneLineFailure(
        result,
        `${database.host}:${database.port}`,
        'HoliBot could not start: ',
        /refuses DB_USER="holibot_nobody" \(check DB_USER and DB_PASSWORD\)/,
      );
      expect(result.output).not.toContain('trying again');
    });

    it('an unknown database names DB_NAME', async () => {
      const result = await runToExit(testEnv({ ...database, name: `${database.name}_missing` }, { LOG_LEVEL: 'info' }));
      expectOneLineFailure(
        result,
        `${database.host}:${database.port}`,
        'HoliBot could not start: ',
        /has no database DB_NAME=".*_missing" \(create it first\)/,
      );
    });
  });
});
