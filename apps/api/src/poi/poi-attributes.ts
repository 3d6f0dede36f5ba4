import type { Poi } from '@holibot/database';

/** The attributes a place's stored data gives (the engine adds `openNow`, which depends on the time). */
export const STORED_ATTRIBUTES = [
  'outdoorSeating',
  'wheelchair',
  'vegetarian',
  'vegan',
  'dogs',
  'kids',
  'free',
  'cheap',
  'expensive',
  'wifi',
  'airConditioning',
  'reservation',
  'delivery',
  'takeaway',
] as const;

export type StoredAttribute = (typeof STORED_ATTRIBUTES)[number];

/** The stored data an attribute is read from: columns set at import, and the OSM tags. */
export type AttributeColumns = Pick<Poi, 'outdoorSeating' | 'wheelchair' | 'vegetarian' | 'vegan' | 'dogs' | 'kids' | 'free' | 'priceLevel' | 'tags'>;

/** An OSM tag's yes/no, null when absent or neither ("limited", "customers" … are their own answers). */
function tag(poi: AttributeColumns, key: string, yes: readonly string[] = ['yes'], no: readonly string[] = ['no']): boolean | null {
  const value = poi.tags?.[key];
  if (value === undefined) return null;
  return yes.includes(value) ? true : no.includes(value) ? false : null;
}

/** Signs that a place suits families besides `kids_area`: a changing table, a high chair, a playground. */
const FAMILY_TAGS = ['changing_table', 'highchair', 'playground'];

/**
 * What the stored data says of an attribute: true, false, or null when it says nothing. The one
 * reading for the answers and for the reports' counts.
 */
export function poiAttribute(poi: AttributeColumns, attribute: StoredAttribute): boolean | null {
  switch (attribute) {
    case 'outdoorSeating':
    case 'wheelchair':
    case 'vegetarian':
    case 'vegan':
    case 'dogs':
    case 'free':
      return poi[attribute];
    case 'kids':
      return poi.kids ?? (FAMILY_TAGS.some((key) => tag(poi, key) === true) ? true : null);
    case 'cheap':
      return poi.priceLevel === null ? null : poi.priceLevel <= 2;
    case 'expensive':
      return poi.priceLevel === null ? null : poi.priceLevel >= 3;
    case 'wifi':
      return tag(poi, 'internet_access', ['yes', 'wlan', 'wifi', 'free', 'customers'], ['no']);
    case 'airConditioning':
      return tag(poi, 'air_conditioning');
    case 'reservation':
      return tag(poi, 'reservation', ['yes', 'recommended', 'required'], ['no']);
    case 'delivery':
      return tag(poi, 'delivery', ['yes', 'only'], ['no']);
    case 'takeaway':
      return tag(poi, 'takeaway', ['yes', 'only'], ['no']);
  }
}

/** Whether a place has the attribute. Only a known yes counts: a place with unknown data never passes an asked attribute. */
export function poiHasAttribute(poi: AttributeColumns, attribute: StoredAttribute): boolean {
  return poiAttribute(poi, attribute) === true;
}
