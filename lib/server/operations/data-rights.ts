import 'server-only';
import { strToU8, zipSync } from 'fflate';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { notify } from '@/db/queries/notifications';
import {
  collectPersonalData,
  countOwnBookings,
  erasePerson,
  expireArchives,
  lockPendingErasure,
  markDeclined,
  markErased,
  openDataRequest,
  scimDeletePolicy,
  storeArchive,
  waitingArchives,
  withdrawOwnErasure,
  type PersonalData,
} from '@/db/queries/personal-data';
import { requestAnswerers } from '@/db/queries/requests';
import { calendarFeeds, dataRequests, sites, users } from '@/db/schema';
import { ARCHIVE_FILES, ARCHIVE_INLINE_BOOKINGS, archiveExpiry, archiveReadme, dataRequestDue, type DataRequestKind } from '@/lib/data-rights';
import { env } from '@/lib/env';
import { Refusal } from '@/lib/errors';
import { personalFeed } from '@/lib/ics';
import { sendMail } from '../mail';
import { tell } from '../tell';

type Person = { id: string; siteId: string | null };
type Actor = { id: string; ip?: string | null };

async function siteZone(db: Db, siteId: string | null): Promise<string> {
  if (!siteId) return 'UTC';
  const [site] = await db.select({ timeZone: sites.timeZone }).from(sites).where(eq(sites.id, siteId));
  return site?.timeZone ?? 'UTC';
}

async function open(db: Db, person: Person, kind: DataRequestKind, now: Date) {
  return openDataRequest(db, { userId: person.id, kind, requestedAt: now, dueAt: dataRequestDue(now, await siteZone(db, person.siteId)) });
}

// ——— A copy of her data ———

/** The archive's files: a README, the JSON of everything, her bookings as iCalendar. */
export function archiveFiles(data: PersonalData, feedTitle: string | null, madeAt: Date): Record<string, string> {
  const json = {
    format: 'nook-personal-data-1',
    madeAt: madeAt.toISOString(),
    profile: data.profile,
    roleHistory: data.roleHistory,
    bookings: data.bookings,
    plans: data.plans,
    waitlist: [],
    requests: data.requests,
    notifications: data.notifications,
    calendarFeed: data.calendarFeed,
    auditEntries: data.auditEntries,
    policyNotices: [],
    dataRequests: data.dataRequests,
    roomProblems: data.roomProblems,
    mail: data.mail,
  };
  const calendar = personalFeed({
    title: feedTitle,
    bookings: data.bookings.map((b) => ({
      id: b.id,
      start: b.start,
      end: b.end,
      status: b.status,
      sequence: b.sequence,
      createdAt: b.createdAt,
      updatedAt: b.updatedAt,
      roomName: b.room,
      floor: b.floor,
      siteName: b.site,
    })),
  });
  return {
    [ARCHIVE_FILES.readme]: archiveReadme({ name: data.profile.name, madeAt: madeAt.toISOString().slice(0, 16).replace('T', ' ') }),
    [ARCHIVE_FILES.data]: `${JSON.stringify(json, null, 2)}\n`,
    [ARCHIVE_FILES.calendar]: calendar,
  };
}

/** Makes and stores the archive of one waiting access request. Returns whether it was made. */
export async function makeArchive(db: Db, input: { requestId: string; userId: string; now: Date }): Promise<boolean> {
  const data = await collectPersonalData(db, input.userId);
  if (!data) return false;
  const [feed] = await db.select({ title: calendarFeeds.title }).from(calendarFeeds).where(eq(calendarFeeds.userId, input.userId)).limit(1);
  const files = archiveFiles(data, feed?.title ?? null, input.now);
  const zip = zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])), { level: 6, mtime: input.now });
  return storeArchive(db, { id: input.requestId, archive: zip, readyAt: input.now, expiresAt: archiveExpiry(input.now) });
}

/**
 * She asks for a copy of her data. A usual history is archived while she waits; a very long
 * one is left to the background job, which tells her when it is ready. Asking again while one
 * is being made changes nothing.
 */
export async function requestArchive(db: Db, person: Person, now: Date): Promise<{ id: string; ready: boolean }> {
  const { request, created } = await open(db, person, 'access', now);
  if (created) await recordAudit(db, { actorId: person.id, action: 'data.access_requested', targetType: 'data_request', targetId: request.id });
  if ((await countOwnBookings(db, person.id)) > ARCHIVE_INLINE_BOOKINGS) return { id: request.id, ready: false };
  return { id: request.id, ready: await makeArchive(db, { requestId: request.id, userId: person.id, now }) };
}

/** The background job: archives that were too large to make at once, then expired ones dropped. */
export async function runDataArchives(db: Db, now: Date): Promise<{ made: number; expired: number }> {
  let made = 0;
  for (const w of await waitingArchives(db)) {
    if (!w.userId) continue;
    if (await makeArchive(db, { requestId: w.id, userId: w.userId, now })) {
      made++;
      await notify(db, [w.userId], { kind: 'data_archive_ready', message: 'The copy of your data you asked for is ready to download.', link: '/settings#your-data' });
    }
  }
  return { made, expired: await expireArchives(db, now) };
}

export async function recordArchiveDownload(db: Db, person: Person, requestId: string, ip: string | null) {
  await recordAudit(db, { actorId: person.id, action: 'data.archive_downloaded', targetType: 'data_request', targetId: requestId, ip });
}

// ——— Erasure ———

