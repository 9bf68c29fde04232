import type { ComplianceReport, UsageReport } from '@/db/queries/reports';
import { z } from 'zod';
import { formatShown, reportFilterSchema, type ReportFilters, type Shown } from '@/lib/reports';
import { addDays } from '@/lib/time';
import { WEEKDAYS } from '@/lib/opening-hours';

/** Every table HR can see on the report pages, also as CSV. */
export const REPORT_TABLES = ['key', 'utilisation', 'heatmap', 'requests', 'checklist', 'needs'] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];
export type Table = { title: string; header: string[]; rows: string[][] };

const pct = (v: Shown | null) => formatShown(v, 'percent');
const hrs = (v: Shown | null) => formatShown(v, 'hours');
const cnt = (v: Shown | null) => formatShown(v, 'count');
const round1 = (n: number) => n.toFixed(1);

export function keyTable(r: UsageReport): Table {
  const k = r.key;
  const q = k.requests;
  return {
    title: 'Key figures',
    header: ['Figure', 'Value', 'What it means'],
    rows: [
      ['Bookings', cnt(k.bookings), 'Bookings that held a station (released no-shows included, cancellations ahead of time not)'],
      ['Booked hours', hrs(k.bookedHours), 'Station-hours of bookings kept (not released)'],
      ['Open station-hours', round1(k.openStationHours), 'Opening hours minus out-of-service windows, times active stations'],
      ['Utilisation', pct(k.utilisation), 'Booked station-hours ÷ open station-hours'],
      ['No-show rate', pct(k.noShowRate), 'Released no-shows ÷ bookings that started, at sites requiring check-in'],
      ['Unmet demand: every station full', String(k.unmetDemand.full), 'Bookings refused because every station was taken'],
      ['Unmet demand: Book now found nothing', String(k.unmetDemand.bookNow), '"Book now" attempts that found no free station'],
      ['People using rooms', cnt(k.people), 'Distinct people with a booking in the range'],
      ['Requests received', cnt(q.received), q.siteWide ? 'Schedule requests submitted (whole site: requests have no room)' : 'Schedule requests submitted'],
      ['Requests decided', cnt(q.decided), 'Approved or denied in the range'],
      ['Requests decided on time', cnt(q.onTime), 'Decided by their deadline'],
      ['Requests pending', cnt(q.pending), 'Received in the range and not yet decided'],
      ['Requests overdue', cnt(q.overdue), 'Pending past their deadline'],
      ['Median hours to decision', hrs(q.medianHoursToDecision), 'Submitted to decided, for requests decided in the range'],
      ['Median hours allowed', q.medianHoursAllowed === null ? '—' : round1(q.medianHoursAllowed), 'Submitted to deadline, for the same requests'],
    ],
  };
}

export function utilisationTable(r: UsageReport): Table {
  return {
    title: `Utilisation per room and ${r.bucket}`,
    header: [r.bucket === 'day' ? 'Day' : 'Week of', 'Site', 'Room', 'Bookings', 'Booked hours', 'Open station-hours', 'Utilisation'],
    rows: r.utilisationByRoom.map((c) => [c.bucket, c.site, c.room, cnt(c.bookings), hrs(c.bookedHours), round1(c.openStationHours), pct(c.utilisation)]),
  };
}

export function heatmapTable(r: UsageReport): Table {
  return {
    title: 'Occupancy by weekday and hour',
    header: ['Weekday', 'Hour', 'Occupancy', 'Hours with every station in use', 'Open station-hours'],
    rows: [1, 2, 3, 4, 5, 6, 0].flatMap((d) =>
      r.heatmap.filter((c) => c.weekday === d).map((c) => [WEEKDAYS[d]!, `${String(c.hour).padStart(2, '0')}:00`, pct(c.occupancy), cnt(c.fullHours), round1(c.openStationHours)]),
    ),
  };
}

export function requestsTable(r: UsageReport): Table {
  return {
    title: `Request outcomes per ${r.bucket}`,
    header: [r.bucket === 'day' ? 'Day' : 'Week of', 'Received', 'Approved', 'Denied'],
    rows: r.requestOutcomes.map((c) => [c.bucket, cnt(c.received), cnt(c.approved), cnt(c.denied)]),
  };
}

/** "Out of service: The door lock is being replaced." */
export function outOfServiceText(reason: string): string {
  return reason ? `Out of service: ${reason.replace(/\.$/, '')}.` : 'Out of service.';
}

export function checklistTable(c: ComplianceReport): Table {
  const items = [...new Set(c.rooms.flatMap((r) => r.rows.map((x) => x.label)))];
  return {
    title: 'Room checklists',
    header: ['Site', 'Room', 'Rules', ...items, 'Missing'],
    rows: c.rooms.map((r) => [
      r.site,
      r.room,
      r.rules,
      ...items.map((label) => {
        const row = r.rows.find((x) => x.label === label);
        if (!row) return 'Not required';
        if (r.outOfService !== null) return 'Out of service';
        return row.met ? `Yes (${row.how})` : 'Missing';
      }),
      r.outOfService !== null ? outOfServiceText(r.outOfService) : r.missing.length ? r.missing.join('; ') : 'Nothing',
    ]),
  };
}

export function needsTable(c: ComplianceReport): Table {
  return {
    title: 'Simultaneous need',
    header: ['Date', 'Hour', 'Site', 'Room', 'Stations', 'Refused attempts'],
    rows: c.events.map((e) => [e.date, e.hour, e.site, e.room, String(e.stations), String(e.refusals)]),
  };
}

/** The export's query: which table, and the same filters as the pages. */
export const exportQuerySchema = z.object({ table: z.enum(REPORT_TABLES, { error: `Choose a table: ${REPORT_TABLES.join(', ')}.` }) }).and(reportFilterSchema);

/** Today's date in UTC and the 30 days up to it: the reports' default range. */
export function defaultRange(now: Date): { from: string; to: string } {
  const to = now.toISOString().slice(0, 10);
  return { from: addDays(to, -29), to };
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Filters from the URL; the last 30 days when none are given or they do not parse. */
export function readFilters(raw: Record<string, string | string[] | undefined>, now: Date): { filters: ReportFilters; error: string | null } {
  const fallback = defaultRange(now);
  const given = { from: one(raw.from) ?? fallback.from, to: one(raw.to) ?? fallback.to, siteId: one(raw.siteId), roomId: one(raw.roomId) };
  const parsed = reportFilterSchema.safeParse(given);
  if (parsed.success) return { filters: parsed.data, error: null };
  return { filters: fallback, error: parsed.error.issues[0]?.message ?? 'Those filters are not valid.' };
}

export function queryOf(f: ReportFilters, extra: Record<string, string> = {}) {
  const q = new URLSearchParams({ ...extra, from: f.from, to: f.to });
  if (f.siteId) q.set('siteId', f.siteId);
  if (f.roomId) q.set('roomId', f.roomId);
  return q.toString();
}

