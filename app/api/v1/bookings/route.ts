import { NextResponse } from 'next/server';
import { listOwnBookings } from '@/db/queries/bookings';
import { defineRoute } from '@/lib/server/auth/route';
import { createBooking } from '@/lib/server/operations/book';
import { newBookingSchema, rangeQuery } from '@/lib/schemas/booking';

/** The caller's own bookings overlapping [from, to). */
export const GET = defineRoute({ access: 'employee', query: rangeQuery }, async ({ db, user, query }) => {
  const rows = await listOwnBookings(await db(), user.id, { from: query.from, to: query.to });
  return NextResponse.json(
    rows.map((b) => ({ id: b.id, roomId: b.roomId, roomName: b.roomName, stationId: b.stationId, station: b.stationLabel, start: b.start, end: b.end, status: b.status })),
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
});

/** Books the first free station in the room: 201, or 409 with suggestions, or 422 naming the rule. */
export const POST = defineRoute({ access: 'employee', body: newBookingSchema, rateLimit: 'booking' }, async ({ db, user, body }) => {
  const b = await createBooking(await db(), { userId: user.id, roomId: body.roomId, start: body.start, end: body.end, now: new Date() });
  return NextResponse.json({ id: b.id, roomId: b.roomId, stationId: b.stationId, start: b.startAt, end: b.endAt }, { status: 201 });
});