/** She asks for her data to be erased; HR (or an admin) must confirm, and is told. */
export async function requestErasure(db: Db, person: Person, now: Date): Promise<{ id: string; dueAt: Date }> {
  const { request, created } = await open(db, person, 'erasure', now);
  if (created) {
    await recordAudit(db, { actorId: person.id, action: 'data.erasure_requested', targetType: 'data_request', targetId: request.id });
    await tell(db, {
      userIds: (await requestAnswerers(db)).filter((id) => id !== person.id),
      kind: 'data_request',
      message: 'A request to erase someone\'s data is waiting for confirmation.',
      link: '/hr/data-requests',
      subject: 'A data request is waiting',
      mailText: 'Someone asked Nook to erase their data. Confirm or decline it in Nook within one month.',
    });
  }
  return { id: request.id, dueAt: request.dueAt };
}

export async function withdrawErasure(db: Db, person: Person, requestId: string): Promise<void> {
  const result = await withdrawOwnErasure(db, person.id, requestId);
  if (result === 'not_found') throw new Refusal('That request was not found.', 'not_found');
  if (result === 'answered') throw new Refusal('That erasure request is no longer open.', 'conflict');
  await recordAudit(db, { actorId: person.id, action: 'data.erasure_withdrawn', targetType: 'data_request', targetId: requestId });
}

const DONE_SUBJECT = 'Your data in Nook has been erased';
const doneText = () =>
  `As you asked, Nook has erased your personal data: your account, bookings (kept only as anonymous room use), plans, requests, notices and calendar feed.\n\nIf you sign in again, Nook starts a new account for you.\n${env().AUTH_URL ? `\n${env().AUTH_URL}\n` : ''}`;

/**
 * Mail that her data is gone. Only through SMTP: the development outbox would keep her address
 * in the database the erasure just emptied.
 */
async function tellErased(db: Db, email: string) {
  if (!env().SMTP_URL) return;
  try {
    await sendMail(db, { to: email, subject: DONE_SUBJECT, text: doneText() });
  } catch (err) {
    console.error(`Nook could not send mail (data_erased): ${(err as Error).message}`);
  }
}

async function loadPending(tx: Db, requestId: string, actor: Actor) {
  const request = await lockPendingErasure(tx, requestId);
  if (!request) throw new Refusal('That request was not found.', 'not_found');
  if (request.status !== 'pending') throw new Refusal(`This request was already answered: ${request.status === 'done' ? 'the data was erased' : request.status}.`, 'conflict');
  if (!request.userId) throw new Refusal('That person is no longer in Nook.', 'conflict');
  if (request.userId === actor.id) throw new Refusal('Someone else in HR or an admin must confirm your own erasure request.', 'forbidden');
  return { ...request, userId: request.userId };
}

/**
 * HR or an admin confirms an erasure: in one transaction everything personal about her is
 * removed or anonymised (db/queries/personal-data.ts erasePerson), the request keeps only
 * its dates and counts, and the audit log records that an erasure happened. Then she is told.
 */
export async function confirmErasure(db: Db, actor: Actor, requestId: string, now: Date): Promise<Record<string, number>> {
  const { email, erased } = await db.transaction(async (tx) => {
    const request = await loadPending(tx, requestId, actor);
    const [person] = await tx.select({ email: users.email }).from(users).where(eq(users.id, request.userId));
    const counts = await erasePerson(tx, request.userId, now);
    await markErased(tx, { id: requestId, decidedBy: actor.id, at: now, erased: counts });
    await recordAudit(tx, { actorId: actor.id, action: 'data.erased', targetType: 'data_request', targetId: requestId, detail: { source: 'request', ...counts }, ip: actor.ip });
    return { email: person?.email, erased: counts };
  });
  if (email) await tellErased(db, email);
  return erased;
}

/** HR or an admin declines an erasure, with the written reason she reads. */
export async function declineErasure(db: Db, actor: Actor, requestId: string, reason: string, now: Date): Promise<void> {
  const userId = await db.transaction(async (tx) => {
    const request = await loadPending(tx, requestId, actor);
    await markDeclined(tx, { id: requestId, decidedBy: actor.id, at: now, reason });
    await recordAudit(tx, { actorId: actor.id, action: 'data.erasure_declined', targetType: 'data_request', targetId: requestId, ip: actor.ip });
    return request.userId;
  });
  await tell(db, {
    userIds: [userId],
    kind: 'data_request_answered',
    message: 'HR answered your request to erase your data.',
    link: '/settings#your-data',
    subject: 'Your data request has an answer',
    mailText: 'HR answered your request to erase your data in Nook. Open Settings to read the answer.',
  });
}

/**
 * The identity provider deleted her (SCIM DELETE). Where her site says so, the same erasure
 * runs at once (the provider speaks for the employer) and is recorded as an answered request;
 * otherwise she is only deactivated, as before. Returns what happened.
 */
export async function eraseOnProviderDelete(db: Db, userId: string, now: Date, ip: string | null): Promise<'erased' | 'keep' | 'not_found'> {
  const policy = await scimDeletePolicy(db, userId);
  if (!policy) return 'not_found';
  if (!policy.eraseOnScimDelete) return 'keep';
  await db.transaction(async (tx) => {
    const counts = await erasePerson(tx, userId, now);
    const [row] = await tx
      .insert(dataRequests)
      .values({ kind: 'erasure', status: 'done', userId: null, requestedAt: now, dueAt: dataRequestDue(now, 'UTC'), decidedAt: now, completedAt: now, erased: counts })
      .returning({ id: dataRequests.id });
    await recordAudit(tx, { actorId: null, action: 'data.erased', targetType: 'data_request', targetId: row!.id, detail: { source: 'scim', ...counts }, ip });
  });
  return 'erased';
}
