import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import MiniSearch from 'minisearch';
import { DataSource } from 'typeorm';
import type { Language, OpeningChange, PoiCategory, PoiView } from '@holibot/contracts';
import { Poi } from '@holibot/database';
import { normalizeText, words } from '../common/text.js';
import { AppConfig } from '../config/app-config.js';
import { type TimerHandle, Timers } from '../common/effects/index.js';
import { describedAttributes } from './attribute-evidence.js';
import type { StoredAttribute } from './poi-attributes.js';
import { type ParsedOpeningHours, nextChangeAt, openAt, parseOpeningHours, wallClock } from './opening-hours.js';
import { PoiImportService } from './poi-import.service.js';
import { subcategoryLabel } from './subcategory-labels.js';
import { BUILT_IN_TAXONOMY, Taxonomy } from './taxonomy.js';

/** A catalogue POI with what answering needs precomputed once per load, not per question. */
export interface CatalogueEntry {
  poi: Poi;
  /** The primary category (display). */
  category: PoiCategory;
  /** Every subcategory and category the place's tags give, the primary ones included: searches match any. */
  subcategories: ReadonlySet<string>;
  categories: ReadonlySet<string>;
  hours: ParsedOpeningHours | null;
  /** Bayesian average of the rating: many good reviews beat one perfect one. 0–5. */
  quality: number;
  /** The town the POI is in: its address's city, else the nearest town of the catalogue. */
  cityKey: string | null;
  /** Attributes its description states (weaker than a tag), with the words that state them. */
  described: ReadonlyMap<StoredAttribute, string>;
}

/** What the catalogue contributes to reading a question. */
export interface CatalogueVocabulary {
  /** Normalized town name ("calpe", "altea la vella") → town key. */
  cities: ReadonlyMap<string, string>;
  /** Normalized full POI name → POI ids. */
  names: ReadonlyMap<string, number[]>;
  /**
   * Every word the catalogue itself uses (names, descriptions, cuisines, kinds): a word a place
   * uses is not a typo, so it is never "corrected" into a lexicon word ("Kitchen" is not
   * "Kirchen", "green" is not "greek").
   */
  knownWords: ReadonlySet<string>;
}

interface IndexedDocument {
  id: number;
  names: string;
  descriptions: string;
  cuisine: string;
  kind: string;
}

const PRIOR_REVIEWS = 20;
const PRIOR_RATING = 3.5;

/**
 * The active catalogue, held in memory and indexed with MiniSearch. Loaded at start and
 * reloaded when the Poi table changes (an import from the CLI, another instance): the chat
 * path never reads POIs from the database.
 */
