import { and, asc, desc, eq, gt, gte, inArray, lt, lte, ne, or, sql } from 'drizzle-orm';
import { type Window } from '@/lib/booking-rules';
import { Refusal } from '@/lib/errors';
import {
  bookableThrough,
  expandOccurrences,
  PLAN_BOOKING_DAYS,
  PLAN_MAX_YEARS_DAYS,
  planOccurrences,
  type CandidateRoom,
  type DateRange,
  type PlannedOccurrence,
  type PlanInput,
  type PlanPattern,
} from '@/lib/plans';
import { addDays, addMinutes, formatLocal, localDayRange, localParts } from '@/lib/time';
import type { Db } from '../client';
import { holdForPlacement, place, placing } from '../placement';
import { bookings, notifications, planSkips, plans, policies, roomClosures, rooms, sites, stations, users, type Plan } from '../schema';
import { busyInRoom, LONGEST_HOLD_MIN, markCancelled, releaseNoShows, siteInfo } from './bookings';

type Tx = Db;

export type { PlanInput };

export type Choice = { index: number; roomId: string; start: Date };

const todayAt = (now: Date, timeZone: string) => localParts(now, timeZone).date;

/**
 * The candidate rooms in order of preference, each with its site, policy, stations, live
 * bookings and closures across [from, to): five queries however many occurrences there are.
 */
async function loadCandidates(db: Tx, roomIds: string[], from: Date, to: Date): Promise<CandidateRoom[]> {
  const [roomRows, stationRows, busyRows, closureRows] = await Promise.all([
    db
      .select({ room: rooms, site: sites, policy: policies })
      .from(rooms)
      .innerJoin(sites, eq(sites.id, rooms.siteId))
      .innerJoin(policies, eq(policies.siteId, sites.id))
      .where(inArray(rooms.id, roomIds)),
    db
      .select({ id: stations.id, roomId: stations.roomId, position: stations.position, label: stations.label })
      .from(stations)
      .where(and(inArray(stations.roomId, roomIds), eq(stations.active, true)))
      .orderBy(asc(stations.position)),
    busyInRoom(db, roomIds, from, to),
    db.select().from(roomClosures).where(and(inArray(roomClosures.roomId, roomIds), lt(roomClosures.startAt, to), gt(roomClosures.endAt, from))),
  ]);
  if (roomRows.length !== new Set(roomIds).size) throw new Refusal('One of the rooms you chose does not exist.', 'invalid');
  const siteIds = new Set(roomRows.map((r) => r.site.id));
  if (siteIds.size > 1) throw new Refusal('The preferred and fallback rooms must all be at one site.', 'invalid');
  return roomIds.map((id) => {
    const { room, site, policy } = roomRows.find((r) => r.room.id === id)!;
    return {
      roomId: room.id,
      roomName: room.name,
      site: siteInfo(site),
      room,
      policy,
      timeline: {
        timeZone: site.timeZone,
        hours: room.openingHours ?? site.openingHours,
        stations: stationRows.filter((s) => s.roomId === id),
        busy: busyRows.filter((b) => b.roomId === id).map((b) => ({ stationId: b.stationId, start: b.start, blockEnd: b.blockEnd })),
        closures: closureRows.filter((c) => c.roomId === id).map((c) => ({ start: c.startAt, end: c.endAt, reason: c.reason })),
        outOfService: room.status === 'out_of_service',
      },
    };
  });
}

async function ownLive(db: Tx, userId: string, from: Date, to: Date): Promise<Window[]> {
  return db
    .select({ start: bookings.startAt, end: bookings.endAt })
    .from(bookings)
    .where(and(eq(bookings.userId, userId), eq(bookings.status, 'booked'), gte(bookings.startAt, addMinutes(from, -36 * 60)), lt(bookings.startAt, addMinutes(to, 36 * 60))));
}

async function siteOfRoom(db: Tx, roomId: string) {
  const [row] = await db.select({ site: sites }).from(rooms).innerJoin(sites, eq(sites.id, rooms.siteId)).where(eq(rooms.id, roomId));
  if (!row) throw new Refusal('Choose a preferred room that exists.', 'invalid');
  return row.site;
}

