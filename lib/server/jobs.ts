import 'server-only';
import { and, asc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import { formatTime } from '@/lib/time';
import { env } from '@/lib/env';
import type { Db } from '@/db/client';
import { sendMail } from './mail';
import { releaseNoShows } from '@/db/queries/bookings';
import { remindPlanEnds } from '@/db/queries/plans';
import { rollForwardPlans } from '@/lib/server/operations/plans';
import { runDataArchives } from '@/lib/server/operations/data-rights';
import { applyRetention } from '@/db/queries/retention';
import { bookings, jobs, notifications, rooms, sites, users } from '@/db/schema';

export type JobDef = {
  name: string;
  /** How long after a run the job is due again. */
  everyMs: number;
  /** Runs inside the transaction that claimed the job; returns a short account of what it did. */
  run: (tx: Db, now: Date) => Promise<unknown>;
};

const MINUTE = 60_000;
const REMINDER_LEAD_MIN = 15;

/** In-app reminders for live bookings starting in the next 15 minutes, once each, for people who want them. */
export async function sendBookingReminders(db: Db, now: Date, smtpUrl: string | null | undefined = env().SMTP_URL): Promise<number> {
  const due = await db
    .select({ id: bookings.id, userId: bookings.userId, email: users.email, start: bookings.startAt, roomName: rooms.name, timeZone: sites.timeZone })
    .from(bookings)
    .innerJoin(rooms, eq(rooms.id, bookings.roomId))
    .innerJoin(sites, eq(sites.id, rooms.siteId))
    .innerJoin(users, eq(users.id, bookings.userId))
    .where(
      and(
        eq(bookings.status, 'booked'),
        gt(bookings.startAt, now),
        lte(bookings.startAt, new Date(now.getTime() + REMINDER_LEAD_MIN * MINUTE)),
        isNull(bookings.remindedAt),
        eq(users.remindersEnabled, true),
        eq(users.active, true),
      ),
    )
    .orderBy(asc(bookings.startAt))
    .limit(1000);
  if (due.length === 0) return 0;
  await db.insert(notifications).values(
    due.map((b) => ({ userId: b.userId!, kind: 'booking_reminder', message: `Your break in ${b.roomName} starts at ${formatTime(b.start, b.timeZone)}.`, link: '/bookings' })),
  );
  await db.update(bookings).set({ remindedAt: now }).where(inArray(bookings.id, due.map((b) => b.id)));
  // By email too, where outgoing mail is configured; the subject says nothing about health.
  if (smtpUrl) {
    for (const b of due) {
      try {
        await sendMail(db, { to: b.email, subject: 'Reminder: your booking starts soon', text: `Your booking in ${b.roomName} starts at ${formatTime(b.start, b.timeZone)}.` }, { smtpUrl });
      } catch (err) {
        console.error('Nook: a reminder email could not be sent:', err instanceof Error ? err.message : err);
      }
    }
  }
  return due.length;
}

/** Nook's scheduled work. */
export const JOBS: JobDef[] = [
  { name: 'no-show-release', everyMs: MINUTE, run: async (tx, now) => ({ released: (await releaseNoShows(tx, { now, lookBackMin: 7 * 24 * 60 })).length }) },
  { name: 'booking-reminders', everyMs: MINUTE, run: async (tx, now) => ({ reminded: await sendBookingReminders(tx, now) }) },
  { name: 'plan-roll-forward', everyMs: 24 * 60 * MINUTE, run: (tx, now) => rollForwardPlans(tx, now) },
  { name: 'plan-end-reminders', everyMs: 24 * 60 * MINUTE, run: async (tx, now) => ({ reminded: await remindPlanEnds(tx, now) }) },
  { name: 'retention', everyMs: 24 * 60 * MINUTE, run: (tx, now) => applyRetention(tx, now) },
  { name: 'data-archives', everyMs: MINUTE, run: (tx, now) => runDataArchives(tx, now) },
];

/** Makes sure each job has its row; a new job is due at once. */
export async function ensureJobs(db: Db, defs: JobDef[] = JOBS): Promise<void> {
  await db
    .insert(jobs)
    .values(defs.map((d) => ({ name: d.name })))
    .onConflictDoNothing();
}

export type JobRun = { name: string; ok: boolean; result?: unknown; error?: string };

/**
 * Runs every job that is due, one at a time: each is claimed with FOR UPDATE SKIP LOCKED and
 * run inside the claiming transaction, so another instance skips it while it runs and sees
 * its next due time once it commits. A failed run is rolled back and retried a minute later.
 */
export async function runDueJobs(db: Db, now: Date = new Date(), defs: JobDef[] = JOBS): Promise<JobRun[]> {
  const byName = new Map(defs.map((d) => [d.name, d]));
  const runs: JobRun[] = [];
  const tried = new Set<string>();
  for (;;) {
    const run = await db.transaction(async (tx) => {
      const [due] = await tx
        .select({ name: jobs.name })
        .from(jobs)
        .where(and(lte(jobs.runAt, now), tried.size ? sql`${jobs.name} not in ${[...tried]}` : undefined, inArray(jobs.name, [...byName.keys()])))
        .orderBy(asc(jobs.runAt))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!due) return null;
      tried.add(due.name);
      const def = byName.get(due.name)!;
      try {
        const result = await tx.transaction((sp) => def.run(sp as unknown as Db, now));
        await tx
          .update(jobs)
          .set({ runAt: new Date(now.getTime() + def.everyMs), lastStartedAt: now, lastFinishedAt: sql`now()`, lastError: null, runs: sql`${jobs.runs} + 1` })
          .where(eq(jobs.name, due.name));
        return { name: due.name, ok: true, result } satisfies JobRun;
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        await tx.update(jobs).set({ runAt: new Date(now.getTime() + MINUTE), lastStartedAt: now, lastError: error }).where(eq(jobs.name, due.name));
        return { name: due.name, ok: false, error } satisfies JobRun;
      }
    });
    if (!run) return runs;
    if (!run.ok) console.error(`Nook: job ${run.name} failed: ${run.error}`);
    runs.push(run);
  }
}

/**
 * Runs due jobs now and then every `intervalMs` in this process, with no external cron.
 * Safe with several app instances: claiming decides who runs what.
 */
export function startScheduler(getDb: () => Promise<Db>, intervalMs = 30_000): () => void {
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const db = await getDb();
      await runDueJobs(db);
    } catch (err) {
      console.error('Nook: scheduled jobs could not run:', err instanceof Error ? err.message : err);
    } finally {
      busy = false;
    }
  };
  const first = setTimeout(() => void getDb().then((db) => ensureJobs(db)).then(tick), 1_000);
  const timer = setInterval(() => void tick(), intervalMs);
  first.unref?.();
  timer.unref?.();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
