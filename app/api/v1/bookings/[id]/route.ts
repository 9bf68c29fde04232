import { NextResponse } from 'next/server';
import { cancelBooking, moveBooking } from '@/db/queries/bookings';
import { sendBookingInvite } from '@/lib/server/invites';
import { enforceRateLimit } from '@/db/queries/rate-limits';
import { defineRoute } from '@/lib/server/auth/route';
import { bookingTimes, idParams } from '@/lib/schemas/booking';

/** Moves the caller's booking (HR and admins: anyone's) within its room. */
export const PATCH = defineRoute({ access: 'employee', params: idParams, body: bookingTimes }, async ({ db, user, params, body }) => {
  const database = await db();
  await enforceRateLimit(database, 'booking', user.id);
  const b = await moveBooking(database, { actor: user, bookingId: params.id, start: body.start, end: body.end, now: new Date() });
  await sendBookingInvite(database, b.id, 'moved', new Date());
  return NextResponse.json({ id: b.id, roomId: b.roomId, stationId: b.stationId, start: b.startAt, end: b.endAt });
});

/** Cancels the caller's booking (HR and admins: anyone's). */
export const DELETE = defineRoute({ access: 'employee', params: idParams }, async ({ db, user, params }) => {
  const database = await db();
  await enforceRateLimit(database, 'booking', user.id);
  const cancelled = await cancelBooking(database, { actor: user, bookingId: params.id });
  await sendBookingInvite(database, cancelled.id, 'cancelled', new Date());
  return new NextResponse(null, { status: 204 });
});
