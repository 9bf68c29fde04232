import crypto from 'node:crypto';
import { and, asc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../client';
import {
  auditLog,
  bookings,
  calendarFeeds,
  dataRequests,
  mailOutbox,
  notifications,
  planSkips,
  plans,
  rateLimits,
  requestEvents,
  roomProblemReports,
  roomProblems,
  requestNotes,
  requests,
  rooms,
  sites,
  stations,
  users,
} from '../schema';
import { problemsReportedBy } from './problems';
import { storedRateLimitKeys } from './rate-limits';

/**
 * Every column that points at a person, and what the export and the erasure do with it.
 * `tests/personal-data.db.test.ts` reads the database's own foreign keys and fails when one
 * that references users is missing here, so a new table that holds someone cannot slip past
 * either. Columns that name her without a foreign key are listed too.
 */
export const PERSON_COLUMNS = {
  'bookings.user_id': 'exported; erased: future bookings cancelled, every booking keeps room, station, times and outcome without her',
  'plans.user_id': 'exported with its skipped days; erased: deleted (its bookings lose the plan)',
  'notifications.user_id': 'exported; erased: deleted',
  'audit_log.actor_id': 'exported (what she did); erased: the entries stay without who acted or from where',
  'calendar_feeds.user_id': 'exported without the secret; erased: deleted',
  'calendar_feeds.created_by': 'erased: a room or site feed she made stays, without her',
  'requests.user_id': 'exported with timeline, answer and notes; erased: drafts deleted, open ones withdrawn, each kept only as type, site, status and dates for the reports',
  'requests.decided_by': 'erased: a request she decided stays, without her',
  'request_events.actor_id': 'erased: an event she caused on someone else\'s request stays, without her',
  'request_notes.author_id': 'erased: a note she wrote on someone else\'s request stays, without her',
  'data_requests.user_id': 'exported; erased: kept as proof of the answer, without her or her archive',
  'data_requests.decided_by': 'erased: a data request she decided stays, without her',
  'room_problem_reports.reporter_id': 'exported (room, problem, her note, status); erased: the report stays for facilities, without her',
  'room_problems.handler_id': 'erased: a problem she handled stays, without her',
  // Without a foreign key:
  'audit_log.target_id': 'entries about her (target person) are her role history; erased: they stay without her id or detail',
  'mail_outbox.to': 'exported (subjects and dates); erased: mail to her deleted',
  'rate_limits.key': 'her counters (hashed email and id); erased: deleted',
} as const;

/** Tables that never hold anything about a person (rooms, policies, jobs, demand counted without who asked). */
export const PERSON_FREE_TABLES = ['sites', 'policies', 'rooms', 'stations', 'demand_misses', 'app_settings', 'jobs', 'room_closures', 'site_holidays'];

/** Tables that hold something about her only through another row (or a hash of her), and go with it. */
export const REACHED_THROUGH: Record<string, string> = {
  plan_skips: 'her plans',
  request_events: 'her requests',
  request_notes: 'her requests',
  rate_limits: 'hashes of her email and id',
  room_problems: 'the problems she reported or handled',
};

const DAY_MS = 86_400_000;

/** Everything Nook holds about one person, as plain rows: the archive's JSON is made from this. */
export async function collectPersonalData(db: Db, userId: string) {
  const [profile] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
      site: sites.name,
      remindersEnabled: users.remindersEnabled,
      identityProviderSubject: users.oidcSubject,
      provisioningId: users.scimExternalId,
      createdAt: users.createdAt,
      updatedAt: users.updatedAt,
    })
    .from(users)
    .leftJoin(sites, eq(sites.id, users.siteId))
    .where(eq(users.id, userId));
  if (!profile) return undefined;

  const [roleHistory, ownBookings, ownPlans, ownRequests, ownNotifications, feeds, audit, ownDataRequests, mail] = await Promise.all([
    db
      .select({ at: auditLog.at, action: auditLog.action, detail: auditLog.detail })
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'person'), eq(auditLog.targetId, userId)))
      .orderBy(asc(auditLog.at), asc(auditLog.id)),
    db
      .select({
        id: bookings.id,
        site: sites.name,
        room: rooms.name,
        floor: rooms.floor,
        station: stations.label,
        start: bookings.startAt,
        end: bookings.endAt,
        status: bookings.status,
        cancelledAt: bookings.cancelledAt,
        checkedInAt: bookings.checkedInAt,
        checkedOutAt: bookings.checkedOutAt,
        releasedAt: bookings.releasedAt,
        planId: bookings.planId,
        createdAt: bookings.createdAt,
        updatedAt: bookings.updatedAt,
        sequence: bookings.sequence,
      })
      .from(bookings)
      .innerJoin(rooms, eq(rooms.id, bookings.roomId))
      .innerJoin(sites, eq(sites.id, rooms.siteId))
      .innerJoin(stations, eq(stations.id, bookings.stationId))
      .where(eq(bookings.userId, userId))
      .orderBy(asc(bookings.startAt), asc(bookings.id)),
    db
      .select({
        id: plans.id,
        site: sites.name,
        preferredRoom: rooms.name,
        fallbackRoomIds: plans.fallbackRoomIds,
        times: plans.times,
        weekdays: plans.weekdays,
        lengthMin: plans.lengthMin,
        startDate: plans.startDate,
        endDate: plans.endDate,
        status: plans.status,
        createdAt: plans.createdAt,
      })
      .from(plans)
      .innerJoin(sites, eq(sites.id, plans.siteId))
      .innerJoin(rooms, eq(rooms.id, plans.preferredRoomId))
      .where(eq(plans.userId, userId))
      .orderBy(asc(plans.createdAt)),
    db.select().from(requests).where(eq(requests.userId, userId)).orderBy(asc(requests.createdAt)),
    db
      .select({ kind: notifications.kind, message: notifications.message, link: notifications.link, createdAt: notifications.createdAt, readAt: notifications.readAt })
      .from(notifications)
      .where(eq(notifications.userId, userId))
      .orderBy(asc(notifications.createdAt)),
    db
      .select({ title: calendarFeeds.title, createdAt: calendarFeeds.createdAt, revokedAt: calendarFeeds.revokedAt })
      .from(calendarFeeds)
      .where(and(eq(calendarFeeds.kind, 'person'), eq(calendarFeeds.userId, userId)))
      .orderBy(asc(calendarFeeds.createdAt)),
    db
      .select({ at: auditLog.at, action: auditLog.action, targetType: auditLog.targetType, targetId: auditLog.targetId })
      .from(auditLog)
      .where(eq(auditLog.actorId, userId))
      .orderBy(asc(auditLog.at), asc(auditLog.id)),
    db
      .select({
        kind: dataRequests.kind,
        status: dataRequests.status,
        requestedAt: dataRequests.requestedAt,
        dueAt: dataRequests.dueAt,
        decidedAt: dataRequests.decidedAt,
        reason: dataRequests.reason,
        completedAt: dataRequests.completedAt,
        expiresAt: dataRequests.expiresAt,
      })
      .from(dataRequests)
      .where(eq(dataRequests.userId, userId))
      .orderBy(asc(dataRequests.requestedAt)),
    db.select({ subject: mailOutbox.subject, createdAt: mailOutbox.createdAt }).from(mailOutbox).where(eq(mailOutbox.to, profile.email)).orderBy(asc(mailOutbox.createdAt)),
  ]);
  const reportedProblems = await problemsReportedBy(db, userId);

  const planIds = ownPlans.map((p) => p.id);
  const requestIds = ownRequests.map((r) => r.id);
  const [skips, events, notes] = await Promise.all([
    planIds.length ? db.select({ planId: planSkips.planId, fromDate: planSkips.fromDate, toDate: planSkips.toDate }).from(planSkips).where(inArray(planSkips.planId, planIds)) : [],
    requestIds.length
      ? db
          .select({ requestId: requestEvents.requestId, at: requestEvents.at, kind: requestEvents.kind, message: requestEvents.message, actorId: requestEvents.actorId })
          .from(requestEvents)
          .where(inArray(requestEvents.requestId, requestIds))
          .orderBy(asc(requestEvents.at), asc(requestEvents.id))
      : [],
    requestIds.length
      ? db
          .select({ requestId: requestNotes.requestId, body: requestNotes.body, createdAt: requestNotes.createdAt })
          .from(requestNotes)
          .where(inArray(requestNotes.requestId, requestIds))
          .orderBy(asc(requestNotes.createdAt))
      : [],
  ]);

  return {
    profile,
    roleHistory,
    bookings: ownBookings,
    plans: ownPlans.map((p) => ({ ...p, skippedDays: skips.filter((s) => s.planId === p.id).map(({ fromDate, toDate }) => ({ fromDate, toDate })) })),
    requests: ownRequests.map((r) => ({
      id: r.id,
      type: r.type,
      details: r.details,
      approvedDetails: r.approvedDetails,
      fromDate: r.fromDate,
      untilDate: r.untilDate,
      note: r.note,
      status: r.status,
      submittedAt: r.submittedAt,
      deadlineAt: r.deadlineAt,
      decidedAt: r.decidedAt,
      writtenAnswer: r.decision,
      createdAt: r.createdAt,
      // Who else acted is someone else's data: the timeline says whether it was her or HR.
      timeline: events.filter((e) => e.requestId === r.id).map((e) => ({ at: e.at, kind: e.kind, by: e.actorId === userId ? 'you' : 'HR', message: e.message })),
      hrNotes: notes.filter((n) => n.requestId === r.id).map((n) => ({ at: n.createdAt, body: n.body })),
    })),
    notifications: ownNotifications,
    calendarFeed: feeds,
    auditEntries: audit,
    dataRequests: ownDataRequests,
    roomProblems: reportedProblems,
    mail,
  };
}

