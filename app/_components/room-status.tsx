import type { RoomNow } from '@/db/queries/availability';
import { formatLocal, formatTime, formatWhen } from '@/lib/time';

/** "Free now until 10:45 · 2 of 3 stations" (or "Free at 14:00 until …"), else the next free slot, in the site's zone. */
export function RoomStatus({ room, timeZone, now, at }: { room: RoomNow; timeZone: string; now: Date; at?: Date }) {
  const when = at && at.getTime() - now.getTime() > 60_000 ? `at ${formatLocal(at, timeZone)}` : 'now';
  if (room.status === 'out_of_service') return null;
  if (room.free && room.until) {
    return (
      <p className="free-line">
        Free {when} until {untilText(room.until, timeZone)}
        {room.stations > 1 && ` · ${room.stationsFree} of ${room.stations} stations`}
      </p>
    );
  }
  if (!room.nextFree) return <p className="busy-line">Nothing free in the next week.</p>;
  return <p className="busy-line">Next free {formatWhen(room.nextFree.start, now, timeZone, 'at ')}</p>;
}

function untilText(until: Date, timeZone: string): string {
  const time = formatTime(until, timeZone);
  return time === '00:00' ? 'midnight' : time;
}
