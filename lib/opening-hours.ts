import { z } from 'zod';
import { isTimeOfDay, timeOfDay } from './schemas/inputs';
import { addDays, weekdayOf } from './time';

/** 0 = Sunday … 6 = Saturday, as in Date#getDay. */
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

const hhmm = timeOfDay('Use a 24-hour time such as 08:30');
/** A closing time may be 24:00: open until midnight, as rooms for night shifts are. */
const closing = z.string().refine((v) => isTimeOfDay(v) || v === '24:00', { error: 'Use a 24-hour time such as 18:00, or 24:00 for midnight' });

export const dayHoursSchema = z
  .object({ open: hhmm, close: closing })
  .refine((d) => d.open < d.close, { error: 'Closing time must be after opening time' });

/** Opening hours per weekday; null means closed that day. */
export const openingHoursSchema = z.tuple([
  dayHoursSchema.nullable(),
  dayHoursSchema.nullable(),
  dayHoursSchema.nullable(),
  dayHoursSchema.nullable(),
  dayHoursSchema.nullable(),
  dayHoursSchema.nullable(),
  dayHoursSchema.nullable(),
]);

export type DayHours = z.infer<typeof dayHoursSchema>;
export type OpeningHours = z.infer<typeof openingHoursSchema>;

export function weekdayHours(open: string, close: string, weekend: DayHours | null = null): OpeningHours {
  const day = { open, close };
  return [weekend, day, day, day, day, day, weekend];
}

/** Open every day, all day. */
export const ROUND_THE_CLOCK: OpeningHours = weekdayHours('00:00', '24:00', { open: '00:00', close: '24:00' });

/** "Mon–Fri 07:00–19:00" style summary for display. */
export function describeOpeningHours(hours: OpeningHours): string[] {
  const lines: string[] = [];
  let i = 1;
  const order = [1, 2, 3, 4, 5, 6, 0];
  const label = (d: DayHours | null) => (d ? `${d.open}–${d.close}` : 'Closed');
  while (i <= order.length) {
    const start = order[i - 1]!;
    const text = label(hours[start]!);
    let end = i;
    while (end < order.length && label(hours[order[end]!]!) === text) end++;
    const first = WEEKDAYS[start]!.slice(0, 3);
    const last = WEEKDAYS[order[end - 1]!]!.slice(0, 3);
    lines.push(`${first === last ? first : `${first}–${last}`} ${text}`);
    i = end + 1;
  }
  return lines;
}

/**
 * The first calendar date on or after `from` (yyyy-MM-dd) on which a place with these hours
 * opens: the one answer to "the next day the room is open", for code and tests alike.
 */
export function firstOpenDate(hours: OpeningHours, from: string): string {
  let date = from;
  for (let i = 0; i < 7; i++, date = addDays(date, 1)) {
    if (hours[weekdayOf(date)]) return date;
  }
  throw new Error('These opening hours never open');
}
