import { eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, bookings, requests } from '@/db/schema';
import { zonedInstant } from '@/lib/time';
import { dbKinds, freshDb, type TestDb } from '@/tests/db';
import { seedWorld } from '@/tests/world';
import { createBooking } from '@/lib/server/operations/book';
import { createRequest, decideRequest } from '@/lib/server/operations/requests';
import { applyRetention, getSettings, setRetention } from './retention';

const NY = 'America/New_York';

for (const kind of dbKinds()) describe(`retention [${kind}]`, () => {
  let t: TestDb;
  beforeEach(async () => {
    await t?.dispose();
    t = await freshDb(kind);
  });
  afterAll(async () => {
    await t?.dispose();
  });
  const handle = () => t;

  it('forgets who made bookings past the period, keeps what reports count, purges closed requests past theirs, and a second run changes nothing', async () => {
    const db = handle().db;
    const w = await seedWorld(db);
    const then = zonedInstant('2025-03-03', '09:30', NY);
    const old = await createBooking(db, { userId: w.amara.id, roomId: w.wellness.id, start: then, end: new Date(then.getTime() + 30 * 60_000), now: new Date(then.getTime() - 86_400_000) });
    const recentStart = zonedInstant('2026-03-02', '09:30', NY);
    const recent = await createBooking(db, { userId: w.amara.id, roomId: w.wellness.id, start: recentStart, end: new Date(recentStart.getTime() + 30 * 60_000), now: new Date(recentStart.getTime() - 86_400_000) });

    const input = { details: { type: 'remote_days' as const, days: [3] }, fromDate: '2025-03-03', untilDate: null, note: null };
    const closed = await createRequest(db, w.amara, input, { submit: true, now: then });
    await decideRequest(db, w.hr, closed.id, { action: 'approve', message: null, approvedDetails: null }, { version: closed.version, now: then });
    const open = await createRequest(db, w.beth, input, { submit: true, now: then });
    // Closed long ago: decided two and a half years before the run.
    await db.update(requests).set({ decidedAt: new Date('2024-05-01T00:00:00Z') }).where(eq(requests.id, closed.id));

    const now = new Date('2026-11-26T12:00:00Z');
    expect((await getSettings(db)).bookingRetentionDays).toBe(365);
    const first = await applyRetention(db, now);
    expect(first).toMatchObject({ anonymised: 1, requestsPurged: 1 });
    const [o] = await db.select().from(bookings).where(eq(bookings.id, old.id));
    expect(o).toMatchObject({ userId: null, roomId: w.wellness.id, stationId: old.stationId, status: 'booked' });
    expect(o!.startAt).toEqual(old.startAt);
    const [r] = await db.select().from(bookings).where(eq(bookings.id, recent.id));
    expect(r!.userId).toBe(w.amara.id);
    const left = (await db.select().from(requests)).map((x) => x.id);
    expect(left).toContain(open.id);
    expect(left).not.toContain(closed.id);

    expect(await applyRetention(db, now)).toEqual({ anonymised: 0, requestsPurged: 0, noticesPurged: 0 });
    expect(await db.select().from(bookings)).toHaveLength(2);
  });

  it('lets an admin shorten the periods, audited; the next run applies them', async () => {
    const db = handle().db;
    const w = await seedWorld(db);
    const start = zonedInstant('2026-09-01', '09:30', NY);
    await createBooking(db, { userId: w.beth.id, roomId: w.quiet.id, start, end: new Date(start.getTime() + 30 * 60_000), now: new Date(start.getTime() - 86_400_000) });
    await setRetention(db, w.admin, { bookingRetentionDays: 60, requestRetentionDays: 90 }, '198.51.100.7');
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, 'settings.retention_changed'));
    expect(entry!.detail).toEqual({ from: { bookingRetentionDays: 365, requestRetentionDays: 730 }, to: { bookingRetentionDays: 60, requestRetentionDays: 90 } });
    expect((await applyRetention(db, new Date('2026-11-26T12:00:00Z'))).anonymised).toBe(1);
  });
});
