import { connect } from 'node:net';

/** One header as it goes on the wire: any bytes, CR and LF included (a fuzz input may want to break the request). */
export type RawHeader = [name: string, value: string | Buffer];

export interface RawRequest {
  method: string;
  /** The request target exactly as sent (percent-encoded or not). */
  target: string;
  headers: RawHeader[];
  body?: Buffer | string;
  /** Content-Length is set from the body unless a header says otherwise or this is false. */
  contentLength?: boolean;
  /** No Host header at all (one is added otherwise). */
  omitHost?: boolean;
  /** `HTTP/1.1` unless told. */
  version?: string;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string[]>;
  body: Buffer;
}

export interface RawResult {
  response: RawResponse | null;
  /** The server closed the connection without a byte of answer. */
  closedSilently: boolean;
  timedOut: boolean;
  bytes: Buffer;
}

/** The request's bytes: request line, headers (Host and Connection: close unless given), the body. */
export function encodeRequest(request: RawRequest, host: string): Buffer {
  const names = new Set(request.headers.map(([name]) => name.toLowerCase()));
  const headers: RawHeader[] = [];
  if (!names.has('host') && !request.omitHost) headers.push(['Host', host]);
  if (!names.has('connection')) headers.push(['Connection', 'close']);
  headers.push(...request.headers);
  const body = typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : request.body;
  if (body && request.contentLength !== false && !names.has('content-length') && !names.has('transfer-encoding')) {
    headers.push(['Content-Length', String(body.length)]);
  }
  const parts: Buffer[] = [
    Buffer.from(`${request.method} `, 'latin1'),
    Buffer.from(request.target, 'utf8'),
    Buffer.from(` HTTP/${request.version ?? '1.1'}\r\n`, 'latin1'),
  ];
  for (const [name, value] of headers) {
    parts.push(Buffer.from(`${name}: `, 'latin1'), typeof value === 'string' ? Buffer.from(value, 'utf8') : value, Buffer.from('\r\n', 'latin1'));
  }
  parts.push(Buffer.from('\r\n', 'latin1'));
  if (body) parts.push(body);
  return Buffer.concat(parts);
}

/**
 * Sends bytes on a fresh connection and reads one HTTP response: complete by its Content-Length,
 * its chunks, or the close of the connection. Never throws: a reset, a silent close or a timeout
 * is in the result.
 */
export function sendRaw(port: number, bytes: Buffer, options: { head?: boolean; timeoutMs?: number } = {}): Promise<RawResult> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (timedOut: boolean, closed: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const response = parseResponse(received, options.head === true, closed);
      resolve({ response, closedSilently: closed && received.length === 0, timedOut, bytes: received });
    };
    const timer = setTimeout(() => finish(true, false), options.timeoutMs ?? 20_000);
    socket.on('connect', () => socket.write(bytes));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (parseResponse(received, options.head === true, false)) finish(false, false);
    });
    // A server that answers and closes while the request is still being written gives EPIPE or ECONNRESET: what it sent counts.
    socket.on('error', () => finish(false, true));
    socket.on('close', () => finish(false, true));
  });
}

/** One response from the bytes, or null while it is incomplete (closed: the connection ended, so a body without length ends here). */
export function parseResponse(bytes: Buffer, head: boolean, closed: boolean): RawResponse | null {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return null;
  // An interim answer (100 Continue) comes before the real one.
  if (/^HTTP\/1\.[01] 1(?!01)\d\d/.test(bytes.subarray(0, 12).toString('latin1'))) return parseResponse(bytes.subarray(end + 4), head, closed);
  const lines = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const match = /^HTTP\/1\.[01] (\d{3})(?: .*)?$/.exec(lines[0]!);
  if (!match) return closed ? { status: 0, headers: {}, body: bytes } : null;
  const status = Number(match[1]);
  const headers: Record<string, string[]> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    const name = (colon < 0 ? line : line.slice(0, colon)).trim().toLowerCase();
    (headers[name] ??= []).push(colon < 0 ? '' : line.slice(colon + 1).trim());
  }
  const rest = bytes.subarray(end + 4);
  if (head || status === 204 || status === 304 || status === 101) return { status, headers, body: Buffer.alloc(0) };
  if (headers['transfer-encoding']?.some((value) => /chunked/i.test(value))) {
    const body = dechunk(rest);
    return body ? { status, headers, body } : closed ? { status, headers, body: rest } : null;
  }
  const length = headers['content-length']?.[0];
  if (length !== undefined) {
    const size = Number(length);
    if (rest.length >= size) return { status, headers, body: rest.subarray(0, size) };
    return closed ? { status, headers, body: rest } : null;
  }
  return closed ? { status, headers, body: rest } : null;
}

function dechunk(bytes: Buffer): Buffer | null {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', at);
    if (lineEnd < 0) return null;
    const size = parseInt(bytes.subarray(at, lineEnd).toString('latin1'), 16);
    if (Number.isNaN(size)) return null;
    if (size === 0) return Buffer.concat(parts);
    if (bytes.length < lineEnd + 2 + size + 2) return null;
    parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}
