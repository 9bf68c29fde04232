import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { createPlan, previewPlan } from '@/lib/server/operations/plans';
import { addDays, localParts } from '@/lib/time';
import { BENCH_EMAIL_DOMAIN, BENCH_SITE_PREFIX } from './seed';

export type PlanTiming = { ms: number[]; occurrences: number; booked: number };

/**
 * plan_250_ms: a new pump plan, preview then confirm, for a person at a busy bench site: four
 * breaks every weekday for 90 days (about 256 occurrences), a preferred room and two fallbacks.
 * Each run is a new person, so every run books the whole plan.
 */
export async function measurePlanCreation(db: Db, now: Date, runs: number): Promise<PlanTiming> {
  const [site] = rowsOf<{ id: string; time_zone: string }>(await db.execute(sql`select id, time_zone from sites where name like ${`${BENCH_SITE_PREFIX}%`} order by name limit 1`));
  if (!site) throw new Error('no bench site');
  const roomRows = rowsOf<{ id: string }>(await db.execute(sql`select id from rooms where site_id = ${site.id}::uuid and status = 'active' order by name limit 3`));
  const [preferred, ...fallbacks] = roomRows.map((r) => r.id);
  const today = localParts(now, site.time_zone).date;
  const ms: number[] = [];
  let occurrences = 0;
  let booked = 0;
  for (let i = 0; i < runs; i++) {
    const [person] = rowsOf<{ id: string }>(
      await db.execute(sql`insert into users (email, name, site_id) values (${`plan-person-${i}-${now.getTime()}@${BENCH_EMAIL_DOMAIN}`}, 'Plan Bench Person', ${site.id}::uuid) returning id`),
    );
    const plan = {
      // Shifted per run so the runs do not simply fill each other's slots.
      times: ['08:00', '10:30', '13:00', '15:30'].map((t) => `${t.slice(0, 3)}${String((Number(t.slice(3)) + 15 * (i % 2)) % 60).padStart(2, '0')}`),
      weekdays: [1, 2, 3, 4, 5],
      lengthMin: 30,
      preferredRoomId: preferred!,
      fallbackRoomIds: fallbacks,
      startDate: addDays(today, 1),
      endDate: addDays(today, 90),
    };
    const started = performance.now();
    const preview = await previewPlan(db, { userId: person!.id, plan, now });
    const created = await createPlan(db, { userId: person!.id, plan, now });
    ms.push(performance.now() - started);
    occurrences = preview.planned.length;
    booked = created.planned.filter((p) => p.outcome.kind === 'booked').length;
  }
  return { ms, occurrences, booked };
}
