/**
 * Report maths for HR's policy-usage reports: open station-hours from opening hours and
 * out-of-service windows (in the site's zone, so DST days are 23 or 25 hours long),
 * utilisation, the weekday × hour grid, medians, the compliance checklist and the
 * k-anonymity rule. Pure: time comes in as arguments.
 */
import { z } from 'zod';
import { AMENITY_LABELS, type Amenity } from './amenities';
import { calendarDate, id, isCalendarDate } from './schemas/inputs';
import type { OpeningHours } from './opening-hours';
import { addDays, localParts, weekdayOf, zonedInstant } from './time';

/** Groups smaller than this many distinct people are never shown. */
export const K_MIN_PEOPLE = 5;
export const SUPPRESSED = '<5';
/** A report covers at most this many days, so one request stays bounded. */
export const MAX_REPORT_DAYS = 366;

export type Interval = { start: Date; end: Date };
export type Shown = number | typeof SUPPRESSED;

/** A report's day: a calendar date that exists, in the years reports cover. */
const reportDate = calendarDate.refine((v) => !isCalendarDate(v) || (v >= '2000-01-01' && v <= '2100-12-31'), { error: 'Use a date in the years 2000–2100.' });
const optionalId = z
  .union([id('Choose a site or room from the list.'), z.literal('')])
  .optional()
  .transform((v) => v || undefined);

/** The report filters as they arrive in a query string: local dates (inclusive), optional site and room. */
export const reportFilterSchema = z
  .object({ from: reportDate, to: reportDate, siteId: optionalId, roomId: optionalId })
  .refine((f) => f.from <= f.to, { error: 'The end date must be on or after the start date.', path: ['to'] })
  .refine((f) => daysBetween(f.from, f.to) < MAX_REPORT_DAYS, { error: `Choose at most ${MAX_REPORT_DAYS} days.`, path: ['to'] });
/** A report's filters: local dates from..to inclusive, in each site's zone. */
export type ReportFilters = { from: string; to: string; siteId?: string; roomId?: string };

/** Days from date a to date b (calendar, no zone). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Every local date from `from` to `to`, inclusive. */
export function datesIn(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** [start, end) instants of the local dates from..to (inclusive) in a zone. */
export function localRange(from: string, to: string, timeZone: string): Interval {
  return { start: zonedInstant(from, '00:00', timeZone), end: zonedInstant(addDays(to, 1), '00:00', timeZone) };
}

/** Sorted, merged copies of intervals (touching ones join). */
export function mergeIntervals(list: Interval[]): Interval[] {
  const sorted = list.filter((i) => i.end > i.start).sort((a, b) => a.start.getTime() - b.start.getTime());
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) {
      if (i.end > last.end) last.end = i.end;
    } else out.push({ start: i.start, end: i.end });
  }
  return out;
}

/** `from` minus every window in `cut`. */
export function subtractIntervals(from: Interval[], cut: Interval[]): Interval[] {
  const cuts = mergeIntervals(cut);
  const out: Interval[] = [];
  for (const piece of mergeIntervals(from)) {
    let cursor = piece.start;
    for (const c of cuts) {
      if (c.end <= cursor || c.start >= piece.end) continue;
      if (c.start > cursor) out.push({ start: cursor, end: c.start });
      if (c.end > cursor) cursor = c.end;
    }
    if (cursor < piece.end) out.push({ start: cursor, end: piece.end });
  }
  return out;
}

/** The open windows of one local date (empty when closed that weekday). 24:00 is the next midnight. */
export function openWindowOn(date: string, hours: OpeningHours, timeZone: string): Interval | null {
  const day = hours[weekdayOf(date)];
  if (!day) return null;
  const start = zonedInstant(date, day.open, timeZone);
  const end = day.close === '24:00' ? zonedInstant(addDays(date, 1), '00:00', timeZone) : zonedInstant(date, day.close, timeZone);
  return end > start ? { start, end } : null;
}

export type RoomHours = { hours: OpeningHours; timeZone: string; closures: Interval[]; stations: number };

/** The windows a room was open between local dates from..to: opening hours minus out-of-service windows. */
export function openIntervals(room: Omit<RoomHours, 'stations'>, from: string, to: string): Interval[] {
  const open = datesIn(from, to)
    .map((d) => openWindowOn(d, room.hours, room.timeZone))
    .filter((i): i is Interval => i !== null);
  return subtractIntervals(open, room.closures);
}

export const hoursOf = (list: Interval[]) => list.reduce((n, i) => n + (i.end.getTime() - i.start.getTime()), 0) / 3_600_000;

/** Open station-hours: open hours (site's zone, DST-aware, minus closures) times active stations. */
export function openStationHours(room: RoomHours, from: string, to: string): number {
  return hoursOf(openIntervals(room, from, to)) * room.stations;
}

/** Booked station-hours ÷ open station-hours, or null when the room was never open. */
export function utilisation(bookedStationHours: number, openStationHoursValue: number): number | null {
  return openStationHoursValue > 0 ? bookedStationHours / openStationHoursValue : null;
}

/** The bucket a local date falls in: itself, or the Monday of its week. */
export function bucketOf(date: string, by: 'day' | 'week'): string {
  if (by === 'day') return date;
  const wd = weekdayOf(date);
  return addDays(date, -((wd + 6) % 7));
}

