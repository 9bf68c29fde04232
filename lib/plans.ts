import { RRule, type Weekday } from 'rrule';
import { freeStations, isOpenFor, type RoomTimeline } from './availability';
import { checkBooking, floorToStep, type BookingPolicy, type RoomInfo, type SiteInfo, type Window } from './booking-rules';
import { addDays, addMinutes, localParts, minutesBetween, overlaps, zonedInstant } from './time';

/** How far ahead a plan books at once; later occurrences are booked by the daily run as they come within reach. */
export const PLAN_BOOKING_DAYS = 90;
/** How far from its planned time an occurrence may move when no room is free then. */
export const PLAN_NEARBY_MIN = 30;
/** The latest end date a plan may have, in days from today. */
export const PLAN_MAX_YEARS_DAYS = 3 * 366;

export type DateRange = { fromDate: string; toDate: string };

export type PlanPattern = {
  times: string[];
  weekdays: number[];
  lengthMin: number;
  startDate: string;
  endDate: string;
  skips: DateRange[];
};

export type Occurrence = { date: string; time: string; slot: Date; start: Date; end: Date };

const RRULE_DAYS: Weekday[] = [RRule.SU, RRule.MO, RRule.TU, RRule.WE, RRule.TH, RRule.FR, RRule.SA];

/** A calendar date as the UTC midnight RRule works in ("floating" dates, no zone). */
const floating = (date: string) => new Date(`${date}T00:00:00Z`);
const dateOf = (d: Date) => d.toISOString().slice(0, 10);

export function isSkipped(date: string, skips: DateRange[]): boolean {
  return skips.some((s) => date >= s.fromDate && date <= s.toDate);
}

/**
 * The plan's occurrences with dates in [fromDate, toDate] (clipped to the plan's own dates),
 * skipped dates left out. The dates come from an RRULE over floating calendar dates; each
 * time of day is then placed in the site's zone, so 09:30 stays 09:30 on the wall clock
 * across daylight-saving changes.
 */
export function expandOccurrences(p: PlanPattern, timeZone: string, range: DateRange): Occurrence[] {
  const from = range.fromDate > p.startDate ? range.fromDate : p.startDate;
  const to = range.toDate < p.endDate ? range.toDate : p.endDate;
  if (to < from || p.weekdays.length === 0 || p.times.length === 0) return [];
  const rule = new RRule({
    freq: RRule.DAILY,
    byweekday: [...new Set(p.weekdays)].sort().map((d) => RRULE_DAYS[d]!),
    dtstart: floating(from),
    until: floating(to),
  });
  const times = [...new Set(p.times)].sort();
  const out: Occurrence[] = [];
  for (const day of rule.all()) {
    const date = dateOf(day);
    if (isSkipped(date, p.skips)) continue;
    for (const time of times) {
      const start = zonedInstant(date, time, timeZone);
      out.push({ date, time, slot: start, start, end: addMinutes(start, p.lengthMin) });
    }
  }
  return out;
}

/** A room a plan may book, with everything needed to decide without the database. */
export type CandidateRoom = {
  roomId: string;
  roomName: string;
  site: SiteInfo;
  room: RoomInfo;
  policy: BookingPolicy;
  timeline: RoomTimeline;
};

export type Alternative = { roomId: string; roomName: string; start: Date; end: Date };

export type Outcome =
  | { kind: 'booked'; choice: 'preferred' | 'fallback' | 'nearby'; roomId: string; roomName: string; stationId: string; start: Date; end: Date }
  | { kind: 'past' }
  | { kind: 'own_overlap'; message: string }
  | { kind: 'no_room'; reason: string; alternatives: Alternative[] };

export type PlannedOccurrence = Occurrence & { outcome: Outcome };

/** Free starts within ±PLAN_NEARBY_MIN of the planned one, nearest first, in any candidate room. */
function nearbyStarts(rooms: CandidateRoom[], occ: Occurrence, lengthMin: number, now: Date, ownOn: (d: Date) => Window[], limit = 4): Alternative[] {
  const out: Alternative[] = [];
  for (const c of rooms) {
    const step = c.policy.slotStepMin;
    const base = floorToStep(occ.start, step, c.timeline.timeZone);
    for (let k = 1; k * step <= PLAN_NEARBY_MIN; k++) {
      for (const dir of [-1, 1]) {
        const start = addMinutes(base, dir * k * step);
        const end = addMinutes(start, lengthMin);
        if (start < now || localParts(start, c.timeline.timeZone).date !== occ.date) continue;
        if (!isOpenFor(c.timeline, start, end)) continue;
        if (ownOn(start).some((b) => overlaps(start, end, b.start, b.end))) continue;
        if (freeStations(c.timeline, start, addMinutes(end, c.policy.bufferMin)).length === 0) continue;
        out.push({ roomId: c.roomId, roomName: c.roomName, start, end });
      }
    }
  }
  out.sort((a, b) => Math.abs(minutesBetween(occ.start, a.start)) - Math.abs(minutesBetween(occ.start, b.start)) || a.start.getTime() - b.start.getTime());
  return out.slice(0, limit);
}

