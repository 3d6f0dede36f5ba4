import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Language, POI_SUBCATEGORIES, type PoiView } from '@holibot/contracts';
import { freshSqliteDatabase } from '@holibot/database/testing';
import { normalizeText } from '../../src/common/text.js';
import { textTable } from '../../src/common/text-table.js';
import { BUILT_IN_TAXONOMY } from '../../src/poi/taxonomy.js';
import { chatContext } from '../support/chat-context.js';
import {
  type CatalogueName,
  EVAL_CONVERSATIONS,
  type EvalConversation,
  type EvalLanguage,
  type Expectation,
  FRENCH_CONVERSATIONS,
  type PlaceCheck,
  type TurnKind,
} from './eval-turns.js';

/**
 * The evaluation harness (`npm run eval`): every conversation of eval-turns.ts against the
 * built-in engine, through ChatService as the API runs it, on the catalogue each one names.
 */

/** Tuesday 2 June 2026, 13:00 in Calpe and Xàbia: lunchtime, as the HTTP suites' FIXED_NOW. */
export const EVAL_NOW = new Date('2026-06-02T11:00:00Z');

/** The catalogues as the importer reads them, and the settings a deployment on each would have. */
const CATALOGUES: Record<CatalogueName, { file: string; env: Record<string, string> }> = {
  calpe: { file: 'tools/catalogues/calpe.sample.geojson', env: { DESTINATION_NAME: 'Calpe' } },
  xabia: { file: 'apps/api/test/fixtures/xabia-osm.geojson', env: { DESTINATION_NAME: 'Xàbia', DESTINATION_ALIASES: 'Jávea=Xàbia, Javea=Xàbia' } },
};

export interface TurnResult {
  conversation: string;
  catalogue: CatalogueName;
  speaks: EvalLanguage;
  kind: TurnKind;
  q: string;
  passed: boolean;
  /** Why the turn failed; empty when it passed. */
  reasons: string[];
  /** Catalogue places the answer's text names without returning them. */
  invented: string[];
  /** What came back, for reading a failure. */
  answer: { text: string; pois: string[]; intent: string; language: string; isFollowUp: boolean } | null;
  /** The categories of the places it returned. */
  categories: string[];
}

export interface Rate {
  turns: number;
  passed: number;
  rate: number;
}

export interface EvalResult {
  turns: TurnResult[];
  passRate: number;
  byLanguage: Record<string, Rate>;
  byKind: Record<string, Rate>;
  byCatalogue: Record<string, Rate>;
  /** Answers whose text names a catalogue place the turn did not return: must be 0. */
  invented: number;
  /** Categories of the places the passing turns returned, and those no turn reached. */
  categoriesMissing: string[];
  durationMs: number;
}

/** One place of a catalogue file: its names in every language, its tags and its facets. */
export interface CataloguePlace {
  names: string[];
  tags: Record<string, string>;
  kinds: Set<string>;
  categories: Set<string>;
  latitude: number;
  longitude: number;
}

export interface Catalogue {
  places: CataloguePlace[];
  /** Normalized names that, written in an answer, name a place (see inventedPlaces). */
  checkedNames: Array<{ place: CataloguePlace; name: string; normalized: string }>;
}

/** Single-word names that are ordinary words in the answers' languages: no evidence of a place. */
const COMMON_WORDS = new Set([
  'post',
  'correos',
  'correus',
  'parking',
  'pharmacy',
  'farmacia',
  'museum',
  'museo',
  'beach',
  'playa',
  'platja',
  'market',
  'mercado',
]);