/** Per day for ranges up to 31 days, else per week (weeks start on Monday). */
export function bucketSize(from: string, to: string): 'day' | 'week' {
  return daysBetween(from, to) < 31 ? 'day' : 'week';
}

/** Open station-hours of a room in each bucket of the range. */
export function openStationHoursByBucket(room: RoomHours, from: string, to: string, by: 'day' | 'week'): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of datesIn(from, to)) out.set(bucketOf(d, by), (out.get(bucketOf(d, by)) ?? 0) + openStationHours(room, d, d));
  return out;
}

/**
 * Station-hours open in each weekday × local hour cell over the range: for every date, each
 * clock hour's open minutes (a DST day has 23 or 25 hours; a repeated hour counts twice)
 * times stations. Keys are `${weekday}-${hour}`.
 */
export function openStationHoursGrid(room: RoomHours, from: string, to: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const i of openIntervals(room, from, to)) {
    let t = i.start.getTime();
    const end = i.end.getTime();
    while (t < end) {
      const p = localParts(new Date(t), room.timeZone);
      // The end of this local hour: at most 60 minutes on, cut at the interval's end.
      const next = Math.min(end, t + (60 - (p.minutes % 60)) * 60_000);
      const key = `${p.weekday}-${Math.floor(p.minutes / 60)}`;
      out.set(key, (out.get(key) ?? 0) + ((next - t) / 3_600_000) * room.stations);
      t = next;
    }
  }
  return out;
}

/** The middle value (mean of the two middle ones for an even count), or null for none. */
export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * The k-anonymity rule (k = 5). A figure or cell is shown only when
 *  1. the distinct people behind it are 0 or at least 5 (an empty group identifies no one;
 *     1–4 people show "<5"), and
 *  2. no difference with a figure HR can also see reveals a group of 1–4 people. With
 *     filters, HR can read the same figure for an enclosing scope (the room's site, all
 *     sites) for the same dates; the enclosing figure minus this one describes the people
 *     in the enclosing scope who are not in this one (the complement). So every filtered
 *     figure is checked against the complement in each enclosing scope: if that complement
 *     holds 1–4 distinct people, the filtered figure is suppressed too, and the subtraction
 *     gives nothing. (The unfiltered figure has no enclosing scope: its complement is empty.)
 * The same rule applies to each cell of a table, with the people of that cell.
 */
export function isSuppressed(people: number, complements: readonly number[] = []): boolean {
  const small = (n: number) => n > 0 && n < K_MIN_PEOPLE;
  return small(people) || complements.some(small);
}

/** The value as shown: itself, or "<5" when the rule above suppresses it. */
export function shown(value: number, people: number, complements: readonly number[] = []): Shown {
  return isSuppressed(people, complements) ? SUPPRESSED : value;
}

/** Text for a shown figure: "<5", a rounded number, or a percentage. */
export function formatShown(v: Shown | null, kind: 'count' | 'hours' | 'percent' = 'count'): string {
  if (v === null) return '—';
  if (v === SUPPRESSED) return SUPPRESSED;
  if (kind === 'percent') return `${(v * 100).toFixed(1)}%`;
  if (kind === 'hours') return v.toFixed(1);
  return String(v);
}

// ---------------------------------------------------------------------------------------
// Compliance: each room's checklist against its site's rules.

export type CheckItem = 'not_bathroom' | 'shielded' | 'chair' | 'surface' | 'outlet' | 'sink_nearby' | 'fridge_nearby';

export const CHECK_LABELS: Record<CheckItem, string> = {
  not_bathroom: 'Not a bathroom',
  shielded: 'Lockable or shielded from view',
  chair: 'Chair',
  surface: 'Table or surface',
  outlet: 'Power outlet',
  sink_nearby: 'Sink with running water nearby',
  fridge_nearby: 'Fridge nearby',
};

/** Which amenities satisfy an item (any one of them). Nook keeps no "bathroom" flag: every room in Nook is a dedicated private room. */
const ITEM_AMENITIES: Record<CheckItem, Amenity[] | 'dedicated'> = {
  not_bathroom: 'dedicated',
  shielded: ['lockable_door'],
  chair: ['chair'],
  surface: ['surface'],
  outlet: ['power_outlet'],
  sink_nearby: ['sink_in_room', 'sink_nearby'],
  fridge_nearby: ['fridge_in_room', 'fridge_nearby'],
};

export type RuleSet = { name: string; items: CheckItem[] };

export type ChecklistRow = { item: CheckItem; label: string; met: boolean; how: string };

/** A room's checklist: each required item met or missing, and how it is met. */
export function roomChecklist(amenities: readonly string[], rules: RuleSet): { rows: ChecklistRow[]; missing: string[] } {
  const rows = rules.items.map((item) => {
    const need = ITEM_AMENITIES[item];
    if (need === 'dedicated') return { item, label: CHECK_LABELS[item], met: true, how: 'Dedicated lactation room' };
    const have = need.filter((a) => amenities.includes(a));
    return { item, label: CHECK_LABELS[item], met: have.length > 0, how: have.length ? have.map((a) => AMENITY_LABELS[a]).join(', ') : 'Missing' };
  });
  return { rows, missing: rows.filter((r) => !r.met).map((r) => r.label) };
}

/** Share of decided requests decided by their deadline, or null when none were decided. */
export function onTimeShare(decided: number, onTime: number): number | null {
  return decided > 0 ? onTime / decided : null;
}
