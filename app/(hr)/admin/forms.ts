import { JURISDICTION_CODES } from '@/lib/jurisdictions';
import { z } from 'zod';
import type { RoomInput } from '@/db/queries/admin';
import { type ChangeResult } from '@/lib/server/operations/admin-changes';
import { AMENITIES } from '@/lib/amenities';
import type { ActionState } from '@/lib/action-state';
import { dayHoursSchema, WEEKDAYS, type OpeningHours } from '@/lib/opening-hours';
import { MAX_STATIONS, POLICY_NUMBERS, policyProblems, type PolicyNumber } from '@/lib/policy';
import { isTimeZone } from '@/lib/time-zones';
import { id, requiredDate, timeOfDay } from '@/lib/schemas/inputs';

/** The admin forms' fields, read from FormData: every value arrives as a string or not at all. */

const text = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label} can be at most ${max} characters.` })
    .optional()
    .transform((v) => v ?? '');
const required = (label: string, max: number) =>
  z
    .string({ error: `${label} is needed.` })
    .trim()
    .min(1, { error: `${label} is needed.` })
    .max(max, { error: `${label} can be at most ${max} characters.` });
const checkbox = z
  .string()
  .optional()
  .transform((v) => v === 'on');
export const idOf = (what: string) => id(`Choose a ${what}.`);
/** Set by the "Confirm" button once the admin has seen what a change does to people's bookings. */
export const confirm = z
  .string()
  .optional()
  .transform((v) => v === '1');

const clock = z
  .string()
  .trim()
  .optional()
  .transform((v) => v ?? '');
type Day = 0 | 1 | 2 | 3 | 4 | 5 | 6;
type HoursKey = `${'open' | 'close'}${Day}`;
const hoursShape = Object.fromEntries(WEEKDAYS.flatMap((_, d) => [`open${d}`, `close${d}`]).map((k) => [k, clock])) as Record<HoursKey, typeof clock>;

/** Opening hours from the per-day fields `open0`…`close6`; both empty means closed that day. */
function hoursFrom(v: Record<HoursKey, string>, ctx: z.RefinementCtx): OpeningHours {
  return WEEKDAYS.map((day, d) => {
    const open = v[`open${d as Day}`];
    const close = v[`close${d as Day}`];
    if (!open && !close) return null;
    if (!open || !close) {
      ctx.addIssue({ code: 'custom', path: [open ? `close${d}` : `open${d}`], message: `Enter both times for ${day}, or leave both empty if closed.` });
      return null;
    }
    // The first problem of the day only: a badly written time is also "not before closing".
    const issue = dayHoursSchema.safeParse({ open, close }).error?.issues[0];
    if (issue) ctx.addIssue({ code: 'custom', path: [issue.path[0] === 'open' ? `open${d}` : `close${d}`], message: `${day}: ${issue.message}.` });
    return { open, close };
  }) as OpeningHours;
}

export const siteShape = {
  name: required('Name', 100),
  address: text('Address', 300),
  timeZone: z.string({ error: 'Choose a time zone.' }).refine(isTimeZone, { error: 'Choose a time zone from the list, such as America/New_York.' }),
  // Empty: guessed from the time zone until an admin chooses.
  jurisdiction: z
    .string({ error: 'Choose a jurisdiction from the list.' })
    .optional()
    .transform((v) => v || undefined)
    .pipe(z.enum(JURISDICTION_CODES, { error: 'Choose a jurisdiction from the list.' }).optional()),
  ...hoursShape,
};

export function siteFrom(v: z.output<z.ZodObject<typeof siteShape>>, ctx: z.RefinementCtx) {
  return { name: v.name, address: v.address, timeZone: v.timeZone, openingHours: hoursFrom(v, ctx), jurisdiction: v.jurisdiction ?? null };
}

const amenityShape = Object.fromEntries(AMENITIES.map((a) => [`amenity_${a}`, checkbox])) as Record<`amenity_${(typeof AMENITIES)[number]}`, typeof checkbox>;

export const roomShape = {
  name: required('Name', 100),
  floor: text('Floor', 30),
  directions: text('Directions', 500),
  stations: z.coerce
    .number({ error: 'Enter the number of stations.' })
    .int({ error: 'Enter a whole number of stations.' })
    .min(1, { error: 'A room has at least 1 station.' })
    .max(MAX_STATIONS, { error: `A room has at most ${MAX_STATIONS} stations.` }),
  status: z.enum(['active', 'out_of_service'], { error: 'Choose whether the room is in service.' }),
  outOfServiceReason: text('The reason', 300),
  ownHours: checkbox,
  ...amenityShape,
  ...hoursShape,
};

export function roomFrom(v: z.output<z.ZodObject<typeof roomShape>>, ctx: z.RefinementCtx): RoomInput {
  if (v.status === 'out_of_service' && !v.outOfServiceReason) {
    ctx.addIssue({ code: 'custom', path: ['outOfServiceReason'], message: 'Say why the room is out of service: people see the reason.' });
  }
  return {
    name: v.name,
    floor: v.floor,
    directions: v.directions,
    amenities: AMENITIES.filter((a) => v[`amenity_${a}`]),
    openingHours: v.ownHours ? hoursFrom(v, ctx) : null,
    stations: v.stations,
    status: v.status,
    outOfServiceReason: v.status === 'out_of_service' ? v.outOfServiceReason : null,
  };
}

const policyNumbers = Object.fromEntries(
  POLICY_NUMBERS.map((f) => [f.name, z.coerce.number({ error: `Enter the ${f.label.toLowerCase()} in ${f.unit}.` })]),
) as Record<PolicyNumber, z.ZodCoercedNumber>;

export const policySchema = z
  .object({ siteId: idOf('site'), ...policyNumbers, checkInRequired: checkbox })
  .superRefine((v, ctx) => {
    for (const [path, message] of Object.entries(policyProblems(v))) ctx.addIssue({ code: 'custom', path: [path], message });
  });

const date = requiredDate('Choose a date.');
const time = timeOfDay('Choose a time, such as 09:00.', 'Choose a time.');

export const closureSchema = z
  .object({ roomId: idOf('room'), startDate: date, startTime: time, endDate: date, endTime: time, reason: required('Reason', 300), confirm })
  .refine((v) => `${v.endDate}T${v.endTime}` > `${v.startDate}T${v.startTime}`, { path: ['endTime'], error: 'The window must end after it starts.' });

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What an admin is told after a change that may move or cancel bookings, or asked before it does. */
export function changeAnswer(result: ChangeResult<unknown>, saved: string): ActionState {
  const { moved, cancelled } = result.affected;
  const effects = [moved && `${plural(moved, 'booking')} moved to a free station or room at the same time`, cancelled && `${plural(cancelled, 'booking')} cancelled`].filter(Boolean);
  if (!result.done) {
    const will = !cancelled
      ? 'Each will move to a free station or room at the same time'
      : !moved
        ? 'No station or room is free at the same time, so each will be cancelled'
        : `${moved} will move to a free station or room at the same time and ${cancelled} will be cancelled`;
    return {
      ok: false,
      status: 409,
      confirm: true,
      message: `This change affects ${plural(moved + cancelled, 'upcoming booking')}. ${will}, and each person will be told.`,
    };
  }
  return { ok: true, status: 200, message: effects.length ? `${saved} ${effects.join('; ')}; each person was told.` : saved };
}
