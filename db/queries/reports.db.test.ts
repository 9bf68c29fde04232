/**
 * The usage report on a hand-built fixture, with every expected number worked out by hand:
 *
 * Range: Sun 8 Mar 2026 (New York's spring DST day: 23 hours) to Mon 9 Mar 2026.
 * Alpha (America/New_York, open round the clock, check-in required):
 *   A1: 2 active stations (+1 inactive), out of service Mon 10:00–12:00 local.
 *       Open: (23 + 24 − 2) h × 2 = 90 station-hours (46 on Sunday, 44 on Monday).
 *       Mon 13:00, 13:20, 13:40 local on each station, 20 min each, six people p0–p5: 2 h.
 *       Mon 15:00 p6: released no-show. Mon 16:00 p7: cancelled ahead (not counted).
 *       Sun 03:00–04:00 local (just after the clocks jump) p7: 1 h.
 *   A2: 1 station, its own hours Mon–Fri 09:00–17:00: 8 station-hours. Mon 10:00 p8, 11:00 p9, 30 min: 1 h.
 * Beta (Europe/London, Mon–Fri 08:00–18:00, no check-in): B1, 1 station: 10 station-hours.
 *   Mon 09:00, 09:30 p10, p11 and 10:00 p0 (UTC+0), 30 min: 1.5 h.
 * All sites: 13 bookings (released no-show included), 5.5 h of 108 open station-hours, 12 people.
 * No-shows: 1 of the 10 bookings at Alpha (the only site requiring check-in).
 */
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { bookings, demandMisses, policies, requests, roomClosures, rooms, sites, stations, users } from '@/db/schema';
import { ROUND_THE_CLOCK, weekdayHours } from '@/lib/opening-hours';
import { zonedInstant } from '@/lib/time';
import { describeDb } from '@/tests/db';
import { complianceReport, usageReport } from './reports';

const NY = 'America/New_York';
const NOW = new Date('2026-03-10T12:00:00Z');
const RANGE = { from: '2026-03-08', to: '2026-03-09' };
const ny = (date: string, time: string) => zonedInstant(date, time, NY);
const z = (iso: string) => new Date(iso);
const mins = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);

