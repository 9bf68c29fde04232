import { connection } from 'next/server';
import { RoomCard } from '@/app/_components/room-card';
import { findSite, listRooms } from '@/db/queries/rooms';
import { getDb } from '@/db/runtime';
import { requireRole } from '@/lib/auth/guards';

export default async function HomePage() {
  await connection();
  const user = await requireRole('employee');
  const db = await getDb();
  const site = user.siteId ? await findSite(db, user.siteId) : undefined;
  const rooms = site ? await listRooms(db, { siteId: site.id }) : [];
  const firstName = user.name.split(' ')[0];

  return (
    <div className="stack">
      <header className="page-header">
        <h1>Hello, {firstName}</h1>
        <p>{site ? `Lactation rooms at ${site.name}.` : 'You are not assigned to a site yet. Ask your admin to add you to one.'}</p>
      </header>
      {site && (
        <section aria-labelledby="rooms-heading" className="stack">
          <h2 id="rooms-heading">Rooms at {site.name}</h2>
          {rooms.length === 0 ? (
            <p className="muted">This site has no rooms yet.</p>
          ) : (
            <div className="grid">
              {rooms.map((room) => (
                <RoomCard key={room.id} room={room} />
              ))}
            </div>
          )}
        </section>
      )}
    </div>
  );
}
