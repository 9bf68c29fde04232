import { NextResponse } from 'next/server';
import { roomAvailability } from '@/db/queries/availability';
import { defineRoute, jsonError } from '@/lib/server/auth/route';
import { idParams, rangeQuery } from '@/lib/schemas/booking';

/** Free stations per slot, anonymous "reserved" stretches, and the caller's own bookings. */
export const GET = defineRoute({ access: 'employee', params: idParams, query: rangeQuery }, async ({ db, user, params, query }) => {
  const result = await roomAvailability(await db(), { roomId: params.id, from: query.from, to: query.to, viewerId: user.id });
  if (!result) return jsonError(404, 'That room does not exist.');
  return NextResponse.json(result, { headers: { 'Cache-Control': 'private, no-store' } });
});
