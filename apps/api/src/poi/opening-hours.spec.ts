import { openAt, parseOpeningHours, wallClock } from './opening-hours.js';

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
