const IDLE_MS = 10_000;
/** Collections in one reclaim: the later ones give back the pages the earlier ones emptied. */
const COLLECTIONS = 3;

export interface IdleReclaimer {
  /** Notes that the server is busy. */
  touch: () => void;
  /** A request hook: touch() for every request. */
  hook: (request: unknown, reply: unknown, done: () => void) => void;
  /** Collects if the server has been quiet for the idle time since its last request. */
  check: () => void;
}

/**
 * Gives memory back to the system when the server goes quiet. V8 keeps the garbage of a busy
 * spell in its heap until its next collection, which an idle process may not reach for a long
 * time; a small destination's server is idle most of the day. When the process runs with
 * --expose-gc (as `npm start` does), full collections follow the first 10 s without requests
 * after some traffic (and after start-up). Without the flag this does nothing.
 *
 * One collection is not enough: it frees the garbage, but V8 keeps the emptied pages of its old
 * space, and gives them back to the system only on the next collections (measured after a
 * benchmark: 208 MB RSS after one collection, 152 MB after two more). So the reclaimer collects
 * three times, a turn of the event loop apart, and stops as soon as a request arrives.
 */
export function createIdleReclaimer(
  gc: (() => void) | undefined = (globalThis as { gc?: () => void }).gc,
  idleMs = IDLE_MS,
  now: () => number = Date.now,
): IdleReclaimer {
  let lastRequest = now();
  let dirty = true; // start-up leaves garbage too
  let round = 0; // the current reclaim; a request ends it
  const touch = () => {
    lastRequest = now();
    dirty = true;
    round++;
  };
  const collect = (thisRound: number, left: number): void => {
    if (!gc || thisRound !== round) return;
    gc();
    if (left > 1) setImmediate(() => collect(thisRound, left - 1));
  };
  return {
    touch,
    hook: (_request, _reply, done) => {
      touch();
      done();
    },
    check: () => {
      if (gc && dirty && now() - lastRequest >= idleMs) {
        dirty = false;
        collect(round, COLLECTIONS);
      }
    },
  };
}

let processReclaimer: IdleReclaimer | null = null;

/** The reclaimer of this process, checking twice per idle time. */
export function reclaimMemoryWhenIdle(): IdleReclaimer['hook'] {
  processReclaimer = createIdleReclaimer();
  setInterval(processReclaimer.check, IDLE_MS / 2).unref();
  return processReclaimer.hook;
}

/** Traffic that does not pass through the HTTP hooks (WebSocket messages) is activity too. */
export function noteActivity(): void {
  processReclaimer?.touch();
}
