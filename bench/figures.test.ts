import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFeedByToken, renderFeed } from '@/db/queries/feeds';
import { dbKinds, freshDb, type TestDb } from '@/tests/db';
import { seedFeedPerson } from './feed';
import { measurePlanCreation } from './plan';
import { measureReport } from './report';
import { seedBench, type BenchShape } from './seed';

/**
 * The bench's in-process figures on one tiny data set, in the order the bench takes them:
 * the report (report_1m_ms), a pump plan (plan_250_ms), then the feed person (ics_p95_ms),
 * who adds a room of her own.
 */
const TINY: BenchShape = { sites: 1, roomsPerSite: 3, people: 10, bookings: 300, days: 60, futureDays: 10, cancelledPerMille: 0 };
const NOW = new Date('2026-03-04T15:07:00Z');

for (const kind of dbKinds()) {
  describe(`bench figures on a tiny data set [${kind}]`, () => {
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

    it('previews and confirms a plan of about 250 occurrences and books them', async () => {
      const t = await measurePlanCreation(db.db, NOW, 1);
      expect(t.ms).toHaveLength(1);
      expect(t.occurrences).toBeGreaterThanOrEqual(250);
      expect(t.booked).toBeGreaterThan(200);
    });

    it('has a feed person with 1,095 bookings over a year from 30 days back, all in her feed, whose link works with the server secret', async () => {
      const secret = 'bench-secret-0123456789-0123456789';
      const { path, bookings } = await seedFeedPerson(db.db, secret, NOW);
      expect(bookings).toBe(1095);
      const token = /^\/api\/feeds\/([A-Za-z0-9_-]{43})\.ics$/.exec(path)![1]!;
      const feed = await findFeedByToken(db.db, token);
      expect(feed?.kind).toBe('person');
      const ics = await renderFeed(db.db, feed!, NOW);
      const events = new ICAL.Component(ICAL.parse(ics) as unknown[]).getAllSubcomponents('vevent');
      expect(events).toHaveLength(1095);
    });
  });
}
