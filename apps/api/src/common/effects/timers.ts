import { Injectable } from '@nestjs/common';

/** A running timer; `cancel` is safe to call twice. */
export interface TimerHandle {
  cancel(): void;
}

/**
 * Timers behind a service, for the work that runs on its own (catalogue reloads, job
 * schedules): tests move time by hand (ManualTimers) instead of waiting. Timers never keep the
 * process alive (unref): shutdown does not wait for the next tick.
 */
@Injectable()
export class Timers {
  every(ms: number, tick: () => void): TimerHandle {
    const timer = setInterval(tick, ms);
    timer.unref();
    return { cancel: () => clearInterval(timer) };
  }

  after(ms: number, fire: () => void): TimerHandle {
    const timer = setTimeout(fire, ms);
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  }
}
