import type { PoiView } from '@holibot/contracts';
import { format, type UiStrings } from './i18n';
import { httpUrl, telUrl } from './links';

/** What a place's card shows, worked out once per answer and language. */
export interface PoiCard {
  id: number;
  name: string;
  /** "Food & drinks · Restaurants" */
  kind: string;
  /** "★ 4.8 (356)": shown, hidden from screen readers, which read `factsLabel`. */
  stars: string;
  /** "€€" */
  price: string;
  factsLabel: string;
  /** null when the catalogue has no opening hours for the place. */
  open: { className: string; label: string } | null;
  address: string;
  amenities: string[];
  website: string | null;
  tel: string | null;
  phone: string;
  map: string | null;
}

export function poiCard(poi: PoiView, t: UiStrings): PoiCard {
  const number = (value: number, digits: number) =>
    new Intl.NumberFormat(t.language, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  const { rating, reviewCount, priceLevel, address, city } = poi;
  const category = t.categories[poi.category] ?? poi.category;
  const facts: string[] = [];
  if (rating !== null) facts.push(format(t.rating, { rating: number(rating, 1) }));
  if (rating !== null && reviewCount) facts.push(format(t.reviews, { count: number(reviewCount, 0) }));
  if (priceLevel) facts.push(format(t.priceLevel, { level: priceLevel }));
  const flags: [boolean | null, string][] = [
    [poi.outdoorSeating, t.outdoorSeating],
    [poi.wheelchair, t.wheelchair],
    [poi.vegan, t.vegan],
    [poi.dogs, t.dogs],
  ];
  return {
    id: poi.id,
    name: poi.name,
    kind: poi.subcategory ? `${category} · ${poi.subcategory.replace(/_/g, ' ')}` : category,
    stars: rating === null ? '' : `★ ${number(rating, 1)}${reviewCount ? ` (${number(reviewCount, 0)})` : ''}`,
    price: '€'.repeat(priceLevel ?? 0),
    factsLabel: facts.join(', '),
    open:
      poi.openNow === null || poi.openNow === undefined
        ? null
        : poi.openNow
          ? { className: 'badge open', label: t.openNow }
          : { className: 'badge closed', label: t.closedNow },
    address: address && city && !address.includes(city) ? `${address}, ${city}` : (address ?? city ?? ''),
    amenities: flags.filter(([value]) => value === true).map(([, label]) => label),
    website: httpUrl(poi.website),
    tel: telUrl(poi.phone),
    phone: poi.phone ?? '',
    map: httpUrl(poi.mapUrl),
  };
}
