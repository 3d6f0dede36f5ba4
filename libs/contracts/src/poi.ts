/** The seed system's taxonomy. */
export type PoiCategory =
  'Food & Drinks' | 'Beaches & Nature' | 'Culture & History' | 'Active' | 'Shopping' | 'Recreation' | 'Accommodation' | 'Practical' | 'Health & Wellbeing';

/** The seed system's subcategories, by the English label they are stored by, each in its category. */
export const POI_SUBCATEGORIES = [
  // Food & Drinks
  { category: 'Food & Drinks', label: 'Restaurants' },
  { category: 'Food & Drinks', label: 'Cafés' },
  { category: 'Food & Drinks', label: 'Bars' },
  { category: 'Food & Drinks', label: 'Fast food' },
  { category: 'Food & Drinks', label: 'Ice cream' },
  { category: 'Food & Drinks', label: 'Bakeries' },
  // Beaches & Nature
  { category: 'Beaches & Nature', label: 'Beaches' },
  { category: 'Beaches & Nature', label: 'Viewpoints' },
  { category: 'Beaches & Nature', label: 'Nature reserves' },
  { category: 'Beaches & Nature', label: 'Parks' },
  { category: 'Beaches & Nature', label: 'Mountains' },
  // Culture & History
  { category: 'Culture & History', label: 'Museums' },
  { category: 'Culture & History', label: 'Historic sites' },
  { category: 'Culture & History', label: 'Monuments' },
  { category: 'Culture & History', label: 'Churches' },
  { category: 'Culture & History', label: 'Galleries' },
  { category: 'Culture & History', label: 'Theatres' },
  { category: 'Culture & History', label: 'Attractions' },
  // Active
  { category: 'Active', label: 'Diving' },
  { category: 'Active', label: 'Water sports' },
  { category: 'Active', label: 'Hiking' },
  { category: 'Active', label: 'Climbing' },
  { category: 'Active', label: 'Golf' },
  { category: 'Active', label: 'Tennis' },
  { category: 'Active', label: 'Cycling' },
  { category: 'Active', label: 'Fitness' },
  // Shopping
  { category: 'Shopping', label: 'Markets' },
  { category: 'Shopping', label: 'Supermarkets' },
  { category: 'Shopping', label: 'Fashion' },
  { category: 'Shopping', label: 'Souvenirs' },
  { category: 'Shopping', label: 'Wine & delicatessen' },
  { category: 'Shopping', label: 'Shopping centres' },
  { category: 'Shopping', label: 'Shops' },
  // Recreation
  { category: 'Recreation', label: 'Marinas' },
  { category: 'Recreation', label: 'Playgrounds' },
  { category: 'Recreation', label: 'Water parks' },
  { category: 'Recreation', label: 'Theme parks' },
  { category: 'Recreation', label: 'Cinemas' },
  { category: 'Recreation', label: 'Nightlife' },
  // Accommodation
  { category: 'Accommodation', label: 'Hotels' },
  { category: 'Accommodation', label: 'Apartments' },
  { category: 'Accommodation', label: 'Hostels' },
  { category: 'Accommodation', label: 'Guest houses' },
  { category: 'Accommodation', label: 'Campsites' },
  // Practical
  { category: 'Practical', label: 'Tourist information' },
  { category: 'Practical', label: 'Parking' },
  { category: 'Practical', label: 'Banks & ATMs' },
  { category: 'Practical', label: 'Transport' },
  { category: 'Practical', label: 'Fuel' },
  { category: 'Practical', label: 'Post offices' },
  { category: 'Practical', label: 'Toilets' },
  { category: 'Practical', label: 'Police' },
  // Health & Wellbeing
  { category: 'Health & Wellbeing', label: 'Pharmacies' },
  { category: 'Health & Wellbeing', label: 'Hospitals & clinics' },
  { category: 'Health & Wellbeing', label: 'Spas & wellness' },
] as const satisfies ReadonlyArray<{ category: PoiCategory; label: string }>;

export type PoiSubcategory = (typeof POI_SUBCATEGORIES)[number]['label'];

export interface PoiView {
  id: number;
  name: string;
  category: PoiCategory;
  subcategory: string;
  /** The subcategory in the answer's language ("Restaurantes"). */
  subcategoryLabel: string;
  description: string | null;
  address: string | null;
  city: string | null;
  latitude: number;
  longitude: number;
  rating: number | null;
  reviewCount: number | null;
  /** 1 (cheap) … 4 (expensive) */
  priceLevel: number | null;
  /** OpenStreetMap opening_hours syntax */
  openingHours: string | null;
  /** null when the catalogue has no (parsable) opening hours */
  openNow: boolean | null;
  /**
   * When openNow next flips (closes when open, opens when closed), in the destination's
   * wall-clock time, looked ahead up to 7 days; null when unknown or not within a week
   * (open 24/7 is openNow true with nextChange null).
   */
  nextChange: OpeningChange | null;
  outdoorSeating: boolean | null;
  wheelchair: boolean | null;
  vegetarian: boolean | null;
  vegan: boolean | null;
  dogs: boolean | null;
  kids: boolean | null;
  cuisine: string[];
  website: string | null;
  phone: string | null;
  /** OpenStreetMap link to the place */
  mapUrl: string;
  relevanceScore: number;
}

/** A moment in the destination's local time, as the widget words it ("until 23:30", "opens tomorrow at 13:00"). */
export interface OpeningChange {
  /** "HH:MM", 24-hour. */
  time: string;
  /** 0 today, 1 tomorrow, … up to 7. */
  inDays: number;
  /** Day of the week of that moment, 0 = Sunday … 6 = Saturday. */
  weekday: number;
}
