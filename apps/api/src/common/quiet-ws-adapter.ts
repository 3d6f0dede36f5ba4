import type { IncomingMessage } from 'node:http';
import { type INestApplicationContext, Logger } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';
import type { WebSocket, WebSocketServer } from 'ws';
import type { AppConfig } from '../config/app-config.js';
import { LogThrottle } from '../observability/log-throttle.js';
import { clientIpResolver } from './client-ip.js';

/** Protocol-error lines per client IP and minute; beyond them, one line with the count. */
export const PROTOCOL_ERRORS_LOGGED_PER_MINUTE = 5;
const WINDOW_MS = 60_000;
/** Addresses tracked at once; more share one count (a flood from many addresses cannot grow memory). */
const MAX_TRACKED_ADDRESSES = 10_000;
const OTHER_ADDRESSES = 'other addresses';

/**
 * Nest's WsAdapter logs every client's protocol error (an oversized or malformed frame, which
 * anyone can send) at ERROR with a stack, unthrottled: one client could write megabytes of logs
 * a second. Here such an error is one `warn` line (message, code, client IP), at most
 * PROTOCOL_ERRORS_LOGGED_PER_MINUTE per client IP a minute; the rest are counted and reported
 * in one line. Errors of the server itself are still logged as errors.
 */
export class QuietWsAdapter extends WsAdapter {
  private readonly quietLogger = new Logger('WebSocket');
  private readonly clientIp: (request: IncomingMessage) => string;
  private readonly throttle = new LogThrottle(
    { perWindow: PROTOCOL_ERRORS_LOGGED_PER_MINUTE, windowMs: WINDOW_MS, maxKeys: MAX_TRACKED_ADDRESSES, overflowKey: OTHER_ADDRESSES },
    (ip, count) => this.quietLogger.warn(`… and ${count} more WebSocket protocol errors from ${ip} in the last minute (not logged one by one)`),
  );
  private readonly sweeper: NodeJS.Timeout;

  constructor(app: INestApplicationContext, config: Pick<AppConfig, 'trustProxy'>) {
    super(app);
    this.clientIp = clientIpResolver(config.trustProxy);
    // Counts are reported within ~10 s of their window's end, even when the client went quiet.
    this.sweeper = setInterval(() => this.throttle.sweep(), WINDOW_MS / 6);
    this.sweeper.unref();
  }

  override bindErrorHandler(server: WebSocketServer): WebSocketServer {
    server.on('connection', (socket: WebSocket, request: IncomingMessage) => {
      socket.on('error', (error: Error & { code?: string }) => {
        const ip = this.clientIp(request);
        if (!this.throttle.admit(ip)) return;
        this.quietLogger.warn(`WebSocket protocol error from ${ip}: ${error.message}${error.code ? ` (${error.code})` : ''}`);
      });
    });
    server.on('error', (error: Error) => this.quietLogger.error(error.stack ?? error.message));
    return server;
  }

  override async dispose(): Promise<void> {
    clearInterval(this.sweeper);
    this.throttle.sweep(true);
    await super.dispose();
  }
}
