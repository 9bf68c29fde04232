import { addMinutes, formatTime } from './time';

/** Check-in opens this long before a booking starts. */
export const CHECK_IN_OPENS_MIN = 5;

export type CheckInFacts = {
  status: 'booked' | 'cancelled';
  start: Date;
  end: Date;
  createdAt: Date;
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
  releasedAt: Date | null;
  checkInRequired: boolean;
  checkInGraceMin: number;
};

/** The last moment she can check in: the booking's start (or when it was made, if later) plus the grace. */
export function checkInDeadline(b: Pick<CheckInFacts, 'start' | 'createdAt'>, graceMin: number): Date {
  return addMinutes(b.start > b.createdAt ? b.start : b.createdAt, graceMin);
}

export type CheckInState =
  | { kind: 'not_yet'; opensAt: Date }
  | { kind: 'open'; closesAt: Date | null }
  | { kind: 'checked_in'; canCheckOut: boolean }
  | { kind: 'released' }
  | { kind: 'cancelled' }
  | { kind: 'closed'; closedAt: Date }
  | { kind: 'over' };

/**
 * Where a booking stands for check-in at `now`: the one rule behind the check-in action's
 * answers and the buttons My bookings, the room page and the door page offer. It opens 5
 * minutes before the start and, where the site requires check-in, closes at the deadline.
 */
export function checkInState(b: CheckInFacts, now: Date): CheckInState {
  if (b.releasedAt) return { kind: 'released' };
  if (b.status !== 'booked') return { kind: 'cancelled' };
  if (b.checkedInAt) return now >= b.end ? { kind: 'over' } : { kind: 'checked_in', canCheckOut: !b.checkedOutAt };
  const opensAt = addMinutes(b.start, -CHECK_IN_OPENS_MIN);
  if (now < opensAt) return { kind: 'not_yet', opensAt };
  const closesAt = b.checkInRequired ? checkInDeadline(b, b.checkInGraceMin) : null;
  if (closesAt && now > closesAt) return { kind: 'closed', closedAt: closesAt };
  if (now >= b.end) return { kind: 'over' };
  return { kind: 'open', closesAt };
}

/** What the page shows: the state, with its times as the site's wall clock. */
export type CheckInView =
  | { kind: 'not_yet'; opensAt: string }
  | { kind: 'open'; closesAt: string | null }
  | { kind: 'checked_in'; canCheckOut: boolean }
  | { kind: 'released' }
  | { kind: 'none' };

export function checkInView(b: CheckInFacts & { timeZone: string }, now: Date): CheckInView {
  const s = checkInState(b, now);
  switch (s.kind) {
    case 'not_yet':
      return { kind: s.kind, opensAt: formatTime(s.opensAt, b.timeZone) };
    case 'open':
      return { kind: s.kind, closesAt: s.closesAt ? formatTime(s.closesAt, b.timeZone) : null };
    case 'checked_in':
    case 'released':
      return s;
    default:
      return { kind: 'none' };
  }
}
