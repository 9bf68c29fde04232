import { defaultJurisdiction, isJurisdiction, JURISDICTION_NAMES, rulesOn, type JurisdictionCode } from '@/lib/jurisdictions';
import { localParts } from '@/lib/time';
import { fixedProblemsIn, openProblemsIn } from './problems';
import { hoursToFix, type ProblemKind } from '@/lib/problems';
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../client';
import { LONGEST_HOLD_MIN } from '@/lib/policy';
import type { OpeningHours } from '@/lib/opening-hours';
import {
  bucketSize,
  median,
  onTimeShare,
  openStationHours,
  openStationHoursByBucket,
  openStationHoursGrid,
  roomChecklist,
  shown,
  utilisation,
  type ChecklistRow,
  type Interval,
  type ReportFilters,
  type Shown,
} from '@/lib/reports';

/**
 * HR's policy-usage report. Everything is aggregated in SQL (group by), per room through the
 * (room_id, start_at) index, with each site's dates read in its own zone. Nothing here returns a
 * name, an email or a person's id: people only appear as distinct counts, and every figure
 * goes through the <5 rule of lib/reports.ts (with its complements for filtered figures).
 */

type ScopeRoom = {
  id: string;
  name: string;
  siteId: string;
  siteName: string;
  timeZone: string;
  hours: OpeningHours;
  stations: number;
  active: boolean;
  outOfServiceReason: string | null;
  checkInRequired: boolean;
  amenities: string[];
  jurisdiction: JurisdictionCode;
  inScope: boolean;
};

async function scopeRooms(db: Db, f: ReportFilters): Promise<ScopeRoom[]> {
  const rows = rowsOf<{
    id: string;
    name: string;
    site_id: string;
    site_name: string;
    time_zone: string;
    hours: OpeningHours;
    stations: number | string;
    status: string;
    out_of_service_reason: string | null;
    check_in_required: boolean | null;
    amenities: string[];
    jurisdiction: string | null;
  }>(
    await db.execute(sql`
      select r.id, r.name, r.site_id, s.name as site_name, s.time_zone, coalesce(r.opening_hours, s.opening_hours) as hours,
             (select count(*) from stations st where st.room_id = r.id and st.active) as stations,
             r.status, r.out_of_service_reason, p.check_in_required, r.amenities, s.jurisdiction
      from rooms r join sites s on s.id = r.site_id left join policies p on p.site_id = r.site_id
      order by s.name, r.name`),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    siteId: r.site_id,
    siteName: r.site_name,
    timeZone: r.time_zone,
    hours: r.hours,
    stations: Number(r.stations),
    active: r.status === 'active',
    outOfServiceReason: r.status === 'active' ? null : (r.out_of_service_reason ?? ''),
    checkInRequired: r.check_in_required ?? true,
    amenities: r.amenities,
    jurisdiction: r.jurisdiction && isJurisdiction(r.jurisdiction) ? r.jurisdiction : defaultJurisdiction(r.time_zone),
    inScope: (!f.siteId || r.site_id === f.siteId) && (!f.roomId || r.id === f.roomId),
  }));
}

async function closuresByRoom(db: Db, f: ReportFilters): Promise<Map<string, Interval[]>> {
  // Two days of slack either side covers every zone; the maths clips to each room's own dates.
  const lo = new Date(Date.parse(`${f.from}T00:00:00Z`) - 2 * 86_400_000);
  const hi = new Date(Date.parse(`${f.to}T00:00:00Z`) + 3 * 86_400_000);
  const rows = rowsOf<{ room_id: string; start_at: string | Date; end_at: string | Date }>(
    await db.execute(sql`select room_id, start_at, end_at from room_closures where start_at < ${hi.toISOString()}::timestamptz and end_at > ${lo.toISOString()}::timestamptz`),
  );
  const out = new Map<string, Interval[]>();
  for (const r of rows) {
    const list = out.get(r.room_id) ?? [];
    list.push({ start: new Date(r.start_at), end: new Date(r.end_at) });
    out.set(r.room_id, list);
  }
  return out;
}

