import type { NextFunction, Request, Response } from 'express';

const IDLE_MS = 10_000;

export interface IdleReclaimer {
  /** Notes that the server is busy. */
  touch: () => void;
  /** Express middleware: touch() for every request. */
  middleware: (req: Request, res: Response, next: NextFunction) => void;
  /** Collects if the server has been quiet for the idle time since its last request. */
  check: () => void;
}

/**
 * Gives memory back to the system when the server goes quiet. V8 keeps the garbage of a busy
 * spell in its heap until its next collection, which an idle process may not reach for a long
 * time; a small destination's server is idle most of the day. When the process runs with
 * --expose-gc (as `npm start` does), one full collection follows the first 10 s without
 * requests after some traffic (and one after start-up). Without the flag this does nothing.
 */
export function createIdleReclaimer(
  gc: (() => void) | undefined = (globalThis as { gc?: () => void }).gc,
  idleMs = IDLE_MS,
  now: () => number = Date.now,
): IdleReclaimer {
  let lastRequest = now();
  let dirty = true; // start-up leaves garbage too
  const touch = () => {
    lastRequest = now();
    dirty = true;
  };
  return {
    touch,
    middleware: (_req, _res, next) => {
      touch();
      next();
    },
    check: () => {
      if (gc && dirty && now() - lastRequest >= idleMs) {
        dirty = false;
        gc();
      }
    },
  };
}

let processReclaimer: IdleReclaimer | null = null;

/** The reclaimer of this process, checking twice per idle time. */
export function reclaimMemoryWhenIdle(): IdleReclaimer['middleware'] {
  processReclaimer = createIdleReclaimer();
  setInterval(processReclaimer.check, IDLE_MS / 2).unref();
  return processReclaimer.middleware;
}

/** Traffic that does not pass through Express (WebSocket messages) is activity too. */
export function noteActivity(): void {
  processReclaimer?.touch();
}
