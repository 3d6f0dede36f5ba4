import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { RedisConnection } from './redis-connection.js';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * One hit, atomically: a sliding window as @nestjs/throttler's in-memory storage keeps it (each
 * hit expires `ttl` after it was made), in a sorted set scored by expiry time, plus a block key
 * set when the limit is passed. Redis's own clock, so instances with skewed clocks agree. Both
 * keys carry the same hash tag: one slot on a Redis Cluster.
 * KEYS: hits, block. ARGV: ttl ms, limit, block ms, a unique member.
 * Returns: hits, ms until the oldest hit expires, blocked (0/1), ms until the block ends.
 */
const HIT_SCRIPT = `
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000 + math.floor(tonumber(now_parts[2]) / 1000)
local ttl = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local block = tonumber(ARGV[3])
local blocked_for = redis.call('PTTL', KEYS[2])
if blocked_for > 0 then
  return {limit + 1, blocked_for, 1, blocked_for}
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZADD', KEYS[1], now + ttl, ARGV[4])
redis.call('PEXPIRE', KEYS[1], ttl)
local hits = redis.call('ZCARD', KEYS[1])
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local expires_in = math.max(0, tonumber(oldest[2]) - now)
if hits > limit then
  -- As the in-memory storage: the count starts again from zero once the block ends.
  redis.call('DEL', KEYS[1])
  redis.call('SET', KEYS[2], '1', 'PX', block)
  return {hits, expires_in, 1, block}
end
return {hits, expires_in, 0, 0}
`;

/** What the rate limit records when Redis does not answer. */
export interface FailOpenMetrics {
  rateLimitFailOpen(): void;
}

/**
 * The throttler's storage in Redis (REDIS_URL): every instance counts a visitor's requests in
 * one place, for REST (ThrottlerGuard) and WebSocket (ChatRateLimit) alike. A small storage of
 * our own on ioredis (@nest-lab/throttler-storage-redis does not declare Nest 12).
 *
 * Redis down or slow: the request is let through (fails open) and counted in
 * holibot_rate_limit_fail_open_total, with a warning at most once a minute — a Redis outage must
 * never answer visitors with errors.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger('RateLimit');
  private lastWarningAt = Number.NEGATIVE_INFINITY;
  private failedSinceWarning = 0;

  constructor(
    private readonly redis: RedisConnection,
    private readonly metrics: FailOpenMetrics,
  ) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const tag = `{rl:${throttlerName}:${key}}`;
    try {
      const [totalHits, expiresInMs, blocked, blockMs] = (await this.redis.run((client) =>
        client.eval(
          HIT_SCRIPT,
          2,
          this.redis.key(`${tag}:hits`),
          this.redis.key(`${tag}:block`),
          ttl,
          limit,
          blockDuration,
          `${Date.now()}-${randomBytes(6).toString('hex')}`,
        ),
      )) as [number, number, number, number];
      return { totalHits, timeToExpire: Math.ceil(expiresInMs / 1000), isBlocked: blocked === 1, timeToBlockExpire: Math.ceil(blockMs / 1000) };
    } catch (error) {
      this.failOpen(error);
      return { totalHits: 0, timeToExpire: Math.ceil(ttl / 1000), isBlocked: false, timeToBlockExpire: 0 };
    }
  }

  private failOpen(error: unknown): void {
    this.metrics.rateLimitFailOpen();
    this.failedSinceWarning++;
    const now = Date.now();
    if (now - this.lastWarningAt < 60_000) return;
    this.logger.warn(
      `Rate limit not applied to ${this.failedSinceWarning} request(s): Redis did not answer (${(error as Error).message}); letting requests through until it does`,
    );
    this.lastWarningAt = now;
    this.failedSinceWarning = 0;
  }
}