function validateDates(input: Pick<PlanInput, 'startDate' | 'endDate'>, today: string, allowPastStart = false) {
  if (!allowPastStart && input.startDate < today) throw new Refusal('A plan cannot start in the past. Choose today or a later date.', 'invalid');
  if (input.endDate > addDays(today, PLAN_MAX_YEARS_DAYS)) throw new Refusal('A plan can end at most 3 years from today.', 'invalid');
  if (input.endDate < input.startDate) throw new Refusal('The end date must be on or after the start date.', 'invalid');
}

type Planned = { planned: PlannedOccurrence[]; later: number; through: string; timeZone: string };

/**
 * Decides every occurrence of the pattern in [range] (already clipped to what may be booked now),
 * leaving out slots the plan has already dealt with.
 */
async function decide(db: Tx, input: { userId: string; timeZone: string; pattern: PlanPattern; roomIds: string[]; range: DateRange; now: Date; choices?: Choice[]; handled?: Set<number> }) {
  const { pattern, range, now, timeZone: tz } = input;
  const occurrences = expandOccurrences(pattern, tz, range).filter((o) => !input.handled?.has(o.slot.getTime()));
  if (occurrences.length === 0) return { planned: [] as PlannedOccurrence[], tz, candidates: [] as CandidateRoom[] };
  const from = occurrences[0]!.start;
  const to = addMinutes(occurrences[occurrences.length - 1]!.end, 24 * 60);
  const [candidates, own] = await Promise.all([loadCandidates(db, input.roomIds, addMinutes(from, -60), to), ownLive(db, input.userId, from, to)]);
  const choices = new Map((input.choices ?? []).map((c) => [c.index, { roomId: c.roomId, start: c.start }]));
  return { planned: planOccurrences(occurrences, candidates, own, now, choices), tz, candidates };
}

function patternOf(input: PlanInput, skips: DateRange[]): PlanPattern {
  return { times: input.times, weekdays: input.weekdays, lengthMin: input.lengthMin, startDate: input.startDate, endDate: input.endDate, skips };
}

const roomsOf = (input: Pick<PlanInput, 'preferredRoomId' | 'fallbackRoomIds'>) => [input.preferredRoomId, ...input.fallbackRoomIds];

function countLater(pattern: PlanPattern, tz: string, through: string) {
  return expandOccurrences(pattern, tz, { fromDate: addDays(through, 1), toDate: pattern.endDate }).length;
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
async function bookRange(tx: Tx, plan: Plan, timeZone: string, range: DateRange, now: Date, choices: Choice[] = []): Promise<Planned> {
  const roomIds = [plan.preferredRoomId, ...plan.fallbackRoomIds];
  await holdForPlacement(tx, { person: plan.userId, rooms: roomIds });
  await releaseNoShows(tx, { now, roomIds, lookBackMin: LONGEST_HOLD_MIN });

  const skips = await tx.select({ fromDate: planSkips.fromDate, toDate: planSkips.toDate }).from(planSkips).where(eq(planSkips.planId, plan.id));
  const pattern = patternOf({ ...plan, fallbackRoomIds: plan.fallbackRoomIds }, skips);
  // Occurrences in the range already dealt with: booked, or cancelled by her (a plan change frees its slots again).
  const handledRows = await tx
    .select({ slot: bookings.planSlot })
    .from(bookings)
    .where(
      and(
        eq(bookings.planId, plan.id),
        gte(bookings.planSlot, localDayRange(range.fromDate, timeZone)[0]),
        lt(bookings.planSlot, localDayRange(range.toDate, timeZone)[1]),
        or(eq(bookings.status, 'booked'), ne(sql`coalesce(${bookings.cancelReason}, '')`, 'plan_changed')),
      ),
    );
  const handled = new Set(handledRows.map((r) => r.slot!.getTime()));
  const { planned, tz, candidates } = await decide(tx, { userId: plan.userId, timeZone, pattern, roomIds, range, now, choices, handled });

  const buffer = new Map(candidates.map((c) => [c.roomId, c.policy.bufferMin]));
  const values = planned.flatMap((p) => {
    const o = p.outcome;
    if (o.kind !== 'booked') return [];
    const blockEnd = addMinutes(o.end, buffer.get(o.roomId) ?? 0);
    return [{ roomId: o.roomId, stationId: o.stationId, userId: plan.userId, startAt: o.start, endAt: o.end, blockEnd, planId: plan.id, planSlot: p.slot, createdAt: now }];
  });
  await place(tx, { kind: 'new', rows: values });
  const lastDone = plan.bookedThrough && plan.bookedThrough > range.toDate ? plan.bookedThrough : range.toDate;
  await tx.update(plans).set({ bookedThrough: lastDone, updatedAt: sql`now()` }).where(eq(plans.id, plan.id));
  return { planned, later: countLater(pattern, tz, range.toDate), through: range.toDate, timeZone: tz };
}

/** Creates the plan and books every bookable occurrence within reach; the answer says what happened to each. */
export async function createPlan(db: Db, input: { userId: string; plan: PlanInput; now: Date; choices?: Choice[] }): Promise<Planned & { plan: Plan }> {
  const site = await siteOfRoom(db, input.plan.preferredRoomId);
  const today = todayAt(input.now, site.timeZone);
  validateDates(input.plan, today);
  return placing(db, async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, input.userId)).for('update');
    const [plan] = await tx
      .insert(plans)
      .values({ ...input.plan, userId: input.userId, siteId: site.id })
      .returning();
    const result = await bookRange(tx, plan!, site.timeZone, { fromDate: input.plan.startDate, toDate: bookableThrough(input.plan.endDate, today) }, input.now, input.choices);
    return { ...result, plan: plan! };
  });
}