/** Per room: its site's zone and local [lo, hi) for the filter's dates, whether it is in scope and in the scope's site. */
function roomsCte(f: ReportFilters, siteOfScope: string | null): SQL {
  // Materialized: worked out once per room, not once per booking joined to it.
  return sql`rr as materialized (
    select r.id as room_id, r.site_id, s.time_zone, coalesce(p.check_in_required, true) as check_in_required,
      (select count(*) from stations st where st.room_id = r.id and st.active)::int as stations,
      ((${f.from}::date)::timestamp at time zone s.time_zone) as lo,
      ((${f.to}::date + 1)::timestamp at time zone s.time_zone) as hi,
      ((${f.siteId ?? null}::uuid is null or r.site_id = ${f.siteId ?? null}::uuid) and (${f.roomId ?? null}::uuid is null or r.id = ${f.roomId ?? null}::uuid)) as in_scope,
      (r.site_id = ${siteOfScope}::uuid) as in_site
    from rooms r join sites s on s.id = r.site_id left join policies p on p.site_id = r.site_id
  )`;
}

/** UTC instants safely around the local dates of every zone. */
function outerBounds(f: ReportFilters): { lo: string; hi: string } {
  return {
    lo: new Date(Date.parse(`${f.from}T00:00:00Z`) - 86_400_000).toISOString(),
    hi: new Date(Date.parse(`${f.to}T00:00:00Z`) + 2 * 86_400_000).toISOString(),
  };
}

/** Bookings that held a station in the range: live ones and released no-shows (cancelled ahead of time do not count). */
/** The clock hours a booking can touch: the longest hold (lib/policy) starting just before an hour boundary. */
const HOURS_A_HOLD_TOUCHES = Math.ceil(LONGEST_HOLD_MIN / 60) + 1;

const HELD = sql`(b.status = 'booked' or b.cancel_reason = 'no_show')`;

/**
 * The held bookings of the given rooms. Constant outer bounds (a day either side covers every
 * zone) and the room list let PostgreSQL walk the (room_id, start_at) index; each site's own
 * local bounds then cut exactly.
 */
