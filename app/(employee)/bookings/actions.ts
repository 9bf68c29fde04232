'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { cancelBooking, checkIn, checkOut, findOwnBooking, loadRoomContext, moveBooking } from '@/db/queries/bookings';
import { sendBookingInvite } from '@/lib/server/invites';
import { enforceRateLimit } from '@/db/queries/rate-limits';
import { defineAction } from '@/lib/server/auth/action';
import { Refusal } from '@/lib/errors';
import { lengthMinutes, localDate, localTime } from '@/lib/schemas/booking';
import { addMinutes, formatLocal, zonedInstant } from '@/lib/time';

const idSchema = z.object({ bookingId: z.uuid({ error: 'Choose a booking.' }) });

export const cancelBookingAction = defineAction('employee', idSchema, async ({ bookingId }, { user, db }) => {
  await enforceRateLimit(db, 'booking', user.id);
  const cancelled = await cancelBooking(db, { actor: user, bookingId });
  await sendBookingInvite(db, cancelled.id, 'cancelled', new Date());
  revalidatePath('/bookings');
  revalidatePath('/');
  return { ok: true, status: 200, message: 'Booking cancelled. The station is free for others now.' };
});

const moveSchema = z.object({
  bookingId: z.uuid({ error: 'Choose a booking.' }),
  date: localDate,
  start: localTime,
  length: lengthMinutes,
});

/** Moves her own booking to a local date and time in the room's site zone. */
export const moveBookingAction = defineAction('employee', moveSchema, async (input, { user, db }) => {
  await enforceRateLimit(db, 'booking', user.id);
  const current = await findOwnBooking(db, user.id, input.bookingId);
  if (!current) throw new Refusal('That booking was not found.', 'not_found');
  const ctx = await loadRoomContext(db, current.roomId);
  if (!ctx) throw new Refusal('That room does not exist.', 'not_found');
  const start = zonedInstant(input.date, input.start, ctx.site.timeZone);
  const moved = await moveBooking(db, { actor: user, bookingId: current.id, start, end: addMinutes(start, input.length), now: new Date() });
  await sendBookingInvite(db, moved.id, 'moved', new Date());
  revalidatePath('/bookings');
  revalidatePath('/');
  return { ok: true, status: 200, message: `Moved to ${formatLocal(moved.startAt, ctx.site.timeZone)}.` };
});

/** Checks her in (from 5 minutes before the start until the site's grace after it). */
export const checkInAction = defineAction('employee', idSchema, async ({ bookingId }, { user, db }) => {
  await enforceRateLimit(db, 'booking', user.id);
  const b = await checkIn(db, { userId: user.id, bookingId, now: new Date() });
  revalidatePath('/bookings');
  revalidatePath(`/r/${b.roomId}`);
  revalidatePath(`/rooms/${b.roomId}`);
  return { ok: true, status: 200, message: 'Checked in. Your station is held until the end of your booking.' };
});

/** Checking out early gives the rest of the slot back. */
export const checkOutAction = defineAction('employee', idSchema, async ({ bookingId }, { user, db }) => {
  await enforceRateLimit(db, 'booking', user.id);
  const b = await checkOut(db, { userId: user.id, bookingId, now: new Date() });
  revalidatePath('/bookings');
  revalidatePath(`/r/${b.roomId}`);
  revalidatePath(`/rooms/${b.roomId}`);
  return { ok: true, status: 200, message: 'Checked out. The rest of your slot is free for others.' };
});
