import type { NextFunction, Request, Response } from 'express';

const IDLE_MS = 10_000;

/**
 * Gives memory back to the system when the server goes quiet. V8 keeps the garbage of a busy
 * spell in its heap until its next collection, which an idle process may not reach for a long
 * time; a small destination's server is idle most of the day. When the process runs with
 * --expose-gc (as `npm start` does), one full collection follows the first 10 s without
 * requests after some traffic (and one after start-up). Without the flag this does nothing.
 */
export function reclaimMemoryWhenIdle(
  gc: (() => void) | undefined = (globalThis as { gc?: () => void }).gc,
  idleMs = IDLE_MS,
): (req: Request, res: Response, next: NextFunction) => void {
  let lastRequest = Date.now();
  let dirty = true; // start-up leaves garbage too
  if (gc) {
    setInterval(() => {
      if (dirty && Date.now() - lastRequest >= idleMs) {
        dirty = false;
        gc();
      }
    }, idleMs / 2).unref();
  }
  return (_req, _res, next) => {
    lastRequest = Date.now();
    dirty = true;
    next();
  };
}