function heldCte(f: ReportFilters, roomIds: string[] | null): SQL {
  const { lo, hi } = outerBounds(f);
  return sql`held as (
    select rr.room_id, rr.time_zone, rr.stations, rr.in_scope, rr.in_site, rr.check_in_required,
      coalesce(b.user_id, b.anon_key) as user_id, b.station_id, b.start_at, b.end_at, b.status, b.cancel_reason
    from bookings b join rr on rr.room_id = b.room_id
    where ${roomIds ? sql`b.room_id = any(${`{${roomIds.join(',')}}`}::uuid[])` : sql`true`} and b.start_at >= ${lo}::timestamptz and b.start_at < ${hi}::timestamptz
      and b.start_at >= rr.lo and b.start_at < rr.hi and ${HELD}
  )`;
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

export type KeyFigures = {
  bookings: Shown;
  bookedHours: Shown;
  openStationHours: number;
  utilisation: Shown | null;
  noShowRate: Shown | null;
  /** Refusals carry no person, so they are counts of events, never suppressed. */
  unmetDemand: { full: number; bookNow: number; total: number };
  people: Shown;
  requests: { received: Shown; decided: Shown; onTime: Shown; pending: Shown; overdue: Shown; onTimeShare: Shown | null; medianHoursToDecision: Shown | null; medianHoursAllowed: number | null; siteWide: boolean };
};

export type UtilisationCell = { room: string; site: string; bucket: string; bookings: Shown; bookedHours: Shown; openStationHours: number; utilisation: Shown | null };
export type HeatCell = { weekday: number; hour: number; occupancy: Shown | null; fullHours: Shown; openStationHours: number };
export type OutcomeCell = { bucket: string; received: Shown; approved: Shown; denied: Shown };
export type UsageReport = {
  filters: ReportFilters;
  scope: { site: string | null; room: string | null; rooms: number; stations: number };
  bucket: 'day' | 'week';
  key: KeyFigures;
  utilisationByRoom: UtilisationCell[];
  heatmap: HeatCell[];
  requestOutcomes: OutcomeCell[];
};

/** The site a filter sits in (the room's site for a room filter), or null for all sites. */
function siteOf(rooms: ScopeRoom[], f: ReportFilters): string | null {
  if (f.roomId) return rooms.find((r) => r.id === f.roomId)?.siteId ?? null;
  return f.siteId ?? null;
}

/** The usage report for a range of local dates, optionally one site or one room. */
export async function usageReport(db: Db, f: ReportFilters, now: Date): Promise<UsageReport> {
  const rooms = await scopeRooms(db, f);
  const closures = await closuresByRoom(db, f);
  const inScope = rooms.filter((r) => r.inScope);
  const site = siteOf(rooms, f);
  const by = bucketSize(f.from, f.to);
  const filtered = Boolean(f.siteId || f.roomId);
  const roomHours = (r: ScopeRoom) => ({ hours: r.hours, timeZone: r.timeZone, closures: closures.get(r.id) ?? [], stations: r.active ? r.stations : 0 });
  // Rooms with the same hours, zone and closures have the same open time: work it out once per
  // station (the maths walks every local hour of the range) and scale by each room's stations.
  const perStation = new Map<string, { total: number; byBucket: Map<string, number>; grid: Map<string, number> }>();
  const openOf = (r: ScopeRoom) => {
    const h = { ...roomHours(r), stations: 1 };
    const key = JSON.stringify([h.hours, h.timeZone, h.closures]);
    let v = perStation.get(key);
    if (!v) {
      v = { total: openStationHours(h, f.from, f.to), byBucket: openStationHoursByBucket(h, f.from, f.to, by), grid: openStationHoursGrid(h, f.from, f.to) };
      perStation.set(key, v);
    }
    const n = r.active ? r.stations : 0;
    return { total: v.total * n, byBucket: [...v.byBucket].map(([b, x]) => [b, x * n] as const), grid: [...v.grid].map(([k, x]) => [k, x * n] as const) };
  };

  const nowIso = now.toISOString();
  const scopeIds = inScope.map((r) => r.id);
  const keyQ = db.execute(sql`with ${roomsCte(f, site)}, ${heldCte(f, scopeIds)}
      select
        count(*) as bookings,
        coalesce(sum(extract(epoch from end_at - start_at)) filter (where status = 'booked'), 0) / 3600.0 as booked_hours,
        count(*) filter (where check_in_required and start_at <= ${nowIso}::timestamptz) as started,
        count(*) filter (where check_in_required and start_at <= ${nowIso}::timestamptz and cancel_reason = 'no_show') as no_shows,
        count(distinct user_id) as people
      from held`);
  // For a filtered report: people in each enclosing scope, and those of them outside the filter
  // (one pass over the range's bookings at every site, grouped by person).
  const complementQ = filtered
    ? db.execute(sql`with ${roomsCte(f, site)}, ${heldCte(f, null)},
      per_user as (
        select bool_or(not in_scope) as outside, bool_or(in_site) as at_site, bool_or(in_site and not in_scope) as outside_site
        from held where user_id is not null group by user_id
      )
      select count(*) as people_all, count(*) filter (where outside) as outside_all,
        count(*) filter (where at_site) as people_site, count(*) filter (where outside_site) as outside_site
      from per_user`)
    : Promise.resolve(null);
  const missQ = db.execute(sql`with ${roomsCte(f, site)}
      select m.kind, count(*) as n from rr join demand_misses m on m.room_id = rr.room_id and m.wanted_at >= rr.lo and m.wanted_at < rr.hi
      where rr.in_scope group by m.kind`);
  const reqQ = requestFigures(db, f, site, now, by);
  // Utilisation over time per room.
  const cellQ = db.execute(sql`with ${roomsCte(f, site)}, ${heldCte(f, scopeIds)}
      select room_id, ${by === 'day' ? sql`(start_at at time zone time_zone)::date` : sql`date_trunc('week', start_at at time zone time_zone)::date`}::text as bucket,
        count(*) as bookings,
        coalesce(sum(extract(epoch from end_at - start_at)) filter (where status = 'booked'), 0) / 3600.0 as hours,
        count(distinct user_id) as people
      from held group by 1, 2`);
  // Weekday × hour: stations in use in each local clock hour of each room, against the open station-hours of that cell.
  const heatQ = db.execute(sql`with ${roomsCte(f, site)}, ${heldCte(f, scopeIds)},
      e as (
        select room_id, stations, user_id, station_id, h
        from held
          -- A booking touches at most a fixed number of clock hours (its hold is bounded by lib/policy): constant bounds keep the planner's estimate honest.
          cross join lateral (select date_trunc('hour', start_at at time zone time_zone) + k * interval '1 hour' as h from generate_series(0, ${sql.raw(String(HOURS_A_HOLD_TOUCHES - 1))}) k) hh
        where in_scope and status = 'booked' and h < end_at at time zone time_zone
      ),
      per_hour as (select room_id, h, max(stations) as stations, count(distinct station_id) as occupied from e group by 1, 2),
      occ as (
        select extract(dow from h)::int as dow, extract(hour from h)::int as hour, sum(occupied) as occupied,
          count(*) filter (where occupied >= stations and stations > 0) as full_hours
        from per_hour group by 1, 2
      ),
      ppl as (select extract(dow from h)::int as dow, extract(hour from h)::int as hour, count(distinct user_id) as people from e group by 1, 2)
      select occ.dow, occ.hour, occ.occupied, occ.full_hours, ppl.people from occ join ppl using (dow, hour)`);
  // The queries run at once (each on its own pooled connection on PostgreSQL).
  const [keyRes, compRes, missRes, cellRes, heatRes, req] = await Promise.all([keyQ, complementQ, missQ, cellQ, heatQ, reqQ]);
  const [keyRow] = rowsOf<Record<string, unknown>>(keyRes);
  const [comp] = compRes ? rowsOf<Record<string, unknown>>(compRes) : [];
  const missRows = rowsOf<{ kind: string; n: string | number }>(missRes);
  const cellRows = rowsOf<{ room_id: string; bucket: string | Date; bookings: unknown; hours: unknown; people: unknown }>(cellRes);
  const heatRows = rowsOf<{ dow: unknown; hour: unknown; occupied: unknown; full_hours: unknown; people: unknown }>(heatRes);
  const people = num(keyRow?.people);
  // Complements in each enclosing scope (all sites; the site, for a room): people outside the
  // filter, and the people-count difference (those who appear only outside it).
  const complements = comp
    ? [num(comp.outside_all), num(comp.people_all) - people, ...(f.roomId ? [num(comp.outside_site), num(comp.people_site) - people] : [])]
    : [];
  const show = (v: number) => shown(v, people, complements);
  const open = inScope.reduce((n, r) => n + openOf(r).total, 0);
  const booked = num(keyRow?.booked_hours);
  const util = utilisation(booked, open);
  const started = num(keyRow?.started);

  const miss = (k: string) => num(missRows.find((r) => r.kind === k)?.n);


  const utilisationByRoom: UtilisationCell[] = [];
  const cells = new Map(cellRows.map((c) => [`${c.room_id} ${String(c.bucket).slice(0, 10)}`, c]));
  for (const r of inScope) {
    for (const [bucket, openH] of openOf(r).byBucket) {
      const c = cells.get(`${r.id} ${bucket}`);
      const p = num(c?.people);
      const hours = num(c?.hours);
      const u = utilisation(hours, openH);
      utilisationByRoom.push({
        room: r.name,
        site: r.siteName,
        bucket,
        bookings: shown(num(c?.bookings), p),
        bookedHours: shown(hours, p),
        openStationHours: openH,
        utilisation: u === null ? null : shown(u, p),
      });
    }
  }

  const grid = new Map<string, number>();
  for (const r of inScope) for (const [k, v] of openOf(r).grid) grid.set(k, (grid.get(k) ?? 0) + v);
  const heatmap: HeatCell[] = [];
  for (let weekday = 0; weekday < 7; weekday++) {
    for (let hour = 0; hour < 24; hour++) {
      const row = heatRows.find((h) => num(h.dow) === weekday && num(h.hour) === hour);
      const openH = grid.get(`${weekday}-${hour}`) ?? 0;
      if (!openH && !row) continue;
      const p = num(row?.people);
      const occupancy = openH > 0 ? Math.min(1, num(row?.occupied) / openH) : null;
      heatmap.push({ weekday, hour, openStationHours: openH, occupancy: occupancy === null ? null : shown(occupancy, p), fullHours: shown(num(row?.full_hours), p) });
    }
  }

  const scopeSite = rooms.find((r) => r.siteId === f.siteId)?.siteName ?? (f.roomId ? (rooms.find((r) => r.id === f.roomId)?.siteName ?? null) : null);
  return {
    filters: f,
    scope: {
      site: scopeSite,
      room: f.roomId ? (rooms.find((r) => r.id === f.roomId)?.name ?? null) : null,
      rooms: inScope.length,
      stations: inScope.reduce((n, r) => n + (r.active ? r.stations : 0), 0),
    },
    bucket: by,
    key: {
      bookings: show(num(keyRow?.bookings)),
      bookedHours: show(booked),
      openStationHours: open,
      utilisation: util === null ? null : show(util),
      noShowRate: started ? show(num(keyRow?.no_shows) / started) : null,
      unmetDemand: { full: miss('full'), bookNow: miss('book_now'), total: miss('full') + miss('book_now') },
      people: show(people),
      requests: req.key,
    },
    utilisationByRoom,
    heatmap,
    requestOutcomes: req.outcomes,
  };
}

async function requestFigures(db: Db, f: ReportFilters, site: string | null, now: Date, by: 'day' | 'week') {
  const nowIso = now.toISOString();
  const scoped = sql`(${site}::uuid is null or rq.site_id = ${site}::uuid)`;
  const base = sql`with rs as (
      select rq.*, coalesce(rq.user_id, rq.anon_key) as person, s.time_zone, ${scoped} as in_scope,
        ((${f.from}::date)::timestamp at time zone s.time_zone) as lo,
        ((${f.to}::date + 1)::timestamp at time zone s.time_zone) as hi
      from requests rq join sites s on s.id = rq.site_id
      where rq.submitted_at is not null
    ),
    r2 as (
      select *, (submitted_at >= lo and submitted_at < hi) as received,
        (status in ('approved', 'denied') and decided_at >= lo and decided_at < hi) as decided
      from rs
    )`;
  const [row] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`${base}
      select
        count(*) filter (where in_scope and received) as received,
        count(*) filter (where in_scope and decided) as decided,
        count(*) filter (where in_scope and decided and decided_at <= deadline_at) as on_time,
        count(*) filter (where in_scope and received and status in ('submitted', 'changes_requested')) as pending,
        count(*) filter (where in_scope and received and status in ('submitted', 'changes_requested') and deadline_at < ${nowIso}::timestamptz) as overdue,
        percentile_cont(0.5) within group (order by extract(epoch from decided_at - submitted_at) / 3600.0) filter (where in_scope and decided) as median_hours,
        percentile_cont(0.5) within group (order by extract(epoch from deadline_at - submitted_at) / 3600.0) filter (where in_scope and decided) as median_allowed,
        count(distinct person) filter (where in_scope and (received or decided)) as people,
        count(distinct person) filter (where not in_scope and (received or decided)) as outside,
        count(distinct person) filter (where received or decided) as people_all
      from r2`),
  );
  const people = num(row?.people);
  const complements = site ? [num(row?.outside), num(row?.people_all) - people] : [];
  const show = (v: number) => shown(v, people, complements);
  const decided = num(row?.decided);
  const share = onTimeShare(decided, num(row?.on_time));
  const key = {
    received: show(num(row?.received)),
    decided: show(decided),
    onTime: show(num(row?.on_time)),
    pending: show(num(row?.pending)),
    overdue: show(num(row?.overdue)),
    onTimeShare: share === null ? null : show(share),
    medianHoursToDecision: row?.median_hours === null || row?.median_hours === undefined ? null : show(Number(row.median_hours)),
    medianHoursAllowed: row?.median_allowed === null || row?.median_allowed === undefined ? null : Number(row.median_allowed),
    siteWide: Boolean(f.roomId),
  };
  const bucketOfTs = (col: SQL) => (by === 'day' ? sql`(${col} at time zone time_zone)::date::text` : sql`date_trunc('week', ${col} at time zone time_zone)::date::text`);
  const rows = rowsOf<{ bucket: string; received: unknown; approved: unknown; denied: unknown; people: unknown }>(
    await db.execute(sql`${base},
      ev as (
        select ${bucketOfTs(sql`submitted_at`)} as bucket, person, 'received' as what from r2 where in_scope and received
        union all
        select ${bucketOfTs(sql`decided_at`)} as bucket, person, status::text as what from r2 where in_scope and decided
      )
      select bucket, count(*) filter (where what = 'received') as received, count(*) filter (where what = 'approved') as approved,
        count(*) filter (where what = 'denied') as denied, count(distinct person) as people
      from ev group by bucket order by bucket`),
  );
  const outcomes: OutcomeCell[] = rows.map((r) => {
    const p = num(r.people);
    return { bucket: String(r.bucket).slice(0, 10), received: shown(num(r.received), p), approved: shown(num(r.approved), p), denied: shown(num(r.denied), p) };
  });
  return { key, outcomes };
}

