import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { TableWrap } from '@/app/_components/table-wrap';
import { listClosures } from '@/db/queries/admin';
import { loadRoomContext } from '@/db/queries/bookings';
import { getDb } from '@/db/runtime';
import { requireRole } from '@/lib/server/auth/guards';
import { formatLocal, localParts } from '@/lib/time';
import { AdminForm, TextField } from '../../_components/admin-form';
import styles from '../../_components/admin-form.module.css';
import { RoomFields } from '../../_components/fields';
import { PlaceFeed } from '../../_components/place-feed';
import { addClosureAction, removeClosureAction, updateRoomAction } from '../actions';
import { isId } from '@/lib/schemas/inputs';

export const metadata: Metadata = { title: 'Edit room' };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> };

export default async function RoomPage({ params, searchParams }: Props) {
  await connection();
  await requireRole('admin');
  const { id } = await params;
  if (!isId(id)) notFound();
  const db = await getDb();
  const ctx = await loadRoomContext(db, id);
  if (!ctx) notFound();
  const { room, site } = ctx;
  const now = new Date();
  const closures = await listClosures(db, id, now);
  const tz = site.timeZone;
  const { created } = await searchParams;

  return (
    <div className="stack">
      <p className="small">
        <Link href="/admin">Back to Admin</Link>
      </p>
      <header className="page-header">
        <h1>{room.name}</h1>
        <p>
          <Link href={`/admin/sites/${site.id}`}>{site.name}</Link>
          {room.floor && ` · floor ${room.floor}`}
          {' · '}
          <Link href={`/admin/rooms/${room.id}/door`}>Door sign with QR code</Link>
        </p>
        <p className="small">
          <Link href={`/admin/rooms/${room.id}/day`}>Today&apos;s bookings with names</Link> (each view is audited)
        </p>
      </header>
      {created && (
        <p className="alert alert-ok" role="status">
          {room.name} is created and can be booked{room.status === 'out_of_service' ? ' once it is back in service' : ''}.
        </p>
      )}

      <section className="card stack" aria-labelledby="room-details">
        <div>
          <h2 id="room-details">Details</h2>
          <p className="small muted">
            Fewer stations, out of service or new hours can affect upcoming bookings: you will see how many before anything changes.
          </p>
        </div>
        <AdminForm action={updateRoomAction} submitLabel="Save room">
          <input type="hidden" name="roomId" value={room.id} />
          <RoomFields room={room} stations={ctx.stations.length} siteHours={site.openingHours} />
        </AdminForm>
      </section>

      <section className="card stack" aria-labelledby="room-closures">
        <div>
          <h2 id="room-closures">Out-of-service windows</h2>
          <p className="small muted">Times when no one can book {room.name}, such as cleaning or repairs.</p>
        </div>
        {closures.length === 0 ? (
          <p className="muted">No windows coming up.</p>
        ) : (
          <TableWrap label={`Out-of-service windows for ${room.name}`}>
            <table>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Reason</th>
                  <th scope="col">
                    <span className="sr-only">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {closures.map((c) => {
                  const when = `${formatLocal(c.startAt, tz)} to ${formatLocal(c.endAt, tz)}`;
                  return (
                    <tr key={c.id}>
                      <th scope="row">{when}</th>
                      <td>{c.reason}</td>
                      <td>
                        <AdminForm
                          action={removeClosureAction}
                          className="inline-form"
                          submitClassName="btn btn-danger btn-small"
                          submitLabel={
                            <>
                              Remove<span className="sr-only"> the window {when}</span>
                            </>
                          }
                        >
                          <input type="hidden" name="closureId" value={c.id} />
                        </AdminForm>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
        )}

        <h3>Add a window</h3>
        <AdminForm action={addClosureAction} submitLabel="Add window" resetOnSuccess>
          <input type="hidden" name="roomId" value={room.id} />
          <p className="small muted" style={{ margin: 0 }}>
            Dates and times on the site&apos;s clock ({tz}). Bookings across the window move to a free room at the same time or are cancelled; you
            will see how many first.
          </p>
          <div className={styles.row}>
            <TextField name="startDate" label="From date" type="date" required defaultValue={localParts(now, tz).date} />
            <TextField name="startTime" label="From time" type="time" required />
            <TextField name="endDate" label="To date" type="date" required defaultValue={localParts(now, tz).date} />
            <TextField name="endTime" label="To time" type="time" required />
          </div>
          <TextField name="reason" label="Reason" hint="People see it when they try to book." required />
        </AdminForm>
      </section>
      <PlaceFeed target={{ roomId: room.id }} name={room.name} />
    </div>
  );
}
