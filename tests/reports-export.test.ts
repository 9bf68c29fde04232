/**
 * The report CSV exports as HR gets them: every table, no names, emails or person ids, "<5"
 * for small groups, formula-looking cells made harmless, each export audited; employees 403.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog, bookings, rooms, stations, users, type User } from '@/db/schema';
import { zonedInstant } from '@/lib/time';
import { freshDb, type TestDb } from './db';
import { addPeople, seedWorld, type World } from './world';

const state = vi.hoisted(() => ({ user: null as User | null, handle: null as DbHandle | null }));
vi.mock('@/lib/server/auth/session', () => ({
  getCurrentUser: async () => state.user,
  getSessionState: async () => (state.user ? { user: state.user } : { user: null, reason: 'signed-out' }),
}));
vi.mock('@/db/runtime', () => ({ getDb: async () => state.handle!.db, database: async () => state.handle! }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': '198.51.100.7' }) }));

const TABLES = ['key', 'utilisation', 'heatmap', 'requests', 'checklist', 'needs'];
const RANGE = 'from=2026-03-09&to=2026-03-13';
let db: TestDb;
let w: World;
let everyone: User[];

async function get(url: string) {
  const { GET } = await import('@/app/(hr)/hr/reports/export/route');
  return GET(new Request(`http://localhost:3000${url}`), { params: Promise.resolve({}) });
}

beforeAll(async () => {
  db = await freshDb('pglite');
  state.handle = db;
  w = await seedWorld(db.db);
  // A room whose name looks like a formula, with one station and three people's bookings (too few to show).
  const [evil] = await db.db.insert(rooms).values({ siteId: w.ny.id, name: '=HYPERLINK("http://evil.example")', amenities: ['chair'] }).returning();
  const [st] = await db.db.insert(stations).values({ roomId: evil!.id, position: 1, label: 'S1' }).returning();
  const crowd = await addPeople(db.db, w.ny.id, 3, 'export');
  for (const [i, p] of crowd.entries()) {
    const start = zonedInstant('2026-03-10', `1${i}:00`, 'America/New_York');
    await db.db.insert(bookings).values({ roomId: evil!.id, stationId: st!.id, userId: p.id, startAt: start, endAt: new Date(start.getTime() + 1_800_000), blockEnd: new Date(start.getTime() + 1_800_000) });
  }
  everyone = await db.db.select().from(users);
});
afterAll(async () => {
  await db?.dispose();
});

describe('report exports', () => {
  it('gives HR every table as CSV with no name, email or person id, small groups as <5 and formulas escaped', async () => {
    state.user = w.hr;
    const before = (await db.db.select().from(auditLog).where(eq(auditLog.action, 'report.exported'))).length;
    for (const table of TABLES) {
      const res = await get(`/hr/reports/export?table=${table}&${RANGE}`);
      expect(res.status, table).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const csv = await res.text();
      for (const p of everyone) {
        expect(csv).not.toContain(p.name);
        expect(csv).not.toContain(p.email);
        expect(csv).not.toContain(p.id);
      }
      if (table === 'utilisation' || table === 'checklist') expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
      if (table === 'utilisation') expect(csv).toMatch(/2026-03-10,Hudson Yards,"'=HYPERLINK\(""http:\/\/evil\.example""\)",<5,<5,[\d.]+,<5/);
    }
    const after = await db.db.select().from(auditLog).where(eq(auditLog.action, 'report.exported'));
    expect(after.length - before).toBe(TABLES.length);
    expect(after.at(-1)).toMatchObject({ actorId: w.hr.id, targetType: 'report', ip: '198.51.100.7' });
  });

  it('refuses employees with 403, and a bad table or range with a clear 422', async () => {
    state.user = w.amara;
    for (const table of TABLES) expect((await get(`/hr/reports/export?table=${table}&${RANGE}`)).status).toBe(403);
    state.user = w.hr;
    const bad = await get('/hr/reports/export?table=people&from=2026-03-13&to=2026-03-09');
    expect(bad.status).toBe(422);
    const body = (await bad.json()) as { fields: Record<string, string[]> };
    expect(body.fields.table?.[0]).toMatch(/^Choose a table: key, utilisation/);
    expect(body.fields.to).toEqual(['The end date must be on or after the start date.']);
  });
});
