import { ownCalendarBooking, personalFeedTitle } from '@/db/queries/feeds';
import { defineRoute, jsonError } from '@/lib/server/auth/route';
import { bookingFile } from '@/lib/ics';
import { idParams } from '@/lib/schemas/booking';

/** "Add to calendar": one of her own bookings as an .ics file (same UID as in her feed). Anyone else's is 404. */
export const GET = defineRoute({ access: 'employee', params: idParams }, async ({ db, user, params }) => {
  const conn = await db();
  const [booking, title] = await Promise.all([ownCalendarBooking(conn, user.id, params.id), personalFeedTitle(conn, user.id)]);
  if (!booking) return jsonError(404, 'That booking was not found.');
  return new Response(bookingFile({ booking, title }), {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8; method=PUBLISH',
      'Content-Disposition': 'attachment; filename="nook-break.ics"',
      'Cache-Control': 'private, no-store',
    },
  });
});
