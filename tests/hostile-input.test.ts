/**
 * Hostile input: random and malicious values (wrong types, huge strings, far dates, reversed
 * ranges, other people's ids, SQL and HTML fragments) thrown at every server action and every
 * route handler found in app/ (found the same way as the authorization matrix, so a new one is
 * covered the day it lands). Only refusals come back (4xx, never 500, never a throw), and
 * nothing is written: the row count of every table stays the same (rate-limit counters aside:
 * counting attempts is their job).
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db, DbHandle } from '@/db/client';
import { rowsOf } from '@/db/client';
import { createBooking } from '@/lib/server/operations/book';
import { findPersonByEmail } from '@/db/queries/people';
import { seedDemo } from '@/db/seed';
import { notifications, rooms, type User } from '@/db/schema';
import { addDays, addMinutes, zonedInstant } from '@/lib/time';
import { freshDb, type TestDb } from './db';
import { roomOpenDayAhead, testNow } from './clock';

class FakeRedirect extends Error {
  digest = 'NEXT_REDIRECT';
}
const state = vi.hoisted(() => {
  // Limits high enough that the properties reach the validation and the domain, not only the 429.
  process.env.RATE_LIMIT_BOOKING = '100000/1m';
  process.env.RATE_LIMIT_SIGNIN = '100000/1m';
  process.env.RATE_LIMIT_SIGNIN_IP = '100000/1m';
  process.env.RATE_LIMIT_SCIM = '100000/1m';
  process.env.SCIM_TOKEN = 'hostile-scim-token-0123456789-0123456789';
  return { user: null as User | null, handle: null as DbHandle | null };
});
vi.mock('@/lib/server/auth/session', () => ({
  getCurrentUser: async () => state.user,
  getSessionState: async () => (state.user ? { user: state.user } : { user: null, reason: 'signed-out' }),
}));
vi.mock('@/db/runtime', () => ({ getDb: async () => state.handle!.db, database: async () => state.handle! }));
vi.mock('@/lib/server/auth/config', () => ({
  handlers: { GET: async () => new Response(null), POST: async () => new Response(null) },
  signIn: async () => {
    throw new FakeRedirect();
  },
  signOut: async () => {
    throw new FakeRedirect();
  },
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ 'x-forwarded-for': '198.51.100.7', 'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy' }),
}));
vi.mock('next/navigation', async (original) => ({
  ...(await original<typeof import('next/navigation')>()),
  redirect: () => {
    throw new FakeRedirect();
  },
}));

const root = process.cwd();
const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** Endpoints whose answer may be a success whatever the input: reads, and actions that take no input. */
const MAY_SUCCEED = new Set([
  'app/_actions/session.ts#signOutAction',
  'app/(employee)/settings/actions.ts#signOutEverywhereAction',
  // Input-free: a new calendar feed link for the caller, whatever else is sent.
  'app/(employee)/settings/actions.ts#regenerateFeedAction',
  'app/api/v1/me/calendar-feed/regenerate/route.ts#POST',
  // Input-free: marks the caller's own notifications read.
  'app/(employee)/notifications/actions.ts#markAllNotificationsReadAction',
  // Input-free: a copy of the caller's own data.
  'app/(employee)/settings/actions.ts#requestArchiveAction',
]);
/** Not ours to fuzz: Auth.js's own handlers (mocked here, exercised end to end). */
const SKIP = new Set(['app/api/auth/[...nextauth]/route.ts#GET', 'app/api/auth/[...nextauth]/route.ts#POST']);

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}
const sourceFiles = [...walk(path.join(root, 'app')), ...walk(path.join(root, 'lib'))].filter((f) => /\.tsx?$/.test(f) && !/\.test\./.test(f));
// Route handlers by their file name; server actions by the 'use server' directive, whatever the file is called.
const isActionModule = (f: string) => /^\s*(['"])use server\1/.test(fs.readFileSync(f, 'utf8'));
const endpointFiles = sourceFiles
  .filter((f) => /[/\\]route\.tsx?$/.test(f) || isActionModule(f))
  .map((f) => path.relative(root, f).split(path.sep).join('/'));

/** Field names the schemas and the authorization matrix use, read from the code, plus the weekly hours fields. */
const FIELD_NAMES = (() => {
  const names = new Set<string>();
  const texts = [...sourceFiles.filter((f) => fs.readFileSync(f, 'utf8').includes('z.')), path.join(root, 'tests/authz-matrix.test.ts')].map((f) => fs.readFileSync(f, 'utf8'));
  for (const text of texts) for (const m of text.matchAll(/\b([a-z][A-Za-z0-9]{1,30})\s*:\s*(?:z\.|'|"|[a-z][A-Za-z]*[(,])/g)) names.add(m[1]!);
  for (let d = 0; d <= 6; d++) names.add(`open${d}`).add(`close${d}`);
  return [...names].sort();
})();

/** Ids of records the caller may not act on: other people's booking, notice and person (employee); the admin's own person and someone's notice (admin). */
type Ids = { others: string[]; adminOthers: string[]; day: string };
let db: TestDb;
let ids: Ids;
let personas: { employee: User; admin: User };

const hostileString = (others: string[], day: string) =>
  fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.constantFrom(
      "'; drop table bookings; --",
      "1' or '1'='1",
      '$1; select pg_sleep(10)',
      '<script>alert(1)</script>',
      '"><img src=x onerror=alert(1)>',
      '=HYPERLINK("http://evil.example")',
      '../../etc/passwd',
      'javascript:alert(1)',
      '\u0000',
      '\u202e',
      '',
      ' ',
      'null',
      'undefined',
      'true',
      'on',
      '-1',
      '0',
      '1',
      '30',
      '1e308',
      'NaN',
      'Infinity',
      '9007199254740993',
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      '9999-12-31',
      '0001-01-01',
      '275760-09-13',
      '2026-02-30',
      day,
      addDays(day, -1),
      '23:59',
      '24:00',
      '09:00',
      '9999-12-31T23:59:59Z',
      '1970-01-01T00:00:00Z',
      '-271821-04-20T00:00:00Z',
      'America/New_York',
      'Mars/Olympus_Mons',
      'admin',
      'hr',
      'superuser',
      'nobody@example.com',
      'a'.repeat(100_000),
      '💥'.repeat(5_000),
      'http://evil.example/',
      '//evil.example',
    ),
    fc.constantFrom(...others),
    fc.uuid(),
  );

const hostileJson = (others: string[], day: string): fc.Arbitrary<unknown> =>
  fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      hostileString(others, day),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom(...FIELD_NAMES, '__proto__', 'constructor'), tie('value'), { maxKeys: 4 }),
    ),
  })).value;

