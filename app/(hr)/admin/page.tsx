import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { listRooms, listSites } from '@/db/queries/rooms';
import { TableWrap } from '@/app/_components/table-wrap';
import { getSettings } from '@/db/queries/retention';
import { getDb } from '@/db/runtime';
import { requireRole } from '@/lib/server/auth/guards';
import { describeOpeningHours } from '@/lib/opening-hours';
import { AdminForm, TextField } from './_components/admin-form';
import { updateRetentionAction } from './retention/actions';

export const metadata: Metadata = { title: 'Admin' };

export default async function AdminHomePage() {
  await connection();
  await requireRole('admin');
  const db = await getDb();
  const [sites, rooms, settings] = await Promise.all([listSites(db), listRooms(db), getSettings(db)]);

  return (
    <div className="stack">
      <header className="page-header">
        <h1>Admin</h1>
        <p>
          Sites, rooms and their booking policies. Manage who can use Nook on the <Link href="/admin/people">People</Link> page.
        </p>
        <p className="inline-form">
          <Link href="/admin/sites/new" className="btn btn-secondary btn-small">
            New site
          </Link>
          <Link href="/admin/rooms/new" className="btn btn-secondary btn-small">
            New room
          </Link>
        </p>
      </header>
      {sites.map((site) => (
        <section key={site.id} className="card stack" aria-labelledby={`site-${site.id}`}>
          <div>
            <h2 id={`site-${site.id}`}>
              <Link href={`/admin/sites/${site.id}`}>{site.name}</Link>
            </h2>
            <p className="muted small">
              {site.address} · {site.timeZone}
            </p>
            <p className="small">Open {describeOpeningHours(site.openingHours).join('; ')}</p>
            {site.policy && (
              <p className="small muted">
                Bookings of {site.policy.minLengthMin}–{site.policy.maxLengthMin} min in {site.policy.slotStepMin}-minute steps, up to{' '}
                {site.policy.horizonDays} days ahead, at most {site.policy.maxPerDay} a day per person; check-in grace {site.policy.checkInGraceMin} min.
              </p>
            )}
          </div>
          <TableWrap label={`Rooms at ${site.name}`}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Room</th>
                  <th scope="col" className="hide-narrow">
                    Floor
                  </th>
                  <th scope="col">Stations</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {rooms
                  .filter((r) => r.siteId === site.id)
                  .map((room) => (
                    <tr key={room.id}>
                      <th scope="row">
                        <Link href={`/admin/rooms/${room.id}`}>{room.name}</Link>
                      </th>
                      <td className="hide-narrow">{room.floor}</td>
                      <td>{room.stations}</td>
                      <td>
                        {room.status === 'active' ? (
                          <span className="badge badge-ok">Open</span>
                        ) : (
                          <span className="badge badge-danger">Out of service</span>
                        )}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      ))}
      <section className="card stack" aria-labelledby="retention-heading">
        <div>
          <h2 id="retention-heading">Data retention</h2>
          <p className="small muted">
            Who made a past booking is forgotten after this many days (the room, time and outcome stay for reports), and closed schedule requests
            are deleted after theirs. A daily run applies it.
          </p>
        </div>
        <AdminForm action={updateRetentionAction} submitLabel="Save retention">
          <TextField name="bookingRetentionDays" label="Keep who booked (days)" type="number" min={30} max={3650} defaultValue={settings.bookingRetentionDays} />
          <TextField name="requestRetentionDays" label="Keep closed requests (days)" type="number" min={30} max={3650} defaultValue={settings.requestRetentionDays} />
        </AdminForm>
      </section>
    </div>
  );
}
