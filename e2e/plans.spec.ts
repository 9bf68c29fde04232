import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { DEMO_SITE_HOURS } from '@/db/seed';
import { firstOpenDate } from '@/lib/opening-hours';
import { addDays } from '@/lib/time';
import { apiBook, dateLabel, DESKTOP, expectAccessible, expectNoHorizontalScroll, nyInstant, openDayAhead, PHONE, roomIdByName, signInAs, thisMinute } from './fixtures';

test.describe.configure({ mode: 'serial' });

// A week and more ahead, clear of the other journeys' bookings, and inside the plan page's next 14 days.
const START = openDayAhead(8);
const END = addDays(START, 13);
const SKIP = firstOpenDate(DEMO_SITE_HOURS.ny, addDays(START, 1));

async function checkBothWidths(page: Page) {
  for (const size of [DESKTOP, PHONE]) {
    await page.setViewportSize(size);
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
  }
  await page.setViewportSize(DESKTOP);
}

async function setGrace(admin: Page, siteId: string, minutes: number) {
  await admin.goto(`/admin/sites/${siteId}`);
  await admin.getByLabel('Check-in grace (minutes)').fill(String(minutes));
  await admin.getByRole('button', { name: 'Save policy' }).click();
  await expect(admin.getByRole('status').filter({ hasText: /saved/i })).toBeVisible();
}