describeDb('usage report', (db) => {
  const ids = { alpha: '', beta: '', a1: '', a2: '', b1: '', b1Station: '' };
  const people: string[] = [];
  const book = async (room: string, station: string, person: number, start: Date, length: number, extra: Partial<typeof bookings.$inferInsert> = {}) => {
    await db().db.insert(bookings).values({ roomId: room, stationId: station, userId: people[person]!, startAt: start, endAt: mins(start, length), blockEnd: mins(start, length), ...extra });
  };

  beforeAll(async () => {
    const d = db().db;
    const [alpha] = await d.insert(sites).values({ name: 'Alpha', timeZone: NY, openingHours: ROUND_THE_CLOCK }).returning();
    const [beta] = await d.insert(sites).values({ name: 'Beta', timeZone: 'Europe/London', openingHours: weekdayHours('08:00', '18:00') }).returning();
    await d.insert(policies).values([{ siteId: alpha!.id, checkInRequired: true }, { siteId: beta!.id, checkInRequired: false }]);
    const [a1] = await d.insert(rooms).values({ siteId: alpha!.id, name: 'A1', amenities: ['lockable_door', 'chair', 'surface', 'power_outlet', 'sink_nearby'] }).returning();
    const [a2] = await d.insert(rooms).values({ siteId: alpha!.id, name: 'A2', openingHours: weekdayHours('09:00', '17:00'), amenities: ['chair'] }).returning();
    const [b1] = await d.insert(rooms).values({ siteId: beta!.id, name: 'B1', amenities: ['lockable_door', 'chair'] }).returning();
    const [s1, s2] = await d.insert(stations).values([{ roomId: a1!.id, position: 1, label: 'S1' }, { roomId: a1!.id, position: 2, label: 'S2' }]).returning();
    await d.insert(stations).values({ roomId: a1!.id, position: 3, label: 'S3', active: false });
    const [a2s] = await d.insert(stations).values({ roomId: a2!.id, position: 1, label: 'S1' }).returning();
    const [b1s] = await d.insert(stations).values({ roomId: b1!.id, position: 1, label: 'S1' }).returning();
    Object.assign(ids, { alpha: alpha!.id, beta: beta!.id, a1: a1!.id, a2: a2!.id, b1: b1!.id, b1Station: b1s!.id });
    const made = await d
      .insert(users)
      .values(Array.from({ length: 15 }, (_, i) => ({ email: `person${i}@fixture.test`, name: `Fixture Person ${i}`, siteId: i < 10 ? alpha!.id : beta!.id })))
      .returning();
    people.push(...made.map((u) => u.id));

    await d.insert(roomClosures).values({ roomId: a1!.id, startAt: ny('2026-03-09', '10:00'), endAt: ny('2026-03-09', '12:00'), reason: 'Repairs' });
    for (let i = 0; i < 3; i++) {
      await book(a1!.id, s1!.id, i, ny('2026-03-09', `13:${String(i * 20).padStart(2, '0')}`), 20);
      await book(a1!.id, s2!.id, i + 3, ny('2026-03-09', `13:${String(i * 20).padStart(2, '0')}`), 20);
    }
    await book(a1!.id, s1!.id, 6, ny('2026-03-09', '15:00'), 30, { status: 'cancelled', cancelReason: 'no_show', releasedAt: ny('2026-03-09', '15:10'), cancelledAt: ny('2026-03-09', '15:10') });
    await book(a1!.id, s1!.id, 7, ny('2026-03-09', '16:00'), 30, { status: 'cancelled', cancelledAt: ny('2026-03-08', '09:00') });
    await book(a1!.id, s1!.id, 7, z('2026-03-08T07:00:00Z'), 60); // 03:00 EDT, the first hour after the jump
    await book(a2!.id, a2s!.id, 8, ny('2026-03-09', '10:00'), 30);
    await book(a2!.id, a2s!.id, 9, ny('2026-03-09', '11:00'), 30);
    await book(b1!.id, b1s!.id, 10, z('2026-03-09T09:00:00Z'), 30);
    await book(b1!.id, b1s!.id, 11, z('2026-03-09T09:30:00Z'), 30);
    await book(b1!.id, b1s!.id, 0, z('2026-03-09T10:00:00Z'), 30);

    await d.insert(demandMisses).values([
      { roomId: a1!.id, siteId: alpha!.id, kind: 'full', wantedAt: ny('2026-03-09', '13:10') },
      { roomId: a1!.id, siteId: alpha!.id, kind: 'full', wantedAt: ny('2026-03-09', '13:50') },
      { roomId: b1!.id, siteId: beta!.id, kind: 'book_now', wantedAt: z('2026-03-09T09:15:00Z') },
    ]);

    // Requests: decided in 24 h (on time, 127 h allowed), 24 h (late, 20 h allowed), 2 h (on time, 177 h allowed); two pending, one overdue; one at Beta.
    const req = (person: number, site: string, values: Partial<typeof requests.$inferInsert>) => ({
      userId: people[person]!,
      siteId: site,
      type: 'other' as const,
      details: { type: 'other' as const, description: 'A quieter room.' },
      fromDate: '2026-03-16',
      ...values,
    });
    await d.insert(requests).values([
      req(0, alpha!.id, { status: 'approved', submittedAt: z('2026-03-08T15:00:00Z'), decidedAt: z('2026-03-09T15:00:00Z'), deadlineAt: z('2026-03-13T22:00:00Z') }),
      req(1, alpha!.id, { status: 'denied', decision: 'No room free then.', submittedAt: z('2026-03-08T16:00:00Z'), decidedAt: z('2026-03-09T16:00:00Z'), deadlineAt: z('2026-03-09T12:00:00Z') }),
      req(2, alpha!.id, { status: 'approved', submittedAt: z('2026-03-09T12:00:00Z'), decidedAt: z('2026-03-09T14:00:00Z'), deadlineAt: z('2026-03-16T21:00:00Z') }),
      req(3, alpha!.id, { status: 'submitted', submittedAt: z('2026-03-09T13:00:00Z'), deadlineAt: z('2026-03-09T20:00:00Z') }),
      req(4, alpha!.id, { status: 'submitted', submittedAt: z('2026-03-09T13:00:00Z'), deadlineAt: z('2026-03-16T21:00:00Z') }),
      req(10, beta!.id, { status: 'submitted', submittedAt: z('2026-03-09T10:00:00Z'), deadlineAt: z('2026-03-16T17:00:00Z') }),
    ]);
  });

  it('gives the key figures over all sites', async () => {
    const r = await usageReport(db().db, RANGE, NOW);
    expect(r.key.bookings).toBe(13);
    expect(r.key.bookedHours).toBeCloseTo(5.5, 9);
    expect(r.key.openStationHours).toBe(108);
    expect(r.key.utilisation).toBeCloseTo(5.5 / 108, 9);
    expect(r.key.noShowRate).toBeCloseTo(0.1, 9);
    expect(r.key.people).toBe(12);
    expect(r.key.unmetDemand).toEqual({ full: 2, bookNow: 1, total: 3 });
    expect(r.key.requests).toMatchObject({ received: 6, decided: 3, onTime: 2, pending: 3, overdue: 1, medianHoursToDecision: 24, medianHoursAllowed: 127 });
    expect(r.key.requests.onTimeShare).toBeCloseTo(2 / 3, 9);
    expect(r.scope).toEqual({ site: null, room: null, rooms: 3, stations: 4 });
  });

  it('gives utilisation per room and day, counting the 23-hour DST day and the closure', async () => {
    const r = await usageReport(db().db, RANGE, NOW);
    expect(r.bucket).toBe('day');
    const a1 = r.utilisationByRoom.filter((c) => c.room === 'A1');
    expect(a1.map((c) => [c.bucket, c.openStationHours])).toEqual([
      ['2026-03-08', 46],
      ['2026-03-09', 44],
    ]);
    // Sunday's one booking is one person: suppressed. Monday: 7 bookings by 7 people, 2 h of 44.
    expect(a1[0]).toMatchObject({ bookings: '<5', bookedHours: '<5', utilisation: '<5' });
    expect(a1[1]).toMatchObject({ bookings: 7, bookedHours: 2 });
    expect(a1[1]!.utilisation).toBeCloseTo(2 / 44, 9);
  });

  it('fills the weekday × hour grid: both stations of A1 in use at Monday 13:00', async () => {
    const r = await usageReport(db().db, RANGE, NOW);
    const mon13 = r.heatmap.find((c) => c.weekday === 1 && c.hour === 13)!;
    // Open at Monday 13:00 (local to each room): A1 2, A2 1, B1 1 = 4 station-hours; 2 stations in use.
    expect(mon13.openStationHours).toBe(4);
    expect(mon13.occupancy).toBeCloseTo(0.5, 9);
    expect(mon13.fullHours).toBe(1);
    // Sunday 03:00 holds one person: suppressed. Sunday 02:00 never happened.
    expect(r.heatmap.find((c) => c.weekday === 0 && c.hour === 3)).toMatchObject({ occupancy: '<5', fullHours: '<5' });
    expect(r.heatmap.find((c) => c.weekday === 0 && c.hour === 2)).toBeUndefined();
  });

  it('gives request outcomes per day, small days suppressed', async () => {
    const r = await usageReport(db().db, RANGE, NOW);
    expect(r.requestOutcomes).toEqual([
      { bucket: '2026-03-08', received: '<5', approved: '<5', denied: '<5' },
      { bucket: '2026-03-09', received: 4, approved: 2, denied: 1 },
    ]);
  });

  it('suppresses a site whose difference from the whole would reveal fewer than 5 people', async () => {
    // Alpha has 10 people, but all sites minus Alpha would be Beta's 3: every Alpha figure shows <5.
    const alpha = await usageReport(db().db, { ...RANGE, siteId: ids.alpha }, NOW);
    expect(alpha.key).toMatchObject({ bookings: '<5', bookedHours: '<5', people: '<5', utilisation: '<5', noShowRate: '<5' });
    // Requests at Alpha: 5 people, and 1 outside it.
    expect(alpha.key.requests).toMatchObject({ received: '<5', decided: '<5', pending: '<5' });
    // Beta itself has 3 people.
    const beta = await usageReport(db().db, { ...RANGE, siteId: ids.beta }, NOW);
    expect(beta.key).toMatchObject({ bookings: '<5', people: '<5' });
    // Refusals carry no person: shown as counts.
    expect(alpha.key.unmetDemand).toEqual({ full: 2, bookNow: 0, total: 2 });
    expect(alpha.key.openStationHours).toBe(98);
  });

  it('shows the site once both it and its complement reach 5 people, and still hides a room whose site-mates are few', async () => {
    const d = db().db;
    for (let i = 0; i < 3; i++) await book(ids.b1, ids.b1Station, 12 + i, z(`2026-03-09T1${1 + i}:00:00Z`), 30);
    const alpha = await usageReport(d, { ...RANGE, siteId: ids.alpha }, NOW);
    expect(alpha.key.bookings).toBe(10);
    expect(alpha.key.bookedHours).toBeCloseTo(4, 9);
    expect(alpha.key.utilisation).toBeCloseTo(4 / 98, 9);
    expect(alpha.key.noShowRate).toBeCloseTo(0.1, 9);
    expect(alpha.key.people).toBe(10);
    const beta = await usageReport(d, { ...RANGE, siteId: ids.beta }, NOW);
    expect(beta.key).toMatchObject({ bookings: 6, people: 6, noShowRate: null, openStationHours: 10 });
    expect(beta.key.bookedHours).toBeCloseTo(3, 9);
    // A1 has 8 people, but Alpha minus A1 is A2's 2 people: suppressed.
    const a1 = await usageReport(d, { ...RANGE, roomId: ids.a1 }, NOW);
    expect(a1.key).toMatchObject({ bookings: '<5', people: '<5' });
    expect(a1.key.openStationHours).toBe(90);
    expect(a1.scope).toMatchObject({ site: 'Alpha', room: 'A1', rooms: 1, stations: 2 });
  });

  it('never returns a name, an email or a person id', async () => {
    const text = JSON.stringify([await usageReport(db().db, RANGE, NOW), await complianceReport(db().db, RANGE, NOW)]);
    expect(text).not.toMatch(/Fixture Person|@fixture\.test/);
    for (const id of people) expect(text).not.toContain(id);
  });

  it('checks each room against its site rules and lists simultaneous need', async () => {
    const c = await complianceReport(db().db, RANGE, NOW);
    // Alpha is on New York time and has no jurisdiction chosen: New York City's rules, which ask for a refrigerator nearby too.
    expect(c.rooms.map((r) => [r.room, r.missing])).toEqual([
      ['A1', ['Fridge nearby']],
      ['A2', ['Lockable or shielded from view', 'Table or surface', 'Power outlet', 'Sink with running water nearby', 'Fridge nearby']],
      ['B1', []],
    ]);
    expect(c.rooms[0]!.rules).toBe('New York City');
    // Chosen as New York State outside the city, the fridge is no longer asked for.
    await db().db.execute(sql`update sites set jurisdiction = 'US-NY' where name = 'Alpha'`);
    expect((await complianceReport(db().db, RANGE, NOW)).rooms[0]!.missing).toEqual([]);
    await db().db.execute(sql`update sites set jurisdiction = null where name = 'Alpha'`);
    expect(c.requests).toMatchObject({ decided: 3, onTime: 2 });
    expect(c.requests.share).toBeCloseTo(2 / 3, 9);
    expect(c.events).toEqual([
      { room: 'B1', site: 'Beta', date: '2026-03-09', hour: '09:00', stations: 1, refusals: 1 },
      { room: 'A1', site: 'Alpha', date: '2026-03-09', hour: '13:00', stations: 2, refusals: 2 },
    ]);
  });
});
