import type { Metadata } from 'next';
import { connection } from 'next/server';
import { PrintButton } from '@/app/_components/print-button';
import { listRooms, listSites } from '@/db/queries/rooms';
import { usageReport } from '@/db/queries/reports';
import { getDb } from '@/db/runtime';
import { requireRole } from '@/lib/server/auth/guards';
import { WEEKDAYS } from '@/lib/opening-hours';
import { K_MIN_PEOPLE, SUPPRESSED } from '@/lib/reports';
import { formatDateSpan, formatDay } from '@/lib/time';
import { DataTable, ReportFilterForm } from './_parts';
import { OutcomesChart, UtilisationChart } from './charts-lazy';
import { heatmapTable, keyTable, queryOf, readFilters, requestsTable, utilisationTable } from './tables';

export const metadata: Metadata = { title: 'Reports' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const numeric = (v: number | string | null) => (typeof v === 'number' ? v : null);

export default async function ReportsPage({ searchParams }: Props) {
  await connection();
  await requireRole('hr');
  const db = await getDb();
  const now = new Date();
  const { filters, error } = readFilters(await searchParams, now);
  const [report, sites, rooms] = await Promise.all([usageReport(db, filters, now), listSites(db), listRooms(db)]);
  const siteName = new Map(sites.map((s) => [s.id, s.name]));
  const exportHref = (table: string) => `/hr/reports/export?${queryOf(filters, { table })}`;

  const key = keyTable(report);
  const util = utilisationTable(report);
  const heat = heatmapTable(report);
  const outcomes = requestsTable(report);
  const roomNames = [...new Set(report.utilisationByRoom.map((c) => c.room))];
  const utilData = [...new Set(report.utilisationByRoom.map((c) => c.bucket))].map((bucket) => ({
    bucket: formatDay(bucket),
    ...Object.fromEntries(
      report.utilisationByRoom.filter((c) => c.bucket === bucket).map((c) => [c.room, numeric(c.utilisation) === null ? null : Math.round(numeric(c.utilisation)! * 1000) / 10]),
    ),
  }));
  const outcomeData = report.requestOutcomes.map((c) => ({ bucket: formatDay(c.bucket), received: numeric(c.received), approved: numeric(c.approved), denied: numeric(c.denied) }));
  const hours = report.heatmap.map((c) => c.hour);
  const hourRange = hours.length ? Array.from({ length: Math.max(...hours) - Math.min(...hours) + 1 }, (_, i) => Math.min(...hours) + i) : [];
  const scope = [report.scope.room, report.scope.site].filter(Boolean).join(', ') || 'All sites';
  // A hidden figure says so in words: "<5" beside a rate reads as "under 5 %".
  const figure = (label: string, value: string, note?: string) => (
    <div className="figure" key={label}>
      <dt>{label}</dt>
      {value === SUPPRESSED ? (
        <dd>
          Hidden
          <span className="figure-note">fewer than {K_MIN_PEOPLE} people{note ? `; ${note}` : ''}</span>
        </dd>
      ) : (
        <dd>
          {value}
          {note && <span className="figure-note">{note}</span>}
        </dd>
      )}
    </div>
  );
  // A chart whose every value is 0 or hidden would be flat lines: say why there is no chart instead.
  const anyPositive = (rows: Record<string, unknown>[], keys: string[]) => rows.some((d) => keys.some((key) => typeof d[key] === 'number' && (d[key] as number) > 0));
  const noChart = (what: string, rows: Record<string, unknown>[], keys: string[]) =>
    rows.length === 0
      ? `No chart: no ${what} in this range.`
      : rows.every((d) => keys.every((key) => d[key] === null))
        ? `No chart: every figure here covers fewer than ${K_MIN_PEOPLE} people, so each is hidden. A longer range or a whole site may show them.`
        : !anyPositive(rows, keys)
          ? `No chart: every ${what === 'bookings' ? 'room' : 'period'} here is at 0 or hidden (fewer than ${K_MIN_PEOPLE} people).`
          : null;
  const utilNoChart = noChart('bookings', utilData, roomNames);
  const outcomeNoChart = noChart('requests', outcomeData, ['received', 'approved', 'denied']);
  const k = Object.fromEntries(key.rows.map((r) => [r[0]!, r[1]!]));

  return (
    <div className="stack reports">
      <header className="page-header">
        <h1>Policy usage</h1>
        <p>
          {scope}, {formatDateSpan(filters.from, filters.to)} (each site&apos;s own time zone). Figures covering fewer than {K_MIN_PEOPLE} people are hidden, so none can point at anyone.
        </p>
      </header>
      {error && (
        <p className="alert alert-error" role="alert">
          {error} Showing the last 30 days instead.
        </p>
      )}
      <ReportFilterForm
        action="/hr/reports"
        from={filters.from}
        to={filters.to}
        siteId={filters.siteId}
        roomId={filters.roomId}
        sites={sites.map((s) => ({ id: s.id, name: s.name }))}
        rooms={rooms.map((r) => ({ id: r.id, name: r.name, siteName: siteName.get(r.siteId) }))}
      />
      <p className="no-print inline-form">
        <PrintButton label="Print summary" />
        <a className="btn btn-secondary" href="/hr/compliance">
          Compliance
        </a>
      </p>

      <section aria-labelledby="key-figures" className="stack">
        <h2 id="key-figures">Key figures</h2>
        <dl className="figures">
          {figure('Bookings', k['Bookings']!)}
          {figure('Booked hours', k['Booked hours']!)}
          {figure('Utilisation', k['Utilisation']!)}
          {figure('No-show rate', k['No-show rate']!)}
          {figure('Unmet demand', String(report.key.unmetDemand.total))}
          {figure('People using rooms', k['People using rooms']!)}
          {figure('Requests received', k['Requests received']!)}
          {figure('Requests decided', k['Requests decided']!)}
          {figure('Requests pending', k['Requests pending']!)}
          {figure('Requests overdue', k['Requests overdue']!)}
          {figure('Median hours to decision', k['Median hours to decision']!, `allowed ${k['Median hours allowed']}`)}
        </dl>
        <div className="no-print">
          <DataTable table={key} id="table-key" exportHref={exportHref('key')} whole />
        </div>
      </section>

      <section aria-labelledby="utilisation" className="stack no-print">
        <h2 id="utilisation">Utilisation over time</h2>
        <div className="chart-pair">
          {utilNoChart ? (
            <p className="card muted">{utilNoChart}</p>
          ) : (
            <UtilisationChart data={utilData} rooms={roomNames} label={`Line chart of utilisation per room per ${report.bucket}; the table beside it holds the same numbers.`} />
          )}
          <DataTable table={util} id="table-utilisation" exportHref={exportHref('utilisation')} />
        </div>
      </section>

      <section aria-labelledby="heatmap" className="stack no-print">
        <h2 id="heatmap">Occupancy by weekday and hour</h2>
        <p className="muted small">Share of open station-hours with a station in use; a dark outline marks hours when every station of a room was in use.</p>
        <div className="chart-pair">
          <div className="heatmap-wrap" role="region" aria-label="Occupancy heatmap" tabIndex={0}>
            <div role="img" aria-label="Heatmap of occupancy by weekday and hour; the table beside it holds the same numbers." className="heatmap" style={{ gridTemplateColumns: `3rem repeat(${hourRange.length}, 1.6rem)` }}>
              <span />
              {hourRange.map((h) => (
                <span key={h} className="heat-hour">
                  {String(h).padStart(2, '0')}
                </span>
              ))}
              {[1, 2, 3, 4, 5, 6, 0].map((d) => [
                <span key={`d${d}`} className="heat-day">
                  {WEEKDAYS[d]!.slice(0, 3)}
                </span>,
                ...hourRange.map((h) => {
                  const c = report.heatmap.find((x) => x.weekday === d && x.hour === h);
                  const occ = c ? numeric(c.occupancy) : null;
                  const full = c ? numeric(c.fullHours) : null;
                  const suppressed = c?.occupancy === SUPPRESSED;
                  return (
                    <span
                      key={`${d}-${h}`}
                      className={`heat-cell${suppressed ? ' heat-suppressed' : ''}${full ? ' heat-full' : ''}`}
                      style={occ !== null ? { background: `rgba(15, 110, 90, ${0.1 + occ * 0.9})` } : undefined}
                    />
                  );
                }),
              ])}
            </div>
          </div>
          <DataTable table={heat} id="table-heatmap" exportHref={exportHref('heatmap')} />
        </div>
      </section>

      <section aria-labelledby="requests" className="stack no-print">
        <h2 id="requests">Request outcomes over time</h2>
        {report.key.requests.siteWide && <p className="muted small">Requests belong to a site, not a room: these cover the room&apos;s whole site.</p>}
        <div className="chart-pair">
          {outcomeNoChart ? (
            <p className="card muted">{outcomeNoChart}</p>
          ) : (
            <OutcomesChart data={outcomeData} label={`Bar chart of requests received, approved and denied per ${report.bucket}; the table beside it holds the same numbers.`} />
          )}
          <DataTable table={outcomes} id="table-requests" exportHref={exportHref('requests')} />
        </div>
      </section>
    </div>
  );
}
