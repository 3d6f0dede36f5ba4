import type { onRequestHookHandler, onResponseHookHandler } from 'fastify';
import { utilities as nestWinston } from 'nest-winston';
import winston from 'winston';
import type { AppConfig } from '../config/app-config.js';
import { LogFilesHealth, ResilientFileTransport } from './log-files.js';
import { currentRequestId, requestContext, requestIdFrom } from './request-context.js';

/** Puts the current request's id on every log line written while serving it. */
const withRequestId = winston.format((info) => {
  const requestId = currentRequestId();
  if (requestId && info['requestId'] === undefined) info['requestId'] = requestId;
  return info;
});

export interface ProcessLogger {
  logger: winston.Logger;
  /** The state of the log files; null when LOG_FILES_ENABLED=false. */
  logFiles: LogFilesHealth | null;
}

/**
 * The process's Winston logger: console, plus daily files in LOG_DIR —
 * error-YYYY-MM-DD.log (errors only) and combined-YYYY-MM-DD.log (everything at LOG_LEVEL),
 * each at most LOG_MAX_SIZE (then .1, .2 … the same day), rotated files gzip-compressed and kept
 * 14 days. Files that cannot be written (full or read-only disk, unwritable LOG_DIR, even at
 * start) leave the console logging and the server running: see ResilientFileTransport.
 */
export function createWinstonLogger(config: AppConfig): ProcessLogger {
  const transports: winston.transport[] = [
    new winston.transports.Console({
      format: winston.format.combine(
        withRequestId(),
        winston.format.timestamp(),
        nestWinston.format.nestLike('HoliBot', { colors: process.stdout.isTTY, prettyPrint: false }),
      ),
    }),
  ];
  let logFiles: LogFilesHealth | null = null;
  if (config.log.filesEnabled) {
    logFiles = new LogFilesHealth(config.log.dir);
    const format = winston.format.combine(withRequestId(), winston.format.timestamp(), winston.format.json());
    const rotation = { dirname: config.log.dir, datePattern: 'YYYY-MM-DD', zippedArchive: true, maxFiles: '14d', maxSize: config.log.maxSize, format };
    transports.push(
      new ResilientFileTransport({ ...rotation, filename: 'error-%DATE%.log', level: 'error' }, logFiles),
      new ResilientFileTransport({ ...rotation, filename: 'combined-%DATE%.log' }, logFiles),
    );
  }
  return { logger: winston.createLogger({ level: config.log.level, transports }), logFiles };
}

/**
 * Fastify hooks, first on every request: give the request an id (the caller's X-Request-Id
 * when it is sane), return it as X-Request-Id, run the rest of the request inside its context
 * (log lines carry the id), and log one `http` line when the response has been sent.
 */
export function requestLogging(logger: winston.Logger): { onRequest: onRequestHookHandler; onResponse?: onResponseHookHandler } {
  const onRequest: onRequestHookHandler = (request, reply, done) => {
    const requestId = requestIdFrom(request.headers['x-request-id']);
    reply.header('X-Request-Id', requestId);
    requestContext.run({ requestId }, done);
  };
  // The level is fixed at start: below `http`, requests cost no log work at all.
  if (!logger.isLevelEnabled('http')) return { onRequest };
  const onResponse: onResponseHookHandler = (request, reply, done) => {
    const responseTimeMs = Math.round(reply.elapsedTime * 10) / 10;
    logger.http(`${request.method} ${request.url} ${reply.statusCode} ${responseTimeMs.toFixed(1)}ms`, {
      context: 'HTTP',
      requestId: reply.getHeader('x-request-id'),
      method: request.method,
      url: request.url,
      status: reply.statusCode,
      responseTimeMs,
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
      referrer: request.headers['referer'] ?? null,
    });
    done();
  };
  return { onRequest, onResponse };
}
