import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { findRequestFor, listEvents, listNotes } from '@/db/queries/requests';
import { getDb } from '@/db/runtime';
import { requireRole } from '@/lib/server/auth/guards';
import { describeDetails, isDecided, REQUEST_TYPE_LABELS } from '@/lib/requests';
import { formatLocal } from '@/lib/time';
import { Deadline, DetailsList, StatusBadge, Timeline } from '@/app/(employee)/requests/_components/request-parts';
import { ApproveForm, DenyForm, NoteForm, RequestChangesForm } from './decide-forms';
import { isId } from '@/lib/schemas/inputs';

export const metadata: Metadata = { title: 'Request' };

type Props = { params: Promise<{ id: string }> };

export default async function HrRequestPage({ params }: Props) {
  await connection();
  const user = await requireRole('hr');
  const { id } = await params;
  if (!isId(id)) notFound();
  const db = await getDb();
  const view = await findRequestFor(db, user, id);
  // Drafts are the employee's own until she submits them.
  if (!view || view.request.status === 'draft') notFound();
  const r = view.request;
  const [events, notes] = await Promise.all([listEvents(db, r.id), listNotes(db, r.id)]);
  const now = new Date();

  return (
    <div className="stack">
      <p className="small">
        <Link href="/hr/requests">Back to Requests to answer</Link>
      </p>
      <header className="page-header">
        <h1>
          {REQUEST_TYPE_LABELS[r.type]} request from {view.ownerName} <StatusBadge status={r.status} />
        </h1>
        <p>
          {view.siteName}
          {r.submittedAt && <> · submitted {formatLocal(r.submittedAt, view.timeZone)}</>}
          <Deadline at={r.deadlineAt} timeZone={view.timeZone} status={r.status} now={now} decidedAt={r.decidedAt} before=" · " />
        </p>
      </header>

      <section className="card stack" aria-labelledby="asked-heading">
        <h2 id="asked-heading">What is asked for</h2>
        <DetailsList details={r.details} fromDate={r.fromDate} untilDate={r.untilDate} />
        {r.note && (
          <div>
            <h3 style={{ fontSize: '1rem', margin: '0.5rem 0 0.25rem' }}>The employee&apos;s note</h3>
            <p className="timeline-message">{r.note}</p>
          </div>
        )}
      </section>

      {r.status === 'submitted' && (
        <section className="card stack" aria-labelledby="decide-heading">
          <h2 id="decide-heading">Decide</h2>
          <div className="stack">
            <h3 style={{ margin: 0, fontSize: '1.05rem' }}>Approve</h3>
            <ApproveForm requestId={r.id} version={r.version} details={r.details} />
          </div>
          <div className="stack">
            <h3 style={{ margin: 0, fontSize: '1.05rem' }}>Ask for changes</h3>
            <RequestChangesForm requestId={r.id} version={r.version} />
          </div>
          <div className="stack">
            <h3 style={{ margin: 0, fontSize: '1.05rem' }}>Deny</h3>
            <DenyForm requestId={r.id} version={r.version} />
          </div>
        </section>
      )}

      {isDecided(r.status) && (
        <section className="card stack" aria-labelledby="decision-heading">
          <h2 id="decision-heading">Decision</h2>
          <p style={{ marginBottom: 0 }}>
            {r.status === 'approved' ? 'Approved' : 'Denied'} by {view.decidedByName ?? 'someone no longer here'} on {r.decidedAt ? formatLocal(r.decidedAt, view.timeZone) : ''}.
          </p>
          {r.approvedDetails && <p style={{ marginBottom: 0 }}>Approved as: {describeDetails(r.approvedDetails)}</p>}
          {r.decision && <p className="timeline-message">{r.decision}</p>}
          <p style={{ marginBottom: 0 }}>
            <Link href={`/requests/${r.id}/answer`} className="btn btn-secondary btn-small">
              Written answer (printable)
            </Link>
          </p>
        </section>
      )}

      <section className="card stack" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        <Timeline events={events} timeZone={view.timeZone} />
      </section>

      <section className="card stack" aria-labelledby="notes-heading">
        <h2 id="notes-heading">Internal notes</h2>
        <p className="small muted" style={{ margin: 0 }}>
          Only HR and admins see these in Nook; the employee receives them with a copy of her data if she asks for one. Adding a note is recorded in the audit log.
        </p>
        {notes.length === 0 ? (
          <p className="muted">No notes yet.</p>
        ) : (
          <ul className="request-list">
            {notes.map((n) => (
              <li key={n.id}>
                <p className="timeline-message">{n.body}</p>
                <p className="small muted" style={{ margin: 0 }}>
                  {n.authorName ?? 'Someone no longer here'} · {formatLocal(n.createdAt, view.timeZone)}
                </p>
              </li>
            ))}
          </ul>
        )}
        <NoteForm requestId={r.id} />
      </section>
    </div>
  );
}
