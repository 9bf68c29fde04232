import { sql, type SQL } from 'drizzle-orm';
import type { Db } from './client';

/**
 * Advisory locks that keep bookings and the admin changes that could strand them apart.
 * Bookings share a lock on their room and site (many at once, no row contention); an
 * admin change to a room or site takes it alone, so it waits for bookings in flight and
 * then sees them. Advisory locks, unlike FOR SHARE row locks, stay cheap with hundreds of
 * bookers at once.
 */
type LockKind = 'room' | 'site' | 'room-turn';

/** A lock's key: its kind and the id as PostgreSQL writes a uuid, whichever statement names it. */
const lockKey = (kind: LockKind, id: SQL) => sql`hashtextextended(${`${kind}:`} || (${id})::text, 0)`;
const idParam = (id: string) => sql`${id}::uuid`;

/** Both shared locks in one round trip. */
export async function shareRoomAndSiteLocks(tx: Db, roomId: string): Promise<void> {
  await tx.execute(sql`
    select pg_advisory_xact_lock_shared(${lockKey('room', sql`id`)}),
           pg_advisory_xact_lock_shared(${lockKey('site', sql`site_id`)})
    from rooms where id = ${roomId}`);
}

export async function lockRoomAlone(tx: Db, roomId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${lockKey('room', idParam(roomId))})`);
}

export async function lockSiteAlone(tx: Db, siteId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${lockKey('site', idParam(siteId))})`);
}

/**
 * Bookings placed in one room take turns: each sees the last one committed before it picks a
 * station, so concurrent inserts never wait on each other's uncommitted rows (which, with an
 * EXCLUDE constraint, can deadlock). The constraint stays the last line.
 */
export async function takeTurnInRoom(tx: Db, roomId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${lockKey('room-turn', idParam(roomId))})`);
}

/**
 * Everything a placement holds, in the one order every placement takes them: the person (one
 * placement of hers at a time, so the per-day cap holds; NO KEY UPDATE, so rows that merely
 * refer to her still go in), then each room and its site shared, then each room's turn, rooms
 * in the order given (db/placement.ts sorts them by id). One room is one round trip: each
 * OFFSET 0 level is evaluated only once the level inside it has its locks.
 */
export async function holdRoomsForPlacement(tx: Db, person: string | null, roomIds: string[]): Promise<void> {
  const personRows = person ? sql`(select id from users where id = ${person} for no key update)` : sql`(select null)`;
  if (roomIds.length === 1) {
    await tx.execute(sql`
      select pg_advisory_xact_lock(${lockKey('room-turn', sql`held.room_id`)})
        from (select r.id as room_id,
                     pg_advisory_xact_lock_shared(${lockKey('room', sql`r.id`)}) as room_lock,
                     pg_advisory_xact_lock_shared(${lockKey('site', sql`r.site_id`)}) as site_lock
                from ${personRows} person, rooms r
               where r.id = ${roomIds[0]}
              offset 0) held`);
    return;
  }
  if (person) await tx.execute(sql`select id from users where id = ${person} for no key update`);
  for (const id of roomIds) await shareRoomAndSiteLocks(tx, id);
  for (const id of roomIds) await takeTurnInRoom(tx, id);
}
