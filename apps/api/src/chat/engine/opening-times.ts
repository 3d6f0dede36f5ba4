import type { OpeningChange } from '@holibot/contracts';
import type { CatalogueEntry } from '../../poi/index.js';
import type { DayPart, When } from './lexicon.js';

/** The wall-clock span a question's time words name ("tonight": today 19:00–24:00). */
export interface TimeWindow {
  from: Date;
  to: Date;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Hours of each part of the day, as a visitor means them. */
const PARTS: Record<Exclude<DayPart, 'now'>, [number, number]> = {
  morning: [8, 12],
  lunch: [13, 16],
  afternoon: [15, 19],
  evening: [19, 24],
  dinner: [19, 24],
};

/**
 * The span `when` names, seen from the wall-clock time `now`. A part of the day with no day
 * named starts no earlier than now, and is tomorrow's once over ("for lunch" at 20:00); "today"
 * is the rest of today; a weekday is that whole day (today's included: "on Sunday" asks about
 * Sunday's hours). Null for "now", which is an instant (the engine's open-now filter).
 */
export function timeWindow(when: When, now: Date): TimeWindow | null {
  if (when.part === 'now') return null;
  const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  let dayStart: Date;
  if (when.day === undefined || when.day === 'today') dayStart = midnight;
  else if (when.day === 'tomorrow') dayStart = addDays(midnight, 1);
  else dayStart = addDays(midnight, (when.day - now.getDay() + 7) % 7);
  const [fromHour, toHour] = when.part ? PARTS[when.part] : [0, 24];
  let from = new Date(dayStart.getTime() + fromHour * HOUR);
  let to = new Date(dayStart.getTime() + toHour * HOUR);
  if (when.day === undefined && to <= now) {
    from = addDays(from, 1);
    to = addDays(to, 1);
  }
  const sameDay = when.day === undefined || when.day === 'today';
  if (sameDay && from < now && to > now) from = new Date(now.getTime());
  return { from, to };
}

/** Adds calendar days in wall-clock time (these Dates hold wall-clock local fields). */
function addDays(date: Date, days: number): Date {
  const next = new Date(date.getTime());
  next.setDate(next.getDate() + days);
  return next;
}

/**
 * Whether the place is open at some time within the window: its open intervals there (clipped
 * to the window: cheap, for filtering); [] when closed all the window, null when its hours are
 * unknown.
 */
export function openIntervals(entry: CatalogueEntry, window: TimeWindow): Array<[Date, Date]> | null {
  if (!entry.hours) return null;
  try {
    return entry.hours.getOpenIntervals(window.from, window.to).flatMap(([start, end, unknown]) => (unknown ? [] : [[start, end] as [Date, Date]]));
  } catch {
    return null;
  }
}

/**
 * The place's opening times that overlap the window, as the visitor reads them: whole ("a bar
 * open 18:00–02:00", not cut at the window's edges), each once, in order; 'allDay' for round the
 * clock (an opening that lasts a whole day); null for unknown hours.
 */
export function openTimes(entry: CatalogueEntry, window: TimeWindow): string[] | 'allDay' | null {
  if (!entry.hours) return null;
  try {
    const around = entry.hours.getOpenIntervals(new Date(window.from.getTime() - DAY), new Date(window.to.getTime() + DAY));
    const overlapping = around.filter(([start, end, unknown]) => !unknown && start < window.to && end > window.from);
    if (overlapping.some(([start, end]) => end.getTime() - start.getTime() >= DAY - 60_000)) return 'allDay';
    return [...new Set(overlapping.map(([start, end]) => formatInterval([start, end])))];
  } catch {
    return null;
  }
}

/** "19:30–23:30" */
export function formatInterval([start, end]: [Date, Date]): string {
  return `${clock(start)}–${clock(end)}`;
}

/** When the place first opens at or after the window's start, as seen from `now`; null if not within a week. */
export function firstOpeningAfter(entry: CatalogueEntry, window: TimeWindow, now: Date): OpeningChange | null {
  if (!entry.hours) return null;
  try {
    const [first] = entry.hours.getOpenIntervals(window.from, new Date(window.from.getTime() + 7 * DAY)).filter(([, , unknown]) => !unknown);
    if (!first) return null;
    const day = (date: Date) => Date.UTC(date.getFullYear(), date.getMonth(), date.getDate());
    return { time: clock(first[0]), inDays: Math.round((day(first[0]) - day(now)) / DAY), weekday: first[0].getDay() };
  } catch {
    return null;
  }
}

function clock(date: Date): string {
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}
