import 'server-only';
import type { Db } from '@/db/client';
import { holdForPlacement, place, placing } from '@/db/placement';
import { LONGEST_HOLD_MIN, releaseNoShows } from '@/db/queries/bookings';
import { notify } from '@/db/queries/notifications';
import {
  activePlans,
  cancelOccurrenceRow,
  cancelPlanBookings,
  deleteSkip,
  endPlanRow,
  handledSlots,
  insertPlan,
  insertSkip,
  loadCandidates,
  loadOwnPlan,
  lockPerson,
  ownLive,
  reopenSkippedSlots,
  setBookedThrough,
  siteOfRoom,
  siteZone,
  skipRangesOf,
  updatePlan,
} from '@/db/queries/plans';
import type { Plan } from '@/db/schema';
import { Refusal } from '@/lib/errors';
import {
  bookableThrough,
  expandOccurrences,
  PLAN_MAX_YEARS_DAYS,
  patternOf,
  planOccurrences,
  type CandidateRoom,
  type DateRange,
  type PlanInput,
  type PlannedOccurrence,
  type PlanPattern,
} from '@/lib/plans';
import { addDays, addMinutes, localDayRange, localParts } from '@/lib/time';

/*
 * Pump plans: preview, confirm, change (skip, un-skip, change from a date, extend, end,
 * cancel one break) and the daily roll forward. Each books through the one placement
 * (db/placement.ts) and decides by the pure rules in lib/plans.ts.
 */

export type Choice = { index: number; roomId: string; start: Date };
export type Planned = { planned: PlannedOccurrence[]; later: number; through: string; timeZone: string };

const todayAt = (now: Date, timeZone: string) => localParts(now, timeZone).date;
const roomsOf = (input: Pick<PlanInput, 'preferredRoomId' | 'fallbackRoomIds'>) => [input.preferredRoomId, ...input.fallbackRoomIds];

function validateDates(input: Pick<PlanInput, 'startDate' | 'endDate'>, today: string, allowPastStart = false) {
  if (!allowPastStart && input.startDate < today) throw new Refusal('A plan cannot start in the past. Choose today or a later date.', 'invalid');
  if (input.endDate > addDays(today, PLAN_MAX_YEARS_DAYS)) throw new Refusal('A plan can end at most 3 years from today.', 'invalid');
  if (input.endDate < input.startDate) throw new Refusal('The end date must be on or after the start date.', 'invalid');
}

function countLater(pattern: PlanPattern, tz: string, through: string) {
  return expandOccurrences(pattern, tz, { fromDate: addDays(through, 1), toDate: pattern.endDate }).length;
}

/**
 * Decides every occurrence of the pattern in [range] (already clipped to what may be booked now),
 * leaving out slots the plan has already dealt with.
 */
async function decide(db: Db, input: { userId: string; timeZone: string; pattern: PlanPattern; roomIds: string[]; range: DateRange; now: Date; choices?: Choice[]; handled?: Set<number> }) {
  const { pattern, range, now, timeZone: tz } = input;
  const occurrences = expandOccurrences(pattern, tz, range).filter((o) => !input.handled?.has(o.slot.getTime()));
  if (occurrences.length === 0) return { planned: [] as PlannedOccurrence[], tz, candidates: [] as CandidateRoom[] };
  const from = occurrences[0]!.start;
  const to = addMinutes(occurrences[occurrences.length - 1]!.end, 24 * 60);
  const [candidates, own] = await Promise.all([loadCandidates(db, input.roomIds, addMinutes(from, -60), to), ownLive(db, input.userId, from, to)]);
  const choices = new Map((input.choices ?? []).map((c) => [c.index, { roomId: c.roomId, start: c.start }]));
  return { planned: planOccurrences(occurrences, candidates, own, now, choices), tz, candidates };
}

