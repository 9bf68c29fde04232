/**
 * The authorization matrix: every server action and route handler in app/, called as
 * anonymous, an employee, HR and an admin (and on someone else's record where that applies),
 * with the answer each must get. The first test fails when an action or route exists in the
 * code but not in the matrix, so nothing new ships unchecked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db, DbHandle } from '@/db/client';
import { and, eq } from 'drizzle-orm';
import { createBooking } from '@/lib/server/operations/book';
import { createPlan } from '@/lib/server/operations/plans';
import { createPlaceFeed, ensurePersonalFeed, regeneratePersonalFeed } from '@/db/queries/feeds';
import { feedKey } from '@/lib/feed-token';
import { findPersonByEmail } from '@/db/queries/people';
import { createRequest } from '@/lib/server/operations/requests';
import { requestArchive, requestErasure } from '@/lib/server/operations/data-rights';
import { reportProblem } from '@/lib/server/operations/problems';
import { bookings, notifications, planSkips, roomClosures, rooms, siteHolidays, stations, users } from '@/db/schema';
import { addDays, addMinutes, zonedInstant } from '@/lib/time';
import type { User } from '@/db/schema';
import { seedDemo } from '@/db/seed';
import { freshDb, type TestDb } from './db';
import { roomOpenDayAhead, testNow, todayIn } from './clock';

class FakeRedirect extends Error {
  digest = 'NEXT_REDIRECT';
}

const state = vi.hoisted(() => {
  // SCIM on, so its routes answer as configured: the token and nothing else lets a caller in.
  process.env.SCIM_TOKEN = 'matrix-scim-token-0123456789-0123456789';
  return { user: null as User | null, handle: null as DbHandle | null };
});

vi.mock('@/lib/server/auth/session', () => ({
  getCurrentUser: async () => state.user,
  getSessionState: async () => (state.user ? { user: state.user } : { user: null, reason: 'signed-out' }),
}));
vi.mock('@/db/runtime', () => ({
  getDb: async () => state.handle!.db,
  database: async () => state.handle!,
}));
vi.mock('@/lib/server/auth/config', () => ({
  handlers: { GET: async () => new Response(null), POST: async () => new Response(null) },
  signIn: async () => {
    throw new FakeRedirect();
  },
  signOut: async () => {
    throw new FakeRedirect();
  },
}));
vi.mock('@/lib/server/auth/feed-key', async () => {
  const { feedKey, feedUrls } = await import('@/lib/feed-token');
  const key = feedKey('matrix-secret-0123456789-0123456789');
  return { serverFeedKey: () => key, originOf: () => 'http://localhost:3000', feedLinks: async (t: string) => feedUrls('http://localhost:3000', t) };
});
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': '198.51.100.7' }) }));
vi.mock('next/navigation', async (original) => ({
  ...(await original<typeof import('next/navigation')>()),
  redirect: () => {
    throw new FakeRedirect();
  },
}));

type Persona = 'anonymous' | 'employee' | 'hr' | 'admin';
const PERSONAS: Persona[] = ['anonymous', 'employee', 'hr', 'admin'];
const PERSONA_EMAIL: Record<Exclude<Persona, 'anonymous'>, string> = {
  employee: 'amara@example.com',
  hr: 'hr@example.com',
  admin: 'admin@example.com',
};

type Ids = {
  amara: User;
  beth: User;
  chen: User;
  admin: User;
  roomId: string;
  quietRoomId: string;
  siteId: string;
  day: string;
  amaraBookingId: string;
  amaraSecondBookingId: string;
  bethNoticeId: string;
  amaraPlanId: string;
  parentsRoomId: string;
  slot: (n: number) => { start: string; end: string };
};
type Call = (mod: Record<string, unknown>, name: string, ids: Ids) => Promise<unknown>;
/** 303 stands for "redirected" (sign-in and sign-out end in a redirect). */
type Entry = {
  expect: Record<Persona, number> & { otherRecord?: number };
  call?: Call;
  /** The call on a record that is not the caller's, made as `as` (default: the admin). */
  otherRecord?: Call;
  otherAs?: 'beth' | 'admin';
  reason?: string;
};

function form(fields: Record<string, string>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}
const action =
  (fields: (ids: Ids) => Record<string, string>): Call =>
  (mod, name, ids) =>
    (mod[name] as (s: unknown, f: FormData) => Promise<unknown>)(undefined, form(fields(ids)));
const route =
  (url: string, init?: RequestInit, params?: (ids: Ids) => Record<string, string>): Call =>
  (mod, name, ids) =>
    (mod[name] as (r: Request, c: unknown) => Promise<Response>)(new Request(`http://localhost:3000${url}`, init), {
      params: Promise.resolve(params?.(ids) ?? {}),
    });

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json', origin: 'http://localhost:3000', host: 'localhost:3000' },
  body: JSON.stringify(body),
});
const scimJson = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/scim+json' }, body: JSON.stringify(body) });
const range = (ids: Ids) => `from=${encodeURIComponent(ids.slot(0).start)}&to=${encodeURIComponent(ids.slot(40).end)}`;

