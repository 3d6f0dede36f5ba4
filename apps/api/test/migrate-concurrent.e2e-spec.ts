import { resolve } from 'node:path';
import type { DatabaseConfig } from '@holibot/database';
import { connectMysql, databaseEnv, dropMysqlDatabase, freshMysqlDatabase, mysqlAvailable } from '@holibot/database/testing';
import { runToExit } from './support/app.js';

// Several instances starting at once on an empty MySQL database: each runs `migrate` first.
const withMysql = (await mysqlAvailable()) || process.env['CI'] === 'true';
const CLI = resolve('dist/apps/api/src/cli.js');

(withMysql ? describe : describe.skip)('migrations started by three processes at once (MariaDB)', () => {
  let database: DatabaseConfig;
  beforeAll(async () => {
    database = await freshMysqlDatabase('migrate_race');
  });
  afterAll(async () => {
    if (database) await dropMysqlDatabase(database);
  });

  it('take turns: every process succeeds, each migration is applied once', async () => {
    const env = { ...databaseEnv(database), LOG_FILES_ENABLED: 'false' };
    const runs = await Promise.all([1, 2, 3].map(() => runToExit(env, ['migrate'], CLI)));
    expect(runs.map((run) => [run.code, run.output.includes('already exists')])).toEqual([
      [0, false],
      [0, false],
      [0, false],
    ]);
    const connection = await connectMysql(database);
    try {
      const [rows] = await connection.query('SELECT name, COUNT(*) AS n FROM migrations GROUP BY name HAVING n > 1');
      expect(rows).toEqual([]);
    } finally {
      await connection.end();
    }
  }, 120_000);
});
