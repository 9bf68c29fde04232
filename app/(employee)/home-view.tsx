import Link from 'next/link';
import { BookNowButton } from '@/app/_components/book-now';
import { Notices } from '@/app/_components/notices';
import { RoomCard } from '@/app/_components/room-card';
import { RoomStatus } from '@/app/_components/room-status';
import { roomsAt } from '@/db/queries/availability';
import { listOwnBookings } from '@/db/queries/bookings';
import { listUnreadNotices } from '@/db/queries/notifications';
import { findSite } from '@/db/queries/rooms';
import { getDb } from '@/db/runtime';
import type { User } from '@/db/schema';
import { formatLocal, formatTime } from '@/lib/time';

/** The employee home: her next bookings and her site's rooms with Book now. At "/" for employees, at "/me" for HR and admins. */
export async function HomeView({ user }: { user: User }) {
  const db = await getDb();
  const now = new Date();
  const site = user.siteId ? await findSite(db, user.siteId) : undefined;
  const [rooms, upcoming, notices] = await Promise.all([
    site ? roomsAt(db, { siteId: site.id, at: now }) : Promise.resolve([]),
    listOwnBookings(db, user.id, { from: now }),
    listUnreadNotices(db, user.id),
  ]);
  const firstName = user.name.split(' ')[0];
  // Cards keep their place (the site's order), so booking one never slides another's button under her finger.

  return (
    <div className="stack">
      <header className="page-header">
        <h1>Hello, {firstName}</h1>
        <p>{site ? `Lactation rooms at ${site.name}.` : 'You are not assigned to a site yet. Ask your admin to add you to one, or browse all rooms.'}</p>
      </header>
      <Notices notices={notices} />
      {upcoming.length > 0 && (
        <section className="card" aria-labelledby="next-heading">
          <h2 id="next-heading">Your next {upcoming.length === 1 ? 'booking' : 'bookings'}</h2>
          <ul className="booking-list">
            {upcoming.slice(0, 3).map((b) => (
              <li key={b.id}>
                <strong>{formatLocal(b.start, b.timeZone)}–{formatTime(b.end, b.timeZone)}</strong> · {b.roomName}, floor {b.floor} · {b.stationLabel}
              </li>
            ))}
          </ul>
          <p className="small" style={{ marginTop: '0.75rem' }}>
            <Link href="/bookings">All my bookings</Link>
          </p>
        </section>
      )}
      {site && (
        <section aria-labelledby="rooms-heading" className="stack">
          <h2 id="rooms-heading">Rooms at {site.name}</h2>
          {rooms.length === 0 ? (
            <p className="muted">This site has no rooms yet.</p>
          ) : (
            <div className="grid">
              {rooms.map((room) => (
                <RoomCard key={room.id} room={room}>
                  <RoomStatus room={room} timeZone={site.timeZone} now={now} />
                  {room.status === 'active' && <BookNowButton roomId={room.id} roomName={room.name} free={room.free} />}
                </RoomCard>
              ))}
            </div>
          )}
          <p>
            <Link href="/rooms">Find a room at another time or site</Link>
          </p>
        </section>
      )}
    </div>
  );
}