/** Opening hours form fields, Monday to Friday. */
const weekdays = (open: string, close: string) => Object.fromEntries([1, 2, 3, 4, 5].flatMap((d) => [[`open${d}`, open], [`close${d}`, close]]));
const roomNamed = async (name: string) => (await db.db.select({ id: rooms.id }).from(rooms).where(eq(rooms.name, name)))[0]!.id;

const feedTestKey = feedKey('matrix-secret-0123456789-0123456789');
const postNoBody: RequestInit = { method: 'POST', headers: { origin: 'http://localhost:3000', host: 'localhost:3000' } };

const everyone = (code: number) => ({ anonymous: code, employee: code, hr: code, admin: code });
const adminOnly = { anonymous: 401, employee: 403, hr: 403, admin: 200 };
const signedIn = (code: number) => ({ anonymous: 401, employee: code, hr: code, admin: code });

/** A one-break plan in Parents' Room 7 over the matrix's week. */
const planFields = (ids: Ids, time: string) => ({
  times: time,
  weekdays: '1',
  lengthMin: '30',
  preferredRoomId: ids.parentsRoomId,
  startDate: ids.day,
  endDate: addDays(ids.day, 14),
});
const ownPlanOnly = { expect: { anonymous: 401, employee: 200, hr: 404, admin: 404, otherRecord: 404 }, otherAs: 'beth' as const };
const newSkip = async (ids: Ids) => {
  const [skip] = await db.db.insert(planSkips).values({ planId: ids.amaraPlanId, fromDate: addDays(ids.day, 3), toDate: addDays(ids.day, 3) }).returning();
  return skip!.id;
};
const livePlanBooking = async (ids: Ids) => {
  const [b] = await db.db.select({ id: bookings.id }).from(bookings).where(and(eq(bookings.planId, ids.amaraPlanId), eq(bookings.status, 'booked'))).limit(1);
  return b!.id;
};
/** A fresh submitted request of Amara's, so each persona acts on one still open. */
const amaraRequest = async (ids: Ids, submit = true) =>
  createRequest(db.db, ids.amara, { details: { type: 'remote_days', days: [3] }, fromDate: ids.day, untilDate: null, note: null }, { submit, now: testNow() });
const onFreshRequest =
  (fields: (r: { id: string; version: number }) => Record<string, string>): Call =>
  async (m, n, ids) => {
    const r = await amaraRequest(ids);
    return action(() => fields(r))(m, n, ids);
  };
let holidayDay = 0;
const hrOnly = { anonymous: 401, employee: 403, hr: 200, admin: 200 };
const requestFields = (ids: Ids) => ({ type: 'other', description: 'A chair with arm rests.', fromDate: ids.day, intent: 'submit' });
const bethNotice = async (ids: Ids) =>
  (await db.db.insert(notifications).values({ userId: ids.beth.id, kind: 'request_decided', message: 'Your schedule request was approved.' }).returning())[0]!.id;

let leavers = 0;
/** A pending erasure request of a new person at the matrix's site, so each persona answers one still open. */
const leaverErasure = async (ids: Ids) => {
  leavers += 1;
  const [person] = await db.db.insert(users).values({ email: `leaver-${leavers}@example.com`, name: `Leaver ${leavers}`, siteId: ids.siteId }).returning();
  return requestErasure(db.db, person!, testNow());
};
const onLeaverErasure =
  (fields: (requestId: string) => Record<string, string>): Call =>
  async (m, n, ids) => {
    const r = await leaverErasure(ids);
    return action(() => fields(r.id))(m, n, ids);
  };

let problemRooms = 0;
/** An open problem of `kind` in a room of its own, so each persona acts on one still open (and closing it strands nobody else). */
const freshProblem = async (ids: Ids, kind: 'cleaning' | 'lock_privacy') => {
  problemRooms += 1;
  const [room] = await db.db.insert(rooms).values({ siteId: ids.siteId, name: `Matrix Problem Room ${problemRooms}` }).returning();
  await db.db.insert(stations).values({ roomId: room!.id, position: 1, label: 'Station 1' });
  return reportProblem(db.db, ids.beth, { roomId: room!.id, kind, note: null }, testNow());
};
const onFreshProblem =
  (kind: 'cleaning' | 'lock_privacy'): Call =>
  async (m, n, ids) => {
    const { problemId } = await freshProblem(ids, kind);
    return action(() => ({ problemId }))(m, n, ids);
  };

