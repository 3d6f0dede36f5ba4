import type { ChatMessageRequest, ChatMessageResponse } from './chat.js';
import type { ErrorCode } from './errors.js';

// Frames of /api/v1/chat/ws, JSON text frames both ways.

/**
 * What the client sends: the REST body plus the frame's own fields. `token` is the host site's
 * user token (REST's Authorization header); `requestId` is echoed in the answer when it is sane.
 */
export type ChatClientFrame = { type: 'message'; token?: string; requestId?: string } & ChatMessageRequest;

/** The error of an `error` frame; `retryAfter` (seconds) comes with RATE_LIMIT_EXCEEDED. */
export interface ChatFrameError {
  code: ErrorCode;
  message: string;
  retryAfter?: number;
}

/**
 * What the server sends. `done.data` is exactly the REST answer's body; `requestId` is the
 * message's id (the client's `requestId` when it is sane, else a new UUID), also on its log lines.
 */
export type ChatServerFrame =
  | { type: 'delta'; text: string }
  | { type: 'done'; requestId: string; data: ChatMessageResponse }
  | { type: 'error'; requestId: string; error: ChatFrameError };
