import type { PoiView } from './poi.js';

export interface SessionMessageView {
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
