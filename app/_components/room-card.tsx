import Link from 'next/link';
import { AMENITY_LABELS, isAmenity } from '@/lib/amenities';
import type { RoomSummary } from '@/db/queries/rooms';

/** A room at a glance: name (linking to its calendar, on `date` when given), floor, stations, amenities, and what is free. */
export function RoomCard({ room, date, children }: { room: RoomSummary; date?: string; children?: React.ReactNode }) {
  const outOfService = room.status === 'out_of_service';
  return (
    <article className="card" aria-labelledby={`room-${room.id}`}>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: '0.5rem', alignItems: 'baseline' }}>
        <h3 id={`room-${room.id}`}>
          <Link href={date ? `/rooms/${room.id}?date=${date}` : `/rooms/${room.id}`}>{room.name}</Link>
        </h3>
        {outOfService && <span className="badge badge-danger">Out of service</span>}
      </div>
      <p className="muted small" style={{ margin: 0 }}>
        Floor {room.floor} · {room.stations} {room.stations === 1 ? 'station' : 'stations'}
      </p>
      {outOfService && room.outOfServiceReason && <p className="small">{room.outOfServiceReason}</p>}
      {children}
      <ul className="chips" aria-label="Amenities">
        {room.amenities.filter(isAmenity).map((a) => (
          <li key={a}>{AMENITY_LABELS[a]}</li>
        ))}
      </ul>
    </article>
  );
}