export const MATRIX: Record<string, Entry> = {
  'app/_actions/problems.ts#reportProblemAction': { expect: signedIn(200), call: action((ids) => ({ roomId: ids.roomId, kind: 'cleaning', note: 'The bin is full.' })) },
  'app/(hr)/admin/problems/actions.ts#handleProblemAction': { expect: adminOnly, call: onFreshProblem('cleaning') },
  // Fixed or closed, the queue page says what happened (a redirect).
  'app/(hr)/admin/problems/actions.ts#fixProblemAction': { expect: { ...adminOnly, admin: 303 }, call: onFreshProblem('cleaning') },
  'app/(hr)/admin/problems/actions.ts#closeRoomForProblemAction': { expect: { ...adminOnly, admin: 303 }, call: onFreshProblem('lock_privacy') },
  'app/(employee)/settings/actions.ts#requestArchiveAction': { expect: signedIn(200), call: action(() => ({})) },
  'app/(employee)/settings/actions.ts#requestErasureAction': { expect: signedIn(200), call: action(() => ({ confirm: 'yes' })) },
  'app/(employee)/settings/actions.ts#withdrawErasureAction': {
    // Only her own: someone else's erasure request is not found.
    expect: { ...signedIn(200), otherRecord: 404 },
    call: async (m, n, ids) => {
      const r = state.user ? await requestErasure(db.db, state.user, testNow()) : { id: ids.amaraBookingId };
      return action(() => ({ requestId: r.id }))(m, n, ids);
    },
    otherRecord: async (m, n, ids) => {
      const r = await requestErasure(db.db, ids.amara, testNow());
      return action(() => ({ requestId: r.id }))(m, n, ids);
    },
    otherAs: 'beth',
  },
  'app/api/v1/me/data-export/[id]/route.ts#GET': {
    // Amara's archive: only she downloads it; to HR, admins and Beth it does not exist.
    expect: { anonymous: 401, employee: 200, hr: 404, admin: 404, otherRecord: 404 },
    call: async (m, n, ids) => {
      const { id } = await requestArchive(db.db, ids.amara, testNow());
      return route(`/api/v1/me/data-export/${id}`, undefined, () => ({ id }))(m, n, ids);
    },
    otherRecord: async (m, n, ids) => {
      const { id } = await requestArchive(db.db, ids.amara, testNow());
      return route(`/api/v1/me/data-export/${id}`, undefined, () => ({ id }))(m, n, ids);
    },
    otherAs: 'beth',
  },
  // Answered, the queue page says what happened (a redirect).
  'app/(hr)/hr/data-requests/actions.ts#confirmErasureAction': { expect: { ...hrOnly, hr: 303, admin: 303 }, call: onLeaverErasure((requestId) => ({ requestId })) },
  'app/(hr)/hr/data-requests/actions.ts#declineErasureAction': {
    expect: { ...hrOnly, hr: 303, admin: 303 },
    call: onLeaverErasure((requestId) => ({ requestId, reason: 'Her records are held for an open tribunal case.' })),
  },
  'app/(hr)/admin/sites/actions.ts#setScimDeleteAction': { expect: adminOnly, call: action((ids) => ({ siteId: ids.siteId })) },
  'app/(employee)/requests/actions.ts#saveRequestAction': {
    // A new request ends on its own page (redirect); someone else's request cannot be changed: 404.
    expect: { ...signedIn(303), otherRecord: 404 },
    call: action((ids) => requestFields(ids)),
    otherRecord: async (m, n, ids) => {
      const r = await amaraRequest(ids, false);
      return action(() => ({ ...requestFields(ids), type: 'remote_days', remote3: 'on', requestId: r.id, version: String(r.version) }))(m, n, ids);
    },
    otherAs: 'beth',
  },
  'app/(employee)/requests/actions.ts#withdrawRequestAction': {
    // Only the owner withdraws: HR and admins cannot withdraw on her behalf, and to them (and Beth) it is not hers.
    expect: { anonymous: 401, employee: 200, hr: 404, admin: 404, otherRecord: 404 },
    call: onFreshRequest((r) => ({ requestId: r.id })),
    otherRecord: onFreshRequest((r) => ({ requestId: r.id })),
    otherAs: 'beth',
  },
  'app/(hr)/hr/requests/actions.ts#approveRequestAction': { expect: hrOnly, call: onFreshRequest((r) => ({ requestId: r.id, version: String(r.version) })) },
  'app/(hr)/hr/requests/actions.ts#denyRequestAction': {
    expect: hrOnly,
    call: onFreshRequest((r) => ({ requestId: r.id, version: String(r.version), message: 'The team needs everyone on site on Wednesdays.' })),
  },
  'app/(hr)/hr/requests/actions.ts#requestChangesAction': {
    expect: hrOnly,
    call: onFreshRequest((r) => ({ requestId: r.id, version: String(r.version), message: 'Could Thursday work instead?' })),
  },
  'app/(hr)/hr/requests/actions.ts#addNoteAction': { expect: hrOnly, call: onFreshRequest((r) => ({ requestId: r.id, body: 'Manager agrees.' })) },
  'app/(employee)/notifications/actions.ts#markNotificationReadAction': {
    // Beth's notification: to everyone else it does not exist.
    expect: { anonymous: 401, employee: 404, hr: 404, admin: 404, otherRecord: 200 },
    call: async (m, n, ids) => {
      const id = await bethNotice(ids);
      return action(() => ({ id }))(m, n, ids);
    },
    otherRecord: async (m, n, ids) => {
      const id = await bethNotice(ids);
      return action(() => ({ id }))(m, n, ids);
    },
    otherAs: 'beth',
  },
  'app/api/v1/notifications/route.ts#GET': { expect: signedIn(200), call: route('/api/v1/notifications') },
  'app/(employee)/notifications/actions.ts#markAllNotificationsReadAction': { expect: signedIn(200), call: action(() => ({})) },
  'app/(hr)/admin/sites/actions.ts#setReplyDeadlineAction': {
    expect: adminOnly,
    call: action((ids) => ({ siteId: ids.siteId, replyDeadlineBusinessDays: '5' })),
  },
  'app/(hr)/admin/sites/actions.ts#addHolidayAction': {
    expect: adminOnly,
    call: action((ids) => ({ siteId: ids.siteId, date: '2027-07-05', name: 'Independence Day (observed)' })),
  },
  'app/(hr)/admin/sites/actions.ts#removeHolidayAction': {
    expect: adminOnly,
    call: async (m, n, ids) => {
      holidayDay += 1;
      const [h] = await db.db.insert(siteHolidays).values({ siteId: ids.siteId, date: `2027-08-${String(holidayDay).padStart(2, '0')}`, name: 'Matrix day' }).returning();
      return action(() => ({ holidayId: h!.id }))(m, n, ids);
    },
  },
  'app/signin/actions.ts#demoSignInAction': {
    expect: everyone(303),
    call: action(() => ({ email: 'beth@example.com' })),
  },
  'app/signin/actions.ts#oidcSignInAction': {
    // No identity provider is configured in tests: everyone gets the same clear refusal.
    expect: everyone(403),
    call: action(() => ({})),
  },
  'app/_actions/session.ts#signOutAction': { expect: everyone(303), call: action(() => ({})) },
  'app/(employee)/settings/actions.ts#signOutEverywhereAction': {
    expect: { anonymous: 401, employee: 303, hr: 303, admin: 303 },
    call: action(() => ({})),
  },
  'app/(hr)/admin/people/actions.ts#changeRoleAction': {
    expect: { ...adminOnly, otherRecord: 409 },
    call: action((ids) => ({ personId: ids.beth.id, role: 'hr' })),
    // An admin's own record is the one they may not change.
    otherRecord: action((ids) => ({ personId: ids.admin.id, role: 'employee' })),
  },
  'app/(hr)/admin/people/actions.ts#setActiveAction': {
    expect: { ...adminOnly, otherRecord: 409 },
    call: action((ids) => ({ personId: ids.chen.id, active: 'true' })),
    otherRecord: action((ids) => ({ personId: ids.admin.id, active: 'false' })),
  },
  'app/_actions/bookings.ts#bookAction': {
    // The room page books through this action, with the same answers as the JSON API.
    expect: signedIn(201),
    call: (m, n, ids) => action(() => ({ roomId: ids.roomId, ...ids.slot(24) }))(m, n, ids),
  },
  'app/_actions/bookings.ts#rescheduleBookingAction': {
    // The room page's calendar moves her own booking; HR and admins may move anyone's; someone else's is not found.
    expect: { ...signedIn(200), otherRecord: 404 },
    call: (m, n, ids) => action(() => ({ bookingId: ids.amaraBookingId, ...ids.slot(28) }))(m, n, ids),
    otherRecord: (m, n, ids) => action(() => ({ bookingId: ids.amaraBookingId, ...ids.slot(32) }))(m, n, ids),
    otherAs: 'beth',
  },
  'app/_actions/bookings.ts#bookNowAction': {
    // Quiet Room 12B is open round the clock and has one station: the first booker gets it.
    expect: { anonymous: 401, employee: 201, hr: 409, admin: 409 },
    call: (m, n, ids) => action(() => ({ roomId: ids.quietRoomId }))(m, n, ids),
  },
  'app/_actions/notices.ts#dismissNoticeAction': {
    // Nobody but Beth has this notice; to everyone else it does not exist.
    expect: { anonymous: 401, employee: 404, hr: 404, admin: 404, otherRecord: 200 },
    call: (m, n, ids) => action(() => ({ id: ids.bethNoticeId }))(m, n, ids),
    otherRecord: (m, n, ids) => action(() => ({ id: ids.bethNoticeId }))(m, n, ids),
    otherAs: 'beth',
  },
  'app/_actions/bookings.ts#moveBookingAction': {
    // Only the owner moves a booking from My bookings; HR and admins see it as not theirs.
    expect: { anonymous: 401, employee: 200, hr: 404, admin: 404, otherRecord: 404 },
    call: (m, n, ids) => action(() => ({ bookingId: ids.amaraSecondBookingId, date: ids.day, start: '13:00', length: '30' }))(m, n, ids),
    otherRecord: (m, n, ids) => action(() => ({ bookingId: ids.amaraSecondBookingId, date: ids.day, start: '13:30', length: '30' }))(m, n, ids),
    otherAs: 'beth',
  },
  'app/_actions/bookings.ts#cancelBookingAction': {
    // The owner cancels her own; HR and admins may cancel any (and the owner is told); another employee gets 404.
    expect: { anonymous: 401, employee: 200, hr: 200, admin: 200, otherRecord: 404 },
    call: (m, n, ids) => action(() => ({ bookingId: ids.amaraSecondBookingId }))(m, n, ids),
    otherRecord: (m, n, ids) => action(() => ({ bookingId: ids.amaraSecondBookingId }))(m, n, ids),
    otherAs: 'beth',
  },
  'app/(hr)/admin/audit/export/route.ts#GET': { expect: adminOnly, call: route('/admin/audit/export?action=person.role_changed') },
  // Reports are HR's: employees get 403 on every table's export.
  'app/(hr)/hr/reports/export/route.ts#GET': { expect: hrOnly, call: route('/hr/reports/export?table=key&from=2026-03-01&to=2026-03-31') },
  'app/api/health/route.ts#GET': { expect: everyone(200), call: route('/api/health') },
  // Paths Nook does not serve: the same JSON 404 for everyone, whatever the method.
  'app/api/[...rest]/route.ts#GET': { expect: everyone(404), call: route('/api/no-such-route') },
  'app/api/[...rest]/route.ts#POST': { expect: everyone(404), call: route('/api/v1/no-such-route', json('POST', {})) },
  'app/api/[...rest]/route.ts#PUT': { expect: everyone(404), call: route('/api/v1/bookings/x/y', json('PUT', {})) },
  'app/api/[...rest]/route.ts#PATCH': { expect: everyone(404), call: route('/api/nothing', json('PATCH', {})) },
  'app/api/[...rest]/route.ts#DELETE': { expect: everyone(404), call: route('/api/nothing', { method: 'DELETE' }) },
  'app/api/v1/sites/route.ts#GET': { expect: signedIn(200), call: route('/api/v1/sites') },
  'app/api/v1/rooms/route.ts#GET': { expect: signedIn(200), call: (m, n, ids) => route(`/api/v1/rooms?siteId=${ids.siteId}`)(m, n, ids) },
  'app/api/v1/rooms/[id]/availability/route.ts#GET': {
    expect: signedIn(200),
    call: (m, n, ids) => route(`/api/v1/rooms/${ids.roomId}/availability?${range(ids)}`, undefined, () => ({ id: ids.roomId }))(m, n, ids),
  },
  'app/api/v1/bookings/route.ts#GET': { expect: signedIn(200), call: (m, n, ids) => route(`/api/v1/bookings?${range(ids)}`)(m, n, ids) },
  'app/api/v1/bookings/route.ts#POST': {
    expect: signedIn(201),
    call: (m, n, ids) => route('/api/v1/bookings', json('POST', { roomId: ids.roomId, ...ids.slot(4) }))(m, n, ids),
  },
  'app/api/v1/bookings/[id]/route.ts#PATCH': {
    // Employees move their own; HR and admins may move anyone's; someone else's is not found.
    expect: { ...signedIn(200), otherRecord: 404 },
    call: (m, n, ids) => route(`/api/v1/bookings/${ids.amaraBookingId}`, json('PATCH', ids.slot(8)), () => ({ id: ids.amaraBookingId }))(m, n, ids),
    otherRecord: (m, n, ids) => route(`/api/v1/bookings/${ids.amaraBookingId}`, json('PATCH', ids.slot(12)), () => ({ id: ids.amaraBookingId }))(m, n, ids),
    otherAs: 'beth',
  },
  'app/api/v1/bookings/[id]/route.ts#DELETE': {
    expect: { ...signedIn(204), otherRecord: 404 },
    call: (m, n, ids) => route(`/api/v1/bookings/${ids.amaraBookingId}`, { method: 'DELETE' }, () => ({ id: ids.amaraBookingId }))(m, n, ids),
    otherRecord: (m, n, ids) => route(`/api/v1/bookings/${ids.amaraBookingId}`, { method: 'DELETE' }, () => ({ id: ids.amaraBookingId }))(m, n, ids),
    otherAs: 'beth',
  },
  'app/(hr)/admin/sites/actions.ts#createSiteAction': {
    expect: { ...adminOnly, admin: 303 },
    call: action(() => ({ name: 'Matrix Site', timeZone: 'Europe/Paris', ...weekdays('08:00', '18:00') })),
  },
  'app/(hr)/admin/sites/actions.ts#updateSiteAction': {
    expect: adminOnly,
    call: action((ids) => ({ siteId: ids.siteId, name: 'Hudson Yards', timeZone: 'America/New_York', ...weekdays('07:00', '20:00'), confirm: '1' })),
  },
  'app/(hr)/admin/sites/actions.ts#updatePolicyAction': {
    expect: adminOnly,
    call: action((ids) => ({
      siteId: ids.siteId,
      ...{ slotStepMin: '15', defaultLengthMin: '30', minLengthMin: '10', maxLengthMin: '60', horizonDays: '30', maxPerDay: '8', bufferMin: '0', checkInGraceMin: '10' },
      checkInRequired: 'on',
    })),
  },
  'app/(hr)/admin/rooms/actions.ts#createRoomAction': {
    expect: { ...adminOnly, admin: 303 },
    call: action((ids) => ({ siteId: ids.siteId, name: 'Matrix Room', stations: '2', status: 'active' })),
  },
  'app/(hr)/admin/rooms/actions.ts#updateRoomAction': {
    expect: adminOnly,
    call: async (m, n, ids) => {
      const roomId = await roomNamed('Room 21A');
      return action(() => ({ roomId, name: 'Room 21A', stations: '1', status: 'out_of_service', outOfServiceReason: 'Lock replaced soon.', confirm: '1' }))(m, n, ids);
    },
  },
  'app/(hr)/admin/rooms/actions.ts#addClosureAction': {
    expect: adminOnly,
    call: async (m, n, ids) => {
      const date = addDays(todayIn('America/New_York'), 7);
      const roomId = await roomNamed('Room 21A');
      return action(() => ({ roomId, startDate: date, startTime: '09:00', endDate: date, endTime: '10:00', reason: 'Deep clean', confirm: '1' }))(m, n, ids);
    },
  },
  'app/(hr)/admin/rooms/actions.ts#removeClosureAction': {
    expect: adminOnly,
    call: async (m, n, ids) => {
      const roomId = await roomNamed('Room 21A');
      const [closure] = await db.db
        .insert(roomClosures)
        .values({ roomId, startAt: addMinutes(testNow(), 24 * 60), endAt: addMinutes(testNow(), 25 * 60), reason: 'Deep clean' })
        .returning();
      return action(() => ({ closureId: closure!.id }))(m, n, ids);
    },
  },
  'app/(employee)/settings/actions.ts#setRemindersAction': { expect: signedIn(200), call: action(() => ({ reminders: 'off' })) },
  'app/_actions/bookings.ts#checkInAction': {
    // Her booking is days away: check-in has not opened (409). Nobody else can check in to it.
    expect: { anonymous: 401, employee: 409, hr: 404, admin: 404, otherRecord: 404 },
    call: (m, n, ids) => action(() => ({ bookingId: ids.amaraBookingId }))(m, n, ids),
    otherRecord: (m, n, ids) => action(() => ({ bookingId: ids.amaraBookingId }))(m, n, ids),
    otherAs: 'beth',
  },
  'app/_actions/bookings.ts#checkOutAction': {
    expect: { anonymous: 401, employee: 409, hr: 404, admin: 404, otherRecord: 404 },
    call: (m, n, ids) => action(() => ({ bookingId: ids.amaraBookingId }))(m, n, ids),
    otherRecord: (m, n, ids) => action(() => ({ bookingId: ids.amaraBookingId }))(m, n, ids),
    otherAs: 'beth',
  },
  'app/(employee)/plans/actions.ts#previewPlanAction': { expect: signedIn(200), call: action((ids) => planFields(ids, '10:00')) },
  'app/(employee)/plans/actions.ts#createPlanAction': { expect: { ...signedIn(201) }, call: action((ids) => planFields(ids, '10:30')) },
  // Plans are their owner's alone: HR and admins get 404 on Amara's, like another employee.
  'app/(employee)/plans/actions.ts#skipDatesAction': {
    ...ownPlanOnly,
    call: action((ids) => ({ planId: ids.amaraPlanId, fromDate: addDays(ids.day, 1), toDate: addDays(ids.day, 1) })),
    otherRecord: action((ids) => ({ planId: ids.amaraPlanId, fromDate: addDays(ids.day, 2), toDate: addDays(ids.day, 2) })),
  },
  'app/(employee)/plans/actions.ts#removeSkipAction': {
    ...ownPlanOnly,
    call: async (m, n, ids) => {
      const skipId = await newSkip(ids);
      return action(() => ({ planId: ids.amaraPlanId, skipId }))(m, n, ids);
    },
    otherRecord: async (m, n, ids) => {
      const skipId = await newSkip(ids);
      return action(() => ({ planId: ids.amaraPlanId, skipId }))(m, n, ids);
    },
  },
  'app/(employee)/plans/actions.ts#cancelOccurrenceAction': {
    ...ownPlanOnly,
    call: async (m, n, ids) => {
      const bookingId = await livePlanBooking(ids);
      return action(() => ({ planId: ids.amaraPlanId, bookingId }))(m, n, ids);
    },
    otherRecord: async (m, n, ids) => {
      const bookingId = await livePlanBooking(ids);
      return action(() => ({ planId: ids.amaraPlanId, bookingId }))(m, n, ids);
    },
  },
  'app/(employee)/plans/actions.ts#changePlanAction': {
    ...ownPlanOnly,
    call: action((ids) => ({ ...planFields(ids, '18:00'), planId: ids.amaraPlanId, fromDate: addDays(ids.day, 7) })),
    otherRecord: action((ids) => ({ ...planFields(ids, '18:15'), planId: ids.amaraPlanId, fromDate: addDays(ids.day, 7) })),
  },
  'app/(employee)/plans/actions.ts#extendPlanAction': {
    ...ownPlanOnly,
    call: action((ids) => ({ planId: ids.amaraPlanId, endDate: addDays(ids.day, 60) })),
    otherRecord: action((ids) => ({ planId: ids.amaraPlanId, endDate: addDays(ids.day, 90) })),
  },
  'app/(employee)/plans/actions.ts#endPlanAction': {
    ...ownPlanOnly,
    call: action((ids) => ({ planId: ids.amaraPlanId })),
    otherRecord: action((ids) => ({ planId: ids.amaraPlanId })),
  },
  'app/(employee)/settings/actions.ts#regenerateFeedAction': { expect: signedIn(200), call: action(() => ({})) },
  'app/(employee)/settings/actions.ts#saveFeedTitleAction': {
    expect: signedIn(200),
    call: action(() => ({ titleChoice: 'custom', title: 'Focus time' })),
  },
  'app/(hr)/admin/feeds/actions.ts#createPlaceFeedAction': { expect: adminOnly, call: action((ids) => ({ roomId: ids.roomId })) },
  'app/(hr)/admin/feeds/actions.ts#revokePlaceFeedAction': {
    // Only room and site feeds are revoked here: a person's own feed is not found to an admin.
    expect: { ...adminOnly, otherRecord: 404 },
    call: async (m, n, ids) => {
      const { feed } = await createPlaceFeed(db.db as Db, { id: ids.admin.id }, { siteId: ids.siteId }, feedTestKey);
      return action(() => ({ feedId: feed.id }))(m, n, ids);
    },
    otherRecord: async (m, n, ids) => {
      const { feed } = await ensurePersonalFeed(db.db as Db, ids.amara.id, feedTestKey);
      return action(() => ({ feedId: feed.id }))(m, n, ids);
    },
  },
  'app/api/feeds/[file]/route.ts#GET': {
    // The secret link is the credential: it answers anyone holding it, session or not; a revoked link answers 404 to all.
    expect: { ...everyone(200), otherRecord: 404 },
    call: async (m, n, ids) => {
      const { token } = await ensurePersonalFeed(db.db as Db, ids.beth.id, feedTestKey);
      return route(`/api/feeds/${token}.ics`, undefined, () => ({ file: `${token}.ics` }))(m, n, ids);
    },
    otherRecord: async (m, n, ids) => {
      const { token } = await ensurePersonalFeed(db.db as Db, ids.chen.id, feedTestKey);
      await regeneratePersonalFeed(db.db as Db, ids.chen.id, feedTestKey);
      return route(`/api/feeds/${token}.ics`, undefined, () => ({ file: `${token}.ics` }))(m, n, ids);
    },
  },
  'app/api/v1/me/calendar-feed/route.ts#GET': { expect: signedIn(200), call: route('/api/v1/me/calendar-feed') },
  'app/api/v1/me/calendar-feed/regenerate/route.ts#POST': { expect: signedIn(200), call: route('/api/v1/me/calendar-feed/regenerate', postNoBody) },
  'app/api/v1/bookings/[id]/ics/route.ts#GET': {
    // Only the owner downloads her booking; to anyone else, HR and admins included, it does not exist.
    expect: { anonymous: 401, employee: 200, hr: 404, admin: 404, otherRecord: 404 },
    call: (m, n, ids) => route(`/api/v1/bookings/${ids.amaraSecondBookingId}/ics`, undefined, () => ({ id: ids.amaraSecondBookingId }))(m, n, ids),
    otherRecord: (m, n, ids) => route(`/api/v1/bookings/${ids.amaraSecondBookingId}/ics`, undefined, () => ({ id: ids.amaraSecondBookingId }))(m, n, ids),
    otherAs: 'beth',
  },
  'app/(hr)/admin/retention/actions.ts#updateRetentionAction': {
    expect: adminOnly,
    call: action(() => ({ bookingRetentionDays: '365', requestRetentionDays: '730' })),
  },
  // SCIM answers only the provider's bearer token (tests/scim.db.test.ts): a session, whatever its role, is 401.
  'app/scim/v2/Users/route.ts#GET': { expect: everyone(401), call: route('/scim/v2/Users') },
  'app/scim/v2/Users/route.ts#POST': { expect: everyone(401), call: route('/scim/v2/Users', scimJson('POST', { userName: 'new.person@example.com' })) },
  'app/scim/v2/Users/[id]/route.ts#GET': { expect: everyone(401), call: (m, n, ids) => route(`/scim/v2/Users/${ids.beth.id}`, undefined, () => ({ id: ids.beth.id }))(m, n, ids) },
  'app/scim/v2/Users/[id]/route.ts#PUT': {
    expect: everyone(401),
    call: (m, n, ids) => route(`/scim/v2/Users/${ids.beth.id}`, scimJson('PUT', { userName: 'beth@example.com', active: false }), () => ({ id: ids.beth.id }))(m, n, ids),
  },
  'app/scim/v2/Users/[id]/route.ts#PATCH': {
    expect: everyone(401),
    call: (m, n, ids) =>
      route(`/scim/v2/Users/${ids.beth.id}`, scimJson('PATCH', { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active: false } }] }), () => ({ id: ids.beth.id }))(m, n, ids),
  },
  'app/scim/v2/Users/[id]/route.ts#DELETE': { expect: everyone(401), call: (m, n, ids) => route(`/scim/v2/Users/${ids.beth.id}`, { method: 'DELETE' }, () => ({ id: ids.beth.id }))(m, n, ids) },
  'app/scim/v2/ServiceProviderConfig/route.ts#GET': { expect: everyone(401), call: route('/scim/v2/ServiceProviderConfig') },
  'app/scim/v2/ResourceTypes/route.ts#GET': { expect: everyone(401), call: route('/scim/v2/ResourceTypes') },
  'app/scim/v2/Schemas/route.ts#GET': { expect: everyone(401), call: route('/scim/v2/Schemas') },
  'app/api/auth/[...nextauth]/route.ts#GET': { expect: everyone(200), reason: 'Auth.js itself; exercised end to end' },
  'app/api/auth/[...nextauth]/route.ts#POST': { expect: everyone(200), reason: 'Auth.js itself; exercised end to end' },
};

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : [full];
  });
}

