import type { AnswerEngineName, ChatIntent, Language, PoiView } from '@holibot/contracts';

/** What an engine knows of the conversation: the session's context columns. */
export interface ConversationContext {
  language: Language | null;
  lastIntent: ChatIntent | null;
  /** POI ids of the last list shown, in order. */
  lastResultIds: number[];
  /** The rest of the last search's result, best first: "show more" pages through it. */
  moreResultIds: number[];
  focusPoiId: number | null;
}

/** Where the visitor is (WGS84), when the request says. */
export interface Position {
  latitude: number;
  longitude: number;
}

/** One earlier message of the conversation, for engines that read the history (an LLM). */
export interface HistoryMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface TurnInput {
  query: string;
  /** The visitor's UI language, used when the question's own language is unclear. */
  languageHint: Language | null;
  context: ConversationContext;
  /** The visitor's position for this turn only (never stored); null when not shared. */
  position: Position | null;
  now: Date;
  /**
   * The session's latest messages, oldest first (at most HISTORY_LIMIT). A function: only an
   * engine that needs the history makes the database read it.
   */
  history: () => Promise<HistoryMessage[]>;
  /**
   * Receives the answer's text while it is produced, in order. The pieces are shown to the
   * visitor at once, so they only ever carry text that stays in the answer; the final `text`
   * is authoritative.
   */
  onDelta?: (text: string) => void;
}

/** How many earlier messages an engine may see. */
export const HISTORY_LIMIT = 10;

/** Tokens an LLM call used, stored with the message for usage reports. */
export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

/** What a question asked for, in the engine's terms (lexicon topic keys, attribute names): the gaps report groups by it. */
export interface AskedFor {
  topics: string[];
  attributes: string[];
}

/** The LLM behind a turn, for the usage report. */
export interface LlmTurn {
  model: string;
  /** How the turn's last call ended ('ok', 'timeout', 'http_429', 'circuit_open', 'ungrounded', …). */
  outcome: string;
  /** Calls made: a retry is a second one, an open circuit makes none. */
  calls: number;
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
  /** Tokens used by an LLM for this answer (also when its answer was then not used); null for none. */
  usage: TokenUsage | null;
  asked: AskedFor;
  /** Null when no LLM was asked. */
  llm: LlmTurn | null;
}

/**
 * Answers one turn from the catalogue. The chat service depends on this interface only;
 * the built-in engine is the default, an LLM engine can wrap it.
 */
export abstract class AnswerEngine {
  abstract answer(turn: TurnInput): Promise<EngineAnswer>;
}
