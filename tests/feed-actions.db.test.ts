/**
 * Bad input to the calendar feed actions: a clear, specific message and nothing written.
 * (Who may call them is in the authorization matrix.)
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { ensurePersonalFeed } from '@/db/queries/feeds';
import { calendarFeeds, type User } from '@/db/schema';
import { feedKey } from '@/lib/feed-token';
import { dbKinds, freshDb, type TestDb } from './db';
import { seedWorld, type World } from './world';

const state = vi.hoisted(() => ({ user: null as User | null, handle: null as DbHandle | null }));
vi.mock('@/lib/server/auth/session', () => ({ getCurrentUser: async () => state.user }));
vi.mock('@/db/runtime', () => ({ getDb: async () => state.handle!.db, database: async () => state.handle! }));
vi.mock('@/lib/server/auth/config', () => ({ signIn: async () => {}, signOut: async () => {} }));
vi.mock('@/lib/server/auth/feed-key', async () => {
  const { feedKey: fk } = await import('@/lib/feed-token');
  const key = fk('feed-actions-secret-0123456789-0123456789');
  return { serverFeedKey: () => key };
});
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock('next/headers', () => ({ headers: async () => new Headers() }));

const key = feedKey('feed-actions-secret-0123456789-0123456789');
const form = (fields: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
};

for (const kind of dbKinds()) {
  describe(`calendar feed actions [${kind}]`, () => {
    let t: TestDb;
    let w: World;
    beforeAll(async () => {
      t = await freshDb(kind);
      w = await seedWorld(t.db);
      state.handle = t;
    });
    afterAll(async () => {
      await t?.dispose();
    });

    const titleOf = async (userId: string) => (await t.db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, userId)))[0]?.title;

    it('refuses an empty or too long own title, or a control character, and writes nothing', async () => {
      const { saveFeedTitleAction } = await import('@/app/(employee)/settings/actions');
      state.user = w.amara;
      await ensurePersonalFeed(t.db, w.amara.id, key);
      const cases: [Record<string, string>, string, RegExp][] = [
        [{ titleChoice: 'custom', title: '   ' }, 'title', /Type your own title, or choose the neutral one/],
        [{ titleChoice: 'custom', title: 'x'.repeat(81) }, 'title', /80 characters or fewer/],
        [{ titleChoice: 'custom', title: 'Break\u0007' }, 'title', /control characters/],
        [{ titleChoice: 'loud', title: 'Pumping' }, 'titleChoice', /Choose a title/],
      ];
      for (const [fields, field, message] of cases) {
        const r = await saveFeedTitleAction(undefined, form(fields));
        expect(r.status, JSON.stringify(fields)).toBe(422);
        expect(r.fields?.[field]?.[0]).toMatch(message);
        expect(await titleOf(w.amara.id)).toBeNull();
      }
      const ok = await saveFeedTitleAction(undefined, form({ titleChoice: 'custom', title: '  Focus time ' }));
      expect(ok.ok).toBe(true);
      expect(await titleOf(w.amara.id)).toBe('Focus time');
      await saveFeedTitleAction(undefined, form({ titleChoice: 'neutral', title: 'ignored' }));
      expect(await titleOf(w.amara.id)).toBeNull();
    });

    it('refuses a room feed for no place, both places, or an unknown room, and writes nothing', async () => {
      const { createPlaceFeedAction, revokePlaceFeedAction } = await import('@/app/(hr)/admin/feeds/actions');
      state.user = w.admin;
      const before = await t.db.select().from(calendarFeeds);
      expect((await createPlaceFeedAction(undefined, form({}))).message).toBe('Choose a room or a site.');
      expect((await createPlaceFeedAction(undefined, form({ roomId: w.wellness.id, siteId: w.ny.id }))).message).toBe('Choose a room or a site.');
      expect((await createPlaceFeedAction(undefined, form({ roomId: 'not-a-uuid' }))).fields?.roomId?.[0]).toBe('Choose a room.');
      const unknown = await createPlaceFeedAction(undefined, form({ roomId: '00000000-0000-4000-8000-000000000000' }));
      expect(unknown).toMatchObject({ status: 404, message: 'That room does not exist.' });
      const revokeUnknown = await revokePlaceFeedAction(undefined, form({ feedId: '00000000-0000-4000-8000-000000000000' }));
      expect(revokeUnknown).toMatchObject({ status: 404 });
      expect(await t.db.select().from(calendarFeeds)).toEqual(before);
    });
  });
}
