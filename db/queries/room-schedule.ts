import { and, asc, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../client';
import { bookings, stations, users } from '../schema';
import { recordAudit } from './audit';

export type NamedScheduleRow = { id: string; start: Date; end: Date; station: string; personName: string | null; personEmail: string | null };

/**
 * A room's live bookings across [from, to) with who made each: a named view for HR and
 * admins only. Every view is written to the audit log (who, which room, which day, from where)
 * before anything is read.
 */
export async function viewNamedRoomDay(
  db: Db,
  input: { actorId: string; roomId: string; roomName: string; date: string; from: Date; to: Date; ip: string | null },
): Promise<NamedScheduleRow[]> {
  await recordAudit(db, {
    actorId: input.actorId,
    action: 'room.schedule_viewed',
    targetType: 'room',
    targetId: input.roomId,
    detail: { room: input.roomName, date: input.date },
    ip: input.ip,
  });
  return db
    .select({ id: bookings.id, start: bookings.startAt, end: bookings.endAt, station: stations.label, personName: users.name, personEmail: users.email })
    .from(bookings)
    .innerJoin(stations, eq(stations.id, bookings.stationId))
    .leftJoin(users, eq(users.id, bookings.userId))
    .where(and(eq(bookings.roomId, input.roomId), eq(bookings.status, 'booked'), lt(bookings.startAt, input.to), gt(bookings.endAt, input.from)))
    .orderBy(asc(bookings.startAt), asc(stations.position));
}
