/** Failed sign-ins allowed per address and per e-mail within the window; the next one is refused. */
export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_WINDOW_MS = 15 * 60_000;
/** Keys remembered at most (the oldest forgotten first): an attacker cycling addresses cannot grow memory. */
const MAX_KEYS = 10_000;

/**
 * Counts failed sign-ins per key (`ip:…`, `email:…`) in a sliding window, in this process (like
 * the chat rate limit; shared state across instances comes with Redis).
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures = LOGIN_MAX_FAILURES,
    private readonly windowMs = LOGIN_WINDOW_MS,
  ) {}

  /** 0 when every key may try again; else the milliseconds until the first of them may. */
  retryAfterMs(keys: readonly string[], now: number): number {
    let wait = 0;
    for (const key of keys) {
      const recent = this.recent(key, now);
      if (recent.length >= this.maxFailures) wait = Math.max(wait, recent[recent.length - this.maxFailures]! + this.windowMs - now);
    }
    return wait;
  }

  /** Records a failure for every key; true when one of them has just reached the limit (the lockout starts). */
  fail(keys: readonly string[], now: number): boolean {
    let reached = false;
    for (const key of keys) {
      const recent = [...this.recent(key, now), now];
      this.failures.delete(key);
      this.failures.set(key, recent);
      if (recent.length === this.maxFailures) reached = true;
    }
    while (this.failures.size > MAX_KEYS) this.failures.delete(this.failures.keys().next().value!);
    return reached;
  }

  /** A sign-in that worked: its own attempt (counted before the check) is taken back, and the account's failures forgotten. */
  succeed(keys: readonly string[], at: number): void {
    for (const key of keys) {
      const recent = this.failures.get(key);
      const index = recent?.lastIndexOf(at) ?? -1;
      if (recent && index >= 0) recent.splice(index, 1);
    }
    const account = keys.find((key) => key.startsWith('email:'));
    if (account) this.failures.delete(account);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((at) => at > now - this.windowMs);
  }
}

/** One sign-in attempt as counted: refused (waitMs > 0), or counted with `token` to take it back on success. */
export interface CountedAttempt {
  waitMs: number;
  /** This attempt's failure made a key reach the limit: the lockout starts. */
  lockout: boolean;
  token: string;
}

/**
 * The sign-in limit as the auth service uses it: check and count in one step (so a burst of
 * parallel guesses is counted as it arrives), and take a successful attempt back.
 */
export interface LoginAttempts {
  attempt(keys: readonly string[], now: number): Promise<CountedAttempt>;
  succeed(keys: readonly string[], token: string): Promise<void>;
}

/** One process's counts (no REDIS_URL, or Redis away). */
export class LocalLoginAttempts implements LoginAttempts {
  constructor(private readonly limiter = new LoginLimiter()) {}

  attempt(keys: readonly string[], now: number): Promise<CountedAttempt> {
    const waitMs = this.limiter.retryAfterMs(keys, now);
    if (waitMs > 0) return Promise.resolve({ waitMs, lockout: false, token: '' });
    return Promise.resolve({ waitMs: 0, lockout: this.limiter.fail(keys, now), token: String(now) });
  }

  succeed(keys: readonly string[], token: string): Promise<void> {
    this.limiter.succeed(keys, Number(token));
    return Promise.resolve();
  }
}
