import type { Metadata } from 'next';
import { connection } from 'next/server';
import { ActionButton } from '@/app/_components/action-button';
import { TableWrap } from '@/app/_components/table-wrap';
import { listDataRequestQueue } from '@/db/queries/personal-data';
import { getDb } from '@/db/runtime';
import { requireRole } from '@/lib/server/auth/guards';
import { DATA_REQUEST_KIND_LABELS, DATA_REQUEST_STATUS_LABELS, dueDay, isDataRequestOverdue } from '@/lib/data-rights';
import { formatDate, formatLocal } from '@/lib/time';
import { confirmErasureAction, declineErasureAction } from './actions';
import { DeclineForm } from './decline-form';

export const metadata: Metadata = { title: 'Data requests' };

/**
 * HR's queue of people's requests about their own data: erasures waiting for confirmation
 * first, soonest deadline first (one month from the request), then what was answered in the
 * last 90 days. Copies of data are made by Nook for the person herself and appear here only
 * as a record.
 */
const ANSWERED: Record<string, string> = {
  erased: 'Erased. Her account is gone, her past bookings stay only as anonymous room use, and she has been told.',
  declined: 'Declined. She has been told and can read your reason in Settings.',
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DataRequestsPage({ searchParams }: Props) {
  await connection();
  const { answered } = await searchParams;
  const me = await requireRole('hr');
  const db = await getDb();
  const rows = await listDataRequestQueue(db, new Date());
  const now = new Date();
  const waiting = rows.filter((r) => r.kind === 'erasure' && r.status === 'pending');
  const rest = rows.filter((r) => !(r.kind === 'erasure' && r.status === 'pending'));
  const overdue = waiting.filter((r) => isDataRequestOverdue(r, now)).length;
  const zone = (r: (typeof rows)[number]) => r.timeZone ?? 'UTC';

  return (
    <div className="stack">
      <header className="page-header">
        <h1>Data requests</h1>
        <p>People asking for a copy of their data or for its erasure. The law gives one month to answer; each step is in the audit log.</p>
      </header>
      {typeof answered === 'string' && ANSWERED[answered] && (
        <p className="alert alert-ok" role="status">
          {ANSWERED[answered]}
        </p>
      )}
      {overdue > 0 && (
        <p className="alert alert-error" role="status">
          {overdue === 1 ? '1 erasure request is past its deadline.' : `${overdue} erasure requests are past their deadline.`}
        </p>
      )}
      <section className="stack" aria-labelledby="waiting-heading">
        <h2 id="waiting-heading">Erasures to confirm</h2>
        {waiting.length === 0 ? (
          <p className="muted">No erasure request is waiting.</p>
        ) : (
          <ul className="stack" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {waiting.map((r) => {
              const who = r.name ?? 'Someone no longer in Nook';
              const late = isDataRequestOverdue(r, now);
              return (
                <li key={r.id} className={`card stack${late ? ' overdue' : ''}`}>
                  <div>
                    <h3 style={{ margin: 0 }}>{who}</h3>
                    <p className="muted small" style={{ margin: 0 }}>
                      {r.email} · {r.site ?? 'No site yet: times in UTC'}
                    </p>
                  </div>
                  <p className="small" style={{ margin: 0 }}>
                    Asked on {formatLocal(r.requestedAt, zone(r))}.{' '}
                    {late ? <span className="badge badge-warn">Past its deadline: it was due by the end of {formatDate(dueDay(r.dueAt, zone(r)), 'long')}</span> : <>Answer by the end of {formatDate(dueDay(r.dueAt, zone(r)), 'long')}.</>}
                  </p>
                  {r.openScheduleRequests > 0 && (
                    <p className="alert alert-warn small" style={{ margin: 0 }}>
                      {r.openScheduleRequests === 1 ? 'She has a schedule request under review.' : `She has ${r.openScheduleRequests} schedule requests under review.`} Erasing removes{' '}
                      {r.openScheduleRequests === 1 ? 'it' : 'them'}: check with her first if it was a mistake.
                    </p>
                  )}
                  <p className="muted small" style={{ margin: 0 }}>
                    Erasing removes her account, plans, requests, notices and calendar feed, cancels her future bookings and keeps her past ones only as anonymous room use. It cannot be undone.
                  </p>
                  {r.userId === me.id ? (
                    <p className="small" style={{ margin: 0 }}>
                      This is your own request: someone else in HR or an admin must answer it.
                    </p>
                  ) : (
                    <div className="stack" style={{ gap: '0.5rem' }}>
                      <ActionButton action={confirmErasureAction} label="Confirm and erase" context={`the data of ${who}`} className="btn btn-danger" fields={{ requestId: r.id }} />
                      <DeclineForm action={declineErasureAction} requestId={r.id} who={who} />
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section className="stack" aria-labelledby="answered-heading">
        <h2 id="answered-heading">Answered and copies, last 90 days</h2>
        {rest.length === 0 ? (
          <p className="muted">Nothing in the last 90 days.</p>
        ) : (
          <TableWrap label="Answered data requests">
            <table>
              <caption className="sr-only">Data requests of the last 90 days, soonest deadline first</caption>
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Request</th>
                  <th scope="col">Asked</th>
                  <th scope="col">Answered</th>
                  <th scope="col">Outcome</th>
                </tr>
              </thead>
              <tbody>
                {rest.map((r) => {
                  const onTime = r.completedAt ? r.completedAt.getTime() < r.dueAt.getTime() : null;
                  return (
                    <tr key={r.id}>
                      <th scope="row">{r.name ?? (r.status === 'done' ? 'Erased' : 'No longer in Nook')}</th>
                      <td>{DATA_REQUEST_KIND_LABELS[r.kind]}</td>
                      <td>{formatLocal(r.requestedAt, zone(r))}</td>
                      <td>
                        {r.completedAt ? formatLocal(r.completedAt, zone(r)) : '—'}
                        {onTime === false && <span className="badge badge-warn"> late</span>}
                      </td>
                      <td>
                        {DATA_REQUEST_STATUS_LABELS[r.status]}
                        {r.status === 'declined' && r.reason ? `: ${r.reason}` : ''}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
    </div>
  );
}