async function loadOwnPlan(tx: Tx, userId: string, planId: string, lock = false): Promise<Plan> {
  const q = tx.select().from(plans).where(and(eq(plans.id, planId), eq(plans.userId, userId)));
  const [plan] = lock ? await q.for('update') : await q;
  if (!plan) throw new Refusal('That plan was not found.', 'not_found');
  return plan;
}

/** Cancels the plan's live bookings from `fromInstant` on (never one already started), for `reason`. */
async function cancelPlanBookings(tx: Tx, planId: string, where: { from: Date; to?: Date; now: Date }, reason: string) {
  const rows = await tx
    .update(bookings)
    .set({ status: 'cancelled', cancelledAt: where.now, cancelReason: reason, sequence: sql`${bookings.sequence} + 1`, updatedAt: sql`now()` })
    .where(
      and(
        eq(bookings.planId, planId),
        eq(bookings.status, 'booked'),
        gte(bookings.planSlot, where.from),
        where.to ? lt(bookings.planSlot, where.to) : undefined,
        gt(bookings.startAt, where.now),
      ),
    )
    .returning({ id: bookings.id });
  return rows.length;
}

async function siteZone(tx: Tx, plan: Plan) {
  const [s] = await tx.select({ timeZone: sites.timeZone }).from(sites).where(eq(sites.id, plan.siteId));
  return s!.timeZone;
}

/** Skips a date or a range (leave, holidays): its bookings are cancelled and it is never booked again. */
export async function skipDates(db: Db, input: { userId: string; planId: string; range: DateRange; now: Date }): Promise<{ cancelled: number }> {
  return db.transaction(async (tx) => {
    const plan = await loadOwnPlan(tx, input.userId, input.planId, true);
    if (plan.status === 'ended') throw new Refusal('That plan has ended.', 'conflict');
    const tz = await siteZone(tx, plan);
    if (input.range.toDate < todayAt(input.now, tz)) throw new Refusal('Those dates have passed.', 'invalid');
    await tx.insert(planSkips).values({ planId: plan.id, fromDate: input.range.fromDate, toDate: input.range.toDate });
    const cancelled = await cancelPlanBookings(
      tx,
      plan.id,
      { from: localDayRange(input.range.fromDate, tz)[0], to: localDayRange(input.range.toDate, tz)[1], now: input.now },
      'skipped',
    );
    return { cancelled };
  });
}

