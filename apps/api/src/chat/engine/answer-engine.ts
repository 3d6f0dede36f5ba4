import type { AnswerEngineName, ChatIntent, Language, PoiView } from '@holibot/contracts';

/** What an engine knows of the conversation: the session's context columns. */
export interface ConversationContext {
  language: Language | null;
  lastIntent: ChatIntent | null;
  /** POI ids of the last list shown, in order. */
  lastResultIds: number[];
  focusPoiId: number | null;
}

export interface TurnInput {
  query: string;
  /** The visitor's UI language, used when the question's own language is unclear. */
  languageHint: Language | null;
  context: ConversationContext;
  now: Date;
}

export interface EngineAnswer {
  text: string;
  pois: PoiView[];
  intent: ChatIntent;
  isFollowUp: boolean;
  language: Language;
  totalResults: number;
  engine: AnswerEngineName;
  /** The context after this turn. */
  context: ConversationContext;
}

/**
 * Answers one turn from the catalogue. The chat service depends on this interface only;
 * the built-in engine is the default, an LLM engine can wrap it.
 */
export abstract class AnswerEngine {
  abstract answer(turn: TurnInput): Promise<EngineAnswer>;
}
