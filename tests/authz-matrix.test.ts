/**
 * The authorization matrix: every server action and route handler in app/, called as
 * anonymous, an employee, HR and an admin (and on someone else's record where that applies),
 * with the answer each must get. The first test fails when an action or route exists in the
 * code but not in the matrix, so nothing new ships unchecked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db, DbHandle } from '@/db/client';
import { eq } from 'drizzle-orm';
import { createBooking } from '@/db/queries/bookings';
import { findPersonByEmail } from '@/db/queries/people';
import { rooms } from '@/db/schema';
import { addDays, addMinutes, localParts, weekdayOf, zonedInstant } from '@/lib/time';
import type { User } from '@/db/schema';
import { seedDemo } from '@/db/seed';
import { freshDb, type TestDb } from './db';

class FakeRedirect extends Error {
  digest = 'NEXT_REDIRECT';
}

const state = vi.hoisted(() => ({ user: null as User | null, handle: null as DbHandle | null }));

vi.mock('@/lib/auth/session', () => ({
  getCurrentUser: async () => state.user,
  getSessionState: async () => (state.user ? { user: state.user } : { user: null, reason: 'signed-out' }),
}));
vi.mock('@/db/runtime', () => ({
  getDb: async () => state.handle!.db,
  database: async () => state.handle!,
}));
vi.mock('@/lib/auth/config', () => ({
  auth: async () => null,
  handlers: { GET: async () => new Response(null), POST: async () => new Response(null) },
  signIn: async () => {
    throw new FakeRedirect();
  },
  signOut: async () => {
    throw new FakeRedirect();
  },
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': '198.51.100.7' }) }));

type Persona = 'anonymous' | 'employee' | 'hr' | 'admin';
const PERSONAS: Persona[] = ['anonymous', 'employee', 'hr', 'admin'];
const PERSONA_EMAIL: Record<Exclude<Persona, 'anonymous'>, string> = {
  employee: 'amara@example.com',
  hr: 'hr@example.com',
  admin: 'admin@example.com',
};

type Ids = { amara: User; beth: User; chen: User; admin: User; roomId: string; siteId: string; amaraBookingId: string; slot: (n: number) => { start: string; end: string } };
type Call = (mod: Record<string, unknown>, name: string, ids: Ids) => Promise<unknown>;
/** 303 stands for "redirected" (sign-in and sign-out end in a redirect). */
type Entry = {
  expect: Record<Persona, number> & { otherRecord?: number };
  call?: Call;
  /** The call on a record that is not the caller's, made as `as` (default: the admin). */
  otherRecord?: Call;
  otherAs?: 'beth' | 'admin';
  reason?: string;
};

function form(fields: Record<string, string>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}
const action =
  (fields: (ids: Ids) => Record<string, string>): Call =>
  (mod, name, ids) =>
    (mod[name] as (s: unknown, f: FormData) => Promise<unknown>)(undefined, form(fields(ids)));
const route =
  (url: string, init?: RequestInit, params?: (ids: Ids) => Record<string, string>): Call =>
  (mod, name, ids) =>
    (mod[name] as (r: Request, c: unknown) => Promise<Response>)(new Request(`http://localhost:3000${url}`, init), {
      params: Promise.resolve(params?.(ids) ?? {}),
    });

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json', origin: 'http://localhost:3000', host: 'localhost:3000' },
  body: JSON.stringify(body),
});
const range = (ids: Ids) => `from=${encodeURIComponent(ids.slot(0).start)}&to=${encodeURIComponent(ids.slot(40).end)}`;

const everyone = (code: number) => ({ anonymous: code, employee: code, hr: code, admin: code });
const adminOnly = { anonymous: 401, employee: 403, hr: 403, admin: 200 };
const signedIn = (code: number) => ({ anonymous: 401, employee: code, hr: code, admin: code });