@Injectable()
export class PoiCatalogue implements OnApplicationShutdown {
  private readonly logger = new Logger(PoiCatalogue.name);
  private entries: CatalogueEntry[] = [];
  private byId = new Map<number, CatalogueEntry>();
  private index = PoiCatalogue.emptyIndex();
  private cityNames = new Map<string, string>();
  private words: CatalogueVocabulary = { cities: new Map(), names: new Map(), knownWords: new Set() };
  private version = '';
  private reloads: TimerHandle | null = null;
  /** openNow and nextChange answers of the current wall-clock minute, by entry (a reload makes new entries). */
  private openCache = PoiCatalogue.emptyOpenCache(NaN);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly importer: PoiImportService,
    private readonly timers: Timers,
    private readonly taxonomy: Taxonomy = BUILT_IN_TAXONOMY,
  ) {}

  /** Server start: load the sample (or configured) catalogue into an empty database, then watch. */
  async start(): Promise<void> {
    if (this.config.poiAutoloadFile && (await this.importer.countActive()) === 0) {
      try {
        const report = await this.importer.importFile(this.config.poiAutoloadFile);
        this.logger.log(`Catalogue was empty: loaded ${report.created} POIs from ${this.config.poiAutoloadFile}`);
      } catch (error) {
        this.logger.warn(`Could not load ${this.config.poiAutoloadFile}: ${(error as Error).message}`);
      }
    }
    await this.reload();
    if (this.config.poiReloadIntervalMs > 0) {
      this.reloads = this.timers.every(this.config.poiReloadIntervalMs, () => void this.reloadIfChanged());
    }
  }

  onApplicationShutdown(): void {
    this.reloads?.cancel();
  }

  all(): readonly CatalogueEntry[] {
    return this.entries;
  }

  get(id: number): CatalogueEntry | undefined {
    return this.byId.get(id);
  }

  /** Town and place names, for reading questions. */
  vocabulary(): CatalogueVocabulary {
    return this.words;
  }

  /** How a town is written in the catalogue. */
  cityName(key: string): string {
    return this.cityNames.get(key) ?? key;
  }

  /**
   * Text relevance of POIs for some words: id → score. Every word must match, as written or as
   * the start of a word; only when nothing does, a typo of a place's name counts. Typos are not
   * looked for in descriptions, where four languages give every word a near neighbour
   * ("casino" would find a "camino").
   */
  textScores(terms: string[]): Map<number, number> {
    const scores = new Map<number, number>();
    if (terms.length === 0) return scores;
    const query = terms.join(' ');
    let results = this.index.search(query, { combineWith: 'AND', fuzzy: false });
    if (results.length === 0) results = this.index.search(query, { combineWith: 'AND', fields: ['names'] });
    for (const result of results) scores.set(result.id as number, result.score);
    return scores;
  }

  /** Text relevance for any of the terms (each searched alone, every word of it; best score kept): "snorkel OR sea view". */
  textScoresAny(terms: string[]): Map<number, number> {
    const scores = new Map<number, number>();
    for (const term of terms) {
      for (const result of this.index.search(term, { fuzzy: false, combineWith: 'AND' }))
        scores.set(result.id as number, Math.max(scores.get(result.id as number) ?? 0, result.score));
    }
    return scores;
  }

  async reloadIfChanged(): Promise<void> {
    try {
      if ((await this.currentVersion()) !== this.version) await this.reload();
    } catch (error) {
      this.logger.warn(`Catalogue check failed: ${(error as Error).message}`);
    }
  }

  async reload(): Promise<void> {
    const version = await this.currentVersion();
    const pois = await this.dataSource.getRepository(Poi).find({ where: { active: true }, order: { id: 'ASC' } });
    const entries = pois.map((poi) => this.entry(poi));
    const towns = assignTowns(entries, this.config.destinationAliases);
    const index = PoiCatalogue.emptyIndex();
    const documents = entries.map(({ poi }) => toDocument(poi));
    index.addAll(documents);
    const knownWords = new Set(documents.flatMap((d) => words(`${d.names} ${d.descriptions} ${d.cuisine} ${d.kind}`)));
    this.entries = entries;
    this.byId = new Map(entries.map((entry) => [entry.poi.id, entry]));
    this.index = index;
    this.cityNames = towns.names;
    // DESTINATION_ALIASES: other names of the catalogue's towns ("Jávea" for Xàbia) read as those towns.
    for (const [alias, town] of this.config.destinationAliases) {
      const key = towns.words.get(words(town).join(' '));
      if (key) towns.words.set(words(alias).join(' '), key);
      else this.logger.warn(`DESTINATION_ALIASES: no town "${town}" in the catalogue; "${alias}" is not read as one`);
    }
    this.words = { cities: towns.words, names: nameIndex(entries), knownWords };
    this.version = version;
    this.logger.log(`Catalogue loaded: ${entries.length} POIs`);
  }

  /** The POI as the API shows it, in the visitor's language where the catalogue has it. */
  view(entry: CatalogueEntry, language: Language, relevanceScore: number, openNow: boolean | null, nextChange: OpeningChange | null): PoiView {
    const { poi } = entry;
    return {
      id: poi.id,
      name: poi.nameI18n?.[language] ?? poi.name,
      category: entry.category,
      subcategory: poi.subcategory,
      subcategoryLabel: subcategoryLabel(poi.subcategory, language),
      description: poi.descriptionI18n?.[language] ?? poi.description,
      address: poi.address,
      city: poi.city,
      latitude: poi.latitude,
      longitude: poi.longitude,
      rating: poi.rating,
      reviewCount: poi.reviewCount,
      priceLevel: poi.priceLevel,
      openingHours: poi.openingHours,
      openNow,
      nextChange,
      outdoorSeating: poi.outdoorSeating,
      wheelchair: poi.wheelchair,
      vegetarian: poi.vegetarian,
      vegan: poi.vegan,
      dogs: poi.dogs,
      kids: poi.kids,
      cuisine: poi.cuisine ?? [],
      website: poi.website,
      phone: poi.phone,
      mapUrl: mapUrl(poi),
      relevanceScore: Math.round(relevanceScore * 1000) / 1000,
    };
  }

  /** The POI as the API shows it at that wall-clock time; unless a search scored it, ranked by its quality. */
  viewAt(entry: CatalogueEntry, language: Language, wallTime: Date, relevanceScore = entry.quality / 5): PoiView {
    return this.view(entry, language, relevanceScore, this.openNow(entry, wallTime), this.nextChange(entry, wallTime));
  }

  /** The destination's wall-clock time at `now`: compute once per request, then ask openNow. */
  wallTime(now: Date): Date {
    return wallClock(now, this.config.timeZone);
  }

  /**
   * Whether the place is open at that wall-clock time. Opening hours have minute resolution, so
   * each place is evaluated at most once per minute, however many visitors ask.
   */
  openNow(entry: CatalogueEntry, wallTime: Date): boolean | null {
    const cache = this.openCacheAt(wallTime);
    let open = cache.open.get(entry);
    if (open === undefined) {
      open = openAt(entry.hours, wallTime);
      cache.open.set(entry, open);
    }
    return open;
  }

  /**
   * When openNow next flips, looked ahead up to a week. Costlier than openNow: asked only for
   * the places an answer shows (views), at most once per place and minute.
   */
  nextChange(entry: CatalogueEntry, wallTime: Date): OpeningChange | null {
    const cache = this.openCacheAt(wallTime);
    let next = cache.next.get(entry);
    if (next === undefined) {
      next = nextChangeAt(entry.hours, wallTime);
      cache.next.set(entry, next);
    }
    return next;
  }

  private openCacheAt(wallTime: Date) {
    const minute = Math.floor(wallTime.getTime() / 60_000);
    if (minute !== this.openCache.minute) this.openCache = PoiCatalogue.emptyOpenCache(minute);
    return this.openCache;
  }

  private static emptyOpenCache(minute: number) {
    return { minute, open: new Map<CatalogueEntry, boolean | null>(), next: new Map<CatalogueEntry, OpeningChange | null>() };
  }

  private entry(poi: Poi): CatalogueEntry {
    let hours: ParsedOpeningHours | null = null;
    if (poi.openingHours) {
      try {
        hours = parseOpeningHours(poi.openingHours, { ...poi, countryCode: this.config.countryCode });
      } catch {
        hours = null; // checked at import; a value written by other means is treated as unknown
      }
    }
    const reviews = poi.reviewCount ?? 0;
    const quality = poi.rating === null ? PRIOR_RATING - 0.5 : (poi.rating * reviews + PRIOR_RATING * PRIOR_REVIEWS) / (reviews + PRIOR_REVIEWS);
    const facets = this.taxonomy.facets(poi.tags ?? {});
    return {
      poi,
      category: poi.category as PoiCategory,
      subcategories: new Set([poi.subcategory, ...facets.map((f) => f.label)]),
      categories: new Set([poi.category, ...facets.map((f) => f.category)]),
      hours,
      quality,
      cityKey: null,
      described: describedAttributes([poi.description, ...Object.values(poi.descriptionI18n ?? {})]),
    };
  }

  private async currentVersion(): Promise<string> {
    const row = await this.dataSource
      .getRepository(Poi)
      .createQueryBuilder('poi')
      .select('COUNT(*)', 'count')
      .addSelect('MAX(poi.updated_at)', 'latest')
      .getRawOne<{ count: string | number; latest: string | Date | null }>();
    return `${row?.count ?? 0}|${row?.latest instanceof Date ? row.latest.toISOString() : (row?.latest ?? '')}`;
  }

  private static emptyIndex(): MiniSearch<IndexedDocument> {
    return new MiniSearch<IndexedDocument>({
      fields: ['names', 'descriptions', 'cuisine', 'kind'],
      processTerm: (term) => {
        const normalized = normalizeText(term);
        return normalized.length > 1 ? normalized : null;
      },
      searchOptions: {
        boost: { names: 3, cuisine: 2, kind: 2 },
        fuzzy: (term) => (term.length >= 8 ? 2 : term.length >= 5 ? 1 : 0),
        prefix: (term) => term.length >= 4,
      },
    });
  }
}

