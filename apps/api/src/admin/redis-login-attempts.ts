import { createHash, randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { RedisConnection } from '../redis/index.js';
import { type CountedAttempt, LOGIN_MAX_FAILURES, LOGIN_WINDOW_MS, LocalLoginAttempts, type LoginAttempts } from './login-limiter.js';

/**
 * Checks every key's failures in the window and, unless one is at the limit, counts this attempt
 * for all of them — one script, so parallel guesses on several instances cannot slip between.
 * Redis's clock, so instances with skewed clocks agree.
 * KEYS: the keys' sorted sets (scored by time). ARGV: unused, max, window ms, this attempt's member.
 * Returns: ms to wait (0: counted), 1 when a key has just reached the limit.
 */
const ATTEMPT_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local max = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
local wait = 0
for _, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local count = redis.call('ZCARD', key)
  if count >= max then
    local first = redis.call('ZRANGE', key, count - max, count - max, 'WITHSCORES')
    wait = math.max(wait, tonumber(first[2]) + window - now)
  end
end
if wait > 0 then return {wait, 0} end
local reached = 0
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[4])
  redis.call('PEXPIRE', key, window)
  if redis.call('ZCARD', key) == max then reached = 1 end
end
return {0, reached}
`;

/**
 * The sign-in limit shared by every instance (REDIS_URL): five failures per address or account in
 * 15 minutes, wherever they were tried. Keys are hashed (no e-mail address in Redis) and share one
 * hash tag (one slot on a Redis Cluster). Redis away: each instance counts on its own meanwhile —
 * a sign-in limit must not lapse, nor lock everyone out.
 */
export class RedisLoginAttempts implements LoginAttempts {
  private readonly logger = new Logger('Admin');
  private readonly local = new LocalLoginAttempts();
  private warned = false;

  constructor(
    private readonly redis: RedisConnection,
    private readonly maxFailures = LOGIN_MAX_FAILURES,
    private readonly windowMs = LOGIN_WINDOW_MS,
  ) {}

  async attempt(keys: readonly string[], now: number): Promise<CountedAttempt> {
    const token = `${now}:${randomBytes(6).toString('hex')}`;
    try {
      const [waitMs, reached] = (await this.redis.run((client) =>
        client.eval(ATTEMPT_SCRIPT, keys.length, ...keys.map((key) => this.key(key)), 0, this.maxFailures, this.windowMs, token),
      )) as [number, number];
      this.warned = false;
      return { waitMs, lockout: reached === 1, token: `redis:${token}` };
    } catch (error) {
      if (!this.warned) this.logger.warn(`Sign-in limits are counted per instance while Redis does not answer (${(error as Error).message})`);
      this.warned = true;
      return this.local.attempt(keys, now);
    }
  }

  async succeed(keys: readonly string[], token: string): Promise<void> {
    if (!token.startsWith('redis:')) return this.local.succeed(keys, token);
    const member = token.slice('redis:'.length);
    const account = keys.find((key) => key.startsWith('email:'));
    try {
      await this.redis.run((client) => {
        const batch = client.multi();
        for (const key of keys) batch.zrem(this.key(key), member);
        // A sign-in that worked forgets the account's failures (not the address's).
        if (account) batch.del(this.key(account));
        return batch.exec();
      });
    } catch {
      // Taking back a counted attempt is a courtesy: the count expires with the window anyway.
    }
  }

  private key(key: string): string {
    return this.redis.key(`{login}:${createHash('sha256').update(key).digest('hex').slice(0, 32)}`);
  }
}
