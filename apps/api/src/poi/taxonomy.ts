import { POI_SUBCATEGORIES, type PoiCategory, type PoiSubcategory } from '@holibot/contracts';

/**
 * The seed system's taxonomy, and how OpenStreetMap tags map onto it. Subcategories are stored
 * by their English label. A feature has every subcategory its tags give — each key, each
 * `;`-separated value (a dive centre tagged `shop=sports` + `sport=scuba_diving` is a shop and a
 * dive centre) — and one primary subcategory for display: the first found in TAG_KEY_ORDER,
 * unless that tag is a generic one (GENERIC_TAGS) and a more specific one follows.
 * A destination adds tags without code: POI_TAXONOMY_FILE (checked by the configuration).
 */
export interface Subcategory {
  category: PoiCategory;
  label: string;
  tags: Array<[key: string, value: string]>;
}

/** `route` first: a route's other tags describe the route (a hiking trail through a nature reserve). */
export const TAG_KEY_ORDER = ['route', 'amenity', 'shop', 'tourism', 'historic', 'natural', 'sport', 'leisure', 'man_made', 'craft'] as const;

/** Tags that say little about what a place offers: a more specific tag of the same feature is its primary. */
const GENERIC_TAGS = new Set([
  'shop=sports',
  'shop=yes',
  'shop=variety_store',
  'tourism=attraction',
  'historic=yes',
  'leisure=pitch',
  'leisure=sports_centre',
  'amenity=community_centre',
]);

