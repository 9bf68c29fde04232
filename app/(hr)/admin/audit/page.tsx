import type { Metadata } from 'next';
import { connection } from 'next/server';
import { TableWrap } from '@/app/_components/table-wrap';
import { auditActions, listAudit } from '@/db/queries/audit';
import { getDb } from '@/db/runtime';
import { requireRole } from '@/lib/server/auth/guards';
import { auditFilterSchema, auditRange } from '@/lib/schemas/audit';

export const metadata: Metadata = { title: 'Audit log' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function describeDetail(detail: unknown): string {
  if (!detail || typeof detail !== 'object') return '';
  return Object.entries(detail as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join('; ');
}

export default async function AuditPage({ searchParams }: Props) {
  await connection();
  await requireRole('admin');
  const db = await getDb();
  const raw = await searchParams;
  const parsed = auditFilterSchema.safeParse({ action: raw.action, from: raw.from, to: raw.to });
  const filter = parsed.success ? parsed.data : {};
  const [rows, actions] = await Promise.all([listAudit(db, { ...auditRange(filter), limit: 200 }), auditActions(db)]);
  const exportQuery = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === 'string'));

  return (
    <div className="stack">
      <header className="page-header">
        <h1>Audit log</h1>
        <p>Every change admins and HR make, with who, when and from where. Nook only adds to it.</p>
      </header>
      {!parsed.success && (
        <p className="alert alert-error" role="alert">
          {parsed.error.issues[0]?.message ?? 'Those filters are not valid.'} Showing everything instead.
        </p>
      )}
      <form method="get" className="card filters" aria-label="Filter the audit log">
        <div className="field">
          <label htmlFor="action">Action</label>
          <select id="action" name="action" defaultValue={filter.action ?? ''}>
            <option value="">All actions</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="from">From (UTC)</label>
          <input id="from" name="from" type="date" defaultValue={filter.from ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="to">To (UTC)</label>
          <input id="to" name="to" type="date" defaultValue={filter.to ?? ''} />
        </div>
        <button type="submit" className="btn">
          Filter
        </button>
        <a className="btn btn-secondary" href={`/admin/audit/export?${exportQuery}`} download>
          Export CSV
        </a>
      </form>
      <TableWrap label="Audit log entries">
        <table>
          <caption className="muted small" style={{ textAlign: 'left', padding: '0.6rem 0.75rem' }}>
            {rows.length === 200 ? 'The latest 200 entries; export for all.' : `${rows.length} ${rows.length === 1 ? 'entry' : 'entries'}`}
          </caption>
          <thead>
            <tr>
              <th scope="col">When (UTC)</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Details</th>
              <th scope="col">From</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  {filter.action || filter.from || filter.to ? 'No entries match these filters.' : 'Nothing has been recorded yet. Role changes, room and policy changes, request decisions and exports will appear here.'}
                </td>
              </tr>
            )}
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{r.at.toISOString().slice(0, 16).replace('T', ' ')}</td>
                <td>{r.actorName ?? (r.detail.source === 'scim' ? 'Identity provider (SCIM)' : 'Someone no longer in Nook')}</td>
                <td>
                  <code>{r.action}</code>
                </td>
                <td className="small">{describeDetail(r.detail)}</td>
                <td className="small">{r.ip ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </div>
  );
}
