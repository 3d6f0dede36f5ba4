import { normalizeText } from '../../../common/text.js';
import { NAME_MARK } from './prompts.js';

// Checks of the model's text against the catalogue: pure functions, so that every rule is
// unit-tested. The engine applies them sentence by sentence, before a sentence is shown.

/** A place the model was given, with every name it may be written under (all languages). */
export interface CandidatePlace {
  id: number;
  names: string[];
}

interface NameEntry {
  tokens: string[];
  ids: number[];
}

interface Token {
  norm: string;
  raw: string;
  start: number;
  end: number;
}

/**
 * Finds place names in a text. Built from the catalogue's names (normalized name → POI ids,
 * as PoiCatalogue.vocabulary().names has them) once per catalogue load.
 */
export class NameMatcher {
  private readonly byFirst = new Map<string, NameEntry[]>();

  /** `base`: a catalogue's matcher that this one extends with a turn's own names. */
  constructor(
    names: ReadonlyMap<string, number[]>,
    private readonly base: NameMatcher | null = null,
  ) {
    for (const [name, ids] of names) this.add(name.split(' ').filter(Boolean), ids);
    this.sort();
  }

  /**
   * This matcher plus the candidates' names as written, also without a bracketed part
   * ("Playa de la Fossa (Levante)" is also "Playa de la Fossa").
   */
  withCandidates(candidates: CandidatePlace[]): NameMatcher {
    const extended = new NameMatcher(new Map(), this);
    for (const { id, names } of candidates) {
      for (const name of names) {
        extended.add(
          tokenize(name).map((t) => t.norm),
          [id],
        );
        extended.add(
          tokenize(name.replace(/\s*\([^)]*\)\s*/g, ' ')).map((t) => t.norm),
          [id],
        );
      }
    }
    extended.sort();
    return extended;
  }

  private add(tokens: string[], ids: number[]): void {
    if (tokens.length === 0) return;
    const key = tokens.join(' ');
    const list = this.byFirst.get(tokens[0]!) ?? [];
    const same = list.find((entry) => entry.tokens.join(' ') === key);
    if (same) same.ids = [...new Set([...same.ids, ...ids])];
    else list.push({ tokens, ids: [...ids] });
    this.byFirst.set(tokens[0]!, list);
  }

  // Longest names first: "Pastelería Café Dulce Ifach" before a shorter name it contains.
  private sort(): void {
    for (const list of this.byFirst.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  }

  private entries(first: string): NameEntry[] {
    const own = this.byFirst.get(first) ?? [];
    return this.base ? [...own, ...this.base.entries(first)] : own;
  }

  /** Non-overlapping name occurrences, longest first; token positions. */
  spans(tokens: Token[]): Array<{ from: number; to: number; ids: number[] }> {
    const found: Array<{ from: number; to: number; ids: number[] }> = [];
    for (let i = 0; i < tokens.length; i++) {
      for (const entry of this.entries(tokens[i]!.norm)) {
        if (entry.tokens.every((token, k) => tokens[i + k]?.norm === token)) {
          found.push({ from: i, to: i + entry.tokens.length, ids: entry.ids });
        }
      }
    }
    found.sort((a, b) => b.to - b.from - (a.to - a.from) || a.from - b.from);
    const claimed: typeof found = [];
    for (const span of found) {
      if (!claimed.some((c) => span.from < c.to && c.from < span.to)) claimed.push(span);
    }
    return claimed.sort((a, b) => a.from - b.from);
  }
}

