import { and, asc, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, bookings, notifications, policies, rooms, stations, type Room } from '@/db/schema';
import { isAmenity } from '@/lib/amenities';
import { weekdayHours } from '@/lib/opening-hours';
import { DEFAULT_POLICY } from '@/lib/booking-rules';
import { zonedInstant } from '@/lib/time';
import { addPeople, overlappingPairs, seedWorld, refusal, type World } from '@/tests/world';
import { dbKinds, freshDb, type TestDb } from '@/tests/db';
import { createRoom, createSite, removeClosure, updatePolicy, type RoomInput } from '@/db/queries/admin';
import { addClosure, updateRoom, updateSite } from '@/lib/server/operations/admin-changes';
import { createBooking } from '@/lib/server/operations/book';

const NY = 'America/New_York';
// A Friday afternoon in New York; the bookings are on the Monday after.
const now = new Date('2026-03-06T20:00:00Z');
const MON = '2026-03-09';
const at = (time: string, date = MON) => zonedInstant(date, time, NY);

/** The room as the edit form would send it back, with some fields changed. */
function asInput(room: Room, stationCount: number, change: Partial<RoomInput> = {}): RoomInput {
  const { name, floor, directions, openingHours, status, outOfServiceReason } = room;
  return { name, floor, directions, amenities: room.amenities.filter(isAmenity), openingHours, stations: stationCount, status, outOfServiceReason, ...change };
}

const policy = { ...DEFAULT_POLICY, checkInGraceMin: 10, checkInRequired: true };