export type PersonalData = NonNullable<Awaited<ReturnType<typeof collectPersonalData>>>;

/** How many bookings Nook links to her: a large history is archived by the background job. */
export async function countOwnBookings(db: Db, userId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(bookings).where(eq(bookings.userId, userId));
  return row?.n ?? 0;
}

/**
 * Removes or anonymises everything personal about one person, inside the caller's
 * transaction, and deletes her account: her sign-in afterwards starts fresh. Bookings keep
 * room, station, times and outcome, and requests their type, site, status and dates, under
 * one random stand-in, so the reports count the same people and hide the same small groups;
 * her live future bookings are cancelled so their stations free up, and her open requests
 * are withdrawn.
 * Returns how many rows of each kind went, for the record of the erasure (no names).
 */
export async function erasePerson(tx: Db, userId: string, now: Date): Promise<Record<string, number>> {
  const [person] = await tx.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, userId)).for('update');
  if (!person) return {};
  const future = await tx
    .update(bookings)
    .set({ status: 'cancelled', cancelledAt: now, sequence: sql`${bookings.sequence} + 1`, updatedAt: sql`now()` })
    .where(and(eq(bookings.userId, userId), eq(bookings.status, 'booked'), gt(bookings.endAt, now)))
    .returning({ id: bookings.id });
  // One random stand-in for all that stays of her, linked to nothing else.
  const standIn = crypto.randomUUID();
  const anonymised = await tx
    .update(bookings)
    .set({ userId: null, anonKey: standIn, planId: null, planSlot: null, cancelReason: null })
    .where(eq(bookings.userId, userId))
    .returning({ id: bookings.id });
  const plansGone = await tx.delete(plans).where(eq(plans.userId, userId)).returning({ id: plans.id });
  // Requests: drafts go; an open one is withdrawn (nobody is left to answer); every other keeps
  // only what the reports count (type, site, status, dates), under her stand-in.
  const draftsGone = await tx.delete(requests).where(and(eq(requests.userId, userId), eq(requests.status, 'draft'))).returning({ id: requests.id });
  await tx
    .update(requests)
    .set({ status: 'withdrawn' })
    .where(and(eq(requests.userId, userId), inArray(requests.status, ['submitted', 'changes_requested'])));
  const kept = await tx
    .update(requests)
    .set({
      userId: null,
      anonKey: standIn,
      details: sql`jsonb_build_object('type', ${requests.type}::text)`,
      approvedDetails: null,
      note: null,
      decision: null,
      decidedBy: null,
      fromDate: sql`(coalesce(${requests.submittedAt}, ${requests.createdAt}) at time zone 'UTC')::date`,
      untilDate: null,
      updatedAt: sql`now()`,
    })
    .where(eq(requests.userId, userId))
    .returning({ id: requests.id });
  if (kept.length) {
    const keptIds = kept.map((r) => r.id);
    await tx.delete(requestEvents).where(inArray(requestEvents.requestId, keptIds));
    await tx.delete(requestNotes).where(inArray(requestNotes.requestId, keptIds));
  }
  const noticesGone = await tx.delete(notifications).where(eq(notifications.userId, userId)).returning({ id: notifications.id });
  const feedsGone = await tx.delete(calendarFeeds).where(eq(calendarFeeds.userId, userId)).returning({ id: calendarFeeds.id });
  // Entries about her keep what was done and when; entries she made keep what was done, not who or from where.
  const aboutHer = await tx
    .update(auditLog)
    .set({ targetId: null, detail: {} })
    .where(and(eq(auditLog.targetType, 'person'), eq(auditLog.targetId, userId)))
    .returning({ id: auditLog.id });
  const byHer = await tx.update(auditLog).set({ actorId: null, ip: null }).where(eq(auditLog.actorId, userId)).returning({ id: auditLog.id });
  // Any other entry whose detail carries her id, email or name as a value.
  const values = [userId, person.email, person.name].map((v) => JSON.stringify(v));
  const mentioning = await tx
    .update(auditLog)
    .set({ detail: {} })
    .where(or(...values.map((v) => sql`position(${v} in ${auditLog.detail}::text) > 0`)))
    .returning({ id: auditLog.id });
  const mailGone = await tx
    .delete(mailOutbox)
    .where(or(sql`position(${person.email} in lower(${mailOutbox.to})) > 0`, sql`position(${person.email} in ${mailOutbox.text}) > 0`, sql`position(${person.name} in ${mailOutbox.text}) > 0`))
    .returning({ id: mailOutbox.id });
  await tx.delete(rateLimits).where(inArray(rateLimits.key, [...storedRateLimitKeys(['signin'], person.email), ...storedRateLimitKeys(['booking'], userId)]));
  // Her data requests stay as proof that they were answered, without her or any archive.
  await tx.update(dataRequests).set({ userId: null, archive: null, archiveBytes: null, updatedAt: sql`now()` }).where(eq(dataRequests.userId, userId));
  await tx.update(dataRequests).set({ decidedBy: null }).where(eq(dataRequests.decidedBy, userId));
  await tx.update(requests).set({ decidedBy: null }).where(eq(requests.decidedBy, userId));
  await tx.update(requestEvents).set({ actorId: null }).where(eq(requestEvents.actorId, userId));
  await tx.update(requestNotes).set({ authorId: null }).where(eq(requestNotes.authorId, userId));
  await tx.update(calendarFeeds).set({ createdBy: null }).where(eq(calendarFeeds.createdBy, userId));
  const problemReports = await tx.update(roomProblemReports).set({ reporterId: null }).where(eq(roomProblemReports.reporterId, userId)).returning({ id: roomProblemReports.id });
  await tx.update(roomProblems).set({ handlerId: null }).where(eq(roomProblems.handlerId, userId));
  await tx.delete(users).where(eq(users.id, userId));
  return {
    bookingsCancelled: future.length,
    bookingsAnonymised: anonymised.length,
    plans: plansGone.length,
    requestsDeleted: draftsGone.length,
    requestsAnonymised: kept.length,
    notifications: noticesGone.length,
    calendarFeeds: feedsGone.length,
    auditEntriesAnonymised: new Set([...aboutHer, ...byHer, ...mentioning].map((r) => r.id)).size,
    mail: mailGone.length,
    problemReportsAnonymised: problemReports.length,
  };
}

