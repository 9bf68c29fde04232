import { and, asc, eq, gt, gte, inArray, lt, ne, sql } from 'drizzle-orm';
import { freeNow, freeStations, nearestFreeStart, type RoomTimeline } from '@/lib/availability';
import { checkBooking, openWindow, type SiteInfo, type Window } from '@/lib/booking-rules';
import { Refusal } from '@/lib/errors';
import { hasRole, type Role } from '@/lib/roles';
import { addMinutes, formatLocal, formatTime, localDayRange, localParts, minutesBetween } from '@/lib/time';
import { checkInState } from '@/lib/check-in';
import { LONGEST_HOLD_MIN, MAX_BUFFER_MIN } from '@/lib/policy';
import { rowsOf, type Db } from '../client';
import { DEADLOCK, EXCLUSION_VIOLATION, pgError, retryOnDeadlock } from '../errors';
import { holdForBooking, shareRoomAndSiteLocks, takeTurnInRoom } from '../locks';
import { bookings, demandMisses, notifications, policies, roomClosures, rooms, sites, stations, type Booking, type Policy, type Room, type Site } from '../schema';

type Tx = Db;

/** An instant as a SQL timestamptz parameter (raw `sql` templates do not map Dates on every driver). */
const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** The policy's ceilings (lib/policy): the buffer after a booking, and the longest a booking can hold a station. */
export { LONGEST_HOLD_MIN };

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
async function ownLiveBookings(db: Tx, userId: string, from: Date, to: Date, exceptId?: string): Promise<Window[]> {
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
    const window = openWindow(r.openingHours ?? ctx.site.openingHours, localParts(start, tz).date, tz);
    return window && start >= window.start && end <= window.end;
  });
  open.sort((a, b) => Number(b.floor === ctx.room.floor) - Number(a.floor === ctx.room.floor) || a.name.localeCompare(b.name));
  const room = open[0];
  if (room) out.push({ kind: 'room', roomId: room.id, roomName: room.name, start: start.toISOString(), end: end.toISOString() });
  return out;
}

export function describeSuggestions(suggestions: Suggestion[], timeZone: string): string {
  const parts = suggestions.map((s) =>
    s.kind === 'time' ? `${s.roomName} is free at ${formatTime(new Date(s.start), timeZone)}` : `${s.roomName} is free at the time you asked`,
  );
  return parts.length ? `${parts.join('; ')}.` : 'No other room or nearby time is free that day.';
}

export class NoStationFree extends Error {}

/** Every station in the room is held at that time: 409 with the nearest alternatives. */
async function fullRefusal(db: Db, ctx: RoomContext, start: Date, end: Date, now: Date, what: string): Promise<Refusal> {
  const suggestions = await suggestAlternatives(db, ctx, start, end, now);
  return new Refusal(`${what} ${describeSuggestions(suggestions, ctx.site.timeZone)}`, 'conflict', { suggestions });
}

const ALREADY_BOOKED = 'You already have a booking at that time.';

type HeldRow = Awaited<ReturnType<typeof busyInRoom>>[number];

/**
 * Puts the booking on the first free station (the one it already holds, when moving), given
 * the room's live bookings over the hold as read with the room's turn held. `place` answers
 * the booking, or 'taken' when the station's EXCLUDE constraint refused it; then the held
 * stations are read again and the next free one is tried. Throws NoStationFree.
 */
async function firstFreeStation(
  tx: Tx,
  ctx: RoomContext,
  start: Date,
  end: Date,
  held: HeldRow[],
  place: (stationId: string) => Promise<Booking | 'taken'>,
  moving?: Booking,
): Promise<Booking> {
  const holdEnd = addMinutes(end, ctx.policy.bufferMin);
  let busy = held;
  for (let attempt = 0; attempt < ctx.stations.length * 3 + 3; attempt++) {
    const free = freeStations({ stations: ctx.stations, busy: moving ? busy.filter((b) => b.id !== moving.id) : busy }, start, holdEnd);
    if (free.length === 0) break;
    const placed = await place((free.find((s) => s.id === moving?.stationId) ?? free[0]!).id);
    if (placed !== 'taken') return placed;
    busy = await busyInRoom(tx, ctx.room.id, start, holdEnd);
  }
  throw new NoStationFree();
}

/**
 * Takes the room's turn, gives back expired no-shows, then puts the booking on a free station
 * with `place` (an UPDATE, for moves), each try in a savepoint: the EXCLUDE constraints decide
 * races (23P01: someone got there first; 40P01: two writes checked each other at once and one
 * was chosen to yield). Returns the booking or throws NoStationFree.
 */