/** OSM tags of each subcategory (see POI_SUBCATEGORIES in the contracts for their categories). */
// One subcategory a line, kept as written.
// prettier-ignore
const TAGS: Record<PoiSubcategory, Array<[key: string, value: string]>> = {
  // Food & Drinks
  Restaurants: [['amenity', 'restaurant'], ['amenity', 'food_court']],
  'Cafés': [['amenity', 'cafe'], ['shop', 'coffee'], ['shop', 'tea'], ['amenity', 'internet_cafe']],
  Bars: [['amenity', 'bar'], ['amenity', 'pub'], ['amenity', 'biergarten']],
  'Fast food': [['amenity', 'fast_food']],
  'Ice cream': [['amenity', 'ice_cream'], ['shop', 'ice_cream']],
  Bakeries: [['shop', 'bakery'], ['shop', 'pastry'], ['shop', 'confectionery']],
  // Beaches & Nature
  Beaches: [['natural', 'beach'], ['leisure', 'beach_resort'], ['leisure', 'bathing_place'], ['leisure', 'swimming_area']],
  Viewpoints: [['tourism', 'viewpoint']],
  'Nature reserves': [['leisure', 'nature_reserve'], ['natural', 'wetland'], ['natural', 'wood'], ['natural', 'spring'], ['boundary', 'protected_area']],
  Parks: [['leisure', 'park'], ['leisure', 'garden'], ['tourism', 'picnic_site']],
  Mountains: [['natural', 'peak'], ['natural', 'cliff'], ['natural', 'cave_entrance'], ['natural', 'bay'], ['natural', 'cape']],
  // Culture & History
  Museums: [['tourism', 'museum']],
  'Historic sites': [['historic', 'archaeological_site'], ['historic', 'castle'], ['historic', 'ruins'], ['historic', 'tower'], ['historic', 'city_gate'], ['historic', 'citywalls'], ['historic', 'city_walls'], ['historic', 'fort'], ['historic', 'building'], ['historic', 'manor'], ['historic', 'palace'], ['historic', 'aqueduct'], ['historic', 'bridge'], ['historic', 'mine'], ['historic', 'wreck'], ['historic', 'mill'], ['man_made', 'windmill'], ['historic', 'yes'], ['man_made', 'watchtower'], ['man_made', 'lighthouse']],
  Monuments: [['historic', 'monument'], ['historic', 'memorial'], ['tourism', 'artwork']],
  Churches: [['amenity', 'place_of_worship'], ['historic', 'church'], ['historic', 'chapel'], ['historic', 'monastery'], ['historic', 'wayside_shrine']],
  Galleries: [['tourism', 'gallery'], ['shop', 'art']],
  Theatres: [['amenity', 'theatre'], ['amenity', 'arts_centre'], ['amenity', 'community_centre']],
  Attractions: [['tourism', 'attraction']],
  // Active
  Diving: [['sport', 'scuba_diving'], ['shop', 'scuba_diving'], ['sport', 'snorkelling'], ['sport', 'snorkeling'], ['sport', 'free_diving'], ['amenity', 'dive_centre']],
  'Water sports': [['sport', 'kitesurfing'], ['sport', 'windsurfing'], ['sport', 'surfing'], ['sport', 'sailing'], ['sport', 'canoe'], ['sport', 'paddle_boarding'], ['sport', 'water_ski'], ['amenity', 'boat_rental'], ['shop', 'water_sports']],
  Hiking: [['sport', 'hiking'], ['tourism', 'trail_riding_station'], ['route', 'hiking'], ['route', 'foot']],
  Climbing: [['sport', 'climbing']],
  Golf: [['leisure', 'golf_course'], ['sport', 'golf']],
  Tennis: [['sport', 'tennis'], ['sport', 'padel']],
  Cycling: [['amenity', 'bicycle_rental'], ['shop', 'bicycle'], ['sport', 'cycling'], ['route', 'bicycle'], ['route', 'mtb']],
  Fitness: [['leisure', 'fitness_centre'], ['sport', 'fitness'], ['leisure', 'sports_centre'], ['leisure', 'swimming_pool'], ['sport', 'swimming'], ['leisure', 'pitch'], ['leisure', 'horse_riding'], ['sport', 'equestrian']],
  // Shopping
  Markets: [['amenity', 'marketplace'], ['shop', 'farm'], ['shop', 'greengrocer']],
  Supermarkets: [['shop', 'supermarket'], ['shop', 'convenience'], ['shop', 'deli'], ['shop', 'butcher'], ['shop', 'seafood']],
  Fashion: [['shop', 'clothes'], ['shop', 'shoes'], ['shop', 'jewelry'], ['shop', 'bag'], ['shop', 'boutique']],
  Souvenirs: [['shop', 'gift'], ['shop', 'souvenir'], ['shop', 'craft']],
  'Wine & delicatessen': [['shop', 'wine'], ['shop', 'alcohol'], ['shop', 'beverages'], ['craft', 'winery'], ['craft', 'brewery'], ['craft', 'distillery']],
  'Shopping centres': [['shop', 'mall'], ['shop', 'department_store']],
  Shops: [['shop', 'books'], ['shop', 'sports'], ['shop', 'optician'], ['shop', 'variety_store'], ['shop', 'hairdresser'], ['shop', 'beauty'], ['shop', 'newsagent'], ['shop', 'tobacco'], ['shop', 'kiosk'], ['shop', 'mobile_phone'], ['shop', 'electronics'], ['shop', 'hardware'], ['shop', 'florist'], ['shop', 'toys'], ['shop', 'yes']],
  // Recreation
  Marinas: [['leisure', 'marina'], ['leisure', 'slipway']],
  Playgrounds: [['leisure', 'playground']],
  'Water parks': [['leisure', 'water_park']],
  'Theme parks': [['tourism', 'theme_park'], ['tourism', 'zoo'], ['tourism', 'aquarium'], ['leisure', 'amusement_arcade'], ['leisure', 'miniature_golf'], ['leisure', 'escape_game'], ['leisure', 'bowling_alley']],
  Cinemas: [['amenity', 'cinema']],
  Nightlife: [['amenity', 'nightclub'], ['amenity', 'casino'], ['leisure', 'dance']],
  // Accommodation
  Hotels: [['tourism', 'hotel'], ['tourism', 'motel']],
  Apartments: [['tourism', 'apartment'], ['tourism', 'chalet']],
  Hostels: [['tourism', 'hostel']],
  'Guest houses': [['tourism', 'guest_house']],
  Campsites: [['tourism', 'camp_site'], ['tourism', 'caravan_site'], ['tourism', 'camp_pitch']],
  // Practical
  'Tourist information': [['tourism', 'information']],
  Parking: [['amenity', 'parking'], ['amenity', 'bicycle_parking']],
  'Banks & ATMs': [['amenity', 'bank'], ['amenity', 'atm'], ['amenity', 'bureau_de_change']],
  Transport: [['amenity', 'bus_station'], ['amenity', 'taxi'], ['amenity', 'ferry_terminal'], ['amenity', 'car_rental'], ['amenity', 'charging_station']],
  Fuel: [['amenity', 'fuel']],
  'Post offices': [['amenity', 'post_office']],
  Toilets: [['amenity', 'toilets'], ['amenity', 'shower'], ['amenity', 'drinking_water']],
  Police: [['amenity', 'police'], ['amenity', 'townhall'], ['amenity', 'library']],
  // Health & Wellbeing
  Pharmacies: [['amenity', 'pharmacy'], ['shop', 'chemist']],
  'Hospitals & clinics': [['amenity', 'hospital'], ['amenity', 'clinic'], ['amenity', 'doctors'], ['amenity', 'dentist'], ['amenity', 'veterinary']],
  'Spas & wellness': [['leisure', 'spa'], ['amenity', 'spa'], ['shop', 'massage'], ['leisure', 'sauna'], ['sport', 'yoga'], ['natural', 'hot_spring']],
};

