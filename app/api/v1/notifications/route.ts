import { NextResponse } from 'next/server';
import { listNotifications, unreadCount } from '@/db/queries/notifications';
import { defineRoute } from '@/lib/server/auth/route';

/** Her own notifications (newest 20) and how many are unread: the top bar keeps its count fresh with this. */
export const GET = defineRoute({ access: 'employee' }, async ({ db, user }) => {
  const d = await db();
  const [unread, items] = await Promise.all([unreadCount(d, user.id), listNotifications(d, user.id, 20)]);
  return NextResponse.json(
    {
      unread,
      notifications: items.map((n) => ({ id: n.id, kind: n.kind, message: n.message, link: n.link, createdAt: n.createdAt.toISOString(), read: n.readAt !== null })),
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
});