test('a pump plan with a fallback: preview, confirm, skip a day, cancel one break', async ({ browser }) => {
  // Six axe passes at two widths and two plan pages: more than the default minute on a busy machine.
  test.slow();
  const amaraCtx = await browser.newContext();
  const bethCtx = await browser.newContext();
  try {
    await signInAs(amaraCtx, 'amara@example.com');
    await signInAs(bethCtx, 'beth@example.com');
    const quiet = await roomIdByName(bethCtx, 'Quiet Room 12B');
    // Beth holds the one station of Quiet Room 12B at 12:30 on the plan's first day.
    expect((await apiBook(bethCtx, quiet, nyInstant(START, '12:30'), nyInstant(START, '13:00'))).status()).toBe(201);

    const page = await amaraCtx.newPage();
    await page.goto('/plans');
    await expect(page.getByRole('heading', { name: 'Pump plans' })).toBeVisible();
    await checkBothWidths(page);
    await page.getByRole('link', { name: 'New plan' }).click();
    await expect(page.getByRole('heading', { name: 'New pump plan' })).toBeVisible();

    // Two breaks a day (the third suggested one removed), weekdays, Quiet Room 12B then Parents' Room 7.
    await page.getByRole('button', { name: 'Remove break 3' }).click();
    await page.getByLabel('Break 1', { exact: true }).fill('09:30');
    await page.getByLabel('Break 2', { exact: true }).fill('12:30');
    await page.getByLabel('First day').fill(START);
    await page.getByLabel('Last day').fill(END);
    await page.getByLabel('Preferred room').selectOption({ label: 'Quiet Room 12B' });
    await page.getByLabel('Fallback 1').selectOption({ label: "Parents' Room 7" });
    await page.getByRole('button', { name: 'Preview' }).click();
    const status = page.getByRole('status').filter({ hasText: 'Preview:' });
    await expect(status).toContainText('20 breaks would book, 1 in a fallback room');
    await expect(page.getByRole('cell', { name: /Parents' Room 7, 12:30–13:00 \(fallback\)/ })).toBeVisible();
    await checkBothWidths(page);
    // A preview says what confirming would do: no row claims "Booked" before anything is.
    await expect(page.getByText('Preview: nothing is booked until you confirm.')).toBeVisible();
    await expect(page.locator('tbody .badge').filter({ hasText: /^Booked$/ })).toHaveCount(0);
    await expect(page.locator('tbody .badge').filter({ hasText: /^Will book$/ }).first()).toBeVisible();
    // Nothing is booked by a preview.
    const before = (await (await amaraCtx.request.get(`/api/v1/bookings?from=${encodeURIComponent(nyInstant(START, '00:00'))}&to=${encodeURIComponent(nyInstant(END, '23:00'))}`)).json()) as unknown[];
    expect(before).toHaveLength(0);

    await page.getByRole('button', { name: 'Confirm and book' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Plan created:' })).toContainText('20 breaks booked, 1 in a fallback room');
    // Made: the form does not stay filled in as if to make the same plan twice.
    await expect(page.getByRole('button', { name: 'Preview again' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Confirm and book' })).toHaveCount(0);
    await expect(page.getByLabel('Break 1', { exact: true })).toHaveCount(0);
    await expect(page.locator('tbody .badge').filter({ hasText: /^Booked$/ }).first()).toBeVisible();
    await page.getByRole('link', { name: 'Open the plan' }).click();
    await expect(page.getByRole('heading', { name: /Pump plan: 09:30, 12:30 · Mon–Fri/ })).toBeVisible();
    await checkBothWidths(page);

    // Skip the second day of the plan.
    await page.getByLabel('First day to skip').fill(SKIP);
    await page.getByLabel('Last day to skip').fill(SKIP);
    await page.getByRole('button', { name: 'Skip these days' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Skipping' })).toContainText('2 bookings cancelled');
    await expect(page.getByText(`Skipping ${dateLabel(SKIP)}`, { exact: true })).toBeVisible();

    // Cancel one break of the plan; the rest stays.
    // (Its row turns to "Cancelled" at once: the row is the answer.)
    await page.getByRole('button', { name: /^Cancel the break on [A-Z][a-z]{2} \d+ [A-Z][a-z]{2}, 09:30$/ }).first().click();
    await expect(page.locator('tbody tr').filter({ hasText: 'Cancelled' })).toHaveCount(1);
    await page.reload();
    await expect(page.locator('tbody tr').filter({ hasText: 'Skipped' })).toHaveCount(2);
    await expect(page.locator('tbody tr').filter({ hasText: 'Cancelled' })).toHaveCount(1);
    const after = (await (await amaraCtx.request.get(`/api/v1/bookings?from=${encodeURIComponent(nyInstant(START, '00:00'))}&to=${encodeURIComponent(nyInstant(END, '23:00'))}`)).json()) as unknown[];
    expect(after).toHaveLength(20 - 2 - 1);

    // My bookings lists the plan's breaks.
    await page.goto('/bookings');
    await expect(page.locator('.badge', { hasText: 'Plan' }).first()).toBeVisible();
  } finally {
    await amaraCtx.close();
    await bethCtx.close();
  }
});

test('a no-show is released to the next person; check-in from the door page', async ({ browser }) => {
  // Four accessibility passes besides the journey itself: more than the default minute on a busy machine.
  test.slow();
  const contexts: BrowserContext[] = [];
  const ctx = async (email: string) => {
    const c = await browser.newContext();
    contexts.push(c);
    await signInAs(c, email);
    return c;
  };
  try {
    const adminCtx = await ctx('admin@example.com');
    const danaCtx = await ctx('dana@example.com');
    const bethCtx = await ctx('beth@example.com');
    const admin = await adminCtx.newPage();
    const sites = (await (await adminCtx.request.get('/api/v1/sites')).json()) as { id: string; name: string }[];
    const ny = sites.find((s) => s.name.includes('Hudson Yards'))!.id;
    const quiet = await roomIdByName(adminCtx, 'Quiet Room 12B');

    // With no grace at all, a booking nobody checked in to is released at once.
    await setGrace(admin, ny, 0);
    const minute = thisMinute();
    const start = minute.toISOString();
    const end = new Date(minute.getTime() + 30 * 60_000).toISOString();
    expect((await apiBook(danaCtx, quiet, start, end)).status()).toBe(201);

    // Dana never checks in. Beth scans the door: with no grace, Dana's booking no longer holds the station.
    const beth = await bethCtx.newPage();
    await beth.setViewportSize(PHONE);
    await beth.goto(`/r/${quiet}`);
    await expect(beth.getByRole('heading', { name: 'Quiet Room 12B' })).toBeVisible();
    await expect(beth.getByText('1 of 1 station free')).toBeVisible();

    const dana = await danaCtx.newPage();
    await dana.goto('/bookings');
    await expect(dana.getByText('Released: no check-in').first()).toBeVisible();
    await expect(dana.getByText(/was released because nobody checked in/).first()).toBeVisible();

    // With the usual grace back, Beth books it now and checks in at the door.
    await setGrace(admin, ny, 10);
    await beth.getByRole('button', { name: 'Book now in Quiet Room 12B' }).click();
    await expect(beth.getByRole('status').filter({ hasText: 'Booked Quiet Room 12B' })).toBeVisible();
    await beth.getByRole('button', { name: 'Check in' }).click();
    await expect(beth.getByRole('status').filter({ hasText: 'Checked in.' })).toBeVisible();
    await beth.reload();
    await expect(beth.getByText('Checked in', { exact: true })).toBeVisible();
    await checkBothWidths(beth);

    // The admin prints the door sign with its QR code.
    await admin.goto(`/admin/rooms/${quiet}/door`);
    await expect(admin.getByRole('img', { name: new RegExp(`QR code for .*/r/${quiet}`) })).toBeVisible();
    await checkBothWidths(admin);

    // The room's own page shows her booking there too; checking out early from it gives the rest of the slot back.
    await beth.goto(`/rooms/${quiet}`);
    const here = beth.getByRole('region', { name: 'Your bookings here today' });
    await expect(here.getByText('Checked in', { exact: true })).toBeVisible();
    await here.getByRole('button', { name: 'Check out early' }).click();
    await expect(here.getByRole('status').filter({ hasText: 'Checked out.' })).toBeVisible();
  } finally {
    for (const c of contexts) await c.close();
  }
});
