import { floorToStep, openingFrom, openWindow, type Window } from './booking-rules';
import type { OpeningHours } from './opening-hours';
import { addDays, addMinutes, localParts, overlaps } from './time';

/** A live booking as availability sees it: which station, and how long it holds it (buffer included). */
export type Busy = { stationId: string; start: Date; blockEnd: Date };
export type StationRef = { id: string; position: number };
/** An out-of-service window, with the reason an admin gave (shown to anyone: it names no person). */
export type Closure = Window & { reason?: string | null };

export type RoomTimeline = {
  timeZone: string;
  hours: OpeningHours;
  stations: StationRef[];
  busy: Busy[];
  closures: Closure[];
  outOfService?: boolean;
};

/** Stations (in order) with nothing held across [start, holdEnd). */
export function freeStations(t: Pick<RoomTimeline, 'stations' | 'busy'>, start: Date, holdEnd: Date): StationRef[] {
  return [...t.stations]
    .sort((a, b) => a.position - b.position)
    .filter((s) => !t.busy.some((b) => b.stationId === s.id && overlaps(start, holdEnd, b.start, b.blockEnd)));
}

/**
 * The station a booking should take over [start, holdEnd): the one it already holds when it
 * is being moved and that one is still free, else the first free by position; null when none is.
 */
export function pickStation(
  t: { stations: StationRef[]; busy: { id?: string; stationId: string; start: Date; blockEnd: Date }[] },
  start: Date,
  holdEnd: Date,
  moving?: { id: string; stationId: string },
): string | null {
  const free = freeStations({ stations: t.stations, busy: moving ? t.busy.filter((b) => b.id !== moving.id) : t.busy }, start, holdEnd);
  return (free.find((s) => s.id === moving?.stationId) ?? free[0])?.id ?? null;
}

/** Whether [start, end) lies inside the room's open hours, clear of closures. */
export function isOpenFor(t: RoomTimeline, start: Date, end: Date): boolean {
  if (t.outOfService) return false;
  const window = openingFrom(t.hours, localParts(start, t.timeZone).date, t.timeZone);
  if (!window || start < window.start || end > window.end) return false;
  return !t.closures.some((c) => overlaps(start, end, c.start, c.end));
}

export type Cell = { start: Date; end: Date; total: number; free: number };

/** One cell per slot step across [from, to), inside opening hours, each with its free station count. */
export function availabilityCells(t: RoomTimeline, from: Date, to: Date, stepMin: number): Cell[] {
  // Per station, its holds sorted by start. Holds on one station never overlap (the database
  // refuses it), so a sweep finds each cell's holder in one pass instead of a scan per cell.
  const holds = t.stations.map((s) =>
    t.busy
      .filter((b) => b.stationId === s.id)
      .map((b) => [b.start.getTime(), b.blockEnd.getTime()] as const)
      .sort((a, b) => a[0] - b[0]),
  );
  const cursor = holds.map(() => 0);
  const closures = t.closures.map((c) => [c.start.getTime(), c.end.getTime()] as const);
  const cells: Cell[] = [];
  const fromMs = from.getTime();
  const toMs = to.getTime();
  let date = localParts(from, t.timeZone).date;
  const lastDate = localParts(to, t.timeZone).date;
  for (let guard = 0; date <= lastDate && guard < 400; guard++, date = addDays(date, 1)) {
    const window = openWindow(t.hours, date, t.timeZone);
    if (!window) continue;
    const close = window.end.getTime();
    for (let s = window.start.getTime(); s < close; s += stepMin * 60_000) {
      const e = Math.min(s + stepMin * 60_000, close);
      if (e <= fromMs || s >= toMs) continue;
      const closed = t.outOfService || closures.some(([cs, ce]) => s < ce && cs < e);
      let free = 0;
      if (!closed) {
        for (let i = 0; i < holds.length; i++) {
          const list = holds[i]!;
          while (cursor[i]! < list.length && list[cursor[i]!]![1] <= s) cursor[i]!++;
          const next = list[cursor[i]!];
          if (!next || next[0] >= e) free++;
        }
      }
      cells.push({ start: new Date(s), end: new Date(e), total: t.stations.length, free });
    }
  }
  return cells;
}

export type Segment = { start: Date; end: Date; held: number; free: number; total: number };

/**
 * Maximal stretches in which the held station count is constant and above zero: what a
 * calendar shows as "Reserved" without saying whose. `busy` here is what others hold;
 * `allBusy` (others and the viewer) decides how many stations are still free.
 */