export const MATRIX: Record<string, Entry> = {
  'app/signin/actions.ts#demoSignInAction': {
    expect: everyone(303),
    call: action(() => ({ email: 'beth@example.com' })),
  },
  'app/signin/actions.ts#oidcSignInAction': {
    // No identity provider is configured in tests: everyone gets the same clear refusal.
    expect: everyone(403),
    call: action(() => ({})),
  },
  'app/signin/actions.ts#signOutAction': { expect: everyone(303), call: action(() => ({})) },
  'app/(employee)/settings/actions.ts#signOutEverywhereAction': {
    expect: { anonymous: 401, employee: 303, hr: 303, admin: 303 },
    call: action(() => ({})),
  },
  'app/(hr)/admin/people/actions.ts#changeRoleAction': {
    expect: { ...adminOnly, otherRecord: 409 },
    call: action((ids) => ({ personId: ids.beth.id, role: 'hr' })),
    // An admin's own record is the one they may not change.
    otherRecord: action((ids) => ({ personId: ids.admin.id, role: 'employee' })),
  },
  'app/(hr)/admin/people/actions.ts#setActiveAction': {
    expect: { ...adminOnly, otherRecord: 409 },
    call: action((ids) => ({ personId: ids.chen.id, active: 'true' })),
    otherRecord: action((ids) => ({ personId: ids.admin.id, active: 'false' })),
  },
  'app/api/health/route.ts#GET': { expect: everyone(200), call: route('/api/health') },
  'app/api/v1/sites/route.ts#GET': { expect: signedIn(200), call: route('/api/v1/sites') },
  'app/api/v1/rooms/route.ts#GET': { expect: signedIn(200), call: (m, n, ids) => route(`/api/v1/rooms?siteId=${ids.siteId}`)(m, n, ids) },
  'app/api/v1/rooms/[id]/availability/route.ts#GET': {
    expect: signedIn(200),
    call: (m, n, ids) => route(`/api/v1/rooms/${ids.roomId}/availability?${range(ids)}`, undefined, () => ({ id: ids.roomId }))(m, n, ids),
  },
  'app/api/v1/bookings/route.ts#GET': { expect: signedIn(200), call: (m, n, ids) => route(`/api/v1/bookings?${range(ids)}`)(m, n, ids) },
  'app/api/v1/bookings/route.ts#POST': {
    expect: signedIn(201),
    call: (m, n, ids) => route('/api/v1/bookings', json('POST', { roomId: ids.roomId, ...ids.slot(4) }))(m, n, ids),
  },
  'app/api/v1/bookings/[id]/route.ts#PATCH': {
    // Employees move their own; HR and admins may move anyone's; someone else's is not found.
    expect: { ...signedIn(200), otherRecord: 404 },
    call: (m, n, ids) => route(`/api/v1/bookings/${ids.amaraBookingId}`, json('PATCH', ids.slot(8)), () => ({ id: ids.amaraBookingId }))(m, n, ids),
    otherRecord: (m, n, ids) => route(`/api/v1/bookings/${ids.amaraBookingId}`, json('PATCH', ids.slot(12)), () => ({ id: ids.amaraBookingId }))(m, n, ids),
    otherAs: 'beth',
  },
  'app/api/v1/bookings/[id]/route.ts#DELETE': {
    expect: { ...signedIn(204), otherRecord: 404 },
    call: (m, n, ids) => route(`/api/v1/bookings/${ids.amaraBookingId}`, { method: 'DELETE' }, () => ({ id: ids.amaraBookingId }))(m, n, ids),
    otherRecord: (m, n, ids) => route(`/api/v1/bookings/${ids.amaraBookingId}`, { method: 'DELETE' }, () => ({ id: ids.amaraBookingId }))(m, n, ids),
    otherAs: 'beth',
  },
  'app/api/auth/[...nextauth]/route.ts#GET': { expect: everyone(200), reason: 'Auth.js itself; exercised end to end' },
  'app/api/auth/[...nextauth]/route.ts#POST': { expect: everyone(200), reason: 'Auth.js itself; exercised end to end' },
};

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : [full];
  });
}