/** A body that names real fields with hostile values, including a reversed range around a real day. */
const hostileObject = (others: string[], day: string) =>
  fc.oneof(
    fc.dictionary(fc.constantFrom(...FIELD_NAMES), hostileJson(others, day), { maxKeys: 8 }),
    fc.record({
      roomId: fc.constantFrom(...others),
      start: fc.constant(zonedInstant(day, '11:00', 'America/New_York').toISOString()),
      end: fc.constant(zonedInstant(day, '10:00', 'America/New_York').toISOString()),
    }),
    fc.record({ start: fc.constant('9999-12-31T10:00:00Z'), end: fc.constant('9999-12-31T10:30:00Z'), roomId: fc.uuid() }),
  );

async function tableCounts(d: Db): Promise<Record<string, string>> {
  const tables = rowsOf<{ table_name: string }>(
    await d.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'rate_limits' order by 1`),
  ).map((r) => r.table_name);
  // Row count and a fingerprint of the content: an update (a cancelled booking, a changed role) shows too.
  const select = tables.map((t) => `(select count(*)::text || ':' || md5(coalesce(string_agg(x::text, '|' order by x::text), '')) from "${t}" x) as "${t}"`).join(', ');
  const [row] = rowsOf<Record<string, string>>(await d.execute(sql.raw(`select ${select}`)));
  return row!;
}

type Answer = { status: number; body: string };
async function answer(fn: () => Promise<unknown>): Promise<Answer> {
  try {
    const result = await fn();
    if (result instanceof Response) return { status: result.status, body: await result.text() };
    const r = result as { status?: number; message?: string } | undefined;
    return { status: r?.status ?? 200, body: r?.message ?? '' };
  } catch (err) {
    if (err instanceof FakeRedirect) return { status: 303, body: '' };
    // An unhandled throw is what a 500 is made of.
    return { status: 500, body: `threw ${(err as Error)?.stack ?? String(err)}` };
  }
}

async function endpoints() {
  const out: { key: string; fn: (...a: unknown[]) => Promise<unknown>; isRoute: boolean; method?: string }[] = [];
  for (const rel of endpointFiles.sort()) {
    const mod = (await import(/* @vite-ignore */ path.join(root, rel))) as Record<string, unknown>;
    const isRoute = /route\.tsx?$/.test(rel);
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value !== 'function' || (isRoute && !HTTP_METHODS.includes(name))) continue;
      const key = `${rel}#${name}`;
      if (!SKIP.has(key)) out.push({ key, fn: value as never, isRoute, method: isRoute ? name : undefined });
    }
  }
  return out;
}