// ——— Data requests ———

export async function listOwnDataRequests(db: Db, userId: string) {
  return db
    .select({
      id: dataRequests.id,
      kind: dataRequests.kind,
      status: dataRequests.status,
      requestedAt: dataRequests.requestedAt,
      dueAt: dataRequests.dueAt,
      reason: dataRequests.reason,
      completedAt: dataRequests.completedAt,
      archiveBytes: dataRequests.archiveBytes,
      expiresAt: dataRequests.expiresAt,
    })
    .from(dataRequests)
    .where(eq(dataRequests.userId, userId))
    .orderBy(sql`${dataRequests.requestedAt} desc`);
}

/** Opens a request of hers, or finds the one already open: asking twice changes nothing. */
export async function openDataRequest(db: Db, input: { userId: string; kind: 'access' | 'erasure'; requestedAt: Date; dueAt: Date }) {
  const [created] = await db.insert(dataRequests).values(input).onConflictDoNothing().returning();
  if (created) return { request: created, created: true };
  const [open] = await db
    .select()
    .from(dataRequests)
    .where(and(eq(dataRequests.userId, input.userId), eq(dataRequests.kind, input.kind), eq(dataRequests.status, 'pending')));
  return { request: open!, created: false };
}

/** Stores a finished archive on its request, if it is still waiting. */
export async function storeArchive(db: Db, input: { id: string; archive: Uint8Array; readyAt: Date; expiresAt: Date }) {
  const [row] = await db
    .update(dataRequests)
    .set({ status: 'ready', archive: input.archive, archiveBytes: input.archive.byteLength, completedAt: input.readyAt, expiresAt: input.expiresAt, updatedAt: sql`now()` })
    .where(and(eq(dataRequests.id, input.id), eq(dataRequests.kind, 'access'), eq(dataRequests.status, 'pending')))
    .returning({ id: dataRequests.id });
  return Boolean(row);
}

