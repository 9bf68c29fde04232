import { sql } from 'drizzle-orm';
import type { Db } from './client';

/**
 * Advisory locks that keep bookings and the admin changes that could strand them apart.
 * Bookings share a lock on their room and site (many at once, no row contention); an
 * admin change to a room or site takes it alone, so it waits for bookings in flight and
 * then sees them. Advisory locks, unlike FOR SHARE row locks, stay cheap with hundreds of
 * bookers at once.
 */
const key = (kind: 'room' | 'site' | 'room-turn', id: string) => sql`hashtextextended(${`${kind}:${id.toLowerCase()}`}, 0)`;

/** Both shared locks in one round trip, keyed by the ids as the database writes them. */
export async function shareRoomAndSiteLocks(tx: Db, roomId: string): Promise<void> {
  await tx.execute(sql`
    select pg_advisory_xact_lock_shared(hashtextextended('room:' || id::text, 0)),
           pg_advisory_xact_lock_shared(hashtextextended('site:' || site_id::text, 0))
    from rooms where id = ${roomId}`);
}

export async function lockRoomAlone(tx: Db, roomId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${key('room', roomId)})`);
}

export async function lockSiteAlone(tx: Db, siteId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${key('site', siteId)})`);
}

/**
 * Bookings placed in one room take turns: each sees the last one committed before it picks a
 * station, so concurrent inserts never wait on each other's uncommitted rows (which, with an
 * EXCLUDE constraint, can deadlock). The constraint stays the last line.
 */
export async function takeTurnInRoom(tx: Db, roomId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${key('room-turn', roomId)})`);
}
