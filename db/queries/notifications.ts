import { and, count, desc, eq, isNull, notLike, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { notifications } from '../schema';

/** Unread notices about bookings (shown on Home and My bookings); request notices live in the notification centre. */
export async function listUnreadNotices(db: Db, userId: string, limit = 10) {
  return db
    .select({ id: notifications.id, message: notifications.message, link: notifications.link, createdAt: notifications.createdAt })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), notLike(notifications.kind, 'request%')))
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
}

/** Marks one of the person's own notices read; someone else's is left alone. */
export async function markNoticeRead(db: Db, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length > 0;
}

/** Every notice of the person, newest first: the notification centre. */
export async function listNotifications(db: Db, userId: string, limit = 100) {
  return db
    .select({ id: notifications.id, kind: notifications.kind, message: notifications.message, link: notifications.link, createdAt: notifications.createdAt, readAt: notifications.readAt })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
}

export async function unreadCount(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

/** Marks all the person's unread notices read; answers how many. */
export async function markAllRead(db: Db, userId: string): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

/** Adds the same notice for each person. */
export async function notify(db: Db, userIds: string[], notice: { kind: string; message: string; link?: string | null }) {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  await db.insert(notifications).values(unique.map((userId) => ({ userId, kind: notice.kind, message: notice.message, link: notice.link ?? null })));
}

