import 'server-only';
import type { Db } from '@/db/client';
import { loadOwnLiveBooking, markCheckedIn, markCheckedOut } from '@/db/queries/bookings';
import type { Booking } from '@/db/schema';
import { checkInState } from '@/lib/check-in';
import { Refusal } from '@/lib/errors';
import { addMinutes, formatLocal, formatTime } from '@/lib/time';

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
    return markCheckedIn(tx, booking.id, now);
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
    return markCheckedOut(tx, booking.id, { end, blockEnd: addMinutes(end, policy.bufferMin), now });
  });
}