for (const kind of dbKinds()) {
  describe(`admin changes [${kind}]`, () => {
    let t: TestDb;
    let w: World;
    let actor: { id: string; ip: string };
    beforeEach(async () => {
      await t?.dispose();
      t = await freshDb(kind);
      w = await seedWorld(t.db);
      actor = { id: w.admin.id, ip: '203.0.113.9' };
    });

    const book = (userId: string, roomId: string, start = '09:30', end = '10:00') => createBooking(t.db, { userId, roomId, start: at(start), end: at(end), now });
    const noticesOf = (userId: string) => t.db.select().from(notifications).where(eq(notifications.userId, userId));
    const activeStations = async (roomId: string) =>
      (await t.db.select().from(stations).where(eq(stations.roomId, roomId)).orderBy(asc(stations.position))).map((s) => [s.label, s.active]);

    it('refuses a site whose time zone is not an IANA zone, creates one with the default policy, and audits it', async () => {
      const site = { name: 'Canary Wharf', address: '1 Churchill Place, London', openingHours: weekdayHours('08:00', '18:00') };
      const bad = await refusal(createSite(t.db, actor, { ...site, timeZone: 'London/Canary Wharf' }));
      expect(bad.reason).toBe('invalid');
      expect(bad.message).toMatch(/not an IANA time zone/);
      const badEdit = await refusal(updateSite(t.db, actor, w.ny.id, { ...w.ny, timeZone: 'EST5EDT+' }, { now, confirm: true }));
      expect(badEdit.reason).toBe('invalid');

      const created = await createSite(t.db, actor, { ...site, timeZone: 'Europe/London' });
      const [row] = await t.db.select().from(policies).where(eq(policies.siteId, created.id));
      expect(row).toMatchObject({ slotStepMin: 15, defaultLengthMin: 30, minLengthMin: 10, maxLengthMin: 60, horizonDays: 30, maxPerDay: 8 });
      const again = await refusal(createSite(t.db, actor, { ...site, timeZone: 'Europe/London' }));
      expect(again).toMatchObject({ reason: 'conflict', message: 'There is already a site called Canary Wharf.' });

      const renamed = await updateSite(t.db, actor, created.id, { ...site, name: 'Canary Wharf East', timeZone: 'Europe/London' }, { now, confirm: false });
      expect(renamed).toMatchObject({ done: true, affected: { moved: 0, cancelled: 0 } });
      const log = await t.db.select().from(auditLog).where(eq(auditLog.targetId, created.id)).orderBy(asc(auditLog.id));
      expect(log.map((l) => [l.action, l.actorId, l.ip])).toEqual([
        ['site.created', w.admin.id, '203.0.113.9'],
        ['site.updated', w.admin.id, '203.0.113.9'],
      ]);
      expect(log[1]!.detail).toEqual({ name: { from: 'Canary Wharf', to: 'Canary Wharf East' } });
    });

    it('names what is wrong with a policy and saves a valid one', async () => {
      const cases: [Partial<typeof policy>, string][] = [
        [{ defaultLengthMin: 90 }, 'Default length must be between the minimum and maximum length.'],
        [{ minLengthMin: 45, maxLengthMin: 30, defaultLengthMin: 30 }, 'Maximum length must be at least the minimum length.'],
        [{ slotStepMin: 3 }, 'Slot step must be a whole number from 5 to 60 minutes.'],
        [{ horizonDays: 0 }, 'Booking horizon must be a whole number from 1 to 365 days.'],
        [{ bufferMin: 7.5 }, 'Buffer after each booking must be a whole number from 0 to 60 minutes.'],
      ];
      for (const [change, message] of cases) {
        const r = await refusal(updatePolicy(t.db, actor, w.ny.id, { ...policy, ...change }));
        expect(r.reason).toBe('invalid');
        expect(r.message).toBe(message);
      }
      expect(await t.db.select().from(auditLog)).toHaveLength(0);

      const saved = await updatePolicy(t.db, actor, w.ny.id, { ...policy, maxLengthMin: 45, bufferMin: 5 });
      expect(saved).toMatchObject({ maxLengthMin: 45, bufferMin: 5 });
      const [entry] = await t.db.select().from(auditLog);
      expect(entry).toMatchObject({ action: 'policy.updated', targetId: w.ny.id, detail: { maxLengthMin: { from: 60, to: 45 }, bufferMin: { from: 0, to: 5 } } });
    });

    it('reducing Wellness Room 3 to one station keeps one booking and moves the others to free rooms, after a preview that writes nothing', async () => {
      const first = await book(w.amara.id, w.wellness.id);
      const second = await book(w.beth.id, w.wellness.id);
      const third = await book(w.dana.id, w.wellness.id);

      const preview = await updateRoom(t.db, actor, w.wellness.id, asInput(w.wellness, 1), { now, confirm: false });
      expect(preview).toEqual({ done: false, affected: { moved: 2, cancelled: 0 } });
      expect(await activeStations(w.wellness.id)).toEqual([
        ['Station 1', true],
        ['Station 2', true],
        ['Station 3', true],
      ]);
      expect((await t.db.select().from(bookings)).map((b) => b.roomId)).toEqual([w.wellness.id, w.wellness.id, w.wellness.id]);
      expect(await t.db.select().from(notifications)).toHaveLength(0);
      expect(await t.db.select().from(auditLog)).toHaveLength(0);

      const done = await updateRoom(t.db, actor, w.wellness.id, asInput(w.wellness, 1), { now, confirm: true });
      expect(done).toMatchObject({ done: true, affected: preview.affected });
      expect(await activeStations(w.wellness.id)).toEqual([
        ['Station 1', true],
        ['Station 2', false],
        ['Station 3', false],
      ]);
      const byId = new Map((await t.db.select().from(bookings)).map((b) => [b.id, b]));
      expect(byId.get(first.id)).toMatchObject({ roomId: w.wellness.id, stationId: first.stationId, status: 'booked', sequence: 0 });
      // Same floor first: Quiet Room 12B, then Parents' Room 7 on floor 7.
      expect(byId.get(second.id)).toMatchObject({ roomId: w.quiet.id, status: 'booked', sequence: 1, startAt: at('09:30'), endAt: at('10:00') });
      expect(byId.get(third.id)).toMatchObject({ roomId: w.parents.id, status: 'booked', sequence: 1 });

      expect(await noticesOf(w.amara.id)).toHaveLength(0);
      expect((await noticesOf(w.beth.id)).map((n) => [n.kind, n.message, n.link])).toEqual([
        ['booking_changed', 'Your booking in Wellness Room 3 on Mon 9 Mar, 09:30 was moved to Quiet Room 12B because Wellness Room 3 now has 1 station.', '/bookings'],
      ]);
      expect((await noticesOf(w.dana.id)).map((n) => n.message)).toEqual([
        "Your booking in Wellness Room 3 on Mon 9 Mar, 09:30 was moved to Parents' Room 7 because Wellness Room 3 now has 1 station.",
      ]);
      expect(await overlappingPairs(t.db)).toBe(0);
      const [entry] = await t.db.select().from(auditLog);
      expect(entry).toMatchObject({ action: 'room.updated', targetId: w.wellness.id, detail: { stations: { from: 3, to: 1 }, bookingsMoved: 2, bookingsCancelled: 0 } });
    });

    it('cancels what cannot move, telling each person once, and brings retired stations back', async () => {
      const [p1, p2, p3] = await addPeople(t.db, w.ny.id, 3);
      await book(p1!.id, w.quiet.id);
      await book(p2!.id, w.parents.id);
      await book(p3!.id, w.parents.id);
      await book(w.amara.id, w.wellness.id);
      const second = await book(w.beth.id, w.wellness.id);
      const third = await book(w.dana.id, w.wellness.id);
      // A later booking on a retired station moves to the station still in service.
      const later = await book(w.hr.id, w.wellness.id, '11:00', '11:30');
      await t.db.update(bookings).set({ stationId: third.stationId }).where(eq(bookings.id, later.id));

      const preview = await updateRoom(t.db, actor, w.wellness.id, asInput(w.wellness, 1), { now, confirm: false });
      expect(preview.affected).toEqual({ moved: 1, cancelled: 2 });
      await updateRoom(t.db, actor, w.wellness.id, asInput(w.wellness, 1), { now, confirm: true });

      for (const b of [second, third]) {
        const [row] = await t.db.select().from(bookings).where(eq(bookings.id, b.id));
        expect(row).toMatchObject({ status: 'cancelled', cancelReason: 'Wellness Room 3 now has 1 station', sequence: 1 });
        expect(row!.cancelledAt).toBeInstanceOf(Date);
      }
      expect((await noticesOf(w.beth.id)).map((n) => n.message)).toEqual([
        'Your booking in Wellness Room 3 on Mon 9 Mar, 09:30 was cancelled because Wellness Room 3 now has 1 station.',
      ]);
      expect(await noticesOf(w.dana.id)).toHaveLength(1);
      expect((await noticesOf(w.hr.id)).map((n) => n.message)).toEqual([
        'Your booking in Wellness Room 3 on Mon 9 Mar, 11:00 was moved to Station 1 in the same room because Wellness Room 3 now has 1 station.',
      ]);
      for (const p of [p1!, p2!, p3!, w.amara]) expect(await noticesOf(p.id)).toHaveLength(0);
      expect(await overlappingPairs(t.db)).toBe(0);

      const back = await updateRoom(t.db, actor, w.wellness.id, asInput(w.wellness, 4), { now, confirm: false });
      expect(back).toMatchObject({ done: true, affected: { moved: 0, cancelled: 0 } });
      expect(await activeStations(w.wellness.id)).toEqual([
        ['Station 1', true],
        ['Station 2', true],
        ['Station 3', true],
        ['Station 4', true],
      ]);
    });

    it('taking a room out of service moves its booking to a room that is free, and refuses it without a reason', async () => {
      const mine = await book(w.amara.id, w.quiet.id, '10:00', '10:30');
      const noReason = await refusal(updateRoom(t.db, actor, w.quiet.id, asInput(w.quiet, 1, { status: 'out_of_service', outOfServiceReason: ' ' }), { now, confirm: true }));
      expect(noReason.reason).toBe('invalid');

      const change = asInput(w.quiet, 1, { status: 'out_of_service', outOfServiceReason: 'The lock is broken.' });
      expect(await updateRoom(t.db, actor, w.quiet.id, change, { now, confirm: false })).toEqual({ done: false, affected: { moved: 1, cancelled: 0 } });
      expect((await t.db.select().from(rooms).where(eq(rooms.id, w.quiet.id)))[0]!.status).toBe('active');

      const done = await updateRoom(t.db, actor, w.quiet.id, change, { now, confirm: true });
      expect(done).toMatchObject({ done: true, value: { status: 'out_of_service', outOfServiceReason: 'The lock is broken.' } });
      const [row] = await t.db.select().from(bookings).where(eq(bookings.id, mine.id));
      expect(row).toMatchObject({ roomId: w.wellness.id, status: 'booked', sequence: 1 });
      expect((await noticesOf(w.amara.id)).map((n) => n.message)).toEqual([
        'Your booking in Quiet Room 12B on Mon 9 Mar, 10:00 was moved to Wellness Room 3 because Quiet Room 12B is out of service.',
      ]);
    });

    it('an out-of-service window moves the bookings across it and leaves the rest; removing it is audited', async () => {
      const across = await book(w.amara.id, w.parents.id, '13:00', '13:30');
      const before = await book(w.beth.id, w.parents.id, '11:30', '12:00');
      const window = { start: at('12:00'), end: at('14:00'), reason: 'Deep clean' };

      expect(await refusal(addClosure(t.db, actor, w.parents.id, { ...window, end: window.start }, { now, confirm: true }))).toMatchObject({ reason: 'invalid' });
      const preview = await addClosure(t.db, actor, w.parents.id, window, { now, confirm: false });
      expect(preview).toEqual({ done: false, affected: { moved: 1, cancelled: 0 } });
      const done = await addClosure(t.db, actor, w.parents.id, window, { now, confirm: true });
      if (!done.done) throw new Error('expected the window to be added');

      const rows = new Map((await t.db.select().from(bookings)).map((b) => [b.id, b]));
      expect(rows.get(across.id)).toMatchObject({ roomId: w.quiet.id, sequence: 1 });
      expect(rows.get(before.id)).toMatchObject({ roomId: w.parents.id, sequence: 0 });
      expect((await noticesOf(w.amara.id)).map((n) => n.message)).toEqual([
        "Your booking in Parents' Room 7 on Mon 9 Mar, 13:00 was moved to Quiet Room 12B because Parents' Room 7 is out of service from Mon 9 Mar, 12:00 to Mon 9 Mar, 14:00.",
      ]);
      expect(await noticesOf(w.beth.id)).toHaveLength(0);

      await removeClosure(t.db, actor, done.value.id);
      expect(await refusal(removeClosure(t.db, actor, done.value.id))).toMatchObject({ reason: 'not_found' });
      const log = await t.db.select().from(auditLog).orderBy(asc(auditLog.id));
      expect(log.map((l) => l.action)).toEqual(['closure.created', 'closure.deleted']);
      expect(log[0]!.detail).toMatchObject({ roomId: w.parents.id, reason: 'Deep clean', bookingsMoved: 1 });
    });

    it('closing the site on Mondays moves Monday bookings to a room with hours of its own, and cancels what it cannot take', async () => {
      // Quiet Room 12B keeps its own round-the-clock hours; the other rooms follow the site.
      const moves = await book(w.amara.id, w.wellness.id);
      const cancels = await book(w.beth.id, w.wellness.id);
      const hours = weekdayHours('07:00', '20:00');
      hours[1] = null;
      const change = { name: w.ny.name, address: w.ny.address, timeZone: w.ny.timeZone, openingHours: hours };
      expect(await updateSite(t.db, actor, w.ny.id, change, { now, confirm: false })).toEqual({ done: false, affected: { moved: 1, cancelled: 1 } });
      await updateSite(t.db, actor, w.ny.id, change, { now, confirm: true });
      const rows = new Map((await t.db.select().from(bookings)).map((b) => [b.id, b]));
      expect(rows.get(moves.id)).toMatchObject({ roomId: w.quiet.id, status: 'booked' });
      expect(rows.get(cancels.id)).toMatchObject({ status: 'cancelled', cancelReason: 'the opening hours of Wellness Room 3 changed' });
      expect(await overlappingPairs(t.db)).toBe(0);
    });

    it('creates a room with numbered stations and refuses a second room of the same name at the site', async () => {
      const input: RoomInput = {
        name: 'Pod 4',
        floor: '4',
        directions: 'By the lifts.',
        amenities: ['chair', 'power_outlet'],
        openingHours: null,
        stations: 2,
        status: 'active',
        outOfServiceReason: 'ignored while active',
      };
      const room = await createRoom(t.db, actor, w.ny.id, input);
      expect(room).toMatchObject({ siteId: w.ny.id, amenities: ['chair', 'power_outlet'], outOfServiceReason: null });
      expect(await activeStations(room.id)).toEqual([
        ['Station 1', true],
        ['Station 2', true],
      ]);
      expect(await refusal(createRoom(t.db, actor, w.ny.id, input))).toMatchObject({ reason: 'conflict', message: 'There is already a room called Pod 4 at this site.' });
      expect(await refusal(createRoom(t.db, actor, w.ny.id, { ...input, name: 'Pod 5', stations: 0 }))).toMatchObject({ reason: 'invalid' });
      const log = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'room.created'), eq(auditLog.targetId, room.id)));
      expect(log).toHaveLength(1);
    });
  });
}
