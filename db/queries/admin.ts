import { and, asc, eq, gt, ne, sql } from 'drizzle-orm';
import type { Amenity } from '@/lib/amenities';
import { isOpenFor, pickStation, type RoomTimeline } from '@/lib/availability';
import { Refusal } from '@/lib/errors';
import { openingHoursSchema, type OpeningHours } from '@/lib/opening-hours';
import { MAX_STATIONS, policyProblems, type PolicyValues } from '@/lib/policy';
import { addMinutes, formatLocal, overlaps } from '@/lib/time';
import { isTimeZone } from '@/lib/time-zones';
import type { Db } from '../client';
import { pgError, UNIQUE_VIOLATION } from '../errors';
import { lockRoomAlone, lockSiteAlone } from '../locks';
import { auditLog, bookings, notifications, policies, roomClosures, rooms, sites, stations, type Booking, type Policy, type Room, type RoomClosure, type Site } from '../schema';
import { holdForPlacement, place, placing } from '../placement';
import { busyInRoom, LONGEST_HOLD_MIN, loadRoomContext, releaseNoShows, timelineFor, type RoomContext } from './bookings';

type Tx = Db;
export type Actor = { id: string; ip?: string | null };

/** When the change happens, and whether the admin has already seen what it does to people's bookings. */
export type ChangeOptions = { now: Date; confirm: boolean };
/** Bookings a change moved elsewhere at the same time, and those it had to cancel. */
export type Rehomed = { moved: number; cancelled: number };
/**
 * A change that strands no booking, or one the admin confirmed, is done. Otherwise nothing
 * was written and `affected` says what confirming would do, worked out by doing it and rolling back.
 */
export type ChangeResult<T> = { done: true; value: T; affected: Rehomed } | { done: false; affected: Rehomed };

type AuditEntry = { action: string; targetType: 'site' | 'room' | 'policy' | 'closure'; targetId: string; detail: Record<string, unknown> };

async function audit(tx: Tx, actor: Actor, entry: AuditEntry) {
  await tx.insert(auditLog).values({ actorId: actor.id, ...entry, ip: actor.ip ?? null });
}

/** The fields whose values differ, as { field: { from, to } }, for the audit log. */
function changes<T extends object>(before: T, after: T, keys: (keyof T & string)[]): Record<string, { from: unknown; to: unknown }> {
  return Object.fromEntries(
    keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).map((k) => [k, { from: before[k], to: after[k] }]),
  );
}

/** Turns the database's "name already taken" into a refusal naming the clash. */
async function uniquelyNamed<T>(work: () => Promise<T>, message: string): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (pgError(err).code === UNIQUE_VIOLATION) throw new Refusal(message, 'conflict');
    throw err;
  }
}

function checkHours(hours: OpeningHours | null) {
  if (hours && !openingHoursSchema.safeParse(hours).success) {
    throw new Refusal('Each open day needs an opening time before its closing time, in 24-hour form such as 08:30.', 'invalid');
  }
}

// ——— Keeping bookings whole ———

class Unconfirmed extends Error {
  constructor(public affected: Rehomed) {
    super('The change strands bookings and was not confirmed.');
  }
}

/**
 * Runs a change and then re-homes every live booking it strands, all in one transaction.
 * Without the admin's confirmation a change that strands bookings is rolled back and
 * answered with what it would do.
 */
async function changeKeepingBookings<T>(
  db: Db,
  actor: Actor,
  options: ChangeOptions,
  change: (tx: Tx) => Promise<{ value: T; roomIds: string[]; audit: AuditEntry }>,
): Promise<ChangeResult<T>> {
  try {
    return await placing(db, async (tx) => {
      const { value, roomIds, audit: entry } = await change(tx);
      const affected = await rehomeStranded(tx, roomIds, options.now);
      const count = affected.moved + affected.cancelled;
      if (count > 0 && !options.confirm) throw new Unconfirmed(affected);
      await audit(tx, actor, count > 0 ? { ...entry, detail: { ...entry.detail, bookingsMoved: affected.moved, bookingsCancelled: affected.cancelled } } : entry);
      return { done: true as const, value, affected };
    });
  } catch (err) {
    if (err instanceof Unconfirmed) return { done: false, affected: err.affected };
    throw err;
  }
}

/** Why a live booking no longer fits its room as the room now is, or null when it still does. */
function strandedBecause(ctx: RoomContext, t: RoomTimeline, b: Booking): string | null {
  const { name } = ctx.room;
  const tz = ctx.site.timeZone;
  if (ctx.room.status === 'out_of_service') return `${name} is out of service`;
  const closure = t.closures.find((c) => overlaps(b.startAt, b.endAt, c.start, c.end));
  if (closure) return `${name} is out of service from ${formatLocal(closure.start, tz)} to ${formatLocal(closure.end, tz)}`;
  if (!isOpenFor(t, b.startAt, b.endAt)) return `the opening hours of ${name} changed`;
  const n = ctx.stations.length;
  if (!ctx.stations.some((s) => s.id === b.stationId)) return `${name} now has ${n} ${n === 1 ? 'station' : 'stations'}`;
  return null;
}

