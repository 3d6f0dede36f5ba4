import type { DataSource } from 'typeorm';

/** A held lock: released once, whatever happens (a second release does nothing). */
export interface HeldLock {
  release(): Promise<void>;
}

/**
 * "Only one process runs this job now." Several HoliBot processes (PM2 cluster, containers) may
 * share one database; each job takes its lock first and does nothing when another holds it.
 */
export abstract class JobLock {
  /** The lock, or null at once when another process (or this one) holds it: never waits. */
  abstract tryAcquire(job: string): Promise<HeldLock | null>;
}

/**
 * MySQL/MariaDB `GET_LOCK(name, 0)`, held on one pinned connection (a QueryRunner) from acquire
 * to release: a named lock belongs to its connection, so taking it on one pooled connection and
 * releasing it on another would leave it held. The server frees it if the process dies.
 */
export class MysqlJobLock extends JobLock {
  constructor(
    private readonly dataSource: DataSource,
    private readonly databaseName: string,
  ) {
    super();
  }

  async tryAcquire(job: string): Promise<HeldLock | null> {
    const runner = this.dataSource.createQueryRunner();
    // Named locks are server-wide: the database's name keeps two HoliBot databases on one server apart (names ≤ 64 characters).
    const name = `holibot:${this.databaseName}:${job}`.slice(0, 64);
    try {
      const [row] = (await runner.query('SELECT GET_LOCK(?, 0) AS acquired', [name])) as Array<{ acquired: number | string | null }>;
      if (Number(row?.acquired) !== 1) {
        await runner.release();
        return null;
      }
    } catch (error) {
      await runner.release();
      throw error;
    }
    return onceReleased(async () => {
      try {
        await runner.query('SELECT RELEASE_LOCK(?)', [name]);
      } finally {
        // Back to the pool in any case; a connection that failed is discarded by the pool, and its lock with it.
        await runner.release();
      }
    });
  }
}

/** SQLite: one process owns the database file, so a lock in this process is enough. */
export class InProcessJobLock extends JobLock {
  private readonly held = new Set<string>();

  tryAcquire(job: string): Promise<HeldLock | null> {
    if (this.held.has(job)) return Promise.resolve(null);
    this.held.add(job);
    return Promise.resolve(onceReleased(() => Promise.resolve(void this.held.delete(job))));
  }
}

function onceReleased(release: () => Promise<void>): HeldLock {
  let released: Promise<void> | null = null;
  return { release: () => (released ??= release()) };
}