async function endpointsInCode(): Promise<string[]> {
  const root = process.cwd();
  // Route handlers by their file name; server actions by the 'use server' directive, whatever the file is called.
  const isActionModule = (f: string) => /\.tsx?$/.test(f) && /^\s*(['"])use server\1/.test(fs.readFileSync(f, 'utf8'));
  const files = walk(path.join(root, 'app')).filter((f) => /[/\\]route\.tsx?$/.test(f) || isActionModule(f));
  const keys: string[] = [];
  for (const file of files) {
    const rel = path.relative(root, file).split(path.sep).join('/');
    const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    const isRoute = /route\.tsx?$/.test(rel);
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value !== 'function') continue;
      if (isRoute && !HTTP_METHODS.includes(name)) continue;
      keys.push(`${rel}#${name}`);
    }
  }
  return keys.sort();
}

async function outcome(fn: () => Promise<unknown>): Promise<number> {
  try {
    const result = await fn();
    if (result instanceof Response) return result.status;
    return (result as { status?: number } | undefined)?.status ?? 200;
  } catch (err) {
    if (err instanceof FakeRedirect) return 303;
    throw err;
  }
}

let db: TestDb;
let ids: Ids;

beforeAll(async () => {
  db = await freshDb('pglite');
  await seedDemo(db.db);
  state.handle = db;
  const get = async (email: string) => (await findPersonByEmail(db.db as Db, email))!;
  const amara = await get('amara@example.com');
  const [room] = await db.db.select().from(rooms).where(eq(rooms.name, 'Wellness Room 3'));
  // Slots on the room's next open day at least two days ahead, from 08:00 New York time, 15 minutes apart.
  const date = await roomOpenDayAhead(db.db, room!.id, 2);
  const slot = (n: number) => {
    const start = addMinutes(zonedInstant(date, '08:00', 'America/New_York'), n * 15);
    return { start: start.toISOString(), end: addMinutes(start, 30).toISOString() };
  };
  const booking = await createBooking(db.db, { userId: amara.id, roomId: room!.id, start: new Date(slot(0).start), end: new Date(slot(0).end), now: testNow() });
  const second = await createBooking(db.db, { userId: amara.id, roomId: room!.id, start: new Date(slot(16).start), end: new Date(slot(16).end), now: testNow() });
  const [quiet] = await db.db.select().from(rooms).where(eq(rooms.name, 'Quiet Room 12B'));
  const beth = await get('beth@example.com');
  const [notice] = await db.db.insert(notifications).values({ userId: beth.id, kind: 'booking_changed', message: 'Your booking moved.' }).returning();
  const [parents] = await db.db.select().from(rooms).where(eq(rooms.name, "Parents' Room 7"));
  // Every weekday at 17:00 for four weeks: enough live occurrences for each plan action to act on.
  const plan = await createPlan(db.db, {
    userId: amara.id,
    plan: { times: ['17:00'], weekdays: [1, 2, 3, 4, 5], lengthMin: 30, preferredRoomId: parents!.id, fallbackRoomIds: [], startDate: date, endDate: addDays(date, 28) },
    now: testNow(),
  });
  ids = {
    amara,
    beth,
    chen: await get('chen@example.com'),
    admin: await get('admin@example.com'),
    roomId: room!.id,
    quietRoomId: quiet!.id,
    siteId: room!.siteId,
    day: date,
    amaraBookingId: booking.id,
    amaraSecondBookingId: second.id,
    bethNoticeId: notice!.id,
    amaraPlanId: plan.plan.id,
    parentsRoomId: parents!.id,
    slot,
  };
});
afterAll(async () => {
  await db?.dispose();
});

