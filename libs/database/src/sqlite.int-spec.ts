import Database from 'better-sqlite3';
import type { DataSource } from 'typeorm';
import { freshSqliteDatabase } from '../testing/index.js';
import { ChatSessionCleanupLog, SQLITE_CACHE_KIB, createDataSource, transaction } from './index.js';

describe('SQLite connection', () => {
  const database = freshSqliteDatabase();
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = await (await createDataSource(database)).initialize();
    await dataSource.runMigrations();
  });
  afterAll(() => dataSource.destroy());

  it('runs in WAL mode, synchronous=NORMAL, with a bounded page cache', async () => {
    const pragma = async (name: string) => Object.values((await dataSource.query(`PRAGMA ${name}`))[0])[0];
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('synchronous')).toBe(1);
    expect(await pragma('cache_size')).toBe(-SQLITE_CACHE_KIB);
  });

  it('another process sees a unit of work of a group as soon as the unit settles', async () => {
    // The file as another process (the CLI, a backup) sees it: committed rows only.
    const fromOutside = (): number[] => {
      const reader = new Database(database.type === 'sqlite' ? database.sqlitePath : '', { readonly: true });
      try {
        return (reader.prepare('SELECT sessions_deleted AS n FROM ChatSessionCleanupLog ORDER BY n').all() as Array<{ n: number }>).map((r) => r.n);
      } finally {
        reader.close();
      }
    };
    const seen: number[][] = [];
    await Promise.all(
      [1, 2, 3].map((n) =>
        transaction(dataSource, (manager) => manager.insert(ChatSessionCleanupLog, { sessionsDeleted: n, runAt: new Date(), durationMs: 1 })).then(() =>
          seen.push(fromOutside()),
        ),
      ),
    );
    expect(seen).toEqual([
      [1, 2, 3],
      [1, 2, 3],
      [1, 2, 3],
    ]);
  });
});
