import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { AbstractHttpAdapter } from '@nestjs/core';
import { ThrottlerException } from '@nestjs/throttler';
import type { ErrorCode, ErrorResponse } from '@holibot/contracts';
import { isDatabaseCorrupt, isDatabaseUnavailable } from '@holibot/database';
import { DomainError, FeatureUnavailableError } from './domain-error.js';
import { httpStatusOf } from './error-mapping.js';

/** Errors Fastify raises before a route runs (reading the body) carry a code and a status. */
const FASTIFY_ERRORS: Partial<Record<string, [number, ErrorCode, string]>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'PAYLOAD_TOO_LARGE', 'The request body is too large.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'INVALID_JSON', 'The request body is not valid JSON.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'INVALID_JSON', 'The request body is not valid JSON.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'INVALID_REQUEST', 'The request body does not match its Content-Length.'],
};

const SERVICE_UNAVAILABLE = {
  status: 503,
  code: 'SERVICE_UNAVAILABLE',
  message: 'The service is temporarily unavailable. Please try again in a moment.',
} as const satisfies { status: number; code: ErrorCode; message: string };

/**
 * One error shape for the whole API: `{success: false, error: {code, message}}`. Unknown
 * errors are logged with their stack and answered with INTERNAL_ERROR, never the stack.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly http: AbstractHttpAdapter) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<unknown>();
    const { status, code, message } = describeError(exception);
    logServerError(this.logger, exception, status);
    if (this.http.isHeadersSent(response)) return;
    const checks = healthChecks(exception);
    this.http.reply(response, { success: false, error: { code, message, ...(checks && { checks }) } } satisfies ErrorResponse, status);
  }
}

/** How a failed request is logged (HTTP and WebSocket alike): 5xx only; a database that is unavailable without its stack. */
export function logServerError(logger: Logger, exception: unknown, status: number): void {
  if (status === 503) {
    // A damaged SQLite file is reported by SqliteIntegrity, once in a while rather than per request.
    if (!isDatabaseCorrupt(exception)) logger.warn(`Database unavailable: ${exception instanceof Error ? exception.message : String(exception)}`);
  } else if (status >= 500) {
    logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
  }
}

/** The API's status, code and message for any error (HTTP and WebSocket answer alike). */
export function describeError(exception: unknown): { status: number; code: ErrorCode; message: string } {
  // Nest's Fastify adapter wraps errors raised before a route runs (the body parser's) in an
  // HttpException whose cause is the error itself.
  const cause = exception instanceof HttpException ? exception.cause : undefined;
  const domain = exception instanceof DomainError ? exception : cause instanceof DomainError ? cause : undefined;
  // A client's fault is told as it is; a server-side one (an operator's code among them) only generically.
  if (domain && httpStatusOf(domain.code) < 500) return { status: httpStatusOf(domain.code), code: domain.code as ErrorCode, message: domain.message };
  if (domain instanceof FeatureUnavailableError) return { status: 503, code: 'SERVICE_UNAVAILABLE', message: domain.message };
  if (domain && httpStatusOf(domain.code) === 503) return SERVICE_UNAVAILABLE;
  if (exception instanceof ThrottlerException) {
    return { status: 429, code: 'RATE_LIMIT_EXCEEDED', message: 'Too many requests, please try again later.' };
  }
  const fastify = (cause ?? exception) as { code?: unknown; statusCode?: unknown } | null | undefined;
  if (typeof fastify?.code === 'string' && fastify.code.startsWith('FST_')) {
    const known = FASTIFY_ERRORS[fastify.code];
    if (known) return { status: known[0], code: known[1], message: known[2] };
    if (typeof fastify.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
      return { status: fastify.statusCode, code: 'INVALID_REQUEST', message: 'The request is not valid.' };
    }
  }
  // A damaged SQLite file is not the request's fault, nor a bug: the service is degraded (503).
  if (isDatabaseUnavailable(exception) || isDatabaseCorrupt(exception)) {
    return SERVICE_UNAVAILABLE;
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const byStatus: Partial<Record<number, [ErrorCode, string]>> = {
      [HttpStatus.NOT_FOUND]: ['NOT_FOUND', 'No such endpoint.'],
      [HttpStatus.PAYLOAD_TOO_LARGE]: ['PAYLOAD_TOO_LARGE', 'The request body is too large.'],
      [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: ['UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.'],
      [HttpStatus.SERVICE_UNAVAILABLE]: ['SERVICE_UNAVAILABLE', 'The service is temporarily unavailable.'],
      [HttpStatus.TOO_MANY_REQUESTS]: ['RATE_LIMIT_EXCEEDED', 'Too many requests, please try again later.'],
    };
    const known = byStatus[status];
    if (known) return { status, code: known[0], message: known[1] };
    if (status < 500) return { status, code: 'INVALID_REQUEST', message: exception.message };
  }
  return { status: 500, code: 'INTERNAL_ERROR', message: 'Something went wrong on our side. Please try again.' };
}

/**
 * A failed @nestjs/terminus health check: each check's status, for monitoring to see what is
 * down. Only the status: the driver's message can name hosts and users, and /health is public.
 */
function healthChecks(exception: unknown): ErrorResponse['error']['checks'] | undefined {
  if (!(exception instanceof HttpException) || exception.getStatus() !== 503) return undefined;
  const body = exception.getResponse() as { status?: unknown; details?: Record<string, { status?: unknown }> };
  if (body.status !== 'error' || typeof body.details !== 'object' || body.details === null) return undefined;
  return Object.fromEntries(
    Object.entries(body.details).map(([name, check]) => [name, { status: typeof check?.status === 'string' ? check.status : 'unknown' }]),
  );
}