export const SUBCATEGORIES: Subcategory[] = POI_SUBCATEGORIES.map(({ category, label }) => ({ category, label, tags: TAGS[label] }));

/** Subcategories by label. */
const LABELS = new Map(SUBCATEGORIES.map((subcategory) => [subcategory.label, subcategory]));

/** A destination's additions: subcategory label → `key=value` tags ({"Diving": ["sport=freediving"]}). */
export type TaxonomyExtension = Readonly<Record<string, readonly string[]>>;

/** The built-in table plus a destination's extension: which subcategories a feature's tags give. */
export class Taxonomy {
  private readonly byTag = new Map<string, Subcategory>();
  private readonly keys: readonly string[];

  constructor(extension: TaxonomyExtension = {}) {
    // Keys in TAG_KEY_ORDER first (primary), then any other key a table names.
    const keys = new Set<string>(TAG_KEY_ORDER);
    for (const subcategory of SUBCATEGORIES) {
      for (const [key, value] of subcategory.tags) {
        this.byTag.set(`${key}=${value}`, subcategory);
        keys.add(key);
      }
    }
    // An extension's tag replaces a built-in mapping of the same tag: the destination knows best.
    for (const [label, tags] of Object.entries(extension)) {
      const subcategory = LABELS.get(label);
      if (!subcategory) throw new Error(`Taxonomy: "${label}" is not a subcategory`);
      for (const tag of tags) {
        this.byTag.set(tag, subcategory);
        keys.add(tag.slice(0, tag.indexOf('=')));
      }
    }
    this.keys = [...keys];
  }

  /** The primary subcategory of a set of OSM tags, or null when none of its tags is known. */
  classify(tags: Record<string, string>): Subcategory | null {
    return this.facets(tags)[0] ?? null;
  }

  /** Every subcategory the tags give, primary first, each once. */
  facets(tags: Record<string, string>): Subcategory[] {
    const found: Array<{ subcategory: Subcategory; generic: boolean }> = [];
    for (const key of this.keys) {
      const value = tags[key];
      if (value === undefined) continue;
      for (const single of value.split(';')) {
        const tag = `${key}=${single.trim()}`;
        const subcategory = this.byTag.get(tag);
        if (subcategory && !found.some((f) => f.subcategory === subcategory)) found.push({ subcategory, generic: GENERIC_TAGS.has(tag) });
      }
    }
    const primary = found.find((f) => !f.generic) ?? found[0];
    return primary ? [primary.subcategory, ...found.filter((f) => f !== primary).map((f) => f.subcategory)] : [];
  }
}

/** The built-in taxonomy, without a destination's extension. */
export const BUILT_IN_TAXONOMY = new Taxonomy();

/** The primary subcategory by the built-in table (see Taxonomy.classify). */
export function classify(tags: Record<string, string>): Subcategory | null {
  return BUILT_IN_TAXONOMY.classify(tags);
}