export async function placeOnAStation(
  tx: Tx,
  ctx: RoomContext,
  start: Date,
  end: Date,
  place: (sp: Tx, stationId: string) => Promise<Booking | undefined>,
  moving?: Booking,
  now: Date = new Date(),
): Promise<Booking> {
  await takeTurnInRoom(tx, ctx.room.id);
  // A no-show past its grace gives its station back here, so nobody waits for the minute job.
  await releaseNoShows(tx, { now, roomIds: [ctx.room.id], lookBackMin: LONGEST_HOLD_MIN });
  const held = await busyInRoom(tx, ctx.room.id, start, addMinutes(end, ctx.policy.bufferMin));
  return firstFreeStation(
    tx,
    ctx,
    start,
    end,
    held,
    async (stationId) => {
      try {
        return (await tx.transaction(async (sp) => place(sp as unknown as Tx, stationId))) ?? 'taken';
      } catch (err) {
        const { code, constraint } = pgError(err);
        if (code === EXCLUSION_VIOLATION && constraint === 'bookings_person_no_overlap') throw new Refusal(ALREADY_BOOKED, 'conflict');
        if ((code === EXCLUSION_VIOLATION && constraint === 'bookings_station_no_overlap') || code === DEADLOCK) return 'taken';
        throw err;
      }
    },
    moving,
  );
}

/** Every policy rule, against the room's windows and the person's other live bookings; throws the first broken. */
async function enforceRules(tx: Tx, ctx: RoomContext, b: { start: Date; end: Date; now: Date; userId: string | null; exceptId?: string }) {
  const [closures, ownBookings] = await Promise.all([
    closuresInRoom(tx, ctx.room.id, b.start, b.end),
    b.userId ? ownLiveBookings(tx, b.userId, b.start, b.end, b.exceptId) : [],
  ]);
  checkRules(ctx, b, closures, ownBookings);
}

function checkRules(ctx: RoomContext, b: { start: Date; end: Date; now: Date }, closures: Window[], ownBookings: Window[]) {
  const rule = checkBooking({ start: b.start, end: b.end, now: b.now, site: siteInfo(ctx.site), room: ctx.room, policy: ctx.policy, closures, ownBookings });
  if (!rule.ok) throw new Refusal(rule.message, 'invalid', { rule: rule.rule });
}

/** Notes unmet demand for HR's reports (never who asked); a failure to note it never fails the answer. */
export async function recordDemandMiss(db: Db, ctx: RoomContext, kind: 'full' | 'book_now', wantedAt: Date): Promise<void> {
  try {
    await db.insert(demandMisses).values({ roomId: ctx.room.id, siteId: ctx.site.id, kind, wantedAt });
  } catch (err) {
    console.error('Nook: unmet demand could not be recorded:', err instanceof Error ? err.message : err);
  }
}

/** Turns "no station was free" into the 409 with alternatives (and notes the unmet demand); any other error passes through. */
async function explainNoStation(db: Db, err: unknown, ctx: RoomContext | undefined, start: Date, end: Date, now: Date): Promise<unknown> {
  if (!(err instanceof NoStationFree) || !ctx) return err;
  await recordDemandMiss(db, ctx, 'full', start);
  return fullRefusal(db, ctx, start, end, now, `Every station in ${ctx.room.name} is taken from ${formatLocal(start, ctx.site.timeZone)}.`);
}

export type BookingInput = { userId: string; roomId: string; start: Date; end: Date; now: Date };

/**
 * Books the first free station in the room, or refuses with the rule broken or the alternatives.
 *
 * Five round trips: BEGIN; the locks (person, room and site, the room's turn); every read at
 * once (the room, its stations, its windows, her other bookings, the stations held then)
 * together with giving back expired no-shows; the INSERT; COMMIT. The INSERT skips a row the
 * EXCLUDE constraints refuse (ON CONFLICT DO NOTHING) instead of failing, so no savepoint is
 * needed; the constraints stay the last word on every race.
 */
