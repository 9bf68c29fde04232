import type { Metadata } from 'next';
import { connection } from 'next/server';
import { TableWrap } from '@/app/_components/table-wrap';
import { PrintButton } from '@/app/_components/print-button';
import { listSites } from '@/db/queries/rooms';
import { complianceReport } from '@/db/queries/reports';
import { getDb } from '@/db/runtime';
import { requireRole } from '@/lib/server/auth/guards';
import { formatDate, formatDateSpan, formatLocal, localParts } from '@/lib/time';
import { coverageLabel, defaultJurisdiction, JURISDICTION_NAMES, nextChange, NOTICE_TRIGGER_LABELS, payLabel, rulesOn } from '@/lib/jurisdictions';
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

      <section aria-labelledby="law" className="stack">
        <div>
          <h2 id="law">The law at each site</h2>
          <p className="muted small" style={{ margin: 0 }}>
            The rules in force today where each site is, from its jurisdiction (set on the admin site page), each with its source; and the next change Nook knows of.
          </p>
        </div>
        {sites
          .filter((s) => !filters.siteId || s.id === filters.siteId)
          .map((s) => {
            const jurisdiction = s.jurisdiction ?? defaultJurisdiction(s.timeZone);
            const today = localParts(now, s.timeZone).date;
            const rules = rulesOn(jurisdiction, today);
            const next = nextChange(jurisdiction, today);
            return (
              <div key={s.id} className="card stack" style={{ gap: '0.5rem' }}>
                <h3 style={{ margin: 0 }}>
                  {s.name}: {JURISDICTION_NAMES[jurisdiction]}
                  {!s.jurisdiction && <span className="muted small"> (guessed from its time zone)</span>}
                </h3>
                <dl className="law-facts small">
                  <dt>Breaks protected</dt>
                  <dd>{coverageLabel(rules.coverageMonths)}</dd>
                  <dt>Break pay</dt>
                  <dd>{payLabel(rules.pay)}</dd>
                  <dt>Answer to a request</dt>
                  <dd>
                    {rules.replyBusinessDays ? `Within ${rules.replyBusinessDays} business days` : 'Within a reasonable time'}
                    {rules.writtenDenial ? '; in writing when it cannot be met' : ''}
                    {rules.replyBusinessDays && s.policy && s.policy.replyDeadlineBusinessDays > rules.replyBusinessDays && (
                      <span className="checklist-missing">
                        {' '}
                        (this site gives HR {s.policy.replyDeadlineBusinessDays} business days: more than the law allows)
                      </span>
                    )}
                  </dd>
                  <dt>Written policy</dt>
                  <dd>
                    {rules.notices.length ? rules.notices.map((n) => NOTICE_TRIGGER_LABELS[n]).join(', ') : 'No notice rule'}
                    {rules.primaryLanguage ? ', in her primary language' : ''}
                  </dd>
                  {rules.multipurposePrecedence && (
                    <>
                      <dt>Shared rooms</dt>
                      <dd>Lactation comes first in a room used for other purposes</dd>
                    </>
                  )}
                </dl>
                <ul className="small" style={{ margin: 0 }} aria-label={`Sources for ${s.name}`}>
                  {rules.sets.map((r) => (
                    <li key={`${r.level}-${r.effective}`}>
                      <a href={r.source.url} rel="noreferrer">
                        {r.title}
                      </a>
                      , in force since {formatDate(r.effective, 'long')} ({r.source.name})
                    </li>
                  ))}
                </ul>
                <p className="small" style={{ margin: 0 }}>
                  {next ? (
                    <>
                      <strong>Next change, {formatDate(next.effective, 'long')}:</strong> {next.summary}{' '}
                      <a href={next.source.url} rel="noreferrer">
                        {next.source.name}
                      </a>
                    </>
                  ) : (
                    'No change ahead that Nook knows of.'
                  )}
                </p>
              </div>
            );
          })}
      </section>

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
