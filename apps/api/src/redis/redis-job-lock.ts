import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { type HeldLock, type JobLockOptions, JobLock, LockUnavailableError, onceReleased } from '../scheduling/index.js';
import type { RedisConnection } from './redis-connection.js';

/** Extends the lease when this holder still has it. KEYS: lock. ARGV: token, ms. Returns 1 if kept. */
const EXTEND_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`;

/** Deletes the lease when this holder still has it. KEYS: lock. ARGV: token. */
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

/** A lease's length; renewed every third of it while the job runs, so a dead process frees it within this. */
export const LEASE_MS = 30_000;

/**
 * The job lock of several instances (REDIS_URL): a lease in Redis, `SET key token NX PX`,
 * renewed while the job runs and released by compare-and-delete, so a holder can only ever
 * extend or free its own lease. Fails closed: without Redis no job starts (LockUnavailableError:
 * the runner skips it, a deploy answers 503), so a job never runs twice.
 */
export class RedisJobLock extends JobLock {
  private readonly logger = new Logger('Jobs');

  constructor(
    private readonly redis: RedisConnection,
    private readonly leaseMs = LEASE_MS,
  ) {
    super();
  }

  async tryAcquire(job: string, options: JobLockOptions = {}): Promise<HeldLock | null> {
    const key = this.redis.key(`lock:{${job}}`);
    const token = randomUUID();
    let taken: string | null;
    try {
      taken = await this.redis.client.set(key, token, 'PX', this.leaseMs, 'NX');
    } catch (error) {
      throw new LockUnavailableError(`Redis is unreachable (${(error as Error).message}), so the job lock "${job}" cannot be taken`);
    }
    if (taken !== 'OK') return null;
    const acquiredAt = Date.now();
    const renewal = setInterval(() => {
      this.redis.client.eval(EXTEND_SCRIPT, 1, key, token, this.leaseMs).then(
        (kept) => {
          if (kept !== 1) this.logger.error(`${job}: its Redis lease was lost (expired while Redis was away?); another instance may start it`);
        },
        (error: Error) =>
          this.logger.warn(`${job}: renewing its Redis lease failed (${error.message}); it lasts ${this.leaseMs / 1000} s from the last renewal`),
      );
    }, this.leaseMs / 3);
    renewal.unref();
    return onceReleased(async () => {
      clearInterval(renewal);
      // A scheduled run keeps its lease for a while after it ends: an instance whose clock ticks
      // a little later must find the tick taken, not free, or the job would run twice.
      const keepFor = (options.holdAtLeastMs ?? 0) - (Date.now() - acquiredAt);
      if (keepFor > 0) await this.redis.client.eval(EXTEND_SCRIPT, 1, key, token, Math.ceil(keepFor));
      else await this.redis.client.eval(RELEASE_SCRIPT, 1, key, token);
    });
  }
}
