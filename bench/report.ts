import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { usageReport, type UsageReport } from '@/db/queries/reports';
import { addDays, localParts } from '@/lib/time';
import { BENCH_SITE_PREFIX } from './seed';

export type ReportTiming = { ms: number[]; bookings: UsageReport['key']['bookings']; rooms: number };

/**
 * report_1m_ms: HR's usage report (key figures, utilisation per room and week, weekday × hour
 * occupancy, request outcomes) for the busiest bench site over the 90 days up to now, in
 * process on the full data set. The first run warms caches and is not counted.
 */
export async function measureReport(db: Db, now: Date, runs: number): Promise<ReportTiming> {
  const [site] = rowsOf<{ id: string; time_zone: string }>(await db.execute(sql`select id, time_zone from sites where name like ${`${BENCH_SITE_PREFIX}%`} order by name limit 1`));
  if (!site) throw new Error('no bench site');
  const to = localParts(now, site.time_zone).date;
  const filters = { from: addDays(to, -89), to, siteId: site.id };
  let last = await usageReport(db, filters, now);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    last = await usageReport(db, filters, now);
    ms.push(performance.now() - started);
  }
  return { ms, bookings: last.key.bookings, rooms: last.scope.rooms };
}
