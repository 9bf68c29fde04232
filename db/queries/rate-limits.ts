import crypto from 'node:crypto';
import { lt } from 'drizzle-orm';
import type { PGlite } from '@electric-sql/pglite';
import type { Sql } from 'postgres';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { env, type RateLimitSpec } from '@/lib/env';
import { RateLimited, waitInWords } from '@/lib/errors';
import type { Db } from '../client';
import { rateLimits } from '../schema';

/** What is limited: sign-in per email and per IP, booking writes per person, feed fetches per feed. */
export type RateLimitBucket = 'signin' | 'signin-ip' | 'booking' | 'feed' | 'scim';

export type RateLimitResult =
  | { ok: true; remaining: number }
  | { ok: false; retryAfterSeconds: number; message: string };

/** The node-postgres-like client rate-limiter-flexible's Postgres store talks to. */
export type PgLikeClient = {
  query(q: { text: string; values?: unknown[]; name?: string }): Promise<{ rows: Record<string, unknown>[]; rowCount: number }>;
};

/** int8 comes back as a string (postgres) or a bigint (PGlite); the store does arithmetic on it. */
function normalise(rows: Record<string, unknown>[]) {
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' || (k === 'expire' && typeof v === 'string') ? Number(v) : v]),
    ),
  );
}

/** Over the `postgres` driver: `sql.unsafe(text, values)`. */
export function postgresAdapter(sql: Sql): PgLikeClient {
  return {
    async query({ text, values }) {
      const rows = normalise(Array.from(await sql.unsafe(text, (values ?? []) as never[])) as Record<string, unknown>[]);
      return { rows, rowCount: rows.length };
    },
  };
}

/** Over PGlite's `query(text, values)`. */
export function pgliteAdapter(pg: PGlite): PgLikeClient {
  return {
    async query({ text, values }) {
      const result = await pg.query<Record<string, unknown>>(text, values ?? []);
      const rows = normalise(result.rows);
      return { rows, rowCount: rows.length };
    },
  };
}

/** The raw client under a drizzle database (PGlite or postgres), wrapped for the store. */
export function storeClientOf(db: Db): PgLikeClient {
  const client = (db as unknown as { $client: unknown }).$client;
  if (client && typeof (client as Sql).unsafe === 'function') return postgresAdapter(client as Sql);
  if (client && typeof (client as PGlite).query === 'function') return pgliteAdapter(client as PGlite);
  throw new Error('Rate limits need the app database (PGlite or postgres), not a transaction.');
}

export function rateLimitSpecs(): Record<RateLimitBucket, RateLimitSpec> {
  const e = env();
  return { signin: e.RATE_LIMIT_SIGNIN, 'signin-ip': e.RATE_LIMIT_SIGNIN_IP, booking: e.RATE_LIMIT_BOOKING, feed: e.RATE_LIMIT_FEED, scim: e.RATE_LIMIT_SCIM };
}

const limiters = new WeakMap<object, Map<RateLimitBucket, RateLimiterPostgres>>();

function limiterFor(db: Db, bucket: RateLimitBucket): RateLimiterPostgres {
  let byBucket = limiters.get(db);
  if (!byBucket) limiters.set(db, (byBucket = new Map()));
  let limiter = byBucket.get(bucket);
  if (!limiter) {
    const spec = rateLimitSpecs()[bucket];
    limiter = new RateLimiterPostgres({
      storeClient: storeClientOf(db),
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true, // db/schema.ts and its migration own the table
      // Every 5 minutes (an unref'd timer) the store deletes rows expired over an hour ago.
      clearExpiredByTimeout: true,
      keyPrefix: bucket,
      points: spec.points,
      duration: spec.durationSeconds,
    });
    byBucket.set(bucket, limiter);
  }
  return limiter;
}

const hashKey = (key: string) => crypto.createHash('sha256').update(key).digest('base64url');

const MESSAGES: Record<RateLimitBucket, string> = {
  signin: 'Too many sign-in attempts for this account.',
  'signin-ip': 'Too many sign-in attempts from this network.',
  booking: 'Too many booking changes in a short time.',
  feed: 'This calendar feed is being fetched too often.',
  scim: 'Too many provisioning requests from this address.',
};

/**
 * Counts one attempt in `bucket` for `key` (an email, an IP, a person's or a feed's id) in the
 * rate_limits table, so every app instance sees the same counts. Keys are stored hashed.
 */
export async function consumeRateLimit(db: Db, bucket: RateLimitBucket, key: string): Promise<RateLimitResult> {
  try {
    const res = await limiterFor(db, bucket).consume(hashKey(key), 1);
    return { ok: true, remaining: res.remainingPoints };
  } catch (err) {
    if (!(err instanceof RateLimiterRes)) throw err;
    const retryAfterSeconds = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
    return { ok: false, retryAfterSeconds, message: `${MESSAGES[bucket]} Try again in ${waitInWords(retryAfterSeconds)}.` };
  }
}

/** Whether `key` is already over the limit in `bucket`, without counting an attempt. */
export async function peekRateLimit(db: Db, bucket: RateLimitBucket, key: string): Promise<RateLimitResult> {
  const limiter = limiterFor(db, bucket);
  const res = await limiter.get(hashKey(key));
  if (!res || res.consumedPoints < limiter.points) return { ok: true, remaining: res ? res.remainingPoints : limiter.points };
  const retryAfterSeconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return { ok: false, retryAfterSeconds, message: `${MESSAGES[bucket]} Try again in ${waitInWords(retryAfterSeconds)}.` };
}

/**
 * One sign-in attempt, counted per email and per client address. Returns the first refusal,
 * or null when both are within their limits.
 */
export async function countSignInAttempt(db: Db, email: string | null, ip: string | null, consume = true): Promise<Extract<RateLimitResult, { ok: false }> | null> {
  const check = consume ? consumeRateLimit : peekRateLimit;
  const results = await Promise.all([email ? check(db, 'signin', email.toLowerCase()) : null, ip ? check(db, 'signin-ip', ip) : null]);
  for (const r of results) if (r && !r.ok) return r;
  return null;
}

/** As consumeRateLimit, but throws RateLimited (429 in routes, a message in actions) when over. */
export async function enforceRateLimit(db: Db, bucket: RateLimitBucket, key: string): Promise<void> {
  const result = await consumeRateLimit(db, bucket, key);
  if (!result.ok) throw new RateLimited(result.message, result.retryAfterSeconds);
}

/** Forgets every count for a key (tests, or an admin unblocking someone). */
export async function resetRateLimit(db: Db, bucket: RateLimitBucket, key: string): Promise<void> {
  await limiterFor(db, bucket).delete(hashKey(key));
}

/** The stored keys of `key`'s counters in these buckets, as the store writes them (`<bucket>:<hash>`), for removing them in a transaction of the caller's. */
export function storedRateLimitKeys(buckets: RateLimitBucket[], key: string): string[] {
  return buckets.map((bucket) => `${bucket}:${hashKey(key)}`);
}

/** Deletes counters whose window ended before `before` (for a scheduled clean-up; the store also does it every 5 minutes). */
export async function purgeExpiredRateLimits(db: Db, before: Date): Promise<number> {
  const gone = await db.delete(rateLimits).where(lt(rateLimits.expire, before.getTime())).returning({ key: rateLimits.key });
  return gone.length;
}
