import { NextResponse } from 'next/server';
import { defineRoute } from '@/lib/server/auth/route';
import { cancelBooking } from '@/lib/server/operations/cancel';
import { moveBooking } from '@/lib/server/operations/move';
import { bookingTimes, idParams } from '@/lib/schemas/booking';

/** Moves the caller's booking (HR and admins: anyone's) within its room. */
export const PATCH = defineRoute({ access: 'employee', params: idParams, body: bookingTimes, rateLimit: 'booking' }, async ({ db, user, params, body }) => {
  const b = await moveBooking(await db(), { actor: user, bookingId: params.id, start: body.start, end: body.end, now: new Date() });
  return NextResponse.json({ id: b.id, roomId: b.roomId, stationId: b.stationId, start: b.startAt, end: b.endAt });
});

/** Cancels the caller's booking (HR and admins: anyone's). */
export const DELETE = defineRoute({ access: 'employee', params: idParams, rateLimit: 'booking' }, async ({ db, user, params }) => {
  await cancelBooking(await db(), { actor: user, bookingId: params.id, now: new Date() });
  return new NextResponse(null, { status: 204 });
});
