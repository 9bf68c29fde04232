import type { RequestView } from '@/db/queries/requests';
import { isOverdue } from '@/lib/business-days';
import { describeDetails, REQUEST_STATUS_LABELS, REQUEST_TYPE_LABELS, type RequestDetails, type RequestStatus } from '@/lib/requests';
import { formatDate, formatLocal } from '@/lib/time';

const TONE: Record<RequestStatus, string> = {
  draft: 'badge',
  submitted: 'badge badge-warn',
  changes_requested: 'badge badge-warn',
  approved: 'badge badge-ok',
  denied: 'badge badge-danger',
  withdrawn: 'badge',
};

export function StatusBadge({ status }: { status: RequestStatus }) {
  return <span className={TONE[status]}>{REQUEST_STATUS_LABELS[status]}</span>;
}

/**
 * "Answer due by the end of Mon 9 Mar" (the last business day), or "Overdue since …"; once
 * decided, whether the answer came by that day. Nothing for drafts, withdrawn requests and
 * those waiting on the employee. `before` (a separator) is shown only when the line is.
 */
export function Deadline({
  at,
  timeZone,
  status,
  now,
  decidedAt = null,
  before = null,
}: {
  at: Date | null;
  timeZone: string;
  status: RequestStatus;
  now: Date;
  decidedAt?: Date | null;
  before?: React.ReactNode;
}) {
  if (!at) return null;
  // Stored as the midnight that ends the last business day: show that day.
  const lastDay = formatLocal(new Date(at.getTime() - 1), timeZone, { hour: undefined, minute: undefined, hourCycle: undefined });
  if ((status === 'approved' || status === 'denied') && decidedAt) {
    const onTime = decidedAt.getTime() < at.getTime();
    return (
      <>
        {before}
        {onTime ? <span>Answered on time: due by the end of {lastDay}</span> : <span className="badge badge-warn">Answered late: it was due by the end of {lastDay}</span>}
      </>
    );
  }
  if (status !== 'submitted') return null;
  if (isOverdue(at, now)) {
    return (
      <>
        {before}
        <span className="badge badge-danger">Overdue: answer was due by the end of {lastDay}</span>
      </>
    );
  }
  return (
    <>
      {before}
      <span>Answer due by the end of {lastDay}</span>
    </>
  );
}

export function DetailsList({ details, fromDate, untilDate }: { details: RequestDetails; fromDate: string; untilDate: string | null }) {
  return (
    <dl className="details-list">
      <dt>Type</dt>
      <dd>{REQUEST_TYPE_LABELS[details.type]}</dd>
      <dt>What</dt>
      <dd>{describeDetails(details)}</dd>
      <dt>From</dt>
      <dd>{formatDate(fromDate)}</dd>
      <dt>Until</dt>
      <dd>{untilDate ? formatDate(untilDate) : 'Not set'}</dd>
    </dl>
  );
}

const EVENT_LABELS: Record<string, string> = {
  created: 'Started',
  updated: 'Draft saved',
  submitted: 'Submitted to HR',
  resubmitted: 'Changes sent to HR',
  changes_requested: 'HR asked for changes',
  approved: 'Approved',
  denied: 'Denied',
  withdrawn: 'Withdrawn',
};

type Event = { id: number; at: Date; kind: string; message: string | null; actorName: string | null };

/** What happened, in order. Messages here are the ones meant for the employee. */
export function Timeline({ events, timeZone }: { events: Event[]; timeZone: string }) {
  return (
    <ol className="timeline">
      {events.map((e) => (
        <li key={e.id}>
          <p style={{ margin: 0 }}>
            <strong>{EVENT_LABELS[e.kind] ?? e.kind}</strong>
            <span className="muted small">
              {' '}
              · {formatLocal(e.at, timeZone)}
              {e.actorName ? ` · ${e.actorName}` : ''}
            </span>
          </p>
          {e.message && <p className="timeline-message">{e.message}</p>}
        </li>
      ))}
    </ol>
  );
}

export function requestTitle(r: RequestView['request']) {
  return REQUEST_TYPE_LABELS[r.type];
}