/**
 * Decides each occurrence: the preferred room, else the first fallback with a free station,
 * else a chosen nearby time (when `choices` names one that is still free), else "no room"
 * with the nearest free times within ±30 minutes. Every rule of a single booking applies,
 * except that a plan may book up to PLAN_BOOKING_DAYS ahead. Each booking placed is added to
 * the timelines and her own list, so later occurrences see it. `rooms` is in order of preference.
 */
export function planOccurrences(
  occurrences: Occurrence[],
  rooms: CandidateRoom[],
  own: Window[],
  now: Date,
  choices: Map<number, { roomId: string; start: Date }> = new Map(),
): PlannedOccurrence[] {
  const ownByDate = new Map<string, Window[]>();
  const tz = rooms[0]?.timeline.timeZone ?? 'UTC';
  const addOwn = (w: Window) => {
    const date = localParts(w.start, tz).date;
    ownByDate.set(date, [...(ownByDate.get(date) ?? []), w]);
  };
  own.forEach(addOwn);
  const ownOn = (d: Date) => {
    const date = localParts(d, tz).date;
    return [...(ownByDate.get(addDays(date, -1)) ?? []), ...(ownByDate.get(date) ?? []), ...(ownByDate.get(addDays(date, 1)) ?? [])];
  };

  const tryRoom = (c: CandidateRoom, start: Date, end: Date) => {
    const rule = checkBooking({
      start,
      end,
      now,
      site: c.site,
      room: c.room,
      // The whole last day within reach may be booked, whatever the hour of the run.
      policy: { ...c.policy, horizonDays: Math.max(c.policy.horizonDays, PLAN_BOOKING_DAYS + 1) },
      closures: c.timeline.closures,
      ownBookings: ownOn(start),
    });
    if (!rule.ok) return { ok: false as const, rule };
    const free = freeStations(c.timeline, start, addMinutes(end, c.policy.bufferMin));
    if (free.length === 0) return { ok: false as const, rule: null };
    return { ok: true as const, stationId: free[0]!.id };
  };

  const place = (c: CandidateRoom, stationId: string, start: Date, end: Date) => {
    c.timeline.busy.push({ stationId, start, blockEnd: addMinutes(end, c.policy.bufferMin) });
    addOwn({ start, end });
  };

  return occurrences.map((occ, index): PlannedOccurrence => {
    if (occ.start < now) return { ...occ, outcome: { kind: 'past' } };
    const clash = ownOn(occ.start).find((b) => overlaps(occ.start, occ.end, b.start, b.end));
    if (clash) return { ...occ, outcome: { kind: 'own_overlap', message: 'You already have a booking then.' } };

    let firstReason: string | null = null;
    for (const [i, c] of rooms.entries()) {
      const r = tryRoom(c, occ.start, occ.end);
      if (r.ok) {
        place(c, r.stationId, occ.start, occ.end);
        return { ...occ, outcome: { kind: 'booked', choice: i === 0 ? 'preferred' : 'fallback', roomId: c.roomId, roomName: c.roomName, stationId: r.stationId, start: occ.start, end: occ.end } };
      }
      if (i === 0) firstReason = r.rule ? r.rule.message : `Every station in ${c.roomName} is taken then.`;
    }

    const chosen = choices.get(index);
    if (chosen && Math.abs(minutesBetween(occ.start, chosen.start)) <= PLAN_NEARBY_MIN) {
      const c = rooms.find((room) => room.roomId === chosen.roomId);
      const end = addMinutes(chosen.start, occ.end.getTime() / 60_000 - occ.start.getTime() / 60_000);
      const r = c ? tryRoom(c, chosen.start, end) : null;
      if (c && r?.ok) {
        place(c, r.stationId, chosen.start, end);
        return { ...occ, outcome: { kind: 'booked', choice: 'nearby', roomId: c.roomId, roomName: c.roomName, stationId: r.stationId, start: chosen.start, end } };
      }
    }
    const lengthMin = minutesBetween(occ.start, occ.end);
    const fallbackNote = rooms.length > 1 ? ' No fallback room is free either.' : '';
    return {
      ...occ,
      outcome: { kind: 'no_room', reason: `${firstReason ?? 'No room is free then.'}${fallbackNote}`, alternatives: nearbyStarts(rooms, occ, lengthMin, now, ownOn) },
    };
  });
}

