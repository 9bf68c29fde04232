import type { Metadata } from 'next';
import { connection } from 'next/server';
import { ActionButton } from '@/app/_components/action-button';
import { ensurePersonalFeed } from '@/db/queries/feeds';
import { findSite } from '@/db/queries/rooms';
import { getDb } from '@/db/runtime';
import { feedLinks, serverFeedKey } from '@/lib/server/auth/feed-key';
import { requireRole } from '@/lib/server/auth/guards';
import { ROLE_LABELS } from '@/lib/roles';
import { setRemindersAction, signOutEverywhereAction } from './actions';
import { CalendarFeed } from './calendar-feed';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  await connection();
  const user = await requireRole('employee');
  const db = await getDb();
  const [site, feed] = await Promise.all([user.siteId ? findSite(db, user.siteId) : undefined, ensurePersonalFeed(db, user.id, serverFeedKey())]);
  const links = await feedLinks(feed.token);
  return (
    <div className="stack">
      <header className="page-header">
        <h1>Settings</h1>
        <p>Your account in Nook.</p>
      </header>
      <section className="card" aria-labelledby="account-heading">
        <h2 id="account-heading">Account</h2>
        <dl className="small" style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '0.25rem 1rem', margin: 0 }}>
          <dt className="muted">Name</dt>
          <dd style={{ margin: 0 }}>{user.name}</dd>
          <dt className="muted">Email</dt>
          <dd style={{ margin: 0 }}>{user.email}</dd>
          <dt className="muted">Role</dt>
          <dd style={{ margin: 0 }}>{ROLE_LABELS[user.role]}</dd>
          <dt className="muted">Site</dt>
          <dd style={{ margin: 0 }}>{site?.name ?? 'Not assigned'}</dd>
        </dl>
      </section>
      <section className="card stack" aria-labelledby="reminders-heading">
        <div>
          <h2 id="reminders-heading">Reminders</h2>
          <p className="muted small">
            A notice in Nook 15 minutes before each of your bookings. They are {user.remindersEnabled ? 'on' : 'off'}.
          </p>
        </div>
        <ActionButton
          action={setRemindersAction}
          label={user.remindersEnabled ? 'Turn reminders off' : 'Turn reminders on'}
          className="btn btn-secondary"
          fields={{ reminders: user.remindersEnabled ? 'off' : 'on' }}
        />
      </section>
      <section className="card stack" aria-labelledby="calendar-heading">
        <div>
          <h2 id="calendar-heading">Calendar feed</h2>
          <p className="muted small" style={{ margin: 0 }}>
            Your bookings in Google, Outlook or Apple Calendar, kept up to date: new, moved and cancelled breaks, from 30 days back on.
          </p>
        </div>
        <CalendarFeed url={links.url} webcal={links.webcal} title={feed.feed.title} exampleRoom="Room 3" />
      </section>
      <section className="card stack" aria-labelledby="sessions-heading">
        <div>
          <h2 id="sessions-heading">Sessions</h2>
          <p className="muted small">Signed in on a shared or lost device? End every session of yours, on every device, at once.</p>
        </div>
        <ActionButton action={signOutEverywhereAction} label="Sign out everywhere" className="btn btn-danger" />
      </section>
    </div>
  );
}
