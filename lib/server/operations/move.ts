import 'server-only';
import type { Db } from '@/db/client';
import { holdForPlacement, NoStationFree, place, placing } from '@/db/placement';
import { busyInRoom, findOwnBooking, LONGEST_HOLD_MIN, loadOwnedBooking, loadRoomContext, notifyOwner, releaseNoShows, type Actor, type RoomContext } from '@/db/queries/bookings';
import { bookings, type Booking } from '@/db/schema';
import { pickStation } from '@/lib/availability';
import { Refusal } from '@/lib/errors';
import { addMinutes, formatLocal, formatTime, zonedInstant } from '@/lib/time';
import { eq } from 'drizzle-orm';
import { sendBookingInvite } from '../invites';
import { explainNoStation } from './full-room';
import { readAndEnforceRules } from './rules';

export type MoveInput = { actor: Actor; bookingId: string; start: Date; end: Date; now: Date };

/**
 * Moves a live booking to a new time in the same room: the same station if it is free, else
 * another. HR and admins may move anyone's; the owner is told. Sends the updated invite.
 */
export async function moveBooking(db: Db, input: MoveInput): Promise<Booking> {
  const { actor, bookingId, start, end, now } = input;
  let ctx: RoomContext | undefined;
  try {
    const moved = await placing(db, async (tx) => {
      // Whose booking and which room decide the locks; read again once they are held.
      const [seen] = await tx.select({ userId: bookings.userId, roomId: bookings.roomId }).from(bookings).where(eq(bookings.id, bookingId));
      if (seen) await holdForPlacement(tx, { person: seen.userId, rooms: [seen.roomId] });
      const current = await loadOwnedBooking(tx, actor, bookingId);
      if (current.roomId !== seen?.roomId) throw new Refusal('That booking changed just now. Reload and try again.', 'conflict');
      if (current.status !== 'booked') throw new Refusal('That booking was cancelled, so it cannot be moved.', 'conflict');
      if (current.endAt <= now) throw new Refusal('That booking is over, so it cannot be moved.', 'conflict');
      ctx = await loadRoomContext(tx, current.roomId);
      if (!ctx) throw new Refusal('That room does not exist.', 'not_found');
      await readAndEnforceRules(tx, ctx, { start, end, now, userId: current.userId, exceptId: current.id });
      const blockEnd = addMinutes(end, ctx.policy.bufferMin);
      // A no-show past its grace gives its station back here, so nobody waits for the minute job.
      const released = new Set((await releaseNoShows(tx, { now, roomIds: [ctx.room.id], lookBackMin: LONGEST_HOLD_MIN })).map((r) => r.id));
      const held = (await busyInRoom(tx, ctx.room.id, start, blockEnd)).filter((b) => !released.has(b.id));
      const stationId = pickStation({ stations: ctx.stations, busy: held }, start, blockEnd, current);
      if (!stationId) throw new NoStationFree();
      const [row] = await place(tx, { kind: 'move', bookingId: current.id, to: { stationId, startAt: start, endAt: end, blockEnd } });
      await notifyOwner(tx, current, actor, `Your booking in ${ctx.room.name} was moved to ${formatLocal(start, ctx.site.timeZone)}–${formatTime(end, ctx.site.timeZone)}.`);
      return row!;
    });
    await sendBookingInvite(db, moved.id, 'moved', now);
    return moved;
  } catch (err) {
    throw await explainNoStation(db, err, ctx, start, end, now);
  }
}

/** Moves her own booking to a local date and time in the room's site zone (the My bookings form). */
export async function moveOwnBookingTo(db: Db, input: { actor: Actor; bookingId: string; date: string; time: string; lengthMin: number; now: Date }) {
  const current = await findOwnBooking(db, input.actor.id, input.bookingId);
  if (!current) throw new Refusal('That booking was not found.', 'not_found');
  const ctx = await loadRoomContext(db, current.roomId);
  if (!ctx) throw new Refusal('That room does not exist.', 'not_found');
  const start = zonedInstant(input.date, input.time, ctx.site.timeZone);
  const moved = await moveBooking(db, { actor: input.actor, bookingId: current.id, start, end: addMinutes(start, input.lengthMin), now: input.now });
  return { moved, timeZone: ctx.site.timeZone };
}
