import { REPLY_DEADLINE_DAYS } from './policy';
import { addDays, localParts, weekdayOf, zonedInstant } from './time';

/**
 * Reply deadlines in business days. A business day is a Monday to Friday that is not one
 * of the site's holidays, on the site's own calendar (its IANA zone), whatever the server's.
 */

export const DEFAULT_REPLY_DAYS = 5;
/** The ceiling on a site's reply deadline (lib/policy). */
export const MAX_REPLY_DAYS = REPLY_DEADLINE_DAYS.max;

export type DeadlineRule = { businessDays: number; holidays: readonly string[]; timeZone: string };

export function isBusinessDay(date: string, holidays: ReadonlySet<string> | readonly string[]): boolean {
  const set = holidays instanceof Set ? holidays : new Set(holidays as readonly string[]);
  const wd = weekdayOf(date);
  return wd !== 0 && wd !== 6 && !set.has(date);
}

/** The `n`th business day after `date` (not counting `date` itself), as yyyy-MM-dd. */
export function addBusinessDays(date: string, n: number, holidays: readonly string[]): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError('Business days must be a whole number of at least 1.');
  const set = new Set(holidays);
  let day = date;
  let left = n;
  while (left > 0) {
    day = addDays(day, 1);
    if (isBusinessDay(day, set)) left -= 1;
  }
  return day;
}

/**
 * When HR must answer a request submitted at `submittedAt`: the end of the site's `n`th
 * business day after the day it arrived (midnight that follows, on the site's clock). A
 * request that arrives on a weekend or holiday is counted from the next business day all the same.
 */
export function replyDeadline(submittedAt: Date, rule: DeadlineRule): { date: string; at: Date } {
  const arrived = localParts(submittedAt, rule.timeZone).date;
  const date = addBusinessDays(arrived, rule.businessDays, rule.holidays);
  return { date, at: zonedInstant(addDays(date, 1), '00:00', rule.timeZone) };
}

export function isOverdue(deadlineAt: Date | null, now: Date): boolean {
  return deadlineAt !== null && now.getTime() >= deadlineAt.getTime();
}

/** Business days from `now`'s date up to the deadline date: 0 on the last day, negative once late. */
export function businessDaysLeft(deadlineDate: string, now: Date, rule: Omit<DeadlineRule, 'businessDays'>): number {
  const today = localParts(now, rule.timeZone).date;
  const set = new Set(rule.holidays);
  if (today === deadlineDate) return 0;
  const forward = today < deadlineDate;
  let day = today;
  let count = 0;
  while (day !== deadlineDate) {
    day = addDays(day, forward ? 1 : -1);
    if (isBusinessDay(day, set)) count += 1;
  }
  return forward ? count : -count;
}
