import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { z } from 'zod';
import { TableWrap } from '@/app/_components/table-wrap';
import { listQueue } from '@/db/queries/requests';
import { listSites } from '@/db/queries/rooms';
import { getDb } from '@/db/runtime';
import { requireRole } from '@/lib/server/auth/guards';
import { isOverdue } from '@/lib/business-days';
import { REQUEST_STATUS_LABELS, REQUEST_STATUSES, REQUEST_TYPE_LABELS } from '@/lib/requests';
import { formatLocal } from '@/lib/time';
import { Deadline, StatusBadge } from '@/app/(employee)/requests/_components/request-parts';
import { id } from '@/lib/schemas/inputs';

export const metadata: Metadata = { title: 'Requests to answer' };

const filterSchema = z.object({
  status: z.enum(REQUEST_STATUSES).exclude(['draft']).optional().catch(undefined),
  site: id('Choose a site.').optional().catch(undefined),
});

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** HR's queue: every submitted request, soonest deadline first; overdue ones stand out. */
export default async function RequestQueuePage({ searchParams }: Props) {
  await connection();
  await requireRole('hr');
  const raw = await searchParams;
  const filter = filterSchema.parse({ status: raw.status || undefined, site: raw.site || undefined });
  const status = raw.status === undefined ? 'submitted' : filter.status;
  const db = await getDb();
  const [rows, sites] = await Promise.all([listQueue(db, { status, siteId: filter.site }), listSites(db)]);
  const now = new Date();
  const overdue = rows.filter((r) => r.request.status === 'submitted' && isOverdue(r.request.deadlineAt, now)).length;

  return (
    <div className="stack">
      <header className="page-header">
        <h1>Requests to answer</h1>
        <p>Flexible-schedule requests, the soonest deadline first. Each site sets its reply deadline in business days.</p>
      </header>
      <form method="get" className="filters inline-form" aria-label="Filter requests">
        <div className="field">
          <label htmlFor="status-filter">Status</label>
          <select id="status-filter" name="status" defaultValue={status ?? ''}>
            <option value="">Any status</option>
            {REQUEST_STATUSES.filter((s) => s !== 'draft').map((s) => (
              <option key={s} value={s}>
                {REQUEST_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="site-filter">Site</label>
          <select id="site-filter" name="site" defaultValue={filter.site ?? ''}>
            <option value="">All sites</option>
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn btn-secondary">
          Show
        </button>
      </form>
      {overdue > 0 && (
        <p className="alert alert-error" role="status">
          {overdue === 1 ? '1 request is past its deadline.' : `${overdue} requests are past their deadline.`}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="muted">No requests match.</p>
      ) : (
        <TableWrap label="Requests">
          <table>
            <caption className="sr-only">Requests, soonest deadline first</caption>
            <thead>
              <tr>
                <th scope="col">Employee</th>
                <th scope="col">Request</th>
                <th scope="col">Site</th>
                <th scope="col">Submitted</th>
                <th scope="col">Deadline</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ request: r, ownerName, siteName, timeZone }) => {
                const late = r.status === 'submitted' && isOverdue(r.deadlineAt, now);
                return (
                  <tr key={r.id} className={late ? 'overdue' : undefined}>
                    <th scope="row">
                      <Link href={`/hr/requests/${r.id}`}>{ownerName}</Link>
                    </th>
                    <td>{REQUEST_TYPE_LABELS[r.type]}</td>
                    <td>{siteName}</td>
                    <td>{r.submittedAt ? formatLocal(r.submittedAt, timeZone) : ''}</td>
                    <td>{r.status === 'submitted' ? <Deadline at={r.deadlineAt} timeZone={timeZone} status={r.status} now={now} /> : '—'}</td>
                    <td>
                      <StatusBadge status={r.status} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
    </div>
  );
}