/** Her archive, while its link works; someone else's, or an expired one, is not found. */
export async function findOwnArchive(db: Db, userId: string, id: string, now: Date) {
  const [row] = await db
    .select({ archive: dataRequests.archive, completedAt: dataRequests.completedAt })
    .from(dataRequests)
    .where(and(eq(dataRequests.id, id), eq(dataRequests.userId, userId), eq(dataRequests.status, 'ready'), gt(dataRequests.expiresAt, now)));
  return row?.archive ? { archive: row.archive, madeAt: row.completedAt } : undefined;
}

/** Access requests still waiting for their archive (the background job makes them). */
export async function waitingArchives(db: Db, limit = 5) {
  return db
    .select({ id: dataRequests.id, userId: dataRequests.userId })
    .from(dataRequests)
    .where(and(eq(dataRequests.kind, 'access'), eq(dataRequests.status, 'pending')))
    .orderBy(asc(dataRequests.requestedAt))
    .limit(limit);
}

/** Drops archives whose link has expired. */
export async function expireArchives(db: Db, now: Date): Promise<number> {
  const gone = await db
    .update(dataRequests)
    .set({ status: 'expired', archive: null, updatedAt: sql`now()` })
    .where(and(eq(dataRequests.status, 'ready'), sql`${dataRequests.expiresAt} <= ${now.toISOString()}::timestamptz`))
    .returning({ id: dataRequests.id });
  return gone.length;
}

