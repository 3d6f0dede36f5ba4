import type { Poi, Translations } from '@holibot/database';
import { parseOpeningHours } from './opening-hours.js';
import { BUILT_IN_TAXONOMY, TAG_KEY_ORDER, type Taxonomy } from './taxonomy.js';

/** A catalogue record as read from one GeoJSON feature, before it meets the database. */
export type PoiRecord = Omit<Poi, 'id' | 'source' | 'active' | 'createdAt' | 'updatedAt'>;

export interface FeatureRejection {
  index: number;
  id: string | null;
  reason: string;
  /** Not a kind of place HoliBot lists (any more): no category tag, or one it does not map. */
  unlisted?: true;
}

export interface FeatureWarning {
  index: number;
  id: string;
  message: string;
}

export interface ParsedCollection {
  records: PoiRecord[];
  rejected: FeatureRejection[];
  warnings: FeatureWarning[];
  total: number;
}

export class InvalidCollectionError extends Error {}

const TRANSLATABLE_LANGUAGES = /^[a-z]{2}$/;

/**
 * Reads a GeoJSON FeatureCollection of Point features whose properties are OpenStreetMap
 * tags (plus `rating`, `review_count`, `price_level`). Bad features are rejected one by one
 * with their index and reason; the rest are mapped onto the HoliBot taxonomy.
 */
export function parseFeatureCollection(
  input: unknown,
  countryCode = 'es',
  onProgress?: (checked: number, total: number) => void,
  taxonomy: Taxonomy = BUILT_IN_TAXONOMY,
  checker = new FeatureChecker(countryCode, taxonomy),
): ParsedCollection {
  if (!isObject(input) || input['type'] !== 'FeatureCollection' || !Array.isArray(input['features'])) {
    throw new InvalidCollectionError(NOT_A_COLLECTION);
  }
  const features = input['features'] as unknown[];
  const records: PoiRecord[] = [];
  for (const feature of features) {
    const record = checker.check(feature);
    if (record) records.push(record);
    if (checker.total % PROGRESS_EVERY === 0 || checker.total === features.length) onProgress?.(checker.total, features.length);
  }
  return { records, rejected: checker.rejected, warnings: checker.warnings, total: checker.total };
}

export const NOT_A_COLLECTION = 'not a GeoJSON FeatureCollection (expected {"type": "FeatureCollection", "features": [...]})';

/**
 * Checks features one at a time, in file order, as they come off a stream: each is mapped to a
 * record or rejected (index and reason), a repeated id is rejected after its first feature, and
 * warnings are collected. What it keeps per feature is its id (for duplicates and `--replace`),
 * so a file of any length is checked in flat memory.
 */
export class FeatureChecker {
  readonly rejected: FeatureRejection[] = [];
  readonly warnings: FeatureWarning[] = [];
  /** Features checked so far (the next one's index). */
  total = 0;
  private readonly seen = new Set<string>();
  private readonly rejectedIndexes = new Set<number>();
  /**
   * opening_hours values already checked, with the warning each gave (null: understood). Parsing
   * one costs ~0.3 ms and catalogues repeat a few hundred values; its outcome depends on the text
   * and the country only (the library reads coordinates given as strings, never as numbers).
   */
  private readonly hoursChecked = new Map<string, string | null>();

  constructor(
    private readonly countryCode = 'es',
    private readonly taxonomy: Taxonomy = BUILT_IN_TAXONOMY,
  ) {}

  /** Features accepted so far. */
  get accepted(): number {
    return this.seen.size;
  }

  /** The next feature's record, or null when it is rejected (then it is in `rejected`). */
  check(feature: unknown): PoiRecord | null {
    const index = this.total++;
    const result = parseFeature(feature, index, this.warnings, this.countryCode, this.taxonomy, this.hoursChecked);
    if ('reason' in result) {
      this.reject(result);
      return null;
    }
    if (this.seen.has(result.externalId)) {
      this.reject({ index, id: result.externalId, reason: 'duplicate feature id (an earlier feature has it)' });
      return null;
    }
    this.seen.add(detached(result.externalId));
    return result;
  }

  /**
   * A second reading of the same features (the store pass of a streamed file): the record of
   * feature `index` when `check` accepted it, null when it rejected it. A feature that maps
   * differently this time means the file changed in between: that throws.
   */
  recheck(feature: unknown, index: number): PoiRecord | null {
    if (this.rejectedIndexes.has(index)) return null;
    const result = parseFeature(feature, index, [], this.countryCode, this.taxonomy, this.hoursChecked);
    if ('reason' in result || !this.seen.has(result.externalId)) {
      throw new InvalidCollectionError(`feature #${index} is not what it was when the file was checked: the file changed during the import`);
    }
    return result;
  }