/** Puts the booking on a free station of the first room that is open and free at its time, or answers null. */
async function rehome(tx: Tx, b: Booking, candidates: RoomContext[]): Promise<{ ctx: RoomContext; booking: Booking } | null> {
  for (const c of candidates) {
    if (c.stations.length === 0) continue;
    const blockEnd = addMinutes(b.endAt, c.policy.bufferMin);
    if (!isOpenFor(await timelineFor(tx, c, b.startAt, blockEnd), b.startAt, b.endAt)) continue;
    // The one placement: the candidate room's turn (her times do not change, so not her), then a free station by the pure rule.
    await holdForPlacement(tx, { person: null, rooms: [c.room.id] });
    const released = new Set((await releaseNoShows(tx, { now: new Date(), roomIds: [c.room.id], lookBackMin: LONGEST_HOLD_MIN })).map((r) => r.id));
    const held = (await busyInRoom(tx, c.room.id, b.startAt, blockEnd)).filter((h) => !released.has(h.id));
    const stationId = pickStation({ stations: c.stations, busy: held }, b.startAt, blockEnd, c.room.id === b.roomId ? b : undefined);
    if (!stationId) continue;
    const [booking] = await place(tx, { kind: 'move', bookingId: b.id, to: { roomId: c.room.id, stationId, blockEnd } });
    return { ctx: c, booking: booking! };
  }
  return null;
}

/**
 * Every live booking in these rooms that has not ended and no longer fits (its station
 * retired, the room out of service or closed, its hours changed) moves to a free station in
 * the same room or in another active room at the site at the same time, same floor first;
 * failing that it is cancelled. Each person is told which, and why.
 */
async function rehomeStranded(tx: Tx, roomIds: string[], now: Date): Promise<Rehomed> {
  const tally: Rehomed = { moved: 0, cancelled: 0 };
  for (const roomId of roomIds) {
    const ctx = await loadRoomContext(tx, roomId);
    if (!ctx) continue;
    const live = await tx
      .select()
      .from(bookings)
      .where(and(eq(bookings.roomId, roomId), eq(bookings.status, 'booked'), gt(bookings.endAt, now)))
      .orderBy(asc(bookings.startAt), asc(bookings.createdAt))
      .for('update');
    if (live.length === 0) continue;
    const last = live.reduce((m, b) => (b.blockEnd > m ? b.blockEnd : m), live[0]!.blockEnd);
    const timeline = await timelineFor(tx, ctx, live[0]!.startAt, last);
    const stranded = live.map((b) => ({ b, because: strandedBecause(ctx, timeline, b) })).filter((s) => s.because);
    if (stranded.length === 0) continue;

    const others = await tx
      .select({ id: rooms.id, floor: rooms.floor })
      .from(rooms)
      .where(and(eq(rooms.siteId, ctx.site.id), eq(rooms.status, 'active'), ne(rooms.id, roomId)))
      .orderBy(asc(rooms.name));
    others.sort((a, b) => Number(b.floor === ctx.room.floor) - Number(a.floor === ctx.room.floor));
    const candidates = [ctx];
    for (const o of others) {
      const octx = await loadRoomContext(tx, o.id);
      if (octx) candidates.push(octx);
    }

    for (const { b, because } of stranded) {
      const when = `Your booking in ${ctx.room.name} on ${formatLocal(b.startAt, ctx.site.timeZone)}`;
      const to = await rehome(tx, b, candidates);
      let message: string;
      if (to) {
        tally.moved++;
        const station = to.ctx.stations.find((s) => s.id === to.booking.stationId)?.label ?? 'another station';
        const where = to.ctx.room.id === roomId ? `${station} in the same room` : to.ctx.room.name;
        message = `${when} was moved to ${where} because ${because}.`;
      } else {
        tally.cancelled++;
        await tx
          .update(bookings)
          .set({ status: 'cancelled', cancelledAt: sql`now()`, cancelReason: because, sequence: sql`${bookings.sequence} + 1`, updatedAt: sql`now()` })
          .where(eq(bookings.id, b.id));
        message = `${when} was cancelled because ${because}.`;
      }
      if (b.userId) await tx.insert(notifications).values({ userId: b.userId, kind: 'booking_changed', message, link: '/bookings' });
    }
  }
  return tally;
}

// ——— Sites ———

export type SiteInput = { name: string; address: string; timeZone: string; openingHours: OpeningHours };

