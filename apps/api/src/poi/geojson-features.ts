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
): ParsedCollection {
  if (!isObject(input) || input['type'] !== 'FeatureCollection' || !Array.isArray(input['features'])) {
    throw new InvalidCollectionError('not a GeoJSON FeatureCollection (expected {"type": "FeatureCollection", "features": [...]})');
  }
  const features = input['features'] as unknown[];
  const records: PoiRecord[] = [];
  const rejected: FeatureRejection[] = [];
  const warnings: FeatureWarning[] = [];
  const seen = new Set<string>();
  features.forEach((feature, index) => {
    const result = parseFeature(feature, index, warnings, countryCode, taxonomy);
    if ('reason' in result) {
      rejected.push(result);
    } else if (seen.has(result.externalId)) {
      rejected.push({ index, id: result.externalId, reason: 'duplicate feature id (an earlier feature has it)' });
    } else {
      seen.add(result.externalId);
      records.push(result);
    }
    if ((index + 1) % PROGRESS_EVERY === 0 || index + 1 === features.length) onProgress?.(index + 1, features.length);
  });
  return { records, rejected, warnings, total: features.length };
}

function parseFeature(feature: unknown, index: number, warnings: FeatureWarning[], countryCode: string, taxonomy: Taxonomy): PoiRecord | FeatureRejection {
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

  const warn = (message: string) => warnings.push({ index, id, message });
  let openingHours: string | null = tags['opening_hours'] ?? null;
  if (openingHours !== null) {
    if (openingHours.length > 500) {
      warn('opening_hours longer than 500 characters, ignored');
      openingHours = null;
    } else {
      try {
        parseOpeningHours(openingHours, { latitude, longitude, countryCode });
      } catch (error) {
        warn(`opening_hours not understood, ignored: ${String(error).split('\n')[0]}`);
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
const PROGRESS_EVERY = 1000;

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
