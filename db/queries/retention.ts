import { and, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { appSettings, bookings, notifications, requests, type AppSettings } from '../schema';
import { recordAudit } from './audit';

const DAY_MS = 86_400_000;

export async function getSettings(db: Db): Promise<AppSettings> {
  const [row] = await db.select().from(appSettings).limit(1);
  return row ?? { id: 1, bookingRetentionDays: 365, requestRetentionDays: 730, updatedAt: new Date(0) };
}

/** Changes how long personal data is kept; audited with the old and new periods. */
export async function setRetention(db: Db, actor: { id: string }, input: { bookingRetentionDays: number; requestRetentionDays: number }, ip: string | null) {
  return db.transaction(async (tx) => {
    const before = await getSettings(tx);
    await tx
      .insert(appSettings)
      .values({ id: 1, ...input })
      .onConflictDoUpdate({ target: appSettings.id, set: { ...input, updatedAt: sql`now()` } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'settings.retention_changed',
      targetType: 'settings',
      targetId: 'retention',
      detail: { from: { bookingRetentionDays: before.bookingRetentionDays, requestRetentionDays: before.requestRetentionDays }, to: input },
      ip,
    });
  });
}

/**
 * The retention run: bookings that ended more than the booking period ago keep their room,
 * station, times and outcome (what the reports count) but lose who made them and which plan;
 * read notices about them go too; requests decided or withdrawn more than the request period
 * ago are deleted with their timeline and notes. Running it again changes nothing.
 */
export async function applyRetention(db: Db, now: Date): Promise<{ anonymised: number; requestsPurged: number; noticesPurged: number }> {
  const settings = await getSettings(db);
  const bookingCutoff = new Date(now.getTime() - settings.bookingRetentionDays * DAY_MS);
  const requestCutoff = new Date(now.getTime() - settings.requestRetentionDays * DAY_MS);
  const anonymised = await db
    .update(bookings)
    .set({ userId: null, planId: null, planSlot: null })
    .where(and(lt(bookings.endAt, bookingCutoff), or(isNotNull(bookings.userId), isNotNull(bookings.planId))))
    .returning({ id: bookings.id });
  const noticesPurged = await db
    .delete(notifications)
    .where(and(lt(notifications.createdAt, bookingCutoff), isNotNull(notifications.readAt)))
    .returning({ id: notifications.id });
  const requestsPurged = await db
    .delete(requests)
    .where(
      and(
        inArray(requests.status, ['approved', 'denied', 'withdrawn']),
        lt(sql`coalesce(${requests.decidedAt}, ${requests.updatedAt})`, sql`${requestCutoff.toISOString()}::timestamptz`),
      ),
    )
    .returning({ id: requests.id });
  return { anonymised: anonymised.length, requestsPurged: requestsPurged.length, noticesPurged: noticesPurged.length };
}
