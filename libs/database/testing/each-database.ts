import type { DatabaseConfig } from '@holibot/database';
import { dropMysqlDatabase, freshMysqlDatabase, freshSqliteDatabase, mysqlAvailable } from './databases.js';

const withMysql = await mysqlAvailable();

/** Runs a suite on a fresh SQLite file and on a fresh MySQL database (when MySQL answers). */
export function eachDatabase(name: string, suite: (database: () => DatabaseConfig) => void): void {
  describe(`${name} — SQLite`, () => {
    const database = freshSqliteDatabase();
    suite(() => database);
  });
  (withMysql ? describe : describe.skip)(`${name} — MySQL`, () => {
    let database: DatabaseConfig;
    beforeAll(async () => {
      database = await freshMysqlDatabase(name);
    });
    afterAll(() => dropMysqlDatabase(database));
    suite(() => database);
  });
}
