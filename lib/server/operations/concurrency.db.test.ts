import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Refusal } from '@/lib/errors';
import { addDays, zonedInstant } from '@/lib/time';
import { freshDb, type TestDb } from '@/tests/db';
import { addPeople, overlappingPairs, seedWorld, type World } from '@/tests/world';
import { createBooking } from '@/lib/server/operations/book';

/**
 * Real PostgreSQL only: 200 people try the same slot of the 3-station room at once, 20
 * rounds (each round's winners sit out the rest). Exactly 3 succeed each round, the rest get the 409 answer, and no two live
 * bookings overlap on a station anywhere in the table.
 */
describe.runIf(!!process.env.TEST_DATABASE_URL)('concurrent booking on PostgreSQL', () => {
  let t: TestDb;
  let w: World;
  let people: { id: string }[];
  const now = new Date('2026-03-02T12:00:00Z');

  beforeAll(async () => {
    t = await freshDb('postgres', { max: 60 });
    w = await seedWorld(t.db);
    people = await addPeople(t.db, w.ny.id, 200);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('books exactly as many as there are stations, 20 rounds running', async () => {
    // A round's winners sit out the later rounds: whoever wins is down to how the connections
    // are scheduled, and the same few winning most rounds of a day would meet the site's
    // bookings-a-day cap (a 422) rather than a full room.
    const won = new Set<string>();
    for (let round = 0; round < 20; round++) {
      const contenders = people.filter((p) => !won.has(p.id));
      // Ten rounds a day across two weekdays, on the quarter hours from 08:00.
      const date = addDays('2026-03-03', Math.floor(round / 10));
      const minutes = 8 * 60 + (round % 10) * 45;
      const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      const start = zonedInstant(date, time, w.ny.timeZone);
      const end = new Date(start.getTime() + 30 * 60_000);
      const results = await Promise.allSettled(contenders.map((p) => createBooking(t.db, { userId: p.id, roomId: w.wellness.id, start, end, now })));
      const ok = results.filter((r) => r.status === 'fulfilled');
      const refused = results.filter((r) => r.status === 'rejected');
      const odd = refused.map((r) => (r as PromiseRejectedResult).reason).find((e) => !(e instanceof Refusal));
      expect(odd, `round ${round}`).toBeUndefined();
      expect(ok, `round ${round}`).toHaveLength(3);
      expect(refused).toHaveLength(contenders.length - 3);
      for (const r of refused) {
        const reason = (r as PromiseRejectedResult).reason;
        expect(reason).toBeInstanceOf(Refusal);
        expect((reason as Refusal).reason).toBe('conflict');
        expect((reason as Refusal).message).toMatch(/Every station in Wellness Room 3 is taken/);
      }
      expect(new Set(ok.map((r) => (r as PromiseFulfilledResult<{ stationId: string }>).value.stationId)).size).toBe(3);
      for (const r of ok) won.add((r as PromiseFulfilledResult<{ userId: string }>).value.userId);
    }
    expect(await overlappingPairs(t.db)).toBe(0);
  }, 600_000);
});