/** Withdraws her open erasure request: whether it was withdrawn, already answered, or is not hers at all. */
export async function withdrawOwnErasure(db: Db, userId: string, id: string): Promise<'withdrawn' | 'answered' | 'not_found'> {
  const [row] = await db
    .update(dataRequests)
    .set({ status: 'withdrawn', completedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(dataRequests.id, id), eq(dataRequests.userId, userId), eq(dataRequests.kind, 'erasure'), eq(dataRequests.status, 'pending')))
    .returning({ id: dataRequests.id });
  if (row) return 'withdrawn';
  const [hers] = await db
    .select({ id: dataRequests.id })
    .from(dataRequests)
    .where(and(eq(dataRequests.id, id), eq(dataRequests.userId, userId), eq(dataRequests.kind, 'erasure')));
  return hers ? 'answered' : 'not_found';
}

/** HR's queue: open requests first, soonest deadline first, then the answered ones of the last 90 days. */
export async function listDataRequestQueue(db: Db, now: Date) {
  const since = new Date(now.getTime() - 90 * DAY_MS);
  return db
    .select({
      id: dataRequests.id,
      kind: dataRequests.kind,
      status: dataRequests.status,
      requestedAt: dataRequests.requestedAt,
      dueAt: dataRequests.dueAt,
      decidedAt: dataRequests.decidedAt,
      completedAt: dataRequests.completedAt,
      reason: dataRequests.reason,
      erased: dataRequests.erased,
      userId: dataRequests.userId,
      name: users.name,
      email: users.email,
      site: sites.name,
      timeZone: sites.timeZone,
      openScheduleRequests: sql<number>`(select count(*)::int from ${requests} where ${requests.userId} = ${dataRequests.userId} and ${requests.status} in ('submitted', 'changes_requested'))`,
    })
    .from(dataRequests)
    .leftJoin(users, eq(users.id, dataRequests.userId))
    .leftJoin(sites, eq(sites.id, users.siteId))
    .where(or(eq(dataRequests.status, 'pending'), gt(dataRequests.requestedAt, since)))
    .orderBy(sql`${dataRequests.status} = 'pending' desc`, asc(dataRequests.dueAt));
}

