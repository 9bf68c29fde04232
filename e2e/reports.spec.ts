import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { addDays } from '@/lib/time';
import { dateLabel, DESKTOP, expectAccessible, expectNoHorizontalScroll, nyToday, PHONE, signInAs } from './fixtures';

/** Axe at phone and desktop width, and nothing wider than the phone. */
async function checkBothWidths(page: Page) {
  await page.setViewportSize(PHONE);
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await page.setViewportSize(DESKTOP);
  await expectAccessible(page);
}

// The reports' dates are the site's (New York) calendar days.
const today = nyToday();
const daysAgo = (n: number) => addDays(today, -n);

test('HR reads the usage report, filters it, exports a table, prints the summary and checks compliance', async ({ browser }) => {
  // Ten axe passes over pages with long tables: more than the default minute on a slow machine.
  test.slow();
  const ctx = await browser.newContext({ viewport: DESKTOP, acceptDownloads: true });
  try {
    await signInAs(ctx, 'hr@example.com');
    const page = await ctx.newPage();
    await page.goto('/hr');
    await page.getByRole('link', { name: 'Reports' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Policy usage' })).toBeVisible();
    await expect(page.getByText(/All sites, .* to /)).toBeVisible();
    // The small seed's few people: every utilisation figure is hidden or 0, so no flat lines but a line saying why.
    const utilSection = page.getByRole('region', { name: 'Utilisation over time' });
    await expect(utilSection.getByText(/^No chart: /)).toBeVisible();
    await expect(page.getByRole('img', { name: /Line chart of utilisation per room/ })).toHaveCount(0);
    // The demo's few requests all cover fewer than 5 people: no empty chart, but a line saying why.
    await expect(page.getByText(/^No chart: every figure here covers fewer than 5 people/).last()).toBeVisible();
    await expect(page.getByRole('img', { name: /Bar chart of requests/ })).toHaveCount(0);
    // A hidden figure says so in words ("<5" beside a rate reads as "under 5 %"); a hidden median too, with what is allowed.
    const figures = page.locator('dl.figures');
    await expect(figures).not.toContainText('<5');
    await expect(figures.locator('.figure').filter({ hasText: 'Median hours to decision' }).locator('dd')).toHaveText(/^Hiddenfewer than 5 people; allowed [\d.]+$/);
    await expect(page.getByRole('img', { name: /Heatmap of occupancy/ })).toBeVisible();
    await checkBothWidths(page);

    // Filters: a site and a shorter range; every figure follows the URL.
    await page.getByLabel('From').fill(daysAgo(13));
    await page.getByLabel('To').fill(today);
    await page.getByLabel('Site').selectOption({ label: 'Hudson Yards' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/siteId=[0-9a-f-]{36}/);
    await expect(page.getByText(new RegExp(`Hudson Yards, ${dateLabel(daysAgo(13))} to ${dateLabel(today)}`))).toBeVisible();
    // Dates read as on every other page, never ISO.
    await expect(page.locator('header.page-header')).not.toContainText(daysAgo(13));
    await expect(page.getByRole('table', { name: 'Utilisation per room and day' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Utilisation per room and day' })).toContainText('Wellness Room 3');
    // Its box is shorter than its rows: a line says it scrolls, and the column names stay in view.
    const daily = page.locator('.report-table').filter({ has: page.getByRole('table', { name: 'Utilisation per room and day' }) });
    await expect(daily.getByText(/^Scroll inside the table to see every row/)).toBeVisible();
    await daily.getByRole('region').scrollIntoViewIfNeeded();
    await daily.getByRole('region').evaluate((el) => el.scrollBy(0, 300));
    await expect(daily.getByRole('columnheader').first()).toBeInViewport();
    // The key figures are short and read at a glance: shown whole, with no box to scroll.
    const key = page.locator('.report-table').filter({ has: page.getByRole('table', { name: 'Key figures' }) });
    await expect(key.getByRole('row').last()).toBeVisible();
    await expect(key.getByText(/^Scroll inside the table/)).toHaveCount(0);
    await checkBothWidths(page);
    await page.screenshot({ path: 'test-results/screens/reports-1280.png', fullPage: true });
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: 'test-results/screens/reports-390.png', fullPage: true });
    await page.setViewportSize(DESKTOP);

    // A bad range: a clear message, and the default range instead.
    await page.goto('/hr/reports?from=2026-02-30&to=2026-03-01');
    await expect(page.getByRole('alert').filter({ hasText: 'That date does not exist.' })).toBeVisible();

    // Export a table: the CSV has the table and no names or emails.
    await page.goto(`/hr/reports?from=${daysAgo(13)}&to=${today}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export “Key figures” as CSV' }).click()]);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('Figure,Value,What it means');
    expect(csv).toContain('Utilisation,');
    expect(csv).not.toMatch(/Amara|Okafor|Beth|Lindqvist|Dana|Morales|Chen Wei|Helen|Reyes|Sam Patel|@example\.com/i);
    const heat = await ctx.request.get(`/hr/reports/export?table=heatmap&from=${daysAgo(13)}&to=${today}`);
    expect(heat.status()).toBe(200);
    expect(heat.headers()['content-type']).toContain('text/csv');
    expect(await heat.text()).not.toMatch(/Amara|Okafor|Beth|Lindqvist|Dana|Morales|Chen Wei|Helen|Reyes|Sam Patel|@example\.com/i);

    // The printed summary: key figures, no navigation, filters or charts.
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.topbar')).toBeHidden();
    await expect(page.getByRole('form', { name: 'Report filters' })).toBeHidden();
    await expect(page.getByRole('heading', { name: 'Key figures' })).toBeVisible();
    await expect(page.getByRole('img', { name: /Line chart of utilisation/ })).toBeHidden();
    await page.screenshot({ path: 'test-results/screens/reports-print.png', fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    // Compliance.
    await page.getByRole('link', { name: 'Compliance', exact: true }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Compliance' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Room checklists' })).toContainText('Wellness Room 3');
    await expect(page.getByRole('heading', { name: 'Simultaneous need' })).toBeVisible();
    await expect(page.getByText(/Fewer than 5 people had a request decided in this range, so these figures are hidden/)).toBeVisible();
    await checkBothWidths(page);
    await page.screenshot({ path: 'test-results/screens/compliance-1280.png', fullPage: true });
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: 'test-results/screens/compliance-390.png', fullPage: true });
  } finally {
    await ctx.close();
  }
});

test('an employee gets 403 on every report page and export', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: PHONE });
  try {
    await signInAs(ctx, 'amara@example.com');
    const page = await ctx.newPage();
    for (const path of ['/hr/reports', '/hr/compliance']) expect((await page.goto(path))?.status(), path).toBe(403);
    for (const table of ['key', 'utilisation', 'heatmap', 'requests', 'checklist', 'needs']) {
      const res = await ctx.request.get(`/hr/reports/export?table=${table}&from=${daysAgo(13)}&to=${today}`);
      expect(res.status(), table).toBe(403);
      expect(await res.text()).not.toMatch(/Figure|Weekday|Room/);
    }
  } finally {
    await ctx.close();
  }
});
