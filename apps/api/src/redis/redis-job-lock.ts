import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { type HeldLock, type JobLockOptions, JobLock, LockUnavailableError, onceReleased } from '../scheduling/index.js';
import type { RedisConnection } from './redis-connection.js';

/**
 * Keeps the lease while this holder has it: extends it, or takes it again when it vanished (a
 * Redis restarted without persistence) and nobody else took it. KEYS: lock. ARGV: token, ms.
 * Returns 1 while the lease is this holder's, 0 once another holds it.
 */
const RENEW_SCRIPT = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
if not holder then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
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
 * extend or free its own lease. A scheduled tick also marks the tick itself as taken
 * (`holdAtLeastMs`), apart from the lease: an instance whose clock ticks a moment later finds it
 * taken, while a manual run (CLI, admin) needs only the lease. Fails closed: without Redis no job
 * starts (LockUnavailableError), so a job never runs twice.
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
    try {
      if (options.holdAtLeastMs) {
        const tick = await this.redis.run((client) => client.set(this.redis.key(`tick:{${job}}`), token, 'PX', Math.ceil(options.holdAtLeastMs!), 'NX'));
        if (tick !== 'OK') return null;
      }
      if ((await this.redis.run((client) => client.set(key, token, 'PX', this.leaseMs, 'NX'))) !== 'OK') return null;
    } catch (error) {
      throw new LockUnavailableError(`Redis is unreachable (${(error as Error).message}), so the job lock "${job}" cannot be taken`);
    }
    let lost = false;
    const renewal = setInterval(() => {
      // Shutting down: the lease expires by itself; nothing to renew or report.
      if (this.redis.isClosed) return clearInterval(renewal);
      this.redis
        .run((client) => client.eval(RENEW_SCRIPT, 1, key, token, this.leaseMs))
        .then((kept) => {
          if (kept === 1 || lost) return;
          lost = true;
          clearInterval(renewal);
          this.logger.error(`${job}: its Redis lease was taken by another instance while it ran (Redis away longer than ${this.leaseMs / 1000} s?)`);
        })
        .catch((error: Error) => this.logger.warn(`${job}: renewing its Redis lease failed (${error.message}); trying again in ${this.leaseMs / 3000} s`));
    }, this.leaseMs / 3);
    renewal.unref();
    return onceReleased(async () => {
      clearInterval(renewal);
      // Never throws: a lease that cannot be freed now expires by itself within LEASE_MS.
      await this.redis
        .run((client) => client.eval(RELEASE_SCRIPT, 1, key, token))
        .catch((error: Error) => this.logger.warn(`${job}: its Redis lease could not be freed (${error.message}); it expires within ${this.leaseMs / 1000} s`));
    });
  }
}
