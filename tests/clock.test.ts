import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { rowsOf } from '@/db/client';
import { seedDemo } from '@/db/seed';
import { rooms } from '@/db/schema';
import { addDays, weekdayOf } from '@/lib/time';
import { nextOpenDay, openDayAhead, roomCalendar, roomOpenDayAhead, testNow, todayIn } from './clock';
import { describeDb } from './db';

// Under `npm test`'s any-day legs (scripts/any-day.mjs) the process clock is faked: show that the
// suite's now, and the embedded database's, really are the faked instant, so the legs test something.
const faked = process.env.NOOK_FAKED_NOW ? new Date(process.env.NOOK_FAKED_NOW) : null;

it.runIf(faked)('sees the faked instant in the test clock', () => {
  const lag = testNow().getTime() - faked!.getTime();
  expect(lag).toBeGreaterThanOrEqual(0);
  expect(lag).toBeLessThan(15 * 60_000);
});

describeDb('the test clock', (handle, kind) => {
  it.runIf(faked && kind === 'pglite')('is the clock the embedded database sees', async () => {
    const [row] = rowsOf<{ now: Date | string }>(await handle().db.execute(sql`select now() as now`));
    const lag = new Date(row!.now).getTime() - faked!.getTime();
    expect(lag).toBeGreaterThanOrEqual(0);
    expect(lag).toBeLessThan(15 * 60_000);
  });

  it("picks a room's next open day by its hours, never a closed one", async () => {
    const { db } = handle();
    await seedDemo(db);
    const all = await db.select().from(rooms);
    const wellness = all.find((r) => r.name === 'Wellness Room 3')!;
    const quiet = all.find((r) => r.name === 'Quiet Room 12B')!;
    const { hours, timeZone } = await roomCalendar(db, wellness.id);
    const day = await roomOpenDayAhead(db, wellness.id, 2);
    expect([0, 6]).not.toContain(weekdayOf(day));
    expect(day >= openDayAhead(hours, timeZone, 2)).toBe(true);
    expect(day > todayIn(timeZone)).toBe(true);
    const next = nextOpenDay(hours, day);
    expect(next > day).toBe(true);
    expect([0, 6]).not.toContain(weekdayOf(next));
    // Open around the clock: two days on is just that.
    const twoDaysOn = await roomOpenDayAhead(db, quiet.id, 2);
    expect(twoDaysOn).toBe(addDays(todayIn(timeZone), 2));
  });
});
