import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { env } from '@/lib/env';
import { bookingInvite } from '@/lib/ics';
import { formatLocal, formatTime } from '@/lib/time';
import type { Db } from '@/db/client';
import { sendMail } from './mail';
import { bookings, calendarFeeds, rooms, sites, users } from '@/db/schema';
import { ownCalendarBooking } from '@/db/queries/feeds';

export type InviteKind = 'booked' | 'moved' | 'cancelled';

/** Subjects say nothing about health: the same words would do for any room booking. */
const SUBJECT: Record<InviteKind, string> = {
  booked: 'Booking confirmed',
  moved: 'Booking changed',
  cancelled: 'Booking cancelled',
};

/**
 * Emails the booking's owner a calendar invite: METHOD:REQUEST when it is made or moved,
 * METHOD:CANCEL when it is cancelled, always with the booking's UID and current SEQUENCE, so
 * her calendar updates the one event. Only when outgoing mail is configured (SMTP_URL); a
 * failure to send is logged and never undoes the booking. Returns whether a mail went out.
 */
export async function sendBookingInvite(db: Db, bookingId: string, kind: InviteKind, now: Date, smtpUrl: string | null | undefined = env().SMTP_URL): Promise<boolean> {
  if (!smtpUrl) return false;
  try {
    const [owner] = await db
      .select({ id: users.id, name: users.name, email: users.email, title: calendarFeeds.title, timeZone: sites.timeZone })
      .from(bookings)
      .innerJoin(users, eq(users.id, bookings.userId))
      .innerJoin(rooms, eq(rooms.id, bookings.roomId))
      .innerJoin(sites, eq(sites.id, rooms.siteId))
      .leftJoin(calendarFeeds, and(eq(calendarFeeds.userId, users.id), eq(calendarFeeds.kind, 'person'), isNull(calendarFeeds.revokedAt)))
      .where(eq(bookings.id, bookingId))
      .limit(1);
    if (!owner) return false;
    const booking = await ownCalendarBooking(db, owner.id, bookingId);
    if (!booking) return false;
    const from = env().MAIL_FROM;
    const organizer = { name: 'Nook', email: /<([^>]+)>/.exec(from)?.[1] ?? from };
    const ics = bookingInvite({ booking, method: kind === 'cancelled' ? 'CANCEL' : 'REQUEST', organizer, attendee: { name: owner.name, email: owner.email }, now, title: owner.title });
    const when = `${formatLocal(booking.start, owner.timeZone)}–${formatTime(booking.end, owner.timeZone)} (${booking.siteName} time)`;
    const place = `${booking.roomName}${booking.floor ? `, floor ${booking.floor}` : ''}, ${booking.siteName}`;
    const text =
      kind === 'cancelled'
        ? `Your booking in ${place}, ${when}, is cancelled. The attached update removes it from your calendar.`
        : `Your booking in ${place}: ${when}. The attached invite keeps your calendar up to date.`;
    await sendMail(
      db,
      {
        to: owner.email,
        subject: SUBJECT[kind],
        text,
        attachments: [{ filename: 'invite.ics', content: ics, contentType: `text/calendar; method=${kind === 'cancelled' ? 'CANCEL' : 'REQUEST'}; charset=utf-8` }],
      },
      { smtpUrl },
    );
    return true;
  } catch (err) {
    console.error('Nook: a booking invite could not be sent:', err instanceof Error ? err.message : err);
    return false;
  }
}
