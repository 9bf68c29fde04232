import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rooms, sites } from '@/db/schema';
import { firstOpenDate, type OpeningHours } from '@/lib/opening-hours';
import { addDays, localParts } from '@/lib/time';

/**
 * The test suite's one "now": the process clock, read once when a test file loads.
 *
 * A test that needs today takes it from here and picks its days by rule from it (the next day
 * a room opens, a weekday so many days on), never by a fixed offset that lands on a weekend on
 * some days. `npm test` runs every file that imports this module again under faked instants
 * (scripts/any-day.mjs, with Debian's faketime), so whatever a test derives from it must hold
 * on any day of the year. Tests of rules that do not depend on today use fixed instants instead.
 */
const NOW = new Date();

export function testNow(): Date {
  return new Date(NOW);
}

/** Today's date in a time zone, as yyyy-MM-dd. */
export function todayIn(timeZone: string, now = testNow()): string {
  return localParts(now, timeZone).date;
}

/**
 * The first day at least `ahead` days after today (in the site's zone) on which these hours open:
 * "the next day the room is open". Pass the day before to get the next open day after a date.
 */
export function openDayAhead(hours: OpeningHours, timeZone: string, ahead: number, now = testNow()): string {
  return firstOpenDate(hours, addDays(todayIn(timeZone, now), ahead));
}

/** The next day after `date` on which these hours open. */
export function nextOpenDay(hours: OpeningHours, date: string): string {
  return firstOpenDate(hours, addDays(date, 1));
}

/** A room's opening hours (its own, or its site's) and its site's zone, read from the database. */
export async function roomCalendar(db: Db, roomId: string): Promise<{ hours: OpeningHours; timeZone: string }> {
  const [row] = await db
    .select({ roomHours: rooms.openingHours, siteHours: sites.openingHours, timeZone: sites.timeZone })
    .from(rooms)
    .innerJoin(sites, eq(sites.id, rooms.siteId))
    .where(eq(rooms.id, roomId));
  if (!row) throw new Error(`no room ${roomId}`);
  return { hours: row.roomHours ?? row.siteHours, timeZone: row.timeZone };
}

/** A room's next open day at least `ahead` days after today in its site's zone. */
export async function roomOpenDayAhead(db: Db, roomId: string, ahead: number, now = testNow()): Promise<string> {
  const { hours, timeZone } = await roomCalendar(db, roomId);
  return openDayAhead(hours, timeZone, ahead, now);
}
