import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type INestApplicationContext, Logger } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';
import type { WebSocket, WebSocketServer } from 'ws';
import type { AppConfig } from '../config/app-config.js';
import { LogThrottle } from '../observability/log-throttle.js';
import { clientIpResolver } from './client-ip.js';
import { writeSocketError } from './framework-errors.js';

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
  private upgradeListener: { server: Server; listener: (request: IncomingMessage, socket: Duplex, head: Buffer) => void } | null = null;

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
    // A handshake ws refuses (no or a bad Sec-WebSocket-Key or -Version, not a GET, a malformed
    // Sec-WebSocket-Protocol or -Extensions) is answered in the API's error shape, not ws's text.
    server.on('wsClientError', (error: Error, socket: Duplex) => {
      const method = error.message === 'Invalid HTTP method';
      const version: Record<string, string> = /Sec-WebSocket-Version/.test(error.message) ? { 'Sec-WebSocket-Version': '13, 8' } : {};
      writeSocketError(socket, method ? 405 : 400, 'INVALID_REQUEST', `Not a valid WebSocket handshake: ${error.message}.`, version);
    });
    return server;
  }

  /**
   * Nest's upgrade listener destroys the socket of an upgrade to any other path without a word
   * (`curl --http2` on plain HTTP asks every request to upgrade to h2c), and answers a Host header
   * it cannot read with a malformed response carrying its error message. Those are refused here
   * in the API's error shape; the rest goes on to Nest's listener.
   */
  protected override ensureHttpServerExists(port: number, httpServer?: Server): Server | undefined {
    const known = this.httpServersRegistry.has(port);
    const result = super.ensureHttpServerExists(port, httpServer);
    const server = this.httpServersRegistry.get(port) as Server | undefined;
    if (known || !server) return result;
    const nestListener = server.listeners('upgrade').at(-1) as ((request: IncomingMessage, socket: Duplex, head: Buffer) => void) | undefined;
    if (!nestListener) return result;
    server.off('upgrade', nestListener);
    this.upgradeListener = { server, listener: (request, socket, head) => this.upgrade(port, nestListener, request, socket, head) };
    server.on('upgrade', this.upgradeListener.listener);
    return result;
  }

  private upgrade(
    port: number,
    nestListener: (request: IncomingMessage, socket: Duplex, head: Buffer) => void,
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
  ): void {
    let pathname: string;
    try {
      pathname = new URL(request.url ?? '/', `ws://${request.headers.host}/`).pathname;
    } catch {
      writeSocketError(socket, 400, 'INVALID_REQUEST', 'The request URL or Host header is not valid.');
      return;
    }
    const paths = (this.wsServersRegistry.get(port) ?? []).map((wsServer: { path?: string }) => wsServer.path);
    if (!paths.includes(pathname)) {
      writeSocketError(socket, 400, 'INVALID_REQUEST', `Only ${paths.join(', ')} takes an Upgrade header; send this request without one.`);
      return;
    }
    nestListener(request, socket, head);
  }

  override async dispose(): Promise<void> {
    clearInterval(this.sweeper);
    this.upgradeListener?.server.off('upgrade', this.upgradeListener.listener);
    this.upgradeListener = null;
    this.throttle.sweep(true);
    await super.dispose();
  }
}
