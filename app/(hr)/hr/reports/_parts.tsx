import { TableWrap } from '@/app/_components/table-wrap';
import { SUPPRESSED } from '@/lib/reports';
import { formatDate } from '@/lib/time';
import type { Table } from './tables';

/** Dates in the tables read as on every page; the CSV export keeps them as ISO dates. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A figure hidden to protect a small group, in a word that cannot be read as a number or a rate;
 * the page says why above its tables. Plain text: long tables hold hundreds of these.
 */
export function HiddenFigure() {
  return <>Hidden</>;
}

/**
 * A report table with its caption and a CSV link for the same table and filters. Its box is
 * capped in height (it scrolls) unless `whole`, for short tables read at a glance.
 */
export function DataTable({ table, exportHref, id, whole = false }: { table: Table; exportHref: string; id: string; whole?: boolean }) {
  return (
    <div className={whole ? 'stack report-table report-table-whole' : 'stack report-table'}>
      <TableWrap label={table.title}>
        <table id={id}>
          <caption className="muted small" style={{ textAlign: 'left', padding: '0.6rem 0.75rem' }}>
            {table.title}
          </caption>
          <thead>
            <tr>
              {table.header.map((h) => (
                <th scope="col" key={h}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.length === 0 && (
              <tr>
                <td colSpan={table.header.length}>Nothing in this range.</td>
              </tr>
            )}
            {table.rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) =>
                  j === 0 ? (
                    <th scope="row" key={j}>
                      {ISO_DATE.test(cell) ? formatDate(cell) : cell}
                    </th>
                  ) : (
                    <td key={j}>{cell === SUPPRESSED ? <HiddenFigure /> : ISO_DATE.test(cell) ? formatDate(cell) : cell}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <p className="no-print">
        <a className="btn btn-secondary btn-small" href={exportHref} download>
          Export “{table.title}” as CSV
        </a>
      </p>
    </div>
  );
}

type Option = { id: string; name: string; siteId?: string; siteName?: string };

/** The filters form: date range, site, room (GET, so every figure on the page follows the URL). */
export function ReportFilterForm({ action, from, to, siteId, roomId, sites, rooms, showRoom = true }: {
  action: string;
  from: string;
  to: string;
  siteId?: string;
  roomId?: string;
  sites: Option[];
  rooms: Option[];
  showRoom?: boolean;
}) {
  return (
    <form method="get" action={action} className="card filters no-print" aria-label="Report filters">
      <div className="field">
        <label htmlFor="from">From</label>
        <input id="from" name="from" type="date" defaultValue={from} required />
      </div>
      <div className="field">
        <label htmlFor="to">To</label>
        <input id="to" name="to" type="date" defaultValue={to} required />
      </div>
      <div className="field">
        <label htmlFor="siteId">Site</label>
        <select id="siteId" name="siteId" defaultValue={siteId ?? ''}>
          <option value="">All sites</option>
          {sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      {showRoom && (
        <div className="field">
          <label htmlFor="roomId">Room</label>
          <select id="roomId" name="roomId" defaultValue={roomId ?? ''}>
            <option value="">All rooms</option>
            {rooms.map((r) => (
              <option key={r.id} value={r.id}>
                {r.siteName ? `${r.name} (${r.siteName})` : r.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <button type="submit" className="btn">
        Apply filters
      </button>
    </form>
  );
}