function toDocument(poi: Poi): IndexedDocument {
  return {
    id: poi.id,
    names: [poi.name, ...Object.values(poi.nameI18n ?? {})].join(' '),
    descriptions: [poi.description ?? '', ...Object.values(poi.descriptionI18n ?? {})].join(' '),
    cuisine: (poi.cuisine ?? []).join(' ').replace(/_/g, ' '),
    kind: [
      poi.subcategory,
      ...Object.entries(poi.tags)
        .filter(([key]) => ['amenity', 'shop', 'tourism', 'leisure', 'natural', 'historic', 'sport', 'man_made', 'craft', 'route'].includes(key))
        .map(([, value]) => value.replace(/_/g, ' ')),
    ].join(' '),
  };
}

/** Normalized full POI names (each translation too) → POI ids. */
function nameIndex(entries: CatalogueEntry[]): Map<string, number[]> {
  const names = new Map<string, number[]>();
  for (const { poi } of entries) {
    for (const name of new Set([poi.name, ...Object.values(poi.nameI18n ?? {})])) {
      const tokens = words(name);
      const key = tokens.join(' ');
      if (!key) continue;
      const ids = names.get(key) ?? [];
      if (!ids.includes(poi.id)) ids.push(poi.id);
      names.set(key, ids);
    }
  }
  return names;
}

