import { and, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookings, jobs, notifications, plans, users } from '@/db/schema';
import { Refusal } from '@/lib/errors';
import { localParts, zonedInstant } from '@/lib/time';
import { dbKinds, freshDb, type TestDb } from '@/tests/db';
import { openEveryDay, overlappingPairs, refusal, seedWorld, setPolicy, type World } from '@/tests/world';
import { createBooking } from '@/lib/server/operations/book';
import { checkIn, checkOut } from '@/lib/server/operations/check-in';
import { planDetail, remindPlanEnds, type PlanInput } from '@/db/queries/plans';
import { cancelOccurrence, changePlanFrom, createPlan, endPlan, previewPlan, rollForwardPlans, skipDates } from '@/lib/server/operations/plans';
import { ensureJobs, runDueJobs, sendBookingReminders, type JobDef } from '@/lib/server/jobs';

const NY = 'America/New_York';
const at = (date: string, time: string, tz = NY) => zonedInstant(date, time, tz);
// Sunday 1 March 2026, 08:00 in New York: the week before the spring change.
const now = at('2026-03-01', '08:00');

const livePlanBookings = (t: TestDb, planId: string) =>
  t.db.select().from(bookings).where(and(eq(bookings.planId, planId), eq(bookings.status, 'booked'))).orderBy(bookings.startAt);

