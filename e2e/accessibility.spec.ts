import { expect, test } from '@playwright/test';
import { DESKTOP, expectAccessible, expectNoHorizontalScroll, PHONE, roomIdByName, signInAs } from './fixtures';

const PAGES: { who: string | null; path: string; status?: number }[] = [
  { who: null, path: '/signin' },
  { who: 'amara@example.com', path: '/' },
  { who: 'amara@example.com', path: '/settings' },
  { who: 'amara@example.com', path: '/rooms' },
  { who: 'amara@example.com', path: '/rooms?amenity=pump_provided&amenity=step_free' },
  { who: 'amara@example.com', path: '/bookings' },
  { who: 'amara@example.com', path: 'room:Wellness Room 3' },
  { who: 'amara@example.com', path: '/hr', status: 403 },
  { who: 'amara@example.com', path: '/no-such-page', status: 404 },
  { who: 'hr@example.com', path: '/hr' },
  { who: 'hr@example.com', path: '/me' },
  { who: 'hr@example.com', path: '/hr/data-requests' },
  { who: 'amara@example.com', path: '/hr/data-requests', status: 403 },
  { who: 'admin@example.com', path: '/admin' },
  { who: 'admin@example.com', path: '/admin/people' },
  { who: 'admin@example.com', path: '/admin/sites/new' },
  { who: 'admin@example.com', path: '/admin/audit' },
  { who: 'admin@example.com', path: '/admin/rooms/new' },
  { who: 'admin@example.com', path: 'admin-site:Hudson Yards' },
  { who: 'admin@example.com', path: 'admin-room:Calm Room 5' },
];

for (const [label, viewport] of [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const) {
  test.describe(`${label} (${viewport.width} px)`, () => {
    test.use({ viewport });
    for (const { who, path, status = 200 } of PAGES) {
      test(`${path} as ${who ?? 'a visitor'} has no axe violations`, async ({ page, context }) => {
        if (who) await signInAs(context, who);
        const [kind, name = ''] = path.split(':');
        const target =
          kind === 'room'
            ? `/rooms/${await roomIdByName(context, name)}`
            : kind === 'admin-room'
              ? `/admin/rooms/${await roomIdByName(context, name)}`
              : kind === 'admin-site'
                ? `/admin/sites/${((await (await context.request.get('/api/v1/sites')).json()) as { id: string; name: string }[]).find((s) => s.name === name)!.id}`
                : path;
        const res = await page.goto(target);
        if (target.startsWith('/rooms/')) await expect(page.locator('.rbc-time-view')).toBeVisible();
        expect(res?.status()).toBe(status);
        await expectAccessible(page);
        await expectNoHorizontalScroll(page);
      });
    }
  });
}
