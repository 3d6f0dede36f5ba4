import type { PoiView } from './poi.js';

/** Languages the built-in engine understands and answers in. */
export type Language = 'en' | 'es' | 'de' | 'nl' | 'fr';
export const LANGUAGES: readonly Language[] = ['en', 'es', 'de', 'nl', 'fr'];

export const MAX_QUERY_LENGTH = 500;

export type ChatIntent = 'search' | 'no_results' | 'follow_up_filter' | 'follow_up_select' | 'follow_up_detail' | 'greeting' | 'thanks' | 'help';

export type AnswerEngineName = 'builtin' | 'mistral';

/** POST /api/v1/chat/message */
export interface ChatMessageRequest {
  query: string;
  sessionId?: string;
  /** The visitor's UI language; the answer follows the language of the question when it is clear. */
  language?: Language;
  /**
   * The visitor's position, when their browser shares it: "near me" sorts by distance and
   * answers say how far a place is. Both or neither; never stored.
   */
  latitude?: number;
  longitude?: number;
}

export interface ChatAnswer {
  sessionId: string;
  /** The stored assistant message: what visitor feedback refers to. */
  messageId: number;
  textResponse: string;
  pois: PoiView[];
  intent: ChatIntent;
  isFollowUp: boolean;
  language: Language;
  engine: AnswerEngineName;
}

export interface ChatMessageResponse {
  success: true;
  data: ChatAnswer;
  metadata: { totalResults: number };
}

/** Why a visitor marked an answer down. */
export const FEEDBACK_REASONS = ['wrong_info', 'not_relevant', 'closed', 'other'] as const;
export type FeedbackReason = (typeof FEEDBACK_REASONS)[number];
export type FeedbackRating = 'up' | 'down';
export const MAX_FEEDBACK_COMMENT_LENGTH = 500;

/** POST /api/v1/chat/feedback: one feedback per assistant message; a second one replaces the first. */
export interface ChatFeedbackRequest {
  sessionId: string;
  messageId: number;
  rating: FeedbackRating;
  reason?: FeedbackReason;
  comment?: string;
  /** A place of that answer the feedback is about ("report wrong info" on a card). */
  poiId?: number;
}

export interface ChatFeedbackResponse {
  success: true;
  data: { feedbackId: number };
}

/** GET /api/v1/chat/config: what the widget needs before the first question. */
export interface ChatConfigResponse {
  success: true;
  data: {
    /** DESTINATION_NAME, for suggestion chips and greetings. */
    destinationName: string;
    /** Languages the answer engine speaks. */
    languages: Language[];
  };
}
