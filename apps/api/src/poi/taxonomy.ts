import { POI_SUBCATEGORIES, type PoiCategory, type PoiSubcategory } from '@holibot/contracts';

/**
 * The seed system's taxonomy, and how OpenStreetMap tags map onto it. Subcategories are
 * stored by their English label. Keys are tried in TAG_KEY_ORDER; the first known value wins
 * (so `leisure=pitch` + `sport=tennis` is Tennis, `amenity=cafe` beats `shop=bakery`).
 */
export interface Subcategory {
  category: PoiCategory;
  label: string;
  tags: Array<[key: string, value: string]>;
}

export const TAG_KEY_ORDER = ['amenity', 'shop', 'tourism', 'historic', 'natural', 'sport', 'leisure', 'man_made'] as const;

/** OSM tags of each subcategory (see POI_SUBCATEGORIES in the contracts for their categories). */
// One subcategory a line, kept as written.
// prettier-ignore
const TAGS: Record<PoiSubcategory, Array<[key: string, value: string]>> = {
  // Food & Drinks
  Restaurants: [['amenity', 'restaurant'], ['amenity', 'food_court']],
  'Cafés': [['amenity', 'cafe'], ['shop', 'coffee'], ['shop', 'tea']],
  Bars: [['amenity', 'bar'], ['amenity', 'pub'], ['amenity', 'biergarten']],
  'Fast food': [['amenity', 'fast_food']],
  'Ice cream': [['amenity', 'ice_cream'], ['shop', 'ice_cream']],
  Bakeries: [['shop', 'bakery'], ['shop', 'pastry'], ['shop', 'confectionery']],
  // Beaches & Nature
  Beaches: [['natural', 'beach'], ['leisure', 'beach_resort'], ['leisure', 'bathing_place']],
  Viewpoints: [['tourism', 'viewpoint']],
  'Nature reserves': [['leisure', 'nature_reserve'], ['natural', 'wetland'], ['natural', 'wood']],
  Parks: [['leisure', 'park'], ['leisure', 'garden']],
  Mountains: [['natural', 'peak'], ['natural', 'cliff'], ['natural', 'cave_entrance'], ['natural', 'bay'], ['natural', 'cape']],
  // Culture & History
  Museums: [['tourism', 'museum']],
  'Historic sites': [['historic', 'archaeological_site'], ['historic', 'castle'], ['historic', 'ruins'], ['historic', 'tower'], ['historic', 'city_gate'], ['historic', 'citywalls'], ['historic', 'city_walls'], ['historic', 'fort'], ['historic', 'building'], ['historic', 'yes'], ['man_made', 'watchtower'], ['man_made', 'lighthouse']],
  Monuments: [['historic', 'monument'], ['historic', 'memorial'], ['tourism', 'artwork']],
  Churches: [['amenity', 'place_of_worship'], ['historic', 'church'], ['historic', 'chapel']],
  Galleries: [['tourism', 'gallery'], ['shop', 'art']],
  Theatres: [['amenity', 'theatre'], ['amenity', 'arts_centre'], ['amenity', 'community_centre']],
  Attractions: [['tourism', 'attraction']],
  // Active
  Diving: [['sport', 'scuba_diving'], ['shop', 'scuba_diving'], ['sport', 'snorkelling']],
  'Water sports': [['sport', 'kitesurfing'], ['sport', 'windsurfing'], ['sport', 'surfing'], ['sport', 'sailing'], ['sport', 'canoe'], ['sport', 'paddle_boarding'], ['sport', 'water_ski'], ['amenity', 'boat_rental'], ['shop', 'water_sports']],
  Hiking: [['sport', 'hiking'], ['tourism', 'trail_riding_station']],
  Climbing: [['sport', 'climbing']],
  Golf: [['leisure', 'golf_course'], ['sport', 'golf']],
  Tennis: [['sport', 'tennis'], ['sport', 'padel']],
  Cycling: [['amenity', 'bicycle_rental'], ['shop', 'bicycle'], ['sport', 'cycling']],
  Fitness: [['leisure', 'fitness_centre'], ['sport', 'fitness'], ['leisure', 'sports_centre'], ['leisure', 'swimming_pool'], ['sport', 'swimming'], ['leisure', 'pitch'], ['leisure', 'horse_riding'], ['sport', 'equestrian']],
  // Shopping
  Markets: [['amenity', 'marketplace'], ['shop', 'farm'], ['shop', 'greengrocer']],
  Supermarkets: [['shop', 'supermarket'], ['shop', 'convenience'], ['shop', 'deli'], ['shop', 'butcher'], ['shop', 'seafood']],
  Fashion: [['shop', 'clothes'], ['shop', 'shoes'], ['shop', 'jewelry'], ['shop', 'bag'], ['shop', 'boutique']],
  Souvenirs: [['shop', 'gift'], ['shop', 'souvenir'], ['shop', 'craft']],
  'Wine & delicatessen': [['shop', 'wine'], ['shop', 'alcohol'], ['shop', 'beverages']],
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
  Campsites: [['tourism', 'camp_site'], ['tourism', 'caravan_site']],
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
  'Spas & wellness': [['leisure', 'spa'], ['amenity', 'spa'], ['shop', 'massage'], ['leisure', 'sauna'], ['sport', 'yoga']],
};

export const SUBCATEGORIES: Subcategory[] = POI_SUBCATEGORIES.map(({ category, label }) => ({ category, label, tags: TAGS[label] }));

const BY_TAG = new Map<string, Subcategory>();
for (const subcategory of SUBCATEGORIES) {
  for (const [key, value] of subcategory.tags) BY_TAG.set(`${key}=${value}`, subcategory);
}

/** The subcategory of a set of OSM tags, or null when none of its primary tags is known. */
export function classify(tags: Record<string, string>): Subcategory | null {
  for (const key of TAG_KEY_ORDER) {
    const value = tags[key];
    if (value === undefined) continue;
    for (const single of value.split(';')) {
      const found = BY_TAG.get(`${key}=${single.trim()}`);
      if (found) return found;
    }
  }
  return null;
}
