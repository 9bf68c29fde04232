/**
 * proxy.ts is a convenience, not the boundary: every page guards itself. Each page under
 * app/(employee) and app/(hr) is called directly, with no proxy in front and with an
 * `x-middleware-subrequest` header on the request, as someone signed out and as each role
 * below the page's: it must redirect to sign-in or answer 403 before showing anything.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db, DbHandle } from '@/db/client';
import { findPersonByEmail } from '@/db/queries/people';
import { seedDemo } from '@/db/seed';
import type { User } from '@/db/schema';
import type { Role } from '@/lib/roles';
import { freshDb, type TestDb } from './db';

const state = vi.hoisted(() => {
  // next.config.mjs turns on experimental.authInterrupts (forbidden()); the build passes it to Next this way.
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = 'true';
  return { user: null as User | null, handle: null as DbHandle | null };
});
vi.mock('@/lib/server/auth/session', () => ({
  getCurrentUser: async () => state.user,
  getSessionState: async () => (state.user ? { user: state.user } : { user: null, reason: 'signed-out' }),
}));
vi.mock('@/db/runtime', () => ({ getDb: async () => state.handle!.db, database: async () => state.handle! }));
vi.mock('@/lib/server/auth/config', () => ({ handlers: {}, signIn: async () => {}, signOut: async () => {} }));
vi.mock('next/server', async (original) => ({ ...(await original<typeof import('next/server')>()), connection: async () => {} }));
vi.mock('next/headers', () => ({
  headers: async () =>
    new Headers({ 'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy', 'x-nook-path': '/somewhere', 'x-forwarded-for': '198.51.100.7' }),
  cookies: async () => ({ get: () => undefined, getAll: () => [] }),
}));

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}
const root = process.cwd();
const pages = ['app/(employee)', 'app/(hr)']
  .flatMap((d) => walk(path.join(root, d)))
  .filter((f) => /[/\\]page\.tsx$/.test(f))
  .map((f) => path.relative(root, f).split(path.sep).join('/'))
  .sort();

/** The lowest role that may open a page. */
function roleFor(page: string): Role {
  if (page.startsWith('app/(employee)/')) return 'employee';
  if (page === 'app/(hr)/admin/rooms/[id]/day/page.tsx' || page.startsWith('app/(hr)/hr/')) return 'hr';
  return 'admin';
}
const BELOW: Record<Role, ('employee' | 'hr')[]> = { employee: [], hr: ['employee'], admin: ['employee', 'hr'] };
const EMAIL = { employee: 'amara@example.com', hr: 'hr@example.com' };

async function render(page: string): Promise<string> {
  const mod = (await import(/* @vite-ignore */ path.join(root, page))) as { default: (p: unknown) => Promise<unknown> };
  try {
    await mod.default({ params: Promise.resolve({ id: '00000000-0000-4000-8000-000000000000' }), searchParams: Promise.resolve({}) });
    return 'rendered';
  } catch (err) {
    const digest = String((err as { digest?: string }).digest ?? '');
    if (digest.startsWith('NEXT_REDIRECT')) return `redirect ${digest.split(';')[2]}`;
    if (digest.startsWith('NEXT_HTTP_ERROR_FALLBACK;')) return `http ${digest.split(';')[1]}`;
    throw err;
  }
}

let db: TestDb;
beforeAll(async () => {
  db = await freshDb('pglite');
  await seedDemo(db.db);
  state.handle = db;
});
afterAll(async () => {
  await db?.dispose();
});

describe('pages guard themselves without the proxy', () => {
  it('finds the pages', () => {
    expect(pages.length).toBeGreaterThanOrEqual(10);
    expect(pages).toContain('app/(hr)/admin/rooms/[id]/day/page.tsx');
  });
  for (const page of pages) {
    it(`${page}: signed out → sign-in${BELOW[roleFor(page)].map((r) => `, ${r} → 403`).join('')}`, async () => {
      state.user = null;
      expect(await render(page)).toMatch(/^redirect \/signin\?callbackUrl=%2Fsomewhere/);
      for (const role of BELOW[roleFor(page)]) {
        state.user = (await findPersonByEmail(db.db as Db, EMAIL[role]))!;
        expect(await render(page), `${page} as ${role}`).toBe('http 403');
      }
    });
  }
});
