import OpeningHours from 'opening_hours';
import type { OpeningChange } from '@holibot/contracts';

export type ParsedOpeningHours = InstanceType<typeof OpeningHours>;

/** Parses an OSM opening_hours value; throws when the syntax is not understood. */
export function parseOpeningHours(value: string, where: { latitude: number; longitude: number; countryCode: string }): ParsedOpeningHours {
  // Coordinates and country let the library evaluate sunrise/sunset and public holidays (PH).
  return new OpeningHours(value, { lat: where.latitude, lon: where.longitude, address: { country_code: where.countryCode, state: '' } }, 0);
}

/**
 * The opening_hours library reads a Date's local fields. This returns a Date whose local
 * fields show the wall-clock time of `timeZone` at `instant`, whatever the process's zone.
 */
export function wallClock(instant: Date, timeZone: string): Date {
  // Asked on every chat turn; formatToParts is slow. Offsets change on whole hours, so the
  // answer for the same second and zone can be reused.
  const second = Math.floor(instant.getTime() / 1000);
  if (last && last.second === second && last.timeZone === timeZone) return new Date(last.wall);
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((part) => [part.type, Number(part.value)]),
  );
  const wall = new Date(parts['year']!, parts['month']! - 1, parts['day']!, parts['hour']!, parts['minute']!, parts['second']!);
  last = { second, timeZone, wall: wall.getTime() };
  return wall;
}

let last: { second: number; timeZone: string; wall: number } | null = null;

/** true/false when the hours say so at that wall-clock time, null when unknown. */
export function openAt(hours: ParsedOpeningHours | null, wallTime: Date): boolean | null {
  if (!hours) return null;
  try {
    if (hours.getUnknown(wallTime)) return null;
    return hours.getState(wallTime);
  } catch {
    return null;
  }
}

/** How far ahead nextChangeAt looks. */
export const NEXT_CHANGE_MAX_DAYS = 7;
const DAY_MS = 86_400_000;

/**
 * When openAt(hours, ·) next flips, as a wall-clock time: the moment an open place closes (or
 * its hours stop saying it is open), or a closed place opens. null when the state is unknown,
 * when nothing changes within NEXT_CHANGE_MAX_DAYS (open 24/7, closed for the season), and
 * when a closed place's hours become unknown before it opens.
 */
export function nextChangeAt(hours: ParsedOpeningHours | null, wallTime: Date): OpeningChange | null {
  const open = openAt(hours, wallTime);
  if (!hours || open === null) return null;
  try {
    const iterator = hours.getIterator(wallTime);
    const limit = new Date(wallTime.getTime() + NEXT_CHANGE_MAX_DAYS * DAY_MS);
    while (iterator.advance(limit)) {
      const now = iterator.getUnknown() ? null : iterator.getState();
      if (now === open) continue;
      // Open → closed or unknown: it is no longer known to be open. Closed → unknown: no known opening.
      return open || now === true ? wallChange(iterator.getDate(), wallTime) : null;
    }
    return null;
  } catch {
    return null;
  }
}

/** `at` as the widget words it, both Dates in wall-clock local fields. */
function wallChange(at: Date, today: Date): OpeningChange {
  const day = (date: Date) => Date.UTC(date.getFullYear(), date.getMonth(), date.getDate());
  return {
    time: `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`,
    inDays: Math.round((day(at) - day(today)) / DAY_MS),
    weekday: at.getDay(),
  };
}

// Building an Intl.DateTimeFormat is costly; one per time zone is enough.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}
