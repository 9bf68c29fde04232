import { AMENITY_LABELS, isAmenity } from '@/lib/amenities';
import type { RoomSummary } from '@/db/queries/rooms';

export function RoomCard({ room }: { room: RoomSummary }) {
  const outOfService = room.status === 'out_of_service';
  return (
    <article className="card" aria-labelledby={`room-${room.id}`}>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: '0.5rem', alignItems: 'baseline' }}>
        <h3 id={`room-${room.id}`}>{room.name}</h3>
        {outOfService ? <span className="badge badge-danger">Out of service</span> : <span className="badge badge-ok">Open</span>}
      </div>
      <p className="muted small">
        Floor {room.floor} · {room.stations} {room.stations === 1 ? 'station' : 'stations'}
      </p>
      {outOfService && room.outOfServiceReason && <p className="small">{room.outOfServiceReason}</p>}
      {room.directions && <p className="small">{room.directions}</p>}
      <ul className="chips" aria-label="Amenities">
        {room.amenities.filter(isAmenity).map((a) => (
          <li key={a}>{AMENITY_LABELS[a]}</li>
        ))}
      </ul>
    </article>
  );
}