export async function createBooking(db: Db, input: BookingInput): Promise<Booking> {
  const { userId, roomId, start, end, now } = input;
  let ctx: RoomContext | undefined;
  try {
    return await retryOnDeadlock(() =>
      db.transaction(async (tx) => {
        await holdForBooking(tx, userId, roomId);
        // With the room's turn held, these see every booking committed before; which of them runs first does not matter
        // (the held stations are read up to the longest buffer past the end, and the no-shows given back now are left out).
        const [room, closures, ownBookings, released, held] = await Promise.all([
          loadRoomContext(tx, roomId),
          closuresInRoom(tx, roomId, start, end),
          ownLiveBookings(tx, userId, start, end),
          releaseNoShows(tx, { now, roomIds: [roomId], lookBackMin: LONGEST_HOLD_MIN }),
          busyInRoom(tx, roomId, start, addMinutes(end, MAX_BUFFER_MIN)),
        ]);
        ctx = room;
        if (!ctx) throw new Refusal('That room does not exist.', 'not_found');
        checkRules(ctx, { start, end, now }, closures, ownBookings);
        const blockEnd = addMinutes(end, ctx.policy.bufferMin);
        const gone = new Set(released.map((r) => r.id));
        return firstFreeStation(tx, ctx, start, end, held.filter((b) => !gone.has(b.id)), async (stationId) => {
          const [row] = await tx
            .insert(bookings)
            .values({ roomId, stationId, userId, startAt: start, endAt: end, blockEnd, createdAt: now })
            .onConflictDoNothing()
            .returning();
          if (row) return row;
          // An EXCLUDE constraint refused it: she holds another booking then, or the station was taken after all.
          const mine = await ownLiveBookings(tx, userId, start, end);
          if (mine.some((o) => o.start < end && o.end > start)) throw new Refusal(ALREADY_BOOKED, 'conflict');
          return 'taken';
        });
      }),
    );
  } catch (err) {
    throw await explainNoStation(db, err, ctx, start, end, now);
  }
}

type Actor = { id: string; role: Role };

async function loadOwnedBooking(tx: Tx, actor: Actor, bookingId: string): Promise<Booking> {
  const [row] = await tx.select().from(bookings).where(eq(bookings.id, bookingId)).for('update');
  // Someone else's booking is "not found" to an employee: its existence is not theirs to learn.
  if (!row || (row.userId !== actor.id && !hasRole(actor.role, 'hr'))) throw new Refusal('That booking was not found.', 'not_found');
  return row;
}

async function notifyOwner(tx: Tx, booking: Booking, actor: Actor, message: string) {
  if (!booking.userId || booking.userId === actor.id) return;
  await tx.insert(notifications).values({ userId: booking.userId, kind: 'booking_changed', message, link: '/bookings' });
}

/** Moves a live booking to a new time in the same room: the same station if it is free, else another. */
export async function moveBooking(db: Db, input: { actor: Actor; bookingId: string; start: Date; end: Date; now: Date }): Promise<Booking> {
  const { actor, bookingId, start, end, now } = input;
  let ctx: RoomContext | undefined;
  try {
    return await db.transaction(async (tx) => {
      const current = await loadOwnedBooking(tx, actor, bookingId);
      if (current.status !== 'booked') throw new Refusal('That booking was cancelled, so it cannot be moved.', 'conflict');
      if (current.endAt <= now) throw new Refusal('That booking is over, so it cannot be moved.', 'conflict');
      await shareRoomAndSiteLocks(tx, current.roomId);
      ctx = await loadRoomContext(tx, current.roomId);
      if (!ctx) throw new Refusal('That room does not exist.', 'not_found');
      await enforceRules(tx, ctx, { start, end, now, userId: current.userId, exceptId: current.id });
      const blockEnd = addMinutes(end, ctx.policy.bufferMin);
      const moved = await placeOnAStation(
        tx,
        ctx,
        start,
        end,
        async (sp, stationId) => {
          const [row] = await sp.update(bookings)
            .set({ stationId, startAt: start, endAt: end, blockEnd, sequence: sql`${bookings.sequence} + 1`, updatedAt: sql`now()` })
            .where(eq(bookings.id, current.id))
            .returning();
          return row;
        },
        current,
        now,
      );
      await notifyOwner(tx, current, actor, `Your booking in ${ctx.room.name} was moved to ${formatLocal(start, ctx.site.timeZone)}–${formatTime(end, ctx.site.timeZone)}.`);
      return moved;
    });
  } catch (err) {
    throw await explainNoStation(db, err, ctx, start, end, now);
  }
}

