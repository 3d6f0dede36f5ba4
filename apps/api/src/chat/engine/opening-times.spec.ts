import { parseOpeningHours } from '../../poi/opening-hours.js';
import type { CatalogueEntry } from '../../poi/index.js';
import { firstOpeningAfter, formatInterval, openIntervals, openTimes, timeWindow } from './opening-times.js';

// Wall-clock Dates (local fields), as the engine uses them. 2026-06-10 is a Wednesday.
const at = (day: number, hour: number, minute = 0) => new Date(2026, 5, day, hour, minute);
const entry = (hours: string | null) =>
  ({ hours: hours ? parseOpeningHours(hours, { latitude: 38.64, longitude: 0.05, countryCode: 'es' }) : null }) as unknown as CatalogueEntry;
const span = (window: { from: Date; to: Date } | null) => window && `${window.from.toString().slice(0, 21)} → ${window.to.toString().slice(0, 21)}`;

describe('timeWindow: the span a question names', () => {
  const wednesdayAfternoon = at(10, 15, 20);

  it('tonight, this morning, tomorrow, a weekday; today starts now', () => {
    expect(span(timeWindow({ day: 'today', part: 'evening' }, wednesdayAfternoon))).toBe(span({ from: at(10, 19), to: at(11, 0) }));
    expect(span(timeWindow({ day: 'today' }, wednesdayAfternoon))).toBe(span({ from: wednesdayAfternoon, to: at(11, 0) }));
    expect(span(timeWindow({ day: 'tomorrow', part: 'morning' }, wednesdayAfternoon))).toBe(span({ from: at(11, 8), to: at(11, 12) }));
    expect(span(timeWindow({ day: 0 }, wednesdayAfternoon))).toBe(span({ from: at(14, 0), to: at(15, 0) }));
    // Asked on a Wednesday, "on Wednesday" is today's hours, the whole day.
    expect(span(timeWindow({ day: 3 }, wednesdayAfternoon))).toBe(span({ from: at(10, 0), to: at(11, 0) }));
    // "On Saturday evening": that evening, whatever the time now.
    expect(span(timeWindow({ day: 6, part: 'evening' }, wednesdayAfternoon))).toBe(span({ from: at(13, 19), to: at(14, 0) }));
  });

  it('a part of the day already over, with no day named, is tomorrow\'s; "now" is no span', () => {
    expect(span(timeWindow({ part: 'lunch' }, at(10, 20)))).toBe(span({ from: at(11, 13), to: at(11, 16) }));
    expect(span(timeWindow({ part: 'lunch' }, at(10, 14)))).toBe(span({ from: at(10, 14), to: at(10, 16) }));
    expect(span(timeWindow({ part: 'morning' }, at(10, 17)))).toBe(span({ from: at(11, 8), to: at(11, 12) }));
    expect(timeWindow({ part: 'now' }, at(10, 14))).toBeNull();
  });
});

describe('openIntervals: when a place is open within the span', () => {
  const tonight = timeWindow({ day: 'today', part: 'evening' }, at(10, 15))!;

  it('openTimes: whole intervals that overlap, once each, not clipped; round the clock is all day', () => {
    expect(openTimes(entry('Mo-Su 12:30-16:30,19:30-23:00'), tonight)).toEqual(['19:30–23:00']);
    expect(openTimes(entry('Mo-Su 18:00-02:00'), tonight)).toEqual(['18:00–02:00']);
    const sunday = timeWindow({ day: 0 }, at(10, 15))!;
    // Saturday's 16:00–02:00 reaches into Sunday, as Sunday's own does into Monday: listed as one time.
    expect(openTimes(entry('Mo-Su 16:00-02:00'), sunday)).toEqual(['16:00–02:00']);
    expect(openTimes(entry('24/7'), tonight)).toBe('allDay');
    expect(openTimes(entry(null), tonight)).toBeNull();
  });

  it('openIntervals (the filter): clipped to the span; [] when closed all the span; null when unknown', () => {
    expect(openIntervals(entry('Mo-Su 18:00-02:00'), tonight)!.map(formatInterval)).toEqual(['19:00–00:00']);
    expect(openIntervals(entry('Mo-Su 12:00-16:00'), tonight)).toEqual([]);
    expect(openIntervals(entry(null), tonight)).toBeNull();
  });

  it('weekdays and public holidays as the hours say (1 May is a holiday in Spain)', () => {
    const sunday = timeWindow({ day: 0 }, at(10, 15))!;
    expect(openIntervals(entry('Tu-Sa 10:00-14:00; Su off'), sunday)).toEqual([]);
    expect(openIntervals(entry('Tu-Su 10:00-14:00'), sunday)!.map(formatInterval)).toEqual(['10:00–14:00']);
    const mayDay = timeWindow({ day: 'tomorrow' }, new Date(2026, 3, 30, 12))!;
    expect(openIntervals(entry('Mo-Su 10:00-14:00; PH off'), mayDay)).toEqual([]);
  });

  it('firstOpeningAfter: the first opening from the span, in days from now', () => {
    const now = at(10, 15);
    expect(firstOpeningAfter(entry('Mo-Su 12:00-16:00'), tonight, now)).toEqual({ time: '12:00', inDays: 1, weekday: 4 });
    expect(firstOpeningAfter(entry(null), tonight, now)).toBeNull();
  });
});
