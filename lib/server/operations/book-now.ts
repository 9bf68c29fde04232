import 'server-only';
import type { Db } from '@/db/client';
import { loadRoomContext, recordDemandMiss, timelineFor } from '@/db/queries/bookings';
import type { Booking } from '@/db/schema';
import { freeNow } from '@/lib/availability';
import { Refusal } from '@/lib/errors';
import { addMinutes, minutesBetween } from '@/lib/time';
import { createBooking } from './book';
import { fullRefusal } from './full-room';

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