/** What confirming would book, without booking anything. */
export async function previewPlan(db: Db, input: { userId: string; plan: PlanInput; now: Date }): Promise<Planned> {
  const site = await siteOfRoom(db, input.plan.preferredRoomId);
  const today = todayAt(input.now, site.timeZone);
  validateDates(input.plan, today);
  const through = bookableThrough(input.plan.endDate, today);
  const pattern = patternOf(input.plan, []);
  const { planned, tz } = await decide(db, { userId: input.userId, timeZone: site.timeZone, pattern, roomIds: roomsOf(input.plan), range: { fromDate: input.plan.startDate, toDate: through }, now: input.now });
  return { planned, later: countLater(pattern, tz, through), through, timeZone: tz };
}

/**
 * Books the plan's occurrences in [range] in one statement. Takes the placement's locks (her,
 * then each room shared and its turn, in the one order every placement uses), gives back
 * expired no-shows first, decides against what is committed, then inserts every booking at
 * once through the one placement (db/placement.ts). The EXCLUDE constraints and the
 * one-booking-per-occurrence index still have the last word: when they refuse a row, the
 * whole change runs again from fresh reads (callers run in `placing`).
 */
async function bookRange(tx: Db, plan: Plan, timeZone: string, range: DateRange, now: Date, choices: Choice[] = []): Promise<Planned> {
  const roomIds = roomsOf(plan);
  await holdForPlacement(tx, { person: plan.userId, rooms: roomIds });
  await releaseNoShows(tx, { now, roomIds, lookBackMin: LONGEST_HOLD_MIN });
  const pattern = patternOf(plan, await skipRangesOf(tx, plan.id));
  // Occurrences in the range already dealt with: booked, or cancelled by her (a plan change frees its slots again).
  const handled = await handledSlots(tx, plan.id, localDayRange(range.fromDate, timeZone)[0], localDayRange(range.toDate, timeZone)[1]);
  const { planned, tz, candidates } = await decide(tx, { userId: plan.userId, timeZone, pattern, roomIds, range, now, choices, handled });

  const buffer = new Map(candidates.map((c) => [c.roomId, c.policy.bufferMin]));
  const rows = planned.flatMap((p) => {
    const o = p.outcome;
    if (o.kind !== 'booked') return [];
    const blockEnd = addMinutes(o.end, buffer.get(o.roomId) ?? 0);
    return [{ roomId: o.roomId, stationId: o.stationId, userId: plan.userId, startAt: o.start, endAt: o.end, blockEnd, planId: plan.id, planSlot: p.slot, createdAt: now }];
  });
  await place(tx, { kind: 'new', rows });
  await setBookedThrough(tx, plan.id, plan.bookedThrough && plan.bookedThrough > range.toDate ? plan.bookedThrough : range.toDate);
  return { planned, later: countLater(pattern, tz, range.toDate), through: range.toDate, timeZone: tz };
}

/** Creates the plan and books every bookable occurrence within reach; the answer says what happened to each. */
export async function createPlan(db: Db, input: { userId: string; plan: PlanInput; now: Date; choices?: Choice[] }): Promise<Planned & { plan: Plan }> {
  const site = await siteOfRoom(db, input.plan.preferredRoomId);
  const today = todayAt(input.now, site.timeZone);
  validateDates(input.plan, today);
  return placing(db, async (tx) => {
    await lockPerson(tx, input.userId);
    const plan = await insertPlan(tx, { ...input.plan, userId: input.userId, siteId: site.id });
    const result = await bookRange(tx, plan, site.timeZone, { fromDate: input.plan.startDate, toDate: bookableThrough(input.plan.endDate, today) }, input.now, input.choices);
    return { ...result, plan };
  });
}

/** Skips a date or a range (leave, holidays): its bookings are cancelled and it is never booked again. */
export async function skipDates(db: Db, input: { userId: string; planId: string; range: DateRange; now: Date }): Promise<{ cancelled: number }> {
  return db.transaction(async (tx) => {
    const plan = await loadOwnPlan(tx, input.userId, input.planId, true);
    if (plan.status === 'ended') throw new Refusal('That plan has ended.', 'conflict');
    const tz = await siteZone(tx, plan);
    if (input.range.toDate < todayAt(input.now, tz)) throw new Refusal('Those dates have passed.', 'invalid');
    await insertSkip(tx, plan.id, input.range);
    const cancelled = await cancelPlanBookings(
      tx,
      plan.id,
      { from: localDayRange(input.range.fromDate, tz)[0], to: localDayRange(input.range.toDate, tz)[1], now: input.now },
      'skipped',
    );
    return { cancelled };
  });
}