/** A catalogue of the suite as its file has it (what the engine imported), for checking answers against. */
export function readCatalogue(name: CatalogueName): Catalogue {
  const { file, env } = CATALOGUES[name];
  const destination = env['DESTINATION_NAME']!;
  const collection = JSON.parse(readFileSync(resolve(file), 'utf8')) as {
    features: Array<{ geometry: { coordinates: number[] }; properties: Record<string, unknown> }>;
  };
  const places: CataloguePlace[] = [];
  for (const feature of collection.features) {
    const tags: Record<string, string> = {};
    for (const [key, value] of Object.entries(feature.properties)) if (typeof value === 'string' || typeof value === 'number') tags[key] = String(value);
    if (!tags['name']) continue;
    const facets = BUILT_IN_TAXONOMY.facets(tags);
    if (facets.length === 0) continue;
    const names = [
      tags['name'],
      ...Object.entries(tags)
        .filter(([key]) => /^name:[a-z]{2}$/.test(key))
        .map(([, value]) => value),
    ];
    places.push({
      names: [...new Set(names)],
      tags,
      kinds: new Set(facets.map((f) => f.label)),
      categories: new Set(facets.map((f) => f.category)),
      latitude: feature.geometry.coordinates[1]!,
      longitude: feature.geometry.coordinates[0]!,
    });
  }
  const towns = new Set([destination, ...places.map((p) => p.tags['addr:city']).filter((c): c is string => !!c)].map(normalized));
  const checkedNames = places.flatMap((place) =>
    place.names
      .map((name) => ({ place, name, normalized: normalized(name) }))
      // A town's name is no place; a lone common word ("Post") names nothing in particular.
      .filter(({ normalized: n }) => n.length > 0 && !towns.has(n) && !(!n.includes(' ') && (COMMON_WORDS.has(n) || n.length <= 3))),
  );
  // Longest first: a returned "Playa de la Fossa (Levante)" is removed before "Playa de la Fossa" is looked for.
  checkedNames.sort((a, b) => b.normalized.length - a.normalized.length);
  return { places, checkedNames };
}

