import Link from 'next/link';
import { connection } from 'next/server';
import { BookNowButton } from '@/app/_components/book-now';
import { Notices } from '@/app/_components/notices';
import { RoomCard } from '@/app/_components/room-card';
import { RoomStatus } from '@/app/_components/room-status';
import { roomsAt } from '@/db/queries/availability';
import { listOwnBookings } from '@/db/queries/bookings';
import { listUnreadNotices } from '@/db/queries/notifications';
import { findSite } from '@/db/queries/rooms';
import { getDb } from '@/db/runtime';
import { requireRole } from '@/lib/auth/guards';
import { formatLocal, formatTime } from '@/lib/time';

export default async function HomePage() {
  await connection();
  const user = await requireRole('employee');
  const db = await getDb();
  const now = new Date();
  const site = user.siteId ? await findSite(db, user.siteId) : undefined;
  const [rooms, upcoming, notices] = await Promise.all([
    site ? roomsAt(db, { siteId: site.id, at: now }) : Promise.resolve([]),
    listOwnBookings(db, user.id, { from: now }),
    listUnreadNotices(db, user.id),
  ]);
  const firstName = user.name.split(' ')[0];
  const freeFirst = [...rooms].sort((a, b) => Number(b.free) - Number(a.free));

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
          {freeFirst.length === 0 ? (
            <p className="muted">This site has no rooms yet.</p>
          ) : (
            <div className="grid">
              {freeFirst.map((room) => (
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
