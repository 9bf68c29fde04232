import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { TableWrap } from '@/app/_components/table-wrap';
import { requestIp } from '@/lib/server/auth/action';
import { loadRoomContext } from '@/db/queries/bookings';
import { viewNamedRoomDay } from '@/db/queries/room-schedule';
import { getDb } from '@/db/runtime';
import { requireRole } from '@/lib/server/auth/guards';
import { calendarDate, isId } from '@/lib/schemas/inputs';
import { addDays, formatLocal, formatTime, localDayRange, localParts } from '@/lib/time';

export const metadata: Metadata = { title: 'Room schedule with names' };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ date?: string | string[] }> };

/** One day of a room's bookings with who made each, for HR and admins. Each view is audited. */
export default async function RoomDayPage({ params, searchParams }: Props) {
  await connection();
  const user = await requireRole('hr');
  const { id } = await params;
  if (!isId(id)) notFound();
  const db = await getDb();
  const ctx = await loadRoomContext(db, id);
  if (!ctx) notFound();
  const { room, site } = ctx;
  const tz = site.timeZone;
  const today = localParts(new Date(), tz).date;
  const asked = (await searchParams).date;
  const parsed = calendarDate.safeParse(typeof asked === 'string' ? asked : undefined);
  const invalid = asked !== undefined && !parsed.success;
  const date = parsed.success ? parsed.data : today;
  const [from, to] = localDayRange(date, tz);
  const rows = await viewNamedRoomDay(db, { actorId: user.id, roomId: room.id, roomName: room.name, date, from, to, ip: await requestIp() });
  const dayLabel = formatLocal(from, tz, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: undefined, minute: undefined });

  return (
    <div className="stack">
      <p className="small">
        <Link href={user.role === 'admin' ? `/admin/rooms/${room.id}` : '/hr'}>Back</Link>
      </p>
      <header className="page-header">
        <h1>{room.name}: who booked on {dayLabel}</h1>
        <p>
          {site.name} · times on the site&apos;s clock ({tz})
        </p>
      </header>
      <p className="alert" role="note">
        Names are private. This view is written to the audit log with your name, the room, the day and where you opened it from.
      </p>
      {invalid && (
        <p className="alert alert-error" role="alert">
          That date could not be read; showing today instead. Use a date such as {today}.
        </p>
      )}
      <form method="get" className="inline-form" aria-label="Choose a day">
        <label htmlFor="day-date">Day</label>
        <input id="day-date" name="date" type="date" defaultValue={date} required />
        <button type="submit" className="btn btn-small">
          Show
        </button>
        <Link href={`?date=${addDays(date, -1)}`}>Previous day</Link>
        <Link href={`?date=${addDays(date, 1)}`}>Next day</Link>
      </form>
      {rows.length === 0 ? (
        <p className="muted">No bookings in {room.name} that day.</p>
      ) : (
        <TableWrap label={`Bookings in ${room.name} on ${dayLabel}`}>
          <table>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Station</th>
                <th scope="col">Booked by</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    {formatTime(r.start, tz)} to {formatTime(r.end, tz)}
                  </th>
                  <td>{r.station}</td>
                  <td>{r.personName ?? 'Former employee'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </div>
  );
}
