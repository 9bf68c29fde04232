import type { Metadata } from 'next';
import { connection } from 'next/server';
import { ActionButton } from '@/app/_components/action-button';
import { listNotifications } from '@/db/queries/notifications';
import { findSite } from '@/db/queries/rooms';
import { getDb } from '@/db/runtime';
import { requireUser } from '@/lib/server/auth/guards';
import { formatLocal } from '@/lib/time';
import { markAllNotificationsReadAction, markNotificationReadAction } from './actions';
import { NoticeLink } from './notice-link';

export const metadata: Metadata = { title: 'Notifications' };

/** Everything Nook has told this person: requests, decisions, changes to her bookings. */
export default async function NotificationsPage() {
  await connection();
  const user = await requireUser();
  const db = await getDb();
  const [all, site] = await Promise.all([listNotifications(db, user.id), user.siteId ? findSite(db, user.siteId) : undefined]);
  const unread = all.filter((n) => !n.readAt).length;
  const zone = site?.timeZone ?? 'UTC';

  return (
    <div className="stack">
      <header className="page-header">
        <h1>Notifications</h1>
        <p>{unread === 0 ? 'You are all caught up.' : unread === 1 ? '1 unread notification.' : `${unread} unread notifications.`}</p>
      </header>
      {unread > 0 && (
        <div>
          <ActionButton action={markAllNotificationsReadAction} label="Mark all as read" className="btn btn-secondary" />
        </div>
      )}
      {all.length === 0 ? (
        <p className="muted">Nothing yet.</p>
      ) : (
        <ul className="notification-list">
          {all.map((n) => (
            <li key={n.id} className={n.readAt ? undefined : 'unread'}>
              <div>
                <p style={{ margin: 0 }}>
                  {!n.readAt && <span className="sr-only">Unread: </span>}
                  {n.link ? (
                    <NoticeLink id={n.id} href={n.link} unread={!n.readAt}>
                      {n.message}
                    </NoticeLink>
                  ) : (
                    n.message
                  )}
                </p>
                <p className="small muted" style={{ margin: 0 }}>
                  {formatLocal(n.createdAt, zone)}
                </p>
              </div>
              {!n.readAt && <ActionButton action={markNotificationReadAction} label="Mark as read" className="btn btn-secondary btn-small" fields={{ id: n.id }} />}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