const NEAREST_TOWN_KM = 15;

/** "Xàbia/Jávea", "Calp - Calpe": a bilingual addr:city value names one town in two ways. */
const BILINGUAL = /\s*(?:\/|\s-\s)\s*/;

/**
 * Gives each entry a town key. The ways the catalogue writes one town are one town: spellings
 * that differ only by a final letter (Calp/Calpe), the halves of a bilingual value
 * ("Xàbia/Jávea"), spellings that share an `addr:postcode` (Xàbia and Jávea, both 03730), and
 * DESTINATION_ALIASES pairs. Its name is the most used spelling. A POI without addr:city belongs
 * to the nearest town's centre within 15 km.
 */
function assignTowns(entries: CatalogueEntry[], aliases: ReadonlyArray<readonly [string, string]>): { words: Map<string, string>; names: Map<string, string> } {
  const spellings = new Map<string, Map<string, number>>();
  const parent = new Map<string, string>();
  const find = (name: string): string => {
    let root = name;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(name, root);
    return root;
  };
  const union = (a: string, b: string) => {
    const [ra, rb] = [find(a), find(b)];
    if (ra === rb) return;
    // The shorter name is the key, as the final-letter rule always made it ("calp" for Calpe).
    if (ra.length <= rb.length) parent.set(rb, ra);
    else parent.set(ra, rb);
  };
  const count = (normalized: string, written: string) => {
    if (!parent.has(normalized)) parent.set(normalized, normalized);
    const counts = spellings.get(normalized) ?? new Map<string, number>();
    counts.set(written, (counts.get(written) ?? 0) + 1);
    spellings.set(normalized, counts);
  };
  const byPostcode = new Map<string, string>();
  for (const { poi } of entries) {
    if (!poi.city) continue;
    const whole = normalizeText(poi.city).trim();
    count(whole, poi.city);
    const halves = poi.city.split(BILINGUAL).filter(Boolean);
    for (const half of halves.length > 1 ? halves : []) {
      count(normalizeText(half).trim(), half.trim());
      union(whole, normalizeText(half).trim());
    }
    const postcode = poi.tags?.['addr:postcode']?.trim();
    if (postcode) {
      const other = byPostcode.get(postcode);
      if (other) union(other, whole);
      else byPostcode.set(postcode, whole);
    }
  }
  const sorted = [...spellings.keys()].sort((a, b) => a.length - b.length);
  for (const name of sorted) {
    const base = sorted.find((other) => other.length < name.length && name.length - other.length <= 1 && name.startsWith(other) && other.length >= 4);
    if (base) union(base, name);
  }
  for (const [alias, town] of aliases) {
    const [a, t] = [normalizeText(alias).trim(), normalizeText(town).trim()];
    if (parent.has(a) && parent.has(t)) union(t, a);
  }
  const keyOf = new Map([...spellings.keys()].map((name) => [name, find(name)]));
  // The name shown: the spelling most places use, a bilingual value only when nothing else is used.
  const names = new Map<string, string>();
  const totals = new Map<string, number>();
  for (const [normalized, counts] of spellings) {
    const key = keyOf.get(normalized)!;
    for (const [spelling, n] of counts) {
      const weight = BILINGUAL.test(spelling) ? n / 1000 : n;
      if (weight > (totals.get(key) ?? 0)) {
        totals.set(key, weight);
        names.set(key, spelling);
      }
    }
  }
  const centres = new Map<string, { lat: number; lon: number; n: number }>();
  for (const entry of entries) {
    if (!entry.poi.city) continue;
    entry.cityKey = keyOf.get(normalizeText(entry.poi.city).trim()) ?? null;
    if (!entry.cityKey) continue;
    const centre = centres.get(entry.cityKey) ?? { lat: 0, lon: 0, n: 0 };
    centre.lat += entry.poi.latitude;
    centre.lon += entry.poi.longitude;
    centre.n += 1;
    centres.set(entry.cityKey, centre);
  }
  for (const entry of entries) {
    if (entry.cityKey) continue;
    let best: [string, number] | null = null;
    for (const [key, centre] of centres) {
      const km = distanceKm(entry.poi.latitude, entry.poi.longitude, centre.lat / centre.n, centre.lon / centre.n);
      if (km <= NEAREST_TOWN_KM && (!best || km < best[1])) best = [key, km];
    }
    entry.cityKey = best?.[0] ?? null;
  }
  const townWords = new Map<string, string>();
  for (const [normalized, key] of keyOf) townWords.set(words(normalized).join(' '), key);
  return { words: townWords, names };
}

/** Distance between two points, in km (equirectangular: exact enough within a destination). */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const x = (lon2 - lon1) * rad * Math.cos(((lat1 + lat2) / 2) * rad);
  const y = (lat2 - lat1) * rad;
  return Math.sqrt(x * x + y * y) * 6371;
}

/** An OpenStreetMap link centred on the place (the coordinates are always there; ids may not be OSM's). */
function mapUrl(poi: Poi): string {
  const lat = poi.latitude.toFixed(6);
  const lon = poi.longitude.toFixed(6);
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=18/${lat}/${lon}`;
}
