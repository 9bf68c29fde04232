import { z } from 'zod';

/** The years Nook takes an instant from: a booking or a range far outside them is a typo or a probe, never a break. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2199;

/** An instant written as ISO 8601 with a UTC offset or Z, e.g. 2026-03-09T09:30:00-04:00, in the years above. */
export const isoInstant = z.iso
  .datetime({ offset: true, error: 'Give a date and time in ISO 8601 with its offset, for example 2026-03-09T09:30:00-04:00.' })
  .transform((v) => new Date(v))
  .refine((d) => d.getUTCFullYear() >= FIRST_YEAR && d.getUTCFullYear() <= LAST_YEAR, {
    error: `Give a date between the years ${FIRST_YEAR} and ${LAST_YEAR}.`,
  });

export const bookingTimes = z.object({ start: isoInstant, end: isoInstant });

export const newBookingSchema = bookingTimes.extend({ roomId: z.uuid({ error: 'Choose a room.' }) });

export const idParams = z.object({ id: z.uuid({ error: 'Not found.' }) });

/** A range query; at most 62 days so a request stays small. */
export const rangeQuery = z
  .object({ from: isoInstant, to: isoInstant })
  // The range checks run only once both ends are instants (zod runs refinements after a failed field too).
  .refine((r) => !(r.to instanceof Date && r.from instanceof Date) || r.to > r.from, { error: '`to` must be after `from`.', path: ['to'] })
  .refine((r) => !(r.to instanceof Date && r.from instanceof Date) || r.to.getTime() - r.from.getTime() <= 62 * 86_400_000, {
    error: 'Ask for at most 62 days at a time.',
    path: ['to'],
  });

/**
 * Local date and time as typed in a form, read in the site's zone. A date must exist on the
 * calendar: 2026-02-31 is refused, never rolled over to 3 March.
 */
export const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Use a date such as 2026-03-09.' })
  .refine((d) => {
    const t = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
  }, { error: 'That date does not exist.' });
export const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'Use a time such as 09:30.' });
export const lengthMinutes = z.coerce.number({ error: 'Give a length in minutes.' }).int({ error: 'Give whole minutes.' }).min(1).max(24 * 60);
