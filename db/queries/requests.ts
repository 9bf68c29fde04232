import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { MAX_REPLY_DAYS, replyDeadline } from '@/lib/business-days';
import { Refusal } from '@/lib/errors';
import { describeDetails, isEditable, statePhrase, transition, type RequestAction, type RequestDetails, type RequestStatus } from '@/lib/requests';
import { hasRole, type Role } from '@/lib/roles';
import { formatLocal } from '@/lib/time';
import type { Db } from '../client';
import { pgError, UNIQUE_VIOLATION } from '../errors';
import { policies, requestEvents, requestNotes, requests, siteHolidays, sites, users, type ScheduleRequest } from '../schema';
import { recordAudit } from './audit';
import { activeIdsWithRole } from './people';

export type Viewer = { id: string; role: Role };
export type Actor = { id: string; ip?: string | null };
export type RequestInput = { details: RequestDetails; fromDate: string; untilDate: string | null; note: string | null };

const isStaff = (v: Viewer) => hasRole(v.role, 'hr');

// ——— Reading ———

const decider = alias(users, 'decider');

function requestView(db: Db) {
  return db
    .select({
      request: requests,
      ownerName: users.name,
      ownerEmail: users.email,
      siteName: sites.name,
      timeZone: sites.timeZone,
      decidedByName: decider.name,
    })
    .from(requests)
    .innerJoin(users, eq(users.id, requests.userId))
    .innerJoin(sites, eq(sites.id, requests.siteId))
    .leftJoin(decider, eq(decider.id, requests.decidedBy));
}
export type RequestView = Awaited<ReturnType<ReturnType<typeof requestView>['execute']>>[number];

/** The request if `viewer` may see it (its owner, or HR and admins); otherwise undefined, as if it did not exist. */
export async function findRequestFor(db: Db, viewer: Viewer, id: string): Promise<RequestView | undefined> {
  const [row] = await requestView(db)
    .where(and(eq(requests.id, id), isStaff(viewer) ? undefined : eq(requests.userId, viewer.id)))
    .limit(1);
  return row;
}

export async function listMyRequests(db: Db, userId: string) {
  return requestView(db).where(eq(requests.userId, userId)).orderBy(desc(requests.createdAt));
}

/** HR's queue: requests that were submitted at least once, soonest deadline first (drafts are the employee's own business). */
export async function listQueue(db: Db, filter: { status?: RequestStatus; siteId?: string } = {}) {
  return requestView(db)
    .where(
      and(
        filter.status ? eq(requests.status, filter.status) : inArray(requests.status, ['submitted', 'changes_requested', 'approved', 'denied', 'withdrawn']),
        sql`${requests.submittedAt} is not null`,
        filter.siteId ? eq(requests.siteId, filter.siteId) : undefined,
      ),
    )
    .orderBy(sql`case when ${requests.status} = 'submitted' then 0 else 1 end`, asc(requests.deadlineAt), desc(requests.submittedAt))
    .limit(500);
}

/** The timeline the employee and HR both see. */
export async function listEvents(db: Db, requestId: string) {
  return db
    .select({ id: requestEvents.id, at: requestEvents.at, kind: requestEvents.kind, message: requestEvents.message, actorName: users.name, actorId: requestEvents.actorId })
    .from(requestEvents)
    .leftJoin(users, eq(users.id, requestEvents.actorId))
    .where(eq(requestEvents.requestId, requestId))
    .orderBy(asc(requestEvents.at), asc(requestEvents.id));
}

/** HR's internal notes. Call only for HR and admins. */
export async function listNotes(db: Db, requestId: string) {
  return db
    .select({ id: requestNotes.id, body: requestNotes.body, createdAt: requestNotes.createdAt, authorName: users.name })
    .from(requestNotes)
    .leftJoin(users, eq(users.id, requestNotes.authorId))
    .where(eq(requestNotes.requestId, requestId))
    .orderBy(asc(requestNotes.createdAt));
}

// ——— Who hears of a request ———

/** Who answers requests: every active HR person, or the active admins where there is no HR. */
export async function requestAnswerers(db: Db): Promise<string[]> {
  const hr = await activeIdsWithRole(db, 'hr');
  return hr.length ? hr : activeIdsWithRole(db, 'admin');
}

