import { ProblemReport } from '@/app/_components/problem-report';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { loadRoomContext } from '@/db/queries/bookings';
import { getDb } from '@/db/runtime';
import { AMENITY_LABELS, isAmenity } from '@/lib/amenities';
import { requireRole } from '@/lib/server/auth/guards';
import { idParams } from '@/lib/schemas/booking';
import { dateParam } from '@/lib/schemas/inputs';
import { localParts, zoneLabel } from '@/lib/time';
import { bookingsHereToday, MyBookingsHere } from '@/app/_components/my-bookings-here';
import { RoomSchedule } from './room-schedule';

export const metadata: Metadata = { title: 'Room' };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ date?: string | string[] }> };

export default async function RoomPage({ params, searchParams }: Props) {
  await connection();
  const user = await requireRole('employee');
  const parsed = idParams.safeParse(await params);
  if (!parsed.success) notFound();
  const db = await getDb();
  const ctx = await loadRoomContext(db, parsed.data.id);
  if (!ctx) notFound();
  const { room, site, policy } = ctx;
  const now = new Date();
  const here = await bookingsHereToday(db, user.id, room.id, site.timeZone, now);
  // ?date=yyyy-MM-dd opens the calendar on that day (links from plans and bookings); anything else, 2026-02-31 too, opens today.
  const shownDate = dateParam((await searchParams).date) ?? localParts(now, site.timeZone).date;

  return (
    <div className="stack">
      <header className="page-header">
        <h1>{room.name}</h1>
        <p>
          {site.name} · floor {room.floor} · {ctx.stations.length} {ctx.stations.length === 1 ? 'station' : 'stations'} · {zoneLabel(site.timeZone)}
        </p>
        {room.directions && <p className="small">{room.directions}</p>}
        <ul className="chips" aria-label="Amenities">
          {room.amenities.filter(isAmenity).map((a) => (
            <li key={a}>{AMENITY_LABELS[a]}</li>
          ))}
        </ul>
      </header>
      {room.status === 'out_of_service' ? (
        <p className="alert alert-warn" role="status">
          {room.name} is out of service{room.outOfServiceReason ? `: ${room.outOfServiceReason}` : '.'} It cannot be booked until it is back.
        </p>
      ) : (
        <RoomSchedule
          room={{ id: room.id, name: room.name, stations: ctx.stations.length }}
          timeZone={site.timeZone}
          initialDate={shownDate}
          policy={{ slotStepMin: policy.slotStepMin, defaultLengthMin: policy.defaultLengthMin, minLengthMin: policy.minLengthMin, maxLengthMin: policy.maxLengthMin }}
        />
      )}
      <MyBookingsHere here={here} roomId={room.id} timeZone={site.timeZone} now={now} />
      <ProblemReport roomId={room.id} roomName={room.name} />
    </div>
  );
}
