/** Counts one key's events in its current window. */
interface Window {
  startedAt: number;
  logged: number;
  suppressed: number;
}

export interface LogThrottleOptions {
  /** Events logged per key and window; the rest are only counted. */
  perWindow: number;
  windowMs: number;
  /** Keys tracked at once; events of further keys share one bucket, so a flood of addresses cannot grow the map. */
  maxKeys: number;
  /** The key that bucket is reported under. */
  overflowKey: string;
  now?: () => number;
}

/**
 * At most `perWindow` log lines per key (a client IP) per window; the rest are counted and the
 * count is handed to `reportSuppressed` once, when the window is swept. Call `sweep()`
 * periodically, and `sweep(true)` at shutdown so no count is lost.
 */
export class LogThrottle {
  private readonly windows = new Map<string, Window>();
  private readonly now: () => number;

  constructor(
    private readonly options: LogThrottleOptions,
    private readonly reportSuppressed: (key: string, count: number) => void,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** True: log this event. False: it was counted instead. */
  admit(key: string): boolean {
    const now = this.now();
    let window = this.windows.get(key);
    if (window && now - window.startedAt >= this.options.windowMs) {
      this.end(key, window);
      window = undefined;
    }
    if (!window) {
      if (this.windows.size >= this.options.maxKeys && key !== this.options.overflowKey) return this.admit(this.options.overflowKey);
      window = { startedAt: now, logged: 0, suppressed: 0 };
      this.windows.set(key, window);
    }
    if (window.logged < this.options.perWindow) {
      window.logged += 1;
      return true;
    }
    window.suppressed += 1;
    return false;
  }

  /** Ends the windows that are over (all of them with `everything`), reporting their suppressed counts. */
  sweep(everything = false): void {
    const now = this.now();
    for (const [key, window] of this.windows) {
      if (everything || now - window.startedAt >= this.options.windowMs) this.end(key, window);
    }
  }

  private end(key: string, window: Window): void {
    this.windows.delete(key);
    if (window.suppressed > 0) this.reportSuppressed(key, window.suppressed);
  }
}