/** `outOfService`: null when the room is in service, else why it is not ('' when no reason was given). */
export type ComplianceRoom = { room: string; site: string; rules: string; rows: ChecklistRow[]; missing: string[]; outOfService: string | null };
export type NeedEvent = { room: string; site: string; date: string; hour: string; stations: number; refusals: number };
export type ComplianceReport = {
  rooms: ComplianceRoom[];
  requests: { decided: Shown; onTime: Shown; share: Shown | null };
  events: NeedEvent[];
  /** Room problems: the ones open now, and how fast those fixed in the range were fixed (rooms, not people: nothing to hide). */
  problems: { open: { room: string; site: string; kind: ProblemKind; reportedAt: Date; timeZone: string }[]; fixed: number; medianHoursToFix: number | null };
};

/**
 * Compliance: each room's checklist against its site's rules, the share of requests decided by
 * their deadline, and "simultaneous need" events: local clock hours in which a room refused a
 * booking because every station was taken (or Book now found none), so demand exceeded stations.
 */
export async function complianceReport(db: Db, f: ReportFilters, now: Date): Promise<ComplianceReport> {
  const rooms = await scopeRooms(db, f);
  const site = siteOf(rooms, f);
  const inScope = rooms.filter((r) => r.inScope);
  const checklist = inScope.map((r) => {
    // The rules in force today on the site's own calendar: a rule that starts tomorrow changes tomorrow's checklist.
    const rules = rulesOn(r.jurisdiction, localParts(now, r.timeZone).date);
    const { rows, missing } = roomChecklist(r.amenities, { name: rules.name, items: rules.room });
    // A room out of service meets nothing today, whatever its amenities say (its lock may be the reason).
    return { room: r.name, site: r.siteName, rules: JURISDICTION_NAMES[r.jurisdiction], rows, missing, outOfService: r.outOfServiceReason };
  });
  const req = await requestFigures(db, { ...f, roomId: undefined }, site, now, 'week');
  const eventRows = rowsOf<{ room_id: string; local_hour: string; refusals: unknown }>(
    await db.execute(sql`with ${roomsCte(f, site)}
      select rr.room_id, to_char(date_trunc('hour', m.wanted_at at time zone rr.time_zone), 'YYYY-MM-DD HH24:00') as local_hour, count(*) as refusals
      from rr join demand_misses m on m.room_id = rr.room_id and m.wanted_at >= rr.lo and m.wanted_at < rr.hi
      where rr.in_scope group by 1, 2 order by 2, 1 limit 500`),
  );
  const events = eventRows.map((e) => {
    const r = rooms.find((x) => x.id === e.room_id)!;
    return { room: r.name, site: r.siteName, date: e.local_hour.slice(0, 10), hour: e.local_hour.slice(11), stations: r.stations, refusals: num(e.refusals) };
  });
  const ids = inScope.map((r) => r.id);
  const byId = new Map(rooms.map((r) => [r.id, r]));
  const [openRows, fixedRows] = await Promise.all([
    openProblemsIn(db, ids),
    // A day either side covers every zone; each room's own local days then cut exactly.
    fixedProblemsIn(db, ids, new Date(Date.parse(`${f.from}T00:00:00Z`) - 86_400_000), new Date(Date.parse(`${f.to}T00:00:00Z`) + 2 * 86_400_000)),
  ]);
  const fixedInRange = fixedRows.filter((p) => {
    const r = byId.get(p.roomId)!;
    const day = localParts(p.fixedAt!, r.timeZone).date;
    return day >= f.from && day <= f.to;
  });
  const problems = {
    open: openRows.map((p) => {
      const r = byId.get(p.roomId)!;
      return { room: r.name, site: r.siteName, kind: p.kind, reportedAt: p.reportedAt, timeZone: r.timeZone };
    }),
    fixed: fixedInRange.length,
    medianHoursToFix: median(fixedInRange.map((p) => hoursToFix(p.reportedAt, p.fixedAt!))),
  };
  return { rooms: checklist, requests: { decided: req.key.decided, onTime: req.key.onTime, share: req.key.onTimeShare }, events, problems };
}
