import 'server-only';
import type { Db } from '@/db/client';
import { loadOwnedBooking, loadRoomContext, markCancelled, notifyOwner, type Actor } from '@/db/queries/bookings';
import type { Booking } from '@/db/schema';
import { formatLocal } from '@/lib/time';
import { sendBookingInvite } from '../invites';

/** Cancels a booking (hers; HR and admins: anyone's, and the owner is told), then sends the calendar's cancellation. */
export async function cancelBooking(db: Db, input: { actor: Actor; bookingId: string; reason?: string; now?: Date }): Promise<Booking> {
  const cancelled = await db.transaction(async (tx) => {
    const current = await loadOwnedBooking(tx, input.actor, input.bookingId);
    if (current.status === 'cancelled') return current;
    const row = await markCancelled(tx, current.id, input.reason ?? null);
    const ctx = await loadRoomContext(tx, current.roomId);
    if (ctx) await notifyOwner(tx, current, input.actor, `Your booking in ${ctx.room.name} on ${formatLocal(current.startAt, ctx.site.timeZone)} was cancelled.`);
    return row;
  });
  await sendBookingInvite(db, cancelled.id, 'cancelled', input.now ?? new Date());
  return cancelled;
}
