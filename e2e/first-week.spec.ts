import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { apiBook, DESKTOP, expectAccessible, expectNoHorizontalScroll, nextWeekday, PHONE, roomIdByName, signInAs } from './fixtures';

// A newcomer's first week: each test here is one defect a first-week walk found (issue #17's numbered items).

const FROM = nextWeekday(7);

async function checkBothWidths(page: Page, name?: string) {
  await page.setViewportSize(PHONE);
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  if (name) await page.screenshot({ path: `test-results/screens/${name}-390.png`, fullPage: true });
  await page.setViewportSize(DESKTOP);
  await expectAccessible(page);
  if (name) await page.screenshot({ path: `test-results/screens/${name}-1280.png`, fullPage: true });
}

async function signedIn(browser: import('@playwright/test').Browser, email: string, viewport = PHONE): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport });
  await signInAs(ctx, email);
  return ctx;
}

/** `below` starts at least 8 px under the end of `above`: they do not touch. */
async function expectApart(above: import('@playwright/test').Locator, below: import('@playwright/test').Locator) {
  const a = (await above.boundingBox())!;
  const b = (await below.boundingBox())!;
  expect(b.y - (a.y + a.height)).toBeGreaterThanOrEqual(8);
}

async function unreadCount(ctx: BrowserContext): Promise<number> {
  const body = (await (await ctx.request.get('/api/v1/notifications')).json()) as { unread: number };
  return body.unread;
}

test('#1 the door page tells the person whose booking fills the room that it is hers, with check-in', async ({ browser }) => {
  const amaraCtx = await signedIn(browser, 'amara@example.com');
  try {
    const quiet = await roomIdByName(amaraCtx, 'Quiet Room 12B'); // one station, open around the clock
    const minute = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const res = await apiBook(amaraCtx, quiet, minute.toISOString(), new Date(minute.getTime() + 30 * 60_000).toISOString());
    expect(res.status()).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const door = await amaraCtx.newPage();
    await door.goto(`/r/${quiet}`);
    const now = door.getByRole('region', { name: 'Right now' });
    await expect(now).toContainText(/Yours\s*Your booking holds Station 1 until \d\d:\d\d\./);
    await expect(now).not.toContainText('Every station is taken');
    await expect(now).not.toContainText('Reserved');
    await expect(now.getByRole('button', { name: 'Check in' })).toBeVisible();
    await checkBothWidths(door, 'door-own');
    await now.getByRole('button', { name: 'Check in' }).click();
    await expect(now.getByRole('status').filter({ hasText: 'Checked in.' })).toBeVisible();
    await door.reload();
    await expect(door.getByRole('region', { name: 'Right now' }).getByRole('button', { name: 'Check out early' })).toBeVisible();
    expect((await amaraCtx.request.delete(`/api/v1/bookings/${id}`)).status()).toBeLessThan(300);
  } finally {
    await amaraCtx.close();
  }
});

