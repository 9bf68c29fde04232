import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { listMyRequests } from '@/db/queries/requests';
import { getDb } from '@/db/runtime';
import { requireRole } from '@/lib/server/auth/guards';
import { describeDetails, REQUEST_TYPE_LABELS } from '@/lib/requests';
import { formatDate } from '@/lib/time';
import { Deadline, StatusBadge } from './_components/request-parts';

export const metadata: Metadata = { title: 'My requests' };

export default async function MyRequestsPage() {
  await connection();
  const user = await requireRole('employee');
  const db = await getDb();
  const mine = await listMyRequests(db, user.id);
  const now = new Date();

  return (
    <div className="stack">
      <header className="page-header">
        <h1>My requests</h1>
        <p>Ask for a flexible schedule: a break pattern, shifted hours or remote days. HR answers in writing by a deadline. Only you and HR see your requests.</p>
      </header>
      <p>
        <Link href="/requests/new" className="btn">
          New request
        </Link>
      </p>
      {mine.length === 0 ? (
        <p className="muted">You have not made any requests yet.</p>
      ) : (
        <ul className="request-list">
          {mine.map(({ request: r, timeZone }) => (
            <li key={r.id} className="card stack" style={{ gap: '0.35rem' }}>
              <h2 style={{ margin: 0, fontSize: '1.1rem' }}>
                <Link href={`/requests/${r.id}`}>{REQUEST_TYPE_LABELS[r.type]}</Link> <StatusBadge status={r.status} />
              </h2>
              <p style={{ margin: 0 }}>{describeDetails(r.details)}</p>
              <p className="small muted" style={{ margin: 0 }}>
                From {formatDate(r.fromDate)}
                {r.untilDate ? ` until ${formatDate(r.untilDate)}` : ''}
                <Deadline at={r.deadlineAt} timeZone={timeZone} status={r.status} now={now} decidedAt={r.decidedAt} before=" · " />
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
