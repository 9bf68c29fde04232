import { and, asc, eq, gt, gte, inArray, lt, ne, sql } from 'drizzle-orm';
import { nearestFreeStart, type RoomTimeline } from '@/lib/availability';
import { openingFrom, type SiteInfo, type Window } from '@/lib/booking-rules';
import { Refusal } from '@/lib/errors';
import { hasRole, type Role } from '@/lib/roles';
import { addMinutes, formatLocal, localDayRange, localParts } from '@/lib/time';
import { LONGEST_HOLD_MIN, MAX_BUFFER_MIN } from '@/lib/policy';
import { rowsOf, type Db } from '../client';
import { bookings, demandMisses, notifications, policies, roomClosures, rooms, sites, stations, type Booking, type Policy, type Room, type Site } from '../schema';

type Tx = Db;

/** An instant as a SQL timestamptz parameter (raw `sql` templates do not map Dates on every driver). */
const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** The policy's ceilings (lib/policy): the buffer after a booking, and the longest a booking can hold a station. */
export { LONGEST_HOLD_MIN, MAX_BUFFER_MIN };

export type RoomContext = { room: Room; site: Site; policy: Policy; stations: { id: string; position: number; label: string }[] };

export async function loadRoomContext(db: Tx, roomId: string): Promise<RoomContext | undefined> {
  // Both reads go out together (one round trip on PostgreSQL).
  const [[row], list] = await Promise.all([
    db
      .select({ room: rooms, site: sites, policy: policies })
      .from(rooms)
      .innerJoin(sites, eq(sites.id, rooms.siteId))
      .innerJoin(policies, eq(policies.siteId, sites.id))
      .where(eq(rooms.id, roomId))
      .limit(1),
    db
      .select({ id: stations.id, position: stations.position, label: stations.label })
      .from(stations)
      .where(and(eq(stations.roomId, roomId), eq(stations.active, true)))
      .orderBy(asc(stations.position)),
  ]);
  if (!row) return undefined;
  return { ...row, stations: list };
}

export function siteInfo(site: Site): SiteInfo {
  return { name: site.name, timeZone: site.timeZone, openingHours: site.openingHours };
}

/** Live bookings holding any of the room's (or rooms') stations across [from, to). */
export async function busyInRoom(db: Tx, roomId: string | string[], from: Date, to: Date) {
  return db
    .select({ id: bookings.id, roomId: bookings.roomId, stationId: bookings.stationId, userId: bookings.userId, start: bookings.startAt, end: bookings.endAt, blockEnd: bookings.blockEnd })
    .from(bookings)
    .where(
      and(
        Array.isArray(roomId) ? inArray(bookings.roomId, roomId) : eq(bookings.roomId, roomId),
        eq(bookings.status, 'booked'),
        lt(bookings.startAt, to),
        gt(bookings.blockEnd, from),
        // A booking never holds a station longer than LONGEST_HOLD_MIN, so this bounds the index scan from below.
        gt(bookings.startAt, addMinutes(from, -LONGEST_HOLD_MIN)),
      ),
    );
}

export async function closuresInRoom(db: Tx, roomId: string, from: Date, to: Date): Promise<Window[]> {
  const rows = await db
    .select()
    .from(roomClosures)
    .where(and(eq(roomClosures.roomId, roomId), lt(roomClosures.startAt, to), gt(roomClosures.endAt, from)));
  return rows.map((c) => ({ start: c.startAt, end: c.endAt, reason: c.reason }));
}

export async function timelineFor(db: Tx, ctx: RoomContext, from: Date, to: Date): Promise<RoomTimeline & { busyRows: Awaited<ReturnType<typeof busyInRoom>> }> {
  const [busyRows, closures] = await Promise.all([busyInRoom(db, ctx.room.id, from, to), closuresInRoom(db, ctx.room.id, from, to)]);
  return {
    timeZone: ctx.site.timeZone,
    hours: ctx.room.openingHours ?? ctx.site.openingHours,
    stations: ctx.stations,
    busy: busyRows.map((b) => ({ stationId: b.stationId, start: b.start, blockEnd: b.blockEnd })),
    closures,
    outOfService: ctx.room.status === 'out_of_service',
    busyRows,
  };
}

/** The person's live bookings starting within a day either side of [from, to): enough for overlap and per-day checks. */
export async function ownLiveBookings(db: Tx, userId: string, from: Date, to: Date, exceptId?: string): Promise<Window[]> {
  const rows = await db
    .select({ start: bookings.startAt, end: bookings.endAt })
    .from(bookings)
    .where(
      and(
        eq(bookings.userId, userId),
        eq(bookings.status, 'booked'),
        gte(bookings.startAt, addMinutes(from, -36 * 60)),
        lt(bookings.startAt, addMinutes(to, 36 * 60)),
        exceptId ? ne(bookings.id, exceptId) : undefined,
      ),
    );
  return rows;
}

export type Suggestion = { kind: 'time' | 'room'; roomId: string; roomName: string; start: string; end: string };