export type PlanSummary = { booked: number; preferred: number; fallback: number; nearby: number; noRoom: number; past: number; ownOverlap: number };

export function summarise(planned: PlannedOccurrence[]): PlanSummary {
  const s: PlanSummary = { booked: 0, preferred: 0, fallback: 0, nearby: 0, noRoom: 0, past: 0, ownOverlap: 0 };
  for (const { outcome } of planned) {
    if (outcome.kind === 'booked') {
      s.booked++;
      s[outcome.choice]++;
    } else if (outcome.kind === 'no_room') s.noRoom++;
    else if (outcome.kind === 'past') s.past++;
    else s.ownOverlap++;
  }
  return s;
}

/** The last local date a plan books now: its end date or today + PLAN_BOOKING_DAYS, whichever is sooner. */
export function bookableThrough(endDate: string, today: string): string {
  const reach = addDays(today, PLAN_BOOKING_DAYS);
  return endDate < reach ? endDate : reach;
}

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "Mon–Fri", "Mon, Wed, Fri", "Every day": weekdays as people say them. */
export function describeWeekdays(weekdays: number[]): string {
  const days = [...new Set(weekdays)].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
  if (days.length === 7) return 'Every day';
  const key = days.join(',');
  if (key === '1,2,3,4,5') return 'Mon–Fri';
  return days.map((d) => DAY_NAMES[d]).join(', ');
}

/** A break pattern as an approved schedule request states it. */
export type RequestedPattern = { breaks: number; lengthMin: number; windows: { start: string; end: string }[] };

/**
 * A plan's first draft from an approved break-pattern request: one break at the start of each
 * preferred window, and any further breaks spread evenly over 09:00–16:00 on the quarter hour;
 * from the request's first day (not before today) to its last (or six months on).
 */
export function planDraftFromRequest(p: RequestedPattern, fromDate: string, untilDate: string | null, today: string) {
  const toMin = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  const toClock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const chosen = [...new Set(p.windows.slice(0, p.breaks).map((w) => toMin(w.start)))];
  const fits = (m: number) => chosen.every((c) => Math.abs(c - m) >= p.lengthMin);
  const spread = 7 * 60;
  // Evenly over 09:00–16:00 first, then any quarter hour 07:00–19:00 that keeps the breaks apart.
  const even = Array.from({ length: p.breaks }, (_, k) => 9 * 60 + Math.round(((spread / p.breaks) * (k + 0.5)) / 15) * 15);
  const quarters = Array.from({ length: 48 }, (_, k) => 7 * 60 + k * 15);
  for (const m of [...even, ...quarters]) {
    if (chosen.length >= p.breaks) break;
    if (fits(m)) chosen.push(m);
  }
  const times = chosen.sort((a, b) => a - b).map(toClock);
  const startDate = fromDate > today ? fromDate : today;
  const latest = addDays(today, PLAN_MAX_YEARS_DAYS);
  const endDate = untilDate && untilDate >= startDate ? (untilDate < latest ? untilDate : latest) : addDays(startDate, 182);
  return { times, lengthMin: p.lengthMin, startDate, endDate };
}

/** What a person asks for when she makes a plan: her times, weekdays, length, rooms and dates. */
export type PlanInput = {
  times: string[];
  weekdays: number[];
  lengthMin: number;
  preferredRoomId: string;
  fallbackRoomIds: string[];
  startDate: string;
  endDate: string;
};

/** A plan's pattern: its times, weekdays, length and dates, less the ranges she skipped. */
export function patternOf(input: Pick<PlanInput, 'times' | 'weekdays' | 'lengthMin' | 'startDate' | 'endDate'>, skips: DateRange[]): PlanPattern {
  return { times: input.times, weekdays: input.weekdays, lengthMin: input.lengthMin, startDate: input.startDate, endDate: input.endDate, skips };
}
