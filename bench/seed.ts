import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { seedDemo } from '@/db/seed';
import { sites, users } from '@/db/schema';
import type { OpeningHours } from '@/lib/opening-hours';
import { addDays, zonedInstant } from '@/lib/time';
import { seededRandom } from '@/lib/random';

/**
 * The benchmark's data set, built in SQL (`insert … select generate_series`), never a row
 * per round trip. Bench sites open every day 07:00–20:00 local; every booking is one
 * 30-minute cell of a grid (station × local day × half-hour), so no two live bookings
 * share a station at once. Each cell's person is chosen so that two bookings at the same
 * instant always have different people (see PERSON_STRIDE), so the EXCLUDE constraints
 * never fire while seeding.
 */
export type BenchShape = {
  sites: number;
  roomsPerSite: number;
  people: number;
  bookings: number;
  /** Days of bookings in all; the last `futureDays` of them lie ahead of `now`. */
  days: number;
  futureDays: number;
  /** Per mille of bookings that are cancelled. */
  cancelledPerMille: number;
};

export const FULL_SHAPE: BenchShape = { sites: 5, roomsPerSite: 40, people: 5000, bookings: 1_000_000, days: 730, futureDays: 30, cancelledPerMille: 80 };
export const QUICK_SHAPE: BenchShape = { ...FULL_SHAPE, bookings: 50_000 };
/** The small database availability_growth compares against: the same rooms and people, 10k bookings. */
export const SMALL_BOOKINGS = 10_000;

export const BENCH_SITE_PREFIX = 'Bench ';
export const BENCH_EMAIL_DOMAIN = 'bench.nook.test';
export const OPEN = '07:00';
export const CLOSE = '20:00';
export const SLOT_MIN = 30;
/** Half-hour cells a day from OPEN to CLOSE. */
export const SLOTS_PER_DAY = 26;
/** Whole-hour zones only, so every cell starts on a half-hour of UTC on both sides of DST. */
const ZONES = ['America/Chicago', 'Europe/Berlin', 'America/Los_Angeles', 'Asia/Singapore', 'Australia/Sydney', 'America/Denver', 'Europe/London', 'Asia/Tokyo'];
const CITY = ['Chicago Loop', 'Berlin Mitte', 'Los Angeles Arts District', 'Singapore Marina Bay', 'Sydney Barangaroo', 'Denver LoDo', 'London Shoreditch', 'Tokyo Marunouchi'];
/** A prime larger than any cell count: i ↦ i·P mod C is a permutation of the cells, so `< N` picks exactly N. */
const CELL_PRIME = 1_000_000_007n;
/** Person of a cell = (station index + half-hour index × stride) mod people: distinct stations at one instant get distinct people. */
const PERSON_STRIDE = 7919;

export const EVERY_DAY: OpeningHours = Array.from({ length: 7 }, () => ({ open: OPEN, close: CLOSE })) as OpeningHours;

export type SeedSummary = { sites: number; rooms: number; stations: number; people: number; bookings: number; cells: number; firstDay: string; ms: number };

function utcDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Rows an INSERT wrote: postgres-js answers with `count`, PGlite with `affectedRows`. */
function affected(result: unknown): number {
  const r = result as { count?: number; affectedRows?: number };
  return Number(r.count ?? r.affectedRows ?? 0);
}

async function scalar(db: Db, query: ReturnType<typeof sql>): Promise<number> {
  const [row] = rowsOf<{ n: number | string }>(await db.execute(query));
  return Number(row?.n ?? 0);
}

/**
 * Loads the demo data (when the database has no people yet) and the bench data on top.
 * `onProgress` hears how many bookings are in after each chunk; `concurrency` chunks load at once.
 */