function checkSite(input: SiteInput) {
  if (!isTimeZone(input.timeZone)) {
    throw new Refusal(`"${input.timeZone}" is not an IANA time zone. Choose one such as America/New_York or Europe/London.`, 'invalid');
  }
  checkHours(input.openingHours);
}

/** Adds a site with the default booking policy. */
export async function createSite(db: Db, actor: Actor, input: SiteInput): Promise<Site> {
  checkSite(input);
  return uniquelyNamed(
    () =>
      db.transaction(async (tx) => {
        const [site] = await tx.insert(sites).values(input).returning();
        await tx.insert(policies).values({ siteId: site!.id });
        await audit(tx, actor, { action: 'site.created', targetType: 'site', targetId: site!.id, detail: { name: site!.name, timeZone: site!.timeZone } });
        return site!;
      }),
    `There is already a site called ${input.name}.`,
  );
}

/** Changes a site. New hours or a new zone can strand bookings in rooms that follow the site's hours. */
export async function updateSite(db: Db, actor: Actor, siteId: string, input: SiteInput, options: ChangeOptions): Promise<ChangeResult<Site>> {
  checkSite(input);
  return uniquelyNamed(
    () =>
      changeKeepingBookings(db, actor, options, async (tx) => {
        await lockSiteAlone(tx, siteId);
        const [before] = await tx.select().from(sites).where(eq(sites.id, siteId)).for('update');
        if (!before) throw new Refusal('That site no longer exists.', 'not_found');
        const [after] = await tx
          .update(sites)
          .set({ ...input, updatedAt: sql`now()` })
          .where(eq(sites.id, siteId))
          .returning();
        const roomIds = (await tx.select({ id: rooms.id }).from(rooms).where(eq(rooms.siteId, siteId))).map((r) => r.id);
        return {
          value: after!,
          roomIds,
          audit: { action: 'site.updated', targetType: 'site', targetId: siteId, detail: changes(before, after!, ['name', 'address', 'timeZone', 'openingHours']) },
        };
      }),
    `There is already a site called ${input.name}.`,
  );
}

export async function findPolicy(db: Db, siteId: string): Promise<Policy | undefined> {
  const [row] = await db.select().from(policies).where(eq(policies.siteId, siteId)).limit(1);
  return row;
}

/** Changes a site's booking rules. Bookings already made keep their length; the rules apply to new ones. */
export async function updatePolicy(db: Db, actor: Actor, siteId: string, values: PolicyValues): Promise<Policy> {
  const problems = policyProblems(values);
  const first = Object.values(problems)[0];
  if (first) throw new Refusal(first, 'invalid', { fields: problems });
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(policies).where(eq(policies.siteId, siteId)).for('update');
    if (!before) throw new Refusal('That site no longer exists.', 'not_found');
    const [after] = await tx
      .update(policies)
      .set({ ...values, updatedAt: sql`now()` })
      .where(eq(policies.siteId, siteId))
      .returning();
    await audit(tx, actor, {
      action: 'policy.updated',
      targetType: 'policy',
      targetId: siteId,
      detail: changes(before, after!, Object.keys(values) as (keyof PolicyValues)[]),
    });
    return after!;
  });
}

// ——— Rooms and stations ———

export { MAX_STATIONS };

export type RoomInput = {
  name: string;
  floor: string;
  directions: string;
  amenities: Amenity[];
  /** null: the site's hours. */
  openingHours: OpeningHours | null;
  stations: number;
  status: Room['status'];
  outOfServiceReason: string | null;
};

function checkRoom(input: RoomInput) {
  if (!Number.isInteger(input.stations) || input.stations < 1 || input.stations > MAX_STATIONS) {
    throw new Refusal(`A room has from 1 to ${MAX_STATIONS} stations.`, 'invalid');
  }
  if (input.status === 'out_of_service' && !input.outOfServiceReason?.trim()) {
    throw new Refusal('Say why the room is out of service: people see the reason when they look for a room.', 'invalid');
  }
  checkHours(input.openingHours);
}

/** The room's own columns; its stations are rows of their own. */
function roomValues(input: RoomInput) {
  const { name, floor, directions, amenities, openingHours, status } = input;
  return { name, floor, directions, amenities, openingHours, status, outOfServiceReason: status === 'out_of_service' ? input.outOfServiceReason!.trim() : null };
}

/**
 * Stations 1..count are active and the rest retired, keeping their rows (and history);
 * missing positions are added as "Station N". Answers the active count before.
 */
async function setStationCount(tx: Tx, roomId: string, count: number): Promise<number> {
  const existing = await tx.select({ position: stations.position, active: stations.active }).from(stations).where(eq(stations.roomId, roomId));
  await tx
    .update(stations)
    .set({ active: sql`${stations.position} <= ${count}` })
    .where(eq(stations.roomId, roomId));
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((p) => !existing.some((s) => s.position === p));
  if (missing.length) await tx.insert(stations).values(missing.map((position) => ({ roomId, position, label: `Station ${position}` })));
  return existing.filter((s) => s.active).length;
}

