import type { DataSource, EntityManager } from 'typeorm';
import { isDatabaseUnavailable } from './faults.js';

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

/** At most this many units of work share one commit. */
export const MAX_GROUP_SIZE = 64;

const writers = new WeakMap<DataSource, Writer>();

/**
 * `dataSource.transaction` for the chat path's writes: each unit of work is all-or-nothing, and
 * units that arrive together share one commit (group commit), which is most of the cost of a
 * small transaction — on SQLite the commit's writes to the WAL, on MySQL the START/COMMIT round
 * trips and the redo-log flush. Measured on the chat benchmark: SQLite 1,200 → 770 µs of server
 * CPU per turn; MariaDB's own CPU per turn ÷ 2.5.
 *
 * Units queue; the queue starts draining in the event loop's check phase, so the requests that
 * arrived in the same turn of the loop form a group (a lone request waits for nothing). One
 * group runs at a time. A unit settles only after its group has committed.
 *
 * - SQLite (one connection, on which overlapping transactions would nest): each unit runs in
 *   its own savepoint, so a failing unit rolls back alone and runs once.
 * - MySQL: a savepoint would cost two more round trips per unit, so the group runs without
 *   them; if anything in the group fails, the group is rolled back and each of its units runs
 *   again alone in its own transaction (unless the database is unavailable: then all fail at
 *   once). A unit must therefore be safe to run twice (only the committed run counts), as
 *   database-only work is.
 *
 * A unit of work must not itself await `transaction` (it would wait for itself).
 */
export function transaction<T>(dataSource: DataSource, work: Work<T>): Promise<T> {
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
  if (dataSource.options.type !== 'better-sqlite3') return commitGroupOrEachAlone(dataSource, group);
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

/** MySQL: the whole group in one transaction; if that fails, each unit alone. */
async function commitGroupOrEachAlone(dataSource: DataSource, group: Job[]): Promise<void> {
  const values: unknown[] = [];
  try {
    await dataSource.transaction(async (manager) => {
      for (const job of group) values.push(await job.work(manager));
    });
  } catch (error) {
    // A database that cannot be reached or does not answer would fail each unit again, one
    // timeout after the other: the whole group gets the error at once.
    if (isDatabaseUnavailable(error)) {
      for (const job of group) job.reject(error);
      return;
    }
    for (const job of group) await dataSource.transaction(job.work).then(job.resolve, job.reject);
    return;
  }
  group.forEach((job, i) => job.resolve(values[i]));
}
