import { isIP } from 'node:net';
import { AddressPool, judgeProbe, rateLimitReading, type RateLimitReading } from './target-checks.js';

const ok = (limit: number, remaining: number): RateLimitReading => ({ status: 404, limit, remaining });

describe('the X-Forwarded-For probe', () => {
  it('trusted: each new address starts a bucket of its own', () => {
    expect(judgeProbe([ok(30, 29), ok(30, 28), ok(30, 29)])).toMatchObject({ trusted: true });
    // A limit of 1: the second request of A is over it, B is fresh again.
    expect(judgeProbe([ok(1, 0), ok(1, 0), ok(1, 0)])).toMatchObject({ trusted: true });
  });

  it('not trusted: all three count against this machine’s one bucket, or a new address is refused', () => {
    expect(judgeProbe([ok(30, 17), ok(30, 16), ok(30, 15)])).toMatchObject({
      trusted: false,
      reason: expect.stringContaining('does not trust X-Forwarded-For'),
    });
    expect(judgeProbe([ok(30, 1), ok(30, 0), ok(30, 0)])).toMatchObject({ trusted: false });
    const refused = { status: 429, limit: null, remaining: null };
    expect(judgeProbe([refused, refused, refused])).toMatchObject({ trusted: false, reason: expect.stringContaining('refused with 429') });
  });

  it('cannot tell without rate-limit headers, or when the figures do not add up', () => {
    const none = { status: 404, limit: null, remaining: null };
    expect(judgeProbe([none, none, none])).toMatchObject({ trusted: null, reason: expect.stringContaining('no rate-limit headers') });
    expect(judgeProbe([ok(30, 29), ok(30, 20), ok(30, 10)])).toMatchObject({ trusted: null, reason: expect.stringContaining('did not add up') });
    expect(judgeProbe([])).toMatchObject({ trusted: null });
  });

  it('reads ThrottlerGuard’s headers', () => {
    expect(rateLimitReading(404, { 'x-ratelimit-limit': '30', 'x-ratelimit-remaining': '29', 'x-ratelimit-reset': '60' })).toEqual({
      status: 404,
      limit: 30,
      remaining: 29,
    });
    expect(rateLimitReading(429, { 'retry-after': '12' })).toEqual({ status: 429, limit: null, remaining: null });
    expect(rateLimitReading(200, { 'x-ratelimit-limit': 'lots', 'x-ratelimit-remaining': '1' })).toEqual({ status: 200, limit: null, remaining: 1 });
  });

  it('visitor addresses are distinct IPv4 addresses of the benchmark range 198.18.0.0/15', () => {
    const pool = new AddressPool();
    const addresses = Array.from({ length: 5000 }, () => pool.take());
    expect(new Set(addresses).size).toBe(5000);
    for (const address of addresses) {
      expect(isIP(address)).toBe(4);
      expect(address).toMatch(/^198\.(18|19)\./);
    }
  });
});
