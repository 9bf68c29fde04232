import { TZDate } from '@date-fns/tz';

/** A calendar date 'yyyy-MM-dd' and a wall-clock time 'HH:mm' in some zone. */
export type LocalParts = { date: string; time: string; weekday: number; minutes: number };

const pad = (n: number) => String(n).padStart(2, '0');

/** The instant at which the wall clock in `timeZone` shows `date` `time`. A time skipped by a DST change moves forward. */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, 0, timeZone).getTime());
}

/** What the wall clock and calendar show at `instant` in `timeZone`. */
export function localParts(instant: Date, timeZone: string): LocalParts {
  const z = new TZDate(instant.getTime(), timeZone);
  const hours = z.getHours();
  const minutes = z.getMinutes();
  return {
    date: `${z.getFullYear()}-${pad(z.getMonth() + 1)}-${pad(z.getDate())}`,
    time: `${pad(hours)}:${pad(minutes)}`,
    weekday: z.getDay(),
    minutes: hours * 60 + minutes,
  };
}

/** 'yyyy-MM-dd' plus n days, on the calendar (no zone involved). */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** The weekday (0 = Sunday) of a calendar date. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** [start, end) of a local calendar day: 23, 24 or 25 hours long. */
export function localDayRange(date: string, timeZone: string): [Date, Date] {
  return [zonedInstant(date, '00:00', timeZone), zonedInstant(addDays(date, 1), '00:00', timeZone)];
}

export function minutesBetween(a: Date, b: Date): number {
  return Math.round((b.getTime() - a.getTime()) / 60_000);
}

export function addMinutes(d: Date, minutes: number): Date {
  return new Date(d.getTime() + minutes * 60_000);
}

export function overlaps(aStart: Date, aEnd: Date, bStart: Date, bEnd: Date): boolean {
  return aStart < bEnd && bStart < aEnd;
}

/** "Tue 10 Mar, 09:30" in the zone, for messages. */
export function formatLocal(instant: Date, timeZone: string, options: Intl.DateTimeFormatOptions = {}): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...options,
  }).format(instant);
}

/**
 * A zone as people say it: "America/New_York" is "New York time". Ids that name no place
 * ("UTC", "Etc/GMT+5") stay as they are.
 */
export function zoneLabel(timeZone: string): string {
  const place = /^(?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)\/(?:[A-Za-z_-]+\/)?([A-Za-z_-]+)$/.exec(timeZone)?.[1];
  return place ? `${place.replace(/_/g, ' ')} time` : timeZone;
}

/**
 * A calendar date (yyyy-MM-dd, no zone: it is a day on the site's clock) as "Thu 26 Nov 2026",
 * or in full for a written document: "Thursday, 26 November 2026".
 */
export function formatDate(date: string, style: 'short' | 'long' = 'short'): string {
  const long = style === 'long';
  const text = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: long ? 'long' : 'short', day: 'numeric', month: long ? 'long' : 'short', year: 'numeric' }).format(
    new Date(`${date}T12:00:00Z`),
  );
  return long ? text : text.replace(',', '');
}

/** A calendar date without its year, where the year is plain from the context: "Wed 2 Dec". */
export function formatDay(date: string): string {
  return formatDate(date).replace(/ \d{4}$/, '');
}

/** A span of calendar dates: "Mon 7 Dec 2026 to Fri 11 Dec 2026", or one date when they are the same. */
export function formatDateSpan(from: string, to: string): string {
  return from === to ? formatDate(from) : `${formatDate(from)} to ${formatDate(to)}`;
}

export function formatTime(instant: Date, timeZone: string): string {
  return localParts(instant, timeZone).time;
}

/** The time alone when `instant` falls on the same local day as `now` (after `prefix`, e.g. "at "), else the day and time. */
export function formatWhen(instant: Date, now: Date, timeZone: string, prefix = ''): string {
  return localParts(instant, timeZone).date === localParts(now, timeZone).date ? `${prefix}${formatTime(instant, timeZone)}` : formatLocal(instant, timeZone);
}
