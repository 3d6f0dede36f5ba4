import { createHash } from 'node:crypto';
import { open, readFile, rm } from 'node:fs/promises';
import type { DataSource } from 'typeorm';
import { FeatureUnavailableError } from '../common/domain-error.js';

/** A held lock: released once, whatever happens (a second release does nothing). */
export interface HeldLock {
  release(): Promise<void>;
}

export interface JobLockOptions {
  /**
   * A scheduled tick: keep the lock at least this long after taking it, even when the job ends
   * sooner, so that another instance whose clock ticks a moment later finds it taken (honoured by
   * the Redis lease; the database locks free at once).
   */
  holdAtLeastMs?: number;
}

/** The lock's own service is unreachable (Redis down): the job must not start (locks fail closed). */
export class LockUnavailableError extends FeatureUnavailableError {}

/**
 * "Only one process runs this job now." Several HoliBot processes (PM2 cluster, containers) may
 * share one database; each job takes its lock first and does nothing when another holds it.
 * With REDIS_URL the lock is a Redis lease (redis/redis-job-lock.ts).
 */
export abstract class JobLock {
  /** The lock, or null at once when another process (or this one) holds it: never waits. LockUnavailableError when it cannot tell. */
  abstract tryAcquire(job: string, options?: JobLockOptions): Promise<HeldLock | null>;
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
    // Named locks are server-wide: the database's name keeps two HoliBot databases on one server
    // apart. Hashed: names are at most 64 characters, and a cut name could merge two jobs' locks.
    const name = `holibot:${createHash('sha1').update(`${this.databaseName}\0${job}`).digest('hex')}`;
    try {
      // The lock lives as long as its connection: one idle for a whole job must not be closed by
      // the server's wait_timeout (600 s on some hosts), which would free the lock mid-run.
      await runner.query('SET SESSION wait_timeout = 86400');
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

/**
 * SQLite: a lock file beside the database, created exclusively (O_EXCL) and holding the owner's
 * pid, so that the server's job and `holibot cleanup`/`backup` from the command line (other
 * processes on the same file) exclude each other. A file whose process is gone is taken over.
 */
export class SqliteFileJobLock extends JobLock {
  private readonly inProcess = new InProcessJobLock();

  constructor(private readonly databasePath: string) {
    super();
  }

  async tryAcquire(job: string): Promise<HeldLock | null> {
    const local = await this.inProcess.tryAcquire(job);
    if (!local) return null;
    const path = `${this.databasePath}.${job}.lock`;
    try {
      if (!(await createExclusive(path)) && !(await takeOverStale(path))) {
        await local.release();
        return null;
      }
    } catch (error) {
      await local.release();
      throw error;
    }
    return onceReleased(async () => {
      try {
        await rm(path, { force: true });
      } finally {
        await local.release();
      }
    });
  }
}

/** Creates `path` with this process's pid; false when it exists. */
async function createExclusive(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'wx', 0o600);
    try {
      await handle.writeFile(`${process.pid}\n`);
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * A lock file left by a process that no longer runs (killed, machine restarted) is removed and
 * taken. (Two processes that find the same stale file in the same instant could both take it;
 * a stale file is rare and such a meeting rarer, and a doubled cleanup or backup loses nothing.)
 */
async function takeOverStale(path: string): Promise<boolean> {
  const pid = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
  if (Number.isInteger(pid) && pid > 0 && isRunning(pid)) return false;
  await rm(path, { force: true });
  return createExclusive(path);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** One process's jobs: a lock in memory (also the first step of SqliteFileJobLock). */
export class InProcessJobLock extends JobLock {
  private readonly held = new Set<string>();

  tryAcquire(job: string): Promise<HeldLock | null> {
    if (this.held.has(job)) return Promise.resolve(null);
    this.held.add(job);
    return Promise.resolve(onceReleased(() => Promise.resolve(void this.held.delete(job))));
  }
}

export function onceReleased(release: () => Promise<void>): HeldLock {
  let released: Promise<void> | null = null;
  return { release: () => (released ??= release()) };
}
