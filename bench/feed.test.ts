import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFeedByToken, renderFeed } from '@/db/queries/feeds';
import { dbKinds, freshDb, type TestDb } from '@/tests/db';
import { seedFeedPerson } from './feed';
import { seedBench, type BenchShape } from './seed';

/** The bench's feed person (ics_p95_ms) on a tiny data set: her link opens a year of her bookings. */
const TINY: BenchShape = { sites: 1, roomsPerSite: 2, people: 10, bookings: 100, days: 30, futureDays: 10, cancelledPerMille: 0 };
const NOW = new Date('2026-03-04T15:07:00Z');

for (const kind of dbKinds()) {
  describe(`bench feed person [${kind}]`, () => {
    let db: TestDb;
    beforeAll(async () => {
      db = await freshDb(kind);
      await seedBench(db.db, TINY, NOW);
    });
    afterAll(async () => {
      await db?.dispose();
    });

    it('has 1,095 bookings over a year from 30 days back, all in her feed, whose link works with the server secret', async () => {
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