/** Words of a text with their places in it; normalized as the catalogue's names are. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.normalize('NFC').matchAll(/[\p{L}\p{N}]+/gu)) {
    tokens.push({ raw: match[0], norm: normalizeText(match[0]), start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

// Words that start a business's or a place's proper name in the destination's languages. A
// capitalized name after one of them that is not a catalogue name is taken as made up.
const NAME_HEADS = new Set([
  'restaurant',
  'restaurante',
  'ristorante',
  'trattoria',
  'pizzeria',
  'osteria',
  'taberna',
  'taverna',
  'tasca',
  'meson',
  'bodega',
  'marisqueria',
  'arroceria',
  'asador',
  'cerveceria',
  'vermuteria',
  'chiringuito',
  'bar',
  'pub',
  'cafe',
  'cafeteria',
  'teteria',
  'heladeria',
  'gelateria',
  'panaderia',
  'pasteleria',
  'hotel',
  'hostal',
  'apartamentos',
  'camping',
  'casa',
  'club',
  'museo',
  'museum',
  'playa',
  'cala',
  'gasthaus',
  'eetcafe',
  'izakaya',
  'bistro',
  'brasserie',
  'supermercado',
  'farmacia',
  'spa',
]);
const CONNECTORS = new Set(['de', 'del', 'la', 'el', 'los', 'las', 'di', 'da', 'dei', 'i', 'y', 'of', 'the', 'd', 'l', 'sa', 'en', 'van', 'zum', 'zur']);
const isCapitalized = (raw: string) => /^\p{Lu}/u.test(raw);

export interface SentenceCheck {
  /** Candidate ids the sentence names. */
  mentioned: number[];
  /** Names of places that are not candidates: catalogue places and made-up ones. */
  invented: string[];
}

/**
 * Which candidates a sentence names, and which other places. A catalogue name that belongs to
 * no candidate is invented; so is a bold name, or a capitalized name after a word such as
 * "Restaurante" or "Hotel", that is no catalogue name at all.
 */
export function checkSentence(sentence: string, candidates: CandidatePlace[], matcher: NameMatcher): SentenceCheck {
  const text = sentence.normalize('NFC');
  const tokens = tokenize(text);
  const candidateIds = new Set(candidates.map((c) => c.id));
  const spans = matcher.spans(tokens);
  const mentioned = new Set<number>();
  const invented: string[] = [];
  const covered = (from: number, to: number) => spans.some((s) => from < s.to && s.from < to);
  for (const span of spans) {
    const ids = span.ids.filter((id) => candidateIds.has(id));
    if (ids.length > 0) ids.forEach((id) => mentioned.add(id));
    else invented.push(text.slice(tokens[span.from]!.start, tokens[span.to - 1]!.end));
  }
  // "Restaurante Casa Pepe": a name head followed by capitalized words, not a catalogue name.
  for (let i = 0; i < tokens.length; i++) {
    if (!NAME_HEADS.has(tokens[i]!.norm) || !isCapitalized(tokens[i]!.raw) || covered(i, i + 1)) continue;
    let last = i;
    for (let k = i + 1; k < tokens.length && k <= i + 5; k++) {
      if (isCapitalized(tokens[k]!.raw)) last = k;
      else if (!CONNECTORS.has(tokens[k]!.norm)) break;
    }
    if (last > i && !covered(i, last + 1)) invented.push(text.slice(tokens[i]!.start, tokens[last]!.end));
    i = last; // "Restaurante Casa Pepe" is one name, not also "Casa Pepe"
  }
  // **Bold** marks a name (the prompt asks for it): a bold name that is no catalogue name is made up.
  for (const match of text.matchAll(/\*\*([^*\n]{1,80})\*\*/g)) {
    const inner = tokenize(match[1]!);
    const looksLikeName = inner.length > 0 && inner.length <= 8 && inner.every((t) => isCapitalized(t.raw) || CONNECTORS.has(t.norm));
    if (!looksLikeName) continue;
    const from = tokens.findIndex((t) => t.start >= match.index);
    if (from >= 0 && !covered(from, from + inner.length)) invented.push(match[1]!.trim());
  }
  return {
    mentioned: candidates.filter((c) => mentioned.has(c.id)).map((c) => c.id),
    invented: [...new Set(invented)],
  };
}

/** The text as shown: without the bold marks the model puts around names. */
export function stripMarkup(text: string): string {
  return text.split(NAME_MARK).join('');
}

/**
 * Which of the candidates an answer refers to, in candidate order. An answer that names none
 * refers to the one place when there is just one ("it is open until 23:00" about the focused
 * place); with several places it is not an answer to the search, and null tells the engine to
 * use the built-in answer instead.
 */
