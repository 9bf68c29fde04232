/**
 * The input building blocks every schema in Nook is made of: a calendar date that exists, a
 * time of day, an instant in range, an id, a length in minutes. Each is written once here, so
 * a form, a query string and the JSON API refuse the same input with the same words
 * (2026-02-31 is "That date does not exist." everywhere, never rolled over to 3 March).
 */
import { z } from 'zod';

// ——— A calendar date ———

/** What a date looks like: yyyy-MM-dd. */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const DATE_FORMAT_MESSAGE = 'Use a date such as 2026-03-09.';
export const NO_SUCH_DATE_MESSAGE = 'That date does not exist.';

/** Whether yyyy-MM-dd names a day on the calendar (2026-02-29 and 2026-04-31 do not). */
export function isCalendarDate(v: string): boolean {
  if (!DATE_PATTERN.test(v)) return false;
  const t = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === v;
}

/**
 * The check that makes a date field refuse a day that does not exist. Every date block carries
 * this very check, so tests/calendar-dates.test.ts can find each field built from it.
 */
export const dateExists = z.refine<string>((v) => !DATE_PATTERN.test(v) || isCalendarDate(v), { error: NO_SUCH_DATE_MESSAGE });

/** A local calendar date as typed in a form or a query string: yyyy-MM-dd, and a day that exists. */
export const calendarDate = z.string({ error: DATE_FORMAT_MESSAGE }).check(z.regex(DATE_PATTERN, { error: DATE_FORMAT_MESSAGE }), dateExists);

/** A date the form cannot do without: empty says `needed`, anything else is a calendar date. */
export const requiredDate = (needed: string) =>
  z
    .string({ error: needed })
    .trim()
    .min(1, { error: needed })
    .pipe(calendarDate);

/** A date that may be left out: absent or empty is undefined, anything else is a calendar date. */
export const optionalDate = z
  .string()
  .optional()
  .transform((v) => v?.trim() || undefined)
  .pipe(calendarDate.optional());

/** A date in the query string of a page: a calendar date, or undefined for anything else (the page shows its default). */
export function dateParam(v: unknown): string | undefined {
  const r = calendarDate.safeParse(v);
  return r.success ? r.data : undefined;
}

// ——— A time of day ———

/** A time of day on the 24-hour clock, 00:00 to 23:59. */
export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

export const isTimeOfDay = (v: unknown): v is string => typeof v === 'string' && TIME_PATTERN.test(v);

/** A time of day (HH:MM, 24-hour), refused with the words of the field that asks for it. */
export const timeOfDay = (message = 'Use a time such as 09:30.', needed?: string) =>
  z.string(needed ? { error: needed } : undefined).regex(TIME_PATTERN, { error: message });

// ——— An instant ———

/** The years Nook takes an instant from: a booking or a range far outside them is a typo or a probe, never a break. */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2199;
const INSTANT_MESSAGE = 'Give a date and time in ISO 8601 with its offset, for example 2026-03-09T09:30:00-04:00.';

/** An instant written as ISO 8601 with a UTC offset or Z, e.g. 2026-03-09T09:30:00-04:00, in the years above; its day must exist. */
export const instant = z
  .string({ error: INSTANT_MESSAGE })
  .check(z.refine((v) => !DATE_PATTERN.test(v.slice(0, 10)) || isCalendarDate(v.slice(0, 10)), { error: NO_SUCH_DATE_MESSAGE }))
  .pipe(z.iso.datetime({ offset: true, error: INSTANT_MESSAGE }))
  .transform((v) => new Date(v))
  .refine((d) => d.getUTCFullYear() >= FIRST_YEAR && d.getUTCFullYear() <= LAST_YEAR, {
    error: `Give a date between the years ${FIRST_YEAR} and ${LAST_YEAR}.`,
  });

// ——— An id ———

/** The id of a row (a uuid), refused with the words of the field, e.g. "Choose a room." */
export const id = (message: string) => z.uuid({ error: message });

const anyId = z.uuid();
/** Whether a path segment or query value is an id at all (a page answers 404 when it is not). */
export const isId = (v: unknown): v is string => anyId.safeParse(v).success;

// ——— A length in minutes ———

/** A length in whole minutes from a form field (a string) or JSON (a number), between `min` and `max`. */
export const minutes = ({ min, max, tooShort, tooLong }: { min: number; max: number; tooShort?: string; tooLong?: string }) =>
  z.coerce
    .number({ error: 'Give a length in minutes.' })
    .int({ error: 'Give whole minutes.' })
    .min(min, tooShort ? { error: tooShort } : undefined)
    .max(max, tooLong ? { error: tooLong } : undefined);
