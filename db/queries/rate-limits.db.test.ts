import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { count } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { openPostgres, type Db } from '@/db/client';
import * as schema from '@/db/schema';
import { describeDb } from '@/tests/db';
import { consumeRateLimit, enforceRateLimit, pgliteAdapter, postgresAdapter, purgeExpiredRateLimits, resetRateLimit, storeClientOf } from './rate-limits';
import { RateLimited } from '@/lib/errors';
import postgres from 'postgres';

/** A second app instance on the same database: its own connection (postgres) or its own drizzle and limiter (PGlite). */
function secondInstance(db: Db, kind: string, url?: string): { db: Db; close: () => Promise<void> } {
  if (kind === 'postgres') {
    const handle = openPostgres(url!, { max: 2 });
    return { db: handle.db, close: handle.close };
  }
  const client = (db as unknown as { $client: PGlite }).$client;
  return { db: drizzlePglite(client, { schema }) as unknown as Db, close: async () => {} };
}

describeDb('rate limits', (handle, kind) => {
  it('the store adapters answer rate-limiter-flexible with { rows, rowCount } and numeric expiry', async () => {
    const client = storeClientOf(handle().db);
    const res = await client.query({ text: 'select $1::bigint as expire, $2::int as points', values: [Date.now() + 1000, 3] });
    expect(res.rowCount).toBe(1);
    expect(typeof res.rows[0]!.expire).toBe('number');
    expect(res.rows[0]!.points).toBe(3);
    const empty = await client.query({ text: 'select 1 where false', values: [] });
    expect(empty).toEqual({ rows: [], rowCount: 0 });
  });

  it('allows up to the limit, then refuses with a wait time and a clear message', async () => {
    const { db } = handle();
    for (let i = 0; i < 10; i++) expect(await consumeRateLimit(db, 'signin', 'amara@example.com')).toMatchObject({ ok: true, remaining: 9 - i });
    const over = await consumeRateLimit(db, 'signin', 'amara@example.com');
    expect(over.ok).toBe(false);
    if (over.ok) return;
    expect(over.retryAfterSeconds).toBeGreaterThan(800);
    expect(over.retryAfterSeconds).toBeLessThanOrEqual(900);
    expect(over.message).toBe('Too many sign-in attempts for this account. Try again in 15 minutes.');
    // Another key and another bucket keep their own counts.
    expect(await consumeRateLimit(db, 'signin', 'beth@example.com')).toMatchObject({ ok: true });
    expect(await consumeRateLimit(db, 'booking', 'amara@example.com')).toMatchObject({ ok: true });
  });

  it('keeps counts in the database: a second instance sees the first one\'s attempts', async () => {
    const first = handle().db;
    const second = secondInstance(first, kind, handle().url);
    try {
      for (let i = 0; i < 15; i++) expect((await consumeRateLimit(first, 'booking', 'person-1')).ok).toBe(true);
      for (let i = 0; i < 15; i++) expect((await consumeRateLimit(second.db, 'booking', 'person-1')).ok).toBe(true);
      // 30 per minute in all, whichever instance counted them.
      expect((await consumeRateLimit(second.db, 'booking', 'person-1')).ok).toBe(false);
      expect((await consumeRateLimit(first, 'booking', 'person-1')).ok).toBe(false);
      const [row] = await first.select({ n: count() }).from(schema.rateLimits);
      expect(row!.n).toBeGreaterThan(0);
    } finally {
      await second.close();
    }
  });

  it('counts concurrent attempts from two instances exactly', async () => {
    const first = handle().db;
    const second = secondInstance(first, kind, handle().url);
    try {
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => consumeRateLimit(i % 2 ? first : second.db, 'booking', 'person-burst')),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(30);
    } finally {
      await second.close();
    }
  });

  it('purges counters whose window has ended', async () => {
    const { db } = handle();
    await consumeRateLimit(db, 'feed', 'feed-1');
    expect(await purgeExpiredRateLimits(db, new Date())).toBe(0);
    expect(await purgeExpiredRateLimits(db, new Date(Date.now() + 2 * 3600_000))).toBeGreaterThan(0);
    expect(await consumeRateLimit(db, 'feed', 'feed-1')).toMatchObject({ ok: true, remaining: 59 });
  });

  it('enforceRateLimit throws RateLimited; resetRateLimit forgets the key; keys are stored hashed', async () => {
    const { db } = handle();
    for (let i = 0; i < 30; i++) await enforceRateLimit(db, 'booking', 'person-2');
    const err = await enforceRateLimit(db, 'booking', 'person-2').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimited);
    expect((err as RateLimited).retryAfterSeconds).toBeGreaterThan(0);
    expect((err as RateLimited).message).toMatch(/^Too many booking changes in a short time\. Try again in (\d+ seconds?|1 minute)\.$/);
    await resetRateLimit(db, 'booking', 'person-2');
    await expect(enforceRateLimit(db, 'booking', 'person-2')).resolves.toBeUndefined();
    const keys = (await db.select().from(schema.rateLimits)).map((r) => r.key);
    expect(keys.some((k) => k.includes('amara@example.com') || k.includes('person-2'))).toBe(false);
  });
});

it('the adapters work directly over each driver', async () => {
  const pg = new PGlite();
  await pg.query('create table t (expire bigint, points int)');
  await pg.query('insert into t values ($1, $2)', [1_800_000_000_000, 1]);
  expect((await pgliteAdapter(pg).query({ text: 'select * from t', values: [] })).rows).toEqual([{ expire: 1_800_000_000_000, points: 1 }]);
  await pg.close();
  if (!process.env.TEST_DATABASE_URL) return;
  const sql = postgres(process.env.TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  const res = await postgresAdapter(sql).query({ text: 'select $1::bigint as expire, $2::int as points', values: [1_800_000_000_000, 1] });
  expect(res.rows).toEqual([{ expire: 1_800_000_000_000, points: 1 }]);
  await sql.end();
});
