import { nextChangeAt, openAt, parseOpeningHours, wallClock } from './opening-hours.js';

const CALPE = { latitude: 38.64, longitude: 0.05, countryCode: 'es' };
/** A wall-clock time in Calpe, as wallClock() returns it: local fields, whatever the process zone. */
const wall = (day: number, hour: number, minute = 0) => new Date(2026, 5, day, hour, minute);
const change = (hours: string, at: Date) => nextChangeAt(parseOpeningHours(hours, CALPE), at);

describe('opening hours in the destination time zone', () => {
  it('reads the wall clock of the zone, whatever the process zone', () => {
    // 11:30 UTC on a June Wednesday is 13:30 in Madrid (CEST).
    const wall = wallClock(new Date('2026-06-10T11:30:00Z'), 'Europe/Madrid');
    expect([wall.getFullYear(), wall.getMonth() + 1, wall.getDate(), wall.getHours(), wall.getMinutes()]).toEqual([2026, 6, 10, 13, 30]);
  });

  it('tells open, closed and unknown', () => {
    const hours = parseOpeningHours('Mo-Fr 13:00-16:00; Sa off', { latitude: 38.64, longitude: 0.05, countryCode: 'es' });
    expect(openAt(hours, wallClock(new Date('2026-06-10T11:30:00Z'), 'Europe/Madrid'))).toBe(true);
    expect(openAt(hours, wallClock(new Date('2026-06-10T15:30:00Z'), 'Europe/Madrid'))).toBe(false);
    expect(openAt(null, new Date())).toBeNull();
    expect(() => parseOpeningHours('whenever', { latitude: 0, longitude: 0, countryCode: 'es' })).toThrow();
  });
});

// June 2026: Sunday the 7th, Monday the 8th, Wednesday the 10th.
describe('nextChangeAt: when openNow next flips, in wall-clock time', () => {
  it('an open place: when it closes today', () => {
    expect(change('Mo-Su 12:00-23:30', wall(10, 22, 0))).toEqual({ time: '23:30', inDays: 0, weekday: 3 });
    // Seconds into the minute change nothing.
    expect(change('Mo-Su 12:00-23:30', new Date(2026, 5, 10, 23, 29, 59))).toEqual({ time: '23:30', inDays: 0, weekday: 3 });
  });

  it('a closed place: when it opens today, or between two services', () => {
    expect(change('Mo-Su 10:00-14:00', wall(10, 6, 10))).toEqual({ time: '10:00', inDays: 0, weekday: 3 });
    expect(change('Mo-Su 13:00-16:00,19:30-23:00', wall(10, 17, 0))).toEqual({ time: '19:30', inDays: 0, weekday: 3 });
  });

  it('closed on Sunday: opens on Monday (tomorrow), or days later', () => {
    expect(change('Mo-Sa 10:00-14:00', wall(7, 12, 0))).toEqual({ time: '10:00', inDays: 1, weekday: 1 });
    // Late on a Saturday, closed on Sunday: Monday is two days away.
    expect(change('Mo-Sa 10:00-14:00', wall(6, 20, 0))).toEqual({ time: '10:00', inDays: 2, weekday: 1 });
    // Open only on Tuesdays, asked on a Wednesday: six days.
    expect(change('Tu 09:00-13:00', wall(10, 12, 0))).toEqual({ time: '09:00', inDays: 6, weekday: 2 });
  });

  it('open past midnight: closes tomorrow', () => {
    expect(change('Mo-Su 18:00-02:00', wall(10, 23, 0))).toEqual({ time: '02:00', inDays: 1, weekday: 4 });
  });

  it('open 24/7, never open within a week, unknown or no hours: null', () => {
    expect(change('24/7', wall(10, 12, 0))).toBeNull();
    expect(change('Dec 25 10:00-12:00', wall(10, 12, 0))).toBeNull();
    expect(change('Mo-Su 10:00-14:00 unknown', wall(10, 12, 0))).toBeNull();
    expect(change('Mo-Su 10:00-14:00 unknown', wall(10, 16, 0))).toBeNull();
    expect(nextChangeAt(null, wall(10, 12, 0))).toBeNull();
  });

  it('open, then hours that are unknown: open until then; closed, then unknown: no known opening', () => {
    expect(change('Mo-Fr 10:00-14:00; Sa unknown', wall(12, 12, 0))).toEqual({ time: '14:00', inDays: 0, weekday: 5 });
    expect(change('Mo-Fr 10:00-14:00; Sa,Su unknown', wall(12, 16, 0))).toBeNull();
  });
});
