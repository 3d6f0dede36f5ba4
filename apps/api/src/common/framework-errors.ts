import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { ErrorCode, ErrorResponse } from '@holibot/contracts';
import { requestIdFrom } from '../observability/request-context.js';
import { describeError } from './all-exceptions.filter.js';
import { InvalidRequestError } from './domain-error.js';

/**
 * Errors Fastify answers before any route or hook runs — a path whose %-escapes are not UTF-8
 * (FST_ERR_BAD_URL), a path parameter over 100 characters (FST_ERR_MAX_PARAM_LENGTH) — in the
 * API's one error shape, with a request id, instead of Fastify's own body.
 */
export function frameworkErrorReply(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const { status, code, message } = describeError(error);
  void reply
    .code(status)
    .header('X-Request-Id', requestIdFrom(request.headers['x-request-id']))
    .header('content-type', 'application/json; charset=utf-8')
    .send({ success: false, error: { code, message } } satisfies ErrorResponse);
}

/**
 * A request Node's HTTP parser refused (a control character or a folded line in a header, an
 * unknown method, both Content-Length and Transfer-Encoding, headers over the size limit, a
 * request that did not arrive in time): answered on the socket in the API's error shape, then
 * the connection is closed. A connection the client reset gets nothing.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') writeSocketError(socket, 408, 'INVALID_REQUEST', 'The request did not arrive in time.');
  else if (error.code === 'HPE_HEADER_OVERFLOW') writeSocketError(socket, 431, 'INVALID_REQUEST', 'The request headers are too large.');
  else writeSocketError(socket, 400, 'INVALID_REQUEST', 'The request is not valid HTTP.');
}

/**
 * HTTP/1.1 requires a Host header (RFC 9112 §3.2). Node refuses a request without one with an
 * empty 400 and no request id, so the server leaves that to this hook (`requireHostHeader:
 * false`), which refuses it in the API's shape. HTTP/1.0 needs none.
 */
export function requireHost(request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  const { httpVersionMajor, httpVersionMinor, headers } = request.raw;
  if (headers.host === undefined && (httpVersionMajor > 1 || httpVersionMinor >= 1)) done(new InvalidRequestError('An HTTP/1.1 request needs a Host header.'));
  else done();
}

/** A request whose Expect header is not `100-continue`: Node's 417, in the API's error shape (Node's own has no body). */
export function answerExpectation(request: IncomingMessage, response: ServerResponse): void {
  const body = JSON.stringify({ success: false, error: { code: 'INVALID_REQUEST', message: 'Expect can only be 100-continue.' } } satisfies ErrorResponse);
  response
    .writeHead(417, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      'X-Request-Id': requestIdFrom(request.headers['x-request-id']),
      Connection: 'close',
    })
    .end(body);
}

/** A complete HTTP error response written on a bare socket (no Fastify reply exists), then the connection closed. */
export function writeSocketError(socket: Duplex, status: number, code: ErrorCode, message: string, headers: Record<string, string> = {}): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({ success: false, error: { code, message } } satisfies ErrorResponse);
  const head: Record<string, string> = {
    Connection: 'close',
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'X-Request-Id': requestIdFrom(undefined),
    ...headers,
  };
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${Object.entries(head)
      .map(([name, value]) => `${name}: ${value}`)
      .join('\r\n')}\r\n\r\n${body}`,
  );
}