  /** The ids that `--replace` keeps: the accepted features' and those rejected for bad data (not the unlisted ones). */
  keptIds(): Set<string> {
    const keep = new Set(this.seen);
    for (const rejection of this.rejected) if (rejection.id && !rejection.unlisted) keep.add(rejection.id);
    return keep;
  }

  private reject(rejection: FeatureRejection): void {
    this.rejected.push({ ...rejection, id: rejection.id === null ? null : detached(rejection.id), reason: detached(rejection.reason) });
    this.rejectedIndexes.add(rejection.index);
  }
}

/**
 * A copy of `text` that refers to no other string. V8 cuts a substring as a view of its parent
 * (from 13 characters on) and joins strings as pairs of references: an id or a message kept for
 * the whole import, cut from the parser's text, would keep that block of the file alive with it —
 * measured: 100,000 OSM-like features held ~200 MB of text so.
 */
export function detached(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/** Distinct opening_hours values remembered per import; past it the memory starts again. */
const HOURS_CHECKED_MAX = 10_000;

function parseFeature(
  feature: unknown,
  index: number,
  warnings: FeatureWarning[],
  countryCode: string,
  taxonomy: Taxonomy,
  hoursChecked: Map<string, string | null>,
): PoiRecord | FeatureRejection {
  const reject = (reason: string, id: string | null = null): FeatureRejection => ({ index, id, reason });
  if (!isObject(feature) || feature['type'] !== 'Feature') return reject('not a GeoJSON Feature');
  const properties = feature['properties'];
  if (!isObject(properties)) return reject('feature has no properties object');
  const rawId = feature['id'] ?? properties['@id'] ?? properties['id'];
  const id = typeof rawId === 'number' || typeof rawId === 'string' ? String(rawId).trim() : '';
  if (!id) return reject('feature has no id (set "id", e.g. "node/123")');
  if (id.length > 100) return reject('feature id is longer than 100 characters', id.slice(0, 100));

  const geometry = feature['geometry'];
  if (!isObject(geometry) || geometry['type'] !== 'Point' || !Array.isArray(geometry['coordinates'])) {
    return reject('geometry is not a Point', id);
  }
  const [longitude, latitude] = geometry['coordinates'] as unknown[];
  if (typeof longitude !== 'number' || typeof latitude !== 'number' || !Number.isFinite(longitude) || !Number.isFinite(latitude)) {
    return reject('coordinates are not numbers [longitude, latitude]', id);
  }
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return reject('coordinates out of range', id);

  // OSM tags are strings; the non-OSM numbers are read separately.
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(properties)) {
    if (typeof value === 'string' && value.trim() !== '') tags[key] = value.trim();
    else if ((typeof value === 'number' || typeof value === 'boolean') && !['rating', 'review_count', 'price_level'].includes(key)) {
      tags[key] = String(value);
    }
  }
  const name = tags['name'];
  if (!name) return reject('feature has no name', id);
  if (name.length > 255) return reject('name is longer than 255 characters', id);

  const subcategory = taxonomy.classify(tags);
  if (!subcategory) {
    const primary = TAG_KEY_ORDER.filter((key) => tags[key]).map((key) => `${key}=${tags[key]}`);
    const reason = primary.length
      ? `no HoliBot category for ${primary.join(', ')}`
      : 'no category tag (amenity, tourism, natural, leisure, historic, shop, sport or man_made)';
    return { ...reject(reason, id), unlisted: true };
  }

  const rating = numberProperty(properties['rating']);
  if (rating !== null && (Number.isNaN(rating) || rating < 0 || rating > 5)) return reject('rating must be a number from 0 to 5', id);
  const reviewCount = numberProperty(properties['review_count']);
  if (reviewCount !== null && (!Number.isInteger(reviewCount) || reviewCount < 0)) return reject('review_count must be a whole number ≥ 0', id);
  const priceLevel = numberProperty(properties['price_level']);
  if (priceLevel !== null && (!Number.isInteger(priceLevel) || priceLevel < 1 || priceLevel > 4)) return reject('price_level must be 1, 2, 3 or 4', id);

  const warn = (message: string) => warnings.push({ index, id: detached(id), message: detached(message) });
  let openingHours: string | null = tags['opening_hours'] ?? null;
  if (openingHours !== null) {
    if (openingHours.length > 500) {
      warn('opening_hours longer than 500 characters, ignored');
      openingHours = null;
    } else {
      let problem = hoursChecked.get(openingHours);
      if (problem === undefined) {
        try {
          parseOpeningHours(openingHours, { latitude, longitude, countryCode });
          problem = null;
        } catch (error) {
          problem = `opening_hours not understood, ignored: ${String(error).split('\n')[0]}`;
        }
        if (hoursChecked.size >= HOURS_CHECKED_MAX) hoursChecked.clear();
        hoursChecked.set(detached(openingHours), problem === null ? null : detached(problem));
      }
      if (problem !== null) {
        warn(problem);
        openingHours = null;
      }
    }
  }
  let website: string | null = tags['website'] ?? tags['contact:website'] ?? tags['url'] ?? null;
  if (website !== null && (!/^https?:\/\/\S+$/i.test(website) || website.length > 500)) {
    warn('website is not an http(s) URL, ignored');
    website = null;
  }
  const phone = (tags['phone'] ?? tags['contact:phone'] ?? null)?.slice(0, 50) ?? null;

  // What the columns hold (MySQL refuses more, and one refused row would fail the whole import).
  const city = tags['addr:city'] ?? null;
  if (city !== null && city.length > 100) return reject('addr:city is longer than 100 characters', id);
  const description = tags['description'] ?? null;
  const nameI18n = translations(tags, 'name');
  const descriptionI18n = translations(tags, 'description');
  for (const [what, value] of [
    ['description', description],
    ['the name:xx translations', nameI18n],
    ['the description:xx translations', descriptionI18n],
    ['the tags', tags],
  ] as const) {
    if (value !== null && Buffer.byteLength(typeof value === 'string' ? value : JSON.stringify(value)) > TEXT_COLUMN_BYTES) {
      return reject(`too large for its column (over ${TEXT_COLUMN_BYTES.toLocaleString('en')} bytes): ${what}`, id);
    }
  }

  return {
    externalId: id,
    name,
    nameI18n,
    description,
    descriptionI18n,
    category: subcategory.category,
    subcategory: subcategory.label,
    address: address(tags),
    city,
    latitude,
    longitude,
    rating,
    reviewCount,
    priceLevel,
    openingHours,
    outdoorSeating: flag(tags['outdoor_seating']),
    wheelchair: tags['wheelchair'] === 'limited' ? false : flag(tags['wheelchair']),
    vegetarian: flag(tags['diet:vegetarian']) ?? (flag(tags['diet:vegan']) === true ? true : null),
    vegan: flag(tags['diet:vegan']),
    dogs: flag(tags['dog']),
    kids: flag(tags['kids_area'] ?? tags['kids']) ?? (subcategory.label === 'Playgrounds' || subcategory.label === 'Water parks' ? true : null),
    free: tags['fee'] === undefined ? null : tags['fee'] === 'no' ? true : tags['fee'] === 'yes' ? false : null,
    cuisine: tags['cuisine']
      ? tags['cuisine']
          .split(';')
          .map((c) => c.trim().toLowerCase())
          .filter(Boolean)
      : null,
    website,
    phone,
    tags,
  };
}

