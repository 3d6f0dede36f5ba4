import type { Language } from '@holibot/contracts';
import { LANGUAGES } from '@holibot/contracts';
import { words } from '../../common/text.js';
import type { CatalogueVocabulary } from '../../poi/index.js';
import { type Attribute, type Field, LEXICON, type Meaning, type Ordinal, type Topic, type When } from './lexicon.js';

/** What a question asks, as far as the lexicon and the catalogue's city names tell. */
export interface ParsedQuery {
  /** null when the words do not tell the language */
  language: Language | null;
  /** The languages that tie for first place (empty when no word tells). */
  languageCandidates: Language[];
  /** Topics with the position (word index) where the question names them, and the words it used. */
  topics: Array<{ key: string; topic: Topic; position: number; term: string }>;
  attributes: Set<Attribute>;
  fields: Set<Field>;
  ordinal: Ordinal | null;
  /** Every ordinal, in order ("the first or the second?" compares them). */
  ordinals: Ordinal[];
  which: boolean;
  it: boolean;
  best: boolean;
  greeting: boolean;
  thanks: boolean;
  bye: boolean;
  /** "Cheaper?": the last list least expensive first. */
  cheaper: boolean;
  /** "Show more", "others?". */
  more: boolean;
  /** "Not that one", "something else". */
  exclude: boolean;
  /** "Near me", "the closest". */
  nearMe: boolean;
  /** "Near the beach", "closer to the beach". */
  nearBeach: boolean;
  /** The time the question asks about ("tonight", "on Sunday", "tomorrow morning"); null for none. */
  when: When | null;
  offTopic: boolean;
  help: boolean;
  /** City keys named in the question. */
  cities: string[];
  /**
   * A town the question names ("beaches in Benidorm") that the catalogue does not know, as
   * written; null when there is none. Only a capitalised name after "in", "en", "bei", … counts.
   */
  unknownTown: string | null;
  /** Words the lexicon does not know: searched as text (names, descriptions). */
  freeText: string[];
  /** POIs whose full name the question contains ("is Trattoria Da Luca open?"). */
  named: number[];
  /** Words read as a near lexicon word ("restarants" as "restaurants"). */
  corrected: string[];
}

const EMPTY_VOCABULARY: CatalogueVocabulary = { cities: new Map(), names: new Map(), knownWords: new Set() };

interface Sense {
  meaning: Meaning;
  languages: Language[];
}

const MAX_PHRASE_WORDS = 5;
/** "in Benidorm", "en Jávea", "bei Dénia", "near Moraira": up to three capitalised words. */
const TOWN_AFTER_PREPOSITION =
  /(?:^|[\s,(])(?:in|near|around|en|cerca de|im|bei|nahe|bij|nabij|à|a|près de)\s+(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,2})/gu;
