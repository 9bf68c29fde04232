import 'server-only';
import type { Db } from '@/db/client';
import { holdForPlacement, place, placing } from '@/db/placement';
import {
  audit,
  changeRoom,
  changeSite,
  checkRoom,
  checkSite,
  insertClosure,
  liveBookingsInRoom,
  otherActiveRooms,
  uniquelyNamed,
  type Actor,
  type Change,
  type ClosureInput,
  type RoomInput,
  type SiteInput,
} from '@/db/queries/admin';
import { busyInRoom, LONGEST_HOLD_MIN, loadRoomContext, markCancelled, releaseNoShows, timelineFor, type RoomContext } from '@/db/queries/bookings';
import { notify } from '@/db/queries/notifications';
import type { Booking, Room, RoomClosure, Site } from '@/db/schema';
import { isOpenFor, pickStation, type RoomTimeline } from '@/lib/availability';
import { Refusal } from '@/lib/errors';
import { addMinutes, formatLocal, overlaps } from '@/lib/time';

/*
 * Admin changes that can strand bookings (a site's hours or zone, a room's stations, status
 * or hours, an out-of-service window). Each runs its change (db/queries/admin.ts), then
 * re-homes every booking it strands through the one placement (db/placement.ts), in one
 * transaction; unconfirmed, it rolls back and answers what confirming would do.
 */

/** When the change happens, and whether the admin has already seen what it does to people's bookings. */
export type ChangeOptions = { now: Date; confirm: boolean };
/** Bookings a change moved elsewhere at the same time, and those it had to cancel. */
export type Rehomed = { moved: number; cancelled: number };
/**
 * A change that strands no booking, or one the admin confirmed, is done. Otherwise nothing
 * was written and `affected` says what confirming would do, worked out by doing it and rolling back.
 */
export type ChangeResult<T> = { done: true; value: T; affected: Rehomed } | { done: false; affected: Rehomed };

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
async function changeKeepingBookings<T>(db: Db, actor: Actor, options: ChangeOptions, change: (tx: Db) => Promise<Change<T>>): Promise<ChangeResult<T>> {
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
async function rehome(tx: Db, b: Booking, candidates: RoomContext[]): Promise<{ ctx: RoomContext; booking: Booking } | null> {
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
async function rehomeStranded(tx: Db, roomIds: string[], now: Date): Promise<Rehomed> {
  const tally: Rehomed = { moved: 0, cancelled: 0 };
  for (const roomId of roomIds) {
    const ctx = await loadRoomContext(tx, roomId);
    if (!ctx) continue;
    const live = await liveBookingsInRoom(tx, roomId, now);
    if (live.length === 0) continue;
    const last = live.reduce((m, b) => (b.blockEnd > m ? b.blockEnd : m), live[0]!.blockEnd);
    const timeline = await timelineFor(tx, ctx, live[0]!.startAt, last);
    const stranded = live.map((b) => ({ b, because: strandedBecause(ctx, timeline, b) })).filter((s) => s.because);
    if (stranded.length === 0) continue;

    const others = await otherActiveRooms(tx, ctx.site.id, roomId);
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
        await markCancelled(tx, b.id, because);
        message = `${when} was cancelled because ${because}.`;
      }
      if (b.userId) await notify(tx, [b.userId], { kind: 'booking_changed', message, link: '/bookings' });
    }
  }
  return tally;
}

/** Changes a site. New hours or a new zone can strand bookings in rooms that follow the site's hours. */
export async function updateSite(db: Db, actor: Actor, siteId: string, input: SiteInput, options: ChangeOptions): Promise<ChangeResult<Site>> {
  checkSite(input);
  return uniquelyNamed(() => changeKeepingBookings(db, actor, options, (tx) => changeSite(tx, siteId, input)), `There is already a site called ${input.name}.`);
}

/**
 * Changes a room. Fewer stations, out of service or new hours can strand bookings: they are
 * re-homed or cancelled, once the admin has confirmed.
 */
export async function updateRoom(db: Db, actor: Actor, roomId: string, input: RoomInput, options: ChangeOptions): Promise<ChangeResult<Room>> {
  checkRoom(input);
  return uniquelyNamed(() => changeKeepingBookings(db, actor, options, (tx) => changeRoom(tx, roomId, input)), `There is already a room called ${input.name} at this site.`);
}

/** Closes a room for a window; bookings across it are re-homed or cancelled once confirmed. */
export async function addClosure(db: Db, actor: Actor, roomId: string, input: ClosureInput, options: ChangeOptions): Promise<ChangeResult<RoomClosure>> {
  if (!(input.end > input.start)) throw new Refusal('The window must end after it starts.', 'invalid');
  if (input.end <= options.now) throw new Refusal('That window is already over. Choose an end in the future.', 'invalid');
  const reason = input.reason.trim();
  if (!reason) throw new Refusal('Say why the room is out of service: people see the reason.', 'invalid');
  return changeKeepingBookings(db, actor, options, (tx) => insertClosure(tx, roomId, { ...input, reason }));
}