export async function removeSkip(db: Db, input: { userId: string; planId: string; skipId: string; now: Date }): Promise<Planned> {
  return placing(db, async (tx) => {
    const plan = await loadOwnPlan(tx, input.userId, input.planId, true);
    const [skip] = await tx.delete(planSkips).where(and(eq(planSkips.id, input.skipId), eq(planSkips.planId, plan.id))).returning();
    if (!skip) throw new Refusal('That skipped range was not found.', 'not_found');
    // Bookings cancelled by the skip become plannable again.
    const tz = await siteZone(tx, plan);
    await tx
      .update(bookings)
      .set({ cancelReason: 'plan_changed' })
      .where(and(eq(bookings.planId, plan.id), eq(bookings.cancelReason, 'skipped'), gte(bookings.planSlot, localDayRange(skip.fromDate, tz)[0]), lt(bookings.planSlot, localDayRange(skip.toDate, tz)[1])));
    const today = todayAt(input.now, tz);
    const from = skip.fromDate > today ? skip.fromDate : today;
    const to = [skip.toDate, plan.bookedThrough ?? today].sort()[0]!;
    if (plan.status === 'ended' || to < from) return { planned: [], later: 0, through: to, timeZone: tz };
    return bookRange(tx, plan, tz, { fromDate: from, toDate: to }, input.now);
  });
}

/** Her live plan, locked with her person row (one booking change of hers at a time), with its zone and today there. */
async function openForChange(tx: Tx, input: { userId: string; planId: string; now: Date }) {
  await tx.select({ id: users.id }).from(users).where(eq(users.id, input.userId)).for('update');
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
    const from = localDayRange(input.fromDate, tz)[0];
    await cancelPlanBookings(tx, current.id, { from, now: input.now }, 'plan_changed');
    const [plan] = await tx
      .update(plans)
      .set({
        times: input.plan.times,
        weekdays: input.plan.weekdays,
        lengthMin: input.plan.lengthMin,
        preferredRoomId: input.plan.preferredRoomId,
        fallbackRoomIds: input.plan.fallbackRoomIds,
        endDate: input.plan.endDate,
        bookedThrough: addDays(input.fromDate, -1),
        endReminderSentAt: input.plan.endDate > current.endDate ? null : current.endReminderSentAt,
        updatedAt: sql`now()`,
      })
      .where(eq(plans.id, current.id))
      .returning();
    const through = bookableThrough(plan!.endDate, today);
    const start = input.fromDate > plan!.startDate ? input.fromDate : plan!.startDate;
    if (through < start) return { planned: [], later: 0, through, timeZone: tz, plan: plan! };
    const result = await bookRange(tx, plan!, tz, { fromDate: start, toDate: through }, input.now);
    return { ...result, plan: plan! };
  });
}

/** Moves the plan's end date later and books what has come within reach. */
export async function extendPlan(db: Db, input: { userId: string; planId: string; endDate: string; now: Date }): Promise<Planned & { plan: Plan }> {
  return placing(db, async (tx) => {
    const { current, tz, today } = await openForChange(tx, input);
    if (input.endDate <= current.endDate) throw new Refusal(`Choose an end date after the current one (${current.endDate}).`, 'invalid');
    validateDates({ startDate: current.startDate, endDate: input.endDate }, today, true);
    const [plan] = await tx.update(plans).set({ endDate: input.endDate, endReminderSentAt: null, updatedAt: sql`now()` }).where(eq(plans.id, current.id)).returning();
    const through = bookableThrough(plan!.endDate, today);
    const next = current.bookedThrough ? addDays(current.bookedThrough, 1) : current.startDate;
    const from = next > today ? next : today;
    if (through < from) return { planned: [], later: countLater(patternOf(plan!, []), tz, through), through, timeZone: tz, plan: plan! };
    const result = await bookRange(tx, plan!, tz, { fromDate: from, toDate: through }, input.now);
    return { ...result, plan: plan! };
  });
}

/** Ends the plan today: every later booking it made is cancelled. */
export async function endPlan(db: Db, input: { userId: string; planId: string; now: Date }): Promise<{ cancelled: number }> {
  return db.transaction(async (tx) => {
    const plan = await loadOwnPlan(tx, input.userId, input.planId, true);
    if (plan.status === 'ended') return { cancelled: 0 };
    const tz = await siteZone(tx, plan);
    const today = todayAt(input.now, tz);
    const endDate = plan.endDate < today ? plan.endDate : today < plan.startDate ? plan.startDate : today;
    await tx.update(plans).set({ status: 'ended', endDate, updatedAt: sql`now()` }).where(eq(plans.id, plan.id));
    const cancelled = await cancelPlanBookings(tx, plan.id, { from: new Date(0), now: input.now }, 'plan_ended');
    return { cancelled };
  });
}

