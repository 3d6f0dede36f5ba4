import Database from 'better-sqlite3';
import type { DataSource, EntityManager } from 'typeorm';
import { freshSqliteDatabase } from '../../../apps/api/test/support/databases.js';
import { ChatSessionCleanupLog, SQLITE_CACHE_KIB, createDataSource, transaction } from './index.js';

/** One row in ChatSessionCleanupLog, told apart by its sessions_deleted value. */
const insertLog = (n: number) => async (manager: EntityManager) => {
  await manager.insert(ChatSessionCleanupLog, { sessionsDeleted: n, runAt: new Date(), durationMs: 1 });
  return n;
};

describe('SQLite connection: settings and group commit', () => {
  const database = freshSqliteDatabase();
  let dataSource: DataSource;
  let commits = 0;
  beforeAll(async () => {
    dataSource = await (await createDataSource(database)).initialize();
    await dataSource.runMigrations();
    // Counts the real transactions (one BEGIN…COMMIT each) that the helper opens.
    const original = dataSource.transaction.bind(dataSource) as (work: unknown) => Promise<unknown>;
    dataSource.transaction = ((work: unknown) => {
      commits++;
      return original(work);
    }) as DataSource['transaction'];
  });
  afterAll(() => dataSource.destroy());
  beforeEach(async () => {
    await dataSource.getRepository(ChatSessionCleanupLog).clear();
    commits = 0;
  });

  /** What another connection to the file sees: only committed rows. */
  const committed = (): number[] => {
    const reader = new Database(database.type === 'sqlite' ? database.sqlitePath : '', { readonly: true });
    try {
      return (reader.prepare('SELECT sessions_deleted AS n FROM ChatSessionCleanupLog ORDER BY n').all() as Array<{ n: number }>).map((r) => r.n);
    } finally {
      reader.close();
    }
  };

  it('the connection runs in WAL mode, synchronous=NORMAL, with a bounded page cache', async () => {
    const pragma = async (name: string) => Object.values((await dataSource.query(`PRAGMA ${name}`))[0])[0];
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('synchronous')).toBe(1);
    expect(await pragma('cache_size')).toBe(-SQLITE_CACHE_KIB);
  });

  it('units of work started together share one commit and each gets its own result', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => transaction(dataSource, insertLog(i + 1))));
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(commits).toBe(1);
    expect(committed()).toHaveLength(20);
  });

  it('a unit settles only once its rows are committed', async () => {
    const seen: number[][] = [];
    await Promise.all([1, 2, 3].map((n) => transaction(dataSource, insertLog(n)).then(() => seen.push(committed()))));
    for (const rows of seen) expect(rows).toEqual([1, 2, 3]);
  });

  it('a failing unit rolls back alone: the others of its group are stored', async () => {
    const outcomes = await Promise.allSettled([
      transaction(dataSource, insertLog(1)),
      transaction(dataSource, async (manager) => {
        await insertLog(2)(manager); // written, then undone with the rest of this unit
        throw new Error('unit 2 failed');
      }),
      transaction(dataSource, insertLog(3)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason.message).toBe('unit 2 failed');
    expect(commits).toBe(1);
    expect(committed()).toEqual([1, 3]);
  });

  it('a unit arriving while a group commits waits for the next group; none is lost', async () => {
    const first = transaction(dataSource, async (manager) => {
      const n = await insertLog(1)(manager);
      // Queued while the first group is still open.
      late = transaction(dataSource, insertLog(2));
      return n;
    });
    let late: Promise<number> | undefined;
    expect(await first).toBe(1);
    expect(await late).toBe(2);
    expect(commits).toBe(2);
    expect(committed()).toEqual([1, 2]);
  });

  it('groups are capped, so a burst is committed in several groups', async () => {
    const { MAX_GROUP_SIZE } = await import('./transaction.js');
    await Promise.all(Array.from({ length: MAX_GROUP_SIZE + 1 }, (_, i) => transaction(dataSource, insertLog(i))));
    expect(commits).toBe(2);
    expect(committed()).toHaveLength(MAX_GROUP_SIZE + 1);
  });
});