/** Features between two progress reports. */
export const PROGRESS_EVERY = 1000;

/** A MySQL TEXT column's size (description, translations, tags). */
const TEXT_COLUMN_BYTES = 65_535;

/** OSM yes/no style values: yes, only, designated, leashed, … are true; no is false. */
function flag(value: string | undefined): boolean | null {
  if (value === undefined) return null;
  const normalized = value.toLowerCase();
  if (normalized === 'no' || normalized === 'none' || normalized === 'false') return false;
  if (normalized === 'unknown') return null;
  return true;
}

function translations(tags: Record<string, string>, key: string): Translations | null {
  const result: Translations = {};
  for (const [tag, value] of Object.entries(tags)) {
    const language = tag.startsWith(`${key}:`) ? tag.slice(key.length + 1) : null;
    if (language && TRANSLATABLE_LANGUAGES.test(language)) result[language] = value;
  }
  return Object.keys(result).length ? result : null;
}

function address(tags: Record<string, string>): string | null {
  if (tags['addr:full']) return tags['addr:full'].slice(0, 255);
  const street = [tags['addr:street'], tags['addr:housenumber']].filter(Boolean).join(' ');
  const place = [tags['addr:postcode'], tags['addr:city']].filter(Boolean).join(' ');
  const full = [street, place].filter(Boolean).join(', ');
  return full ? full.slice(0, 255) : null;
}

function numberProperty(value: unknown): number | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return Number.NaN;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
