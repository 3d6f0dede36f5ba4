// Request/response types of HoliBot's public API. Imported by the api, the <holi-bot> widget
// and the admin UI, so server and clients cannot drift. Types and constants only, no logic.

/** Languages the built-in engine understands and answers in. */
export type Language = 'en' | 'es' | 'de' | 'nl';
export const LANGUAGES: readonly Language[] = ['en', 'es', 'de', 'nl'];

export const MAX_QUERY_LENGTH = 500;

/** The seed system's taxonomy. */
export type PoiCategory =
  | 'Food & Drinks'
  | 'Beaches & Nature'
  | 'Culture & History'
  | 'Active'
  | 'Shopping'
  | 'Recreation'
  | 'Accommodation'
  | 'Practical'
  | 'Health & Wellbeing';

export type ChatIntent =
  | 'search'
  | 'no_results'
  | 'follow_up_filter'
  | 'follow_up_select'
  | 'follow_up_detail'
  | 'greeting'
  | 'thanks'
  | 'help';

export type AnswerEngineName = 'builtin' | 'mistral';

/** POST /api/v1/chat/message */
export interface ChatMessageRequest {
  query: string;
  sessionId?: string;
  /** The visitor's UI language; the answer follows the language of the question when it is clear. */
  language?: Language;
}

export interface PoiView {
  id: number;
  name: string;
  category: PoiCategory;
  subcategory: string;
  description: string | null;
  address: string | null;
  city: string | null;
  latitude: number;
  longitude: number;
  rating: number | null;
  reviewCount: number | null;
  /** 1 (cheap) … 4 (expensive) */
  priceLevel: number | null;
  /** OpenStreetMap opening_hours syntax */
  openingHours: string | null;
  /** null when the catalogue has no (parsable) opening hours */
  openNow: boolean | null;
  outdoorSeating: boolean | null;
  wheelchair: boolean | null;
  vegetarian: boolean | null;
  vegan: boolean | null;
  dogs: boolean | null;
  kids: boolean | null;
  cuisine: string[];
  website: string | null;
  phone: string | null;
  /** OpenStreetMap link to the place */
  mapUrl: string;
  relevanceScore: number;
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

export type ErrorCode =
  | 'INVALID_QUERY'
  | 'QUERY_TOO_LONG'
  | 'INVALID_LANGUAGE'
  | 'INVALID_REQUEST'
  | 'INVALID_SESSION_ID'
  | 'SESSION_NOT_FOUND'
  | 'INVALID_TOKEN'
  | 'RATE_LIMIT_EXCEEDED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'INVALID_JSON'
  | 'NOT_FOUND'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_ERROR';

/** Every error of the API has this shape. */
export interface ErrorResponse {
  success: false;
  error: {
    code: ErrorCode;
    message: string;
    /** `GET /health/ready` only: each check's status, e.g. `{database: {status: 'down'}}`. */
    checks?: Record<string, { status: string }>;
  };
}
