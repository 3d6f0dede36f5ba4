import type { PoiView } from './poi.js';

/** What a session id must look like: a UUID, either case. */
export const SESSION_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface SessionMessageView {
  /** The stored message's id (feedback refers to assistant messages by it). */
  messageId: number;
  role: 'user' | 'assistant';
  content: string;
  pois: PoiView[];
  createdAt: string;
}

/** GET /api/v1/chat/session/:id */
export interface SessionResponse {
  success: true;
  data: {
    sessionId: string;
    createdAt: string;
    updatedAt: string;
    expiresAt: string;
    messages: SessionMessageView[];
  };
}

/** DELETE /api/v1/chat/session/:id */
export interface SessionDeletedResponse {
  success: true;
  data: { sessionId: string; deleted: true };
}