/** The nearest free time in this room, and rooms at the same site free at the asked time. */
export async function suggestAlternatives(db: Db, ctx: RoomContext, start: Date, end: Date, now: Date): Promise<Suggestion[]> {
  const tz = ctx.site.timeZone;
  const length = Math.round((end.getTime() - start.getTime()) / 60_000);
  const [dayStart, dayEnd] = localDayRange(localParts(start, tz).date, tz);
  const out: Suggestion[] = [];
  const here = await timelineFor(db, ctx, dayStart, dayEnd);
  const near = nearestFreeStart(here, start, length, ctx.policy.bufferMin, ctx.policy.slotStepMin, now);
  if (near) out.push({ kind: 'time', roomId: ctx.room.id, roomName: ctx.room.name, start: near.start.toISOString(), end: near.end.toISOString() });

  // Other open rooms at the site with a station clear of bookings and windows then, in one query
  // (the range test matches the station EXCLUDE index, so each probe is an index lookup).
  const holdEnd = addMinutes(end, ctx.policy.bufferMin);
  const others = await db
    .select({ id: rooms.id, name: rooms.name, floor: rooms.floor, openingHours: rooms.openingHours })
    .from(rooms)
    .where(
      and(
        eq(rooms.siteId, ctx.site.id),
        eq(rooms.status, 'active'),
        ne(rooms.id, ctx.room.id),
        sql`not exists (select 1 from ${roomClosures} c where c.room_id = ${rooms.id} and c.start_at < ${ts(end)} and c.end_at > ${ts(start)})`,
        sql`exists (
          select 1 from ${stations} s where s.room_id = ${rooms.id} and s.active and not exists (
            select 1 from ${bookings} b
            where b.station_id = s.id and b.status = 'booked'
              and tstzrange(b.start_at, b.block_end, '[)') && tstzrange(${ts(start)}, ${ts(holdEnd)}, '[)')))`,
      ),
    );
  const open = others.filter((r) => {
    const window = openingFrom(r.openingHours ?? ctx.site.openingHours, localParts(start, tz).date, tz);
    return window && start >= window.start && end <= window.end;
  });
  open.sort((a, b) => Number(b.floor === ctx.room.floor) - Number(a.floor === ctx.room.floor) || a.name.localeCompare(b.name));
  const room = open[0];
  if (room) out.push({ kind: 'room', roomId: room.id, roomName: room.name, start: start.toISOString(), end: end.toISOString() });
  return out;
}

/** Notes unmet demand for HR's reports (never who asked); a failure to note it never fails the answer. */
export async function recordDemandMiss(db: Db, ctx: RoomContext, kind: 'full' | 'book_now', wantedAt: Date): Promise<void> {
  try {
    await db.insert(demandMisses).values({ roomId: ctx.room.id, siteId: ctx.site.id, kind, wantedAt });
  } catch (err) {
    console.error('Nook: unmet demand could not be recorded:', err instanceof Error ? err.message : err);
  }
}

export type Actor = { id: string; role: Role };

/** The booking, locked for a change, if the actor may change it (her own; HR and admins: anyone's). */
export async function loadOwnedBooking(tx: Tx, actor: Actor, bookingId: string): Promise<Booking> {
  const [row] = await tx.select().from(bookings).where(eq(bookings.id, bookingId)).for('update');
  // Someone else's booking is "not found" to an employee: its existence is not theirs to learn.
  if (!row || (row.userId !== actor.id && !hasRole(actor.role, 'hr'))) throw new Refusal('That booking was not found.', 'not_found');
  return row;
}

/** Tells the owner of a booking someone else changed. */
export async function notifyOwner(tx: Tx, booking: Booking, actor: Actor, message: string) {
  if (!booking.userId || booking.userId === actor.id) return;
  await tx.insert(notifications).values({ userId: booking.userId, kind: 'booking_changed', message, link: '/bookings' });
}

/** Marks a live booking cancelled (raising its sequence, for calendars). */
export async function markCancelled(tx: Tx, bookingId: string, reason: string | null): Promise<Booking> {
  const [row] = await tx
    .update(bookings)
    .set({ status: 'cancelled', cancelledAt: sql`now()`, cancelReason: reason, sequence: sql`${bookings.sequence} + 1`, updatedAt: sql`now()` })
    .where(eq(bookings.id, bookingId))
    .returning();
  return row!;
}

export type MyBooking = {
  id: string;
  roomId: string;
  roomName: string;
  floor: string;
  siteName: string;
  timeZone: string;
  stationId: string;
  stationLabel: string;
  start: Date;
  end: Date;
  status: 'booked' | 'cancelled';
  createdAt: Date;
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
  releasedAt: Date | null;
  planId: string | null;
  checkInRequired: boolean;
  checkInGraceMin: number;
};