export async function cancelBooking(db: Db, input: { actor: Actor; bookingId: string; reason?: string }): Promise<Booking> {
  return db.transaction(async (tx) => {
    const current = await loadOwnedBooking(tx, input.actor, input.bookingId);
    if (current.status === 'cancelled') return current;
    const [row] = await tx
      .update(bookings)
      .set({ status: 'cancelled', cancelledAt: sql`now()`, cancelReason: input.reason ?? null, sequence: sql`${bookings.sequence} + 1`, updatedAt: sql`now()` })
      .where(eq(bookings.id, current.id))
      .returning();
    const ctx = await loadRoomContext(tx, current.roomId);
    if (ctx) await notifyOwner(tx, current, input.actor, `Your booking in ${ctx.room.name} on ${formatLocal(current.startAt, ctx.site.timeZone)} was cancelled.`);
    return row!;
  });
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
 * "Book now": the first free station in the room from this minute, for the site's default
 * length, or less when the room closes or a station is needed sooner (never under the minimum).
 */
export async function bookNow(db: Db, input: { userId: string; roomId: string; now: Date }): Promise<Booking> {
  const ctx = await loadRoomContext(db, input.roomId);
  if (!ctx) throw new Refusal('That room does not exist.', 'not_found');
  const start = new Date(Math.floor(input.now.getTime() / 60_000) * 60_000);
  const t = await timelineFor(db, ctx, start, addMinutes(start, 24 * 60));
  const state = freeNow(t, start);
  let end = addMinutes(start, ctx.policy.defaultLengthMin);
  if (state.free && state.until && state.until < addMinutes(end, ctx.policy.bufferMin)) {
    end = addMinutes(state.until, -ctx.policy.bufferMin);
  }
  if (!state.free || minutesBetween(start, end) < ctx.policy.minLengthMin) {
    await recordDemandMiss(db, ctx, 'book_now', start);
    const why =
      state.reason === 'closed'
        ? `${ctx.room.name} is outside its opening hours right now.`
        : state.reason === 'closure'
          ? `${ctx.room.name} is out of service right now.`
          : `No station in ${ctx.room.name} is free right now.`;
    throw await fullRefusal(db, ctx, start, addMinutes(start, ctx.policy.defaultLengthMin), input.now, why);
  }
  return createBooking(db, { userId: input.userId, roomId: input.roomId, start, end, now: input.now });
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

async function loadOwnLiveBooking(tx: Tx, userId: string, bookingId: string) {
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

/** Checks her in, from 5 minutes before the start until the grace period after it. */
export async function checkIn(db: Db, input: { userId: string; bookingId: string; now: Date }): Promise<Booking> {
  const { now } = input;
  return db.transaction(async (tx) => {
    const { booking, room, site, policy } = await loadOwnLiveBooking(tx, input.userId, input.bookingId);
    const tz = site.timeZone;
    const state = checkInState({ ...booking, start: booking.startAt, end: booking.endAt, checkInRequired: policy.checkInRequired, checkInGraceMin: policy.checkInGraceMin }, now);
    switch (state.kind) {
      case 'released':
        throw new Refusal(`This booking was released at ${formatTime(booking.releasedAt!, tz)} because nobody checked in.`, 'conflict');
      case 'cancelled':
        throw new Refusal('That booking was cancelled.', 'conflict');
      case 'checked_in':
      case 'over':
        if (booking.checkedInAt) return booking;
        throw new Refusal('That booking is over.', 'conflict');
      case 'not_yet':
        throw new Refusal(`Check-in for ${room.name} opens at ${formatLocal(state.opensAt, tz)}.`, 'conflict');
      case 'closed':
        throw new Refusal(`Check-in closed at ${formatTime(state.closedAt, tz)}.`, 'conflict');
    }
    const [row] = await tx.update(bookings).set({ checkedInAt: now, updatedAt: sql`now()` }).where(eq(bookings.id, booking.id)).returning();
    return row!;
  });
}

/** Checking out early ends the booking now, so the rest of the slot is free for someone else. */
export async function checkOut(db: Db, input: { userId: string; bookingId: string; now: Date }): Promise<Booking> {
  const { now } = input;
  return db.transaction(async (tx) => {
    const { booking, policy } = await loadOwnLiveBooking(tx, input.userId, input.bookingId);
    if (booking.status !== 'booked') throw new Refusal('That booking was cancelled.', 'conflict');
    if (!booking.checkedInAt) throw new Refusal('Check in first; checking out ends a booking you are using.', 'conflict');
    if (booking.checkedOutAt || now >= booking.endAt) throw new Refusal('That booking is already over.', 'conflict');
    const minute = new Date(Math.ceil(now.getTime() / 60_000) * 60_000);
    const end = minute > booking.startAt ? minute : addMinutes(booking.startAt, 1);
    const [row] = await tx
      .update(bookings)
      .set({ endAt: end, blockEnd: addMinutes(end, policy.bufferMin), checkedOutAt: now, sequence: sql`${bookings.sequence} + 1`, updatedAt: sql`now()` })
      .where(eq(bookings.id, booking.id))
      .returning();
    return row!;
  });
}
