import { z } from 'zod';
import { MAX_BOOKING_MIN, MAX_BREAKS_A_DAY, MIN_BOOKING_MIN } from '../policy';
import { calendarDate, id, instant, minutes, timeOfDay } from './inputs';

const localTime = timeOfDay('Use a time such as 09:30.');

/** A form field sent once arrives as a string, several times as an array: always an array here. */
const many = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v.filter((x) => x !== '') : [v]), z.array(item));

export const planPatternSchema = z
  .object({
    times: many(localTime)
      .pipe(z.array(localTime).min(1, { error: 'Add at least one break time.' }).max(MAX_BREAKS_A_DAY, { error: `A plan can hold at most ${MAX_BREAKS_A_DAY} breaks a day.` }))
      .refine((t) => new Set(t).size === t.length, { error: 'Each break time can appear only once.' }),
    weekdays: many(z.coerce.number().int().min(0).max(6, { error: 'Choose weekdays from the list.' })).pipe(
      z.array(z.number()).min(1, { error: 'Choose at least one weekday.' }),
    ),
    lengthMin: minutes({
      min: MIN_BOOKING_MIN,
      max: MAX_BOOKING_MIN,
      tooShort: `A break is at least ${MIN_BOOKING_MIN} minutes.`,
      tooLong: `A break is at most ${MAX_BOOKING_MIN} minutes.`,
    }),
    preferredRoomId: id('Choose a preferred room.'),
    fallbackRoomIds: many(id('Choose fallback rooms from the list.')).pipe(
      z.array(z.string()).max(3, { error: 'Choose at most 3 fallback rooms.' }),
    ),
    startDate: calendarDate,
    endDate: calendarDate,
  })
  .refine((p) => p.endDate >= p.startDate, { error: 'The end date must be on or after the start date.', path: ['endDate'] })
  .refine((p) => !p.fallbackRoomIds.includes(p.preferredRoomId) && new Set(p.fallbackRoomIds).size === p.fallbackRoomIds.length, {
    error: 'Each room can appear only once among the preferred and fallback rooms.',
    path: ['fallbackRoomIds'],
  });

export type PlanPatternInput = z.output<typeof planPatternSchema>;

/** "index|roomId|start": a nearby time she picked for an occurrence with no room at its planned time. */
const choice = z
  .string()
  .regex(/^\d{1,4}\|[0-9a-f-]{36}\|[\dT:.Z+-]{10,40}$/i, { error: 'That choice of time is not valid.' })
  .transform((v) => {
    const [index, roomId, start] = v.split('|') as [string, string, string];
    return { index: Number(index), roomId, start };
  })
  // The start is an instant like any other: a day that does not exist is refused, never rolled over.
  .pipe(z.object({ index: z.number(), roomId: z.string(), start: instant }));

export const planConfirmSchema = planPatternSchema.and(z.object({ choice: many(choice) }));

export const dateRangeSchema = z
  .object({ fromDate: calendarDate, toDate: calendarDate })
  .refine((r) => r.toDate >= r.fromDate, { error: 'The last day must be on or after the first.', path: ['toDate'] })
  .refine((r) => new Date(r.toDate).getTime() - new Date(r.fromDate).getTime() <= 366 * 86_400_000, {
    error: 'Skip at most a year at a time.',
    path: ['toDate'],
  });
