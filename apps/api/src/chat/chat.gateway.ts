import type { IncomingMessage } from 'node:http';
import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { type OnGatewayConnection, type OnGatewayDisconnect, WebSocketGateway } from '@nestjs/websockets';
import type { ErrorCode } from '@holibot/contracts';
import type { WebSocket } from 'ws';
import { describeError, logServerError } from '../common/all-exceptions.filter.js';
import { ApiError } from '../common/api-error.js';
import { createValidationPipe } from '../common/validation.js';
import { AppConfig } from '../config/app-config.js';
import { noteActivity } from '../observability/idle-memory.js';
import { ChatMessageDto } from './chat-message.dto.js';
import { ChatRateLimit } from './chat-rate-limit.js';
import { ChatService } from './chat.service.js';

/** Frames larger than this close the connection (ws answers with 1009). */
export const WS_MAX_FRAME_BYTES = 16 * 1024;
/** Messages one connection may have waiting for their answer; more are refused, not queued. */
const MAX_QUEUED_MESSAGES = 10;

/** What the server sends. `done.data` is exactly the REST answer's body. */
export type ServerFrame =
  | { type: 'delta'; text: string }
  | { type: 'done'; data: unknown }
  | { type: 'error'; error: { code: ErrorCode; message: string; retryAfter?: number } };

interface Connection {
  ip: string;
  alive: boolean;
  /** Messages of one connection are answered one after the other, in order. */
  queue: Promise<void>;
  queued: number;
}

/**
 * `/api/v1/chat/ws`: the chat over WebSocket, answers streamed as they are written. Client:
 * `{type: "message", query, sessionId?, language?}`; server: `delta` frames, then `done` (or
 * `error`). Same validation, sessions and rate limit as REST.
 */
@WebSocketGateway({ path: '/api/v1/chat/ws', maxPayload: WS_MAX_FRAME_BYTES })
export class ChatGateway implements OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy {
  private readonly logger = new Logger('ChatSocket');
  private readonly connections = new Map<WebSocket, Connection>();
  private readonly validation = createValidationPipe();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly chat: ChatService,
    private readonly rateLimit: ChatRateLimit,
    private readonly config: AppConfig,
  ) {
    // A connection that did not answer the previous ping is dead (sleeping laptop, lost network).
    this.heartbeat = setInterval(() => {
      for (const [socket, connection] of this.connections) {
        if (!connection.alive) {
          socket.terminate();
          continue;
        }
        connection.alive = false;
        socket.ping();
      }
    }, config.ws.heartbeatIntervalMs);
    this.heartbeat.unref();
  }

  /** Open connections, for metrics and the ops guide's alert above 1,000. */
  get connectionCount(): number {
    return this.connections.size;
  }

  handleConnection(socket: WebSocket, request: IncomingMessage): void {
    if (!this.originAllowed(request)) {
      socket.close(1008, 'Origin not allowed');
      return;
    }
    if (this.connections.size >= this.config.ws.maxConnections) {
      socket.close(1013, 'Too many connections, try again later');
      return;
    }
    const connection: Connection = { ip: this.rateLimit.clientIp(request), alive: true, queue: Promise.resolve(), queued: 0 };
    this.connections.set(socket, connection);
    socket.on('pong', () => (connection.alive = true));
    socket.on('message', (raw, isBinary) => {
      noteActivity();
      if (connection.queued >= MAX_QUEUED_MESSAGES) {
        this.send(socket, {
          type: 'error',
          error: { code: 'RATE_LIMIT_EXCEEDED', message: 'Too many messages waiting for an answer; wait for the answers.', retryAfter: 1 },
        });
        return;
      }
      connection.queued += 1;
      connection.queue = connection.queue
        .then(() => this.answer(socket, connection, isBinary ? null : raw.toString()))
        .finally(() => (connection.queued -= 1));
    });
  }

  handleDisconnect(socket: WebSocket): void {
    this.connections.delete(socket);
  }

  onModuleDestroy(): void {
    clearInterval(this.heartbeat);
    for (const socket of this.connections.keys()) socket.close(1001, 'Server shutting down');
  }

  private async answer(socket: WebSocket, connection: Connection, raw: string | null): Promise<void> {
    // Nobody to answer any more: queued messages of a closed connection are dropped.
    if (socket.readyState !== socket.OPEN) return;
    try {
      const request = await this.parse(raw);
      const wait = await this.rateLimit.hit(connection.ip);
      if (wait !== null) {
        this.send(socket, { type: 'error', error: { code: 'RATE_LIMIT_EXCEEDED', message: `Too many requests, please try again in ${wait} s.`, retryAfter: wait } });
        return;
      }
      const response = await this.chat.handle(request, null, (text) => this.send(socket, { type: 'delta', text }));
      this.send(socket, { type: 'done', data: response });
    } catch (error) {
      const { status, code, message } = describeError(error);
      logServerError(this.logger, error, status);
      this.send(socket, { type: 'error', error: { code, message } });
    }
  }

  /** A text frame holding `{type: "message", …}` that passes the REST body's validation. */
  private async parse(raw: string | null): Promise<ChatMessageDto> {
    if (raw === null) throw new ApiError(400, 'INVALID_REQUEST', 'Send text frames with JSON.');
    let frame: unknown;
    try {
      frame = JSON.parse(raw);
    } catch {
      throw new ApiError(400, 'INVALID_JSON', 'The frame is not valid JSON.');
    }
    if (typeof frame !== 'object' || frame === null || Array.isArray(frame) || (frame as { type?: unknown }).type !== 'message') {
      throw new ApiError(400, 'INVALID_REQUEST', 'Send {"type": "message", "query": "…"}.');
    }
    const { type: _type, ...body } = frame as Record<string, unknown>;
    return (await this.validation.transform(body, { type: 'body', metatype: ChatMessageDto })) as ChatMessageDto;
  }

  /** Browsers send Origin with every WebSocket: the page's own origin or one in CORS_ORIGIN. */
  private originAllowed(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    if (!origin) return true; // not a browser: CORS does not apply to it either
    const origins = this.config.corsOrigins;
    if (origins.includes('*') || origins.includes(origin)) return true;
    try {
      return new URL(origin).host === request.headers.host;
    } catch {
      return false;
    }
  }

  private send(socket: WebSocket, frame: ServerFrame): void {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  }
}
