import 'server-only';
import type { Db } from '@/db/client';
import { holdForPlacement, NoStationFree, place, placing } from '@/db/placement';
import { busyInRoom, closuresInRoom, LONGEST_HOLD_MIN, loadRoomContext, MAX_BUFFER_MIN, ownLiveBookings, releaseNoShows, type RoomContext } from '@/db/queries/bookings';
import type { Booking } from '@/db/schema';
import { pickStation } from '@/lib/availability';
import { Refusal } from '@/lib/errors';
import { addMinutes } from '@/lib/time';
import { sendBookingInvite } from '../invites';
import { explainNoStation } from './full-room';
import { enforceRules } from './rules';

export type BookingInput = { userId: string; roomId: string; start: Date; end: Date; now: Date };

/**
 * Books the first free station in the room, or refuses with the rule broken or the
 * alternatives; then sends her calendar invite (when mail is set up).
 *
 * Five round trips: BEGIN; the placement's locks (her, the room and site, the room's turn);
 * every read at once (the room, its stations, its windows, her other bookings, the stations
 * held then) together with giving back expired no-shows; the INSERT; COMMIT. The EXCLUDE
 * constraints stay the last word on every race (db/placement.ts).
 */
export async function createBooking(db: Db, input: BookingInput): Promise<Booking> {
  const { userId, roomId, start, end, now } = input;
  let ctx: RoomContext | undefined;
  try {
    const booking = await placing(db, async (tx) => {
      await holdForPlacement(tx, { person: userId, rooms: [roomId] });
      // With the room's turn held, these see every booking committed before; which of them runs first does not matter
      // (the held stations are read up to the longest buffer past the end, and the no-shows given back now are left out).
      const [room, closures, own, released, held] = await Promise.all([
        loadRoomContext(tx, roomId),
        closuresInRoom(tx, roomId, start, end),
        ownLiveBookings(tx, userId, start, end),
        releaseNoShows(tx, { now, roomIds: [roomId], lookBackMin: LONGEST_HOLD_MIN }),
        busyInRoom(tx, roomId, start, addMinutes(end, MAX_BUFFER_MIN)),
      ]);
      ctx = room;
      if (!ctx) throw new Refusal('That room does not exist.', 'not_found');
      enforceRules(ctx, { start, end, now }, closures, own);
      const blockEnd = addMinutes(end, ctx.policy.bufferMin);
      const gone = new Set(released.map((r) => r.id));
      const stationId = pickStation({ stations: ctx.stations, busy: held.filter((b) => !gone.has(b.id)) }, start, blockEnd);
      if (!stationId) throw new NoStationFree();
      const [row] = await place(tx, { kind: 'new', rows: [{ roomId, stationId, userId, startAt: start, endAt: end, blockEnd, createdAt: now }] });
      return row!;
    });
    await sendBookingInvite(db, booking.id, 'booked', now);
    return booking;
  } catch (err) {
    throw await explainNoStation(db, err, ctx, start, end, now);
  }
}
