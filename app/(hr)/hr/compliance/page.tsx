import type { Metadata } from 'next';
import { connection } from 'next/server';
import { TableWrap } from '@/app/_components/table-wrap';
import { PrintButton } from '@/app/_components/print-button';
import { listSites } from '@/db/queries/rooms';
import { complianceReport } from '@/db/queries/reports';
import { getDb } from '@/db/runtime';
import { requireRole } from '@/lib/server/auth/guards';
import { formatDateSpan, formatLocal } from '@/lib/time';
import { formatHours, PROBLEM_KIND_LABELS } from '@/lib/problems';
import { formatShown, K_MIN_PEOPLE, SUPPRESSED } from '@/lib/reports';
import { DataTable, HiddenFigure, ReportFilterForm } from '../reports/_parts';
import { checklistTable, needsTable, outOfServiceText, queryOf, readFilters } from '../reports/tables';

export const metadata: Metadata = { title: 'Compliance' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CompliancePage({ searchParams }: Props) {
  await connection();
  await requireRole('hr');
  const db = await getDb();
  const now = new Date();
  const { filters: raw, error } = readFilters(await searchParams, now);
  // Compliance is per site: a room filter does not apply here.
  const filters = { ...raw, roomId: undefined };
  const [report, sites] = await Promise.all([complianceReport(db, filters, now), listSites(db)]);
  const exportHref = (table: string) => `/hr/reports/export?${queryOf(filters, { table })}`;
  const needs = needsTable(report);
  const incomplete = report.rooms.filter((r) => r.missing.length > 0 || r.outOfService !== null);

  return (
    <div className="stack">
      <header className="page-header">
        <h1>Compliance</h1>
        <p>
          Each room against its site&apos;s rules and its open problems, how many requests were answered on time, and when more people needed a room than it has stations. {formatDateSpan(filters.from, filters.to)}.
        </p>
      </header>
      {error && (
        <p className="alert alert-error" role="alert">
          {error} Showing the last 30 days instead.
        </p>
      )}
      <ReportFilterForm action="/hr/compliance" from={filters.from} to={filters.to} siteId={filters.siteId} sites={sites.map((s) => ({ id: s.id, name: s.name }))} rooms={[]} showRoom={false} />
      <p className="no-print">
        <PrintButton label="Print" />
      </p>

      <section aria-labelledby="rooms" className="stack">
        <h2 id="rooms">Room checklists</h2>
        {incomplete.length === 0 ? (
          <p className="alert alert-ok">Every room meets its site&apos;s checklist.</p>
        ) : (
          <ul className="request-list">
            {incomplete.map((r) => (
              <li key={`${r.site}-${r.room}`}>
                <strong>
                  {r.room} ({r.site})
                </strong>{' '}
                {r.outOfService !== null ? (
                  <>is {outOfServiceText(r.outOfService).replace(/^O/, 'o')} It meets no checklist until it is back.</>
                ) : (
                  <>
                    is missing: <span className="checklist-missing">{r.missing.join(', ')}</span>.
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        <p className="muted small">“Not a bathroom”: Nook only lists dedicated private rooms, so each room meets it; confirm on site when a room is added.</p>
        {/* One row per room: shown whole, never in a box that hides most of them. */}
        <DataTable table={checklistTable(report)} id="table-checklist" exportHref={exportHref('checklist')} whole />
      </section>

      <section aria-labelledby="problems" className="stack">
        <h2 id="problems">Room problems</h2>
        {report.problems.open.length === 0 ? (
          <p className="alert alert-ok">No room has an open problem.</p>
        ) : (
          <ul className="request-list" aria-label="Open room problems">
            {report.problems.open.map((p, i) => (
              <li key={i}>
                <strong>
                  {p.room} ({p.site})
                </strong>
                : {PROBLEM_KIND_LABELS[p.kind].toLowerCase()}, open since {formatLocal(p.reportedAt, p.timeZone)}.
              </li>
            ))}
          </ul>
        )}
        <p className="small" style={{ margin: 0 }}>
          {report.problems.fixed === 0
            ? 'No problem was fixed in this range.'
            : `${report.problems.fixed} ${report.problems.fixed === 1 ? 'problem' : 'problems'} fixed in this range; the median time from report to fix was ${formatHours(report.problems.medianHoursToFix!)}.`}
        </p>
      </section>

      <section aria-labelledby="on-time" className="stack">
        <h2 id="on-time">Requests answered on time</h2>
        {report.requests.decided === SUPPRESSED && (
          <p className="muted small">Fewer than {K_MIN_PEOPLE} people had a request decided in this range, so these figures are hidden to keep them from pointing at anyone.</p>
        )}
        <TableWrap label="Requests answered on time">
          <table>
            <tbody>
              <tr>
                <th scope="row">Decided in the range</th>
                <td>{report.requests.decided === SUPPRESSED ? <HiddenFigure /> : formatShown(report.requests.decided)}</td>
              </tr>
              <tr>
                <th scope="row">Decided by the deadline</th>
                <td>{report.requests.onTime === SUPPRESSED ? <HiddenFigure /> : formatShown(report.requests.onTime)}</td>
              </tr>
              <tr>
                <th scope="row">Share on time</th>
                <td>{report.requests.share === SUPPRESSED ? <HiddenFigure /> : formatShown(report.requests.share, 'percent')}</td>
              </tr>
            </tbody>
          </table>
        </TableWrap>
      </section>

      <section aria-labelledby="needs" className="stack">
        <h2 id="needs">Simultaneous need</h2>
        <p className="muted small">Hours in which a room refused someone because every station was taken, or Book now found none: demand exceeded stations. Who asked is never recorded.</p>
        <DataTable table={needs} id="table-needs" exportHref={exportHref('needs')} />
      </section>
    </div>
  );
}
