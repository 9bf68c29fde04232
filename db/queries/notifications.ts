import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { notifications } from '../schema';

export async function listUnreadNotices(db: Db, userId: string, limit = 10) {
  return db
    .select({ id: notifications.id, message: notifications.message, link: notifications.link, createdAt: notifications.createdAt })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
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