export function referencedPlaces(mentioned: Iterable<number>, candidates: CandidatePlace[]): number[] | null {
  const set = new Set(mentioned);
  const ids = candidates.filter((c) => set.has(c.id)).map((c) => c.id);
  if (ids.length > 0 || candidates.length === 0) return ids;
  return candidates.length === 1 ? [candidates[0]!.id] : null;
}

const SHINGLE = 7;

/**
 * Recognises the rules in an answer: the canary, or any run of seven words of the rules. A
 * paraphrase slips through, but then it reveals little; a copy never does.
 */
export class LeakGuard {
  private readonly shingles = new Set<string>();
  private readonly canary: string;

  constructor(secret: string, canary: string) {
    const words = tokenize(secret).map((t) => t.norm);
    for (let i = 0; i + SHINGLE <= words.length; i++) this.shingles.add(words.slice(i, i + SHINGLE).join(' '));
    this.canary = normalizeText(canary);
  }

  leaks(text: string): boolean {
    const normalized = normalizeText(text);
    if (normalized.includes(this.canary) || /\bcatalogue answer\b|\{\s*"id"\s*:/.test(normalized)) return true;
    const words = tokenize(text).map((t) => t.norm);
    for (let i = 0; i + SHINGLE <= words.length; i++) if (this.shingles.has(words.slice(i, i + SHINGLE).join(' '))) return true;
    return false;
  }
}

/** An answer longer than this is not the brief answer asked for. */
export const MAX_ANSWER_CHARS = 2500;

/** Why a finished answer cannot be used as text, or null when it can. */
export function malformedReason(text: string, finishReason: string | null): string | null {
  if (finishReason !== null && finishReason !== 'stop') return `finish_reason ${finishReason}`;
  const trimmed = text.trim();
  if (!trimmed) return 'empty';
  if (trimmed.length > MAX_ANSWER_CHARS) return 'too long';
  if (/^(\{|\[|```|<)/.test(trimmed)) return 'not plain text';
  return null;
}

/** A finished sentence of streamed text, without its surrounding white space. */
export interface Sentence {
  text: string;
  /** Whether a line break came before it (a list item, a new paragraph). */
  newline: boolean;
}

/**
 * Cuts streamed text into sentences as soon as each one is complete: after . ! ? or … followed
 * by white space, and at line breaks. "1. " alone (a list number) is no sentence, nor is "4.5".
 */
export class SentenceSplitter {
  private buffer = '';
  private newline = false;

  push(delta: string): Sentence[] {
    this.buffer += delta;
    const sentences: Sentence[] = [];
    const boundary = /[.!?…]+["'”»)\]]*(?=\s)|\n/g;
    let from = 0;
    let match: RegExpExecArray | null;
    while ((match = boundary.exec(this.buffer))) {
      const end = match.index + match[0].length;
      const piece = this.buffer.slice(from, end);
      if (match[0] !== '\n' && /^\s*\d{1,2}[.)]$/.test(piece)) continue;
      if (match[0] !== '\n' && end >= this.buffer.length) break;
      this.emit(piece, sentences);
      from = end;
    }
    this.buffer = this.buffer.slice(from);
    return sentences;
  }

  /** The rest, when the stream has ended. */
  end(): Sentence[] {
    const sentences: Sentence[] = [];
    this.emit(this.buffer, sentences);
    this.buffer = '';
    return sentences;
  }

  private emit(piece: string, into: Sentence[]): void {
    const text = piece.trim();
    if (/^\s*\n/.test(piece) || (piece.endsWith('\n') && !text)) this.newline = true;
    if (!text) return;
    into.push({ text, newline: this.newline });
    this.newline = piece.endsWith('\n');
  }
}

/** Splits a whole text the way streamed text is split. */
export function splitSentences(text: string): Sentence[] {
  const splitter = new SentenceSplitter();
  return [...splitter.push(text), ...splitter.end()];
}

/** Joins sentences back: a line break where the model had one, else a space. */
export function joinSentence(previous: string, sentence: Sentence): string {
  if (!previous) return sentence.text;
  return (sentence.newline ? '\n' : ' ') + sentence.text;
}