/** Cancels one occurrence (her booking from this plan). */
export async function cancelOccurrence(db: Db, input: { userId: string; planId: string; bookingId: string }) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(bookings)
      .where(and(eq(bookings.id, input.bookingId), eq(bookings.planId, input.planId), eq(bookings.userId, input.userId)))
      .for('update');
    if (!row) throw new Refusal('That break was not found in this plan.', 'not_found');
    if (row.status === 'cancelled') return row;
    return markCancelled(tx, row.id, 'occurrence_cancelled');
  });
}

/**
 * The daily run: books each active plan's occurrences that have come within reach, tells
 * the owner about any that found no room, and ends plans whose last day has passed.
 * Each plan is its own savepoint, so one plan's trouble never stops the others.
 */
export async function rollForwardPlans(db: Db, now: Date): Promise<{ plans: number; booked: number; noRoom: number }> {
  const active = await db.select({ plan: plans, timeZone: sites.timeZone }).from(plans).innerJoin(sites, eq(sites.id, plans.siteId)).where(eq(plans.status, 'active'));
  let touched = 0;
  let booked = 0;
  let noRoom = 0;
  for (const { plan, timeZone } of active) {
    const today = todayAt(now, timeZone);
    if (plan.endDate < today) {
      await db.update(plans).set({ status: 'ended', updatedAt: sql`now()` }).where(eq(plans.id, plan.id));
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
        await tx.insert(notifications).values({
          userId: plan.userId,
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

/** A week before a plan's last day, its owner is offered to extend it (once). */
export async function remindPlanEnds(db: Db, now: Date): Promise<number> {
  const due = await db
    .select({ id: plans.id, userId: plans.userId, endDate: plans.endDate, timeZone: sites.timeZone })
    .from(plans)
    .innerJoin(sites, eq(sites.id, plans.siteId))
    .where(and(eq(plans.status, 'active'), sql`${plans.endReminderSentAt} is null`, lte(plans.endDate, addDays(todayAt(now, 'UTC'), 8))));
  let sent = 0;
  for (const p of due) {
    const today = todayAt(now, p.timeZone);
    if (p.endDate > addDays(today, 7) || p.endDate < today) continue;
    await db.transaction(async (tx) => {
      await tx.insert(notifications).values({
        userId: p.userId,
        kind: 'plan_ending',
        message: `Your pump plan ends on ${formatLocal(localDayRange(p.endDate, p.timeZone)[0], p.timeZone, { hour: undefined, minute: undefined, year: 'numeric' })}. Extend it to keep your breaks booked.`,
        link: `/plans/${p.id}#extend`,
      });
      await tx.update(plans).set({ endReminderSentAt: now }).where(eq(plans.id, p.id));
    });
    sent++;
  }
  return sent;
}

export type PlanListItem = Plan & { preferredRoomName: string; siteName: string; timeZone: string; upcoming: number };

export async function listPlans(db: Db, userId: string, now: Date): Promise<PlanListItem[]> {
  const rows = await db
    .select({
      plan: plans,
      preferredRoomName: rooms.name,
      siteName: sites.name,
      timeZone: sites.timeZone,
      upcoming: sql<number>`(select count(*)::int from ${bookings} b where b.plan_id = ${plans.id} and b.status = 'booked' and b.start_at > ${now.toISOString()}::timestamptz)`,
    })
    .from(plans)
    .innerJoin(rooms, eq(rooms.id, plans.preferredRoomId))
    .innerJoin(sites, eq(sites.id, plans.siteId))
    .where(eq(plans.userId, userId))
    .orderBy(asc(plans.status), desc(plans.createdAt));
  return rows.map((r) => ({ ...r.plan, preferredRoomName: r.preferredRoomName, siteName: r.siteName, timeZone: r.timeZone, upcoming: Number(r.upcoming) }));
}

export type OccurrenceView = {
  date: string;
  time: string;
  slot: Date;
  state: 'booked' | 'cancelled' | 'released' | 'skipped' | 'no_room' | 'not_yet' | 'past';
  bookingId?: string;
  roomName?: string;
  start?: Date;
  end?: Date;
};

/** The plan, its rooms, skipped ranges, and each occurrence in the next `days` days with what became of it. */
export async function planDetail(db: Db, userId: string, planId: string, now: Date, days = 14) {
  const plan = await loadOwnPlan(db, userId, planId);
  const [site] = await db.select().from(sites).where(eq(sites.id, plan.siteId));
  const tz = site!.timeZone;
  const roomIds = [plan.preferredRoomId, ...plan.fallbackRoomIds];
  const roomRows = await db.select({ id: rooms.id, name: rooms.name }).from(rooms).where(inArray(rooms.id, roomIds));
  const roomName = new Map(roomRows.map((r) => [r.id, r.name]));
  const skips = await db.select().from(planSkips).where(eq(planSkips.planId, plan.id)).orderBy(asc(planSkips.fromDate));
  const today = todayAt(now, tz);
  const range = { fromDate: today, toDate: addDays(today, days - 1) };
  const all = expandOccurrences(patternOf(plan, []), tz, range);
  const [from] = localDayRange(range.fromDate, tz);
  const [, to] = localDayRange(range.toDate, tz);
  const made = await db
    .select({ id: bookings.id, slot: bookings.planSlot, status: bookings.status, reason: bookings.cancelReason, releasedAt: bookings.releasedAt, roomId: bookings.roomId, start: bookings.startAt, end: bookings.endAt })
    .from(bookings)
    .where(and(eq(bookings.planId, plan.id), gte(bookings.planSlot, from), lt(bookings.planSlot, to)))
    .orderBy(asc(bookings.createdAt));
  const bySlot = new Map<number, (typeof made)[number]>();
  for (const b of made) {
    const prev = bySlot.get(b.slot!.getTime());
    if (!prev || b.status === 'booked' || prev.reason === 'plan_changed') bySlot.set(b.slot!.getTime(), b);
  }
  const skipRanges = skips.map((s) => ({ fromDate: s.fromDate, toDate: s.toDate }));
  const occurrences: OccurrenceView[] = all.map((o) => {
    const b = bySlot.get(o.slot.getTime());
    const base = { date: o.date, time: o.time, slot: o.slot };
    if (b && b.status === 'booked') return { ...base, state: 'booked', bookingId: b.id, roomName: roomName.get(b.roomId) ?? 'another room', start: b.start, end: b.end };
    if (skipRanges.some((s) => o.date >= s.fromDate && o.date <= s.toDate)) return { ...base, state: 'skipped' };
    if (b && b.releasedAt) return { ...base, state: 'released' };
    if (b && b.reason !== 'plan_changed') return { ...base, state: 'cancelled' };
    if (o.start < now) return { ...base, state: 'past' };
    if (plan.bookedThrough && o.date <= plan.bookedThrough) return { ...base, state: 'no_room' };
    return { ...base, state: 'not_yet' };
  });
  return { plan, site: site!, roomName, skips, occurrences, today, reachDays: PLAN_BOOKING_DAYS };
}

/** Rooms a plan can use (active ones, by site), and the person's home site with its default break length. */
export async function planRoomChoices(db: Db, homeSiteId: string | null) {
  const rows = await db
    .select({ id: rooms.id, name: rooms.name, siteId: sites.id, siteName: sites.name, timeZone: sites.timeZone, defaultLengthMin: policies.defaultLengthMin })
    .from(rooms)
    .innerJoin(sites, eq(sites.id, rooms.siteId))
    .innerJoin(policies, eq(policies.siteId, sites.id))
    .where(eq(rooms.status, 'active'))
    .orderBy(asc(sites.name), asc(rooms.name));
  const home = rows.find((r) => r.siteId === homeSiteId) ?? rows[0];
  return { rooms: rows.map(({ id, name, siteId, siteName }) => ({ id, name, siteId, siteName })), home };
}