// ——— The employee's side ———

function checkDates(input: RequestInput) {
  if (input.untilDate && input.untilDate < input.fromDate) throw new Refusal('"Until" must be on or after "From".', 'invalid', { fields: { untilDate: ['"Until" must be on or after "From".'] } });
}

async function deadlineFor(tx: Db, siteId: string, now: Date) {
  const [site] = await tx
    .select({ timeZone: sites.timeZone, days: policies.replyDeadlineBusinessDays })
    .from(sites)
    .leftJoin(policies, eq(policies.siteId, sites.id))
    .where(eq(sites.id, siteId));
  if (!site) throw new Refusal('Your site no longer exists. Ask an admin to set your site.', 'conflict');
  const holidays = (await tx.select({ date: siteHolidays.date }).from(siteHolidays).where(eq(siteHolidays.siteId, siteId))).map((h) => h.date);
  return replyDeadline(now, { businessDays: site.days ?? 5, holidays, timeZone: site.timeZone }).at;
}

async function event(tx: Db, requestId: string, actorId: string, kind: string, message: string | null = null) {
  await tx.insert(requestEvents).values({ requestId, actorId, kind, message, at: sql`now()` });
}

/** Writes a new request as a draft, or submitted straight away. The person's site sets its deadline. */
export async function insertRequest(
  db: Db,
  owner: { id: string; siteId: string | null },
  input: RequestInput,
  options: { submit: boolean; now: Date },
): Promise<ScheduleRequest> {
  checkDates(input);
  if (!owner.siteId) throw new Refusal('Your profile has no site yet, so Nook cannot tell whose HR answers. Ask an admin to set your site.', 'conflict');
  const siteId = owner.siteId;
  const created = await db.transaction(async (tx) => {
    const deadlineAt = options.submit ? await deadlineFor(tx, siteId, options.now) : null;
    const [row] = await tx
      .insert(requests)
      .values({
        userId: owner.id,
        siteId,
        type: input.details.type,
        details: input.details,
        fromDate: input.fromDate,
        untilDate: input.untilDate,
        note: input.note,
        status: options.submit ? 'submitted' : 'draft',
        submittedAt: options.submit ? options.now : null,
        deadlineAt,
      })
      .returning();
    await event(tx, row!.id, owner.id, 'created');
    if (options.submit) await event(tx, row!.id, owner.id, 'submitted');
    return row!;
  });
  return created;
}

/** The owner's request, locked for a change; someone else's is not found. */
async function lockOwn(tx: Db, ownerId: string, id: string): Promise<ScheduleRequest> {
  const [row] = await tx
    .select()
    .from(requests)
    .where(and(eq(requests.id, id), eq(requests.userId, ownerId)))
    .for('update');
  if (!row) throw new Refusal('That request was not found.', 'not_found');
  return row;
}

function step(from: RequestStatus, action: RequestAction, by: 'owner' | 'hr'): RequestStatus {
  const t = transition(from, action, by);
  if (!t.ok) throw new Refusal(t.message, 'conflict');
  return t.to;
}

