import type { Language } from '@holibot/contracts';
import { LANGUAGES } from '@holibot/contracts';
import { words } from '../../poi/text.js';
import { type Attribute, type Field, LEXICON, type Meaning, type Ordinal, type Topic } from './lexicon.js';

/** What a question asks, as far as the lexicon and the catalogue's city names tell. */
export interface ParsedQuery {
  /** null when the words do not tell the language */
  language: Language | null;
  topics: Array<{ key: string; topic: Topic }>;
  attributes: Set<Attribute>;
  fields: Set<Field>;
  ordinal: Ordinal | null;
  which: boolean;
  it: boolean;
  best: boolean;
  greeting: boolean;
  thanks: boolean;
  help: boolean;
  /** City keys named in the question. */
  cities: string[];
  /** Words the lexicon does not know: searched as text (names, descriptions). */
  freeText: string[];
}

interface Sense {
  meaning: Meaning;
  languages: Language[];
}

const MAX_PHRASE_WORDS = 4;

/** Turns questions into ParsedQuery; built once (lexicon indexes), used for every question. */
export class QueryParser {
  private readonly phrases = new Map<string, Sense[]>();
  /** Single words by length, for typo-tolerant lookup. */
  private readonly singleWords: string[] = [];

  constructor() {
    for (const [meaning, terms] of LEXICON) {
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

  /** `cities` maps a normalized city word ("calpe", "calp") to its city key. */
  parse(question: string, cities: ReadonlyMap<string, string>): ParsedQuery {
    const tokens = words(question);
    const matched: Array<Sense[] | { city: string } | { text: string }> = [];
    for (let i = 0; i < tokens.length; ) {
      let length = Math.min(MAX_PHRASE_WORDS, tokens.length - i);
      for (; length >= 1; length -= 1) {
        const senses = this.phrases.get(tokens.slice(i, i + length).join(' '));
        if (senses) {
          matched.push(senses);
          break;
        }
      }
      if (length >= 1) {
        i += length;
        continue;
      }
      const token = tokens[i]!;
      const city = cities.get(token);
      if (city) matched.push({ city });
      else {
        const near = this.closest(token);
        if (near) matched.push(this.phrases.get(near)!);
        else if (token.length >= 2) matched.push({ text: token });
      }
      i += 1;
    }

    const language = detectLanguage(question, matched.filter(Array.isArray));
    const parsed: ParsedQuery = {
      language,
      topics: [],
      attributes: new Set(),
      fields: new Set(),
      ordinal: null,
      which: false,
      it: false,
      best: false,
      greeting: false,
      thanks: false,
      help: false,
      cities: [],
      freeText: [],
    };
    for (const item of matched) {
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
        item.find((s) => language !== null && s.languages.includes(language)) ??
        item.find((s) => s.meaning.kind !== 'stop') ??
        item[0]!;
      apply(parsed, sense.meaning);
    }
    return parsed;
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

function apply(parsed: ParsedQuery, meaning: Meaning): void {
  switch (meaning.kind) {
    case 'topic':
      if (!parsed.topics.some((t) => t.key === meaning.key)) parsed.topics.push({ key: meaning.key, topic: meaning.topic });
      break;
    case 'attribute':
      parsed.attributes.add(meaning.attribute);
      break;
    case 'field':
      parsed.fields.add(meaning.field);
      break;
    case 'ordinal':
      parsed.ordinal = meaning.ordinal;
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
];

/** Votes of the recognised words (a word shared by n languages gives each 1/n), plus letters like ¿ or ß. */
function detectLanguage(question: string, matched: Sense[][]): Language | null {
  const votes: Record<Language, number> = { en: 0, es: 0, de: 0, nl: 0 };
  for (const senses of matched) {
    const languages = new Set(senses.flatMap((sense) => sense.languages));
    for (const language of languages) votes[language] += 1 / languages.size;
  }
  for (const [pattern, language] of SCRIPT_HINTS) if (pattern.test(question)) votes[language] += 1;
  const ranked = LANGUAGES.map((language) => [language, votes[language]] as const).sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (!first || first[1] === 0 || (second && second[1] === first[1])) return null;
  return first[0];
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
