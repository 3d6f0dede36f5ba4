import type { DataSource, EntityManager } from 'typeorm';

type Work<T> = (manager: EntityManager) => Promise<T>;

interface Job {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Writer {
  queue: Job[];
  running: boolean;
}

/** At most this many units of work share one SQLite commit. */
export const MAX_GROUP_SIZE = 64;

const writers = new WeakMap<DataSource, Writer>();

/**
 * `dataSource.transaction`, safe for concurrent callers on SQLite too, and cheap under load.
 *
 * MySQL's pool gives each caller its own connection and transaction. TypeORM's better-sqlite3
 * driver has one connection, on which two overlapping transactions would nest (SQLite refuses
 * that), so SQLite transactions run one after the other. Those that arrive while one runs are
 * then committed together (group commit): each runs inside its own savepoint, so each is still
 * all-or-nothing and a failing one rolls back alone, while the group pays for one commit — on
 * SQLite, the commit's writes to the WAL are most of the cost of a small transaction. A unit of
 * work settles only after its group has committed. A unit of work must not itself call
 * `transaction` (it would wait for itself).
 */
export function transaction<T>(dataSource: DataSource, work: Work<T>): Promise<T> {
  if (dataSource.options.type !== 'better-sqlite3') return dataSource.transaction(work);
  let writer = writers.get(dataSource);
  if (!writer) writers.set(dataSource, (writer = { queue: [], running: false }));
  const queued = writer;
  return new Promise<T>((resolve, reject) => {
    queued.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
    if (!queued.running) {
      queued.running = true;
      // Requests that arrive in the same turn of the event loop reach this point before the
      // loop's check phase: starting there lets them share the commit, at no cost when idle.
      setImmediate(() => void drain(dataSource, queued));
    }
  });
}

async function drain(dataSource: DataSource, writer: Writer): Promise<void> {
  try {
    while (writer.queue.length > 0) await commitGroup(dataSource, writer.queue.splice(0, MAX_GROUP_SIZE));
  } finally {
    writer.running = false;
  }
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

async function commitGroup(dataSource: DataSource, group: Job[]): Promise<void> {
  if (group.length === 1) {
    const [job] = group as [Job];
    await dataSource.transaction(job.work).then(job.resolve, job.reject);
    return;
  }
  const outcomes: Outcome[] = [];
  try {
    await dataSource.transaction(async (manager) => {
      for (const job of group) {
        await manager.query('SAVEPOINT holibot_unit');
        try {
          const value = await job.work(manager);
          await manager.query('RELEASE SAVEPOINT holibot_unit');
          outcomes.push({ ok: true, value });
        } catch (error) {
          await manager.query('ROLLBACK TO SAVEPOINT holibot_unit');
          await manager.query('RELEASE SAVEPOINT holibot_unit');
          outcomes.push({ ok: false, error });
        }
      }
    });
  } catch (error) {
    // The commit itself failed (disk full, I/O error): nothing of the group was stored.
    for (const job of group) job.reject(error);
    return;
  }
  group.forEach((job, i) => {
    const outcome = outcomes[i]!;
    if (outcome.ok) job.resolve(outcome.value);
    else job.reject(outcome.error);
  });
}
