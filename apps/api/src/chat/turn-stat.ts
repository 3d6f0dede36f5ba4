import type { ChatTurnStat } from '@holibot/database';
import type { EngineAnswer } from './engine/answer-engine.js';
import { words } from '../common/text.js';

/** A ChatTurnStat row before it is stored (the session service adds its time). */
export type NewTurnStat = Omit<ChatTurnStat, 'id' | 'createdAt'>;

/** The longest normalised question kept (its column's length). */
const MAX_QUERY_LENGTH = 200;
/** Stand-ins for masked text: words no question has. */
const EMAIL = 'holibotmaskedemail';
const NUMBER = 'holibotmaskednumber';

/**
 * A question as the gaps report groups it: its words as the engine reads them (lower case, no
 * accents or punctuation), so "¿Dónde hay  KAYAK?" and "donde hay kayak" are one line of the
 * report. What may identify a visitor is masked first: an e-mail address becomes "(email)" and
 * a run of 3 or more digits (a phone or room number) "(number)"; a cut falls between words.
 */
export function normalizeQuery(query: string): string {
  const masked = query.replace(/\S+@\S+/g, ` ${EMAIL} `).replace(/(?:\d[\s./-]?){3,}/g, ` ${NUMBER} `);
  const text = words(masked)
    .map((word) => (word === EMAIL ? '(email)' : word === NUMBER ? '(number)' : word))
    .join(' ');
  if (text.length <= MAX_QUERY_LENGTH) return text;
  const cut = text.slice(0, MAX_QUERY_LENGTH + 1);
  return cut.slice(0, cut.lastIndexOf(' ')).trim();
}

/** What the reports keep of one answered turn. Only a question that found nothing is kept in words. */
export function turnStat(
  answer: Pick<EngineAnswer, 'language' | 'engine' | 'intent' | 'totalResults' | 'asked' | 'llm' | 'usage'>,
  query: string,
  latencyMs: number,
): NewTurnStat {
  const words = (list: string[]) => (list.length > 0 ? list.join(' ').slice(0, 255) : null);
  return {
    language: answer.language,
    engine: answer.engine,
    intent: answer.intent,
    resultCount: answer.totalResults,
    topics: words(answer.asked.topics),
    attributes: words(answer.asked.attributes),
    normalizedQuery: answer.intent === 'no_results' ? normalizeQuery(query) || null : null,
    model: answer.llm?.model.slice(0, 64) ?? null,
    llmOutcome: answer.llm?.outcome.slice(0, 16) ?? null,
    llmCalls: answer.llm?.calls ?? 0,
    promptTokens: answer.usage?.promptTokens ?? null,
    completionTokens: answer.usage?.completionTokens ?? null,
    latencyMs,
  };
}
