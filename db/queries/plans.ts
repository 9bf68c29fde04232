import { and, asc, desc, eq, gt, gte, inArray, lt, lte, ne, or, sql } from 'drizzle-orm';
import { type Window } from '@/lib/booking-rules';
import { Refusal } from '@/lib/errors';
import { expandOccurrences, PLAN_BOOKING_DAYS, patternOf, type CandidateRoom, type DateRange, type PlanInput } from '@/lib/plans';
import { addDays, addMinutes, formatLocal, localDayRange, localParts } from '@/lib/time';
import type { Db } from '../client';
import { bookings, notifications, planSkips, plans, policies, roomClosures, rooms, sites, stations, users, type Plan } from '../schema';
import { busyInRoom, markCancelled, siteInfo } from './bookings';

type Tx = Db;

export type { PlanInput };

const todayAt = (now: Date, timeZone: string) => localParts(now, timeZone).date;

/**
 * The candidate rooms in order of preference, each with its site, policy, stations, live
 * bookings and closures across [from, to): five queries however many occurrences there are.
 */
export async function loadCandidates(db: Tx, roomIds: string[], from: Date, to: Date): Promise<CandidateRoom[]> {
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

export async function ownLive(db: Tx, userId: string, from: Date, to: Date): Promise<Window[]> {
  return db
    .select({ start: bookings.startAt, end: bookings.endAt })
    .from(bookings)
    .where(and(eq(bookings.userId, userId), eq(bookings.status, 'booked'), gte(bookings.startAt, addMinutes(from, -36 * 60)), lt(bookings.startAt, addMinutes(to, 36 * 60))));
}

export async function siteOfRoom(db: Tx, roomId: string) {
  const [row] = await db.select({ site: sites }).from(rooms).innerJoin(sites, eq(sites.id, rooms.siteId)).where(eq(rooms.id, roomId));
  if (!row) throw new Refusal('Choose a preferred room that exists.', 'invalid');
  return row.site;
}

export async function loadOwnPlan(tx: Tx, userId: string, planId: string, lock = false): Promise<Plan> {
  const q = tx.select().from(plans).where(and(eq(plans.id, planId), eq(plans.userId, userId)));
  const [plan] = lock ? await q.for('update') : await q;
  if (!plan) throw new Refusal('That plan was not found.', 'not_found');
  return plan;
}

/** Cancels the plan's live bookings from `fromInstant` on (never one already started), for `reason`. */
export async function cancelPlanBookings(tx: Tx, planId: string, where: { from: Date; to?: Date; now: Date }, reason: string) {
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

export async function siteZone(tx: Tx, plan: Plan) {
  const [s] = await tx.select({ timeZone: sites.timeZone }).from(sites).where(eq(sites.id, plan.siteId));
  return s!.timeZone;
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

/** Holds her person row: one booking change of hers at a time. */
export async function lockPerson(tx: Tx, userId: string): Promise<void> {
  await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
}

export async function insertPlan(tx: Tx, values: typeof plans.$inferInsert): Promise<Plan> {
  const [plan] = await tx.insert(plans).values(values).returning();
  return plan!;
}

export async function updatePlan(tx: Tx, planId: string, set: Partial<Pick<Plan, 'times' | 'weekdays' | 'lengthMin' | 'preferredRoomId' | 'fallbackRoomIds' | 'endDate' | 'bookedThrough' | 'endReminderSentAt'>>): Promise<Plan> {
  const [plan] = await tx.update(plans).set({ ...set, updatedAt: sql`now()` }).where(eq(plans.id, planId)).returning();
  return plan!;
}

export async function setBookedThrough(tx: Tx, planId: string, date: string): Promise<void> {
  await tx.update(plans).set({ bookedThrough: date, updatedAt: sql`now()` }).where(eq(plans.id, planId));
}

/** Marks the plan ended (on `endDate` when given). */
export async function endPlanRow(tx: Tx, planId: string, endDate?: string): Promise<void> {
  await tx.update(plans).set({ status: 'ended', ...(endDate ? { endDate } : {}), updatedAt: sql`now()` }).where(eq(plans.id, planId));
}

export async function activePlans(db: Db) {
  return db.select({ plan: plans, timeZone: sites.timeZone }).from(plans).innerJoin(sites, eq(sites.id, plans.siteId)).where(eq(plans.status, 'active'));
}

export async function skipRangesOf(tx: Tx, planId: string): Promise<DateRange[]> {
  return tx.select({ fromDate: planSkips.fromDate, toDate: planSkips.toDate }).from(planSkips).where(eq(planSkips.planId, planId));
}

export async function insertSkip(tx: Tx, planId: string, range: DateRange): Promise<void> {
  await tx.insert(planSkips).values({ planId, fromDate: range.fromDate, toDate: range.toDate });
}

export async function deleteSkip(tx: Tx, planId: string, skipId: string) {
  const [skip] = await tx.delete(planSkips).where(and(eq(planSkips.id, skipId), eq(planSkips.planId, planId))).returning();
  return skip;
}

/** Bookings a skip cancelled in [from, to) become plannable again. */
export async function reopenSkippedSlots(tx: Tx, planId: string, from: Date, to: Date): Promise<void> {
  await tx
    .update(bookings)
    .set({ cancelReason: 'plan_changed' })
    .where(and(eq(bookings.planId, planId), eq(bookings.cancelReason, 'skipped'), gte(bookings.planSlot, from), lt(bookings.planSlot, to)));
}

/** The plan's occurrences in [from, to) already dealt with: booked, or cancelled by her (a plan change frees its slots again). */
export async function handledSlots(tx: Tx, planId: string, from: Date, to: Date): Promise<Set<number>> {
  const rows = await tx
    .select({ slot: bookings.planSlot })
    .from(bookings)
    .where(
      and(
        eq(bookings.planId, planId),
        gte(bookings.planSlot, from),
        lt(bookings.planSlot, to),
        or(eq(bookings.status, 'booked'), ne(sql`coalesce(${bookings.cancelReason}, '')`, 'plan_changed')),
      ),
    );
  return new Set(rows.map((r) => r.slot!.getTime()));
}

/** Cancels one of her plan's bookings, locked; one already cancelled stays as it is. */
export async function cancelOccurrenceRow(tx: Tx, input: { userId: string; planId: string; bookingId: string }) {
  const [row] = await tx
    .select()
    .from(bookings)
    .where(and(eq(bookings.id, input.bookingId), eq(bookings.planId, input.planId), eq(bookings.userId, input.userId)))
    .for('update');
  if (!row) throw new Refusal('That break was not found in this plan.', 'not_found');
  if (row.status === 'cancelled') return row;
  return markCancelled(tx, row.id, 'occurrence_cancelled');
}