test('#3 #4 #5 a decided request: no stale "Submitted" banner, the deadline kept, no stray separator, and opening the notice reads it', async ({ browser }) => {
  const danaCtx = await signedIn(browser, 'dana@example.com');
  const hrCtx = await signedIn(browser, 'hr@example.com', DESKTOP);
  try {
    const dana = await danaCtx.newPage();
    await dana.goto('/requests/new');
    await dana.getByRole('radio', { name: /Remote days/ }).check();
    await dana.getByLabel('Wednesday').check();
    await dana.getByLabel('From', { exact: true }).fill(FROM);
    await dana.getByRole('button', { name: 'Submit to HR' }).click();
    await expect(dana).toHaveURL(/\/requests\/[0-9a-f-]{36}\?saved=submitted$/);
    const savedUrl = dana.url();
    const requestPath = new URL(savedUrl).pathname;
    await expect(dana.getByText('Submitted. HR will answer by the deadline shown.')).toBeVisible();

    const hr = await hrCtx.newPage();
    await hr.goto(`/hr${requestPath}`);
    await hr.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(hr.getByText('Approved by Helen Reyes')).toBeVisible();
    // #4: the line under the title ends with what it says, not with a separator.
    await hr.reload();
    const subline = hr.locator('header.page-header p');
    await expect(subline).toContainText(/Answered on time: due by the end of \w{3} \d{1,2} \w{3}/);
    expect((await subline.innerText()).trim()).not.toMatch(/·$/);
    // #13: the decision's line keeps its distance from the button under it.
    await expectApart(hr.getByText(/^Approved by Helen Reyes on/), hr.getByRole('link', { name: 'Written answer (printable)' }));
    await checkBothWidths(hr, 'hr-request-decided');

    // #3: the banner belongs to the moment she submitted; reloaded after HR decided, it is gone and the deadline stays.
    await dana.goto(savedUrl);
    await expect(dana.getByRole('heading', { level: 1 })).toContainText('Approved');
    await expect(dana.getByText('Submitted. HR will answer by the deadline shown.')).toHaveCount(0);
    await expect(dana.getByText(/Answered on time: due by the end of/)).toBeVisible();
    await expectApart(dana.getByText(/^Approved by Helen Reyes on/), dana.getByRole('link', { name: 'Open the written answer to print' }));
    await checkBothWidths(dana, 'request-decided');

    // #5: opening the notice marks it read; no "Mark as read" needed.
    const before = await unreadCount(danaCtx);
    expect(before).toBeGreaterThan(0);
    await dana.goto('/notifications');
    const item = dana.getByRole('listitem').filter({ has: dana.getByRole('link', { name: 'Your schedule request was approved.' }) }).first();
    await expect(item).toHaveClass(/unread/);
    await item.getByRole('link').first().click();
    await expect(dana).toHaveURL(/\/requests\/[0-9a-f-]{36}$/);
    await expect.poll(() => unreadCount(danaCtx)).toBe(before - 1);
    await expect(dana.getByRole('link', { name: new RegExp(`Notifications${before - 1 > 0 ? ` \\(${before - 1} unread\\)` : '$'}`) })).toBeVisible();
  } finally {
    await danaCtx.close();
    await hrCtx.close();
  }
});

test('#6 #12 compliance counts an out-of-service room as meeting nothing, and shows every checklist row at 1280 px', async ({ browser }) => {
  const hrCtx = await signedIn(browser, 'hr@example.com', DESKTOP);
  try {
    const page = await hrCtx.newPage();
    await page.goto('/hr/compliance');
    await expect(page.getByText("Every room meets its site's checklist.")).toHaveCount(0);
    await expect(page.getByRole('listitem').filter({ hasText: 'Room 21A' })).toContainText('out of service: The door lock is being replaced.');
    const table = page.getByRole('table', { name: 'Room checklists' });
    const row = table.getByRole('row').filter({ hasText: 'Room 21A' });
    await expect(row).toContainText('Out of service: The door lock is being replaced.');
    await expect(row).not.toContainText('Yes (');
    // Every room's row in view, with no inner box to scroll.
    const box = page.locator('.report-table').filter({ has: table }).getByRole('region', { name: 'Room checklists' });
    const { scroll, client } = await box.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
    expect(scroll).toBeLessThanOrEqual(client + 1);
    await expect(table.getByRole('row')).toHaveCount(7); // the header and six rooms
    await expect(page.locator('.report-table').filter({ has: table }).getByText(/^Scroll inside the table/)).toHaveCount(0);
    await checkBothWidths(page, 'compliance');
  } finally {
    await hrCtx.close();
  }
});

test('#13 a field that cannot be changed does not look editable', async ({ browser }) => {
  const ctx = await signedIn(browser, 'beth@example.com');
  try {
    const page = await ctx.newPage();
    await page.goto('/settings');
    await page.getByRole('radio', { name: /Neutral/ }).check();
    const title = page.getByLabel('Your title');
    await expect(title).toBeDisabled();
    const look = await title.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(look).not.toBe('rgb(255, 255, 255)');
    await page.getByRole('radio', { name: 'My own title' }).check();
    await expect(title).toBeEnabled();
    expect(await title.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 255, 255)');
    await checkBothWidths(page, 'settings');
  } finally {
    await ctx.close();
  }
});
