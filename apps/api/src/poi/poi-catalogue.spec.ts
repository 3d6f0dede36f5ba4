import { AppConfig } from '../config/app-config.js';
import { Timers } from '../common/effects/index.js';
import { parseOpeningHours, wallClock } from './opening-hours.js';
import { type CatalogueEntry, PoiCatalogue } from './poi-catalogue.service.js';

const entry = (openingHours: string | null): CatalogueEntry =>
  ({
    poi: { id: 1, openingHours },
    category: 'Food & Drinks',
    hours: openingHours ? parseOpeningHours(openingHours, { latitude: 38.64, longitude: 0.05, countryCode: 'es' }) : null,
    quality: 4,
    cityKey: 'calpe',
  }) as unknown as CatalogueEntry;

describe('PoiCatalogue.openNow', () => {
  // openNow needs neither the database nor the importer.
  const catalogue = new PoiCatalogue(null as never, AppConfig.fromEnv({}), null as never, new Timers());
  const at = (iso: string) => catalogue.wallTime(new Date(iso));

  it('changes at the minute the hours say, although answers are reused within a minute', () => {
    const lunch = entry('Mo-Fr 13:00-16:00');
    // 13:59:00 and 13:59:59 UTC are 15:59 in Madrid (CEST); 14:00:00 UTC is 16:00.
    expect(catalogue.openNow(lunch, at('2026-06-10T13:59:00Z'))).toBe(true);
    expect(catalogue.openNow(lunch, at('2026-06-10T13:59:59Z'))).toBe(true);
    expect(catalogue.openNow(lunch, at('2026-06-10T14:00:00Z'))).toBe(false);
    expect(catalogue.openNow(lunch, at('2026-06-10T13:59:30Z'))).toBe(true); // back in time: asked again
  });

  it('keeps each place apart within the same minute', () => {
    const wall = at('2026-06-10T11:30:00Z');
    expect(catalogue.openNow(entry('Mo-Fr 13:00-16:00'), wall)).toBe(true);
    expect(catalogue.openNow(entry('Mo-Fr 18:00-23:00'), wall)).toBe(false);
    expect(catalogue.openNow(entry(null), wall)).toBeNull();
  });
});

describe('PoiCatalogue.nextChange', () => {
  const catalogue = new PoiCatalogue(null as never, AppConfig.fromEnv({}), null as never, new Timers());
  const at = (iso: string) => catalogue.wallTime(new Date(iso));

  it("reads the destination's wall clock (TZ), and moves on with the minute", () => {
    const lunch = entry('Mo-Fr 13:00-16:00');
    // 10:00 UTC on Wednesday 10 June is 12:00 in Madrid: opens at 13:00 today.
    expect(catalogue.nextChange(lunch, at('2026-06-10T10:00:00Z'))).toEqual({ time: '13:00', inDays: 0, weekday: 3 });
    expect(catalogue.nextChange(lunch, at('2026-06-10T11:30:00Z'))).toEqual({ time: '16:00', inDays: 0, weekday: 3 });
    // Friday 16:30 in Madrid: Monday at 13:00.
    expect(catalogue.nextChange(lunch, at('2026-06-12T14:30:00Z'))).toEqual({ time: '13:00', inDays: 3, weekday: 1 });
    expect(catalogue.nextChange(entry(null), at('2026-06-12T14:30:00Z'))).toBeNull();
  });

  it('a view carries it next to openNow, and the subcategory in its language', () => {
    const poi = { id: 7, name: 'Bar', subcategory: 'Bars', latitude: 38.64, longitude: 0.05, nameI18n: null, descriptionI18n: null, cuisine: null };
    const bar = { ...entry('Mo-Su 18:00-02:00'), poi: { ...poi, openingHours: 'Mo-Su 18:00-02:00' } } as unknown as CatalogueEntry;
    // 21:00 UTC is 23:00 in Madrid: open, closes at 02:00 tomorrow (Thursday).
    const view = catalogue.viewAt(bar, 'en', at('2026-06-10T21:00:00Z'));
    expect([view.openNow, view.nextChange]).toEqual([true, { time: '02:00', inDays: 1, weekday: 4 }]);
    // The subcategory in the answer's language, as stored in English.
    expect([view.subcategory, view.subcategoryLabel]).toEqual(['Bars', 'Bars']);
    expect(catalogue.viewAt(bar, 'es', at('2026-06-10T21:00:00Z')).subcategoryLabel).toBe('Bares');
    expect(catalogue.viewAt(bar, 'de', at('2026-06-10T21:00:00Z')).subcategoryLabel).toBe('Bars');
    expect(catalogue.viewAt({ ...bar, poi: { ...bar.poi, subcategory: 'Hiking' } } as CatalogueEntry, 'nl', at('2026-06-10T21:00:00Z')).subcategoryLabel).toBe(
      'Wandelen',
    );
  });
});

describe('wallClock', () => {
  it('answers each zone for itself within the same second', () => {
    const instant = new Date('2026-06-10T11:30:00Z');
    expect(wallClock(instant, 'Europe/Madrid').getHours()).toBe(13);
    expect(wallClock(instant, 'Europe/London').getHours()).toBe(12);
    expect(wallClock(instant, 'Europe/Madrid').getHours()).toBe(13);
    expect(wallClock(new Date('2026-06-10T11:31:00Z'), 'Europe/Madrid').getMinutes()).toBe(31);
  });
});