export async function seedBench(
  db: Db,
  shape: BenchShape,
  now: Date,
  options: { concurrency?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<SeedSummary> {
  const { onProgress } = options;
  const t0 = performance.now();
  if (shape.sites > ZONES.length) throw new Error(`At most ${ZONES.length} bench sites`);
  const [{ n: existing } = { n: 0 }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from ${users}`));
  if (Number(existing) === 0) await seedDemo(db);

  await db.insert(sites).values(
    ZONES.slice(0, shape.sites).map((timeZone, i) => ({
      name: `${BENCH_SITE_PREFIX}${CITY[i]}`,
      address: `${i + 1} Bench Street`,
      timeZone,
      openingHours: EVERY_DAY,
    })),
  );
  await db.execute(sql`insert into policies (site_id) select id from sites where name like ${`${BENCH_SITE_PREFIX}%`}`);
  await db.execute(sql`
    insert into rooms (site_id, name, floor, directions, amenities)
    select s.id, 'Room ' || lpad(g::text, 2, '0'), (1 + g % 12)::text, 'Floor ' || (1 + g % 12) || ', door ' || g,
           case when g % 2 = 0 then array['lockable_door','chair','surface','power_outlet','sink_nearby','fridge_nearby']
                else array['lockable_door','chair','surface','power_outlet','sink_in_room','fridge_in_room','step_free'] end
    from sites s cross join generate_series(1, ${shape.roomsPerSite}::int) g
    where s.name like ${`${BENCH_SITE_PREFIX}%`}`);
  // 1, 2 or 3 stations a room.
  await db.execute(sql`
    insert into stations (room_id, position, label)
    select r.id, p, 'Station ' || p
    from rooms r join sites s on s.id = r.site_id
    cross join lateral generate_series(1, 1 + (substring(r.name from 6)::int % 3)) p
    where s.name like ${`${BENCH_SITE_PREFIX}%`}`);
  await db.execute(sql`
    insert into users (email, name, role, site_id)
    select 'person-' || lpad(g::text, 5, '0') || '@' || ${BENCH_EMAIL_DOMAIN}, 'Bench Person ' || g, 'employee', s.id
    from generate_series(1, ${shape.people}::int) g
    join (select id, row_number() over (order by name) - 1 as k from sites where name like ${`${BENCH_SITE_PREFIX}%`}) s
      on s.k = g % ${shape.sites}::int`);

  const stationCount = await scalar(
    db,
    sql`select count(*)::int as n from stations st join rooms r on r.id = st.room_id join sites s on s.id = r.site_id where s.name like ${`${BENCH_SITE_PREFIX}%`}`,
  );
  if (stationCount > shape.people) throw new Error('The bench needs at least as many people as stations (one person per station per instant).');
  const cells = stationCount * shape.days * SLOTS_PER_DAY;
  if (shape.bookings > cells) throw new Error(`${shape.bookings} bookings do not fit in ${cells} cells`);
  const firstDay = addDays(utcDate(now), -(shape.days - shape.futureDays));

  // The bench's stations and people, numbered from 0, kept for the chunks below.
  await db.execute(sql`drop table if exists bench_station_idx`);
  await db.execute(sql`drop table if exists bench_person_idx`);
  await db.execute(sql`
    create table bench_station_idx as
    select (row_number() over (order by s.name, r.name, st.position) - 1)::bigint as idx, st.id as station_id, st.room_id, s.time_zone
    from stations st join rooms r on r.id = st.room_id join sites s on s.id = r.site_id
    where s.name like ${`${BENCH_SITE_PREFIX}%`}`);
  await db.execute(sql`
    create table bench_person_idx as
    select (row_number() over (order by email) - 1)::bigint as idx, id
    from users where email like ${`%@${BENCH_EMAIL_DOMAIN}`}`);
  await db.execute(sql`create unique index on bench_station_idx (idx)`);
  await db.execute(sql`create unique index on bench_person_idx (idx)`);

  // Cells are numbered time first (day, half-hour, station), so bookings go in roughly in
  // time order and one room's rows spread over the whole table, as they do in production.
  const chunks = Math.max(1, Math.ceil(shape.bookings / 50_000));
  const step = Math.ceil(cells / chunks);
  const ranges: [number, number][] = [];
  for (let lo = 0; lo < cells; lo += step) ranges.push([lo, Math.min(cells, lo + step)]);
  let done = 0;
  const insertRange = async ([lo, hi]: [number, number]) => {
    const result = await db.execute(sql`
      insert into bookings (room_id, station_id, user_id, start_at, end_at, block_end, status, cancelled_at, created_at, updated_at)
      select st.room_id, st.station_id, pp.id, c.start_at, c.start_at + interval '30 minutes', c.start_at + interval '30 minutes',
             (case when c.cancelled then 'cancelled' else 'booked' end)::booking_status,
             case when c.cancelled then least(c.created_at + (c.start_at - c.created_at) / 2, ${now.toISOString()}::timestamptz) end,
             c.created_at,
             case when c.cancelled then least(c.created_at + (c.start_at - c.created_at) / 2, ${now.toISOString()}::timestamptz) else c.created_at end
      from (
        select g.i, g.i % ${stationCount}::bigint as sidx, (g.i / ${stationCount}::bigint) % ${SLOTS_PER_DAY}::bigint as slot,
               g.i / ${stationCount * SLOTS_PER_DAY}::bigint as day, (g.i * 2654435761::bigint) % 1000 < ${shape.cancelledPerMille}::int as cancelled
        from generate_series(${lo}::bigint, ${hi - 1}::bigint) as g(i)
        where (g.i * ${CELL_PRIME.toString()}::bigint) % ${cells}::bigint < ${shape.bookings}::bigint
      ) x
      join bench_station_idx st on st.idx = x.sidx
      cross join lateral (
        select ((${firstDay}::date + x.day::int) + ${OPEN}::time + x.slot::int * interval '30 minutes') at time zone st.time_zone as start_at
      ) t
      cross join lateral (
        select t.start_at, x.cancelled,
               least(t.start_at - (1 + x.i % 14)::int * interval '1 day' - (x.i % 600)::int * interval '1 minute', ${now.toISOString()}::timestamptz) as created_at
      ) c
      join bench_person_idx pp
        on pp.idx = (st.idx + (extract(epoch from t.start_at)::bigint / 1800) * ${PERSON_STRIDE}::bigint) % ${shape.people}::bigint`);
    done += affected(result);
    onProgress?.(done, shape.bookings);
  };
  // Two chunks at a time on PostgreSQL (one per core here); PGlite has one connection anyway.
  const queue = [...ranges];
  await Promise.all(
    Array.from({ length: Math.max(1, options.concurrency ?? 1) }, async () => {
      for (let r = queue.shift(); r; r = queue.shift()) await insertRange(r);
    }),
  );
  await db.execute(sql`drop table bench_station_idx`);
  await db.execute(sql`drop table bench_person_idx`);
  await db.execute(sql`analyze`);

  const counts = rowsOf<{ sites: number; rooms: number; stations: number; people: number; bookings: number }>(
    await db.execute(sql`
      select (select count(*)::int from sites where name like ${`${BENCH_SITE_PREFIX}%`}) as sites,
             (select count(*)::int from rooms r join sites s on s.id = r.site_id where s.name like ${`${BENCH_SITE_PREFIX}%`}) as rooms,
             ${stationCount}::int as stations,
             (select count(*)::int from users where email like ${`%@${BENCH_EMAIL_DOMAIN}`}) as people,
             (select count(*)::int from bookings) as bookings`),
  )[0]!;
  return { ...counts, cells, firstDay, ms: Math.round(performance.now() - t0) };
}

export type BenchRoom = { id: string; name: string; siteName: string; timeZone: string; stations: number };

/** The bench rooms, in a stable order (site, name): the same order in any database seeded with the same shape. */
export async function benchRooms(db: Db): Promise<BenchRoom[]> {
  const rows = rowsOf<{ id: string; name: string; site_name: string; time_zone: string; stations: number }>(
    await db.execute(sql`
      select r.id, r.name, s.name as site_name, s.time_zone,
             (select count(*)::int from stations st where st.room_id = r.id and st.active) as stations
      from rooms r join sites s on s.id = r.site_id
      where s.name like ${`${BENCH_SITE_PREFIX}%`}
      order by s.name, r.name`),
  );
  return rows.map((r) => ({ id: r.id, name: r.name, siteName: r.site_name, timeZone: r.time_zone, stations: Number(r.stations) }));
}

/** Emails of the first `n` bench people. */
export function benchEmails(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `person-${String(i + 1).padStart(5, '0')}@${BENCH_EMAIL_DOMAIN}`);
}

/** Live bookings that overlap on one station, or one person's that overlap: both must be 0. */
export async function overlapCounts(db: Db): Promise<{ station: number; person: number }> {
  const [row] = rowsOf<{ station: number; person: number }>(
    await db.execute(sql`
      select
        (select count(*)::int from bookings a join bookings b
           on a.station_id = b.station_id and a.id < b.id and a.start_at < b.block_end and b.start_at < a.block_end
         where a.status = 'booked' and b.status = 'booked') as station,
        (select count(*)::int from bookings a join bookings b
           on a.user_id = b.user_id and a.id < b.id and a.start_at < b.end_at and b.start_at < a.end_at
         where a.status = 'booked' and b.status = 'booked') as person`),
  );
  return { station: Number(row?.station ?? -1), person: Number(row?.person ?? -1) };
}

export type Candidate = { roomId: string; start: string; end: string };

/** A small deterministic PRNG, so a run can be repeated. */
export const rng = seededRandom;

/**
 * Bookings someone could ask for: a bench room, a day 2–28 days ahead (so it is in the
 * future and inside the 30-day horizon in every zone),
 * a start on a 15-minute mark between opening and 30 minutes before closing, 30 minutes long.
 */
export function bookingCandidates(rooms: Pick<BenchRoom, 'id' | 'timeZone'>[], now: Date, count: number, random: () => number): Candidate[] {
  const marks = (SLOTS_PER_DAY - 1) * 2 + 1; // 07:00, 07:15, … 19:30
  const today = utcDate(now);
  const out: Candidate[] = [];
  for (let i = 0; i < count; i++) {
    const room = rooms[Math.floor(random() * rooms.length)]!;
    const day = addDays(today, 2 + Math.floor(random() * 27));
    const mark = Math.floor(random() * marks);
    const minutes = 7 * 60 + mark * 15;
    const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    const start = zonedInstant(day, time, room.timeZone);
    out.push({ roomId: room.id, start: start.toISOString(), end: new Date(start.getTime() + SLOT_MIN * 60_000).toISOString() });
  }
  return out;
}
