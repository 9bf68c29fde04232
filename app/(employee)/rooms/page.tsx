import type { Metadata } from 'next';
import { connection } from 'next/server';
import { z } from 'zod';
import { RoomCard } from '@/app/_components/room-card';
import { RoomStatus } from '@/app/_components/room-status';
import { TIME_INPUT } from '@/app/_components/time-input';
import { roomsAt } from '@/db/queries/availability';
import { listSites } from '@/db/queries/rooms';
import { getDb } from '@/db/runtime';
import { AMENITIES, AMENITY_LABELS, isAmenity } from '@/lib/amenities';
import { requireRole } from '@/lib/server/auth/guards';
import { calendarDate, id, timeOfDay } from '@/lib/schemas/inputs';
import { localParts, zonedInstant, zoneLabel } from '@/lib/time';

export const metadata: Metadata = { title: 'Rooms' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const filterSchema = z.object({
  site: id('Choose a site.').optional().catch(undefined),
  date: calendarDate.optional().catch(undefined),
  time: timeOfDay().optional().catch(undefined),
});

export default async function RoomsPage({ searchParams }: Props) {
  await connection();
  const user = await requireRole('employee');
  const db = await getDb();
  const raw = await searchParams;
  const filters = filterSchema.parse({ site: raw.site, date: raw.date, time: raw.time });
  const amenities = [raw.amenity ?? []].flat().filter(isAmenity);
  const sites = await listSites(db);
  const site = sites.find((s) => s.id === filters.site) ?? sites.find((s) => s.id === user.siteId) ?? sites[0];
  const now = new Date();
  const localNow = site ? localParts(now, site.timeZone) : undefined;
  const at = site && filters.date && filters.time ? zonedInstant(filters.date, filters.time, site.timeZone) : now;
  const from = at < now ? now : at;
  const rooms = site ? await roomsAt(db, { siteId: site.id, at: from, amenities }) : [];

  return (
    <div className="stack">
      <header className="page-header">
        <h1>Rooms</h1>
        <p>Find a room by site, amenities and time. Times are the site&apos;s own{site ? `: ${zoneLabel(site.timeZone)}` : ''}.</p>
      </header>
      <form className="card filters" method="get" aria-label="Filter rooms">
        <div className="field">
          <label htmlFor="site">Site</label>
          <select id="site" name="site" defaultValue={site?.id}>
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="date">Date</label>
          <input id="date" name="date" type="date" defaultValue={filters.date ?? localNow?.date} />
        </div>
        <div className="field">
          <label htmlFor="time">From</label>
          <input id="time" name="time" {...TIME_INPUT} defaultValue={filters.time ?? localNow?.time} />
        </div>
        <fieldset>
          <legend>Must have</legend>
          <div className="check-grid">
            {AMENITIES.map((a) => (
              <label key={a}>
                <input type="checkbox" name="amenity" value={a} defaultChecked={amenities.includes(a)} />
                {AMENITY_LABELS[a]}
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" className="btn">
          Show rooms
        </button>
      </form>
      <section aria-labelledby="results-heading" className="stack">
        <h2 id="results-heading">
          {rooms.length} {rooms.length === 1 ? 'room' : 'rooms'} at {site?.name}
        </h2>
        {rooms.length === 0 ? (
          <p className="muted">No room at this site has everything you asked for. Try fewer amenities.</p>
        ) : (
          <div className="grid">
            {rooms.map((room) => (
              <RoomCard key={room.id} room={room} date={filters.date}>
                {site && <RoomStatus room={room} timeZone={site.timeZone} now={now} at={from} />}
              </RoomCard>
            ))}
          </div>
        )}
      </section>
    </div>
  );
}
