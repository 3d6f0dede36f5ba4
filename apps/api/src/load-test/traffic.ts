import { performance } from 'node:perf_hooks';
import type { Pool } from 'undici';
import WebSocket from 'ws';
import { targetUrl, type ScenarioName } from './load-test-options.js';
import type { Operation, Recorder } from './recorder.js';

/** A request without its answer after this long is an error (`timeout`). */
export const REQUEST_TIMEOUT_MS = 10_000;

export const USER_AGENT = 'holibot-load-test/1';

/** What every request of a run shares. */
export interface Traffic {
  readonly target: URL;
  /** Keep-alive connections to the target, as many as there are virtual users. */
  readonly pool: Pool;
  readonly recorder: Recorder;
  /** Milliseconds since the run started. */
  now(): number;
  /** Aborted at the hard deadline: every request still running is abandoned. */
  readonly hardStop: AbortSignal;
  /** Open WebSockets, terminated at the hard deadline. */
  readonly sockets: Set<WebSocket>;
  /** A request id for `X-Request-Id` and WebSocket frames: the server's log lines name the load test's requests. */
  nextRequestId(): string;
}

/** Who sends a request: the virtual user's scenario, and the visitor's address under --rate-limit-aware. */
export interface Visitor {
  readonly scenario: ScenarioName;
  /** Sent as X-Forwarded-For; null: the requests come from this machine's own address. */
  readonly address: string | null;
}

export interface HttpStep {
  operation: Operation;
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  json?: unknown;
  /** A 2xx whose body is not what the endpoint answers is an error (`invalid-body`). */
  valid?: (body: string) => boolean;
}

export interface HttpAnswer {
  status: number;
  body: string;
}

function baseHeaders(traffic: Traffic, visitor: Visitor): Record<string, string> {
  return {
    'user-agent': USER_AGENT,
    'x-request-id': traffic.nextRequestId(),
    ...(visitor.address ? { 'x-forwarded-for': visitor.address } : {}),
  };
}

/** One HTTP request, timed until its body has been read, recorded; the answer, or null when there was none. */
export async function httpStep(traffic: Traffic, visitor: Visitor, step: HttpStep): Promise<HttpAnswer | null> {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const signal = AbortSignal.any([traffic.hardStop, timeout]);
  const started = performance.now();
  const record = (status: string, ok: boolean) =>
    traffic.recorder.record({
      scenario: visitor.scenario,
      operation: step.operation,
      endMs: traffic.now(),
      latencyMs: performance.now() - started,
      status,
      ok,
    });
  try {
    const response = await traffic.pool.request({
      method: step.method,
      path: targetUrl(traffic.target, step.path).pathname,
      headers: {
        ...baseHeaders(traffic, visitor),
        ...(step.json === undefined ? {} : { 'content-type': 'application/json', accept: 'application/json' }),
        ...step.headers,
      },
      body: step.json === undefined ? undefined : JSON.stringify(step.json),
      signal,
    });
    const body = await response.body.text();
    const status = response.statusCode;
    if (status >= 400) {
      record(String(status), false);
      return { status, body };
    }
    if (status < 300 && step.valid && !step.valid(body)) {
      record('invalid-body', false);
      return null;
    }
    record(String(status), true);
    return { status, body };
  } catch (error) {
    record(failureStatus(error, traffic.hardStop, timeout), false);
    return null;
  }
}

/** Why a request got no answer: cut off at the deadline, timed out, or the network's error code. */
export function failureStatus(error: unknown, hardStop: AbortSignal, timeout: AbortSignal): string {
  if (hardStop.aborted) return 'aborted';
  if (timeout.aborted) return 'timeout';
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return 'timeout';
  return `network:${typeof code === 'string' ? code : error instanceof Error ? error.name : 'error'}`;
}

/** Parses a body as JSON, or undefined. */
export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** The `data` of an API success envelope `{success: true, data}`, or undefined. */
export function successData(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const envelope = value as { success?: unknown; data?: unknown };
  return envelope.success === true && typeof envelope.data === 'object' && envelope.data !== null ? (envelope.data as Record<string, unknown>) : undefined;
}

/** A chat answer's session id (REST body or a WebSocket `done` frame's data), or undefined. */
export function answerSessionId(value: unknown): string | undefined {
  const id = successData(value)?.['sessionId'];
  return typeof id === 'string' ? id : undefined;
}

/**
 * A visitor's WebSocket on /api/v1/chat/ws: the handshake is timed as `ws.connect`, each message
 * until its `done` or `error` frame as `ws.answer` (and its first `delta` frame apart).
 */
export class ChatSocket {
  private readonly waiting = new Map<string, (frame: ServerFrame | { closed: number }) => void>();
  private current: { requestId: string; firstDelta: number | null } | null = null;
  /** The server's close code, once it closed the connection. */
  private closeCode: number | null = null;