/** Plans the skipped days again (those still within reach). */
export async function removeSkip(db: Db, input: { userId: string; planId: string; skipId: string; now: Date }): Promise<Planned> {
  return placing(db, async (tx) => {
    const plan = await loadOwnPlan(tx, input.userId, input.planId, true);
    const skip = await deleteSkip(tx, plan.id, input.skipId);
    if (!skip) throw new Refusal('That skipped range was not found.', 'not_found');
    // Bookings cancelled by the skip become plannable again.
    const tz = await siteZone(tx, plan);
    await reopenSkippedSlots(tx, plan.id, localDayRange(skip.fromDate, tz)[0], localDayRange(skip.toDate, tz)[1]);
    const today = todayAt(input.now, tz);
    const from = skip.fromDate > today ? skip.fromDate : today;
    const to = [skip.toDate, plan.bookedThrough ?? today].sort()[0]!;
    if (plan.status === 'ended' || to < from) return { planned: [], later: 0, through: to, timeZone: tz };
    return bookRange(tx, plan, tz, { fromDate: from, toDate: to }, input.now);
  });
}

/** Her live plan, locked with her person row (one booking change of hers at a time), with its zone and today there. */
async function openForChange(tx: Db, input: { userId: string; planId: string; now: Date }) {
  await lockPerson(tx, input.userId);
  const current = await loadOwnPlan(tx, input.userId, input.planId, true);
  if (current.status === 'ended') throw new Refusal('That plan has ended. Start a new plan instead.', 'conflict');
  const tz = await siteZone(tx, current);
  return { current, tz, today: todayAt(input.now, tz) };
}

/**
 * Changes the plan from a date onwards: bookings from that date on are cancelled and the
 * occurrences re-planned with the new pattern; everything before it is left as it was.
 * Extending the end date is the same change with a later end.
 */
export async function changePlanFrom(db: Db, input: { userId: string; planId: string; fromDate: string; plan: Omit<PlanInput, 'startDate'>; now: Date }): Promise<Planned & { plan: Plan }> {
  return placing(db, async (tx) => {
    const { current, tz, today } = await openForChange(tx, input);
    if (input.fromDate < today) throw new Refusal('Changes apply from today or a later date; past breaks stay as they were.', 'invalid');
    validateDates({ startDate: current.startDate, endDate: input.plan.endDate }, today, true);
    if (input.plan.endDate < input.fromDate && input.plan.endDate < current.startDate) throw new Refusal('The end date must be on or after the start date.', 'invalid');
    const site = await siteOfRoom(tx, input.plan.preferredRoomId);
    if (site.id !== current.siteId) throw new Refusal('A plan stays at its site; choose rooms at the same site, or start a new plan.', 'invalid');
    await cancelPlanBookings(tx, current.id, { from: localDayRange(input.fromDate, tz)[0], now: input.now }, 'plan_changed');
    const plan = await updatePlan(tx, current.id, {
      times: input.plan.times,
      weekdays: input.plan.weekdays,
      lengthMin: input.plan.lengthMin,
      preferredRoomId: input.plan.preferredRoomId,
      fallbackRoomIds: input.plan.fallbackRoomIds,
      endDate: input.plan.endDate,
      bookedThrough: addDays(input.fromDate, -1),
      endReminderSentAt: input.plan.endDate > current.endDate ? null : current.endReminderSentAt,
    });
    const through = bookableThrough(plan.endDate, today);
    const start = input.fromDate > plan.startDate ? input.fromDate : plan.startDate;
    if (through < start) return { planned: [], later: 0, through, timeZone: tz, plan };
    const result = await bookRange(tx, plan, tz, { fromDate: start, toDate: through }, input.now);
    return { ...result, plan };
  });
}