describe('authorization matrix', () => {
  it('lists every server action and route handler in the code', async () => {
    const inCode = await endpointsInCode();
    expect(inCode.filter((k) => !(k in MATRIX)), 'in the code but missing from the matrix').toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !inCode.includes(k)), 'in the matrix but gone from the code').toEqual([]);
  });

  for (const [key, entry] of Object.entries(MATRIX)) {
    const [file, name] = key.split('#') as [string, string];
    describe(key, () => {
      if (!entry.call) {
        it(`is public: ${entry.reason}`, () => {
          expect(entry.reason).toBeTruthy();
        });
        return;
      }
      for (const persona of PERSONAS) {
        it(`answers ${entry.expect[persona]} to ${persona}`, async () => {
          const mod = (await import(/* @vite-ignore */ path.join(process.cwd(), file))) as Record<string, unknown>;
          state.user = persona === 'anonymous' ? null : ((await findPersonByEmail(db.db as Db, PERSONA_EMAIL[persona])) ?? null);
          expect(await outcome(() => entry.call!(mod, name, ids))).toBe(entry.expect[persona]);
        });
      }
      if (entry.otherRecord) {
        it(`answers ${entry.expect.otherRecord} on a record the caller may not touch`, async () => {
          const mod = (await import(/* @vite-ignore */ path.join(process.cwd(), file))) as Record<string, unknown>;
          state.user = ids[entry.otherAs ?? 'admin'];
          expect(await outcome(() => entry.otherRecord!(mod, name, ids))).toBe(entry.expect.otherRecord);
        });
      }
    });
  }
});
