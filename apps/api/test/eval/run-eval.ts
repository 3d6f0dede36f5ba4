import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import OpeningHours from 'opening_hours';
import { type Language, POI_SUBCATEGORIES, type PoiView } from '@holibot/contracts';
import { freshSqliteDatabase } from '@holibot/database/testing';
import { normalizeText } from '../../src/common/text.js';
import { textTable } from '../../src/common/text-table.js';
import { BUILT_IN_TAXONOMY } from '../../src/poi/taxonomy.js';
import { chatContext } from '../support/chat-context.js';
import {
  type CatalogueName,
  ANSWER_CONVERSATIONS,
  EVAL_CONVERSATIONS,
  type EvalConversation,
  type EvalLanguage,
  type Expectation,
  FRENCH_CONVERSATIONS,
  type PlaceCheck,
  type TurnKind,
  type When,
} from './eval-turns.js';

/**
 * The evaluation harness (`npm run eval`): every conversation of eval-turns.ts against the
 * built-in engine, through ChatService as the API runs it, on the catalogue each one names.
 */

/** Tuesday 2 June 2026, 13:00 in Calpe and Xàbia: lunchtime, as the HTTP suites' FIXED_NOW. */
export const EVAL_NOW = new Date('2026-06-02T11:00:00Z');
const TIME_ZONE = 'Europe/Madrid';

/**
 * A Date whose local fields show the wall-clock time of `timeZone` at `instant`: what the
 * opening_hours library reads, whatever the zone of the process.
 */
function wallClock(instant: Date, timeZone: string): Date {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  });
  const part = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, Number(p.value)]));
  return new Date(part['year']!, part['month']! - 1, part['day']!, part['hour']!, part['minute']!);
}

/** EVAL_NOW on the destination's clocks. */
const NOW = wallClock(EVAL_NOW, TIME_ZONE);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The hours a visitor means by each part of the day ("tonight": 19:00–24:00). */
const DAY_PARTS = { morning: [8, 12], lunch: [13, 16], afternoon: [15, 19], evening: [19, 24] } as const;

/**
 * The wall-clock span time words name, seen from NOW: a weekday is the next one (today's when
 * it is today), a part of the day already over is tomorrow's, today's span starts now, and
 * "now" is this minute.
 */
export function timeSpan(when: When, now: Date = NOW): { from: Date; to: Date } {
  if (when.part === 'now') return { from: now, to: new Date(now.getTime() + 60_000) };
  const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const day = when.day ?? 'today';
  const offset = day === 'today' ? 0 : day === 'tomorrow' ? 1 : (day - now.getDay() + 7) % 7;
  const start = new Date(midnight);
  start.setDate(start.getDate() + offset);
  const [fromHour, toHour] = when.part ? DAY_PARTS[when.part] : [0, 24];
  let from = new Date(start.getTime() + fromHour * HOUR);
  let to = new Date(start.getTime() + toHour * HOUR);
  if (when.day === undefined && to <= now) [from, to] = [new Date(from.getTime() + DAY), new Date(to.getTime() + DAY)];
  if (from < now && to > now) from = new Date(now);
  return { from, to };
}