for (const kind of dbKinds()) {
  describe(`pump plans [${kind}]`, () => {
    let t: TestDb;
    let w: World;
    let base: PlanInput;
    beforeEach(async () => {
      t = await freshDb(kind, { max: 20 });
      w = await seedWorld(t.db);
      base = {
        times: ['09:30', '12:30', '15:30'],
        weekdays: [1, 2, 3, 4, 5],
        lengthMin: 30,
        preferredRoomId: w.quiet.id,
        fallbackRoomIds: [w.parents.id],
        startDate: '2026-03-02',
        endDate: '2026-03-13',
      };
    });
    afterEach(async () => {
      await t?.dispose();
    });

    it('previews without writing, then books every occurrence and says what happened to each', async () => {
      // Someone holds the one station of Quiet Room 12B at 12:30 on Tuesday: the fallback takes that one.
      await createBooking(t.db, { userId: w.beth.id, roomId: w.quiet.id, start: at('2026-03-03', '12:30'), end: at('2026-03-03', '13:00'), now });
      const preview = await previewPlan(t.db, { userId: w.amara.id, plan: base, now });
      expect(preview.planned).toHaveLength(30);
      expect(await t.db.select().from(plans)).toHaveLength(0);
      expect(await t.db.select().from(bookings)).toHaveLength(1);
      const tuesday = preview.planned.find((p) => p.date === '2026-03-03' && p.time === '12:30')!;
      expect(tuesday.outcome).toMatchObject({ kind: 'booked', choice: 'fallback', roomName: "Parents' Room 7" });

      const created = await createPlan(t.db, { userId: w.amara.id, plan: base, now });
      expect(created.planned.map((p) => p.outcome.kind)).toEqual(preview.planned.map((p) => p.outcome.kind));
      const rows = await livePlanBookings(t, created.plan.id);
      expect(rows).toHaveLength(30);
      expect(rows.filter((r) => r.roomId === w.parents.id)).toHaveLength(1);
      // Every booking stands for its occurrence and keeps its wall-clock time across the DST change on 8 March.
      expect(new Set(rows.map((r) => localParts(r.startAt, NY).time))).toEqual(new Set(['09:30', '12:30', '15:30']));
      expect(rows.every((r) => r.planSlot!.getTime() === r.startAt.getTime() && r.userId === w.amara.id)).toBe(true);
      expect(await overlappingPairs(t.db)).toBe(0);
    });

    it('refuses bad plans clearly and writes nothing', async () => {
      const cases: [Partial<PlanInput>, RegExp][] = [
        [{ startDate: '2026-02-20' }, /cannot start in the past/],
        [{ endDate: '2029-06-01' }, /at most 3 years/],
        [{ fallbackRoomIds: [w.nursing.id] }, /all be at one site/],
        [{ preferredRoomId: '00000000-0000-4000-8000-000000000000', fallbackRoomIds: [] }, /preferred room that exists/],
      ];
      for (const [change, message] of cases) {
        const r = await refusal(createPlan(t.db, { userId: w.amara.id, plan: { ...base, ...change }, now }));
        expect(r.message).toMatch(message);
      }
      expect(await t.db.select().from(plans)).toHaveLength(0);
      expect(await t.db.select().from(bookings)).toHaveLength(0);
    });

    it('books 90 days ahead, then the daily run books the rest as it comes within reach, once', async () => {
      const long = { ...base, times: ['09:30'], endDate: '2026-08-31' };
      const created = await createPlan(t.db, { userId: w.amara.id, plan: long, now });
      expect(created.through).toBe('2026-05-30');
      expect(created.later).toBeGreaterThan(60);
      const before = (await livePlanBookings(t, created.plan.id)).length;
      const weekLater = at('2026-03-08', '06:00');
      const run = await rollForwardPlans(t.db, weekLater);
      const after = (await livePlanBookings(t, created.plan.id)).length;
      expect(after - before).toBe(5); // 1–5 June (the week between 31 May and 6 June)
      expect(run.booked).toBe(5);
      await rollForwardPlans(t.db, weekLater);
      expect((await livePlanBookings(t, created.plan.id)).length).toBe(after);
    });

    it('skips a range, cancels one occurrence, and neither comes back on a later run', async () => {
      const created = await createPlan(t.db, { userId: w.amara.id, plan: base, now });
      const skipped = await skipDates(t.db, { userId: w.amara.id, planId: created.plan.id, range: { fromDate: '2026-03-04', toDate: '2026-03-05' }, now });
      expect(skipped.cancelled).toBe(6);
      const first = (await livePlanBookings(t, created.plan.id))[0]!;
      await cancelOccurrence(t.db, { userId: w.amara.id, planId: created.plan.id, bookingId: first.id });
      await rollForwardPlans(t.db, now);
      const live = await livePlanBookings(t, created.plan.id);
      expect(live).toHaveLength(30 - 6 - 1);
      expect(live.some((b) => ['2026-03-04', '2026-03-05'].includes(localParts(b.startAt, NY).date))).toBe(false);
      expect(live.some((b) => b.id === first.id)).toBe(false);
      // Someone else cannot cancel her occurrence.
      const second = live[0]!;
      expect((await refusal(cancelOccurrence(t.db, { userId: w.beth.id, planId: created.plan.id, bookingId: second.id }))).reason).toBe('not_found');
      const detail = await planDetail(t.db, w.amara.id, created.plan.id, now, 14);
      expect(detail.occurrences.filter((o) => o.state === 'skipped')).toHaveLength(6);
      expect(detail.occurrences.filter((o) => o.state === 'cancelled')).toHaveLength(1);
    });

    it('changes the plan from a date onwards: past breaks untouched, later ones re-planned', async () => {
      // (Without check-in, so this week's past breaks are not released as no-shows meanwhile.)
      await setPolicy(t.db, w.ny.id, { checkInRequired: false });
      const created = await createPlan(t.db, { userId: w.amara.id, plan: base, now });
      const wednesday = at('2026-03-04', '10:00');
      const changed = await changePlanFrom(t.db, {
        userId: w.amara.id,
        planId: created.plan.id,
        fromDate: '2026-03-09',
        plan: { ...base, times: ['10:00', '14:00'], lengthMin: 20 },
        now: wednesday,
      });
      expect(changed.planned.every((p) => p.outcome.kind === 'booked')).toBe(true);
      const live = await livePlanBookings(t, created.plan.id);
      const byWeek = (d: string) => live.filter((b) => localParts(b.startAt, NY).date >= d);
      expect(byWeek('2026-03-09').map((b) => localParts(b.startAt, NY).time)).toEqual(Array(5).fill(['10:00', '14:00']).flat());
      expect(live.filter((b) => localParts(b.startAt, NY).date < '2026-03-09')).toHaveLength(15);
      const r = await refusal(changePlanFrom(t.db, { userId: w.amara.id, planId: created.plan.id, fromDate: '2026-03-02', plan: base, now: wednesday }));
      expect(r.message).toMatch(/past breaks stay as they were/);
    });

    it('ends the plan: every later booking is cancelled, earlier ones stay', async () => {
      const created = await createPlan(t.db, { userId: w.amara.id, plan: base, now });
      const thursday = at('2026-03-05', '13:00');
      const ended = await endPlan(t.db, { userId: w.amara.id, planId: created.plan.id, now: thursday });
      expect(ended.cancelled).toBe(1 + 3 + 5 * 3); // Thursday 15:30, Friday, then the next week
      const [plan] = await t.db.select().from(plans).where(eq(plans.id, created.plan.id));
      expect(plan!.status).toBe('ended');
      expect(plan!.endDate).toBe('2026-03-05');
    });

    it('reminds her a week before the end, once', async () => {
      const created = await createPlan(t.db, { userId: w.amara.id, plan: base, now });
      expect(await remindPlanEnds(t.db, at('2026-03-02', '07:00'))).toBe(0);
      expect(await remindPlanEnds(t.db, at('2026-03-06', '07:00'))).toBe(1);
      expect(await remindPlanEnds(t.db, at('2026-03-07', '07:00'))).toBe(0);
      const [notice] = await t.db.select().from(notifications).where(eq(notifications.kind, 'plan_ending'));
      expect(notice!.link).toBe(`/plans/${created.plan.id}#extend`);
      expect(notice!.message).toMatch(/ends on Fri, 13 Mar 2026/);
    });

    it('keeps 09:30 local at London across its spring change', async () => {
      await openEveryDay(t.db);
      const ldn = { ...base, preferredRoomId: w.nursing.id, fallbackRoomIds: [], times: ['09:30'], weekdays: [0, 1, 2, 3, 4, 5, 6], startDate: '2026-03-27', endDate: '2026-03-31' };
      const created = await createPlan(t.db, { userId: w.chen.id, plan: ldn, now: at('2026-03-20', '08:00', 'Europe/London') });
      const rows = await livePlanBookings(t, created.plan.id);
      expect(rows.map((r) => localParts(r.startAt, 'Europe/London').time)).toEqual(Array(5).fill('09:30'));
      expect(rows.map((r) => r.startAt.toISOString().slice(11, 16))).toEqual(['09:30', '09:30', '08:30', '08:30', '08:30']);
    });

    it('never double-books when single bookings race a plan for the same slots, and reports each occurrence truthfully', async () => {
      const plan = { ...base, fallbackRoomIds: [] };
      const occurrences = (await previewPlan(t.db, { userId: w.amara.id, plan, now })).planned;
      const singles = occurrences.map((o) =>
        createBooking(t.db, { userId: w.beth.id, roomId: w.quiet.id, start: o.start, end: o.end, now }).then(
          (b) => b,
          (e) => (e instanceof Refusal ? null : Promise.reject(e)),
        ),
      );
      const [created, ...raced] = await Promise.all([createPlan(t.db, { userId: w.amara.id, plan, now }), ...singles]);
      expect(await overlappingPairs(t.db)).toBe(0);
      const live = await t.db.select().from(bookings).where(eq(bookings.status, 'booked'));
      for (const p of created.planned) {
        const holder = live.find((b) => b.startAt.getTime() === p.start.getTime());
        expect(holder, `${p.date} ${p.time}`).toBeDefined();
        if (p.outcome.kind === 'booked') expect(holder!.userId).toBe(w.amara.id);
        else expect(holder!.userId).toBe(w.beth.id);
      }
      expect(created.planned.filter((p) => p.outcome.kind === 'booked').length + raced.filter(Boolean).length).toBe(30);
    });

    it('checks in from 5 minutes before the start until the grace; a no-show is released to the next person who books', async () => {
      await setPolicy(t.db, w.ny.id, { checkInGraceMin: 10 });
      const slot = { roomId: w.quiet.id, start: at('2026-03-02', '09:30'), end: at('2026-03-02', '10:00'), now };
      const mine = await createBooking(t.db, { ...slot, userId: w.amara.id });
      expect((await refusal(checkIn(t.db, { userId: w.amara.id, bookingId: mine.id, now: at('2026-03-02', '09:20') }))).message).toMatch(/opens at Mon 2 Mar, 09:25/);
      expect((await refusal(checkIn(t.db, { userId: w.beth.id, bookingId: mine.id, now: at('2026-03-02', '09:26') }))).reason).toBe('not_found');
      expect((await checkIn(t.db, { userId: w.amara.id, bookingId: mine.id, now: at('2026-03-02', '09:26') })).checkedInAt).not.toBeNull();
      // Checked in, she is never released; checking out at 09:45 frees the rest.
      const out = await checkOut(t.db, { userId: w.amara.id, bookingId: mine.id, now: new Date(at('2026-03-02', '09:44').getTime() - 30_000) });
      expect(localParts(out.endAt, NY).time).toBe('09:44');
      await createBooking(t.db, { userId: w.beth.id, roomId: w.quiet.id, start: at('2026-03-02', '09:45'), end: at('2026-03-02', '10:15'), now: at('2026-03-02', '09:44') });

      const noShow = await createBooking(t.db, { userId: w.dana.id, roomId: w.quiet.id, start: at('2026-03-02', '11:00'), end: at('2026-03-02', '11:30'), now });
      const asked = { roomId: w.quiet.id, start: at('2026-03-02', '11:15'), end: at('2026-03-02', '11:30') };
      // At 11:09 she still has a minute: the room is full.
      expect((await refusal(createBooking(t.db, { ...asked, userId: w.chen.id, now: at('2026-03-02', '11:09') }))).reason).toBe('conflict');
      const taken = await createBooking(t.db, { ...asked, userId: w.chen.id, now: at('2026-03-02', '11:10') });
      expect(taken.stationId).toBe(noShow.stationId);
      const [released] = await t.db.select().from(bookings).where(eq(bookings.id, noShow.id));
      expect(released).toMatchObject({ status: 'cancelled', cancelReason: 'no_show' });
      expect(released!.sequence).toBe(1);
      const [notice] = await t.db.select().from(notifications).where(eq(notifications.userId, w.dana.id));
      expect(notice!.message).toMatch(/released because nobody checked in/);
      expect((await refusal(checkIn(t.db, { userId: w.dana.id, bookingId: noShow.id, now: at('2026-03-02', '11:11') }))).message).toMatch(/released/);
    });

    it('reminds 15 minutes before a booking, once, and only those who want reminders', async () => {
      await createBooking(t.db, { userId: w.amara.id, roomId: w.wellness.id, start: at('2026-03-02', '09:30'), end: at('2026-03-02', '10:00'), now });
      await createBooking(t.db, { userId: w.beth.id, roomId: w.wellness.id, start: at('2026-03-02', '09:30'), end: at('2026-03-02', '10:00'), now });
      await t.db.update(users).set({ remindersEnabled: false }).where(eq(users.id, w.beth.id));
      expect(await sendBookingReminders(t.db, at('2026-03-02', '09:10'), null)).toBe(0);
      expect(await sendBookingReminders(t.db, at('2026-03-02', '09:16'), null)).toBe(1);
      expect(await sendBookingReminders(t.db, at('2026-03-02', '09:20'), null)).toBe(0);
      const notices = await t.db.select().from(notifications).where(eq(notifications.kind, 'booking_reminder'));
      expect(notices.map((n) => [n.userId, n.message])).toEqual([[w.amara.id, 'Your break in Wellness Room 3 starts at 09:30.']]);
    });

    it('never releases anything at a site that does not require check-in', async () => {
      await setPolicy(t.db, w.ny.id, { checkInRequired: false });
      await createBooking(t.db, { userId: w.dana.id, roomId: w.quiet.id, start: at('2026-03-02', '11:00'), end: at('2026-03-02', '11:30'), now });
      const r = await refusal(createBooking(t.db, { userId: w.chen.id, roomId: w.quiet.id, start: at('2026-03-02', '11:15'), end: at('2026-03-02', '11:45'), now: at('2026-03-02', '11:14') }));
      expect(r.reason).toBe('conflict');
      const jobsRun = await runDueJobs(t.db, at('2026-03-02', '11:20'), [{ name: 'no-show-release', everyMs: 60_000, run: async () => null }]);
      expect(jobsRun).toEqual([]);
    });

    it('gives a released station to exactly one of many who book at once', async () => {
      await createBooking(t.db, { userId: w.dana.id, roomId: w.quiet.id, start: at('2026-03-02', '11:00'), end: at('2026-03-02', '11:30'), now });
      const later = at('2026-03-02', '11:15');
      const people = [w.amara, w.beth, w.chen, w.hr, w.admin];
      const results = await Promise.allSettled(people.map((p) => createBooking(t.db, { userId: p.id, roomId: w.quiet.id, start: later, end: at('2026-03-02', '11:45'), now: later })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof Refusal)).toBe(true);
      expect(await overlappingPairs(t.db)).toBe(0);
      expect(await t.db.select().from(bookings).where(eq(bookings.cancelReason, 'no_show'))).toHaveLength(1);
    });
  });

  describe(`scheduled jobs [${kind}]`, () => {
    let t: TestDb;
    beforeEach(async () => {
      t = await freshDb(kind, { max: 10 });
    });
    afterEach(async () => {
      await t?.dispose();
    });

    it('runs each due job once with two workers at it, and not again until it is due', async () => {
      const ran: string[] = [];
      const defs: JobDef[] = ['a', 'b', 'c'].map((name) => ({
        name,
        everyMs: 60_000,
        run: async (tx) => {
          ran.push(name);
          await tx.execute(sql`select pg_sleep(0.05)`);
        },
      }));
      await ensureJobs(t.db, defs);
      const at0 = new Date(Date.now() + 1_000);
      const [one, two] = await Promise.all([runDueJobs(t.db, at0, defs), runDueJobs(t.db, at0, defs)]);
      expect([...one, ...two].map((r) => r.name).sort()).toEqual(['a', 'b', 'c']);
      expect(ran.sort()).toEqual(['a', 'b', 'c']);
      expect(await runDueJobs(t.db, new Date(at0.getTime() + 30_000), defs)).toEqual([]);
      // Missed while the app was down: due again, it runs on the next pass.
      const runs = await runDueJobs(t.db, new Date(at0.getTime() + 3_600_000), defs);
      expect(runs.map((r) => r.name).sort()).toEqual(['a', 'b', 'c']);
      const rows = await t.db.select().from(jobs);
      expect(rows.map((r) => r.runs)).toEqual([2, 2, 2]);
    });

    it('rolls back a failed run and tries again later', async () => {
      let calls = 0;
      const defs: JobDef[] = [
        {
          name: 'flaky',
          everyMs: 60_000,
          run: async (tx) => {
            calls++;
            await tx.execute(sql`insert into jobs (name) values ('written-by-flaky')`);
            throw new Error('boom');
          },
        },
      ];
      await ensureJobs(t.db, defs);
      const first = await runDueJobs(t.db, new Date(Date.now() + 1_000), defs);
      expect(first).toEqual([{ name: 'flaky', ok: false, error: 'boom' }]);
      const rows = await t.db.select().from(jobs);
      expect(rows.map((r) => r.name)).toEqual(['flaky']);
      expect(rows[0]!.lastError).toBe('boom');
      expect(calls).toBe(1);
    });
  });
}
