import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeDb } from '@/tests/db';
import { rowsOf } from './client';
import { lockRoomAlone, lockSiteAlone, shareRoomAndSiteLocks, takeTurnInRoom } from './locks';
import { holdForPlacement } from './placement';
import { rooms, users } from './schema';
import { seedDemo } from './seed';

type Held = { key: string; mode: string };

describeDb('advisory locks', (handle) => {
  it('a booking, a plan and an admin change name the same room, site and turn locks', async () => {
    const db = handle().db;
    await seedDemo(db);
    const [room] = await db.select().from(rooms).limit(1);
    const [person] = await db.select().from(users).where(eq(users.email, 'amara@example.com'));
    await db.transaction(async (tx) => {
      const held = async (): Promise<Held[]> =>
        rowsOf<Held>(
          await tx.execute(sql`select (classid::bigint << 32 | objid::bigint)::text as key, mode from pg_locks
            where locktype = 'advisory' and pid = pg_backend_pid() and granted order by key, mode`),
        );
      await holdForPlacement(tx, { person: person!.id, rooms: [room!.id] });
      const single = await held();
      // The room and site shared, the room's turn alone: three locks.
      expect(single.map((h) => h.mode).sort()).toEqual(['ExclusiveLock', 'ShareLock', 'ShareLock']);
      // The same locks taken one by one, as a placement over several rooms takes them (with the id in capitals, as a client might send it) add none.
      await shareRoomAndSiteLocks(tx, room!.id);
      await takeTurnInRoom(tx, room!.id.toUpperCase());
      expect(await held()).toEqual(single);
      // An admin change takes the room's and site's keys alone: a second mode on two of the same keys.
      await lockRoomAlone(tx, room!.id);
      await lockSiteAlone(tx, room!.siteId);
      const after = await held();
      expect(new Set(after.map((h) => h.key))).toEqual(new Set(single.map((h) => h.key)));
      expect(after).toHaveLength(5);
    });
  });
});
