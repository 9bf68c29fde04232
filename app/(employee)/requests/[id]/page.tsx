import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { ActionButton } from '@/app/_components/action-button';
import { findRequestFor, listEvents } from '@/db/queries/requests';
import { getDb } from '@/db/runtime';
import { requireUser } from '@/lib/server/auth/guards';
import { describeDetails, isDecided, isEditable, isOpen, REQUEST_TYPE_LABELS } from '@/lib/requests';
import { formatLocal, localParts } from '@/lib/time';
import { withdrawRequestAction } from '../actions';
import { RequestForm } from '../_components/request-form';
import { Deadline, DetailsList, StatusBadge, Timeline } from '../_components/request-parts';
import { isId } from '@/lib/schemas/inputs';

export const metadata: Metadata = { title: 'Request' };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> };

/** One request, for the person who made it (HR and admins see theirs at /hr/requests). Anyone else: 404. */
export default async function RequestPage({ params, searchParams }: Props) {
  await connection();
  const user = await requireUser();
  const { id } = await params;
  if (!isId(id)) notFound();
  const db = await getDb();
  const view = await findRequestFor(db, { id: user.id, role: 'employee' }, id);
  if (!view) notFound();
  const r = view.request;
  const events = await listEvents(db, r.id);
  const { saved } = await searchParams;
  const now = new Date();
  const lastAsk = [...events].reverse().find((e) => e.kind === 'changes_requested');
  const approved = r.status === 'approved' ? (r.approvedDetails ?? r.details) : null;

  return (
    <div className="stack">
      <p className="small">
        <Link href="/requests">Back to My requests</Link>
      </p>
      <header className="page-header">
        <h1>
          {REQUEST_TYPE_LABELS[r.type]} request <StatusBadge status={r.status} />
        </h1>
        <p>
          <Deadline at={r.deadlineAt} timeZone={view.timeZone} status={r.status} now={now} decidedAt={r.decidedAt} />
        </p>
      </header>
      {/* The banner answers the save that brought her here; once the request has moved on, it no longer fits. */}
      {((saved === 'submitted' && r.status === 'submitted') || (saved === 'draft' && r.status === 'draft')) && (
        <p className="alert alert-ok" role="status">
          {saved === 'submitted' ? 'Submitted. HR will answer by the deadline shown.' : 'Draft saved. Submit it when you are ready.'}
        </p>
      )}

      {r.status === 'changes_requested' && lastAsk?.message && (
        <section className="alert alert-warn" aria-labelledby="asked-heading">
          <h2 id="asked-heading" style={{ fontSize: '1.05rem', marginTop: 0 }}>
            HR asked for changes
          </h2>
          <p className="timeline-message">{lastAsk.message}</p>
        </section>
      )}

      {isDecided(r.status) && (
        <section className="card stack" aria-labelledby="answer-heading">
          <h2 id="answer-heading">HR&apos;s answer</h2>
          <p style={{ marginBottom: 0 }}>
            {r.status === 'approved' ? 'Approved' : 'Denied'} by {view.decidedByName ?? 'HR'} on {r.decidedAt ? formatLocal(r.decidedAt, view.timeZone) : ''}.
          </p>
          {r.decision && <p className="timeline-message">{r.decision}</p>}
          {approved?.type === 'break_pattern' && (
            <div className="stack" style={{ gap: '0.5rem' }}>
              <p style={{ marginBottom: 0 }}>
                <strong>Approved pattern:</strong> {describeDetails(approved)}
                {r.approvedDetails && <span className="muted"> (HR changed it from what you asked)</span>}
              </p>
              <p style={{ marginBottom: 0 }}>
                <Link href={`/plans/new?request=${r.id}`} className="btn">
                  Create a pump plan from this
                </Link>
              </p>
            </div>
          )}
          {approved && approved.type !== 'break_pattern' && r.approvedDetails && (
            <p style={{ marginBottom: 0 }}>
              <strong>Approved as:</strong> {describeDetails(approved)}
            </p>
          )}
          <p style={{ marginBottom: 0 }}>
            <Link href={`/requests/${r.id}/answer`} className="btn btn-secondary btn-small">
              Open the written answer to print
            </Link>
          </p>
        </section>
      )}

      {isEditable(r.status) ? (
        <section className="card stack" aria-labelledby="edit-heading">
          <h2 id="edit-heading">{r.status === 'draft' ? 'Your draft' : 'Change your request'}</h2>
          <RequestForm
            today={localParts(now, view.timeZone).date}
            request={{ id: r.id, version: r.version, details: r.details, fromDate: r.fromDate, untilDate: r.untilDate, note: r.note, status: r.status }}
          />
        </section>
      ) : (
        <section className="card stack" aria-labelledby="asked-for">
          <h2 id="asked-for">What you asked for</h2>
          <DetailsList details={r.details} fromDate={r.fromDate} untilDate={r.untilDate} />
          {r.note && (
            <p className="small">
              <strong>Your note to HR:</strong> <span className="timeline-message">{r.note}</span>
            </p>
          )}
        </section>
      )}

      {isOpen(r.status) && (
        <section className="stack" aria-labelledby="withdraw-heading">
          <h2 id="withdraw-heading" className="sr-only">
            Withdraw
          </h2>
          <div>
            <ActionButton action={withdrawRequestAction} label="Withdraw this request" className="btn btn-danger" fields={{ requestId: r.id }} />
          </div>
        </section>
      )}

      <section className="card stack" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        <Timeline events={events} timeZone={view.timeZone} />
      </section>
    </div>
  );
}