async function endpointsInCode(): Promise<string[]> {
  const root = process.cwd();
  const files = walk(path.join(root, 'app')).filter((f) => /[/\\](actions|route)\.tsx?$/.test(f));
  const keys: string[] = [];
  for (const file of files) {
    const rel = path.relative(root, file).split(path.sep).join('/');
    const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    const isRoute = /route\.tsx?$/.test(rel);
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value !== 'function') continue;
      if (isRoute && !HTTP_METHODS.includes(name)) continue;
      keys.push(`${rel}#${name}`);
    }
  }
  return keys.sort();
}

async function outcome(fn: () => Promise<unknown>): Promise<number> {
  try {
    const result = await fn();
    if (result instanceof Response) return result.status;
    return (result as { status?: number } | undefined)?.status ?? 200;
  } catch (err) {
    if (err instanceof FakeRedirect) return 303;
    throw err;
  }
}

let db: TestDb;
let ids: Ids;

beforeAll(async () => {
  db = await freshDb('pglite');
  await seedDemo(db.db);
  state.handle = db;
  const get = async (email: string) => (await findPersonByEmail(db.db as Db, email))!;
  const amara = await get('amara@example.com');
  const [room] = await db.db.select().from(rooms).where(eq(rooms.name, 'Wellness Room 3'));
  // Slots on the next weekday at least two days ahead, from 08:00 New York time, 15 minutes apart.
  let date = localParts(new Date(Date.now() + 2 * 86_400_000), 'America/New_York').date;
  while ([0, 6].includes(weekdayOf(date))) date = addDays(date, 1);
  const slot = (n: number) => {
    const start = addMinutes(zonedInstant(date, '08:00', 'America/New_York'), n * 15);
    return { start: start.toISOString(), end: addMinutes(start, 30).toISOString() };
  };
  const booking = await createBooking(db.db, { userId: amara.id, roomId: room!.id, start: new Date(slot(0).start), end: new Date(slot(0).end), now: new Date() });
  ids = {
    amara,
    beth: await get('beth@example.com'),
    chen: await get('chen@example.com'),
    admin: await get('admin@example.com'),
    roomId: room!.id,
    siteId: room!.siteId,
    amaraBookingId: booking.id,
    slot,
  };
});
afterAll(async () => {
  await db?.dispose();
});

describe('authorization matrix', () => {
  it('lists every server action and route handler in the code', async () => {
    const inCode = await endpointsInCode();
    expect(inCode.filter((k) => !(k in MATRIX)), 'in the code but missing from the matrix').toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !inCode.includes(k)), 'in the matrix but gone from the code').toEqual([]);
  });

  for (const [key, entry] of Object.entries(MATRIX)) {
    const [file, name] = key.split('#') as [string, string];
    describe(key, () => {
      if (!entry.call) {
        it(`is public: ${entry.reason}`, () => {
          expect(entry.reason).toBeTruthy();
        });
        return;
      }
      for (const persona of PERSONAS) {
        it(`answers ${entry.expect[persona]} to ${persona}`, async () => {
          const mod = (await import(/* @vite-ignore */ path.join(process.cwd(), file))) as Record<string, unknown>;
          state.user = persona === 'anonymous' ? null : ((await findPersonByEmail(db.db as Db, PERSONA_EMAIL[persona])) ?? null);
          expect(await outcome(() => entry.call!(mod, name, ids))).toBe(entry.expect[persona]);
        });
      }
      if (entry.otherRecord) {
        it(`answers ${entry.expect.otherRecord} on a record the caller may not touch`, async () => {
          const mod = (await import(/* @vite-ignore */ path.join(process.cwd(), file))) as Record<string, unknown>;
          state.user = ids[entry.otherAs ?? 'admin'];
          expect(await outcome(() => entry.otherRecord!(mod, name, ids))).toBe(entry.expect.otherRecord);
        });
      }
    });
  }
});