/** The person's own bookings overlapping [from, to), oldest first. */
export async function listOwnBookings(db: Db, userId: string, range: { from?: Date; to?: Date; includeCancelled?: boolean } = {}): Promise<MyBooking[]> {
  return db
    .select({
      id: bookings.id,
      roomId: bookings.roomId,
      roomName: rooms.name,
      floor: rooms.floor,
      siteName: sites.name,
      timeZone: sites.timeZone,
      stationId: bookings.stationId,
      stationLabel: stations.label,
      start: bookings.startAt,
      end: bookings.endAt,
      status: bookings.status,
      createdAt: bookings.createdAt,
      checkedInAt: bookings.checkedInAt,
      checkedOutAt: bookings.checkedOutAt,
      releasedAt: bookings.releasedAt,
      planId: bookings.planId,
      checkInRequired: policies.checkInRequired,
      checkInGraceMin: policies.checkInGraceMin,
    })
    .from(bookings)
    .innerJoin(rooms, eq(rooms.id, bookings.roomId))
    .innerJoin(sites, eq(sites.id, rooms.siteId))
    .innerJoin(policies, eq(policies.siteId, sites.id))
    .innerJoin(stations, eq(stations.id, bookings.stationId))
    .where(
      and(
        eq(bookings.userId, userId),
        range.includeCancelled ? undefined : eq(bookings.status, 'booked'),
        range.to ? lt(bookings.startAt, range.to) : undefined,
        range.from ? gt(bookings.endAt, range.from) : undefined,
        range.from ? gt(bookings.startAt, addMinutes(range.from, -LONGEST_HOLD_MIN)) : undefined,
      ),
    )
    .orderBy(asc(bookings.startAt))
    .limit(1000);
}

export async function findOwnBooking(db: Db, userId: string, id: string) {
  const [row] = await db.select().from(bookings).where(and(eq(bookings.id, id), eq(bookings.userId, userId))).limit(1);
  return row;
}

/**
 * Gives back the stations of bookings nobody checked in to by their deadline: start (or the
 * moment it was booked, for a slot already under way) plus the site's grace, at sites that
 * require check-in. `lookBackMin` bounds the scan to bookings that started recently.
 * Each owner gets a notice. Returns the released bookings.
 */
export async function releaseNoShows(tx: Tx, input: { now: Date; roomIds?: string[]; lookBackMin: number }) {
  const { now, roomIds, lookBackMin } = input;
  const rows = rowsOf<{ id: string; user_id: string | null; room_name: string; time_zone: string; start_at: string | Date }>(
    await tx.execute(sql`
      update ${bookings} b
         set status = 'cancelled', cancelled_at = ${ts(now)}, cancel_reason = 'no_show', released_at = ${ts(now)},
             sequence = b.sequence + 1, updated_at = ${ts(now)}
        from ${rooms} r
        join ${sites} s on s.id = r.site_id
        join ${policies} p on p.site_id = r.site_id
       where b.room_id = r.id
         and p.check_in_required
         and b.status = 'booked'
         and b.checked_in_at is null
         and b.start_at > ${ts(addMinutes(now, -lookBackMin))}
         and b.start_at <= ${ts(now)}
         and greatest(b.start_at, b.created_at) + make_interval(mins => p.check_in_grace_min) <= ${ts(now)}
         ${roomIds ? sql`and b.room_id in ${roomIds}` : sql``}
      returning b.id, b.user_id, r.name as room_name, s.time_zone, b.start_at`),
  );
  const notices = rows
    .filter((r) => r.user_id)
    .map((r) => ({
      userId: r.user_id!,
      kind: 'booking_released',
      message: `Your booking in ${r.room_name} at ${formatLocal(new Date(r.start_at), r.time_zone)} was released because nobody checked in.`,
      link: '/bookings',
    }));
  if (notices.length) await tx.insert(notifications).values(notices);
  return rows;
}

/** Her booking with its room, site and policy, locked for check-in or check-out. */
export async function loadOwnLiveBooking(tx: Tx, userId: string, bookingId: string) {
  const [row] = await tx
    .select({ booking: bookings, room: rooms, site: sites, policy: policies })
    .from(bookings)
    .innerJoin(rooms, eq(rooms.id, bookings.roomId))
    .innerJoin(sites, eq(sites.id, rooms.siteId))
    .innerJoin(policies, eq(policies.siteId, sites.id))
    .where(and(eq(bookings.id, bookingId), eq(bookings.userId, userId)))
    .for('update', { of: bookings });
  if (!row) throw new Refusal('That booking was not found.', 'not_found');
  return row;
}

export async function markCheckedIn(tx: Tx, bookingId: string, now: Date): Promise<Booking> {
  const [row] = await tx.update(bookings).set({ checkedInAt: now, updatedAt: sql`now()` }).where(eq(bookings.id, bookingId)).returning();
  return row!;
}

/** Ends a booking at `end` (checked out early): the station is free from its buffer on. */
export async function markCheckedOut(tx: Tx, bookingId: string, input: { end: Date; blockEnd: Date; now: Date }): Promise<Booking> {
  const [row] = await tx
    .update(bookings)
    .set({ endAt: input.end, blockEnd: input.blockEnd, checkedOutAt: input.now, sequence: sql`${bookings.sequence} + 1`, updatedAt: sql`now()` })
    .where(eq(bookings.id, bookingId))
    .returning();
  return row!;
}
