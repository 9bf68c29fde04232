import { z } from 'zod';
import { calendarDate, id, instant, minutes, timeOfDay } from './inputs';

/** An instant with its offset, in the years Nook takes (the input block, under the name the booking schemas use). */
export const isoInstant = instant;

export const bookingTimes = z.object({ start: instant, end: instant });

export const newBookingSchema = bookingTimes.extend({ roomId: id('Choose a room.') });

export const idParams = z.object({ id: id('Not found.') });

/** A range query; at most 62 days so a request stays small. */
export const rangeQuery = z
  .object({ from: instant, to: instant })
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
export const localDate = calendarDate;
export const localTime = timeOfDay('Use a time such as 09:30.');
export const lengthMinutes = minutes({ min: 1, max: 24 * 60 });
