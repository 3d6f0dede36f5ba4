import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Response } from 'express';
import type { ErrorCode, ErrorResponse } from '@holibot/contracts';
import { isDatabaseCorrupt, isDatabaseUnavailable } from '@holibot/database';
import { ApiError } from './api-error.js';

interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
}

/**
 * One error shape for the whole API: `{success: false, error: {code, message}}`. Unknown
 * errors are logged with their stack and answered with INTERNAL_ERROR, never the stack.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, code, message } = describeError(exception);
    logServerError(this.logger, exception, status);
    if (response.headersSent) return;
    const checks = healthChecks(exception);
    response.status(status).json({ success: false, error: { code, message, ...(checks && { checks }) } } satisfies ErrorResponse);
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
  if (exception instanceof ApiError) {
    return { status: exception.getStatus(), code: exception.code, message: (exception.getResponse() as ErrorResponse).error.message };
  }
  if (exception instanceof ThrottlerException) {
    return { status: 429, code: 'RATE_LIMIT_EXCEEDED', message: 'Too many requests, please try again later.' };
  }
  // Errors of Express's body parser carry a `type`; Nest wraps them in an HttpException.
  const parser = (exception instanceof HttpException ? exception.cause : exception) as BodyParserError | undefined;
  if (parser?.type === 'entity.parse.failed') {
    return { status: 400, code: 'INVALID_JSON', message: 'The request body is not valid JSON.' };
  }
  if (parser?.type === 'entity.too.large') {
    return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' };
  }
  if (parser?.type === 'charset.unsupported' || parser?.type === 'encoding.unsupported') {
    return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported request encoding.' };
  }
  // A damaged SQLite file is not the request's fault, nor a bug: the service is degraded (503).
  if (isDatabaseUnavailable(exception) || isDatabaseCorrupt(exception)) {
    return { status: 503, code: 'SERVICE_UNAVAILABLE', message: 'The service is temporarily unavailable. Please try again in a moment.' };
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
  if (!(exception instanceof HttpException) || exception.getStatus() !== HttpStatus.SERVICE_UNAVAILABLE) return undefined;
  const body = exception.getResponse() as { status?: unknown; details?: Record<string, { status?: unknown }> };
  if (body.status !== 'error' || typeof body.details !== 'object' || body.details === null) return undefined;
  return Object.fromEntries(Object.entries(body.details).map(([name, check]) => [name, { status: String(check?.status ?? 'unknown') }]));
}
