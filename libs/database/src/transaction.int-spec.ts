import type { DataSource, EntityManager } from 'typeorm';
import { eachDatabase } from '../testing/index.js';
import { ChatSessionCleanupLog, MAX_GROUP_SIZE, createDataSource, transaction } from './index.js';

/** One row in ChatSessionCleanupLog, told apart by its sessions_deleted value. */
const insertLog = (n: number) => async (manager: EntityManager) => {
  await manager.insert(ChatSessionCleanupLog, { sessionsDeleted: n, runAt: new Date(), durationMs: 1 });
  return n;
};

eachDatabase('transaction(): group commit', (database) => {
  let dataSource: DataSource;
  let transactions = 0;
  beforeAll(async () => {
    dataSource = await (await createDataSource(database())).initialize();
    await dataSource.runMigrations();
    // Counts the real transactions (one BEGIN…COMMIT each) that the helper opens.
    const original = dataSource.transaction.bind(dataSource) as (work: unknown) => Promise<unknown>;
    dataSource.transaction = ((work: unknown) => {
      transactions++;
      return original(work);
    }) as DataSource['transaction'];
  });
  afterAll(() => dataSource.destroy());
  beforeEach(async () => {
    await dataSource.getRepository(ChatSessionCleanupLog).clear();
    transactions = 0;
  });

  /** The committed rows, read outside any transaction of the helper. */
  const committed = async (): Promise<number[]> =>
    (await dataSource.getRepository(ChatSessionCleanupLog).find({ order: { sessionsDeleted: 'ASC' } })).map((r) => r.sessionsDeleted);

  it('units of work started together share one transaction and each gets its own result', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => transaction(dataSource, insertLog(i + 1))));
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(transactions).toBe(1);
    expect(await committed()).toHaveLength(20);
  });

  it('a unit settles only once its rows are committed', async () => {
    const seen: number[][] = [];
    await Promise.all([1, 2, 3].map((n) => transaction(dataSource, insertLog(n)).then(async () => seen.push(await committed()))));
    for (const rows of seen) expect(rows).toEqual([1, 2, 3]);
  });

  it('a failing unit fails alone: the others of its group are stored, its own writes are not', async () => {
    const outcomes = await Promise.allSettled([
      transaction(dataSource, insertLog(1)),
      transaction(dataSource, async (manager) => {
        await insertLog(2)(manager); // written, then undone
        throw new Error('unit 2 failed');
      }),
      transaction(dataSource, insertLog(3)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason.message).toBe('unit 2 failed');
    // SQLite rolls the failed unit back to its savepoint; MySQL runs the group again, unit by unit.
    expect(transactions).toBe(database().type === 'sqlite' ? 1 : 4);
    expect(await committed()).toEqual([1, 3]);
  });

  it('a unit arriving while a group runs waits for the next group; none is lost', async () => {
    let late: Promise<number> | undefined;
    const first = transaction(dataSource, async (manager) => {
      const n = await insertLog(1)(manager);
      late = transaction(dataSource, insertLog(2)); // queued while the first group is open
      return n;
    });
    expect(await first).toBe(1);
    expect(await late).toBe(2);
    expect(transactions).toBe(2);
    expect(await committed()).toEqual([1, 2]);
  });

  it('groups are capped, so a burst is committed in several groups', async () => {
    await Promise.all(Array.from({ length: MAX_GROUP_SIZE + 1 }, (_, i) => transaction(dataSource, insertLog(i))));
    expect(transactions).toBe(2);
    expect(await committed()).toHaveLength(MAX_GROUP_SIZE + 1);
  });
});