const MAX_NAME_WORDS = 6;
/** The same, in lower case, one word at the end of the question or before punctuation: "en altea?". */
const LOWERCASE_TOWN_AFTER_PREPOSITION = /(?:^|[\s,(])(in|near|en|bei|bij|à)\s+(\p{Ll}[\p{L}'’-]+)(?=\s*[?!.,]?\s*$)/gu;
/** Words that follow "in" and are no town: months, seasons, languages, common places. */
// prettier-ignore
const NOT_TOWNS = new Set([
  'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'spring', 'summer', 'autumn', 'winter', 'english', 'spanish', 'german', 'dutch', 'french', 'total', 'general', 'advance', 'person', 'cash',
  'enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre', 'primavera', 'verano', 'otono', 'invierno', 'ingles', 'espanol', 'aleman', 'frances', 'coche', 'bici', 'familia', 'pareja', 'efectivo',
  'januar', 'februar', 'marz', 'juni', 'juli', 'oktober', 'dezember', 'fruhling', 'sommer', 'herbst', 'englisch', 'spanisch', 'deutsch', 'franzosisch', 'regen',
  'januari', 'februari', 'maart', 'augustus', 'lente', 'zomer', 'najaar', 'engels', 'spaans', 'duits', 'frans', 'contanten',
  'janvier', 'fevrier', 'mars', 'avril', 'juin', 'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre', 'printemps', 'automne', 'hiver', 'anglais', 'espagnol', 'allemand', 'francais', 'pied', 'voiture', 'velo', 'especes', 'famille', 'couple',
]);

/** Turns questions into ParsedQuery; built once (lexicon indexes), used for every question. */
export class QueryParser {
  private readonly phrases = new Map<string, Sense[]>();
  /** Single words by length, for typo-tolerant lookup. */
  private readonly singleWords: string[] = [];
  /** The terms of each topic per language: what a looser search looks for in descriptions. */
  private readonly topicTerms = new Map<string, Partial<Record<Language, string[]>>>();

  constructor() {
    for (const [meaning, terms] of LEXICON) {
      if (meaning.kind === 'topic') this.topicTerms.set(meaning.key, terms);
      for (const language of LANGUAGES) {
        for (const term of terms[language] ?? []) {
          const key = words(term).join(' ');
          const senses = this.phrases.get(key) ?? [];
          const same = senses.find((sense) => sense.meaning === meaning);
          if (same) same.languages.push(language);
          else senses.push({ meaning, languages: [language] });
          this.phrases.set(key, senses);
        }
      }
    }
    for (const key of this.phrases.keys()) if (!key.includes(' ') && key.length >= 4) this.singleWords.push(key);
  }

  /** The words of a topic in a language ("diving" in English: dive, scuba, snorkel, …). */
  termsOf(key: string, language: Language): string[] {
    return this.topicTerms.get(key)?.[language] ?? [];
  }

  /**
   * `prefer`: the conversation's languages, best first. When the words tie between languages
   * ("meer": Dutch "more", German "sea"), a word takes its sense in the preferred one.
   */
  parse(question: string, vocabulary: CatalogueVocabulary = EMPTY_VOCABULARY, prefer: readonly Language[] = []): ParsedQuery {
    const tokens = words(question);
    type Item = { senses: Sense[]; position: number; term: string } | { city: string } | { text: string } | { named: number[] };
    const matched: Item[] = [];
    const corrected: string[] = [];
    for (let i = 0; i < tokens.length;) {
      const named = this.longest(tokens, i, MAX_NAME_WORDS, (phrase, length) =>
        (length >= 2 || phrase.length >= 5) && !this.phrases.has(phrase) ? vocabulary.names.get(phrase) : undefined,
      );
      if (named) {
        matched.push({ named: named.value });
        i += named.length;
        continue;
      }
      const lexical = this.longest(tokens, i, MAX_PHRASE_WORDS, (phrase) => this.phrases.get(phrase) ?? vocabulary.cities.get(phrase));
      if (lexical) {
        matched.push(
          typeof lexical.value === 'string'
            ? { city: lexical.value }
            : { senses: lexical.value, position: i, term: tokens.slice(i, i + lexical.length).join(' ') },
        );
        i += lexical.length;
        continue;
      }
      const token = tokens[i]!;
      // A word the catalogue uses is not a typo of a lexicon word ("Kitchen" is not "Kirchen").
      const near = vocabulary.knownWords.has(token) ? null : this.closest(token);
      if (near) {
        matched.push({ senses: this.phrases.get(near)!, position: i, term: near });
        corrected.push(token);
      } else if (token.length >= 3) matched.push({ text: token });
      i += 1;
    }

    const candidates = detectLanguage(
      question,
      matched.flatMap((item) => ('senses' in item ? [item.senses] : [])),
    );
    const language = candidates.length === 1 ? candidates[0]! : null;
    const senseLanguage = language ?? prefer.find((l) => candidates.length === 0 || candidates.includes(l)) ?? null;
    const parsed: ParsedQuery = {
      language,
      languageCandidates: candidates,
      topics: [],
      attributes: new Set(),
      fields: new Set(),
      ordinal: null,
      ordinals: [],
      which: false,
      it: false,
      best: false,
      greeting: false,
      thanks: false,
      bye: false,
      cheaper: false,
      more: false,
      exclude: false,
      nearMe: false,
      nearBeach: false,
      when: null,
      offTopic: false,
      help: false,
      cities: [],
      unknownTown: null,
      freeText: [],
      named: [],
      corrected,
    };
    for (const item of matched) {
      if ('named' in item) {
        for (const id of item.named) if (!parsed.named.includes(id)) parsed.named.push(id);
        continue;
      }
      if ('city' in item) {
        if (!parsed.cities.includes(item.city)) parsed.cities.push(item.city);
        continue;
      }
      if ('text' in item) {
        parsed.freeText.push(item.text);
        continue;
      }
      // A word can mean different things in different languages ("die", "es"): take the
      // sense of the question's language, else any sense that is not a stop word.
      const sense =
        item.senses.find((s) => senseLanguage !== null && s.languages.includes(senseLanguage)) ??
        item.senses.find((s) => s.meaning.kind !== 'stop') ??
        item.senses[0]!;
      apply(parsed, sense.meaning, item.position, item.term);
    }
    if (parsed.cities.length === 0) parsed.unknownTown = this.unknownTown(question, vocabulary);
    return parsed;
  }

  /**
   * A capitalised name after a word for "in" or "near" that is no town, place name or word the
   * catalogue or lexicon knows: a town outside the catalogue, which the answer must name rather
   * than drop ("beaches in Benidorm" answered with Calpe's beaches) or apply.
   */
  private unknownTown(question: string, vocabulary: CatalogueVocabulary): string | null {
    for (const match of question.matchAll(TOWN_AFTER_PREPOSITION)) {
      const written = match[1]!;
      const normalized = words(written).join(' ');
      if (!normalized || vocabulary.cities.has(normalized)) continue;
      if (words(written).some((word) => this.phrases.has(word))) continue;
      if ([...vocabulary.names.keys()].some((name) => ` ${name} `.includes(` ${normalized} `))) continue;
      return written.slice(0, 40);
    }
    // Written in lower case ("beaches in benidorm"): one word no place, lexicon or calendar uses.
    for (const match of question.matchAll(LOWERCASE_TOWN_AFTER_PREPOSITION)) {
      const [word] = words(match[2]!);
      if (!word || word.length < 4 || vocabulary.cities.has(word) || vocabulary.knownWords.has(word) || this.phrases.has(word) || this.closest(word)) continue;
      // "en la playa", "à midi": the preposition and the word are a phrase of the lexicon.
      if (NOT_TOWNS.has(word) || this.phrases.has(`${words(match[1]!).join(' ')} ${word}`)) continue;
      return match[2]!.slice(0, 40);
    }
    return null;
  }

  /** The longest phrase of up to `max` words from `start` that `lookup` knows. */
  private longest<T>(
    tokens: string[],
    start: number,
    max: number,
    lookup: (phrase: string, length: number) => T | undefined,
  ): { value: T; length: number } | null {
    for (let length = Math.min(max, tokens.length - start); length >= 1; length -= 1) {
      const value = lookup(tokens.slice(start, start + length).join(' '), length);
      if (value !== undefined) return { value, length };
    }
    return null;
  }

  /** The lexicon word within typo distance of `token` (1 edit from 4 letters, 2 from 8), if one. */
  private closest(token: string): string | null {
    if (token.length < 4 || /\d/.test(token)) return null;
    const limit = token.length >= 8 ? 2 : 1;
    let best: string | null = null;
    let bestDistance = limit + 1;
    for (const candidate of this.singleWords) {
      if (Math.abs(candidate.length - token.length) > limit) continue;
      const distance = editDistance(token, candidate, limit);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }
}

function apply(parsed: ParsedQuery, meaning: Meaning, position: number, term: string): void {
  switch (meaning.kind) {
    case 'topic':
      if (!parsed.topics.some((t) => t.key === meaning.key)) parsed.topics.push({ key: meaning.key, topic: meaning.topic, position, term });
      for (const attribute of meaning.topic.implies ?? []) parsed.attributes.add(attribute);
      break;
    case 'attribute':
      parsed.attributes.add(meaning.attribute);
      break;
    case 'field':
      parsed.fields.add(meaning.field);
      break;
    case 'ordinal':
      parsed.ordinal ??= meaning.ordinal;
      if (!parsed.ordinals.includes(meaning.ordinal)) parsed.ordinals.push(meaning.ordinal);
      break;
    case 'which':
      parsed.which = true;
      break;
    case 'it':
      parsed.it = true;
      break;
    case 'best':
      parsed.best = true;
      break;
    case 'greeting':
      parsed.greeting = true;
      break;
    case 'thanks':
      parsed.thanks = true;
      break;
    case 'bye':
      parsed.bye = true;
      break;
    case 'cheaper':
      parsed.cheaper = true;
      break;
    case 'more':
      parsed.more = true;
      break;
    case 'exclude':
      parsed.exclude = true;
      break;
    case 'nearMe':
      parsed.nearMe = true;
      break;
    case 'nearBeach':
      parsed.nearBeach = true;
      break;
    case 'when':
      // "Tomorrow" + "morning": the words add up; a later day or part wins over an earlier one.
      parsed.when = { ...parsed.when, ...meaning.when };
      break;
    case 'offTopic':
      parsed.offTopic = true;
      break;
    case 'help':
      parsed.help = true;
      break;
    case 'stop':
      break;
  }
}

const SCRIPT_HINTS: Array<[RegExp, Language]> = [
  [/[¿¡ñ]/i, 'es'],
  [/[ßäöü]/i, 'de'],
  // Not à, è or ç: Catalan place names (Xàbia, Plaça) have them.
  [/[ùâêîôûœ]/i, 'fr'],
];

/**
 * Votes of the recognised words (a word shared by n languages gives each 1/n), plus letters
 * like ¿ or ß: the languages with the most votes (several on a tie, none when no word tells).
 */
function detectLanguage(question: string, matched: Sense[][]): Language[] {
  const votes: Record<Language, number> = { en: 0, es: 0, de: 0, nl: 0, fr: 0 };
  for (const senses of matched) {
    const languages = new Set(senses.flatMap((sense) => sense.languages));
    for (const language of languages) votes[language] += 1 / languages.size;
  }
  for (const [pattern, language] of SCRIPT_HINTS) if (pattern.test(question)) votes[language] += 1;
  const best = Math.max(...Object.values(votes));
  if (best === 0) return [];
  return LANGUAGES.filter((language) => Math.abs(votes[language] - best) < 1e-9);
}

/** Damerau–Levenshtein (optimal string alignment), giving up once past `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  let previous2: number[] = [];
  let previous = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j < cols; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, previous2[j - 2]! + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous2 = previous;
    previous = current;
  }
  return previous[cols - 1]!;
}