/** Lower-case words without accents, separated by single spaces: "L'Àncora" → "l ancora". */
function normalized(text: string): string {
  return normalizeText(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The catalogue place an answer's POI is (by a name in any language and its coordinates). */
function placeOf(catalogue: Catalogue, poi: PoiView): CataloguePlace | undefined {
  const near = (p: CataloguePlace) => Math.abs(p.latitude - poi.latitude) < 1e-5 && Math.abs(p.longitude - poi.longitude) < 1e-5;
  return catalogue.places.find((p) => near(p) && p.names.includes(poi.name)) ?? catalogue.places.find((p) => p.names.includes(poi.name));
}

/**
 * Catalogue places the text names that the turn did not return. What the returned places
 * themselves carry is taken out of the text first: their descriptions (a museum's may mention
 * the Roman baths; that is the catalogue's word, not the engine's) and their names in every
 * language, so that a returned "Parque Natural del Penyal d'Ifac" does not count as naming
 * "Penyal d'Ifac". Names the visitor wrote are theirs to have quoted back ("nothing for “…”").
 */
export function inventedPlaces(catalogue: Catalogue, text: string, returned: CataloguePlace[], question: string): string[] {
  let rest = ` ${normalized(text)} `;
  const asked = ` ${normalized(question)} `;
  const descriptions = returned.flatMap((place) => Object.entries(place.tags).filter(([key]) => /^description(:[a-z]{2})?$/.test(key)));
  for (const [, description] of descriptions) rest = rest.split(` ${normalized(description)} `).join('  ');
  for (const { place, normalized: name } of catalogue.checkedNames) {
    if (returned.includes(place)) rest = rest.split(` ${name} `).join('  ');
  }
  // One name per place: its German and Dutch names may be written alike.
  const invented = new Map<CataloguePlace, string>();
  for (const { place, name, normalized: n } of catalogue.checkedNames) {
    if (returned.includes(place) || invented.has(place) || asked.includes(` ${n} `)) continue;
    if (rest.includes(` ${n} `)) invented.set(place, name);
  }
  return [...invented.values()];
}

function describeCheck(check: PlaceCheck): string {
  return Object.entries(check)
    .map(([key, value]) =>
      key === 'anyOf'
        ? `anyOf(${(value as PlaceCheck[]).map(describeCheck).join(' | ')})`
        : `${key}=${value instanceof RegExp ? String(value) : JSON.stringify(value)}`,
    )
    .join(', ');
}

/** Why a returned place does not pass a check; null when it does. */
function placeMismatch(poi: PoiView, place: CataloguePlace | undefined, check: PlaceCheck): string | null {
  const misses: string[] = [];
  if (check.kind && !check.kind.some((k) => place?.kinds.has(k) || poi.subcategory === k)) misses.push(`kind ${poi.subcategory}`);
  if (check.category && !check.category.some((c) => place?.categories.has(c) || poi.category === c)) misses.push(`category ${poi.category}`);
  if (check.cuisine && !check.cuisine.some((c) => poi.cuisine.includes(c))) misses.push(`cuisine [${poi.cuisine.join(';')}]`);
  // A place without addr:city is placed by distance; only a stated town can contradict the check.
  if (check.town && poi.city !== null && !check.town.includes(poi.city)) misses.push(`town ${poi.city}`);
  for (const attribute of ['outdoorSeating', 'wheelchair', 'vegetarian', 'vegan', 'dogs', 'kids'] as const) {
    if (check[attribute] !== undefined && poi[attribute] !== check[attribute]) misses.push(`${attribute} ${String(poi[attribute])}`);
  }
  if (check.openNow !== undefined && poi.openNow !== check.openNow) misses.push(`openNow ${String(poi.openNow)}`);
  if (check.maxPrice !== undefined && (poi.priceLevel === null || poi.priceLevel > check.maxPrice)) misses.push(`price ${String(poi.priceLevel)}`);
  if (check.minPrice !== undefined && (poi.priceLevel === null || poi.priceLevel < check.minPrice)) misses.push(`price ${String(poi.priceLevel)}`);
  for (const [key, wanted] of Object.entries(check.tags ?? {})) {
    const value = place?.tags[key];
    if (value === undefined || (typeof wanted === 'string' ? value !== wanted : !wanted.test(value))) misses.push(`${key}=${value ?? '∅'}`);
  }
  if (check.mentions) {
    const text = place ? Object.entries(place.tags).filter(([key]) => /^(name|description)(:[a-z]{2})?$/.test(key)) : [];
    if (!text.some(([, value]) => check.mentions!.test(value))) misses.push(`no mention of ${String(check.mentions)}`);
  }
  if (check.anyOf && !check.anyOf.some((one) => placeMismatch(poi, place, one) === null)) misses.push(`none of ${check.anyOf.map(describeCheck).join(' | ')}`);
  return misses.length ? `${poi.name} (${misses.join(', ')})` : null;
}

/** Where the ordinal `n` (1-based, -1 the last) points in a list. */
function at<T>(list: T[], n: number): T | undefined {
  return n === -1 ? list[list.length - 1] : list[n - 1];
}

/** Why the answer does not meet the expectation; empty when it does. */
function check(
  wanted: Expectation,
  speaks: EvalLanguage,
  data: { textResponse: string; pois: PoiView[]; intent: string; language: string; isFollowUp: boolean },
  places: Array<CataloguePlace | undefined>,
  list: PoiView[],
): string[] {
  const reasons: string[] = [];
  const { pois } = data;
  // Every place an answer shows must be one of the catalogue's.
  pois.forEach((poi, i) => places[i] === undefined && reasons.push(`${poi.name} is not in the catalogue file`));
  const names = pois.map((p) => p.name);
  const hasName = (name: string) => pois.some((poi, i) => poi.name === name || places[i]?.names.includes(name));
  const language = wanted.language === undefined ? speaks : wanted.language;
  if (language !== null && data.language !== language) reasons.push(`language ${data.language}, expected ${language}`);
  if (wanted.intent) {
    const intents: readonly string[] = typeof wanted.intent === 'string' ? [wanted.intent] : wanted.intent;
    if (!intents.includes(data.intent)) reasons.push(`intent ${data.intent}, expected ${intents.join(' | ')}`);
  }
  if (wanted.isFollowUp !== undefined && data.isFollowUp !== wanted.isFollowUp) reasons.push(`isFollowUp ${String(data.isFollowUp)}`);
  if (wanted.none && pois.length > 0) reasons.push(`expected no places, got ${names.join(', ')}`);
  if (!wanted.none && wanted.count === undefined && wanted.min === undefined && pois.length === 0 && (wanted.every || wanted.includes || wanted.first)) {
    reasons.push('no places returned');
  }
  if (wanted.count !== undefined && pois.length !== wanted.count) reasons.push(`${pois.length} places, expected ${wanted.count}`);
  if (wanted.min !== undefined && pois.length < wanted.min) reasons.push(`${pois.length} places, expected at least ${wanted.min}`);
  if (wanted.max !== undefined && pois.length > wanted.max) reasons.push(`${pois.length} places, expected at most ${wanted.max}`);
  if (wanted.every) {
    const misses = pois.map((poi, i) => placeMismatch(poi, places[i], wanted.every!)).filter((m): m is string => m !== null);
    if (misses.length) reasons.push(`not every place has ${describeCheck(wanted.every)}: ${misses.join('; ')}`);
  }
  if (wanted.some && !pois.some((poi, i) => placeMismatch(poi, places[i], wanted.some!) === null)) {
    reasons.push(`no place has ${describeCheck(wanted.some)} among ${names.join(', ') || 'none'}`);
  }
  for (const name of wanted.includes ?? []) if (!hasName(name)) reasons.push(`missing ${name} (got ${names.join(', ') || 'none'})`);
  for (const name of wanted.excludes ?? []) if (hasName(name)) reasons.push(`should not include ${name}`);
  if (wanted.first !== undefined && !(pois[0] && (pois[0].name === wanted.first || places[0]?.names.includes(wanted.first)))) {
    reasons.push(`first place ${pois[0]?.name ?? 'none'}, expected ${wanted.first}`);
  }
  if (wanted.fromList !== undefined) {
    const ids = list.map((p) => p.id);
    const outside = pois.filter((p) => !ids.includes(p.id)).map((p) => p.name);
    if (wanted.fromList === 'subset') {
      if (outside.length) reasons.push(`places outside the last list: ${outside.join(', ')}`);
    } else if (wanted.fromList === 'same') {
      if (outside.length || pois.length !== ids.length) reasons.push(`not the same places as the last list (${list.map((p) => p.name).join(', ')})`);
    } else {
      const target = at(list, wanted.fromList);
      if (!target) reasons.push(`the last list has no place ${wanted.fromList}`);
      else if (pois.length !== 1 || pois[0]!.id !== target.id) {
        reasons.push(`expected ${target.name} (place ${wanted.fromList} of the last list), got ${names.join(', ') || 'none'}`);
      }
    }
  }
  if (wanted.byPrice) {
    const prices = pois.map((p) => p.priceLevel).filter((p): p is number => p !== null);
    if (prices.some((price, i) => i > 0 && price < prices[i - 1]!)) reasons.push(`not least expensive first: ${prices.join(', ')}`);
  }
  if (wanted.namesPlace && pois[0] && !data.textResponse.includes(pois[0].name)) reasons.push(`the text does not name ${pois[0].name}`);
  if (wanted.text && !wanted.text.test(data.textResponse)) reasons.push(`text does not match ${String(wanted.text)}`);
  if (wanted.textNot?.test(data.textResponse)) reasons.push(`text matches ${String(wanted.textNot)}`);
  return reasons;
}

function rates(turns: TurnResult[], key: (turn: TurnResult) => string): Record<string, Rate> {
  const result: Record<string, Rate> = {};
  for (const turn of turns) {
    const rate = (result[key(turn)] ??= { turns: 0, passed: 0, rate: 0 });
    rate.turns += 1;
    if (turn.passed) rate.passed += 1;
  }
  for (const rate of Object.values(result)) rate.rate = rate.passed / rate.turns;
  return result;
}

/** The conversations of the suite, in all five languages. */
export function evalConversations(): EvalConversation[] {
  return [...EVAL_CONVERSATIONS, ...FRENCH_CONVERSATIONS];
}

export async function runEval(options: { conversations?: EvalConversation[] } = {}): Promise<EvalResult> {
  const started = performance.now();
  const conversations = options.conversations ?? evalConversations();
  const turns: TurnResult[] = [];
  for (const name of ['calpe', 'xabia'] as const) {
    const own = conversations.filter((c) => c.catalogue === name);
    if (own.length === 0) continue;
    const { file, env } = CATALOGUES[name];
    const catalogue = readCatalogue(name);
    const context = await chatContext({ database: freshSqliteDatabase(), now: EVAL_NOW, env: { POI_AUTOLOAD_FILE: resolve(file), ...env } });
    try {
      for (const conversation of own) turns.push(...(await runConversation(context.chat, catalogue, conversation)));
    } finally {
      await context.close();
    }
  }
  const passed = turns.filter((t) => t.passed).length;
  const reached = new Set(turns.filter((t) => t.passed).flatMap((t) => t.categories));
  return {
    turns,
    passRate: turns.length ? passed / turns.length : 0,
    byLanguage: rates(turns, (t) => t.speaks),
    byKind: rates(turns, (t) => t.kind),
    byCatalogue: rates(turns, (t) => t.catalogue),
    invented: turns.filter((t) => t.invented.length > 0).length,
    categoriesMissing: ALL_CATEGORIES.filter((c) => !reached.has(c)),
    durationMs: Math.round(performance.now() - started),
  };
}

const ALL_CATEGORIES = [...new Set(POI_SUBCATEGORIES.map((s) => s.category))];

type Chat = Awaited<ReturnType<typeof chatContext>>['chat'];

async function runConversation(chat: Chat, catalogue: Catalogue, conversation: EvalConversation): Promise<TurnResult[]> {
  const results: TurnResult[] = [];
  let sessionId: string | undefined;
  // The list the conversation is on: what "the second one" or "which one…" refers to.
  let list: PoiView[] = [];
  for (const turn of conversation.turns) {
    const speaks = turn.speaks ?? conversation.speaks;
    const base = { conversation: conversation.name, catalogue: conversation.catalogue, speaks, kind: turn.kind, q: turn.q };
    try {
      const { data } = await chat.handle({ query: turn.q, sessionId, ...(turn.language ? { language: turn.language as Language } : {}) }, null);
      sessionId = data.sessionId;
      const places = data.pois.map((poi) => placeOf(catalogue, poi));
      const reasons = check(turn.expect, speaks, data, places, list);
      const returned = places.filter((p): p is CataloguePlace => p !== undefined);
      const invented = inventedPlaces(catalogue, data.textResponse, returned, turn.q);
      if (invented.length) reasons.push(`names places it did not return: ${invented.join(', ')}`);
      results.push({
        ...base,
        passed: reasons.length === 0,
        reasons,
        invented,
        answer: { text: data.textResponse, pois: data.pois.map((p) => p.name), intent: data.intent, language: data.language, isFollowUp: data.isFollowUp },
        categories: data.pois.map((p) => p.category),
      });
      if (data.pois.length > 0 && (!data.isFollowUp || data.intent === 'follow_up_filter')) list = data.pois;
    } catch (error) {
      results.push({ ...base, passed: false, reasons: [`error: ${(error as Error).message}`], invented: [], answer: null, categories: [] });
    }
  }
  return results;
}

const percent = (rate: number) => `${(rate * 100).toFixed(1)} %`;

/** The result as text tables: pass rates by language, kind and catalogue, then the failing turns (every turn with `all`). */
export function formatEvalResult(result: EvalResult, options: { all?: boolean } = {}): string {
  const table = (title: string, rows: Record<string, Rate>) =>
    textTable(
      [title, 'turns', 'passed', 'rate'],
      Object.entries(rows)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, rate]) => [key, String(rate.turns), String(rate.passed), percent(rate.rate)]),
      new Set([1, 2, 3]),
    );
  const failing = result.turns.filter((t) => !t.passed);
  const shown = options.all ? result.turns : failing;
  const lines = [
    '',
    `HoliBot evaluation: ${result.turns.length} turns, ${percent(result.passRate)} passed, ${result.invented} answers naming a place they did not return, ${(result.durationMs / 1000).toFixed(1)} s`,
    '',
    table('language', result.byLanguage),
    '',
    table('kind', result.byKind),
    '',
    table('catalogue', result.byCatalogue),
  ];
  if (result.categoriesMissing.length) lines.push('', `Categories no passing turn reached: ${result.categoriesMissing.join(', ')}`);
  if (shown.length) {
    lines.push('', options.all ? 'Every turn:' : `Failing turns (${failing.length}):`);
    for (const turn of shown) lines.push(formatTurn(turn));
  }
  return lines.join('\n');
}

/** One turn: where it is, the question, why it failed (or "ok"), and what came back. */
export function formatTurn(turn: TurnResult): string {
  const answer = turn.answer ? `\n      → ${turn.answer.intent} [${turn.answer.pois.join(', ')}] ${JSON.stringify(turn.answer.text.split('\n')[0])}` : '';
  return `  [${turn.catalogue}/${turn.speaks}/${turn.kind}] ${turn.conversation}: "${turn.q}": ${turn.passed ? 'ok' : turn.reasons.join('; ')}${answer}`;
}
