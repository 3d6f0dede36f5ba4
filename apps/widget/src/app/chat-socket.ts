import { signal } from '@angular/core';
import type { ChatClientFrame, ChatFrameError, ChatMessageRequest, ChatMessageResponse, ChatServerFrame } from '@holibot/contracts';
import { ApiError, type ApiFailure } from './chat-api';

/** The socket could not carry this message: send it over REST instead. */
export class SocketUnavailable extends Error {}

const MAX_BACKOFF_MS = 30_000;
/** A socket that has not opened by then is given up (a proxy holding the upgrade). */
const CONNECT_TIMEOUT_MS = 5_000;
/** Silence this long while waiting for an answer means a dead connection (the server always answers within MISTRAL_TIMEOUT_MS). */
const ANSWER_TIMEOUT_MS = 20_000;

/**
 * The chat over WebSocket, so answers appear as they are written. Connects on first use; after
 * a failure it stays away for a growing while (1 s, 2 s, 4 s … 30 s) and the widget uses REST
 * meanwhile, then tries again.
 */
export class ChatSocket {
  /** An open connection was lost and is being restored (REST carries messages meanwhile). */
  readonly reconnecting = signal(false);
  private readonly url: string;
  private reconnectTimer = 0;
  private socket: WebSocket | null = null;
  private opening: Promise<WebSocket> | null = null;
  private failures = 0;
  private retryAt = 0;
  private closed = false;
  private current: { onFrame(frame: ChatServerFrame): void; onClose(): void } | null = null;

  constructor(
    apiUrl: string,
    private readonly Socket: typeof WebSocket,
  ) {
    const url = new URL(`${apiUrl.replace(/\/+$/, '')}/chat/ws`, location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    this.url = url.href;
  }

  /** Sends one message; `onDelta` gets the text as it streams. One message at a time. */
  async send(request: ChatMessageRequest, onDelta: (text: string) => void): Promise<ChatMessageResponse> {
    const socket = await this.connect();
    let streamed = false;
    let silence = 0;
    // Closing ends in onClose below, which settles the promise.
    const watch = () => {
      clearTimeout(silence);
      silence = setTimeout(() => socket.close(), ANSWER_TIMEOUT_MS) as unknown as number;
    };
    return new Promise<ChatMessageResponse>((resolve, reject) => {
      this.current = {
        onFrame: (frame) => {
          if (frame.type === 'delta') {
            streamed = true;
            watch();
            onDelta(frame.text);
            return;
          }
          clearTimeout(silence);
          this.current = null;
          if (frame.type === 'done') resolve(frame.data);
          else reject(new ApiError(failureOf(frame.error)));
        },
        // Lost before anything arrived: REST can still answer. Lost mid-answer: the visitor retries.
        onClose: () => {
          clearTimeout(silence);
          reject(streamed ? new ApiError({ kind: 'network' }) : new SocketUnavailable());
        },
      };
      watch();
      const frame: ChatClientFrame = { type: 'message', ...request };
      socket.send(JSON.stringify(frame));
    });
  }

  /** For good: the widget is gone or talks to another API now. */
  close(): void {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    this.reconnecting.set(false);
    this.socket?.close();
  }

  /** Tries again once the back-off has passed, until a connection opens or the socket is closed for good. */
  private reconnectLater(): void {
    this.reconnecting.set(true);
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.connect().catch(() => undefined), Math.max(0, this.retryAt - Date.now())) as unknown as number;
  }

  private connect(): Promise<WebSocket> {
    if (this.socket?.readyState === 1) return Promise.resolve(this.socket);
    if (this.closed || Date.now() < this.retryAt) return Promise.reject(new SocketUnavailable());
    return (this.opening ??= new Promise<WebSocket>((resolve, reject) => {
      const failed = () => {
        this.socket = null;
        this.opening = null;
        this.retryAt = Date.now() + Math.min(MAX_BACKOFF_MS, 1000 * 2 ** this.failures++);
        reject(new SocketUnavailable());
      };
      let socket: WebSocket;
      try {
        socket = new this.Socket(this.url);
      } catch {
        // e.g. ws: from an https page, or a URL the browser refuses: REST it is.
        return failed();
      }
      const giveUp = setTimeout(() => socket.close(), CONNECT_TIMEOUT_MS);
      socket.onopen = () => {
        clearTimeout(giveUp);
        this.failures = 0;
        this.reconnecting.set(false);
        this.socket = socket;
        this.opening = null;
        resolve(socket);
      };
      socket.onmessage = (event) => {
        try {
          this.current?.onFrame(JSON.parse(String(event.data)) as ChatServerFrame);
        } catch {
          this.current?.onClose();
        }
      };
      socket.onclose = () => {
        clearTimeout(giveUp);
        const wasOpen = this.socket === socket;
        const current = this.current;
        this.current = null;
        current?.onClose();
        failed();
        // A connection that was up went away (server restart, network change): say so and
        // reconnect after the back-off, so the header can show when it is back.
        if ((wasOpen || this.reconnecting()) && !this.closed) this.reconnectLater();
      };
    }));
  }
}

function failureOf(error: ChatFrameError): ApiFailure {
  if (error.code === 'RATE_LIMIT_EXCEEDED') return { kind: 'rate-limited', retryAfterSeconds: error.retryAfter ?? 60 };
  if (error.code === 'SERVICE_UNAVAILABLE' || error.code === 'INTERNAL_ERROR') return { kind: 'server', status: 503 };
  return { kind: 'rejected', status: 400, code: error.code, message: error.message };
}
