import type { OpeningChange, PoiView } from '@holibot/contracts';
import { format, localeFor, type UiStrings } from './i18n';
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
  /** "Open · until 23:30"; null when the catalogue has no opening hours for the place. */
  open: { className: string; label: string } | null;
  /** The description's first sentence, shortened. */
  description: string;
  address: string;
  amenities: string[];
  website: string | null;
  tel: string | null;
  phone: string;
  map: string | null;
  /** Accessible names of the actions, naming the place ("Map of Casa Nerea"). */
  labels: { website: string; call: string; map: string; report: string };
}

const DESCRIPTION_LENGTH = 110;

export function poiCard(poi: PoiView, t: UiStrings): PoiCard {
  const f = formatters(t);
  const { rating, reviewCount, priceLevel, address, city, name } = poi;
  const category = t.categories[poi.category] ?? poi.category;
  const facts: string[] = [];
  if (rating !== null) facts.push(format(t.rating, { rating: f.decimal.format(rating) }));
  if (rating !== null && reviewCount) facts.push(format(t.reviews, { count: f.integer.format(reviewCount) }));
  if (priceLevel) facts.push(format(t.priceLevel, { level: priceLevel }));
  const flags: [boolean | null, string][] = [
    [poi.outdoorSeating, t.outdoorSeating],
    [poi.wheelchair, t.wheelchair],
    [poi.vegan, t.vegan],
    [poi.dogs, t.dogs],
  ];
  const subcategory = poi.subcategoryLabel || poi.subcategory.replace(/_/g, ' ');
  return {
    id: poi.id,
    name,
    kind: subcategory ? `${category} · ${subcategory}` : category,
    stars: rating === null ? '' : `★ ${f.decimal.format(rating)}${reviewCount ? ` (${f.integer.format(reviewCount)})` : ''}`,
    price: '€'.repeat(priceLevel ?? 0),
    factsLabel: facts.join(', '),
    open: openLabel(poi.openNow, poi.nextChange ?? null, t),
    description: firstSentence(poi.description ?? ''),
    address: address && city && !address.includes(city) ? `${address}, ${city}` : (address ?? city ?? ''),
    amenities: flags.filter(([value]) => value === true).map(([, label]) => label),
    website: httpUrl(poi.website),
    tel: telUrl(poi.phone),
    phone: poi.phone ?? '',
    map: httpUrl(poi.mapUrl),
    labels: {
      website: format(t.websiteOf, { name }),
      call: format(t.callOf, { name }),
      map: format(t.mapOf, { name }),
      report: format(t.reportWrong, { name }),
    },
  };
}

/** "Open · until 23:30", "Closed · opens tomorrow at 13:00", in the visitor's language and clock. */
export function openLabel(openNow: boolean | null | undefined, change: OpeningChange | null, t: UiStrings): PoiCard['open'] {
  if (openNow === null || openNow === undefined) return null;
  const className = openNow ? 'badge open' : 'badge closed';
  const time = change && /^\d{2}:\d{2}$/.test(change.time) ? formatters(t).time(change.time) : null;
  if (!change || !time) return { className, label: openNow ? t.openNow : t.closedNow };
  if (openNow) return { className, label: format(t.openUntil, { time }) };
  const template = change.inDays === 0 ? t.opensAt : change.inDays === 1 ? t.opensTomorrow : t.opensOn;
  return { className, label: format(template, { time, day: formatters(t).weekday(change.weekday) }) };
}

function firstSentence(text: string): string {
  const sentence = /^.*?[.!?](?=\s|$)/s.exec(text.trim())?.[0] ?? text.trim();
  return sentence.length > DESCRIPTION_LENGTH ? `${sentence.slice(0, DESCRIPTION_LENGTH - 1).trimEnd()}…` : sentence;
}

interface Formatters {
  decimal: Intl.NumberFormat;
  integer: Intl.NumberFormat;
  time(hhmm: string): string;
  weekday(day: number): string;
}

// Building Intl formatters is slow: one set per language, not one per card or per render.
const cache = new Map<string, Formatters>();

function formatters(t: UiStrings): Formatters {
  const locale = localeFor(t.language);
  let set = cache.get(locale);
  if (!set) {
    const time = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });
    const weekday = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
    set = {
      decimal: new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
      integer: new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }),
      // The destination's wall-clock time, written the visitor's way: UTC fields carry it as is.
      time: (hhmm) => time.format(Date.UTC(2024, 0, 1, Number(hhmm.slice(0, 2)), Number(hhmm.slice(3, 5)))),
      // 1 January 2023 was a Sunday (weekday 0).
      weekday: (day) => weekday.format(Date.UTC(2023, 0, 1 + (((day % 7) + 7) % 7))),
    };
    cache.set(locale, set);
  }
  return set;
}