  private constructor(
    private readonly traffic: Traffic,
    private readonly visitor: Visitor,
    private readonly socket: WebSocket,
  ) {
    socket.on('message', (data: Buffer, isBinary) => {
      if (isBinary) return;
      const frame = parseJson(data.toString('utf8')) as ServerFrame | undefined;
      if (!frame || typeof frame !== 'object') return;
      if (frame.type === 'delta') {
        if (this.current && this.current.firstDelta === null) this.current.firstDelta = performance.now();
        return;
      }
      if ((frame.type === 'done' || frame.type === 'error') && typeof frame.requestId === 'string') this.waiting.get(frame.requestId)?.(frame);
    });
    socket.on('close', (code) => {
      this.closeCode = code;
      for (const wake of [...this.waiting.values()]) wake({ closed: code });
    });
  }

  /** Opens the socket; null (the failure recorded) when the handshake fails. */
  static open(traffic: Traffic, visitor: Visitor): Promise<ChatSocket | null> {
    const url = targetUrl(traffic.target, '/api/v1/chat/ws');
    url.protocol = traffic.target.protocol === 'https:' ? 'wss:' : 'ws:';
    const started = performance.now();
    const socket = new WebSocket(url, {
      headers: baseHeaders(traffic, visitor),
      handshakeTimeout: REQUEST_TIMEOUT_MS,
      perMessageDeflate: false,
    });
    traffic.sockets.add(socket);
    socket.once('close', () => traffic.sockets.delete(socket));
    return new Promise((resolve) => {
      let settled = false;
      const settle = (status: string, ok: boolean) => {
        if (settled) return;
        settled = true;
        traffic.hardStop.removeEventListener('abort', onStop);
        const latencyMs = performance.now() - started;
        traffic.recorder.record({ scenario: visitor.scenario, operation: 'ws.connect', endMs: traffic.now(), latencyMs, status, ok });
        if (ok) resolve(new ChatSocket(traffic, visitor, socket));
        else {
          socket.terminate();
          resolve(null);
        }
      };
      const onStop = () => settle('aborted', false);
      traffic.hardStop.addEventListener('abort', onStop, { once: true });
      if (traffic.hardStop.aborted) onStop();
      socket.once('open', () => settle('101', true));
      // The server answered the upgrade with a plain HTTP status (404, 429 …).
      socket.once('unexpected-response', (request, response) => {
        response.resume();
        request.destroy();
        settle(String(response.statusCode ?? 'unexpected-response'), false);
      });
      // `on`, not `once`: a second error event without a listener would throw.
      socket.on('error', (error: Error & { code?: string }) => {
        settle(/handshake has timed out/i.test(error.message) ? 'timeout' : `network:${error.code ?? error.name}`, false);
      });
      socket.once('close', (code) => settle(`ws:closed:${code}`, false));
    });
  }

  /** Sends a message and waits for its answer: the `done` frame's data (the REST body), or null when it failed (recorded). */
  async ask(message: { query: string; language?: string; sessionId?: string }): Promise<unknown> {
    const requestId = this.traffic.nextRequestId();
    const started = performance.now();
    this.current = { requestId, firstDelta: null };
    const outcome = await new Promise<ServerFrame | { closed: number } | 'timeout' | 'aborted'>((resolve) => {
      const timer = setTimeout(() => finish('timeout'), REQUEST_TIMEOUT_MS);
      const onStop = () => finish('aborted');
      const finish = (value: ServerFrame | { closed: number } | 'timeout' | 'aborted') => {
        clearTimeout(timer);
        this.traffic.hardStop.removeEventListener('abort', onStop);
        this.waiting.delete(requestId);
        resolve(value);
      };
      this.traffic.hardStop.addEventListener('abort', onStop, { once: true });
      if (this.traffic.hardStop.aborted) return onStop();
      if (this.socket.readyState !== WebSocket.OPEN) return finish({ closed: this.closeCode ?? 1006 });
      this.waiting.set(requestId, finish);
      this.socket.send(JSON.stringify({ type: 'message', requestId, ...message }));
    });
    const latencyMs = performance.now() - started;
    const firstDelta = this.current.firstDelta;
    this.current = null;
    const record = (status: string, ok: boolean) =>
      this.traffic.recorder.record({ scenario: this.visitor.scenario, operation: 'ws.answer', endMs: this.traffic.now(), latencyMs, status, ok });
    if (outcome === 'timeout' || outcome === 'aborted') {
      record(outcome, false);
      return null;
    }
    if ('closed' in outcome) {
      record(`ws:closed:${outcome.closed}`, false);
      return null;
    }
    if (outcome.type === 'error') {
      record(`ws:error:${outcome.error?.code ?? 'UNKNOWN'}`, false);
      return null;
    }
    if (outcome.type !== 'done' || answerSessionId(outcome.data) === undefined) {
      record('invalid-body', false);
      return null;
    }
    if (firstDelta !== null) this.traffic.recorder.firstDeltas.push(firstDelta - started);
    record('ws:done', true);
    return outcome.data;
  }

  /** A normal close; the server forgets the connection. */
  close(): void {
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) this.socket.close(1000, 'bye');
  }
}

type ServerFrame =
  { type: 'delta'; text?: string } | { type: 'done'; requestId: string; data: unknown } | { type: 'error'; requestId: string; error?: { code?: string } };
