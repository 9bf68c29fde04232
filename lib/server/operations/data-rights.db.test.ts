/**
 * Her data: the archive holds everything Nook has about her, and the erasure leaves no row
 * anywhere that names her (by id, email or name) while the reports' figures stay the same.
 * The fixture fills every table that can hold something about her; a table the schema gains
 * later that references a person, or names her, fails here until the export and the erasure
 * cover it.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Db } from '@/db/client';
import { changeRole } from '@/db/queries/people';
import { ensurePersonalFeed } from '@/db/queries/feeds';
import { findOwnArchive, listDataRequestQueue, PERSON_COLUMNS, PERSON_FREE_TABLES, REACHED_THROUGH } from '@/db/queries/personal-data';
import { countSignInAttempt, enforceRateLimit, storedRateLimitKeys } from '@/db/queries/rate-limits';
import { usageReport } from '@/db/queries/reports';
import { auditLog, bookings, dataRequests, planSkips, rateLimits, sites, users } from '@/db/schema';
import { zonedInstant } from '@/lib/time';
import { describeDb } from '@/tests/db';
import { openEveryDay, refusal, seedWorld, type World } from '@/tests/world';
import { createBooking } from './book';
import { cancelBooking } from './cancel';
import { checkIn, checkOut } from './check-in';
import { confirmErasure, declineErasure, eraseOnProviderDelete, requestArchive, requestErasure, runDataArchives, withdrawErasure } from './data-rights';
import { createPlan } from './plans';
import { reportProblem } from './problems';
import { addNote, createRequest, decideRequest } from './requests';

const NY = 'America/New_York';
const at = (date: string, time: string) => zonedInstant(date, time, NY);
// Friday 6 March 2026, 15:00 in New York: the history is made from here on.
const T0 = new Date('2026-03-06T20:00:00Z');
// Friday 20 March 2026, 12:00: she asks; HR answers.
const T1 = new Date('2026-03-20T16:00:00Z');
const FEED_KEY = Buffer.alloc(32, 7);

async function tables(db: Db): Promise<string[]> {
  const rows = rowsOf<{ table_name: string }>(await db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`));
  return rows.map((r) => r.table_name);
}

/** How many rows of each table mention any of `needles` anywhere in the row (its text form, case-insensitive). */
async function mentions(db: Db, needles: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of await tables(db)) {
    const conditions = sql.join(
      needles.map((n) => sql`position(${n.toLowerCase()} in lower(t::text)) > 0`),
      sql` or `,
    );
    const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from ${sql.identifier(table)} as t where ${conditions}`));
    if (row && row.n > 0) out[table] = row.n;
  }
  return out;
}

/** Every column of the database that is a foreign key to users, as "table.column". */
async function personForeignKeys(db: Db): Promise<string[]> {
  const rows = rowsOf<{ t: string; c: string }>(
    await db.execute(sql`
      select kcu.table_name as t, kcu.column_name as c
      from information_schema.table_constraints tc
      join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
      join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
      where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = 'public' and ccu.table_name = 'users' and ccu.column_name = 'id'`),
  );
  return rows.map((r) => `${r.t}.${r.c}`).sort();
}

/** Gives Amara something in every table that can hold something about her, through the operations she and HR use. */
async function fillEverything(db: Db, w: World) {
  await openEveryDay(db);
  // A booking she checks in and out of, one she cancels, and a plan of breaks running past the erasure.
  const visited = await createBooking(db, { userId: w.amara.id, roomId: w.wellness.id, start: at('2026-03-09', '10:00'), end: at('2026-03-09', '10:30'), now: T0 });
  await checkIn(db, { userId: w.amara.id, bookingId: visited.id, now: at('2026-03-09', '10:02') });
  await checkOut(db, { userId: w.amara.id, bookingId: visited.id, now: at('2026-03-09', '10:25') });
  const dropped = await createBooking(db, { userId: w.amara.id, roomId: w.quiet.id, start: at('2026-03-10', '14:00'), end: at('2026-03-10', '14:30'), now: T0 });
  await cancelBooking(db, { actor: { id: w.amara.id, role: 'employee' }, bookingId: dropped.id, now: T0 });
  const { plan } = await createPlan(db, {
    userId: w.amara.id,
    plan: { times: ['11:00', '15:00'], weekdays: [1, 2, 3, 4, 5], lengthMin: 20, preferredRoomId: w.parents.id, fallbackRoomIds: [w.wellness.id], startDate: '2026-03-11', endDate: '2026-03-27' },
    now: T0,
  });
  await db.insert(planSkips).values({ planId: plan.id, fromDate: '2026-03-13', toDate: '2026-03-13' });
  // A request HR sends back with an answer, and an internal note on it.
  const req = await createRequest(db, w.amara, { details: { type: 'break_pattern', breaks: 3, lengthMin: 30, windows: [{ start: '10:00', end: '11:00' }] }, fromDate: '2026-03-16', untilDate: null, note: 'Back from leave on the 16th.' }, { submit: true, now: T0 });
  await addNote(db, { id: w.hr.id }, req.id, 'Talked to her manager about the 10:00 window.');
  await decideRequest(db, { id: w.hr.id }, req.id, { action: 'request_changes', message: 'Could the third break be after 14:00?' }, { version: req.version, now: T0 });
  const approved = await createRequest(db, w.amara, { details: { type: 'remote_days', days: [5] }, fromDate: '2026-03-20', untilDate: '2026-06-30', note: null }, { submit: true, now: T0 });
  await decideRequest(db, { id: w.hr.id }, approved.id, { action: 'approve', message: 'Fridays from home are fine.', approvedDetails: null }, { version: approved.version, now: T0 });
  // Her calendar feed with her own title, a role change made and undone by an admin, her sign-in and booking counters.
  await ensurePersonalFeed(db, w.amara.id, FEED_KEY);
  await db.execute(sql`update calendar_feeds set title = 'Pump break' where user_id = ${w.amara.id}`);
  await changeRole(db, { id: w.admin.id }, w.amara.id, 'hr');
  await changeRole(db, { id: w.admin.id }, w.amara.id, 'employee');
  await countSignInAttempt(db, w.amara.email, '203.0.113.9');
  await enforceRateLimit(db, 'booking', w.amara.id);
  // An entry elsewhere in the audit log whose detail names her.
  await db.insert(auditLog).values({ actorId: w.admin.id, action: 'room.schedule_viewed', targetType: 'room', targetId: w.wellness.id, detail: { named: [w.amara.name] } });
  // A problem she reported in a room.
  await reportProblem(db, w.amara, { roomId: w.wellness.id, kind: 'fridge', note: 'The fridge is warm.' }, T0);
  // An erasure she asked for and took back.
  const changedMind = await requestErasure(db, w.amara, T0);
  await withdrawErasure(db, w.amara, changedMind.id);
  return { visited, plan, req, approved };
}

describeDb('her data: the archive and the erasure', (handle) => {
  const db = () => handle().db;
  let w: World;
  let filled: Awaited<ReturnType<typeof fillEverything>>;
  const needles = () => [w.amara.id, w.amara.email, w.amara.name];

  beforeAll(async () => {
    w = await seedWorld(db());
    filled = await fillEverything(db(), w);
  });

  it('knows every column that points at a person: a new one fails here until the export and the erasure cover it', async () => {
    const fkColumns = Object.keys(PERSON_COLUMNS).filter((c) => !['audit_log.target_id', 'mail_outbox.to', 'rate_limits.key'].includes(c));
    expect(await personForeignKeys(db())).toEqual(fkColumns.sort());
  });

  it('the fixture reaches every table that can hold something about her', async () => {
    const named = await mentions(db(), needles());
    for (const table of await tables(db())) {
      if (PERSON_FREE_TABLES.includes(table) || table in REACHED_THROUGH) continue;
      expect(named[table], `${table} holds nothing naming her: fill it in fillEverything, or list it in PERSON_FREE_TABLES or REACHED_THROUGH`).toBeGreaterThan(0);
    }
    for (const table of PERSON_FREE_TABLES) expect(named[table], `${table} is listed as holding no person, yet names her`).toBeUndefined();
  });

  it('makes her archive: a README, a JSON of every part, her bookings as iCalendar; only she can fetch it', async () => {
    const { id, ready } = await requestArchive(db(), w.amara, T1);
    expect(ready).toBe(true);
    expect(await findOwnArchive(db(), w.beth.id, id, T1)).toBeUndefined();
    const found = (await findOwnArchive(db(), w.amara.id, id, T1))!;
    const files = unzipSync(new Uint8Array(found.archive));
    expect(Object.keys(files).sort()).toEqual(['README.txt', 'bookings.ics', 'nook-data.json']);
    const text = strFromU8(files['nook-data.json']!);
    const data = JSON.parse(text);

    expect(data.profile).toMatchObject({ id: w.amara.id, name: 'Amara Okafor', email: 'amara@example.com', role: 'employee', site: w.ny.name });
    expect(data.roleHistory.map((e: { action: string; detail: { to: string } }) => `${e.action}:${e.detail.to}`)).toEqual(['person.role_changed:hr', 'person.role_changed:employee']);
    const visited = data.bookings.find((b: { id: string }) => b.id === filled.visited.id);
    expect(visited).toMatchObject({ room: 'Wellness Room 3', status: 'booked', start: '2026-03-09T14:00:00.000Z', checkedInAt: '2026-03-09T14:02:00.000Z', checkedOutAt: '2026-03-09T14:25:00.000Z' });
    expect(data.bookings.some((b: { status: string }) => b.status === 'cancelled')).toBe(true);
    expect(data.bookings.filter((b: { planId: string | null }) => b.planId === filled.plan.id).length).toBeGreaterThan(10);
    expect(data.plans).toEqual([expect.objectContaining({ id: filled.plan.id, times: ['11:00', '15:00'], preferredRoom: "Parents' Room 7", skippedDays: [{ fromDate: '2026-03-13', toDate: '2026-03-13' }] })]);
    expect(data.requests).toHaveLength(2);
    const [request] = data.requests;
    expect(data.requests[1]).toMatchObject({ id: filled.approved.id, status: 'approved', writtenAnswer: 'Fridays from home are fine.' });
    expect(request).toMatchObject({ id: filled.req.id, status: 'changes_requested', note: 'Back from leave on the 16th.' });
    expect(request.timeline.map((e: { kind: string; by: string }) => `${e.kind}:${e.by}`)).toEqual(['created:you', 'submitted:you', 'changes_requested:HR']);
    expect(request.timeline[2].message).toBe('Could the third break be after 14:00?');
    expect(request.hrNotes).toEqual([expect.objectContaining({ body: 'Talked to her manager about the 10:00 window.' })]);
    expect(data.notifications.map((n: { kind: string }) => n.kind)).toContain('request_changes_requested');
    expect(data.calendarFeed).toEqual([expect.objectContaining({ title: 'Pump break', revokedAt: null })]);
    expect(data.dataRequests).toEqual([expect.objectContaining({ kind: 'erasure', status: 'withdrawn' }), expect.objectContaining({ kind: 'access', status: 'pending' })]);
    expect(data.auditEntries.map((e: { action: string }) => e.action)).toContain('data.access_requested');
    expect(data.roomProblems).toEqual([expect.objectContaining({ room: 'Wellness Room 3', kind: 'fridge', note: 'The fridge is warm.', status: 'open' })]);
    expect(data.waitlist).toEqual([]);
    expect(data.policyNotices).toEqual([]);
    // Never the feed's secret, nor who else acted.
    const [feed] = rowsOf<{ nonce: string; token_hash: string }>(await db().execute(sql`select nonce, token_hash from calendar_feeds where user_id = ${w.amara.id}`));
    expect(text).not.toContain(feed!.nonce);
    expect(text).not.toContain(feed!.token_hash);
    expect(text).not.toContain(w.hr.name);
    expect(text).not.toContain(w.hr.id);

    const ics = strFromU8(files['bookings.ics']!);
    const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent');
    expect(events).toHaveLength(data.bookings.length);
    expect(events.map((e) => String(e.getFirstPropertyValue('summary')))).toContain('Pump break');
    expect(strFromU8(files['README.txt']!)).toContain('Prepared for Amara Okafor.');
  });

  it('lets the link expire after 7 days, and the job drops the archive', async () => {
    const [req] = await db().select().from(dataRequests).where(and(eq(dataRequests.userId, w.amara.id), eq(dataRequests.kind, 'access')));
    const eightDaysOn = new Date(T1.getTime() + 8 * 86_400_000);
    expect(await findOwnArchive(db(), w.amara.id, req!.id, eightDaysOn)).toBeUndefined();
    expect(await runDataArchives(db(), eightDaysOn)).toEqual({ made: 0, expired: 1 });
    const [after] = await db().select().from(dataRequests).where(eq(dataRequests.id, req!.id));
    expect(after).toMatchObject({ status: 'expired', archive: null });
  });

  it('takes an erasure request to HR, once, and she can withdraw it', async () => {
    const first = await requestErasure(db(), w.amara, T1);
    const again = await requestErasure(db(), w.amara, T1);
    expect(again.id).toBe(first.id);
    expect(first.dueAt.toISOString()).toBe('2026-04-21T04:00:00.000Z'); // the end of 20 April in New York
    const queue = await listDataRequestQueue(db(), T1);
    expect(queue.filter((r) => r.kind === 'erasure' && r.status === 'pending')).toEqual([expect.objectContaining({ id: first.id, name: 'Amara Okafor', openScheduleRequests: 1 })]);
    await withdrawErasure(db(), w.amara, first.id);
    expect((await refusal(withdrawErasure(db(), w.amara, first.id))).message).toBe('That erasure request is no longer open.');
  });

  it('refuses a decline without its request, and a confirmation by the person herself', async () => {
    const { id } = await requestErasure(db(), w.hr, T1);
    const own = await refusal(confirmErasure(db(), { id: w.hr.id }, id, T1));
    expect(own.reason).toBe('forbidden');
    expect(own.message).toBe('Someone else in HR or an admin must confirm your own erasure request.');
    await declineErasure(db(), { id: w.admin.id }, id, 'We must keep your records while the audit of 2025 is open.', T1);
    expect((await refusal(confirmErasure(db(), { id: w.admin.id }, id, T1))).message).toMatch(/already answered: declined/);
    const [hr] = await db().select().from(users).where(eq(users.id, w.hr.id));
    expect(hr).toBeDefined();
  });

  it('erases her in one go: no row anywhere names her, the reports count the same, her future bookings free their stations', async () => {
    const range = { from: '2026-03-01', to: '2026-03-19', siteId: w.ny.id };
    const before = await usageReport(db(), range, T1);
    const futureBefore = rowsOf<{ n: number }>(await db().execute(sql`select count(*)::int as n from bookings where user_id = ${w.amara.id} and status = 'booked' and end_at > ${T1.toISOString()}::timestamptz`))[0]!.n;
    expect(futureBefore).toBeGreaterThan(0);

    const herCounters = [...storedRateLimitKeys(['signin'], w.amara.email), ...storedRateLimitKeys(['booking'], w.amara.id)];
    expect(await db().select().from(rateLimits).where(inArray(rateLimits.key, herCounters))).toHaveLength(2);
    const requestCounts = async () =>
      rowsOf<{ status: string; n: number; people: number }>(
        await db().execute(sql`select status::text, count(*)::int as n, count(distinct coalesce(user_id, anon_key))::int as people from requests where site_id = ${w.ny.id} group by 1 order by 1`),
      );
    const requestsBefore = await requestCounts();
    const peopleBefore = rowsOf<{ n: number }>(await db().execute(sql`select count(distinct coalesce(user_id, anon_key))::int as n from requests`))[0]!.n;
    const { id } = await requestErasure(db(), w.amara, T1);
    const erased = await confirmErasure(db(), { id: w.hr.id, ip: '198.51.100.4' }, id, T1);
    expect(erased).toMatchObject({ bookingsCancelled: futureBefore, plans: 1, requestsDeleted: 0, requestsAnonymised: 2, calendarFeeds: 1 });
    // Her open request is withdrawn (nobody is left to answer it); every request still counts, as one person.
    const moved = (list: { status: string; n: number; people: number }[]) => Object.fromEntries(list.map((r) => [r.status, r.n]));
    const was = moved(requestsBefore);
    const { changes_requested: open, ...rest } = was;
    expect(open).toBe(1);
    expect(moved(await requestCounts())).toEqual({ ...rest, withdrawn: (was.withdrawn ?? 0) + 1 });
    const people = async () => rowsOf<{ n: number }>(await db().execute(sql`select count(distinct coalesce(user_id, anon_key))::int as n from requests`))[0]!.n;
    expect(await people()).toBe(peopleBefore);
    expect(erased.bookingsAnonymised).toBeGreaterThan(futureBefore);

    expect(await mentions(db(), needles())).toEqual({});
    expect(await db().select().from(rateLimits).where(inArray(rateLimits.key, herCounters))).toEqual([]);
    expect(await usageReport(db(), range, T1)).toEqual(before);
    const live = rowsOf<{ n: number }>(await db().execute(sql`select count(*)::int as n from bookings where user_id is null and status = 'booked' and end_at > ${T1.toISOString()}::timestamptz`))[0]!.n;
    expect(live).toBe(0);
    // Her bookings are still there for the reports, without her.
    const [kept] = await db().select().from(bookings).where(eq(bookings.id, filled.visited.id));
    expect(kept).toMatchObject({ userId: null, planId: null, roomId: w.wellness.id, checkedInAt: new Date('2026-03-09T14:02:00Z') });
    // What stays: that an erasure happened, when, and by whom.
    const [record] = await db().select().from(dataRequests).where(eq(dataRequests.id, id));
    expect(record).toMatchObject({ status: 'done', userId: null, decidedBy: w.hr.id, completedAt: T1 });
    const [entry] = await db().select().from(auditLog).where(eq(auditLog.action, 'data.erased'));
    expect(entry).toMatchObject({ actorId: w.hr.id, targetType: 'data_request', targetId: id, detail: expect.objectContaining({ source: 'request', plans: 1 }) });
    // Signing in again would start a new account.
    expect(await db().select().from(users).where(eq(users.email, 'amara@example.com'))).toEqual([]);
    expect((await refusal(confirmErasure(db(), { id: w.hr.id }, id, T1))).message).toMatch(/already answered/);
  });

  it('erases on a SCIM DELETE only where the site says so', async () => {
    expect(await eraseOnProviderDelete(db(), w.beth.id, T1, null)).toBe('keep');
    expect(await db().select({ id: users.id }).from(users).where(eq(users.id, w.beth.id))).toHaveLength(1);
    await db().update(sites).set({ eraseOnScimDelete: true }).where(eq(sites.id, w.beth.siteId!));
    expect(await eraseOnProviderDelete(db(), w.beth.id, T1, '192.0.2.1')).toBe('erased');
    expect(await mentions(db(), [w.beth.id, w.beth.email, w.beth.name])).toEqual({});
    const scim = rowsOf<{ n: number }>(await db().execute(sql`select count(*)::int as n from audit_log where action = 'data.erased' and detail->>'source' = 'scim'`))[0]!.n;
    expect(scim).toBe(1);
    expect(await eraseOnProviderDelete(db(), w.beth.id, T1, null)).toBe('not_found');
  });
});

describe('the list of what holds a person', () => {
  it('gives a reason for each column', () => {
    for (const [column, why] of Object.entries(PERSON_COLUMNS)) expect(why.length, column).toBeGreaterThan(10);
  });
});
