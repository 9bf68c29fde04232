import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { calendarFeeds } from '@/db/schema';
import { deriveToken, feedKey, hashToken, newNonce } from '@/lib/feed-token';
import { BENCH_EMAIL_DOMAIN, BENCH_SITE_PREFIX } from './seed';

/** Breaks a day in the feed person's year. */
const PER_DAY = 3;
/** The feed reaches 30 days back: a year of bookings from the first whole day inside that window. */
const DAYS_BACK = 29;
const DAYS = 365;

/**
 * One person with a year of bookings (3 a day, from 30 days back) in a room of her own, and her
 * calendar feed link for the server's secret. Returns the feed's path and how many bookings it has.
 */
export async function seedFeedPerson(db: Db, authSecret: string, now: Date): Promise<{ path: string; bookings: number }> {
  const [site] = rowsOf<{ id: string }>(await db.execute(sql`select id from sites where name like ${`${BENCH_SITE_PREFIX}%`} order by name limit 1`));
  if (!site) throw new Error('no bench site');
  const [room] = rowsOf<{ id: string }>(
    await db.execute(sql`insert into rooms (site_id, name, floor) values (${site.id}::uuid, 'Feed Bench Room', '3') returning id`),
  );
  const [station] = rowsOf<{ id: string }>(
    await db.execute(sql`insert into stations (room_id, position, label) values (${room!.id}::uuid, 1, 'Station 1') returning id`),
  );
  const [person] = rowsOf<{ id: string }>(
    await db.execute(sql`insert into users (email, name, site_id) values (${`feed-person@${BENCH_EMAIL_DOMAIN}`}, 'Feed Bench Person', ${site.id}::uuid) returning id`),
  );
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - DAYS_BACK * 86_400_000);
  const [{ n } = { n: 0 }] = rowsOf<{ n: number }>(
    await db.execute(sql`
      with rows as (
        insert into bookings (room_id, station_id, user_id, start_at, end_at, block_end, sequence)
        select ${room!.id}::uuid, ${station!.id}::uuid, ${person!.id}::uuid, t, t + interval '30 minutes', t + interval '30 minutes', (d % 3)
        from generate_series(0, ${DAYS - 1}::int) d
        cross join generate_series(0, ${PER_DAY - 1}::int) k
        cross join lateral (select ${first.toISOString()}::timestamptz + d * interval '1 day' + interval '10 hours' + k * interval '3 hours' as t) x
        returning 1)
      select count(*)::int as n from rows`),
  );
  const nonce = newNonce();
  const token = deriveToken(feedKey(authSecret), nonce);
  await db.insert(calendarFeeds).values({ kind: 'person', userId: person!.id, nonce, tokenHash: hashToken(token), createdBy: person!.id });
  return { path: `/api/feeds/${token}.ics`, bookings: Number(n) };
}