const clock = (date: Date) => `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;

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
  /** Its opening_hours, read as the tag says; null when it has none the library understands. */
  hours: OpeningHours | null;
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
      hours: parseHours(tags['opening_hours'], feature.geometry.coordinates),
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

/** A place's opening_hours as the tag says, for a Spanish destination (its public holidays). */
function parseHours(value: string | undefined, [longitude, latitude]: number[]): OpeningHours | null {
  if (!value) return null;
  try {
    return new OpeningHours(value, { lat: latitude!, lon: longitude!, address: { country_code: 'es', state: '' } }, 0);
  } catch {
    return null;
  }
}

/** The place's opening intervals that overlap the span, whole; [] when closed all of it, null when its hours are unknown. */
export function openDuring(place: CataloguePlace | undefined, span: { from: Date; to: Date }): Array<[Date, Date]> | null {
  if (!place?.hours) return null;
  try {
    return place.hours
      .getOpenIntervals(new Date(span.from.getTime() - DAY), new Date(span.to.getTime() + DAY))
      .filter(([start, end, unknown]) => !unknown && start < span.to && end > span.from)
      .map(([start, end]) => [start, end]);
  } catch {
    return null;
  }
}

/** When the place first opens at or after `from` (within a week); null when unknown. */
function firstOpening(place: CataloguePlace | undefined, from: Date): Date | null {
  if (!place?.hours) return null;
  try {
    const [first] = place.hours.getOpenIntervals(from, new Date(from.getTime() + 7 * DAY)).filter(([, , unknown]) => !unknown);
    return first ? first[0] : null;
  } catch {
    return null;
  }
}

/** "19:00–23:00", or a pattern that also takes a midnight written "24:00". */
function intervalPattern([start, end]: [Date, Date]): RegExp {
  const to = clock(end);
  return new RegExp(`${clock(start)}–${to === '00:00' ? '(00:00|24:00)' : to}`);
}

/** Metres between two points (haversine). */
function meters(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.latitude - a.latitude) * rad) / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(((b.longitude - a.longitude) * rad) / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

/** Why the distances do not come nearest first; null when they do (1 m of rounding allowed). */
function notNearestFirst(names: string[], distances: number[]): string | null {
  const i = distances.findIndex((d, n) => n > 0 && d < distances[n - 1]! - 1);
  return i === -1 ? null : `${names[i]} (${Math.round(distances[i]!)} m) after ${names[i - 1]} (${Math.round(distances[i - 1]!)} m)`;
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
 * "Penyal d'Ifac". Names the visitor wrote are theirs to have quoted back ("nothing for “…”"), and
 * `dropped`, the place "not that one" takes out of the list, may be named ("instead of X").
 */
export function inventedPlaces(catalogue: Catalogue, text: string, returned: CataloguePlace[], question: string, dropped: CataloguePlace[] = []): string[] {
  let rest = ` ${normalized(text)} `;
  const asked = ` ${normalized(question)} `;
  // Until none is left: a name written twice in a row ("… **X**.\n- **X** — …") shares the space between.
  const remove = (words: string) => {
    while (rest.includes(` ${words} `)) rest = rest.split(` ${words} `).join('  ');
  };
  const descriptions = returned.flatMap((place) => Object.entries(place.tags).filter(([key]) => /^description(:[a-z]{2})?$/.test(key)));
  for (const [, description] of descriptions) remove(normalized(description));
  const named = [...returned, ...dropped];
  for (const { place, normalized: name } of catalogue.checkedNames) {
    if (named.includes(place)) remove(name);
  }
  // One name per place: its German and Dutch names may be written alike.
  const invented = new Map<CataloguePlace, string>();
  for (const { place, name, normalized: n } of catalogue.checkedNames) {
    if (named.includes(place) || invented.has(place) || asked.includes(` ${n} `)) continue;
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
  context: { catalogue: Catalogue; position: { latitude: number; longitude: number } | null },
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
    if (typeof wanted.fromList === 'object') {
      const targets = wanted.fromList.map((n) => at(list, n));
      if (targets.some((t) => !t) || pois.map((p) => p.id).join() !== targets.map((t) => t!.id).join()) {
        reasons.push(
          `expected ${targets.map((t) => t?.name ?? '?').join(', ')} (places ${wanted.fromList.join(', ')} of the last list), got ${names.join(', ') || 'none'}`,
        );
      }
    } else if (wanted.fromList === 'new') {
      const again = pois.filter((p) => ids.includes(p.id)).map((p) => p.name);
      if (again.length) reasons.push(`places of the last list again: ${again.join(', ')}`);
    } else if (wanted.fromList === 'subset') {
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
  if (wanted.without !== undefined) {
    const dropped = at(list, wanted.without);
    if (!dropped) reasons.push(`the last list has no place ${wanted.without}`);
    else {
      if (pois.some((p) => p.id === dropped.id)) reasons.push(`still shows ${dropped.name} (place ${wanted.without} of the last list)`);
      const ids = pois.map((p) => p.id);
      const lost = list.filter((p) => p.id !== dropped.id && !ids.includes(p.id)).map((p) => p.name);
      if (lost.length) reasons.push(`drops more than ${dropped.name}: ${lost.join(', ')}`);
    }
  }
  if (wanted.openAt) reasons.push(...checkOpenAt(wanted.openAt, pois, places, data.textResponse, wanted.hoursShown === true));
  if (wanted.noneOpenAt) {
    const span = timeSpan(wanted.noneOpenAt);
    const open = pois.filter((_, i) => (openDuring(places[i], span)?.length ?? 0) > 0).map((p) => p.name);
    if (open.length) reasons.push(`said none is open, but these are: ${open.join(', ')}`);
    const openings = places.map((place) => firstOpening(place, span.from)?.getTime() ?? Infinity);
    const earliest = Math.min(...openings);
    if (pois.length && openings[0] !== earliest) reasons.push(`first place ${pois[0]!.name} does not open first`);
    if (Number.isFinite(earliest) && !data.textResponse.includes(clock(new Date(earliest)))) {
      reasons.push(`the text does not say when the first opens (${clock(new Date(earliest))})`);
    }
  }
  if (wanted.hoursOn) {
    const intervals = pois.length === 1 ? openDuring(places[0], timeSpan(wanted.hoursOn)) : null;
    if (pois.length !== 1) reasons.push(`${pois.length} places, expected the one asked about`);
    else if (intervals === null) reasons.push(`${pois[0]!.name} has no opening hours to answer from`);
    else if (intervals.length === 0 && /\d\d:\d\d–\d\d:\d\d/.test(data.textResponse)) reasons.push(`${pois[0]!.name} is closed then, the text gives hours`);
    else {
      const missing = intervals.filter((interval) => !intervalPattern(interval).test(data.textResponse));
      if (missing.length) reasons.push(`the text does not give ${missing.map(([a, b]) => `${clock(a)}–${clock(b)}`).join(', ')}`);
    }
  }
  if (wanted.closingTime) {
    const hours = pois.length === 1 ? places[0]?.hours : null;
    if (!hours) reasons.push(`expected one place with opening hours, got ${names.join(', ') || 'none'}`);
    else {
      // The time itself, not the end of a range in the week's hours ("10:00-14:00").
      const next = hours.getNextChange(NOW);
      if (next && !new RegExp(`(?<![-–])${clock(next)}(?![-–])`).test(data.textResponse)) {
        reasons.push(`the text does not say ${hours.getState(NOW) ? 'it closes' : 'it opens'} at ${clock(next)}`);
      }
    }
  }
  if (wanted.winner && pois.length === 2) {
    const value = (place: CataloguePlace | undefined) => Number(place?.tags[wanted.winner === 'rating' ? 'rating' : 'price_level'] ?? NaN);
    const [a, b] = [value(places[0]), value(places[1])];
    const winner = a === b || Number.isNaN(a) || Number.isNaN(b) ? null : (wanted.winner === 'rating' ? a > b : a < b) ? 0 : 1;
    const bold = /\*\*(.+?)\*\*/.exec(data.textResponse)?.[1];
    if (winner !== null && !(bold && (pois[winner]!.name === bold || places[winner]?.names.includes(bold)))) {
      reasons.push(
        `the text puts ${bold ?? 'nothing'} first, not ${pois[winner]!.name} (${wanted.winner} ${winner === 0 ? a : b} against ${winner === 0 ? b : a})`,
      );
    }
  }
  if (wanted.beachFirst) {
    const beaches = context.catalogue.places.filter((p) => p.kinds.has('Beaches'));
    const distances = places.map((place) => Math.min(...beaches.filter((b) => b !== place).map((b) => (place ? meters(place, b) : Infinity))));
    const wrong = notNearestFirst(names, distances);
    if (wrong) reasons.push(`not closest to the beach first: ${wrong}`);
  }
  if (wanted.nearestFirst) {
    if (!context.position) reasons.push('nearestFirst needs the turn to carry a position');
    else {
      const from = context.position;
      const distances = pois.map((p) => meters(from, p));
      const wrong = notNearestFirst(names, distances);
      if (wrong) reasons.push(`not nearest first: ${wrong}`);
    }
  }
  if (wanted.taggedFirst) {
    const attribute = wanted.taggedFirst;
    const first = pois.findIndex((p) => p[attribute] !== true);
    const late = first === -1 ? undefined : pois.slice(first).find((p) => p[attribute] === true);
    if (late) reasons.push(`${late.name} (tagged ${attribute}) after ${pois[first]!.name} (not tagged)`);
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

/**
 * Places open at the asked time: each is open then by its opening_hours, or has none that say
 * (those come after the ones that do, and are refused when `strict`); with `shown`, the text
 * gives each open place's hours then.
 */
function checkOpenAt(wanted: When & { strict?: boolean }, pois: PoiView[], places: Array<CataloguePlace | undefined>, text: string, shown: boolean): string[] {
  const reasons: string[] = [];
  const span = timeSpan(wanted);
  let unknownBefore: string | null = null;
  pois.forEach((poi, i) => {
    const intervals = openDuring(places[i], span);
    if (intervals === null) {
      if (wanted.strict) reasons.push(`${poi.name} has no opening hours that say it is open then`);
      unknownBefore ??= poi.name;
    } else if (intervals.length === 0) reasons.push(`${poi.name} is closed then (${places[i]?.tags['opening_hours']})`);
    else {
      if (unknownBefore !== null) reasons.push(`${poi.name} (open then) after ${unknownBefore} (hours unknown)`);
      // Open round the clock ("24/7") has no hours to give; the turn says how it may be worded.
      const allDay = intervals[0]![0].getTime() <= span.from.getTime() - DAY && intervals[0]![1].getTime() >= span.to.getTime() + DAY;
      if (shown && !allDay && !intervalPattern(intervals[0]!).test(text))
        reasons.push(`the text does not give ${poi.name}'s hours then (${clock(intervals[0]![0])}–${clock(intervals[0]![1])})`);
    }
  });
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
  return [...EVAL_CONVERSATIONS, ...FRENCH_CONVERSATIONS, ...ANSWER_CONVERSATIONS];
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
      const position = turn.latitude !== undefined && turn.longitude !== undefined ? { latitude: turn.latitude, longitude: turn.longitude } : null;
      const request = { query: turn.q, sessionId, ...(turn.language ? { language: turn.language as Language } : {}), ...position };
      const { data } = await chat.handle(request, null);
      sessionId = data.sessionId;
      const places = data.pois.map((poi) => placeOf(catalogue, poi));
      const reasons = check(turn.expect, speaks, data, places, list, { catalogue, position });
      const returned = places.filter((p): p is CataloguePlace => p !== undefined);
      const dropped = turn.expect.without === undefined ? undefined : at(list, turn.expect.without);
      const droppedPlace = dropped && placeOf(catalogue, dropped);
      const invented = inventedPlaces(catalogue, data.textResponse, returned, turn.q, droppedPlace ? [droppedPlace] : []);
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