export async function createRoom(db: Db, actor: Actor, siteId: string, input: RoomInput): Promise<Room> {
  checkRoom(input);
  return uniquelyNamed(
    () =>
      db.transaction(async (tx) => {
        const [site] = await tx.select({ id: sites.id }).from(sites).where(eq(sites.id, siteId));
        if (!site) throw new Refusal('That site no longer exists.', 'not_found');
        const [room] = await tx
          .insert(rooms)
          .values({ siteId, ...roomValues(input) })
          .returning();
        await setStationCount(tx, room!.id, input.stations);
        await audit(tx, actor, { action: 'room.created', targetType: 'room', targetId: room!.id, detail: { siteId, name: room!.name, stations: input.stations } });
        return room!;
      }),
    `There is already a room called ${input.name} at this site.`,
  );
}

/**
 * Changes a room. Fewer stations, out of service or new hours can strand bookings: they are
 * re-homed or cancelled, once the admin has confirmed.
 */
export async function updateRoom(db: Db, actor: Actor, roomId: string, input: RoomInput, options: ChangeOptions): Promise<ChangeResult<Room>> {
  checkRoom(input);
  return uniquelyNamed(
    () =>
      changeKeepingBookings(db, actor, options, async (tx) => {
        await lockRoomAlone(tx, roomId);
        const [before] = await tx.select().from(rooms).where(eq(rooms.id, roomId)).for('update');
        if (!before) throw new Refusal('That room no longer exists.', 'not_found');
        const [after] = await tx
          .update(rooms)
          .set({ ...roomValues(input), updatedAt: sql`now()` })
          .where(eq(rooms.id, roomId))
          .returning();
        const stationsBefore = await setStationCount(tx, roomId, input.stations);
        const detail = changes(before, after!, ['name', 'floor', 'directions', 'amenities', 'openingHours', 'status', 'outOfServiceReason']);
        if (stationsBefore !== input.stations) detail.stations = { from: stationsBefore, to: input.stations };
        return { value: after!, roomIds: [roomId], audit: { action: 'room.updated', targetType: 'room', targetId: roomId, detail } };
      }),
    `There is already a room called ${input.name} at this site.`,
  );
}

// ——— Out-of-service windows ———

export type ClosureInput = { start: Date; end: Date; reason: string };

/** Closures of a room that have not ended yet, soonest first. */
export async function listClosures(db: Db, roomId: string, now: Date): Promise<RoomClosure[]> {
  return db
    .select()
    .from(roomClosures)
    .where(and(eq(roomClosures.roomId, roomId), gt(roomClosures.endAt, now)))
    .orderBy(asc(roomClosures.startAt));
}

/** Closes a room for a window; bookings across it are re-homed or cancelled once confirmed. */
export async function addClosure(db: Db, actor: Actor, roomId: string, input: ClosureInput, options: ChangeOptions): Promise<ChangeResult<RoomClosure>> {
  if (!(input.end > input.start)) throw new Refusal('The window must end after it starts.', 'invalid');
  if (input.end <= options.now) throw new Refusal('That window is already over. Choose an end in the future.', 'invalid');
  const reason = input.reason.trim();
  if (!reason) throw new Refusal('Say why the room is out of service: people see the reason.', 'invalid');
  return changeKeepingBookings(db, actor, options, async (tx) => {
    await lockRoomAlone(tx, roomId);
    const [room] = await tx.select({ id: rooms.id }).from(rooms).where(eq(rooms.id, roomId)).for('update');
    if (!room) throw new Refusal('That room no longer exists.', 'not_found');
    const [closure] = await tx.insert(roomClosures).values({ roomId, startAt: input.start, endAt: input.end, reason }).returning();
    return {
      value: closure!,
      roomIds: [roomId],
      audit: { action: 'closure.created', targetType: 'closure', targetId: closure!.id, detail: { roomId, start: input.start, end: input.end, reason } },
    };
  });
}

export async function removeClosure(db: Db, actor: Actor, closureId: string): Promise<RoomClosure> {
  return db.transaction(async (tx) => {
    const [closure] = await tx.delete(roomClosures).where(eq(roomClosures.id, closureId)).returning();
    if (!closure) throw new Refusal('That out-of-service window was already removed.', 'not_found');
    await audit(tx, actor, {
      action: 'closure.deleted',
      targetType: 'closure',
      targetId: closureId,
      detail: { roomId: closure.roomId, start: closure.startAt, end: closure.endAt, reason: closure.reason },
    });
    return closure;
  });
}
