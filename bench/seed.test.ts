import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/client';
import { DEFAULT_POLICY, checkBooking } from '@/lib/booking-rules';
import { localParts } from '@/lib/time';
import { dbKinds, freshDb, type TestDb } from '@/tests/db';
import { siteWeek, timeAvailability, weekSamples } from './availability';
import { benchRooms, bookingCandidates, EVERY_DAY, overlapCounts, rng, seedBench, type BenchShape } from './seed';

/** A smoke test of the bench's data set on a tiny shape: the benchmark itself never runs under vitest. */
const TINY: BenchShape = { sites: 2, roomsPerSite: 3, people: 40, bookings: 1500, days: 60, futureDays: 10, cancelledPerMille: 100 };
const NOW = new Date('2026-03-04T15:07:00Z');

for (const kind of dbKinds()) {
  describe(`bench data set [${kind}]`, () => {
    let db: TestDb;
    beforeAll(async () => {
      db = await freshDb(kind);
    });
    afterAll(async () => {
      await db?.dispose();
    });

    const count = async (query: ReturnType<typeof sql>) => Number(rowsOf<{ n: number }>(await db.db.execute(query))[0]?.n);

    it('seeds exactly the shape asked for, on top of the demo data', async () => {
      const summary = await seedBench(db.db, TINY, NOW);
      // Rooms have 1, 2 or 3 stations: rooms 1–3 of each site have 2, 3 and 1.
      expect(summary).toMatchObject({ sites: 2, rooms: 6, stations: 12, people: 40, bookings: 1500 });
      expect(await count(sql`select count(*)::int as n from bookings`)).toBe(1500);
      expect(await count(sql`select count(*)::int as n from users where email = 'amara@example.com'`)).toBe(1);
      expect(await count(sql`select count(*)::int as n from sites`)).toBe(4);
    });

    it('breaks no EXCLUDE constraint: no station or person holds two live bookings at once', async () => {
      expect(await overlapCounts(db.db)).toEqual({ station: 0, person: 0 });
      const constraints = await count(
        sql`select count(*)::int as n from pg_constraint where conrelid = 'bookings'::regclass and contype = 'x' and convalidated`,
      );
      expect(constraints).toBe(2);
    });

    it('has past, future and cancelled bookings, all inside opening hours', async () => {
      const at = NOW.toISOString();
      const past = await count(sql`select count(*)::int as n from bookings where start_at < ${at}::timestamptz`);
      const future = await count(sql`select count(*)::int as n from bookings where start_at >= ${at}::timestamptz`);
      const cancelled = await count(sql`select count(*)::int as n from bookings where status = 'cancelled'`);
      expect(past).toBeGreaterThan(future);
      expect(future).toBeGreaterThan(0);
      expect(cancelled).toBeGreaterThan(1500 * 0.05);
      expect(cancelled).toBeLessThan(1500 * 0.15);
      const outside = await count(sql`
        select count(*)::int as n from bookings b join rooms r on r.id = b.room_id join sites s on s.id = r.site_id
        where (b.start_at at time zone s.time_zone)::time < '07:00' or (b.end_at at time zone s.time_zone)::time > '20:00'
           or b.end_at - b.start_at <> interval '30 minutes' or b.created_at > ${at}::timestamptz`);
      expect(outside).toBe(0);
    });

    it('asks for bookings the rules accept, and times availability on the seeded rooms', async () => {
      const rooms = await benchRooms(db.db);
      expect(rooms).toHaveLength(6);
      const site = { name: 'Bench', openingHours: EVERY_DAY };
      for (const c of bookingCandidates(rooms, NOW, 200, rng(1))) {
        const room = rooms.find((r) => r.id === c.roomId)!;
        const rule = checkBooking({
          start: new Date(c.start),
          end: new Date(c.end),
          now: NOW,
          site: { ...site, timeZone: room.timeZone },
          room: { name: room.name, status: 'active', outOfServiceReason: null, openingHours: null },
          policy: DEFAULT_POLICY,
          closures: [],
          ownBookings: [],
        });
        expect(rule).toEqual({ ok: true });
      }
      const week = siteWeek(rooms[0]!.timeZone, NOW, 0);
      expect(localParts(week.from, rooms[0]!.timeZone)).toMatchObject({ weekday: 1, time: '00:00' });
      const viewer = rowsOf<{ id: string }>(await db.db.execute(sql`select id from users where email like '%@bench.nook.test' limit 1`))[0]!.id;
      const times = await timeAvailability(db.db, rooms, weekSamples(rooms.length, 2, 2), viewer, NOW);
      expect(times).toHaveLength(6);
    });
  });
}
