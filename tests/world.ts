import { eq, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { findPersonByEmail } from '@/db/queries/people';
import { policies, rooms, sites, users, type Room, type Site, type User } from '@/db/schema';
import { seedDemo } from '@/db/seed';
import { Refusal } from '@/lib/errors';
import { weekdayHours } from '@/lib/opening-hours';

export type World = {
  ny: Site;
  ldn: Site;
  wellness: Room; // 3 stations, floor 12, New York
  quiet: Room; // 1 station, floor 12, New York
  parents: Room; // 2 stations, floor 7, New York
  outOfService: Room; // Room 21A
  nursing: Room; // 2 stations, London
  amara: User;
  beth: User;
  chen: User;
  dana: User;
  hr: User;
  admin: User;
};

/** The demo data, with handles on the rows tests talk about. */
export async function seedWorld(db: Db): Promise<World> {
  await seedDemo(db);
  const allSites = await db.select().from(sites);
  const allRooms = await db.select().from(rooms);
  const site = (tz: string) => allSites.find((s) => s.timeZone === tz)!;
  const room = (name: string) => allRooms.find((r) => r.name === name)!;
  const person = async (email: string) => (await findPersonByEmail(db, email))!;
  return {
    ny: site('America/New_York'),
    ldn: site('Europe/London'),
    wellness: room('Wellness Room 3'),
    quiet: room('Quiet Room 12B'),
    parents: room("Parents' Room 7"),
    outOfService: room('Room 21A'),
    nursing: room('Nursing Room 2'),
    amara: await person('amara@example.com'),
    beth: await person('beth@example.com'),
    chen: await person('chen@example.com'),
    dana: await person('dana@example.com'),
    hr: await person('hr@example.com'),
    admin: await person('admin@example.com'),
  };
}

/** Opens every site every day, 07:00–21:00, so weekend dates (all of 2026's DST changes) can be booked. */
export async function openEveryDay(db: Db) {
  const day = { open: '07:00', close: '21:00' };
  await db.update(sites).set({ openingHours: weekdayHours('07:00', '21:00', day) });
}

export async function setPolicy(db: Db, siteId: string, values: Partial<typeof policies.$inferInsert>) {
  await db.update(policies).set(values).where(eq(policies.siteId, siteId));
}

/** Adds `n` employees at a site, for crowd tests. */
export async function addPeople(db: Db, siteId: string, n: number, prefix = 'crowd'): Promise<User[]> {
  const rows = Array.from({ length: n }, (_, i) => ({ email: `${prefix}${i}@example.com`, name: `Crowd Person ${i}`, siteId }));
  const out: User[] = [];
  for (let i = 0; i < rows.length; i += 500) out.push(...(await db.insert(users).values(rows.slice(i, i + 500)).returning()));
  return out;
}

/** Pairs of live bookings that overlap on one station, over the whole table: must always be 0. */
export async function overlappingPairs(db: Db): Promise<number> {
  const result = await db.execute(sql`
    select count(*)::int as n
    from bookings a
    join bookings b on a.station_id = b.station_id and a.id < b.id
    where a.status = 'booked' and b.status = 'booked'
      and tstzrange(a.start_at, a.block_end, '[)') && tstzrange(b.start_at, b.block_end, '[)')`);
  return Number(rowsOf<{ n: number }>(result)[0]?.n);
}

/** The Refusal a call ends in; fails the test when it succeeds or throws anything else. */
export async function refusal(p: Promise<unknown>): Promise<Refusal> {
  try {
    await p;
  } catch (err) {
    if (err instanceof Refusal) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}
