import { sql } from 'drizzle-orm';
import type { Db } from './client';

/**
 * Advisory locks that keep bookings and the admin changes that could strand them apart.
 * Bookings share a lock on their room and site (many at once, no row contention); an
 * admin change to a room or site takes it alone, so it waits for bookings in flight and
 * then sees them. Advisory locks, unlike FOR SHARE row locks, stay cheap with hundreds of
 * bookers at once.
 */
const key = (kind: 'room' | 'site', id: string) => sql`hashtextextended(${`${kind}:${id}`}, 0)`;

export async function shareRoomLock(tx: Db, roomId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock_shared(${key('room', roomId)})`);
}

export async function shareSiteLock(tx: Db, siteId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock_shared(${key('site', siteId)})`);
}

export async function lockRoomAlone(tx: Db, roomId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${key('room', roomId)})`);
}

export async function lockSiteAlone(tx: Db, siteId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${key('site', siteId)})`);
}
