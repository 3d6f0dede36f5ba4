import { Injectable } from '@nestjs/common';

/** The time, behind a service so that tests can fix it (opening hours, expiry). */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that stands still until moved; for tests. */
export class FixedClock extends Clock {
  constructor(private current: Date) {
    super();
  }
  override now(): Date {
    return new Date(this.current.getTime());
  }
  set(date: Date): void {
    this.current = date;
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/**
 * HOLIBOT_FIXED_NOW (NODE_ENV=test): starts at a given instant and then runs at real speed. A
 * clock that stood still would give every message of a session the same time and lose their order.
 */
export class AnchoredClock extends Clock {
  private readonly offsetMs: number;
  constructor(start: Date) {
    super();
    this.offsetMs = start.getTime() - Date.now();
  }
  override now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}
