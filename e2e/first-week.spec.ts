import { expect, test, type BrowserContext } from '@playwright/test';
import { apiBook, checkBothWidths, dateLabel, DESKTOP, openDayAhead, PHONE, roomIdByName, serverNow, signedIn, thisMinute } from './fixtures';

// A newcomer's first week: each test here is one defect a first-week walk found (issue #17's numbered items).

const FROM = openDayAhead(7);

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
    const minute = thisMinute();
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

/** Cancels her live bookings in a room over the next hours, through the API. */
async function cancelMineIn(ctx: BrowserContext, roomId: string) {
  const from = new Date(serverNow().getTime() - 3_600_000).toISOString();
  const to = new Date(serverNow().getTime() + 3 * 3_600_000).toISOString();
  const mine = (await (await ctx.request.get(`/api/v1/bookings?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`)).json()) as { id: string; roomId: string; status: string }[];
  for (const b of mine.filter((x) => x.roomId === roomId && x.status === 'booked')) await ctx.request.delete(`/api/v1/bookings/${b.id}`);
}

test('#7 after Book now the room cards keep their place', async ({ browser }) => {
  const ctx = await signedIn(browser, 'amara@example.com');
  try {
    const quiet = await roomIdByName(ctx, 'Quiet Room 12B');
    const home = await ctx.newPage();
    await home.goto('/');
    const titles = () => home.getByRole('article').getByRole('heading').allInnerTexts();
    const before = await titles();
    expect(before.length).toBeGreaterThan(2);
    const card = home.getByRole('article').filter({ has: home.getByRole('heading', { name: 'Quiet Room 12B' }) });
    await expect(card.getByText(/Free now until/)).toBeVisible();
    await card.getByRole('button', { name: 'Book now in Quiet Room 12B' }).click();
    await expect(card.getByRole('status')).toContainText(/Booked Quiet Room 12B until \d\d:\d\d\./);
    // The page has taken in the booking (the room is no longer free now) and nothing moved.
    await expect(card.getByText(/Free now until/)).toHaveCount(0);
    expect(await titles()).toEqual(before);
    await cancelMineIn(ctx, quiet);
  } finally {
    await ctx.close();
  }
});

test('#10 HR and admins land on their own overview; their menu says whose requests are whose', async ({ browser }) => {
  const hrCtx = await signedIn(browser, 'hr@example.com', DESKTOP);
  const adminCtx = await signedIn(browser, 'admin@example.com', DESKTOP);
  try {
    const hr = await hrCtx.newPage();
    await hr.goto('/');
    await expect(hr).toHaveURL(/\/hr$/);
    await expect(hr.getByRole('heading', { level: 1, name: 'HR overview' })).toBeVisible();
    await expect(hr.getByRole('heading', { name: /^Hello/ })).toHaveCount(0);
    const nav = hr.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'My requests', exact: true })).toHaveAttribute('href', '/requests');
    await expect(nav.getByRole('link', { name: 'Requests to answer', exact: true })).toHaveAttribute('href', '/hr/requests');
    await expect(nav.getByRole('link', { name: 'Requests', exact: true })).toHaveCount(0);
    await expect(nav.getByRole('link', { name: 'Request queue', exact: true })).toHaveCount(0);
    // Her own home, to book for herself, is a click away.
    await nav.getByRole('link', { name: 'My home', exact: true }).click();
    await expect(hr.getByRole('heading', { level: 1, name: 'Hello, Helen' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'My home', exact: true })).toHaveAttribute('aria-current', 'page');
    await checkBothWidths(hr, 'hr-my-home');

    const admin = await adminCtx.newPage();
    await admin.goto('/');
    await expect(admin).toHaveURL(/\/admin$/);
  } finally {
    await hrCtx.close();
    await adminCtx.close();
  }
});

