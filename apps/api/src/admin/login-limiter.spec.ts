import { LoginLimiter } from './login-limiter.js';

describe('LoginLimiter', () => {
  const keys = ['ip:203.0.113.9', 'email:ops@calpe.example'];

  it('refuses after 5 failures within 15 minutes, for the address and for the account, until the oldest leaves the window', () => {
    const limiter = new LoginLimiter();
    const start = Date.UTC(2026, 5, 2, 11);
    for (let i = 0; i < 4; i++) expect(limiter.fail(keys, start + i * 1000)).toBe(false);
    expect(limiter.retryAfterMs(keys, start + 5000)).toBe(0);
    // The fifth failure starts the lockout.
    expect(limiter.fail(keys, start + 5000)).toBe(true);
    expect(limiter.retryAfterMs(keys, start + 6000)).toBe(15 * 60_000 - 6000);
    expect(limiter.retryAfterMs(['ip:203.0.113.9', 'email:other@calpe.example'], start + 6000)).toBeGreaterThan(0);
    expect(limiter.retryAfterMs(['ip:192.0.2.1', 'email:ops@calpe.example'], start + 6000)).toBeGreaterThan(0);
    expect(limiter.retryAfterMs(['ip:192.0.2.1', 'email:other@calpe.example'], start + 6000)).toBe(0);
    expect(limiter.retryAfterMs(keys, start + 15 * 60_000 + 1)).toBe(0);
  });

  it('counts an attempt before it is checked; a success takes its own attempt back and forgets the account', () => {
    const limiter = new LoginLimiter();
    const at = 1_000_000;
    for (let i = 0; i < 4; i++) limiter.fail(keys, at + i);
    // A burst: the attempt in flight counts already.
    limiter.fail(keys, at + 10);
    expect(limiter.retryAfterMs(keys, at + 11)).toBeGreaterThan(0);
    limiter.succeed(keys, at + 10);
    expect(limiter.retryAfterMs(['email:ops@calpe.example'], at + 11)).toBe(0);
    // The address keeps its four failures.
    limiter.fail(['ip:203.0.113.9'], at + 12);
    expect(limiter.retryAfterMs(['ip:203.0.113.9'], at + 13)).toBeGreaterThan(0);
  });
});
