/** The seed system's taxonomy. */
export type PoiCategory =
  | 'Food & Drinks'
  | 'Beaches & Nature'
  | 'Culture & History'
  | 'Active'
  | 'Shopping'
  | 'Recreation'
  | 'Accommodation'
  | 'Practical'
  | 'Health & Wellbeing';

export interface PoiView {
  id: number;
  name: string;
  category: PoiCategory;
  subcategory: string;
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
