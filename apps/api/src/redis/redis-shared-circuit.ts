import type { RedisConnection } from './redis-connection.js';

/**
 * The circuit's open state as every instance sees it (REDIS_URL):
 * one instance's breaker opening stops the calls of all.
 */
export interface SharedCircuit {
  /** Some instance opened the circuit and its half-open time has not come yet. */
  isOpen(): Promise<boolean>;
  opened(forMs: number): void;
  closed(): void;
}

/** How long an instance trusts its last look at the shared state (one Redis read per second at most, however busy). */
const READ_EVERY_MS = 1000;

/**
 * A circuit breaker's "open" state shared through Redis (REDIS_URL): when one instance's breaker
 * opens, every instance stops calling for the same time and answers with the built-in engine,
 * instead of each finding out with its own run of failures. Redis down: each instance is on its
 * own breaker again (never blocks a call).
 */
export class RedisSharedCircuit implements SharedCircuit {
  private readonly key: string;
  private cached = false;
  private readAt = Number.NEGATIVE_INFINITY;
  private reading: Promise<boolean> | null = null;

  constructor(
    private readonly redis: RedisConnection,
    name: string,
  ) {
    this.key = redis.key(`circuit:{${name}}`);
  }

  isOpen(): Promise<boolean> {
    if (Date.now() - this.readAt < READ_EVERY_MS) return Promise.resolve(this.cached);
    this.reading ??= this.redis
      .run((client) => client.pttl(this.key))
      .then(
        (ms) => ms > 0,
        () => false,
      )
      .then((open) => {
        this.cached = open;
        this.readAt = Date.now();
        this.reading = null;
        return open;
      });
    return this.reading;
  }

  opened(forMs: number): void {
    this.cached = true;
    this.readAt = Date.now();
    this.redis.run((client) => client.set(this.key, '1', 'PX', Math.max(1, Math.round(forMs)))).catch(() => undefined);
  }

  closed(): void {
    this.cached = false;
    this.readAt = Date.now();
    this.redis.run((client) => client.del(this.key)).catch(() => undefined);
  }
}
