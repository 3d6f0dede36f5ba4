import type { CatalogueEntry } from '../../poi/index.js';
import type { Attribute, Topic } from './lexicon.js';
import type { ParsedQuery } from './query-parser.js';

/**
 * What a turn is. Deciding "follow-up or new question" is the engine's riskiest step — a wrong
 * follow-up answers confidently about the wrong places — so it is made here, explicitly, from
 * the parsed question alone, and tested per language (turn-decision.spec.ts).
 */
export type TurnRoute = 'offTopic' | 'smallTalk' | 'aboutNamed' | 'followUp' | 'unknownTown' | 'whichPlace' | 'search' | 'help' | 'noResults';

export interface TurnDecision {
  route: TurnRoute;
  /** How strongly the question points back at the last list: the weights of its signals (0: none). */
  score: number;
  /** The signals for and against a follow-up, for tests and debugging ("ordinal +3", "names a kind of place: new search"). */
  reasons: string[];
}

export interface TurnSituation {
  /** The places of the last answer, in order; empty when there is nothing to point back at. */
  previous: readonly CatalogueEntry[];
  /** Some place mentions the question's unknown words ("churros", "Salinas"): they ask for something new. Asked only when it matters (a text search). */
  asksForSomething: () => boolean;
  /** How many places the question names in full. */
  named: number;
}

/** Signals that a question points back at the last list, and their weights. */
const POINTS_BACK: Array<[string, (parsed: ParsedQuery) => boolean, number]> = [
  ['ordinal', (p) => p.ordinal !== null, 3],
  ['two ordinals (a comparison)', (p) => p.ordinals.length > 1, 3],
  ['"show more"', (p) => pagesOn(p), 3],
  ['"not that one"', (p) => p.exclude, 3],
  ['"it", "that one"', (p) => p.it, 2],
  ['a field (address, phone, hours …)', (p) => p.fields.size > 0, 2],
  ['"which …"', (p) => p.which, 2],
  ['"cheaper"', (p) => p.cheaper, 2],
  ['an attribute', (p) => p.attributes.size > 0, 1],
  ['a town ("and in Altea?")', (p) => p.cities.length > 0, 1],
  ['a time ("tonight", "on Sunday")', (p) => p.when !== null, 1],
  ['"near me", "closer to the beach"', (p) => p.nearMe || p.nearBeach, 1],
];

/** Attributes only places to eat and drink have: asked after a list of beaches, they start a new search. */
const FOOD_ATTRIBUTES: ReadonlySet<Attribute> = new Set(['vegan', 'vegetarian', 'outdoorSeating']);

export function decideTurn(parsed: ParsedQuery, situation: TurnSituation): TurnDecision {
  const reasons: string[] = [];
  const decided = (route: TurnRoute, score = 0) => ({ route, score, reasons });
  const searches = parsed.topics.length > 0 || parsed.freeText.length > 0;
  const pointsAtOne = parsed.ordinal !== null || parsed.it || parsed.fields.size > 0;

  // Rules are not up for discussion: an attempt to change or read them is told what HoliBot is
  // for, before anything else can read its words as a search or a follow-up.
  if (parsed.offTopic) return decided('offTopic');
  // "thanks, bye", "hola, ¿qué tal?": small talk that asks for no place is answered as such.
  const asksForAPlace = parsed.topics.length > 0 || parsed.attributes.size > 0 || parsed.cities.length > 0 || situation.named > 0 || parsed.fields.size > 0;
  if ((parsed.greeting || parsed.thanks || parsed.bye) && !asksForAPlace && parsed.ordinal === null && !situation.asksForSomething())
    return decided('smallTalk');
  // "Is Trattoria Da Luca open?": about a place named in full.
  if (situation.named > 0 && parsed.topics.length === 0) return decided('aboutNamed');

  let score = 0;
  for (const [signal, present, weight] of POINTS_BACK) {
    if (!present(parsed)) continue;
    score += weight;
    reasons.push(`${signal} +${weight}`);
  }
  // Vetoes: never outweighed, because a new question taken for a follow-up is the costly mistake.
  const vetoes: string[] = [];
  // "Which one is romantic?" names no kind of place: a quality the list's places may mention.
  // "Other beaches?" after beaches pages on through them.
  const fitsList = (topic: Topic) =>
    topic.subcategories?.some((s) => situation.previous.some((e) => e.subcategories.has(s))) ||
    topic.categories?.some((c) => situation.previous.some((e) => e.categories.has(c)));
  const kinds = parsed.topics.filter((t) => !(parsed.which && t.topic.mentions) && !(pagesOn(parsed) && fitsList(t.topic)));
  if (kinds.length > 0) vetoes.push('names a kind of place: new search');
  if (score > 0 && !parsed.which && situation.asksForSomething()) vetoes.push('words some place mentions: new search');
  const misfits = [...parsed.attributes].filter((a) => FOOD_ATTRIBUTES.has(a) && !situation.previous.some((e) => e.categories.has('Food & Drinks')));
  if (misfits.length > 0 && !pointsAtOne && !parsed.which) vetoes.push(`${misfits.join(', ')} does not fit the last list: new search`);
  // "Where for lunch?" after a list of beaches asks where to eat, not which beach is open at noon.
  const meal = parsed.when?.part === 'lunch' || parsed.when?.part === 'dinner';
  if (meal && !pointsAtOne && !parsed.which && !situation.previous.some((e) => e.categories.has('Food & Drinks')))
    vetoes.push('a meal time after a list of no places to eat: new search');
  if (situation.previous.length === 0) vetoes.push('no list to point back at');
  reasons.push(...vetoes);
  if (score > 0 && vetoes.length === 0) return decided('followUp', score);

  // "Beaches in Benidorm" with no Benidorm in the catalogue: said, never answered with Calpe's.
  if (parsed.unknownTown && situation.named === 0) return decided('unknownTown', score);
  // "The second one", "show more" with no list and nothing to search: which place?
  if ((pointsAtOne || parsed.more || parsed.exclude) && !searches) return decided('whichPlace', score);
  if (searches || parsed.attributes.size > 0 || parsed.cities.length > 0 || parsed.cheaper || parsed.when !== null) return decided('search', score);
  // Nothing to search for: words we do not know.
  if (parsed.help || (parsed.freeText.length === 0 && parsed.corrected.length === 0)) return decided('help', score);
  return decided('noResults', score);
}

/**
 * "Show more", "others?", "tell me more": the question asks for the next places and nothing
 * else. "Which one is more romantic?", "more expensive?", "plus près de la plage" use the same
 * words for something else.
 */
export function pagesOn(parsed: ParsedQuery): boolean {
  return (
    parsed.more &&
    !parsed.exclude &&
    parsed.ordinal === null &&
    !parsed.it &&
    parsed.fields.size === 0 &&
    !parsed.which &&
    !parsed.best &&
    !parsed.cheaper &&
    !parsed.nearMe &&
    !parsed.nearBeach &&
    parsed.attributes.size === 0 &&
    parsed.when === null &&
    parsed.freeText.length === 0 &&
    parsed.topics.every((t) => !t.topic.mentions)
  );
}
