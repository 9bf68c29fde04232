import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { listProblemQueue } from '@/db/queries/problems';
import { complianceReport } from '@/db/queries/reports';
import { auditLog, bookings, notifications, roomProblemReports, roomProblems, rooms } from '@/db/schema';
import { zonedInstant } from '@/lib/time';
import { describeDb } from '@/tests/db';
import { addPeople, openEveryDay, refusal, seedWorld, type World } from '@/tests/world';
import { createBooking } from './book';
import { closeRoomForProblem, fixProblem, handleProblem, reportProblem } from './problems';

const NY = 'America/New_York';
// Monday 9 March 2026, 09:00 in New York.
const T0 = new Date('2026-03-09T13:00:00Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describeDb('room problem reports', (handle, kind) => {
  const db = () => handle().db;
  let w: World;

  beforeAll(async () => {
    w = await seedWorld(db());
    await openEveryDay(db());
  });

  it('opens a problem, tells the admins without saying who reported it, and audits it with no actor', async () => {
    const first = await reportProblem(db(), w.amara, { roomId: w.wellness.id, kind: 'fridge', note: 'The fridge is warm and smells.' }, T0);
    expect(first.joined).toBe(false);
    const told = await db().select().from(notifications).where(and(eq(notifications.userId, w.admin.id), eq(notifications.kind, 'room_problem')));
    expect(told.map((n) => n.message)).toEqual(['Wellness Room 3: fridge not working reported.']);
    const [entry] = await db().select().from(auditLog).where(eq(auditLog.action, 'room_problem.reported'));
    expect(entry).toMatchObject({ actorId: null, targetId: w.wellness.id, detail: { kind: 'fridge', problemId: first.problemId } });
    // HR is not facilities: not told.
    expect(await db().select().from(notifications).where(and(eq(notifications.userId, w.hr.id), eq(notifications.kind, 'room_problem')))).toEqual([]);
  });

  it('a second report of the same kind joins the open problem, and nobody is told twice', async () => {
    const again = await reportProblem(db(), w.beth, { roomId: w.wellness.id, kind: 'fridge', note: null }, later(5));
    expect(again.joined).toBe(true);
    const queue = await listProblemQueue(db(), T0);
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({ roomName: 'Wellness Room 3', kind: 'fridge', status: 'open', reports: 2, notes: [expect.objectContaining({ note: 'The fridge is warm and smells.' })] });
    // The queue never says who reported.
    const text = JSON.stringify(queue);
    for (const p of [w.amara, w.beth]) {
      expect(text).not.toContain(p.id);
      expect(text).not.toContain(p.name);
      expect(text).not.toContain(p.email);
    }
    expect(await db().select().from(notifications).where(and(eq(notifications.userId, w.admin.id), eq(notifications.kind, 'room_problem')))).toHaveLength(1);
  });

  it('many people reporting the same thing at once make one problem with every report', async () => {
    const crowd = await addPeople(db(), w.ny.id, 8, 'reporter');
    await Promise.all(crowd.map((p, i) => reportProblem(db(), p, { roomId: w.parents.id, kind: 'supplies', note: `Out of wipes (${i})` }, later(10))));
    const open = await db().select().from(roomProblems).where(and(eq(roomProblems.roomId, w.parents.id), eq(roomProblems.kind, 'supplies')));
    expect(open).toHaveLength(1);
    expect(await db().select().from(roomProblemReports).where(eq(roomProblemReports.problemId, open[0]!.id))).toHaveLength(8);
  });

  it('facilities take it on, fix it, and everyone who reported it is told; a fixed problem cannot be fixed again', async () => {
    const [problem] = await db().select().from(roomProblems).where(and(eq(roomProblems.roomId, w.wellness.id), eq(roomProblems.kind, 'fridge')));
    await handleProblem(db(), { id: w.admin.id }, problem!.id, later(30));
    expect((await listProblemQueue(db(), T0)).find((p) => p.id === problem!.id)).toMatchObject({ status: 'in_progress', handlerName: w.admin.name });
    await fixProblem(db(), { id: w.admin.id }, problem!.id, later(150));
    for (const person of [w.amara, w.beth]) {
      const [notice] = await db().select().from(notifications).where(and(eq(notifications.userId, person.id), eq(notifications.kind, 'room_problem_fixed')));
      expect(notice).toMatchObject({ message: 'Fixed in Wellness Room 3: fridge not working. Thank you for telling us.', link: `/rooms/${w.wellness.id}` });
    }
    const again = await refusal(fixProblem(db(), { id: w.admin.id }, problem!.id, later(160)));
    expect(again).toMatchObject({ reason: 'conflict', message: 'That problem is already fixed.' });
    // A new report after the fix opens a new problem.
    expect((await reportProblem(db(), w.dana, { roomId: w.wellness.id, kind: 'fridge', note: null }, later(200))).joined).toBe(false);
  });

  it('the compliance page counts the open problems and the time to fix', async () => {
    const report = await complianceReport(db(), { from: '2026-03-01', to: '2026-03-31', siteId: w.ny.id }, later(300));
    expect(report.problems.open.map((p) => `${p.room}:${p.kind}`).sort()).toEqual(["Parents' Room 7:supplies", 'Wellness Room 3:fridge']);
    expect(report.problems.fixed).toBe(1);
    expect(report.problems.medianHoursToFix).toBe(2.5);
  });

  it('a lock or privacy problem takes the room out of service in one step, re-homing its bookings; other problems cannot', async () => {
    const start = zonedInstant('2026-03-10', '10:00', NY);
    const booked = await createBooking(db(), { userId: w.chen.id, roomId: w.parents.id, start, end: zonedInstant('2026-03-10', '10:30', NY), now: T0 });
    const lock = await reportProblem(db(), w.amara, { roomId: w.parents.id, kind: 'lock_privacy', note: 'The door does not lock.' }, later(10));
    const supplies = (await db().select().from(roomProblems).where(and(eq(roomProblems.roomId, w.parents.id), eq(roomProblems.kind, 'supplies'))))[0]!;
    expect((await refusal(closeRoomForProblem(db(), { id: w.admin.id }, supplies.id, later(20)))).reason).toBe('invalid');

    const affected = await closeRoomForProblem(db(), { id: w.admin.id }, lock.problemId, later(20));
    expect(affected.moved + affected.cancelled).toBe(1);
    const [room] = await db().select().from(rooms).where(eq(rooms.id, w.parents.id));
    expect(room).toMatchObject({ status: 'out_of_service', outOfServiceReason: 'The lock or privacy needs fixing. Facilities are on it.' });
    const [moved] = await db().select().from(bookings).where(eq(bookings.id, booked.id));
    expect(moved!.roomId === w.parents.id && moved!.status === 'booked').toBe(false);
    expect((await listProblemQueue(db(), T0)).find((p) => p.id === lock.problemId)).toMatchObject({ status: 'in_progress', roomStatus: 'out_of_service' });
    expect((await refusal(closeRoomForProblem(db(), { id: w.admin.id }, lock.problemId, later(25)))).message).toBe("Parents' Room 7 is already out of service.");
    void kind;
  });

  it('refuses a report for a room that does not exist', async () => {
    const missing = await refusal(reportProblem(db(), w.amara, { roomId: '00000000-0000-4000-8000-000000000000', kind: 'other', note: null }, T0));
    expect(missing).toMatchObject({ reason: 'not_found', message: 'That room does not exist.' });
  });
});
