import type { NextFunction, Request, Response } from 'express';
import { utilities as nestWinston } from 'nest-winston';
import winston from 'winston';
import DailyRotateFile from 'winston-daily-rotate-file';
import type { AppConfig } from '../config/app-config.js';
import { currentRequestId, requestContext, requestIdFrom } from './request-context.js';

/** Puts the current request's id on every log line written while serving it. */
const withRequestId = winston.format((info) => {
  const requestId = currentRequestId();
  if (requestId && info['requestId'] === undefined) info['requestId'] = requestId;
  return info;
});

/**
 * The process's Winston logger: console, plus daily files in LOG_DIR —
 * error-YYYY-MM-DD.log (errors only) and combined-YYYY-MM-DD.log (everything at LOG_LEVEL),
 * rotated files gzip-compressed and kept 14 days.
 */
export function createWinstonLogger(config: AppConfig): winston.Logger {
  const transports: winston.transport[] = [
    new winston.transports.Console({
      format: winston.format.combine(
        withRequestId(),
        winston.format.timestamp(),
        nestWinston.format.nestLike('HoliBot', { colors: process.stdout.isTTY, prettyPrint: false }),
      ),
    }),
  ];
  if (config.log.filesEnabled) {
    const fileFormat = winston.format.combine(withRequestId(), winston.format.timestamp(), winston.format.json());
    const rotation = { dirname: config.log.dir, datePattern: 'YYYY-MM-DD', zippedArchive: true, maxFiles: '14d', format: fileFormat };
    transports.push(
      new DailyRotateFile({ ...rotation, filename: 'error-%DATE%.log', level: 'error' }),
      new DailyRotateFile({ ...rotation, filename: 'combined-%DATE%.log' }),
    );
  }
  return winston.createLogger({ level: config.log.level, transports });
}

/**
 * Express middleware, first in the chain: gives the request an id (the caller's X-Request-Id
 * when it is sane), returns it as X-Request-Id, and logs one `http` line when the response ends.
 */
export function requestLogging(logger: winston.Logger) {
  // The level is fixed at start: below `http`, requests cost no log work at all.
  const logRequests = logger.isLevelEnabled('http');
  return (req: Request, res: Response, next: NextFunction): void => {
    const requestId = requestIdFrom(req.header('x-request-id'));
    const started = process.hrtime.bigint();
    res.setHeader('X-Request-Id', requestId);
    if (logRequests) res.on('finish', () => {
      const responseTimeMs = Number(process.hrtime.bigint() - started) / 1e6;
      logger.http(`${req.method} ${req.originalUrl} ${res.statusCode} ${responseTimeMs.toFixed(1)}ms`, {
        context: 'HTTP',
        requestId,
        method: req.method,
        url: req.originalUrl,
        status: res.statusCode,
        responseTimeMs: Math.round(responseTimeMs * 10) / 10,
        ip: req.ip,
        userAgent: req.header('user-agent') ?? null,
        referrer: req.header('referer') ?? null,
      });
    });
    requestContext.run({ requestId }, next);
  };
}
