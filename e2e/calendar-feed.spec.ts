import { expect, request as playwrightRequest, test } from '@playwright/test';
import { apiBook, DESKTOP, expectAccessible, expectNoHorizontalScroll, openDayAhead, nyInstant, PHONE, roomIdByName, signInAs } from './fixtures';

const DAY = openDayAhead(3);

test.describe.configure({ mode: 'serial' });

test('copy her feed link, subscribe, book and see it, add to calendar, regenerate and the old link is gone', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ viewport: DESKTOP, permissions: ['clipboard-read', 'clipboard-write'] });
  // A calendar app: no cookies, only the link.
  const calendarApp = await playwrightRequest.newContext();
  try {
    await signInAs(context, 'dana@example.com');
    const page = await context.newPage();
    const settings = await page.goto('/settings');
    expect(settings!.headers()['referrer-policy']).toBe('no-referrer');
    const link = page.getByLabel('Your private feed link');
    const url = await link.inputValue();
    expect(url).toMatch(new RegExp(`^${baseURL!.replace(/[.]/g, '\\.')}/api/feeds/[A-Za-z0-9_-]{43}\\.ics$`));
    await expect(page.getByRole('link', { name: 'Open it in your calendar app' })).toHaveAttribute('href', url.replace(/^http:\/\//, 'webcal://'));
    await expect(page.getByText(/Google refreshes subscribed calendars on its own schedule: .* several hours/)).toBeVisible();

    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Link copied.' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

    // The feed answers the link alone, privately, and with 304 when nothing changed.
    const first = await calendarApp.get(url);
    expect(first.status()).toBe(200);
    const h = first.headers();
    expect(h['content-type']).toBe('text/calendar; charset=utf-8');
    expect(h['cache-control']).toBe('private, no-store');
    expect(h['referrer-policy']).toBe('no-referrer');
    const etag = h['etag']!;
    expect(etag).toMatch(/^"[^"]+"$/);
    expect((await calendarApp.get(url, { headers: { 'If-None-Match': etag } })).status()).toBe(304);
    const before = await first.text();
    expect(before).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(before).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H');

    // She books; the next fetch has a new ETag and the booking, under the neutral title.
    const wellness = await roomIdByName(context, 'Wellness Room 3');
    const booked = await apiBook(context, wellness, nyInstant(DAY, '11:00'), nyInstant(DAY, '11:30'));
    expect(booked.status()).toBe(201);
    const { id } = (await booked.json()) as { id: string };
    const second = await calendarApp.get(url, { headers: { 'If-None-Match': etag } });
    expect(second.status()).toBe(200);
    const after = await second.text();
    expect(after).not.toBe(before);
    expect(after).toContain(`UID:${id}@bookings.nook.calendar\r\n`);
    expect(after).toContain('SUMMARY:Private break · Wellness Room 3\r\n');
    expect(after).toContain('CLASS:PRIVATE\r\n');
    expect(after).not.toMatch(/Dana|Morales|dana@example\.com/);

    // "Add to calendar" on My bookings downloads the same event.
    await page.goto('/bookings');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`a[href="/api/v1/bookings/${id}/ics"]`).click()]);
    const file = await (await download.createReadStream()).toArray();
    expect(Buffer.concat(file).toString('utf8')).toContain(`UID:${id}@bookings.nook.calendar\r\n`);

    // Regenerate: the old link is 404 at once, the new one works.
    await page.goto('/settings');
    await page.getByRole('button', { name: 'Regenerate link' }).click();
    await expect(page.getByText(/New link made\. The old link stopped working/)).toBeVisible();
    await expect(link).not.toHaveValue(url);
    const fresh = await link.inputValue();
    expect((await calendarApp.get(url)).status()).toBe(404);
    const renewed = await calendarApp.get(fresh);
    expect(renewed.status()).toBe(200);
    expect(await renewed.text()).toContain(`UID:${id}@bookings.nook.calendar\r\n`);
    const unknown = await calendarApp.get(`${baseURL}/api/feeds/not-a-token.ics`);
    expect(unknown.status()).toBe(404);
    expect(unknown.headers()['referrer-policy']).toBe('no-referrer');

    // Her own title replaces the neutral one in the feed.
    await page.getByLabel('My own title').check();
    await page.getByLabel('Your title').fill('Focus time');
    await page.getByRole('button', { name: 'Save title' }).click();
    await expect(page.getByText('Your events are now titled “Focus time”.')).toBeVisible();
    expect(await (await calendarApp.get(fresh)).text()).toContain('SUMMARY:Focus time\r\n');
  } finally {
    await calendarApp.dispose();
    await context.close();
  }
});

test('an admin makes a room feed for a door display: "Reserved" only, never who', async ({ browser }, testInfo) => {
  const context = await browser.newContext({ viewport: DESKTOP });
  const beth = await browser.newContext();
  const calendarApp = await playwrightRequest.newContext();
  try {
    await signInAs(beth, 'beth@example.com');
    const wellness = await roomIdByName(beth, 'Wellness Room 3');
    expect((await apiBook(beth, wellness, nyInstant(DAY, '12:00'), nyInstant(DAY, '12:30'))).status()).toBe(201);
    await signInAs(context, 'admin@example.com');
    const page = await context.newPage();
    await page.goto(`/admin/rooms/${wellness}`);
    await page.getByRole('button', { name: 'Create feed link' }).click();
    const link = page.getByLabel('Feed link for Wellness Room 3');
    await expect(link).toHaveValue(/\/api\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    const url = await link.inputValue();
    const body = await (await calendarApp.get(url)).text();
    expect(body).toContain('SUMMARY:Reserved\r\n');
    expect(body).toContain(`DTSTART:${nyInstant(DAY, '12:00').replace(/[-:]/g, '').replace(/\.000Z$/, 'Z')}\r\n`);
    expect(body).not.toMatch(/Beth|Lindqvist|beth@|Dana|Morales|dana@|Private break/);
    await expectAccessible(page);
    await page.getByRole('heading', { name: 'Calendar feed for displays' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath('admin-room-feed-1280.png') });
    await page.setViewportSize(PHONE);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await page.getByRole('heading', { name: 'Calendar feed for displays' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath('admin-room-feed-390.png') });
    await page.getByRole('button', { name: 'Revoke link' }).click();
    await expect(page.getByRole('button', { name: 'Create feed link' })).toBeVisible();
    expect((await calendarApp.get(url)).status()).toBe(404);
  } finally {
    await calendarApp.dispose();
    await beth.close();
    await context.close();
  }
});

for (const [label, viewport] of [
  ['1280', DESKTOP],
  ['390', PHONE],
] as const) {
  test(`the settings page has no accessibility violations at ${label} px`, async ({ browser }, testInfo) => {
    const context = await browser.newContext({ viewport });
    try {
      await signInAs(context, 'amara@example.com');
      const page = await context.newPage();
      await page.goto('/settings');
      await expect(page.getByRole('heading', { name: 'Calendar feed' })).toBeVisible();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      await page.screenshot({ path: testInfo.outputPath(`settings-${label}.png`), fullPage: true });
    } finally {
      await context.close();
    }
  });
}