/** Moves the plan's end date later and books what has come within reach. */
export async function extendPlan(db: Db, input: { userId: string; planId: string; endDate: string; now: Date }): Promise<Planned & { plan: Plan }> {
  return placing(db, async (tx) => {
    const { current, tz, today } = await openForChange(tx, input);
    if (input.endDate <= current.endDate) throw new Refusal(`Choose an end date after the current one (${current.endDate}).`, 'invalid');
    validateDates({ startDate: current.startDate, endDate: input.endDate }, today, true);
    const plan = await updatePlan(tx, current.id, { endDate: input.endDate, endReminderSentAt: null });
    const through = bookableThrough(plan.endDate, today);
    const next = current.bookedThrough ? addDays(current.bookedThrough, 1) : current.startDate;
    const from = next > today ? next : today;
    if (through < from) return { planned: [], later: countLater(patternOf(plan, []), tz, through), through, timeZone: tz, plan };
    const result = await bookRange(tx, plan, tz, { fromDate: from, toDate: through }, input.now);
    return { ...result, plan };
  });
}

/** Ends the plan today: every later booking it made is cancelled. */
export async function endPlan(db: Db, input: { userId: string; planId: string; now: Date }): Promise<{ cancelled: number }> {
  return db.transaction(async (tx) => {
    const plan = await loadOwnPlan(tx, input.userId, input.planId, true);
    if (plan.status === 'ended') return { cancelled: 0 };
    const tz = await siteZone(tx, plan);
    const today = todayAt(input.now, tz);
    await endPlanRow(tx, plan.id, plan.endDate < today ? plan.endDate : today < plan.startDate ? plan.startDate : today);
    const cancelled = await cancelPlanBookings(tx, plan.id, { from: new Date(0), now: input.now }, 'plan_ended');
    return { cancelled };
  });
}

/** Cancels one occurrence (her booking from this plan); the rest of the plan stays. */
export async function cancelOccurrence(db: Db, input: { userId: string; planId: string; bookingId: string }) {
  return db.transaction((tx) => cancelOccurrenceRow(tx, input));
}

/**
 * The daily run: books each active plan's occurrences that have come within reach, tells
 * the owner about any that found no room, and ends plans whose last day has passed.
 * Each plan is its own transaction, so one plan's trouble never stops the others.
 */
export async function rollForwardPlans(db: Db, now: Date): Promise<{ plans: number; booked: number; noRoom: number }> {
  const active = await activePlans(db);
  let touched = 0;
  let booked = 0;
  let noRoom = 0;
  for (const { plan, timeZone } of active) {
    const today = todayAt(now, timeZone);
    if (plan.endDate < today) {
      await endPlanRow(db, plan.id);
      continue;
    }
    const through = bookableThrough(plan.endDate, today);
    const from = plan.bookedThrough ? addDays(plan.bookedThrough, 1) : plan.startDate > today ? plan.startDate : today;
    const start = from > today ? from : today;
    if (start > through) continue;
    // Counted once the plan's change has committed: a placement that ran again counts once.
    const result = await placing(db, async (tx) => {
      const done = await bookRange(tx, plan, timeZone, { fromDate: start, toDate: through }, now);
      const missed = done.planned.filter((p) => p.outcome.kind === 'no_room').length;
      if (missed > 0) {
        await notify(tx, [plan.userId], {
          kind: 'plan_no_room',
          message: `${missed} ${missed === 1 ? 'break' : 'breaks'} in your pump plan found no free room. Open the plan to choose other times.`,
          link: `/plans/${plan.id}`,
        });
      }
      return done;
    });
    touched++;
    booked += result.planned.filter((p) => p.outcome.kind === 'booked').length;
    noRoom += result.planned.filter((p) => p.outcome.kind === 'no_room').length;
  }
  return { plans: touched, booked, noRoom };
}
