import type { Poi } from '@holibot/database';

/** The attributes a place's stored data gives (the engine adds `openNow`, which depends on the time). */
export const STORED_ATTRIBUTES = ['outdoorSeating', 'wheelchair', 'vegetarian', 'vegan', 'dogs', 'kids', 'free', 'cheap', 'expensive'] as const;

export type StoredAttribute = (typeof STORED_ATTRIBUTES)[number];

/** The stored columns an attribute is read from. */
export type AttributeColumns = Pick<Poi, 'outdoorSeating' | 'wheelchair' | 'vegetarian' | 'vegan' | 'dogs' | 'kids' | 'free' | 'priceLevel'>;

/**
 * Whether a place has the attribute. Only a known yes counts: a place with unknown data never
 * passes an asked attribute. The one rule for the answers and for the reports' counts.
 */
export function poiHasAttribute(poi: AttributeColumns, attribute: StoredAttribute): boolean {
  switch (attribute) {
    case 'outdoorSeating':
      return poi.outdoorSeating === true;
    case 'wheelchair':
      return poi.wheelchair === true;
    case 'vegetarian':
      return poi.vegetarian === true;
    case 'vegan':
      return poi.vegan === true;
    case 'dogs':
      return poi.dogs === true;
    case 'kids':
      return poi.kids === true;
    case 'free':
      return poi.free === true;
    case 'cheap':
      return poi.priceLevel !== null && poi.priceLevel <= 2;
    case 'expensive':
      return poi.priceLevel !== null && poi.priceLevel >= 3;
  }
}
