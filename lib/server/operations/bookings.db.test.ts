import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { bookings, demandMisses, notifications, roomClosures, rooms } from '@/db/schema';
import { localParts, zonedInstant } from '@/lib/time';
import { freshDb, dbKinds, type TestDb } from '@/tests/db';
import { openEveryDay, overlappingPairs, seedWorld, setPolicy, refusal, type World } from '@/tests/world';
import { listOwnBookings } from '@/db/queries/bookings';
import { createBooking } from '@/lib/server/operations/book';
import { bookNow } from '@/lib/server/operations/book-now';
import { cancelBooking } from '@/lib/server/operations/cancel';
import { moveBooking } from '@/lib/server/operations/move';

const NY = 'America/New_York';
// A Friday afternoon in New York; bookings go on the Monday after.
const now = new Date('2026-03-06T20:00:00Z');
const at = (date: string, time: string, tz = NY) => zonedInstant(date, time, tz);
const MON = '2026-03-09';

for (const kind of dbKinds()) {
  describe(`booking service [${kind}]`, () => {
    let t: TestDb;
    let w: World;
    beforeEach(async () => {
      await t?.dispose();
      t = await freshDb(kind);
      w = await seedWorld(t.db);
    });

    it('fills a 3-station room station by station, then answers 409 with alternatives', async () => {
      const slot = { roomId: w.wellness.id, start: at(MON, '09:30'), end: at(MON, '10:00'), now };
      const a = await createBooking(t.db, { ...slot, userId: w.amara.id });
      const b = await createBooking(t.db, { ...slot, userId: w.beth.id });
      const c = await createBooking(t.db, { ...slot, userId: w.dana.id });
      expect(new Set([a.stationId, b.stationId, c.stationId]).size).toBe(3);
      expect(a.startAt.toISOString()).toBe('2026-03-09T13:30:00.000Z');

      const full = await refusal(createBooking(t.db, { ...slot, userId: w.hr.id }));
      expect(full.reason).toBe('conflict');
      expect(full.message).toMatch(/Every station in Wellness Room 3 is taken/);
      expect(full.message).toMatch(/Wellness Room 3 is free at (09:00|10:00)/);
      const suggestions = full.extra.suggestions as { kind: string; roomName: string }[];
      expect(suggestions.map((s) => s.kind)).toEqual(['time', 'room']);
      expect(suggestions[1]!.roomName).toBe('Quiet Room 12B');
      // Nothing was written by the refusal but the unmet demand (room and time, never who), and no name leaks into it.
      expect(await t.db.select().from(bookings)).toHaveLength(3);
      const misses = await t.db.select().from(demandMisses);
      expect(misses.map((m) => [m.kind, m.roomId, m.wantedAt.toISOString()])).toEqual([['full', w.wellness.id, slot.start.toISOString()]]);
      expect(Object.keys(misses[0]!).sort()).toEqual(['createdAt', 'id', 'kind', 'roomId', 'siteId', 'wantedAt']);
      expect(JSON.stringify(full)).not.toMatch(/Amara|Beth|Dana|amara|beth|dana/);
      expect(await overlappingPairs(t.db)).toBe(0);
    });

    it('names the rule a refused booking breaks', async () => {
      const base = { userId: w.amara.id, roomId: w.wellness.id, now };
      const cases: [Date, Date, RegExp][] = [
        [at(MON, '09:30'), at(MON, '10:45'), /At Hudson Yards a booking can be at most 60 minutes/],
        [at(MON, '09:30'), at(MON, '09:35'), /at least 10 minutes/],
        [at(MON, '09:40'), at(MON, '10:10'), /start on the 15-minute marks/],
        [at('2026-03-05', '09:30'), at('2026-03-05', '10:00'), /already passed/],
        [at('2026-05-04', '09:30'), at('2026-05-04', '10:00'), /up to 30 days ahead/],
        [at(MON, '19:45'), at(MON, '20:15'), /Wellness Room 3 is open 07:00–20:00 on Mondays/],
        [at('2026-03-07', '10:00'), at('2026-03-07', '10:30'), /closed on Saturdays/],
        [at(MON, '10:00'), at(MON, '09:30'), /must end after it starts/],
      ];
      for (const [start, end, message] of cases) {
        const r = await refusal(createBooking(t.db, { ...base, start, end }));
        expect(r.reason, String(message)).toBe('invalid');
        expect(r.message).toMatch(message);
      }
      const oos = await refusal(createBooking(t.db, { ...base, roomId: w.outOfService.id, start: at(MON, '09:30'), end: at(MON, '10:00') }));
      expect(oos.message).toBe('Room 21A is out of service: The door lock is being replaced.');
      expect(await t.db.select().from(bookings)).toHaveLength(0);
    });

    it('keeps out-of-service windows, per-day caps and one booking at a time per person', async () => {
      await t.db.insert(roomClosures).values({ roomId: w.quiet.id, startAt: at(MON, '12:00'), endAt: at(MON, '14:00'), reason: 'Deep clean' });
      const closed = await refusal(createBooking(t.db, { userId: w.amara.id, roomId: w.quiet.id, start: at(MON, '13:30'), end: at(MON, '14:00'), now }));
      expect(closed.message).toMatch(/Quiet Room 12B is out of service from .* to .*: Deep clean/);

      await createBooking(t.db, { userId: w.amara.id, roomId: w.wellness.id, start: at(MON, '09:00'), end: at(MON, '09:30'), now });
      const clash = await refusal(createBooking(t.db, { userId: w.amara.id, roomId: w.parents.id, start: at(MON, '09:15'), end: at(MON, '09:45'), now }));
      expect(clash.message).toMatch(/You already have a booking from Mon 9 Mar, 09:00 to 09:30/);

      await setPolicy(t.db, w.ny.id, { maxPerDay: 2 });
      await createBooking(t.db, { userId: w.amara.id, roomId: w.wellness.id, start: at(MON, '12:00'), end: at(MON, '12:30'), now });
      const cap = await refusal(createBooking(t.db, { userId: w.amara.id, roomId: w.wellness.id, start: at(MON, '15:00'), end: at(MON, '15:30'), now }));
      expect(cap.message).toBe('At Hudson Yards you can have at most 2 bookings a day.');
      // The next day is a new day.
      await createBooking(t.db, { userId: w.amara.id, roomId: w.wellness.id, start: at('2026-03-10', '15:00'), end: at('2026-03-10', '15:30'), now });
    });

    it('holds a station for the cleaning buffer after each booking', async () => {
      await setPolicy(t.db, w.ny.id, { bufferMin: 15 });
      const first = await createBooking(t.db, { userId: w.amara.id, roomId: w.quiet.id, start: at(MON, '09:00'), end: at(MON, '09:30'), now });
      expect(first.blockEnd.toISOString()).toBe(at(MON, '09:45').toISOString());
      const tooSoon = await refusal(createBooking(t.db, { userId: w.beth.id, roomId: w.quiet.id, start: at(MON, '09:30'), end: at(MON, '10:00'), now }));
      expect(tooSoon.reason).toBe('conflict');
      await createBooking(t.db, { userId: w.beth.id, roomId: w.quiet.id, start: at(MON, '09:45'), end: at(MON, '10:15'), now });
    });

    it('refuses overlapping bookings on one station in the database itself', async () => {
      const b = await createBooking(t.db, { userId: w.amara.id, roomId: w.quiet.id, start: at(MON, '09:00'), end: at(MON, '09:30'), now });
      await expect(
        t.db.insert(bookings).values({ roomId: w.quiet.id, stationId: b.stationId, userId: w.beth.id, startAt: at(MON, '09:15'), endAt: at(MON, '09:45'), blockEnd: at(MON, '09:45') }),
      ).rejects.toMatchObject({ cause: expect.objectContaining({ code: '23P01' }) });
      // Nor a hold longer than the policy ceilings allow (240 minutes plus a 60-minute buffer).
      await expect(
        t.db.insert(bookings).values({ roomId: w.quiet.id, stationId: b.stationId, userId: w.beth.id, startAt: at(MON, '12:00'), endAt: at(MON, '16:00'), blockEnd: at(MON, '17:01') }),
      ).rejects.toMatchObject({ cause: expect.objectContaining({ code: '23514' }) });
    });

    it('moves a booking, keeping its station when it can, and refuses a full time', async () => {
      const mine = await createBooking(t.db, { userId: w.amara.id, roomId: w.quiet.id, start: at(MON, '09:00'), end: at(MON, '09:30'), now });
      const moved = await moveBooking(t.db, { actor: { id: w.amara.id, role: 'employee' }, bookingId: mine.id, start: at(MON, '09:15'), end: at(MON, '09:45'), now });
      expect(moved).toMatchObject({ id: mine.id, stationId: mine.stationId, sequence: 1 });
      await createBooking(t.db, { userId: w.beth.id, roomId: w.quiet.id, start: at(MON, '11:00'), end: at(MON, '11:30'), now });
      const full = await refusal(moveBooking(t.db, { actor: { id: w.amara.id, role: 'employee' }, bookingId: mine.id, start: at(MON, '11:00'), end: at(MON, '11:30'), now }));
      expect(full.reason).toBe('conflict');
      expect((await listOwnBookings(t.db, w.amara.id))[0]!.start.toISOString()).toBe(at(MON, '09:15').toISOString());
    });

    it("hides someone else's booking from an employee; HR may cancel it and the owner is told", async () => {
      const amaras = await createBooking(t.db, { userId: w.amara.id, roomId: w.wellness.id, start: at(MON, '09:00'), end: at(MON, '09:30'), now });
      const asBeth = await refusal(cancelBooking(t.db, { actor: { id: w.beth.id, role: 'employee' }, bookingId: amaras.id }));
      expect(asBeth.reason).toBe('not_found');
      const asBethMove = await refusal(moveBooking(t.db, { actor: { id: w.beth.id, role: 'employee' }, bookingId: amaras.id, start: at(MON, '10:00'), end: at(MON, '10:30'), now }));
      expect(asBethMove.reason).toBe('not_found');

      const cancelled = await cancelBooking(t.db, { actor: { id: w.hr.id, role: 'hr' }, bookingId: amaras.id });
      expect(cancelled.status).toBe('cancelled');
      const notices = await t.db.select().from(notifications).where(eq(notifications.userId, w.amara.id));
      expect(notices.map((n) => n.message)).toEqual([expect.stringMatching(/Your booking in Wellness Room 3 on Mon 9 Mar, 09:00 was cancelled/)]);
      // A cancelled booking frees its station at once.
      await createBooking(t.db, { userId: w.beth.id, roomId: w.quiet.id, start: at(MON, '09:00'), end: at(MON, '09:30'), now });
    });

    it('books and shows 09:30 local across each 2026 DST change at both sites', async () => {
      await openEveryDay(t.db);
      const cases: [string, string, string, string][] = [
        ['2026-03-08', NY, w.wellness.id, '2026-03-08T13:30:00.000Z'],
        ['2026-11-01', NY, w.wellness.id, '2026-11-01T14:30:00.000Z'],
        ['2026-03-29', 'Europe/London', w.nursing.id, '2026-03-29T08:30:00.000Z'],
        ['2026-10-25', 'Europe/London', w.nursing.id, '2026-10-25T09:30:00.000Z'],
      ];
      for (const [date, tz, roomId, utc] of cases) {
        const start = at(date, '09:30', tz);
        const booking = await createBooking(t.db, { userId: w.chen.id, roomId, start, end: at(date, '10:00', tz), now: new Date(`${date}T00:00:00Z`) });
        expect(booking.startAt.toISOString()).toBe(utc);
        expect(localParts(booking.startAt, tz).time).toBe('09:30');
        expect(Math.round((booking.endAt.getTime() - booking.startAt.getTime()) / 60_000)).toBe(30);
      }
    });

    it('refuses a room at another site for nothing but its own rules', async () => {
      const london = await createBooking(t.db, { userId: w.chen.id, roomId: w.nursing.id, start: at(MON, '09:30', 'Europe/London'), end: at(MON, '10:00', 'Europe/London'), now });
      expect(london.startAt.toISOString()).toBe('2026-03-09T09:30:00.000Z');
      const late = await refusal(createBooking(t.db, { userId: w.chen.id, roomId: w.nursing.id, start: at(MON, '18:45', 'Europe/London'), end: at(MON, '19:15', 'Europe/London'), now }));
      expect(late.message).toBe('Nursing Room 2 is open 07:30–19:00 on Mondays.');
      await t.db.update(rooms).set({ status: 'out_of_service', outOfServiceReason: null }).where(eq(rooms.id, w.nursing.id));
      const oos = await refusal(createBooking(t.db, { userId: w.chen.id, roomId: w.nursing.id, start: at(MON, '11:00', 'Europe/London'), end: at(MON, '11:30', 'Europe/London'), now }));
      expect(oos.message).toBe('Nursing Room 2 is out of service.');
    });

    it('notes a "Book now" that finds no free station as unmet demand', async () => {
      await bookNow(t.db, { userId: w.amara.id, roomId: w.quiet.id, now });
      const r = await refusal(bookNow(t.db, { userId: w.beth.id, roomId: w.quiet.id, now }));
      expect(r.reason).toBe('conflict');
      const misses = await t.db.select().from(demandMisses);
      expect(misses.map((m) => [m.kind, m.roomId])).toEqual([['book_now', w.quiet.id]]);
      expect(r.message).toMatch(/^No station in Quiet Room 12B is free right now\./);
    });

    it('tells "Book now" whether the room is closed, out of service for a while, or full', async () => {
      const evening = at('2026-03-06', '21:00');
      const closed = await refusal(bookNow(t.db, { userId: w.beth.id, roomId: w.wellness.id, now: evening }));
      expect(closed.message).toMatch(/^Wellness Room 3 is outside its opening hours right now\./);
      await t.db.insert(roomClosures).values({ roomId: w.quiet.id, startAt: at('2026-03-06', '14:00'), endAt: at('2026-03-06', '16:00'), reason: 'Deep clean' });
      const closure = await refusal(bookNow(t.db, { userId: w.beth.id, roomId: w.quiet.id, now }));
      expect(closure.message).toMatch(/^Quiet Room 12B is out of service right now\./);
      expect(await t.db.select().from(bookings)).toHaveLength(0);
    });
  });
}
