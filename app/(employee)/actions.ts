'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { bookNow, loadRoomContext } from '@/db/queries/bookings';
import { markNoticeRead } from '@/db/queries/notifications';
import { sendBookingInvite } from '@/lib/server/invites';
import { enforceRateLimit } from '@/db/queries/rate-limits';
import { defineAction } from '@/lib/server/auth/action';
import { formatTime } from '@/lib/time';

const roomOnly = z.object({ roomId: z.uuid({ error: 'Choose a room.' }) });

/** "Book now": the first free station in the room from this minute, for the default length. */
export const bookNowAction = defineAction('employee', roomOnly, async ({ roomId }, { user, db }) => {
  await enforceRateLimit(db, 'booking', user.id);
  const booking = await bookNow(db, { userId: user.id, roomId, now: new Date() });
  await sendBookingInvite(db, booking.id, 'booked', new Date());
  const ctx = await loadRoomContext(db, roomId);
  revalidatePath('/');
  revalidatePath('/bookings');
  return { ok: true, status: 201, message: `Booked ${ctx?.room.name ?? ''} until ${formatTime(booking.endAt, ctx?.site.timeZone ?? 'UTC')}.` };
});

const noticeSchema = z.object({ id: z.uuid({ error: 'Choose a notice.' }) });

export const dismissNoticeAction = defineAction('employee', noticeSchema, async ({ id }, { user, db }) => {
  const done = await markNoticeRead(db, user.id, id);
  if (!done) return { ok: false, status: 404, message: 'That notice was not found.' };
  revalidatePath('/');
  revalidatePath('/bookings');
});
