import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { Notices } from '@/app/_components/notices';
import { listOwnBookings, type MyBooking } from '@/db/queries/bookings';
import { checkInView } from '@/lib/check-in';
import { listUnreadNotices } from '@/db/queries/notifications';
import { getDb } from '@/db/runtime';
import { requireRole } from '@/lib/server/auth/guards';
import { formatDate, formatDateSpan, formatLocal, formatTime, localParts, minutesBetween } from '@/lib/time';
import { UpcomingBooking } from './upcoming-booking';

export const metadata: Metadata = { title: 'My bookings' };

/** Days with live bookings shown in full before a plan's later breaks fold away. */
const OPEN_DAYS = 2;

type Day = { date: string; bookings: MyBooking[] };

function byDay(list: MyBooking[]): Day[] {
  const days: Day[] = [];
  for (const b of list) {
    const date = localParts(b.start, b.timeZone).date;
    const last = days.at(-1);
    if (last && last.date === date) last.bookings.push(b);
    else days.push({ date, bookings: [b] });
  }
  return days;
}

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
  // "Check-in opens at …" only for her next live booking: on every card it is noise.
  const nextLive = upcoming.find((b) => b.status === 'booked');

  // Grouped by day. The first days show in full; after them a plan's breaks fold into one line she can open,
  // and anything she booked by hand stays in view.
  // A day whose bookings were all cancelled is shown (a change is never silent) but does not use up an open day.
  const days = byDay(upcoming);
  let live = 0;
  let cut = days.length;
  for (let i = 0; i < days.length; i++) {
    if (days[i]!.bookings.some((b) => b.status === 'booked')) live++;
    if (live === OPEN_DAYS) {
      cut = i + 1;
      break;
    }
  }
  const openDays = days.slice(0, cut);
  const later = days.slice(cut);
  const laterByHand = later.map((d) => ({ ...d, bookings: d.bookings.filter((b) => !b.planId) })).filter((d) => d.bookings.length > 0);
  const laterFromPlans = later.map((d) => ({ ...d, bookings: d.bookings.filter((b) => b.planId) })).filter((d) => d.bookings.length > 0);
  const folded = laterFromPlans.reduce((n, d) => n + d.bookings.filter((b) => b.status === 'booked').length, 0);

  const dayGroup = (d: Day, level: 'h3' | 'h4' = 'h3') => {
    const Heading = level;
    return (
      <section key={d.date} className="day-group" aria-labelledby={`day-${d.date}`}>
        <Heading id={`day-${d.date}`} className="day-heading">
          {formatDate(d.date)}
        </Heading>
        <ul className="booking-list">
          {d.bookings.map((b) => {
            const start = localParts(b.start, b.timeZone);
            const view = checkInView(b, now);
            return (
              <UpcomingBooking
                key={b.id}
                headingLevel={level === 'h3' ? 'h4' : 'h5'}
                booking={{
                  id: b.id,
                  roomId: b.roomId,
                  title: `${formatTime(b.start, b.timeZone)}–${formatTime(b.end, b.timeZone)}`,
                  fullTitle: `${formatLocal(b.start, b.timeZone)}–${formatTime(b.end, b.timeZone)}`,
                  where: `${b.roomName}, floor ${b.floor} · ${b.stationLabel} · ${b.siteName}`,
                  date: start.date,
                  start: start.time,
                  length: minutesBetween(b.start, b.end),
                  timeZone: b.timeZone,
                  cancelled: b.status === 'cancelled',
                  released: !!b.releasedAt,
                  fromPlan: !!b.planId,
                }}
                checkIn={view.kind === 'not_yet' && b.id !== nextLive?.id ? undefined : view}
              />
            );
          })}
        </ul>
      </section>
    );
  };

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
        {openDays.map((d) => dayGroup(d))}
        {laterByHand.map((d) => dayGroup(d))}
        {laterFromPlans.length > 0 && (
          <details className="card plan-fold">
            <summary>
              {folded === 0 ? 'Cancelled breaks' : folded === 1 ? '1 more break' : `${folded} more breaks`} from your plans, {formatDateSpan(laterFromPlans[0]!.date, laterFromPlans.at(-1)!.date)}
            </summary>
            <div className="stack">{laterFromPlans.map((d) => dayGroup(d, 'h4'))}</div>
          </details>
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
