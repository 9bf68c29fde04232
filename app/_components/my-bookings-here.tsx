import Link from 'next/link';
import { listOwnBookings, type MyBooking } from '@/db/queries/bookings';
import { checkInView } from '@/lib/check-in';
import type { Db } from '@/db/client';
import { formatTime, localDayRange, localParts } from '@/lib/time';
import { CheckInControls } from './check-in';

/** Her own bookings in one room for the rest of today: live ones, and those released for want of a check-in. */
export async function bookingsHereToday(db: Db, userId: string, roomId: string, timeZone: string, now: Date): Promise<MyBooking[]> {
  const [dayStart, dayEnd] = localDayRange(localParts(now, timeZone).date, timeZone);
  const mine = await listOwnBookings(db, userId, { from: dayStart, to: dayEnd, includeCancelled: true });
  return mine.filter((b) => b.roomId === roomId && b.end > now && (b.status === 'booked' || b.releasedAt));
}

/** Those bookings with check-in and check-out: on the room page and at the door. */
export function MyBookingsHere({ here, roomId, timeZone, now, showCalendarLink = false }: { here: MyBooking[]; roomId: string; timeZone: string; now: Date; showCalendarLink?: boolean }) {
  return (
    <section className="card stack" aria-labelledby="mine-here-heading">
      <h2 id="mine-here-heading">Your bookings here today</h2>
      {here.length === 0 ? (
        <p className="muted" style={{ margin: 0 }}>
          None.{showCalendarLink && (
            <>
              {' '}
              <Link href={`/rooms/${roomId}`}>See the room&rsquo;s calendar</Link>.
            </>
          )}
        </p>
      ) : (
        <ul className="booking-list">
          {here.map((b) => (
            <li key={b.id} className="stack" style={{ gap: '0.4rem' }}>
              <strong>
                {formatTime(b.start, timeZone)}–{formatTime(b.end, timeZone)} · {b.stationLabel}
                {b.status === 'cancelled' && <span className="badge badge-warn"> {b.releasedAt ? 'Released: no check-in' : 'Cancelled'}</span>}
              </strong>
              <CheckInControls bookingId={b.id} view={checkInView(b, now)} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
