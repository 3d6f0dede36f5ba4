import type { PoiCategory } from '@holibot/contracts';

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

// One subcategory a line, kept as written.
// prettier-ignore
export const SUBCATEGORIES: Subcategory[] = [
  // Food & Drinks
  { category: 'Food & Drinks', label: 'Restaurants', tags: [['amenity', 'restaurant'], ['amenity', 'food_court']] },
  { category: 'Food & Drinks', label: 'Cafés', tags: [['amenity', 'cafe'], ['shop', 'coffee'], ['shop', 'tea']] },
  { category: 'Food & Drinks', label: 'Bars', tags: [['amenity', 'bar'], ['amenity', 'pub'], ['amenity', 'biergarten']] },
  { category: 'Food & Drinks', label: 'Fast food', tags: [['amenity', 'fast_food']] },
  { category: 'Food & Drinks', label: 'Ice cream', tags: [['amenity', 'ice_cream'], ['shop', 'ice_cream']] },
  { category: 'Food & Drinks', label: 'Bakeries', tags: [['shop', 'bakery'], ['shop', 'pastry'], ['shop', 'confectionery']] },
  // Beaches & Nature
  { category: 'Beaches & Nature', label: 'Beaches', tags: [['natural', 'beach'], ['leisure', 'beach_resort'], ['leisure', 'bathing_place']] },
  { category: 'Beaches & Nature', label: 'Viewpoints', tags: [['tourism', 'viewpoint']] },
  { category: 'Beaches & Nature', label: 'Nature reserves', tags: [['leisure', 'nature_reserve'], ['natural', 'wetland'], ['natural', 'wood']] },
  { category: 'Beaches & Nature', label: 'Parks', tags: [['leisure', 'park'], ['leisure', 'garden']] },
  { category: 'Beaches & Nature', label: 'Mountains', tags: [['natural', 'peak'], ['natural', 'cliff'], ['natural', 'cave_entrance'], ['natural', 'bay'], ['natural', 'cape']] },
  // Culture & History
  { category: 'Culture & History', label: 'Museums', tags: [['tourism', 'museum']] },
  { category: 'Culture & History', label: 'Historic sites', tags: [['historic', 'archaeological_site'], ['historic', 'castle'], ['historic', 'ruins'], ['historic', 'tower'], ['historic', 'city_gate'], ['historic', 'citywalls'], ['historic', 'city_walls'], ['historic', 'fort'], ['historic', 'building'], ['historic', 'yes'], ['man_made', 'watchtower'], ['man_made', 'lighthouse']] },
  { category: 'Culture & History', label: 'Monuments', tags: [['historic', 'monument'], ['historic', 'memorial'], ['tourism', 'artwork']] },
  { category: 'Culture & History', label: 'Churches', tags: [['amenity', 'place_of_worship'], ['historic', 'church'], ['historic', 'chapel']] },
  { category: 'Culture & History', label: 'Galleries', tags: [['tourism', 'gallery'], ['shop', 'art']] },
  { category: 'Culture & History', label: 'Theatres', tags: [['amenity', 'theatre'], ['amenity', 'arts_centre'], ['amenity', 'community_centre']] },
  { category: 'Culture & History', label: 'Attractions', tags: [['tourism', 'attraction']] },
  // Active
  { category: 'Active', label: 'Diving', tags: [['sport', 'scuba_diving'], ['shop', 'scuba_diving'], ['sport', 'snorkelling']] },
  { category: 'Active', label: 'Water sports', tags: [['sport', 'kitesurfing'], ['sport', 'windsurfing'], ['sport', 'surfing'], ['sport', 'sailing'], ['sport', 'canoe'], ['sport', 'paddle_boarding'], ['sport', 'water_ski'], ['amenity', 'boat_rental'], ['shop', 'water_sports']] },
  { category: 'Active', label: 'Hiking', tags: [['sport', 'hiking'], ['tourism', 'trail_riding_station']] },
  { category: 'Active', label: 'Climbing', tags: [['sport', 'climbing']] },
  { category: 'Active', label: 'Golf', tags: [['leisure', 'golf_course'], ['sport', 'golf']] },
  { category: 'Active', label: 'Tennis', tags: [['sport', 'tennis'], ['sport', 'padel']] },
  { category: 'Active', label: 'Cycling', tags: [['amenity', 'bicycle_rental'], ['shop', 'bicycle'], ['sport', 'cycling']] },
  { category: 'Active', label: 'Fitness', tags: [['leisure', 'fitness_centre'], ['sport', 'fitness'], ['leisure', 'sports_centre'], ['leisure', 'swimming_pool'], ['sport', 'swimming'], ['leisure', 'pitch'], ['leisure', 'horse_riding'], ['sport', 'equestrian']] },
  // Shopping
  { category: 'Shopping', label: 'Markets', tags: [['amenity', 'marketplace'], ['shop', 'farm'], ['shop', 'greengrocer']] },
  { category: 'Shopping', label: 'Supermarkets', tags: [['shop', 'supermarket'], ['shop', 'convenience'], ['shop', 'deli'], ['shop', 'butcher'], ['shop', 'seafood']] },
  { category: 'Shopping', label: 'Fashion', tags: [['shop', 'clothes'], ['shop', 'shoes'], ['shop', 'jewelry'], ['shop', 'bag'], ['shop', 'boutique']] },
  { category: 'Shopping', label: 'Souvenirs', tags: [['shop', 'gift'], ['shop', 'souvenir'], ['shop', 'craft']] },
  { category: 'Shopping', label: 'Wine & delicatessen', tags: [['shop', 'wine'], ['shop', 'alcohol'], ['shop', 'beverages']] },
  { category: 'Shopping', label: 'Shopping centres', tags: [['shop', 'mall'], ['shop', 'department_store']] },
  { category: 'Shopping', label: 'Shops', tags: [['shop', 'books'], ['shop', 'sports'], ['shop', 'optician'], ['shop', 'variety_store'], ['shop', 'hairdresser'], ['shop', 'beauty'], ['shop', 'newsagent'], ['shop', 'tobacco'], ['shop', 'kiosk'], ['shop', 'mobile_phone'], ['shop', 'electronics'], ['shop', 'hardware'], ['shop', 'florist'], ['shop', 'toys'], ['shop', 'yes']] },
  // Recreation
  { category: 'Recreation', label: 'Marinas', tags: [['leisure', 'marina'], ['leisure', 'slipway']] },
  { category: 'Recreation', label: 'Playgrounds', tags: [['leisure', 'playground']] },
  { category: 'Recreation', label: 'Water parks', tags: [['leisure', 'water_park']] },
  { category: 'Recreation', label: 'Theme parks', tags: [['tourism', 'theme_park'], ['tourism', 'zoo'], ['tourism', 'aquarium'], ['leisure', 'amusement_arcade'], ['leisure', 'miniature_golf'], ['leisure', 'escape_game'], ['leisure', 'bowling_alley']] },
  { category: 'Recreation', label: 'Cinemas', tags: [['amenity', 'cinema']] },
  { category: 'Recreation', label: 'Nightlife', tags: [['amenity', 'nightclub'], ['amenity', 'casino'], ['leisure', 'dance']] },
  // Accommodation
  { category: 'Accommodation', label: 'Hotels', tags: [['tourism', 'hotel'], ['tourism', 'motel']] },
  { category: 'Accommodation', label: 'Apartments', tags: [['tourism', 'apartment'], ['tourism', 'chalet']] },
  { category: 'Accommodation', label: 'Hostels', tags: [['tourism', 'hostel']] },
  { category: 'Accommodation', label: 'Guest houses', tags: [['tourism', 'guest_house']] },
  { category: 'Accommodation', label: 'Campsites', tags: [['tourism', 'camp_site'], ['tourism', 'caravan_site']] },
  // Practical
  { category: 'Practical', label: 'Tourist information', tags: [['tourism', 'information']] },
  { category: 'Practical', label: 'Parking', tags: [['amenity', 'parking'], ['amenity', 'bicycle_parking']] },
  { category: 'Practical', label: 'Banks & ATMs', tags: [['amenity', 'bank'], ['amenity', 'atm'], ['amenity', 'bureau_de_change']] },
  { category: 'Practical', label: 'Transport', tags: [['amenity', 'bus_station'], ['amenity', 'taxi'], ['amenity', 'ferry_terminal'], ['amenity', 'car_rental'], ['amenity', 'charging_station']] },
  { category: 'Practical', label: 'Fuel', tags: [['amenity', 'fuel']] },
  { category: 'Practical', label: 'Post offices', tags: [['amenity', 'post_office']] },
  { category: 'Practical', label: 'Toilets', tags: [['amenity', 'toilets'], ['amenity', 'shower'], ['amenity', 'drinking_water']] },
  { category: 'Practical', label: 'Police', tags: [['amenity', 'police'], ['amenity', 'townhall'], ['amenity', 'library']] },
  // Health & Wellbeing
  { category: 'Health & Wellbeing', label: 'Pharmacies', tags: [['amenity', 'pharmacy'], ['shop', 'chemist']] },
  { category: 'Health & Wellbeing', label: 'Hospitals & clinics', tags: [['amenity', 'hospital'], ['amenity', 'clinic'], ['amenity', 'doctors'], ['amenity', 'dentist'], ['amenity', 'veterinary']] },
  { category: 'Health & Wellbeing', label: 'Spas & wellness', tags: [['leisure', 'spa'], ['amenity', 'spa'], ['shop', 'massage'], ['leisure', 'sauna'], ['sport', 'yoga']] },
];

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
