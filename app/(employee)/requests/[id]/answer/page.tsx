import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { findRequestFor } from '@/db/queries/requests';
import { getDb } from '@/db/runtime';
import { requireUser } from '@/lib/server/auth/guards';
import { describeDetails, isDecided, REQUEST_TYPE_LABELS } from '@/lib/requests';
import { formatDate, formatLocal } from '@/lib/time';
import { PrintButton } from './print-button';
import { isId } from '@/lib/schemas/inputs';

export const metadata: Metadata = { title: 'Written answer' };

type Props = { params: Promise<{ id: string }> };

/** HR's written answer to a decided request, laid out to print (the request's owner, HR and admins). */
export default async function WrittenAnswerPage({ params }: Props) {
  await connection();
  const user = await requireUser();
  const { id } = await params;
  if (!isId(id)) notFound();
  const view = await findRequestFor(await getDb(), user, id);
  if (!view || !isDecided(view.request.status)) notFound();
  const r = view.request;
  const dateOnly = { hour: undefined, minute: undefined, hourCycle: undefined, weekday: 'long' as const, year: 'numeric' as const, month: 'long' as const };

  return (
    <article className="written-answer stack">
      <p className="small no-print">
        <Link href={`/requests/${r.id}`}>Back to the request</Link>
      </p>
      <header>
        <h1>Written answer to a schedule request</h1>
        <p className="muted">{view.siteName}</p>
      </header>
      <dl className="details-list">
        <dt>To</dt>
        <dd>{view.ownerName}</dd>
        <dt>Request</dt>
        <dd>
          {REQUEST_TYPE_LABELS[r.type]}: {describeDetails(r.details)}
        </dd>
        <dt>Period</dt>
        <dd>
          From {formatDate(r.fromDate, 'long')}
          {r.untilDate ? ` until ${formatDate(r.untilDate, 'long')}` : ''}
        </dd>
        <dt>Submitted</dt>
        <dd>{r.submittedAt ? formatLocal(r.submittedAt, view.timeZone, dateOnly) : ''}</dd>
        <dt>Decision</dt>
        <dd>
          <strong>{r.status === 'approved' ? (r.approvedDetails ? 'Approved with changes' : 'Approved') : 'Denied'}</strong>
        </dd>
        {r.approvedDetails && (
          <>
            <dt>Approved as</dt>
            <dd>{describeDetails(r.approvedDetails)}</dd>
          </>
        )}
        <dt>Date</dt>
        <dd>{r.decidedAt ? formatLocal(r.decidedAt, view.timeZone, dateOnly) : ''}</dd>
        <dt>Decided by</dt>
        <dd>{view.decidedByName ?? 'HR'}</dd>
      </dl>
      <section aria-labelledby="reason-heading">
        <h2 id="reason-heading">{r.status === 'denied' ? 'Reason' : 'Message from HR'}</h2>
        <p className="answer-text">{r.decision ?? 'No further message.'}</p>
      </section>
      <div className="no-print">
        <PrintButton />
      </div>
    </article>
  );
}
