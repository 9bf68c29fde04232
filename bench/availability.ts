import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { Sql } from 'postgres';
import { rowsOf, type Db } from '@/db/client';
import { roomAvailability } from '@/db/queries/availability';
import { busyInRoom } from '@/db/queries/bookings';
import * as schema from '@/db/schema';
import { addDays, localParts, zonedInstant } from '@/lib/time';
import { BENCH_EMAIL_DOMAIN, type BenchRoom } from './seed';

/** A room (by its index in `benchRooms` order, the same in every bench database) and a week. */
export type WeekSample = { roomIndex: number; weekOffset: number };

/**
 * The availability samples both databases answer: every `stride`-th bench room, for the
 * site's current week and the `weeks - 1` after it (what the room calendar asks for).
 */
export function weekSamples(roomCount: number, stride = 5, weeks = 5): WeekSample[] {
  const out: WeekSample[] = [];
  for (let w = 0; w < weeks; w++) for (let r = 0; r < roomCount; r += stride) out.push({ roomIndex: r, weekOffset: w });
  return out;
}

/** Monday 00:00 to Monday 00:00 in the site's zone, `offset` weeks from the week of `now`. */
export function siteWeek(timeZone: string, now: Date, offset: number): { from: Date; to: Date } {
  const here = localParts(now, timeZone);
  const monday = addDays(here.date, -((here.weekday + 6) % 7) + 7 * offset);
  return { from: zonedInstant(monday, '00:00', timeZone), to: zonedInstant(addDays(monday, 7), '00:00', timeZone) };
}

/**
 * Times `roomAvailability` (db/queries/availability.ts: the room, its stations, the live
 * bookings and closures in the week, and the slots worked out from them) once per sample,
 * one after another: milliseconds each.
 */
export async function timeAvailability(db: Db, rooms: BenchRoom[], samples: WeekSample[], viewerId: string, now: Date): Promise<number[]> {
  const out: number[] = [];
  for (const s of samples) {
    const room = rooms[s.roomIndex];
    if (!room) throw new Error(`No bench room ${s.roomIndex}`);
    const { from, to } = siteWeek(room.timeZone, now, s.weekOffset);
    const t0 = performance.now();
    const result = await roomAvailability(db, { roomId: room.id, from, to, viewerId });
    out.push(performance.now() - t0);
    if (!result) throw new Error(`Room ${room.id} not found`);
  }
  return out;
}

type Spy = { sql: string; params: unknown[] } | undefined;

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the live-bookings query behind availability, exactly as
 * db/queries/bookings.ts busyInRoom writes it today: the query is captured through a
 * logging drizzle over the same client, then explained with its parameters.
 */
export async function explainBusy(db: Db, room: BenchRoom, now: Date): Promise<string> {
  const { from, to } = siteWeek(room.timeZone, now, 1);
  const client = (db as unknown as { $client: unknown }).$client;
  let captured: Spy;
  const logger = {
    logQuery: (query: string, params: unknown[]) => {
      captured ??= { sql: query, params };
    },
  };
  const postgresJs = typeof (client as Sql).unsafe === 'function';
  const spy = postgresJs ? drizzlePostgres(client as Sql, { schema, logger }) : drizzlePglite(client as PGlite, { schema, logger });
  await busyInRoom(spy as unknown as Db, room.id, from, to);
  const query = captured as Spy;
  if (!query) throw new Error('busyInRoom ran no query');
  const text = `explain (analyze, buffers) ${query.sql}`;
  const rows: Record<string, string>[] = postgresJs
    ? await (client as Sql).unsafe(text, query.params as never[])
    : (await (client as PGlite).query<Record<string, string>>(text, query.params)).rows;
  return rows.map((r) => Object.values(r)[0]).join('\n');
}

export async function firstBenchPersonId(db: Db): Promise<string> {
  const [row] = rowsOf<{ id: string }>(await db.execute(sql`select id from users where email like ${`%@${BENCH_EMAIL_DOMAIN}`} order by email limit 1`));
  if (!row) throw new Error('No bench people');
  return row.id;
}
