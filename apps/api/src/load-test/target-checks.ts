import { randomInt, randomUUID } from 'node:crypto';
import type { Pool } from 'undici';
import { targetUrl } from './load-test-options.js';
import { USER_AGENT } from './traffic.js';

/**
 * Visitors' addresses for --rate-limit-aware: 198.18.0.0/15, the range set aside for benchmarks
 * (RFC 2544), never a real visitor's. Each call gives the next one, from a random start so that
 * two runs within one rate-limit window do not share buckets.
 */
export class AddressPool {
  private static readonly SIZE = 1 << 17;
  private next = randomInt(AddressPool.SIZE);

  take(): string {
    const n = this.next;
    this.next = (this.next + 1) % AddressPool.SIZE;
    return `198.${18 + (n >> 16)}.${(n >> 8) & 0xff}.${n & 0xff}`;
  }
}

/** Any HTTP answer will do; only a target that cannot be reached stops the run before it starts. */
export async function checkReachable(client: Pool, target: URL): Promise<number> {
  try {
    const response = await client.request({
      method: 'GET',
      path: targetUrl(target, '/health/live').pathname,
      headers: { 'user-agent': USER_AGENT },
      signal: AbortSignal.timeout(5000),
    });
    await response.body.dump();
    return response.statusCode;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why = typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
    throw new Error(`cannot reach the target ${target.href}: ${why}. Is the server running there?`, { cause: error });
  }
}

/** One probe answer: its status and ThrottlerGuard's X-RateLimit-Limit and -Remaining (null without them; a 429 has none). */
export interface RateLimitReading {
  status: number;
  limit: number | null;
  remaining: number | null;
}

export interface ProbeVerdict {
  /** true: each X-Forwarded-For address has its own bucket; false: it does not; null: cannot tell. */
  trusted: boolean | null;
  reason: string;
}

const NOT_TRUSTED = 'the target does not trust X-Forwarded-For (TRUST_PROXY is off or does not cover this machine): every request counts against one address';

/**
 * Whether the target takes the client address from X-Forwarded-For (TRUST_PROXY), judged from
 * three requests: address A twice, then address B, both new. Trusted, A's first answer leaves
 * limit − 1, the second limit − 2 (the same bucket) and B's limit − 1 again (a bucket of its
 * own). Not trusted, all three count in this machine's one bucket: B's is one less than A's
 * second, or a new address is refused with 429 because this machine's budget is spent.
 */
export function judgeProbe(readings: readonly RateLimitReading[]): ProbeVerdict {
  const [a1, a2, b] = readings;
  if (!a1 || !a2 || !b) return { trusted: null, reason: 'the probe got no answer, so it cannot be told whether the target trusts X-Forwarded-For' };
  // A new address is never over its limit: refused, it was not the address that counted.
  if (a1.status === 429 || b.status === 429) return { trusted: false, reason: `${NOT_TRUSTED} (a new address was refused with 429)` };
  if (a1.limit === null || a1.remaining === null || a2.remaining === null || b.limit === null || b.remaining === null) {
    return {
      trusted: null,
      reason: 'the target sends no rate-limit headers (its rate limit is off, or it is not HoliBot), so it cannot be told whether it trusts X-Forwarded-For',
    };
  }
  if (a1.remaining === a1.limit - 1 && a2.remaining === Math.max(0, a1.limit - 2) && b.remaining === b.limit - 1) {
    return { trusted: true, reason: 'the target trusts X-Forwarded-For: a new address got a rate-limit bucket of its own' };
  }
  if (b.remaining === Math.max(0, a2.remaining - 1) && a2.remaining === Math.max(0, a1.remaining - 1)) return { trusted: false, reason: NOT_TRUSTED };
  return {
    trusted: null,
    reason: `the rate-limit headers did not add up (remaining ${a1.remaining}, ${a2.remaining}, ${b.remaining} of ${a1.limit}; other traffic?), so it cannot be told whether the target trusts X-Forwarded-For`,
  };
}

/**
 * Asks the target whether it trusts X-Forwarded-For: three GETs of an unknown session (a 404
 * that counts against the chat rate limit) with two new addresses. Costs three requests of a
 * bucket.
 */
export async function probeForwardedFor(client: Pool, target: URL, addresses: AddressPool): Promise<ProbeVerdict> {
  const a = addresses.take();
  const b = addresses.take();
  const readings: RateLimitReading[] = [];
  try {
    for (const address of [a, a, b]) {
      const response = await client.request({
        method: 'GET',
        path: targetUrl(target, `/api/v1/chat/session/${randomUUID()}`).pathname,
        headers: { 'user-agent': USER_AGENT, 'x-forwarded-for': address },
        signal: AbortSignal.timeout(5000),
      });
      await response.body.dump();
      readings.push(rateLimitReading(response.statusCode, response.headers));
    }
  } catch (error) {
    return {
      trusted: null,
      reason: `the probe failed (${error instanceof Error ? error.message : String(error)}), so it cannot be told whether the target trusts X-Forwarded-For`,
    };
  }
  return judgeProbe(readings);
}

export function rateLimitReading(status: number, headers: Record<string, string | string[] | undefined>): RateLimitReading {
  const number = (name: string) => {
    const value = headers[name];
    const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
    return Number.isFinite(n) ? n : null;
  };
  return { status, limit: number('x-ratelimit-limit'), remaining: number('x-ratelimit-remaining') };
}
