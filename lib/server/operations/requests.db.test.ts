import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { auditLog, mailOutbox, notifications, requestEvents, requests, users, type User } from '@/db/schema';
import type { RequestDetails } from '@/lib/requests';
import { describeDb } from '@/tests/db';
import { refusal, seedWorld, type World } from '@/tests/world';
import { addHoliday, findRequestFor, listEvents, listHolidays, listNotes, listQueue, removeHoliday, setReplyDeadlineDays } from '@/db/queries/requests';
import { addNote, createRequest, decideRequest, submitRequest, updateRequest, withdrawRequest } from './requests';

const pattern: RequestDetails = { type: 'break_pattern', breaks: 3, lengthMin: 30, windows: [{ start: '10:00', end: '11:00' }] };
const input = (details: RequestDetails = pattern) => ({ details, fromDate: '2026-03-02', untilDate: '2026-12-31', note: 'Back from leave in March.' });
// Monday 2 March 2026, 10:00 in New York.
const MONDAY = new Date('2026-03-02T15:00:00Z');

describeDb('schedule requests', (handle) => {
  const db = () => handle().db;
  let w: World;
  let hr2: User;

  beforeAll(async () => {
    w = await seedWorld(db());
    hr2 = (await db().insert(users).values({ email: 'hr2@example.com', name: 'Ines Duarte', role: 'hr', siteId: w.ny.id }).returning())[0]!;
  });

  it('goes draft → submitted with a deadline 5 business days later on the site clock, and tells HR', async () => {
    const draft = await createRequest(db(), w.amara, input(), { submit: false, now: MONDAY });
    expect(draft).toMatchObject({ status: 'draft', deadlineAt: null, siteId: w.ny.id, version: 0 });
    // Drafts are the employee's own: not in HR's queue.
    expect((await listQueue(db())).map((r) => r.request.id)).not.toContain(draft.id);

    const submitted = await submitRequest(db(), w.amara.id, draft.id, MONDAY);
    expect(submitted.status).toBe('submitted');
    // Monday 9 March ends at midnight New York time (EDT from 8 March).
    expect(submitted.deadlineAt?.toISOString()).toBe('2026-03-10T04:00:00.000Z');
    const toHr = await db().select().from(notifications).where(and(eq(notifications.userId, w.hr.id), eq(notifications.kind, 'request_submitted')));
    expect(toHr.at(-1)).toMatchObject({ link: `/hr/requests/${draft.id}` });
    const mail = await db().select().from(mailOutbox).where(eq(mailOutbox.to, 'hr@example.com'));
    expect(mail.at(-1)?.subject).toBe('A request is waiting for your answer');
    expect(mail.at(-1)?.text).not.toMatch(/break|pump|lactat|milk/i);
  });

  it("counts the site's holidays and its own deadline setting", async () => {
    await addHoliday(db(), { id: w.admin.id }, w.ny.id, { date: '2026-03-04', name: 'Company day' });
    await setReplyDeadlineDays(db(), { id: w.admin.id }, w.ny.id, 3);
    const r = await createRequest(db(), w.beth, input(), { submit: true, now: MONDAY });
    // Tue 3, (Wed 4 holiday), Thu 5, Fri 6 → due by the end of Friday 6 March.
    expect(r.deadlineAt?.toISOString()).toBe('2026-03-07T05:00:00.000Z');
    expect(await refusal(addHoliday(db(), { id: w.admin.id }, w.ny.id, { date: '2026-03-04', name: 'Again' }))).toMatchObject({ reason: 'conflict', message: '2026-03-04 is already a holiday at this site.' });
    expect(await refusal(setReplyDeadlineDays(db(), { id: w.admin.id }, w.ny.id, 0))).toMatchObject({ reason: 'invalid' });
    const audits = await db().select().from(auditLog).where(eq(auditLog.targetId, w.ny.id));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['holiday.added', 'policy.updated']));
    const [h] = (await db().select().from(auditLog).where(eq(auditLog.action, 'holiday.added'))).map((a) => a.detail);
    expect(h).toEqual({ date: '2026-03-04', name: 'Company day' });
    const holidays = await listHolidays(db(), w.ny.id);
    await removeHoliday(db(), { id: w.admin.id }, holidays[0]!.id);
    await setReplyDeadlineDays(db(), { id: w.admin.id }, w.ny.id, 5);
  });

  it('only the owner and HR/admins can see a request', async () => {
    const r = await createRequest(db(), w.amara, input(), { submit: true, now: MONDAY });
    expect(await findRequestFor(db(), { id: w.amara.id, role: 'employee' }, r.id)).toBeTruthy();
    expect(await findRequestFor(db(), { id: w.beth.id, role: 'employee' }, r.id)).toBeUndefined();
    expect(await findRequestFor(db(), { id: w.hr.id, role: 'hr' }, r.id)).toBeTruthy();
    expect(await findRequestFor(db(), { id: w.admin.id, role: 'admin' }, r.id)).toBeTruthy();
    // Someone else's request cannot be changed or withdrawn: it does not exist for them.
    expect(await refusal(withdrawRequest(db(), w.beth.id, r.id))).toMatchObject({ reason: 'not_found' });
    expect(await refusal(updateRequest(db(), w.beth.id, r.id, input(), { submit: false, now: MONDAY }))).toMatchObject({ reason: 'not_found' });
  });

  it('changes requested → the employee updates → HR approves with changes; each step on the timeline, audited and told', async () => {
    const r = await createRequest(db(), w.amara, input(), { submit: true, now: MONDAY });
    const back = await decideRequest(db(), { id: w.hr.id, ip: '198.51.100.1' }, r.id, { action: 'request_changes', message: 'Which windows work with your shifts?' }, { version: r.version, now: MONDAY });
    expect(back.status).toBe('changes_requested');
    // Nothing is decided yet, so HR cannot approve while it is with the employee.
    expect(await refusal(decideRequest(db(), { id: hr2.id }, r.id, { action: 'approve', message: null, approvedDetails: null }, { version: back.version, now: MONDAY }))).toMatchObject({
      reason: 'conflict',
      message: expect.stringContaining('Helen Reyes asked for changes to this request on'),
    });

    const later = new Date('2026-03-04T15:00:00Z');
    const updated = await updateRequest(db(), w.amara.id, r.id, input({ ...pattern, windows: [{ start: '09:30', end: '10:30' }] }), { submit: true, now: later });
    expect(updated.status).toBe('submitted');
    expect(updated.deadlineAt?.toISOString()).toBe('2026-03-12T04:00:00.000Z');

    const approved = { ...pattern, breaks: 2 } as RequestDetails;
    const done = await decideRequest(db(), { id: w.hr.id }, r.id, { action: 'approve', message: 'Two breaks to start; ask again any time.', approvedDetails: approved }, { version: updated.version, now: later });
    expect(done).toMatchObject({ status: 'approved', decidedBy: w.hr.id, approvedDetails: approved, decision: 'Two breaks to start; ask again any time.' });
    expect((await listEvents(db(), r.id)).map((e) => e.kind)).toEqual(['created', 'submitted', 'changes_requested', 'resubmitted', 'approved']);
    expect((await db().select().from(auditLog).where(eq(auditLog.targetId, r.id))).map((a) => [a.action, a.actorId])).toEqual([
      ['request.changes_requested', w.hr.id],
      ['request.approved', w.hr.id],
    ]);
    const toAmara = await db().select().from(notifications).where(eq(notifications.userId, w.amara.id));
    expect(toAmara.map((n) => n.kind)).toEqual(expect.arrayContaining(['request_changes_requested', 'request_decided']));
    const mail = await db().select().from(mailOutbox).where(eq(mailOutbox.to, 'amara@example.com'));
    expect(mail.map((m) => m.subject)).toEqual(expect.arrayContaining(['Your request needs a change', 'Your request has an answer']));

    // Final: nobody moves it again, and the employee can no longer withdraw or edit it.
    expect(await refusal(withdrawRequest(db(), w.amara.id, r.id))).toMatchObject({ reason: 'conflict', message: 'This request cannot be withdrawn: it has already been approved.' });
    expect(await refusal(updateRequest(db(), w.amara.id, r.id, input(), { submit: false, now: later }))).toMatchObject({ reason: 'conflict' });
  });

  it('a denial needs a written reason; without one nothing is written', async () => {
    const r = await createRequest(db(), w.amara, input({ type: 'remote_days', days: [5] }), { submit: true, now: MONDAY });
    expect(await refusal(decideRequest(db(), { id: w.hr.id }, r.id, { action: 'deny', message: '  ' }, { version: r.version, now: MONDAY }))).toMatchObject({ reason: 'invalid' });
    const [still] = await db().select().from(requests).where(eq(requests.id, r.id));
    expect(still).toMatchObject({ status: 'submitted', version: r.version });
    const denied = await decideRequest(db(), { id: w.hr.id }, r.id, { action: 'deny', message: 'The role needs on-site presence on Fridays.' }, { version: r.version, now: MONDAY });
    expect(denied).toMatchObject({ status: 'denied', decision: 'The role needs on-site presence on Fridays.' });
  });

  it('two HR people deciding at once: exactly one wins; the other is told who decided and when', async () => {
    for (let round = 0; round < 5; round++) {
      const r = await createRequest(db(), w.dana, input(), { submit: true, now: MONDAY });
      const results = await Promise.allSettled([
        decideRequest(db(), { id: w.hr.id }, r.id, { action: 'approve', message: null, approvedDetails: null }, { version: r.version, now: MONDAY }),
        decideRequest(db(), { id: hr2.id }, r.id, { action: 'deny', message: 'Not possible on this team.' }, { version: r.version, now: MONDAY }),
      ]);
      const won = results.filter((x) => x.status === 'fulfilled');
      const lost = results.filter((x): x is PromiseRejectedResult => x.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const winner = (won[0] as PromiseFulfilledResult<{ status: string }>).value.status === 'approved' ? 'Helen Reyes approved' : 'Ines Duarte denied';
      expect(lost[0]!.reason).toMatchObject({ reason: 'conflict', message: expect.stringMatching(new RegExp(`^Already decided: ${winner} this request on .+ \\(Hudson Yards time\\)\\.$`)) });
      const events = await db().select().from(requestEvents).where(eq(requestEvents.requestId, r.id));
      expect(events.filter((e) => e.kind === 'approved' || e.kind === 'denied')).toHaveLength(1);
    }
  });

  it('a stale version is refused even while the request is still open', async () => {
    const r = await createRequest(db(), w.amara, input(), { submit: true, now: MONDAY });
    expect(await refusal(decideRequest(db(), { id: w.hr.id }, r.id, { action: 'approve', message: null, approvedDetails: null }, { version: r.version + 7, now: MONDAY }))).toMatchObject({
      reason: 'conflict',
      message: expect.stringContaining('changed since you opened it'),
    });
  });

  it('internal notes are HR-only and audited', async () => {
    const r = await createRequest(db(), w.amara, input(), { submit: true, now: MONDAY });
    await addNote(db(), { id: w.hr.id }, r.id, 'Spoke to her manager; fine with mornings.');
    expect((await listNotes(db(), r.id)).map((n) => [n.body, n.authorName])).toEqual([['Spoke to her manager; fine with mornings.', 'Helen Reyes']]);
    expect(await refusal(addNote(db(), { id: w.hr.id }, r.id, '   '))).toMatchObject({ reason: 'invalid' });
    const [a] = await db().select().from(auditLog).where(and(eq(auditLog.targetId, r.id), eq(auditLog.action, 'request.note_added')));
    expect(a?.actorId).toBe(w.hr.id);
    // The timeline (what the employee sees) carries no note.
    expect((await listEvents(db(), r.id)).some((e) => e.message?.includes('manager'))).toBe(false);
  });

  it('withdrawing: only while open, and bad dates are refused before anything is written', async () => {
    const r = await createRequest(db(), w.amara, input(), { submit: false, now: MONDAY });
    await withdrawRequest(db(), w.amara.id, r.id);
    expect(await refusal(submitRequest(db(), w.amara.id, r.id, MONDAY))).toMatchObject({ reason: 'conflict', message: 'This request cannot be submitted: it has been withdrawn.' });
    const before = (await db().select().from(requests)).length;
    expect(await refusal(createRequest(db(), w.amara, { ...input(), untilDate: '2026-01-01' }, { submit: true, now: MONDAY }))).toMatchObject({ reason: 'invalid' });
    expect((await db().select().from(requests)).length).toBe(before);
  });

  it('the queue lists submitted requests soonest deadline first and filters by site and status', async () => {
    const early = await createRequest(db(), w.chen, input(), { submit: true, now: new Date('2026-02-02T10:00:00Z') });
    const queue = await listQueue(db(), { status: 'submitted' });
    expect(queue[0]!.request.id).toBe(early.id);
    const deadlines = queue.map((q) => q.request.deadlineAt!.getTime());
    expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
    expect((await listQueue(db(), { siteId: w.ldn.id })).every((q) => q.request.siteId === w.ldn.id)).toBe(true);
    expect((await listQueue(db(), { status: 'approved' })).every((q) => q.request.status === 'approved')).toBe(true);
  });
});