/** Writes a change to what a draft or a request sent back asks for; with `submit`, it is submitted (again) with a fresh deadline. */
export async function reviseRequest(
  db: Db,
  ownerId: string,
  id: string,
  input: RequestInput,
  options: { submit: boolean; now: Date; version?: number },
): Promise<ScheduleRequest> {
  checkDates(input);
  const updated = await db.transaction(async (tx) => {
    const before = await lockOwn(tx, ownerId, id);
    const status = options.submit ? step(before.status, 'submit', 'owner') : before.status;
    if (!isEditable(before.status)) throw new Refusal(`This request can no longer be changed: it ${statePhrase(before.status)}.`, 'conflict');
    if (options.version !== undefined && options.version !== before.version) {
      throw new Refusal('This request changed since you opened it. Reload the page to see the latest version.', 'conflict');
    }
    if (input.details.type !== before.type) throw new Refusal('The type of a request cannot change. Withdraw it and start a new one instead.', 'invalid');
    const deadlineAt = options.submit ? await deadlineFor(tx, before.siteId, options.now) : before.deadlineAt;
    const [row] = await tx
      .update(requests)
      .set({
        details: input.details,
        fromDate: input.fromDate,
        untilDate: input.untilDate,
        note: input.note,
        status,
        submittedAt: options.submit ? options.now : before.submittedAt,
        deadlineAt,
        version: sql`${requests.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(requests.id, id))
      .returning();
    await event(tx, id, ownerId, options.submit ? (before.status === 'changes_requested' ? 'resubmitted' : 'submitted') : 'updated');
    return row!;
  });
  return updated;
}

/** The owner's request as it stands, for submitting it unchanged; someone else's is not found. */
export async function loadOwnRequest(db: Db, ownerId: string, id: string): Promise<ScheduleRequest> {
  const [row] = await db.select().from(requests).where(and(eq(requests.id, id), eq(requests.userId, ownerId)));
  if (!row) throw new Refusal('That request was not found.', 'not_found');
  return row;
}

/** Writes the owner's withdrawal; says whether HR had it (anything but a draft). */
export async function markWithdrawn(db: Db, ownerId: string, id: string): Promise<{ row: ScheduleRequest; wasSubmitted: boolean }> {
  const result = await db.transaction(async (tx) => {
    const before = await lockOwn(tx, ownerId, id);
    const status = step(before.status, 'withdraw', 'owner');
    const [row] = await tx
      .update(requests)
      .set({ status, version: sql`${requests.version} + 1`, updatedAt: sql`now()` })
      .where(eq(requests.id, id))
      .returning();
    await event(tx, id, ownerId, 'withdrawn');
    return { row: row!, wasSubmitted: before.status !== 'draft' };
  });
  return result;
}

// ——— HR's side ———

export type Decision =
  | { action: 'approve'; message: string | null; approvedDetails: RequestDetails | null }
  | { action: 'deny'; message: string }
  | { action: 'request_changes'; message: string };

const DONE_WORDS: Partial<Record<RequestStatus, string>> = {
  approved: 'approved this request',
  denied: 'denied this request',
  changes_requested: 'asked for changes to this request',
};

/**
 * Writes HR's approval, denial or sending back of a submitted request. The row is locked and its version checked
 * in one transaction: of two HR people deciding at once, one wins and the other is told who
 * decided first, and when.
 */
export async function recordDecision(db: Db, actor: Actor, id: string, decision: Decision, options: { version: number; now: Date }): Promise<ScheduleRequest> {
  if (decision.action !== 'approve' && !decision.message.trim()) {
    throw new Refusal(decision.action === 'deny' ? 'Write the reason for the denial: it is the written answer the employee receives.' : 'Say what should change.', 'invalid');
  }
  if (decision.action === 'approve' && decision.approvedDetails) {
    const [current] = await db.select({ type: requests.type }).from(requests).where(eq(requests.id, id));
    if (current && current.type !== decision.approvedDetails.type) throw new Refusal('An approval with changes keeps the type of the request.', 'invalid');
  }
  const decided = await db.transaction(async (tx) => {
    const [before] = await requestView(tx).where(eq(requests.id, id)).for('update', { of: requests });
    if (!before) throw new Refusal('That request was not found.', 'not_found');
    const r = before.request;
    if (r.status !== 'submitted') {
      const last = await tx
        .select({ at: requestEvents.at, name: users.name })
        .from(requestEvents)
        .leftJoin(users, eq(users.id, requestEvents.actorId))
        .where(and(eq(requestEvents.requestId, id), eq(requestEvents.kind, r.status)))
        .orderBy(desc(requestEvents.at), desc(requestEvents.id))
        .limit(1);
      const done = DONE_WORDS[r.status];
      if (done && last[0]) {
        throw new Refusal(`Already decided: ${last[0].name ?? 'someone'} ${done} on ${formatLocal(last[0].at, before.timeZone)} (${before.siteName} time).`, 'conflict', {
          decidedBy: last[0].name,
          decidedAt: last[0].at.toISOString(),
        });
      }
      step(r.status, decision.action, 'hr'); // throws the state machine's own words
    }
    if (r.version !== options.version) throw new Refusal('This request changed since you opened it. Reload the page to see the latest version before deciding.', 'conflict');
    const to = step(r.status, decision.action, 'hr');
    const final = decision.action !== 'request_changes';
    const message = decision.message?.trim() || null;
    const [row] = await tx
      .update(requests)
      .set({
        status: to,
        decidedAt: final ? options.now : null,
        decidedBy: final ? actor.id : null,
        decision: final ? message : r.decision,
        approvedDetails: decision.action === 'approve' ? decision.approvedDetails : null,
        version: sql`${requests.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(requests.id, id), eq(requests.version, options.version)))
      .returning();
    if (!row) throw new Refusal('This request changed since you opened it. Reload the page to see the latest version before deciding.', 'conflict');
    await event(tx, id, actor.id, to, message);
    await recordAudit(tx, {
      actorId: actor.id,
      action: `request.${to}`,
      targetType: 'request',
      targetId: id,
      ip: actor.ip,
      detail: {
        ...(decision.action === 'approve' && decision.approvedDetails ? { withChanges: describeDetails(decision.approvedDetails) } : {}),
        late: r.deadlineAt ? options.now.getTime() >= r.deadlineAt.getTime() : false,
      },
    });
    return row;
  });
  return decided;
}

/** An internal HR note on a request. The employee never sees these. */
export async function insertNote(db: Db, actor: Actor, requestId: string, body: string) {
  const text = body.trim();
  if (!text) throw new Refusal('Write the note first.', 'invalid');
  return db.transaction(async (tx) => {
    const [exists] = await tx.select({ id: requests.id }).from(requests).where(eq(requests.id, requestId));
    if (!exists) throw new Refusal('That request was not found.', 'not_found');
    const [note] = await tx.insert(requestNotes).values({ requestId, authorId: actor.id, body: text }).returning();
    await recordAudit(tx, { actorId: actor.id, action: 'request.note_added', targetType: 'request', targetId: requestId, ip: actor.ip, detail: { noteId: note!.id } });
    return note!;
  });
}

// ——— Site holidays and reply deadlines ———

export async function listHolidays(db: Db, siteId: string) {
  return db.select().from(siteHolidays).where(eq(siteHolidays.siteId, siteId)).orderBy(asc(siteHolidays.date));
}

export async function addHoliday(db: Db, actor: Actor, siteId: string, input: { date: string; name: string }) {
  try {
    return await db.transaction(async (tx) => {
      const [site] = await tx.select({ id: sites.id }).from(sites).where(eq(sites.id, siteId));
      if (!site) throw new Refusal('That site no longer exists.', 'not_found');
      const [row] = await tx.insert(siteHolidays).values({ siteId, date: input.date, name: input.name }).returning();
      await recordAudit(tx, { actorId: actor.id, action: 'holiday.added', targetType: 'site', targetId: siteId, ip: actor.ip, detail: { date: input.date, name: input.name } });
      return row!;
    });
  } catch (err) {
    if (pgError(err).code === UNIQUE_VIOLATION) throw new Refusal(`${input.date} is already a holiday at this site.`, 'conflict');
    throw err;
  }
}

export async function removeHoliday(db: Db, actor: Actor, holidayId: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx.delete(siteHolidays).where(eq(siteHolidays.id, holidayId)).returning();
    if (!row) throw new Refusal('That holiday was already removed.', 'not_found');
    await recordAudit(tx, { actorId: actor.id, action: 'holiday.removed', targetType: 'site', targetId: row.siteId, ip: actor.ip, detail: { date: row.date, name: row.name } });
    return row;
  });
}

export async function setReplyDeadlineDays(db: Db, actor: Actor, siteId: string, days: number) {
  if (!Number.isInteger(days) || days < 1 || days > MAX_REPLY_DAYS) throw new Refusal(`The reply deadline must be a whole number from 1 to ${MAX_REPLY_DAYS} business days.`, 'invalid');
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(policies).where(eq(policies.siteId, siteId)).for('update');
    if (!before) throw new Refusal('That site no longer exists.', 'not_found');
    await tx.update(policies).set({ replyDeadlineBusinessDays: days, updatedAt: sql`now()` }).where(eq(policies.siteId, siteId));
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'policy.updated',
      targetType: 'policy',
      targetId: siteId,
      ip: actor.ip,
      detail: { replyDeadlineBusinessDays: { from: before.replyDeadlineBusinessDays, to: days } },
    });
  });
}