beforeAll(async () => {
  db = await freshDb('pglite');
  await seedDemo(db.db);
  state.handle = db;
  const get = async (email: string) => (await findPersonByEmail(db.db as Db, email))!;
  const [amara, beth, admin] = [await get('amara@example.com'), await get('beth@example.com'), await get('admin@example.com')];
  const [room] = await db.db.select().from(rooms).where(eq(rooms.name, 'Wellness Room 3'));
  const day = await roomOpenDayAhead(db.db, room!.id, 2);
  const start = zonedInstant(day, '08:00', 'America/New_York');
  const bethBooking = await createBooking(db.db, { userId: beth.id, roomId: room!.id, start, end: addMinutes(start, 30), now: testNow() });
  const [bethNotice] = await db.db.insert(notifications).values({ userId: beth.id, kind: 'booking_changed', message: 'Moved.' }).returning();
  // Other people's records, and the admin's own (which admins may not change).
  ids = { others: [bethBooking.id, bethNotice!.id, beth.id, admin.id], adminOthers: [admin.id, bethNotice!.id], day };
  personas = { employee: amara, admin };
});
afterAll(async () => {
  await db?.dispose();
});

describe('hostile input to every action and route', () => {
  it('finds the actions and routes', async () => {
    const list = await endpoints();
    expect(list.filter((e) => !e.isRoute).length).toBeGreaterThanOrEqual(10);
    expect(list.filter((e) => e.isRoute).length).toBeGreaterThanOrEqual(8);
    expect(FIELD_NAMES).toEqual(expect.arrayContaining(['roomId', 'bookingId', 'email', 'start', 'end', 'personId', 'siteId']));
  });

  it('answers only refusals, never a 500 or a throw, and writes nothing', { timeout: 120_000 }, async () => {
    const list = await endpoints();
    const baseline = await tableCounts(db.db);
    const failures: string[] = [];
    for (const ep of list) {
      for (const who of ['employee', 'admin'] as const) {
        state.user = personas[who];
        const others = who === 'admin' ? ids.adminOthers : ids.others;
        const mayWrite = MAY_SUCCEED.has(ep.key) || ep.method === 'GET';
        const input = ep.isRoute
          ? fc.record({
              params: fc.oneof(fc.constantFrom(...others), hostileString(others, ids.day)),
              query: fc.dictionary(fc.constantFrom(...FIELD_NAMES, 'from', 'to'), hostileString(others, ids.day), { maxKeys: 4 }),
              body: fc.oneof(
                hostileObject(others, ids.day).map((v) => JSON.stringify(v)),
                hostileJson(others, ids.day).map((v) => JSON.stringify(v) ?? 'null'),
                fc.string({ maxLength: 50 }),
              ),
              contentType: fc.constantFrom('application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded'),
              origin: fc.constantFrom('http://localhost:3000', 'http://localhost:3000', 'https://evil.example', 'null'),
            })
          : fc.dictionary(fc.constantFrom(...FIELD_NAMES), hostileString(others, ids.day), { maxKeys: 8 });
        await fc.assert(
          fc.asyncProperty(input, async (value) => {
            let call: () => Promise<unknown>;
            if (ep.isRoute) {
              const v = value as { params: string; query: Record<string, string>; body: string; contentType: string; origin: string };
              const url = `http://localhost:3000/api/fuzz/${encodeURIComponent(v.params)}?${new URLSearchParams(v.query)}`;
              const init: RequestInit = { method: ep.method, headers: { 'content-type': v.contentType, origin: v.origin, host: 'localhost:3000', 'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy' } };
              if (ep.method !== 'GET') init.body = v.body;
              call = () => ep.fn(new Request(url, init), { params: Promise.resolve({ id: v.params }) });
            } else {
              const fd = new FormData();
              for (const [k, s] of Object.entries(value as Record<string, string>)) fd.set(k, s);
              call = () => ep.fn(undefined, fd);
            }
            const before = await tableCounts(db.db);
            const a = await answer(call);
            const ok = a.status >= 400 && a.status < 500;
            if (a.status >= 500 || (!ok && !mayWrite)) {
              failures.push(`${ep.key} as ${who} answered ${a.status} ${a.body.slice(0, 300)} to ${JSON.stringify(value).slice(0, 300)}`);
              return false;
            }
            if (!mayWrite || ok) {
              const after = await tableCounts(db.db);
              if (JSON.stringify(after) !== JSON.stringify(before)) {
                failures.push(`${ep.key} as ${who} wrote rows (${JSON.stringify(before)} → ${JSON.stringify(after)}) on ${JSON.stringify(value).slice(0, 300)}`);
                return false;
              }
            }
            if (/\bat .*\(.*:\d+:\d+\)|node_modules/.test(a.body)) {
              failures.push(`${ep.key} as ${who} leaked a stack trace: ${a.body.slice(0, 300)}`);
              return false;
            }
            return true;
          }),
          { numRuns: 15, seed: Number(process.env.FC_SEED ?? testNow().getTime() % 2 ** 31), endOnFailure: true },
        ).catch((err: unknown) => {
          // A refused property is already in `failures` with its input; anything else is the harness failing.
          if (!failures.length) throw err;
        });
      }
    }
    expect(failures).toEqual([]);
    // Only the reads and input-free actions may have written (an audited export, a sign-out everywhere, a feed link, notices read, her archive).
    const after = await tableCounts(db.db);
    const quiet = { audit_log: 0, users: 0, calendar_feeds: 0, notifications: 0, data_requests: 0 };
    expect({ ...after, ...quiet }).toEqual({ ...baseline, ...quiet });
  });

  it('answers SCIM errors to hostile provisioning requests that carry the token, never a 500, and writes nothing', { timeout: 120_000 }, async () => {
    const scimUsers = (await import('@/app/scim/v2/Users/route')) as Record<string, (r: Request, c: unknown) => Promise<Response>>;
    const scimUser = (await import('@/app/scim/v2/Users/[id]/route')) as Record<string, (r: Request, c: unknown) => Promise<Response>>;
    const { scimUserSchema } = await import('@/lib/scim');
    const others = ids.others;
    const value = hostileJson(others, ids.day);
    const text = hostileString(others, ids.day);
    const userBody = fc.oneof(
      hostileObject(others, ids.day),
      value,
      fc.record(
        {
          schemas: fc.oneof(fc.constant(['urn:ietf:params:scim:schemas:core:2.0:User']), value),
          userName: fc.oneof(text, value, fc.constantFrom('beth@example.com', 'ADMIN@example.com')),
          externalId: fc.oneof(text, value),
          name: fc.oneof(fc.record({ givenName: text, familyName: text }), value),
          displayName: fc.oneof(text, value),
          active: fc.oneof(fc.boolean(), value),
          emails: value,
          role: fc.constantFrom('admin', 'hr'),
        },
        { requiredKeys: [] },
      ),
    );
    const patchBody = fc.oneof(
      value,
      fc.record(
        {
          schemas: fc.oneof(fc.constant(['urn:ietf:params:scim:api:messages:2.0:PatchOp']), value),
          Operations: fc.oneof(
            value,
            fc.array(
              fc.record(
                { op: fc.oneof(fc.constantFrom('replace', 'Replace', 'add', 'remove', 'copy'), text), path: fc.oneof(fc.constantFrom('active', 'userName', 'role', 'emails[type eq "work"].value', 'name.givenName', 'id', 'meta.created'), text), value },
                { requiredKeys: ['op'] },
              ),
              { maxLength: 4 },
            ),
          ),
        },
        { requiredKeys: [] },
      ),
    );
    const id = fc.oneof(fc.constantFrom(...others), text, fc.uuid());
    const cases = [
      { key: 'POST /scim/v2/Users', input: fc.record({ id: fc.constant(''), body: userBody }), fn: scimUsers.POST!, method: 'POST' },
      { key: 'PUT /scim/v2/Users/{id}', input: fc.record({ id, body: userBody }), fn: scimUser.PUT!, method: 'PUT' },
      { key: 'PATCH /scim/v2/Users/{id}', input: fc.record({ id, body: patchBody }), fn: scimUser.PATCH!, method: 'PATCH' },
      { key: 'GET /scim/v2/Users', input: fc.record({ id: fc.constant(''), body: fc.constant(null), filter: text, startIndex: text, count: text }), fn: scimUsers.GET!, method: 'GET' },
    ];
    const failures: string[] = [];
    for (const c of cases) {
      await fc.assert(
        fc.asyncProperty(c.input as fc.Arbitrary<{ id: string; body: unknown; filter?: string; startIndex?: string; count?: string }>, async (v) => {
          // A well-formed person is a legitimate create or replace, not hostile input: not what this checks.
          if (c.method !== 'PATCH' && c.method !== 'GET' && scimUserSchema.safeParse(v.body).success) return true;
          const query = c.method === 'GET' ? `?${new URLSearchParams({ filter: v.filter ?? '', startIndex: v.startIndex ?? '', count: v.count ?? '' })}` : '';
          const init: RequestInit = {
            method: c.method,
            headers: { authorization: 'Bearer hostile-scim-token-0123456789-0123456789', 'content-type': 'application/scim+json', 'x-forwarded-for': '198.51.100.8' },
          };
          if (c.method !== 'GET') init.body = JSON.stringify(v.body) ?? 'null';
          const before = await tableCounts(db.db);
          const a = await answer(() => c.fn(new Request(`http://localhost:3000/scim/v2/Users/${encodeURIComponent(v.id)}${query}`, init), { params: Promise.resolve({ id: v.id }) }));
          const refused = a.status >= 400 && a.status < 500;
          if (c.method === 'GET' ? a.status !== 200 && !refused : !refused) {
            failures.push(`${c.key} answered ${a.status} ${a.body.slice(0, 300)} to ${JSON.stringify(v).slice(0, 300)}`);
            return false;
          }
          if (refused && !a.body.includes('urn:ietf:params:scim:api:messages:2.0:Error')) {
            failures.push(`${c.key} refused outside SCIM's error format: ${a.body.slice(0, 200)}`);
            return false;
          }
          if (refused && JSON.stringify(await tableCounts(db.db)) !== JSON.stringify(before)) {
            failures.push(`${c.key} wrote rows on a refusal: ${JSON.stringify(v).slice(0, 300)}`);
            return false;
          }
          return true;
        }),
        { numRuns: 40, seed: Number(process.env.FC_SEED ?? testNow().getTime() % 2 ** 31), endOnFailure: true },
      ).catch((err: unknown) => {
        if (!failures.length) throw err;
      });
    }
    expect(failures).toEqual([]);
  });
});
