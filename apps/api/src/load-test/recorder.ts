import type { ScenarioName } from './load-test-options.js';
import { percentile, sortedCopy } from './statistics.js';

/**
 * What a virtual user did, one line per request: `chat.message` (POST /api/v1/chat/message),
 * `session.read` (GET /api/v1/chat/session/:id), `static.page` (GET /), `static.loader`
 * (/widget/holi-bot.js), `static.element` (the versioned element file it imports),
 * `static.config` (GET /api/v1/chat/config), `ws.connect` (the WebSocket handshake), `ws.answer`
 * (a message sent until its `done` or `error` frame).
 */
export type Operation = 'chat.message' | 'session.read' | 'static.page' | 'static.loader' | 'static.element' | 'static.config' | 'ws.connect' | 'ws.answer';

export const OPERATIONS: readonly Operation[] = [
  'chat.message',
  'session.read',
  'static.page',
  'static.loader',
  'static.element',
  'static.config',
  'ws.connect',
  'ws.answer',
];

/**
 * One finished request. `status` is the HTTP status ("200", "429"; "101" for a WebSocket
 * handshake), a WebSocket outcome ("ws:done", "ws:error:RATE_LIMIT_EXCEEDED", "ws:closed:1013"),
 * or why there was no answer ("network:ECONNREFUSED", "timeout", "aborted": still running at the
 * hard deadline, "invalid-body": a 200 whose body was not the API's success shape).
 */
export interface Sample {
  scenario: ScenarioName;
  operation: Operation;
  /** When it finished, in ms since the run started. */
  endMs: number;
  latencyMs: number;
  status: string;
  ok: boolean;
}

/** The figures the progress line shows. */
export interface ProgressFigures {
  requests: number;
  errors: number;
  /** Requests finished since the previous call, per second. */
  intervalRate: number;
  p95Ms: number | null;
}

/** Keeps every sample of a run, in the order they finished. */
export class Recorder {
  readonly samples: Sample[] = [];
  /** WebSocket answers: from sending the message to its first `delta` frame, in ms. */
  readonly firstDeltas: number[] = [];
  private errors = 0;
  private lastProgress = { atMs: 0, count: 0 };

  record(sample: Sample): void {
    this.samples.push(sample);
    if (!sample.ok) this.errors += 1;
  }

  get errorCount(): number {
    return this.errors;
  }

  /** Totals so far, the rate since the last call, and the p95 of every sample so far. */
  progress(nowMs: number): ProgressFigures {
    const count = this.samples.length;
    const seconds = (nowMs - this.lastProgress.atMs) / 1000;
    const intervalRate = seconds > 0 ? (count - this.lastProgress.count) / seconds : 0;
    this.lastProgress = { atMs: nowMs, count };
    const p95 = count ? percentile(sortedCopy(this.samples.map((s) => s.latencyMs)), 95) : null;
    return { requests: count, errors: this.errors, intervalRate, p95Ms: p95 };
  }
}
