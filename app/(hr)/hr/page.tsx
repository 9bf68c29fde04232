import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { listRooms, listSites } from '@/db/queries/rooms';
import { TableWrap } from '@/app/_components/table-wrap';
import { getDb } from '@/db/runtime';
import { requireRole } from '@/lib/server/auth/guards';

export const metadata: Metadata = { title: 'HR' };

export default async function HrHomePage() {
  await connection();
  await requireRole('hr');
  const db = await getDb();
  const [sites, rooms] = await Promise.all([listSites(db), listRooms(db)]);

  return (
    <div className="stack">
      <header className="page-header">
        <h1>HR overview</h1>
        <p>How the lactation policy is provided across your sites. Figures here never identify a person.</p>
      </header>
      <TableWrap label="Rooms and stations per site">
        <table>
          <caption className="muted small" style={{ textAlign: 'left', padding: '0.6rem 0.75rem' }}>
            Rooms and stations per site
          </caption>
          <thead>
            <tr>
              <th scope="col">Site</th>
              <th scope="col">Time zone</th>
              <th scope="col">Rooms open</th>
              <th scope="col">Stations open</th>
              <th scope="col">Out of service</th>
            </tr>
          </thead>
          <tbody>
            {sites.map((site) => {
              const atSite = rooms.filter((r) => r.siteId === site.id);
              const open = atSite.filter((r) => r.status === 'active');
              return (
                <tr key={site.id}>
                  <th scope="row">{site.name}</th>
                  <td>{site.timeZone}</td>
                  <td>{open.length}</td>
                  <td>{open.reduce((n, r) => n + r.stations, 0)}</td>
                  <td>{atSite.length - open.length}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>

      <section className="stack" aria-labelledby="hr-rooms">
        <div>
          <h2 id="hr-rooms">Who booked a room</h2>
          <p className="muted small">
            A room&apos;s schedule for one day, with names, for when you must know (a complaint, a clash). Each time it is opened, your name, the room and the day are
            written to the audit log.
          </p>
        </div>
        {sites.map((site) => {
          const atSite = rooms.filter((r) => r.siteId === site.id);
          if (atSite.length === 0) return null;
          return (
            <div key={site.id}>
              <h3 className="small" style={{ margin: '0 0 0.25rem' }}>
                {site.name}
              </h3>
              <ul className="link-list">
                {atSite.map((r) => (
                  <li key={r.id}>
                    <Link href={`/admin/rooms/${r.id}/day`}>
                      {r.name}
                      <span className="sr-only">: who booked it, by day</span>
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </section>
    </div>
  );
}
