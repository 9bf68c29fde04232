import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { Notices } from '@/app/_components/notices';
import { listOwnBookings } from '@/db/queries/bookings';
import { checkInView } from '@/lib/check-in';
import { listUnreadNotices } from '@/db/queries/notifications';
import { getDb } from '@/db/runtime';
import { requireRole } from '@/lib/auth/guards';
import { formatLocal, formatTime, localParts, minutesBetween } from '@/lib/time';
import { UpcomingBooking } from './upcoming-booking';

export const metadata: Metadata = { title: 'My bookings' };

export default async function MyBookingsPage() {
  await connection();
  const user = await requireRole('employee');
  const db = await getDb();
  const now = new Date();
  const [all, notices] = await Promise.all([
    listOwnBookings(db, user.id, { from: new Date(now.getTime() - 30 * 86_400_000), includeCancelled: true }),
    listUnreadNotices(db, user.id),
  ]);
  // Cancelled bookings stay listed (marked) until their time has passed, so a change is never silent.
  const upcoming = all.filter((b) => b.end > now);
  const past = all.filter((b) => b.end <= now && b.status === 'booked').reverse();

  return (
    <div className="stack">
      <header className="page-header">
        <h1>My bookings</h1>
        <p>Only you can see who made these bookings. Others see &ldquo;Reserved&rdquo;.</p>
      </header>
      <Notices notices={notices} />
      <section aria-labelledby="upcoming-heading" className="stack">
        <h2 id="upcoming-heading">Upcoming</h2>
        {upcoming.every((b) => b.status === 'cancelled') && (
          <p className="muted">
            No upcoming bookings. <Link href="/rooms">Find a room</Link>.
          </p>
        )}
        {upcoming.length > 0 && (
          <ul className="booking-list">
            {upcoming.map((b) => {
              const start = localParts(b.start, b.timeZone);
              return (
                <UpcomingBooking
                  key={b.id}
                  booking={{
                    id: b.id,
                    roomId: b.roomId,
                    title: `${formatLocal(b.start, b.timeZone)}–${formatTime(b.end, b.timeZone)}`,
                    where: `${b.roomName}, floor ${b.floor} · ${b.stationLabel} · ${b.siteName}`,
                    date: start.date,
                    start: start.time,
                    length: minutesBetween(b.start, b.end),
                    timeZone: b.timeZone,
                    cancelled: b.status === 'cancelled',
                    released: !!b.releasedAt,
                    fromPlan: !!b.planId,
                  }}
                  checkIn={checkInView(b, now)}
                />
              );
            })}
          </ul>
        )}
      </section>
      <section aria-labelledby="past-heading" className="stack">
        <h2 id="past-heading">Past 30 days</h2>
        {past.length === 0 ? (
          <p className="muted">Nothing in the past 30 days.</p>
        ) : (
          <ul className="booking-list">
            {past.map((b) => (
              <li key={b.id} className="card">
                <strong>
                  {formatLocal(b.start, b.timeZone)}–{formatTime(b.end, b.timeZone)}
                </strong>
                <p className="muted small" style={{ margin: 0 }}>
                  {b.roomName}, floor {b.floor} · {b.siteName}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
