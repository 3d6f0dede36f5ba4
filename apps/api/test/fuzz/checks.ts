import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RawResult } from './raw-http.js';

/** Every ErrorCode of libs/contracts, read from its source (a type there, so there is no runtime list to import). */
export const ERROR_CODES: ReadonlySet<string> = new Set(
  [.../export type ErrorCode =([^;]+);/.exec(readFileSync(resolve('libs/contracts/src/errors.ts'), 'utf8'))![1]!.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]!),
);

/**
 * What no answer may carry: a stack frame, a path of the server's files, a source line
 * reference, a driver's or the runtime's internal error. The fuzz inputs never contain these,
 * so an echoed input cannot trip them.
 */
const LEAKS: Array<[string, RegExp]> = [
  ['stack frame', /^\s+at |\bat \S+ \(\S+:\d+:\d+\)|\bat (?:async )?\S+ \((?:node:|file:)/m],
  ['internal path', new RegExp(`${escape(process.cwd())}|/work/|node_modules|/dist/apps/`)],
  ['source line reference', /\.(?:ts|js|mjs|cjs):\d+/],
  [
    'internal error',
    /\bSQLITE_(?!PATH\b)[A-Z_]+|QueryFailedError|TypeORMError|TypeError:|ReferenceError:|RangeError:|Cannot read propert|is not a function|\bER_[A-Z_]{3,}/,
  ],
];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function leaksIn(text: string): string[] {
  return LEAKS.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** The API's one error shape: exactly `{success: false, error: {code, message}}`, the code one of ErrorCode. */
export function errorShapeProblems(body: unknown, where: string): string[] {
  const problems: string[] = [];
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [`${where}: not a JSON object`];
  const { success, error, ...rest } = body as Record<string, unknown>;
  if (success !== false) problems.push(`${where}: success is ${JSON.stringify(success)}, not false`);
  if (Object.keys(rest).length) problems.push(`${where}: extra keys ${Object.keys(rest).join(', ')}`);
  if (typeof error !== 'object' || error === null) return [...problems, `${where}: no error object`];
  const { code, message, ...more } = error as Record<string, unknown>;
  if (typeof code !== 'string' || !ERROR_CODES.has(code)) problems.push(`${where}: code ${JSON.stringify(code)} is not an ErrorCode`);
  if (typeof message !== 'string' || message.trim() === '') problems.push(`${where}: no message`);
  if (Object.keys(more).length) problems.push(`${where}: extra error keys ${Object.keys(more).join(', ')}`);
  return problems;
}

export interface HttpExpectation {
  /** Only these statuses are right for this input (on top of every generic check). */
  status?: number[];
  /** CONNECT: Node closes the connection without an answer. */
  silentCloseAllowed?: boolean;
  /** The answer must not be this session (an attempt to reach someone else's conversation). */
  notSessionId?: string;
  /** A signed-in admin's read: the settings and the widget registry name the server's folders, by design. */
  operatorRead?: boolean;
  /** A HEAD request: answers carry no body. */
  head?: boolean;
}

/** The checks every HTTP answer must pass; the problems found, empty when none. */
export function httpProblems(result: RawResult, expectation: HttpExpectation = {}): string[] {
  if (result.timedOut) return ['no answer within the time limit'];
  if (!result.response || result.response.status === 0) {
    if (result.closedSilently && expectation.silentCloseAllowed) return [];
    return [
      result.closedSilently ? 'connection closed without an answer' : `not an HTTP answer: ${JSON.stringify(result.bytes.toString('latin1').slice(0, 120))}`,
    ];
  }
  const { status, headers, body } = result.response;
  const problems: string[] = [];
  if (status >= 500) problems.push(`status ${status}`);
  if (expectation.status && !expectation.status.includes(status)) problems.push(`status ${status}, expected ${expectation.status.join(' or ')}`);
  const headerText = Object.entries(headers)
    .map(([name, values]) => `${name}: ${values.join(', ')}`)
    .join('\n');
  for (const leak of leaksIn(headerText)) problems.push(`${leak} in the headers`);
  if (headers['x-fuzz-injected']) problems.push('a header injected by the request came back');
  const requestIds = headers['x-request-id'] ?? [];
  if (status !== 101 && requestIds.length !== 1) problems.push(`${requestIds.length} X-Request-Id headers`);
  else if (requestIds[0] !== undefined && !REQUEST_ID.test(requestIds[0]))
    problems.push(`an insane X-Request-Id came back: ${JSON.stringify(requestIds[0].slice(0, 80))}`);
  const contentType = headers['content-type']?.[0] ?? '';
  // Built files (the widget's JavaScript, the admin UI, API docs) are what they are; answers are checked.
  const answer = /^(?:application\/json|text\/plain)/i.test(contentType);
  if (answer || status >= 400) {
    for (const leak of leaksIn(body.toString('utf8')))
      if (!(expectation.operatorRead && status < 400 && leak === 'internal path')) problems.push(`${leak} in the body`);
  }
  if (status >= 400 && body.length === 0 && !expectation.head) problems.push('an error without a body');
  if (status >= 400 && body.length > 0) {
    if (!/^application\/json/i.test(contentType))
      problems.push(`error body as ${JSON.stringify(contentType)}: ${JSON.stringify(body.toString('utf8').slice(0, 120))}`);
    else {
      try {
        problems.push(...errorShapeProblems(JSON.parse(body.toString('utf8')), 'error body'));
      } catch {
        problems.push(`error body is not JSON: ${JSON.stringify(body.toString('utf8').slice(0, 120))}`);
      }
    }
  }
  if (status === 429 && !/^\d+$/.test(headers['retry-after']?.[0] ?? '')) problems.push('429 without a Retry-After in seconds');
  if (expectation.notSessionId && status === 200) {
    const sessionId = (JSON.parse(body.toString('utf8')) as { data?: { sessionId?: string } }).data?.sessionId;
    if (sessionId?.toLowerCase() === expectation.notSessionId.toLowerCase()) problems.push('answered in a conversation that is not the caller’s');
  }
  if (problems.length) problems.push(`answer: ${status} ${JSON.stringify(Object.keys(headers))} ${JSON.stringify(body.toString('utf8').slice(0, 160))}`);
  return problems;
}

/** The checks every WebSocket frame from the server must pass. */
export function wsFrameProblems(text: string, sentRequestId: unknown): string[] {
  const problems = leaksIn(text).map((leak) => `${leak} in a frame`);
  let frame: any;
  try {
    frame = JSON.parse(text);
  } catch {
    return [...problems, `a frame that is not JSON: ${JSON.stringify(text.slice(0, 120))}`];
  }
  if (frame?.type === 'delta') return typeof frame.text === 'string' ? problems : [...problems, 'a delta without text'];
  if (frame?.type !== 'done' && frame?.type !== 'error') return [...problems, `a frame of type ${JSON.stringify(frame?.type)}`];
  if (typeof frame.requestId !== 'string' || !REQUEST_ID.test(frame.requestId))
    problems.push(`an insane requestId came back: ${JSON.stringify(frame.requestId)}`);
  else if (typeof sentRequestId === 'string' && REQUEST_ID.test(sentRequestId) && frame.requestId !== sentRequestId)
    problems.push('the frame lost its sane requestId');
  if (frame.type === 'done') {
    if (frame.data?.success !== true) problems.push('a done frame without a successful answer');
    return problems;
  }
  const { retryAfter, ...error } = frame.error ?? {};
  problems.push(...errorShapeProblems({ success: false, error }, 'error frame'));
  if (retryAfter !== undefined && (error.code !== 'RATE_LIMIT_EXCEEDED' || !Number.isInteger(retryAfter) || retryAfter < 1))
    problems.push(`retryAfter ${retryAfter}`);
  if (error.code === 'RATE_LIMIT_EXCEEDED' && retryAfter === undefined) problems.push('RATE_LIMIT_EXCEEDED without retryAfter');
  const keys = Object.keys(frame).sort().join(',');
  if (keys !== 'error,requestId,type') problems.push(`error frame keys ${keys}`);
  return problems;
}

/** Inputs sent, answers by status class and problems found, per category; printed at the end. */
export class FuzzReport {
  private readonly rows = new Map<string, { inputs: number; outcomes: Map<string, number>; problems: number; ms: number }>();
  readonly problems: string[] = [];
  /** The slowest answers, for the report: a slow input is a cheap way to tie up a server. */
  private readonly slowest: Array<{ ms: number; line: string }> = [];
  private readonly started = Date.now();

  constructor(
    readonly seed: number,
    readonly planned: number,
  ) {}

  count(category: string, outcome: string): void {
    const row = this.row(category);
    row.inputs += 1;
    row.outcomes.set(outcome, (row.outcomes.get(outcome) ?? 0) + 1);
  }

  problem(category: string, input: string, problems: string[]): void {
    if (!problems.length) return;
    this.row(category).problems += 1;
    // Enough to fix each kind; the rest are counted.
    if (this.problems.length < 40) this.problems.push(`[${category}] ${problems.join('; ')}\n    input: ${input.slice(0, 600)}`);
  }

  /** Notes how long one input took to be answered. */
  took(category: string, ms: number, input: string): void {
    if (this.slowest.length >= 3 && ms <= this.slowest.at(-1)!.ms) return;
    this.slowest.push({ ms, line: `${(ms / 1000).toFixed(2)} s [${category}] ${input.slice(0, 200)}` });
    this.slowest.sort((a, b) => b.ms - a.ms).splice(3);
  }

  /** Runs one category's inputs, timing them. */
  async timed(category: string, work: () => Promise<void>): Promise<void> {
    const started = Date.now();
    try {
      await work();
    } finally {
      this.row(category).ms += Date.now() - started;
    }
  }

  inputs(category?: string): number {
    return category ? (this.rows.get(category)?.inputs ?? 0) : [...this.rows.values()].reduce((sum, row) => sum + row.inputs, 0);
  }

  problemCount(category: string): number {
    return this.rows.get(category)?.problems ?? 0;
  }

  print(extra: string[]): string {
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    const width = Math.max(...[...this.rows.keys()].map((name) => name.length), 8);
    const lines = [
      `HoliBot fuzz: ${this.inputs()} inputs (planned ${this.planned}), seed ${this.seed} (FUZZ_SEED=${this.seed} repeats it), ${seconds} s`,
      ...[...this.rows].map(([name, row]) => {
        const outcomes = [...row.outcomes]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([outcome, n]) => `${outcome}×${n}`)
          .join(' ');
        return `  ${name.padEnd(width)} ${String(row.inputs).padStart(6)} inputs ${(row.ms / 1000).toFixed(1).padStart(6)} s ${String(row.problems).padStart(4)} failing   ${outcomes}`;
      }),
      ...extra.map((line) => `  ${line}`),
      ...this.slowest.map(({ line }) => `  slowest: ${line}`),
      this.problems.length ? `RESULT: FAILED\n${this.problems.join('\n')}` : 'RESULT: passed (no 5xx, no leak, every error in the API shape)',
    ];
    return lines.join('\n');
  }

  private row(category: string) {
    let row = this.rows.get(category);
    if (!row) this.rows.set(category, (row = { inputs: 0, outcomes: new Map(), problems: 0, ms: 0 }));
    return row;
  }
}

/** How a request or frame ended, for the report's histogram: `2xx`, `4xx`, `closed` … */
export function outcomeOf(result: RawResult): string {
  if (result.timedOut) return 'timeout';
  if (!result.response) return 'closed';
  return `${Math.floor(result.response.status / 100)}xx`;
}

/** Runs `work` over `items` with at most `limit` at once. */
export async function inPool<T>(items: T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
