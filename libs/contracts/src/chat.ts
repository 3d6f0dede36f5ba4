import type { PoiView } from './poi.js';

/** Languages the built-in engine understands and answers in. */
export type Language = 'en' | 'es' | 'de' | 'nl';
export const LANGUAGES: readonly Language[] = ['en', 'es', 'de', 'nl'];

export const MAX_QUERY_LENGTH = 500;

export type ChatIntent = 'search' | 'no_results' | 'follow_up_filter' | 'follow_up_select' | 'follow_up_detail' | 'greeting' | 'thanks' | 'help';

export type AnswerEngineName = 'builtin' | 'mistral';

/** POST /api/v1/chat/message */
export interface ChatMessageRequest {
  query: string;
  sessionId?: string;
  /** The visitor's UI language; the answer follows the language of the question when it is clear. */
  language?: Language;
}

export interface ChatAnswer {
  sessionId: string;
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
