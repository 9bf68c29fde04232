import { count, eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { listSites } from '@/db/queries/rooms';
import { usageReport } from '@/db/queries/reports';
import { describeDb } from '@/tests/db';
import { addDays } from '@/lib/time';
import { SUPPRESSED } from '@/lib/reports';
import { bookings, users } from './schema';
import { seedDemo, wipe } from './seed';
import { seedHistory } from './seed-history';

// A Wednesday in December, fixed: the history is laid out relative to it.
const NOW = new Date('2026-12-02T16:00:00Z');

describeDb('demo history', (handle) => {
  it('gives a newcomer numbers, not "<5", on the last 90 days at each site, and rising and falling charts', async () => {
    const db = handle().db;
    await seedDemo(db);
    const started = performance.now();
    const summary = await seedHistory(db, { now: NOW });
    const took = performance.now() - started;
    expect(summary.people).toBeGreaterThanOrEqual(30);
    expect(summary.bookings).toBeGreaterThan(1000);
    expect(summary.noShows).toBeGreaterThan(0);
    expect(summary.refusals).toBeGreaterThan(0);
    expect(summary.plans).toBeGreaterThan(0);
    expect(summary.requests).toBeGreaterThan(10);
    console.log(`demo history: ${JSON.stringify(summary)} in ${Math.round(took)} ms`);

    // All in the past.
    const [future] = await db.select({ n: count() }).from(bookings).where(sql`${bookings.endAt} > ${NOW.toISOString()}::timestamptz`);
    expect(future!.n).toBe(0);

    const to = '2026-12-02';
    const from = addDays(to, -89);
    for (const site of await listSites(db)) {
      const r = await usageReport(db, { from, to, siteId: site.id }, NOW);
      for (const figure of [r.key.bookings, r.key.bookedHours, r.key.utilisation, r.key.people]) {
        expect(figure, `${site.name}: a key figure`).not.toBe(SUPPRESSED);
        expect(typeof figure === 'number' && figure > 0, `${site.name}: ${String(figure)}`).toBe(true);
      }
      // The utilisation chart has values that differ from week to week (not flat, not all hidden).
      const values = r.utilisationByRoom.map((c) => c.utilisation).filter((v): v is number => typeof v === 'number');
      expect(new Set(values.map((v) => v.toFixed(3))).size, site.name).toBeGreaterThan(3);
      expect(r.requestOutcomes.length).toBeGreaterThan(0);
    }
  });

  it('is the same history for the same seed and date', async () => {
    const db = handle().db;
    await wipe(db);
    await seedDemo(db);
    const a = await seedHistory(db, { now: NOW, seed: 3 });
    const emails = (await db.select({ email: users.email }).from(users)).map((u) => u.email).sort();
    const rows = async () =>
      (await db.select({ email: users.email, start: bookings.startAt, status: bookings.status }).from(bookings).innerJoin(users, eq(users.id, bookings.userId)))
        .map((b) => `${b.email} ${b.start.toISOString()} ${b.status}`)
        .sort();
    const starts = await rows();
    await wipe(db);
    await seedDemo(db);
    const b = await seedHistory(db, { now: NOW, seed: 3 });
    expect(b).toEqual(a);
    expect((await db.select({ email: users.email }).from(users)).map((u) => u.email).sort()).toEqual(emails);
    expect(await rows()).toEqual(starts);
  });
});
