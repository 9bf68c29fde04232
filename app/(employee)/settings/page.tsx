import type { Metadata } from 'next';
import { connection } from 'next/server';
import { ActionButton } from '@/app/_components/action-button';
import { ensurePersonalFeed } from '@/db/queries/feeds';
import { findSite } from '@/db/queries/rooms';
import { getDb } from '@/db/runtime';
import { feedLinks, serverFeedKey } from '@/lib/server/auth/feed-key';
import { requireRole } from '@/lib/server/auth/guards';
import { ROLE_LABELS } from '@/lib/roles';
import { listOwnDataRequests } from '@/db/queries/personal-data';
import { ARCHIVE_DAYS, dueDay } from '@/lib/data-rights';
import { formatDate, formatLocal } from '@/lib/time';
import { requestArchiveAction, requestErasureAction, setRemindersAction, signOutEverywhereAction, withdrawErasureAction } from './actions';
import { CalendarFeed } from './calendar-feed';
import { ErasureForm } from './erasure-form';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  await connection();
  const user = await requireRole('employee');
  const db = await getDb();
  const [site, feed, dataRequests] = await Promise.all([
    user.siteId ? findSite(db, user.siteId) : undefined,
    ensurePersonalFeed(db, user.id, serverFeedKey()),
    listOwnDataRequests(db, user.id),
  ]);
  const links = await feedLinks(feed.token);
  const now = new Date();
  const zone = site?.timeZone ?? 'UTC';
  // Without a site there is no local clock to speak in: say which one the times are in.
  const utc = site ? '' : ' UTC';
  const archive = dataRequests.find((r) => r.kind === 'access' && r.status === 'ready' && r.expiresAt && r.expiresAt > now);
  const preparing = dataRequests.find((r) => r.kind === 'access' && r.status === 'pending');
  const erasure = dataRequests.find((r) => r.kind === 'erasure' && r.status === 'pending');
  const declined = dataRequests.find((r) => r.kind === 'erasure');
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
      <section className="card stack" aria-labelledby="your-data-heading" id="your-data">
        <div>
          <h2 id="your-data-heading">Your data</h2>
          <p className="muted small" style={{ margin: 0 }}>
            Everything Nook holds about you: your account, bookings, plans, requests with their answers, notices and calendar feed settings.
          </p>
        </div>
        <div className="stack" style={{ gap: '0.5rem' }}>
          <h3>Download a copy</h3>
          {archive ? (
            <p className="small" style={{ margin: 0 }}>
              Your archive from {formatLocal(archive.completedAt ?? archive.requestedAt, zone)}
              {utc} is ready ({Math.max(1, Math.round((archive.archiveBytes ?? 0) / 1024))} KB, a zip of JSON and a calendar file).{' '}
              <a href={`/api/v1/me/data-export/${archive.id}`} download>
                Download your archive
              </a>
              . The link works until {formatLocal(archive.expiresAt!, zone)}
              {utc}.
            </p>
          ) : preparing ? (
            <p className="small" style={{ margin: 0 }} role="status">
              Nook is preparing your archive. You will get a notice when it is ready; the link then works for {ARCHIVE_DAYS} days.
            </p>
          ) : (
            <p className="muted small" style={{ margin: 0 }}>
              A zip with a JSON file of everything and your bookings as a calendar file. Only you can download it, for {ARCHIVE_DAYS} days.
            </p>
          )}
          {!preparing && <ActionButton action={requestArchiveAction} label={archive ? 'Make a new copy' : 'Download my data'} className="btn btn-secondary" />}
        </div>
        <div className="stack" style={{ gap: '0.5rem' }}>
          <h3>Erase your data</h3>
          {erasure ? (
            <>
              <p className="small" style={{ margin: 0 }}>
                You asked on {formatLocal(erasure.requestedAt, zone)}
                {utc} for your data to be erased. HR or an admin will confirm it by the end of {formatDate(dueDay(erasure.dueAt, zone), 'long')}; then your
                account is gone and you are signed out. Until then you can take it back.
              </p>
              <ActionButton action={withdrawErasureAction} label="Withdraw the erasure request" className="btn btn-secondary" fields={{ requestId: erasure.id }} />
            </>
          ) : (
            <>
              {declined?.status === 'declined' && (
                <p className="small" style={{ margin: 0 }}>
                  Your erasure request of {formatLocal(declined.requestedAt, zone)}
                  {utc} was declined: “{declined.reason}”
                </p>
              )}
              <p className="muted small" style={{ margin: 0 }}>
                Leaving the programme? Nook erases your account, plans, requests, notices and calendar feed, and keeps your past bookings only as anonymous room use for
                reports. HR or an admin confirms first, so a mistaken click cannot erase a request under review.
              </p>
              <ErasureForm action={requestErasureAction} />
            </>
          )}
        </div>
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