test('#9 My bookings after a two-week plan: one heading a day, the plan folded, and check-out instead of Move and Cancel once checked in', async ({ browser }) => {
  test.slow();
  const ctx = await signedIn(browser, 'chen@example.com');
  try {
    // A plan at Chen's own site (London), two weeks from the day after tomorrow (New York's weekdays, so never a weekend).
    const first = openDayAhead(2);
    const last = new Date(Date.parse(`${first}T12:00:00Z`) + 13 * 86_400_000).toISOString().slice(0, 10);
    const page = await ctx.newPage();
    await page.goto('/plans/new');
    await page.getByRole('button', { name: 'Remove break 3' }).click();
    await page.getByLabel('Break 1', { exact: true }).fill('10:00');
    await page.getByLabel('Break 2', { exact: true }).fill('14:00');
    await page.getByLabel('First day').fill(first);
    await page.getByLabel('Last day').fill(last);
    await page.getByLabel('Preferred room').selectOption({ label: 'Nursing Room 2' });
    await page.getByLabel('Fallback 1').selectOption({ label: 'Calm Room 5' });
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Preview:' })).toBeVisible();
    await page.getByRole('button', { name: 'Confirm and book' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Plan created:' })).toContainText('20 breaks booked');
    // #8: its summary gives dates as every page does, never ISO.
    await expect(page.getByRole('status').filter({ hasText: 'Plan created:' })).toContainText(/through [A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2,3} \d{4}\./);
    await expect(page.getByRole('status').filter({ hasText: 'Plan created:' })).not.toContainText(/\d{4}-\d{2}-\d{2}/);

    // And a break under way in New York's round-the-clock room, checked in at the door.
    const quiet = await roomIdByName(ctx, 'Quiet Room 12B');
    const minute = thisMinute();
    expect((await apiBook(ctx, quiet, minute.toISOString(), new Date(minute.getTime() + 30 * 60_000).toISOString())).status()).toBe(201);
    await page.goto(`/r/${quiet}`);
    await page.getByRole('button', { name: 'Check in' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Checked in.' })).toBeVisible();

    await page.setViewportSize(PHONE);
    await page.goto('/bookings');
    // One heading a day; the plan's later breaks folded into one line.
    await expect(page.getByRole('region', { name: dateLabel(first) })).toBeVisible();
    const fold = page.locator('details.plan-fold');
    await expect(fold.locator('summary')).toHaveText(/^\d+ more breaks from your plans, .+ to .+$/);
    await expect(fold).not.toHaveAttribute('open', '');
    expect(await page.locator('li.card:visible').count()).toBeLessThanOrEqual(8);
    // "Check-in opens at …" at most once: for her next booking, not on every card.
    expect(await page.getByText(/Check-in opens at/).count()).toBeLessThanOrEqual(1);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThan(2500);
    await checkBothWidths(page, 'my-bookings');
    await page.setViewportSize(PHONE);
    // Opened, the fold shows every break, a day at a time.
    await fold.locator('summary').click();
    await expect(fold.getByRole('region', { name: dateLabel(last) })).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/my-bookings-open-390.png', fullPage: true });

    // Checked in: no Move or Cancel, but check-out.
    const inRoom = page.getByRole('listitem').filter({ hasText: 'Quiet Room 12B' });
    await expect(inRoom.getByText('Checked in', { exact: true })).toBeVisible();
    await expect(inRoom.getByRole('button', { name: 'Move' })).toHaveCount(0);
    await expect(inRoom.getByRole('button', { name: 'Cancel booking' })).toHaveCount(0);
    await inRoom.getByRole('button', { name: 'Check out early' }).click();
    await expect(inRoom.getByRole('status').filter({ hasText: 'Checked out.' })).toBeVisible();
    // Put the room back for the journeys that follow: the finished break still holds its station
    // up to the minute it ended (plus the site's buffer), and the no-show journey needs it free now.
    await cancelMineIn(ctx, quiet);
  } finally {
    await ctx.close();
  }
});

test('#8 one date style and 24-hour time fields that match their hints', async ({ browser }) => {
  const ctx = await signedIn(browser, 'amara@example.com', DESKTOP);
  try {
    const day = openDayAhead(3);
    const room = await roomIdByName(ctx, 'Wellness Room 3');
    const page = await ctx.newPage();
    await page.goto(`/rooms/${room}?date=${day}&view=day`);
    // The calendar's toolbar writes the day as the rest of Nook does ("Wed 2 Dec 2026"), not "Wednesday Dec 02".
    const label = page.locator('.rbc-toolbar-label');
    await expect(label).toHaveText(new RegExp(`^${dateLabel(day)}$|^[A-Z][a-z]{2} \\d{1,2} [A-Z][a-z]{2,3} \\d{4} to [A-Z][a-z]{2} \\d{1,2} [A-Z][a-z]{2,3} \\d{4}$`));
    // Times are typed as 24-hour hh:mm: no browser 12-hour field ("08:15 AM") beside a 24-hour hint.
    const start = page.getByLabel('Start', { exact: true });
    await expect(start).toHaveAttribute('type', 'text');
    await expect(start).toHaveAttribute('inputmode', 'numeric');
    await page.goto('/requests/new');
    await page.getByRole('radio', { name: /Shifted hours/ }).check();
    const shift = page.getByLabel('Start work at');
    await expect(shift).toHaveAttribute('type', 'text');
    await expect(page.getByText('24-hour time, such as 07:30.')).toBeVisible();
    await shift.fill('07:30');
    await expect(shift).toHaveValue('07:30');
    await page.goto('/plans/new');
    await expect(page.getByLabel('Break 1', { exact: true })).toHaveAttribute('type', 'text');
    await expect(page.locator('input[type="time"]')).toHaveCount(0);
    await checkBothWidths(page, 'plan-new');
  } finally {
    await ctx.close();
  }
});
