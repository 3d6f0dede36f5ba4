import { connect } from 'node:net';
import WebSocket from 'ws';
import { wsFrameProblems } from './checks.js';
import { parseResponse } from './raw-http.js';

/** A frame as the fuzz sends it: text or binary. */
export interface WsFrame {
  data: string | Buffer;
  binary: boolean;
  /** The close code this frame must end the connection with: 1009 over 16 KB, 1007 a text frame that is not UTF-8. */
  closes?: 1007 | 1009;
  /** The requestId the frame carries, for checking the answer's. */
  requestId?: unknown;
}

export interface WsExchange {
  /** Problems found in the server's frames and close. */
  problems: string[];
  /** Frames sent before the connection closed. */
  sent: number;
  /** Terminal frames (done or error) received. */
  answered: number;
  close: { code: number; reason: string } | null;
  errorCodes: string[];
  /** The sessionId of each done frame's answer. */
  doneSessionIds: string[];
}

/** Close codes the README documents; 1006 only when the server dropped a connection mid-write after a closing frame. */
const CLOSE_CODES = new Set([1000, 1001, 1008, 1009, 1013]);

/**
 * One connection: sends the frames (one after the other, each answered before the next; or all
 * at once, a flood) and checks every frame the server sends: JSON, the documented types, errors
 * in the API's shape, no leak; exactly one done or error frame per message until the connection
 * closes, and a documented close code.
 */
export function exchange(url: string, frames: WsFrame[], options: { flood?: boolean; origin?: string; timeoutMs?: number } = {}): Promise<WsExchange> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/api/v1/chat/ws`, {
    headers: options.origin ? { origin: options.origin } : {},
    perMessageDeflate: false,
  });
  const result: WsExchange = { problems: [], sent: 0, answered: 0, close: null, errorCodes: [], doneSessionIds: [] };
  const pending: WsFrame[] = [];
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));
  const timer = setTimeout(() => {
    result.problems.push(`no answer to ${result.sent - result.answered} of ${result.sent} frames within ${options.timeoutMs ?? 15_000} ms`);
    socket.terminate();
    finish();
  }, options.timeoutMs ?? 15_000);

  const sendNext = () => {
    const frame = frames[result.sent];
    if (!frame || socket.readyState !== WebSocket.OPEN) {
      if (result.answered >= result.sent) socket.close(1000);
      return;
    }
    result.sent += 1;
    pending.push(frame);
    socket.send(frame.data, { binary: frame.binary }, () => {});
  };

  socket.on('open', () => {
    if (options.flood) while (result.sent < frames.length && socket.readyState === WebSocket.OPEN) sendNext();
    else sendNext();
    if (!frames.length) socket.close(1000);
  });
  socket.on('message', (data: Buffer, isBinary: boolean) => {
    if (isBinary) result.problems.push('a binary frame from the server');
    const text = data.toString('utf8');
    let frame: any;
    try {
      frame = JSON.parse(text);
    } catch {
      frame = undefined;
    }
    const terminal = frame?.type === 'done' || frame?.type === 'error';
    // Answers come in order: a terminal frame answers the oldest message still waiting.
    const answering = terminal ? pending.shift() : pending[0];
    // In a flood the frames past the queue are refused at once, ahead of the queued answers: no order to check.
    result.problems.push(...wsFrameProblems(text, options.flood ? undefined : answering?.requestId));
    if (frame?.type === 'error' && typeof frame.error?.code === 'string') result.errorCodes.push(frame.error.code);
    if (frame?.type === 'done') result.doneSessionIds.push(String(frame.data?.data?.sessionId));
    if (!terminal) return;
    result.answered += 1;
    if (!answering) result.problems.push('more answers than messages');
    if (!options.flood) sendNext();
    else if (result.answered >= result.sent && result.sent >= frames.length) socket.close(1000);
  });
  socket.on('close', (code, reason) => {
    clearTimeout(timer);
    result.close = { code, reason: reason.toString() };
    const closing = frames.slice(0, result.sent).find((frame) => frame.closes);
    if (closing && code !== closing.closes && code !== 1006) result.problems.push(`closed with ${code}, expected ${closing.closes}`);
    if (!closing && code !== 1005 && !CLOSE_CODES.has(code)) result.problems.push(`closed with ${code} ${JSON.stringify(reason.toString())}`);
    // Every message before the close is answered, except the one that closes it.
    const firstClosing = frames.findIndex((frame) => frame.closes);
    const expected = firstClosing >= 0 && firstClosing < result.sent ? firstClosing : result.sent;
    if (code !== 1008 && code !== 1013 && result.answered < expected)
      result.problems.push(`${expected - result.answered} of ${expected} messages unanswered before close ${code}`);
    finish();
  });
  socket.on('error', () => {
    // The close event follows and says how it ended.
  });
  return done.then(() => result);
}

export interface RawHandshake {
  /** The HTTP answer's status (101 when upgraded), 0 when none came. */
  status: number;
  /** After a 101: the close code of the server's first frame when it is a close frame, else null. */
  closeCode: number | null;
  bytes: Buffer;
}

/**
 * A handshake from raw bytes (for headers a WebSocket client would refuse to send): the HTTP
 * answer, and after a 101 the server's first frame within `waitMs` — a close frame (1008 for an
 * origin it refuses) or nothing.
 */
export function rawHandshake(port: number, request: Buffer, waitMs = 400): Promise<RawHandshake> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let bytes = Buffer.alloc(0);
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const head = bytes.indexOf('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(bytes.toString('latin1'))?.[1] ?? 0);
      const frame = head >= 0 ? bytes.subarray(head + 4) : Buffer.alloc(0);
      const closeCode = status === 101 && frame.length >= 4 && (frame[0]! & 0x0f) === 0x8 ? frame.readUInt16BE(2) : null;
      resolve({ status, closeCode, bytes });
    };
    const timer = setTimeout(finish, 15_000);
    socket.on('connect', () => socket.write(request));
    socket.on('data', (chunk: Buffer) => {
      bytes = Buffer.concat([bytes, chunk]);
      const head = bytes.indexOf('\r\n\r\n');
      if (head < 0) return;
      if (!bytes.subarray(0, 12).toString('latin1').includes(' 101')) {
        // An HTTP refusal: done once it is whole.
        if (parseResponse(bytes, false, false)) finish();
        return;
      }
      const frame = bytes.subarray(head + 4);
      if (frame.length >= 4) finish();
      else setTimeout(finish, waitMs);
    });
    socket.on('error', finish);
    socket.on('close', finish);
  });
}