export function reservedSegments(busy: Busy[], allBusy: Busy[], total: number): Segment[] {
  // A sweep over start (+1) and end (-1) events: O(n log n) however full the week is.
  const events: [number, number, number][] = [];
  for (const b of busy) events.push([b.start.getTime(), 1, 0], [b.blockEnd.getTime(), -1, 0]);
  for (const b of allBusy) events.push([b.start.getTime(), 0, 1], [b.blockEnd.getTime(), 0, -1]);
  events.sort((a, b) => a[0] - b[0]);
  const out: Segment[] = [];
  let held = 0;
  let allHeld = 0;
  for (let i = 0; i < events.length; ) {
    const at = events[i]![0];
    while (i < events.length && events[i]![0] === at) {
      held += events[i]![1];
      allHeld += events[i]![2];
      i++;
    }
    const next = events[i]?.[0];
    if (next === undefined || held <= 0) continue;
    const free = Math.max(0, total - allHeld);
    const last = out[out.length - 1];
    if (last && last.end.getTime() === at && last.held === held && last.free === free) last.end = new Date(next);
    else out.push({ start: new Date(at), end: new Date(next), held, free, total });
  }
  return out;
}

/** Why the room is or is not free at a moment: a person at the door is told which. */
export type NowReason = 'free' | 'full' | 'closed' | 'closure' | 'out_of_service';

export type NowState = {
  free: boolean;
  until: Date | null;
  stations: number;
  reason: NowReason;
  /** The out-of-service window under way, when `reason` is 'closure'. */
  closure?: Closure;
};

/**
 * Whether the room has a station free at `now`, and until when: the latest moment any
 * free station stays free, capped by closing time and the next closure. When none is free,
 * `reason` says whether the room is closed (outside its hours), in an out-of-service window,
 * out of service, or simply full.
 */
export function freeNow(t: RoomTimeline, now: Date): NowState {
  const none = (reason: NowReason): NowState => ({ free: false, until: null, stations: 0, reason });
  if (t.outOfService) return none('out_of_service');
  const window = openingFrom(t.hours, localParts(now, t.timeZone).date, t.timeZone);
  if (!window || now < window.start || now >= window.end) return none('closed');
  const closure = t.closures.find((c) => c.start <= now && now < c.end);
  if (closure) return { ...none('closure'), closure };
  let cap = window.end;
  for (const c of t.closures) if (c.start > now && c.start < cap) cap = c.start;
  let best: Date | null = null;
  let count = 0;
  for (const s of t.stations) {
    const mine = t.busy.filter((b) => b.stationId === s.id);
    if (mine.some((b) => b.start <= now && now < b.blockEnd)) continue;
    count++;
    const next = mine.filter((b) => b.start > now).reduce<Date>((m, b) => (b.start < m ? b.start : m), cap);
    if (!best || next > best) best = next;
  }
  return count > 0 ? { free: true, until: best, stations: count, reason: 'free' } : none('full');
}

/**
 * The free start nearest to `asked` on the same local day (either side), for a booking of
 * `lengthMin` plus `bufferMin`, on the step grid and not before the slot under way.
 */
export function nearestFreeStart(
  t: RoomTimeline,
  asked: Date,
  lengthMin: number,
  bufferMin: number,
  stepMin: number,
  now: Date,
  maxDistanceMin = 240,
): { start: Date; end: Date } | null {
  const earliest = floorToStep(now, stepMin, t.timeZone);
  const base = floorToStep(asked, stepMin, t.timeZone);
  const day = localParts(asked, t.timeZone).date;
  for (let k = 1; k * stepMin <= maxDistanceMin; k++) {
    for (const dir of [1, -1]) {
      const start = addMinutes(base, dir * k * stepMin);
      if (start < earliest || localParts(start, t.timeZone).date !== day) continue;
      const end = addMinutes(start, lengthMin);
      if (!isOpenFor(t, start, end)) continue;
      if (freeStations(t, start, addMinutes(end, bufferMin)).length > 0) return { start, end };
    }
  }
  return null;
}

/** The first free start at or after `from`, within `days` days: on the step grid, inside opening hours. */
export function nextFreeStart(
  t: RoomTimeline,
  from: Date,
  lengthMin: number,
  bufferMin: number,
  stepMin: number,
  days = 7,
): { start: Date; end: Date } | null {
  if (t.outOfService || t.stations.length === 0) return null;
  let date = localParts(from, t.timeZone).date;
  for (let d = 0; d <= days; d++, date = addDays(date, 1)) {
    const window = openWindow(t.hours, date, t.timeZone);
    if (!window) continue;
    for (let s = window.start; addMinutes(s, lengthMin) <= window.end; s = addMinutes(s, stepMin)) {
      if (s < floorToStep(from, stepMin, t.timeZone)) continue;
      const e = addMinutes(s, lengthMin);
      if (t.closures.some((c) => overlaps(s, e, c.start, c.end))) continue;
      if (freeStations(t, s, addMinutes(e, bufferMin)).length > 0) return { start: s, end: e };
    }
  }
  return null;
}
