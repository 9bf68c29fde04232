import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, freshDb, type TestDb } from '@/tests/db';
import { measurePlanCreation } from './plan';
import { seedBench, type BenchShape } from './seed';

/** The bench's plan figure (plan_250_ms) on a tiny data set: a plan of about 250 breaks, booked. */
const TINY: BenchShape = { sites: 1, roomsPerSite: 3, people: 10, bookings: 100, days: 30, futureDays: 10, cancelledPerMille: 0 };
const NOW = new Date('2026-03-04T15:07:00Z');

for (const kind of dbKinds()) {
  describe(`bench plan [${kind}]`, () => {
    let db: TestDb;
    beforeAll(async () => {
      db = await freshDb(kind);
      await seedBench(db.db, TINY, NOW);
    });
    afterAll(async () => {
      await db?.dispose();
    });

    it('previews and confirms a plan of about 250 occurrences and books them', async () => {
      const t = await measurePlanCreation(db.db, NOW, 1);
      expect(t.ms).toHaveLength(1);
      expect(t.occurrences).toBeGreaterThanOrEqual(250);
      expect(t.booked).toBeGreaterThan(200);
    });
  });
}
