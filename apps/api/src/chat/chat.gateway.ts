import type { IncomingMessage } from 'node:http';
import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { type OnGatewayConnection, type OnGatewayDisconnect, WebSocketGateway } from '@nestjs/websockets';
import type { ChatServerFrame as ServerFrame } from '@holibot/contracts';
import type { RawData, WebSocket } from 'ws';
import { describeError, logServerError } from '../common/all-exceptions.filter.js';
import { InvalidRequestError } from '../common/domain-error.js';
import { isOriginAllowed } from '../common/origin-policy.js';
import { createValidationPipe } from '../common/validation.js';
import { AppConfig } from '../config/app-config.js';
import { noteActivity } from '../observability/idle-memory.js';
import { Metrics } from '../observability/metrics/metrics.service.js';
import { requestContext, requestIdFrom } from '../observability/request-context.js';
import { UserTokenService } from '../session/index.js';
import { ChatMessageDto } from './chat-message.dto.js';
import { ChatRateLimit } from './chat-rate-limit.js';
import { ChatService } from './chat.service.js';

/** Frames larger than this close the connection (ws answers with 1009). */
export const WS_MAX_FRAME_BYTES = 16 * 1024;
/** Messages one connection may have waiting for their answer; more are refused, not queued. */
const MAX_QUEUED_MESSAGES = 10;

interface Connection {
  ip: string;
  alive: boolean;
  /** Messages of one connection are answered one after the other, in order. */
  queue: Promise<void>;
  queued: number;
  /** Closes the connection unless it sends a frame in time; null once it has. */
  idleTimer: NodeJS.Timeout | null;
}

/** A received frame, decoded once: its JSON (or why it has none) and its request id. */
interface IncomingFrame {
  requestId: string;
  json: unknown;
  problem: InvalidRequestError | null;
}

/**
 * `/api/v1/chat/ws`: the chat over WebSocket, answers streamed as they are written. Client:
 * `{type: "message", query, sessionId?, language?, latitude?, longitude?, token?, requestId?}`; server: `delta` frames,
 * then `done` (or `error`). Same validation, sessions, user tokens and rate limit as REST.
 */
