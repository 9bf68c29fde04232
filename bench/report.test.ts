import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, freshDb, type TestDb } from '@/tests/db';
import { measureReport } from './report';
import { seedBench, type BenchShape } from './seed';

/** The bench's report figure (report_1m_ms) on a tiny data set: it runs and reports the site's bookings. */
const TINY: BenchShape = { sites: 1, roomsPerSite: 3, people: 10, bookings: 300, days: 60, futureDays: 10, cancelledPerMille: 0 };
const NOW = new Date('2026-03-04T15:07:00Z');

for (const kind of dbKinds()) {
  describe(`bench report [${kind}]`, () => {
    let db: TestDb;
    beforeAll(async () => {
      db = await freshDb(kind);
      await seedBench(db.db, TINY, NOW);
    });
    afterAll(async () => {
      await db?.dispose();
    });

    it('times the 90-day site report', async () => {
      const t = await measureReport(db.db, NOW, 2);
      expect(t.ms).toHaveLength(2);
      expect(t.rooms).toBe(3);
      expect(typeof t.bookings === 'number' && t.bookings > 0).toBe(true);
    });
  });
}
