import type { OpeningHours } from './opening-hours';
import { WEEKDAYS } from './opening-hours';
import { addDays, addMinutes, formatLocal, localParts, minutesBetween, overlaps, zonedInstant } from './time';

export type BookingPolicy = {
  slotStepMin: number;
  defaultLengthMin: number;
  minLengthMin: number;
  maxLengthMin: number;
  horizonDays: number;
  maxPerDay: number;
  bufferMin: number;
};

export const DEFAULT_POLICY: BookingPolicy = {
  slotStepMin: 15,
  defaultLengthMin: 30,
  minLengthMin: 10,
  maxLengthMin: 60,
  horizonDays: 30,
  maxPerDay: 8,
  bufferMin: 0,
};

export type SiteInfo = { name: string; timeZone: string; openingHours: OpeningHours };
export type RoomInfo = { name: string; status: 'active' | 'out_of_service'; outOfServiceReason: string | null; openingHours: OpeningHours | null };
export type Window = { start: Date; end: Date; reason?: string };

export type RuleName =
  | 'range'
  | 'past'
  | 'step'
  | 'length'
  | 'horizon'
  | 'opening_hours'
  | 'out_of_service'
  | 'closure'
  | 'per_day'
  | 'own_overlap';

export type RuleResult = { ok: true } | { ok: false; rule: RuleName; message: string };

export type BookingCheck = {
  start: Date;
  end: Date;
  now: Date;
  site: SiteInfo;
  room: RoomInfo;
  policy: BookingPolicy;
  closures: Window[];
  /** The person's other live bookings (the one being moved left out). */
  ownBookings: Window[];
};

/** The opening hours that apply to a room: its override, else its site's. */
export function roomHours(site: SiteInfo, room: Pick<RoomInfo, 'openingHours'>): OpeningHours {
  return room.openingHours ?? site.openingHours;
}

/** The open window [open, close) of a room on a local date, or null when closed. */
export function openWindow(hours: OpeningHours, date: string, timeZone: string): Window | null {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  const day = hours[weekday];
  if (!day) return null;
  return { start: zonedInstant(date, day.open, timeZone), end: zonedInstant(date, day.close, timeZone) };
}

/**
 * The opening that contains the start of a booking on `date`, carried on through midnight when
 * the room is open until 24:00 and again from 00:00 the next day (a round-the-clock room is one
 * opening, so a night-shift break from 23:45 to 00:15 fits). At most `days` days are joined.
 */
export function openingFrom(hours: OpeningHours, date: string, timeZone: string, days = 2): Window | null {
  const first = openWindow(hours, date, timeZone);
  if (!first) return null;
  let end = first.end;
  let day = date;
  for (let i = 1; i < days; i++) {
    day = addDays(day, 1);
    const next = openWindow(hours, day, timeZone);
    if (!next || next.start.getTime() !== end.getTime()) break;
    end = next.end;
  }
  return { start: first.start, end };
}

/** Start of the step slot that contains `instant`, in the site's zone. */
export function floorToStep(instant: Date, stepMin: number, timeZone: string): Date {
  const { minutes } = localParts(instant, timeZone);
  const floored = new Date(Math.floor(instant.getTime() / 60_000) * 60_000);
  return addMinutes(floored, -(minutes % stepMin));
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** When an opening closes, as its day writes it: midnight after the day it opened is 24:00. */
function closingTime(window: Window, timeZone: string): string {
  const close = localParts(window.end, timeZone);
  return close.time === '00:00' && close.date > localParts(window.start, timeZone).date ? '24:00' : close.time;
}

/**
 * Every rule a booking must meet, checked in a fixed order; the first broken one is
 * named in plain words. A booking may start on a step boundary (the slot under way
 * included) or right now, as "Book now" does.
 */
export function checkBooking(c: BookingCheck): RuleResult {
  const { start, end, now, site, room, policy } = c;
  const tz = site.timeZone;
  const at = `At ${site.name}`;
  if (!(end > start)) return { ok: false, rule: 'range', message: 'A booking must end after it starts.' };
  if (start.getSeconds() !== 0 || end.getSeconds() !== 0 || start.getMilliseconds() !== 0 || end.getMilliseconds() !== 0) {
    return { ok: false, rule: 'step', message: 'Bookings start and end on whole minutes.' };
  }

  const startsNow = Math.abs(start.getTime() - now.getTime()) <= 2 * 60_000;
  const aligned = localParts(start, tz).minutes % policy.slotStepMin === 0;
  if (!startsNow && start < floorToStep(now, policy.slotStepMin, tz)) {
    return { ok: false, rule: 'past', message: 'That time has already passed. Choose a time from now on.' };
  }
  if (!aligned && !startsNow) {
    return { ok: false, rule: 'step', message: `${at} bookings start on the ${policy.slotStepMin}-minute marks (for example :00, :${String(policy.slotStepMin).padStart(2, '0')}).` };
  }

  const length = minutesBetween(start, end);
  if (length > policy.maxLengthMin) return { ok: false, rule: 'length', message: `${at} a booking can be at most ${plural(policy.maxLengthMin, 'minute')}.` };
  if (length < policy.minLengthMin) return { ok: false, rule: 'length', message: `${at} a booking must be at least ${plural(policy.minLengthMin, 'minute')}.` };

  if (start.getTime() > now.getTime() + policy.horizonDays * 86_400_000) {
    return { ok: false, rule: 'horizon', message: `${at} you can book up to ${plural(policy.horizonDays, 'day')} ahead.` };
  }

  if (room.status === 'out_of_service') {
    return { ok: false, rule: 'out_of_service', message: `${room.name} is out of service${room.outOfServiceReason ? `: ${room.outOfServiceReason}` : '.'}` };
  }

  const local = localParts(start, tz);
  const window = openingFrom(roomHours(site, room), local.date, tz);
  const dayName = WEEKDAYS[local.weekday];
  if (!window) return { ok: false, rule: 'opening_hours', message: `${room.name} is closed on ${dayName}s.` };
  if (start < window.start || end > window.end) {
    return {
      ok: false,
      rule: 'opening_hours',
      message: `${room.name} is open ${localParts(window.start, tz).time}–${closingTime(window, tz)} on ${dayName}s.`,
    };
  }

  const closure = c.closures.find((w) => overlaps(start, end, w.start, w.end));
  if (closure) {
    return {
      ok: false,
      rule: 'closure',
      message: `${room.name} is out of service from ${formatLocal(closure.start, tz)} to ${formatLocal(closure.end, tz)}${closure.reason ? `: ${closure.reason}` : '.'}`,
    };
  }

  const clash = c.ownBookings.find((b) => overlaps(start, end, b.start, b.end));
  if (clash) {
    return {
      ok: false,
      rule: 'own_overlap',
      message: `You already have a booking from ${formatLocal(clash.start, tz)} to ${localParts(clash.end, tz).time}.`,
    };
  }

  const sameDay = c.ownBookings.filter((b) => localParts(b.start, tz).date === local.date).length;
  if (sameDay >= policy.maxPerDay) {
    return { ok: false, rule: 'per_day', message: `${at} you can have at most ${plural(policy.maxPerDay, 'booking')} a day.` };
  }
  return { ok: true };
}
