/**
 * Sign-in and booking writes count against the limits kept in PostgreSQL: over the limit a
 * route answers 429 with Retry-After and a clear message, an action answers status 429 and
 * the message, and nothing is booked.
 */
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { and, eq, count } from 'drizzle-orm';
import type { Db, DbHandle } from '@/db/client';
import { findPersonByEmail } from '@/db/queries/people';
import { consumeRateLimit } from '@/db/queries/rate-limits';
import { seedDemo } from '@/db/seed';
import { bookings, rateLimits, rooms, type User } from '@/db/schema';
import { addMinutes, zonedInstant } from '@/lib/time';
import { dbKinds, freshDb, type TestDb } from './db';
import { roomOpenDayAhead, testNow } from './clock';

class FakeRedirect extends Error {
  digest = 'NEXT_REDIRECT';
}
const state = vi.hoisted(() => ({ user: null as User | null, handle: null as DbHandle | null, ip: '198.51.100.7' }));
vi.mock('@/lib/server/auth/session', () => ({
  getCurrentUser: async () => state.user,
  getSessionState: async () => (state.user ? { user: state.user } : { user: null, reason: 'signed-out' }),
}));
vi.mock('@/db/runtime', () => ({ getDb: async () => state.handle!.db, database: async () => state.handle! }));
vi.mock('@/lib/server/auth/config', () => ({
  handlers: { GET: async () => new Response(null), POST: async () => new Response(null) },
  // As Auth.js does: the demo provider's authorize runs, and a refusal is a CredentialsSignin.
  signIn: async (_provider: string, opts: { email: string }) => {
    const { authorizeDemo } = await import('@/lib/server/auth/demo-authorize');
    const { CredentialsSignin } = await import('next-auth');
    if (!(await authorizeDemo(state.handle!.db, { email: opts.email }, state.ip))) throw new CredentialsSignin();
    throw new FakeRedirect();
  },
  signOut: async () => {
    throw new FakeRedirect();
  },
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': state.ip }) }));

const load = async <T>(file: string) => (await import(/* @vite-ignore */ path.join(process.cwd(), file))) as T;
type Action = (s: unknown, f: FormData) => Promise<{ ok: boolean; status?: number; message?: string }>;
const form = (fields: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
};
const outcome = async (fn: () => Promise<{ status?: number; message?: string }>) => {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof FakeRedirect) return { status: 303 };
    throw err;
  }
};

for (const kind of dbKinds()) {
  describe(`rate limits on sign-in and booking writes [${kind}]`, () => {
    let db: TestDb;
    let amara: User;
    let roomId: string;
    let day: string;
    beforeAll(async () => {
      db = await freshDb(kind);
      await seedDemo(db.db);
      state.handle = db;
      amara = (await findPersonByEmail(db.db as Db, 'amara@example.com'))!;
      roomId = (await db.db.select().from(rooms).where(eq(rooms.name, 'Wellness Room 3')))[0]!.id;
      day = await roomOpenDayAhead(db.db, roomId, 2);
    });
    afterAll(async () => {
      await db?.dispose();
    });
    beforeEach(async () => {
      await db.db.delete(rateLimits);
      state.ip = '198.51.100.7';
    });

    it('demo sign-in: 10 attempts per email, then a clear 429 message; another email still signs in', async () => {
      const { demoSignInAction } = await load<{ demoSignInAction: Action }>('app/signin/actions.ts');
      state.user = null;
      for (let i = 0; i < 10; i++) expect((await outcome(() => demoSignInAction(undefined, form({ email: 'beth@example.com' })))).status).toBe(303);
      const refused = await outcome(() => demoSignInAction(undefined, form({ email: 'BETH@example.com' })));
      expect(refused).toMatchObject({ status: 429, message: 'Too many sign-in attempts for this account. Try again in 15 minutes.' });
      expect((await outcome(() => demoSignInAction(undefined, form({ email: 'dana@example.com' })))).status).toBe(303);
    });

    it('the demo provider counts attempts made straight to its callback, and the page then says so', async () => {
      const { authorizeDemo } = await import('@/lib/server/auth/demo-authorize');
      const { demoSignInAction } = await load<{ demoSignInAction: Action }>('app/signin/actions.ts');
      for (let i = 0; i < 10; i++) expect(await authorizeDemo(db.db, { email: 'dana@example.com' }, '192.0.2.1')).toMatchObject({ email: 'dana@example.com' });
      expect(await authorizeDemo(db.db, { email: 'dana@example.com' }, '192.0.2.1')).toBeNull();
      state.user = null;
      expect(await outcome(() => demoSignInAction(undefined, form({ email: 'dana@example.com' })))).toMatchObject({
        status: 429,
        message: 'Too many sign-in attempts for this account. Try again in 15 minutes.',
      });
    });

    it('demo sign-in: per IP across emails', async () => {
      const { demoSignInAction } = await load<{ demoSignInAction: Action }>('app/signin/actions.ts');
      state.ip = '203.0.113.9';
      for (let i = 0; i < 100; i++) await consumeRateLimit(db.db, 'signin-ip', '203.0.113.9');
      const refused = await outcome(() => demoSignInAction(undefined, form({ email: 'dana@example.com' })));
      expect(refused).toMatchObject({ status: 429, message: 'Too many sign-in attempts from this network. Try again in 15 minutes.' });
      state.ip = '203.0.113.10';
      expect((await outcome(() => demoSignInAction(undefined, form({ email: 'dana@example.com' })))).status).toBe(303);
    });

    it('booking API: the 31st write in a minute is 429 with Retry-After, and nothing is booked', async () => {
      const { POST } = await load<{ POST: (r: Request) => Promise<Response> }>('app/api/v1/bookings/route.ts');
      state.user = amara;
      for (let i = 0; i < 30; i++) await consumeRateLimit(db.db, 'booking', amara.id);
      const start = zonedInstant(day, '09:00', 'America/New_York');
      const before = (await db.db.select({ n: count() }).from(bookings).where(eq(bookings.userId, amara.id)))[0]!.n;
      const res = await POST(
        new Request('http://localhost:3000/api/v1/bookings', {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: 'http://localhost:3000', host: 'localhost:3000' },
          body: JSON.stringify({ roomId, start: start.toISOString(), end: addMinutes(start, 30).toISOString() }),
        }),
      );
      expect(res.status).toBe(429);
      const retryAfter = Number(res.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(await res.json()).toMatchObject({ error: expect.stringMatching(/^Too many booking changes in a short time\. Try again in/), retryAfter });
      const after = (await db.db.select({ n: count() }).from(bookings).where(and(eq(bookings.userId, amara.id))))[0]!.n;
      expect(after).toBe(before);
    });

    it('booking API PATCH and DELETE and the booking actions count too', async () => {
      const mod = await load<{ PATCH: (r: Request, c: unknown) => Promise<Response>; DELETE: (r: Request, c: unknown) => Promise<Response> }>('app/api/v1/bookings/[id]/route.ts');
      const actions = await load<{ cancelBookingAction: Action; moveBookingAction: Action; bookNowAction: Action; bookAction: Action; rescheduleBookingAction: Action }>(
        'app/_actions/bookings.ts',
      );
      const { bookNowAction } = actions;
      state.user = amara;
      for (let i = 0; i < 30; i++) await consumeRateLimit(db.db, 'booking', amara.id);
      const id = '00000000-0000-4000-8000-000000000000';
      const init = { headers: { 'content-type': 'application/json', origin: 'http://localhost:3000', host: 'localhost:3000' } };
      const patch = await mod.PATCH(new Request(`http://localhost:3000/api/v1/bookings/${id}`, { ...init, method: 'PATCH', body: JSON.stringify({ start: addMinutes(testNow(), 24 * 60).toISOString(), end: addMinutes(testNow(), 24 * 60 + 30).toISOString() }) }), { params: Promise.resolve({ id }) });
      expect(patch.status).toBe(429);
      expect(patch.headers.get('retry-after')).toMatch(/^\d+$/);
      const del = await mod.DELETE(new Request(`http://localhost:3000/api/v1/bookings/${id}`, { ...init, method: 'DELETE' }), { params: Promise.resolve({ id }) });
      expect(del.status).toBe(429);
      const msg = /^Too many booking changes in a short time\. Try again in/;
      expect(await actions.cancelBookingAction(undefined, form({ bookingId: id }))).toMatchObject({ ok: false, status: 429, message: expect.stringMatching(msg) });
      expect(await actions.moveBookingAction(undefined, form({ bookingId: id, date: day, start: '10:00', length: '30' }))).toMatchObject({ ok: false, status: 429, message: expect.stringMatching(msg) });
      expect(await bookNowAction(undefined, form({ roomId }))).toMatchObject({ ok: false, status: 429, message: expect.stringMatching(msg) });
      // The room page's booking and calendar moves count against the same bucket.
      const slot = { start: addMinutes(testNow(), 24 * 60).toISOString(), end: addMinutes(testNow(), 24 * 60 + 30).toISOString() };
      expect(await actions.bookAction(undefined, form({ roomId, ...slot }))).toMatchObject({ ok: false, status: 429, message: expect.stringMatching(msg) });
      expect(await actions.rescheduleBookingAction(undefined, form({ bookingId: id, ...slot }))).toMatchObject({ ok: false, status: 429, message: expect.stringMatching(msg) });
      // Beth has her own count.
      state.user = (await findPersonByEmail(db.db as Db, 'beth@example.com'))!;
      expect((await actions.cancelBookingAction(undefined, form({ bookingId: id }))).status).toBe(404);
    });
  });
}