@WebSocketGateway({ path: '/api/v1/chat/ws', maxPayload: WS_MAX_FRAME_BYTES })
export class ChatGateway implements OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy {
  private readonly logger = new Logger('ChatSocket');
  private readonly connections = new Map<WebSocket, Connection>();
  private readonly connectionsPerIp = new Map<string, number>();
  private readonly validation = createValidationPipe();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly chat: ChatService,
    private readonly rateLimit: ChatRateLimit,
    private readonly tokens: UserTokenService,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
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
    // Closed after the handshake rather than refused in it: a browser shows a refused handshake
    // as 1006 without a reason, a close frame's code and reason it passes on.
    if (!isOriginAllowed(request.headers.origin, request.headers.host, this.config)) {
      socket.close(1008, 'origin not allowed');
      return;
    }
    if (this.connections.size >= this.config.ws.maxConnections) {
      socket.close(1013, 'too many connections, try again later');
      return;
    }
    const ip = this.rateLimit.clientIp(request);
    const fromIp = this.connectionsPerIp.get(ip) ?? 0;
    // One client must not hold every slot.
    if (fromIp >= this.config.ws.maxConnectionsPerIp) {
      socket.close(1013, 'too many connections from your address');
      return;
    }
    this.connectionsPerIp.set(ip, fromIp + 1);
    const connection: Connection = { ip, alive: true, queue: Promise.resolve(), queued: 0, idleTimer: null };
    this.connections.set(socket, connection);
    this.metrics.wsConnections(this.connections.size);
    const { idleTimeoutMs } = this.config.ws;
    // A slot held without a word is given back; a normal close, the client may come back with a message.
    if (idleTimeoutMs > 0) connection.idleTimer = setTimeout(() => socket.close(1000, `idle: no message within ${idleTimeoutMs / 1000} s`), idleTimeoutMs);
    socket.on('pong', () => (connection.alive = true));
    socket.on('message', (raw, isBinary) => {
      noteActivity();
      clearIdleTimer(connection);
      const frame = decode(raw, isBinary);
      if (connection.queued >= MAX_QUEUED_MESSAGES) {
        // Counted too: a flood is not free.
        void this.rateLimit.hit(ip).catch((error: unknown) => this.logger.error(String(error)));
        this.metrics.rateLimitHit('ws');
        this.send(socket, {
          type: 'error',
          requestId: frame.requestId,
          error: { code: 'RATE_LIMIT_EXCEEDED', message: 'Too many messages waiting for an answer; wait for the answers.', retryAfter: 1 },
        });
        return;
      }
      connection.queued += 1;
      connection.queue = connection.queue
        // The message's log lines carry its request id.
        .then(() => requestContext.run({ requestId: frame.requestId }, () => this.answer(socket, connection, frame)))
        .finally(() => (connection.queued -= 1));
    });
  }

  handleDisconnect(socket: WebSocket): void {
    const connection = this.connections.get(socket);
    // Refused connections never got a slot.
    if (!connection) return;
    this.connections.delete(socket);
    this.metrics.wsConnections(this.connections.size);
    clearIdleTimer(connection);
    const fromIp = (this.connectionsPerIp.get(connection.ip) ?? 1) - 1;
    if (fromIp > 0) this.connectionsPerIp.set(connection.ip, fromIp);
    else this.connectionsPerIp.delete(connection.ip);
  }

  onModuleDestroy(): void {
    clearInterval(this.heartbeat);
    for (const [socket, connection] of this.connections) {
      clearIdleTimer(connection);
      socket.close(1001, 'server shutting down');
    }
  }

  private async answer(socket: WebSocket, connection: Connection, frame: IncomingFrame): Promise<void> {
    // Nobody to answer any more: queued messages of a closed connection are dropped.
    if (socket.readyState !== socket.OPEN) return;
    const { requestId } = frame;
    try {
      // Every frame counts, valid or not (binary, not JSON, wrong type, failed validation): bad frames are not free.
      const wait = await this.rateLimit.hit(connection.ip);
      if (wait !== null) {
        this.metrics.rateLimitHit('ws');
        this.send(socket, {
          type: 'error',
          requestId,
          error: { code: 'RATE_LIMIT_EXCEEDED', message: `Too many requests, please try again in ${wait} s.`, retryAfter: wait },
        });
        return;
      }
      const { body, token } = messageOf(frame);
      // REST's order: the body is validated before the token is looked at.
      const request = (await this.validation.transform(body, { type: 'body', metatype: ChatMessageDto })) as ChatMessageDto;
      const userId = await this.tokens.userIdFromToken(token);
      const response = await this.chat.handle(request, userId, (text) => this.send(socket, { type: 'delta', text }));
      this.send(socket, { type: 'done', requestId, data: response });
    } catch (error) {
      const { status, code, message } = describeError(error);
      logServerError(this.logger, error, status);
      this.send(socket, { type: 'error', requestId, error: { code, message } });
    }
  }

  private send(socket: WebSocket, frame: ServerFrame): void {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  }
}

function clearIdleTimer(connection: Connection): void {
  if (connection.idleTimer) clearTimeout(connection.idleTimer);
  connection.idleTimer = null;
}

/** ws hands text frames over as one Buffer (binaryType "nodebuffer"); the other shapes are read the same way. */
function textOf(raw: RawData): string {
  if (Buffer.isBuffer(raw)) return raw.toString('utf8');
  return Buffer.concat(Array.isArray(raw) ? raw : [Buffer.from(raw)]).toString('utf8');
}

/** Parses a frame once, on arrival, so that even a refused one is answered with its request id. */
function decode(raw: RawData, isBinary: boolean): IncomingFrame {
  if (isBinary) return { requestId: requestIdFrom(undefined), json: undefined, problem: new InvalidRequestError('Send text frames with JSON.') };
  let json: unknown;
  try {
    json = JSON.parse(textOf(raw));
  } catch {
    return { requestId: requestIdFrom(undefined), json: undefined, problem: new InvalidRequestError('The frame is not valid JSON.', 'INVALID_JSON') };
  }
  const requestId = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as { requestId?: unknown }).requestId : undefined;
  return { requestId: requestIdFrom(requestId), json, problem: null };
}

/**
 * A `{type: "message", …}` frame: the body REST would get (validated by the caller) and the
 * user token. `type`, `token` and `requestId` are the frame's, not the message's: they never
 * reach the DTO.
 */
function messageOf(frame: IncomingFrame): { body: Record<string, unknown>; token: unknown } {
  if (frame.problem) throw frame.problem;
  const { json } = frame;
  if (typeof json !== 'object' || json === null || Array.isArray(json) || (json as { type?: unknown }).type !== 'message') {
    throw new InvalidRequestError('Send {"type": "message", "query": "…"}.');
  }
  const { type: _type, token, requestId: _requestId, ...body } = json as Record<string, unknown>;
  return { body, token };
}
