'use server';

import { z } from 'zod';
import { cancelOccurrence, changePlanFrom, createPlan, endPlan, extendPlan, previewPlan, removeSkip, skipDates } from '@/lib/server/operations/plans';
import { defineAction, type Stale } from '@/lib/server/auth/action';
import { summarise, type PlannedOccurrence } from '@/lib/plans';
import { calendarDate, id } from '@/lib/schemas/inputs';
import { dateRangeSchema, planConfirmSchema, planPatternSchema } from '@/lib/schemas/plan';
import { formatDate, formatDateSpan, formatLocal, formatTime } from '@/lib/time';

/** One occurrence as the page shows it: plain strings, local to the site. */
export type OccurrenceRow = {
  index: number;
  when: string;
  outcome: 'preferred' | 'fallback' | 'nearby' | 'no_room' | 'past' | 'own_overlap';
  detail: string;
  alternatives: { value: string; label: string }[];
};

export type PlanResult = {
  rows: OccurrenceRow[];
  summary: ReturnType<typeof summarise>;
  later: number;
  through: string;
  planId?: string;
};

function present(planned: PlannedOccurrence[], tz: string, later: number, through: string, planId?: string): PlanResult {
  const rows = planned.map((p, index): OccurrenceRow => {
    const when = formatLocal(p.start, tz);
    const o = p.outcome;
    switch (o.kind) {
      case 'booked':
        return {
          index,
          when,
          outcome: o.choice,
          detail: `${o.roomName}, ${formatTime(o.start, tz)}–${formatTime(o.end, tz)}${o.choice === 'fallback' ? ' (fallback)' : o.choice === 'nearby' ? ' (nearby time)' : ''}`,
          alternatives: [],
        };
      case 'no_room':
        return {
          index,
          when,
          outcome: 'no_room',
          detail: o.reason,
          alternatives: o.alternatives.map((a) => ({
            value: `${index}|${a.roomId}|${a.start.toISOString()}`,
            label: `${a.roomName} at ${formatTime(a.start, tz)}`,
          })),
        };
      case 'past':
        return { index, when, outcome: 'past', detail: 'Already past', alternatives: [] };
      default:
        return { index, when, outcome: 'own_overlap', detail: o.message, alternatives: [] };
    }
  });
  return { rows, summary: summarise(planned), later, through, planId };
}

function describe(r: PlanResult, verb: 'would book' | 'booked'): string {
  const s = r.summary;
  const parts = [`${s.booked} ${s.booked === 1 ? 'break' : 'breaks'} ${verb}`];
  if (s.fallback) parts.push(`${s.fallback} in a fallback room`);
  if (s.nearby) parts.push(`${s.nearby} at a nearby time`);
  if (s.noRoom) parts.push(`${s.noRoom} with no room`);
  if (s.ownOverlap) parts.push(`${s.ownOverlap} clashing with your other bookings`);
  const later = r.later ? ` ${r.later} later ${r.later === 1 ? 'break is' : 'breaks are'} booked as ${r.later === 1 ? 'it comes' : 'they come'} within 90 days.` : '';
  return `${parts.join(', ')} through ${formatDate(r.through)}.${later}`;
}

/** Shows every occurrence and what confirming would do with it; books nothing. */
export const previewPlanAction = defineAction('employee', planPatternSchema, async (plan, { user, db }) => {
  const r = await previewPlan(db, { userId: user.id, plan, now: new Date() });
  const data = present(r.planned, r.timeZone, r.later, r.through);
  return { ok: true, status: 200, message: `Preview: ${describe(data, 'would book')}`, data };
});

/** Every plan change books or cancels breaks: it counts as booking changes, and her plan and bookings go stale. */
const planChange = (extra: (input: { planId: string }) => Stale[] = () => []) => ({
  rateLimit: 'booking' as const,
  revalidate: (input: { planId: string }) => [`/plans/${input.planId}`, '/bookings', ...extra(input)],
});

/** Creates the plan and books every bookable occurrence within 90 days. */
export const createPlanAction = defineAction(
  'employee',
  planConfirmSchema,
  async (input, { user, db }) => {
    const { choice, ...plan } = input;
    const r = await createPlan(db, { userId: user.id, plan, now: new Date(), choices: choice });
    const data = present(r.planned, r.timeZone, r.later, r.through, r.plan.id);
    return { ok: true, status: 201, message: `Plan created: ${describe(data, 'booked')}`, data };
  },
  { rateLimit: 'booking', revalidate: ['/plans', '/bookings'] },
);

const planId = id('Choose a plan.');

export const skipDatesAction = defineAction(
  'employee',
  dateRangeSchema.and(z.object({ planId })),
  async (input, { user, db }) => {
    const r = await skipDates(db, { userId: user.id, planId: input.planId, range: input, now: new Date() });
    const days = formatDateSpan(input.fromDate, input.toDate);
    return { ok: true, status: 200, message: `Skipping ${days}: ${r.cancelled} ${r.cancelled === 1 ? 'booking' : 'bookings'} cancelled.` };
  },
  planChange(),
);

export const removeSkipAction = defineAction(
  'employee',
  z.object({ planId, skipId: id('Choose a skipped range.') }),
  async (input, { user, db }) => {
    const r = await removeSkip(db, { userId: user.id, planId: input.planId, skipId: input.skipId, now: new Date() });
    const booked = summarise(r.planned).booked;
    return { ok: true, status: 200, message: `Those days are planned again: ${booked} ${booked === 1 ? 'break' : 'breaks'} booked.` };
  },
  planChange(),
);

export const cancelOccurrenceAction = defineAction(
  'employee',
  z.object({ planId, bookingId: id('Choose a break.') }),
  async (input, { user, db }) => {
    await cancelOccurrence(db, { userId: user.id, planId: input.planId, bookingId: input.bookingId });
    return { ok: true, status: 200, message: 'That break is cancelled; the rest of the plan stays.' };
  },
  planChange(),
);

const changeSchema = planPatternSchema.and(z.object({ planId, fromDate: calendarDate }));

/** Changes the plan from a date onwards; what is before it stays as it was. */
export const changePlanAction = defineAction(
  'employee',
  changeSchema,
  async (input, { user, db }) => {
    const { planId: id, fromDate, ...plan } = input;
    const r = await changePlanFrom(db, { userId: user.id, planId: id, fromDate, plan, now: new Date() });
    const data = present(r.planned, r.timeZone, r.later, r.through, id);
    return { ok: true, status: 200, message: `Plan changed from ${fromDate}: ${describe(data, 'booked')}`, data };
  },
  planChange(),
);

export const extendPlanAction = defineAction(
  'employee',
  z.object({ planId, endDate: calendarDate }),
  async (input, { user, db }) => {
    const r = await extendPlan(db, { userId: user.id, planId: input.planId, endDate: input.endDate, now: new Date() });
    const data = present(r.planned, r.timeZone, r.later, r.through, input.planId);
    return { ok: true, status: 200, message: `Plan extended to ${formatDate(input.endDate)}: ${describe(data, 'booked')}`, data };
  },
  planChange(),
);

export const endPlanAction = defineAction(
  'employee',
  z.object({ planId }),
  async (input, { user, db }) => {
    const r = await endPlan(db, { userId: user.id, planId: input.planId, now: new Date() });
    return { ok: true, status: 200, message: `Plan ended; ${r.cancelled} upcoming ${r.cancelled === 1 ? 'booking' : 'bookings'} cancelled.` };
  },
  planChange(() => ['/plans']),
);