/** A pending erasure, locked for HR's decision. */
export async function lockPendingErasure(tx: Db, id: string) {
  const [row] = await tx
    .select()
    .from(dataRequests)
    .where(and(eq(dataRequests.id, id), eq(dataRequests.kind, 'erasure')))
    .for('update');
  return row;
}

export async function markErased(tx: Db, input: { id: string; decidedBy: string | null; at: Date; erased: Record<string, number> }) {
  await tx
    .update(dataRequests)
    .set({ status: 'done', decidedBy: input.decidedBy, decidedAt: input.at, completedAt: input.at, erased: input.erased, userId: null, updatedAt: sql`now()` })
    .where(eq(dataRequests.id, input.id));
}

export async function markDeclined(tx: Db, input: { id: string; decidedBy: string; at: Date; reason: string }) {
  await tx
    .update(dataRequests)
    .set({ status: 'declined', decidedBy: input.decidedBy, decidedAt: input.at, completedAt: input.at, reason: input.reason, updatedAt: sql`now()` })
    .where(eq(dataRequests.id, input.id));
}

/** A person with her site's choice for a SCIM DELETE. */
export async function scimDeletePolicy(db: Db, userId: string) {
  const [row] = await db
    .select({ id: users.id, eraseOnScimDelete: sql<boolean>`coalesce(${sites.eraseOnScimDelete}, false)` })
    .from(users)
    .leftJoin(sites, eq(sites.id, users.siteId))
    .where(eq(users.id, userId));
  return row;
}

