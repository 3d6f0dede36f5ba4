import { POI_SUBCATEGORIES, type PoiCategory } from '@holibot/contracts';
import { type CatalogueEntry, poiAttribute, poiHasAttribute } from '../../poi/index.js';
import type { Attribute, Topic } from './lexicon.js';

// Which places answer a question: the built-in engine's filters, run over the whole catalogue.

export interface Ranked {
  entry: CatalogueEntry;
  score: number;
  /** Why the place fits, when its card cannot show it ("its description says “terraza”"): only for the places shown. */
  reason?: string;
  /** The words of its description that state an asked attribute its tags do not. */
  described?: string;
  /** Metres from the visitor, or from the nearest beach when `fromBeach`. */
  meters?: number;
  fromBeach?: boolean;
  /** Sorted before score: 0 for tagged places, 1 when only a description says an asked attribute, 2 for unknown hours at the asked time. */
  tier?: number;
}

const CATEGORY_OF = new Map<string, PoiCategory>(POI_SUBCATEGORIES.map((s) => [s.label, s.category]));

function categoriesOf(topic: Topic): Set<string> {
  return new Set([...(topic.categories ?? []), ...(topic.subcategories ?? []).map((label) => CATEGORY_OF.get(label) ?? label)]);
}

/**
 * The kind of place a question asks for. "Restaurants near the beach", "hotels by the sea":
 * the other place words describe the head, they do not add beaches to the answer. Ambient
 * words (sea, view) count only when nothing else names a place. Of two kinds of place, the
 * first is the head ("restaurants with sea view"), unless they stand side by side, where
 * the second is ("beach bars").
 */
export function headTopics(topics: Array<Topic & { position: number }>): Topic[] {
  const cuisines = topics.filter((t) => !t.subcategories && !t.categories);
  // "Romantic restaurants", "beaches with a sea view": a quality the places' text must mention
  // narrows another kind of place, as a cuisine does, rather than adding its own kinds.
  const hasKind = topics.some((t) => (t.subcategories || t.categories) && !t.mentions);
  const qualities = hasKind
    ? topics.filter((t) => t.mentions && (t.subcategories || t.categories)).map((t) => ({ mentions: t.mentions!, position: t.position }))
    : [];
  const named = topics.filter((t) => (t.subcategories || t.categories) && !(hasKind && t.mentions));
  const precise = named.filter((t) => !t.generic);
  const places = precise.length > 0 ? precise : named;
  const strong = places.filter((t) => !t.weak);
  const candidates = (strong.length > 0 ? strong : places).sort((a, b) => a.position - b.position);
  cuisines.push(...qualities);
  if (candidates.length === 0) return cuisines;
  const first = candidates[0]!;
  const other = candidates.find((t) => ![...categoriesOf(t)].some((c) => categoriesOf(first).has(c)));
  const head = other && other.position === first.position + 1 ? other : first;
  const headCategories = categoriesOf(head);
  return [...candidates.filter((t) => [...categoriesOf(t)].some((c) => headCategories.has(c))), ...cuisines];
}

/**
 * Which places answer the topics: place topics (restaurants, beaches, breakfast) OR together;
 * cuisine-only topics must also match.
 */
export function topicFilter(topics: Topic[], mentioned: ReadonlyMap<Topic, ReadonlySet<number>> = new Map()): (entry: CatalogueEntry) => boolean {
  const placeTopics = topics.filter((t) => t.subcategories || t.categories);
  const cuisineTopics = topics.filter((t) => !t.subcategories && !t.categories);
  return (entry) => matchesAny(entry, placeTopics, mentioned) && matchesAny(entry, cuisineTopics, mentioned);
}

/** True when there are no topics. Plain loops: this runs for every place on every question. */
function matchesAny(entry: CatalogueEntry, topics: Topic[], mentioned: ReadonlyMap<Topic, ReadonlySet<number>>): boolean {
  if (topics.length === 0) return true;
  const { cuisine } = entry.poi;
  for (const topic of topics) {
    if (topic.mentions && mentioned.get(topic)?.has(entry.poi.id)) return true;
    // Any facet of the place: a dive centre tagged shop=sports + sport=scuba_diving answers "diving".
    if (topic.subcategories?.some((s) => entry.subcategories.has(s)) || topic.categories?.some((c) => entry.categories.has(c))) return true;
    if (topic.cuisines && cuisine) for (const c of topic.cuisines) if (cuisine.includes(c)) return true;
  }
  return false;
}

export function hasAttributes(entry: CatalogueEntry, attributes: Attribute[], openNow: (entry: CatalogueEntry) => boolean | null): boolean {
  for (const attribute of attributes) if (!hasAttribute(entry, attribute, openNow)) return false;
  return true;
}

/** Only a known yes counts: a place with unknown data never passes an asked attribute. */
export function hasAttribute(entry: CatalogueEntry, attribute: Attribute, openNow: (entry: CatalogueEntry) => boolean | null): boolean {
  return attribute === 'openNow' ? openNow(entry) === true : poiHasAttribute(entry.poi, attribute);
}

/**
 * The place lacks a tag for some asked attributes: the words of its description that state
 * them all (the first quoted), or undefined when one is neither tagged nor described. A tag that
 * says no is never overruled by a description.
 */
export function describedFor(entry: CatalogueEntry, attributes: Attribute[], openNow: (entry: CatalogueEntry) => boolean | null): string | undefined {
  let quote: string | undefined;
  for (const attribute of attributes) {
    if (hasAttribute(entry, attribute, openNow)) continue;
    if (attribute === 'openNow' || attribute === 'cheap' || attribute === 'expensive' || poiAttribute(entry.poi, attribute) === false) return undefined;
    const described = entry.described.get(attribute);
    if (described === undefined) return undefined;
    quote ??= described;
  }
  return quote;
}
