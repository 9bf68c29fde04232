import { expect, test, type Page } from '@playwright/test';
import { dateLabel, DESKTOP, expectAccessible, expectNoHorizontalScroll, openDayAhead, PHONE, signInAs } from './fixtures';

const FROM = openDayAhead(7);

/** Axe at phone and desktop width, and nothing wider than the phone. */
async function checkBothWidths(page: Page) {
  await page.setViewportSize(PHONE);
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await page.setViewportSize(DESKTOP);
  await expectAccessible(page);
}

test('amara asks for a break pattern, HR asks for a change, she updates it, HR approves, and she is told', async ({ browser }) => {
  const amaraCtx = await browser.newContext({ viewport: PHONE });
  const hrCtx = await browser.newContext({ viewport: DESKTOP });
  const bethCtx = await browser.newContext({ viewport: PHONE });
  try {
    await signInAs(amaraCtx, 'amara@example.com');
    await signInAs(hrCtx, 'hr@example.com');
    await signInAs(bethCtx, 'beth@example.com');
    const amara = await amaraCtx.newPage();

    // — Amara asks —
    await amara.goto('/requests');
    await expect(amara.getByRole('heading', { level: 1, name: 'My requests' })).toBeVisible();
    await checkBothWidths(amara);
    await amara.getByRole('link', { name: 'New request' }).click();
    await expect(amara.getByRole('heading', { level: 1, name: 'New request' })).toBeVisible();
    await expect(amara.getByText('HR reads this note.')).toBeVisible();
    await checkBothWidths(amara);
    await amara.setViewportSize(PHONE);

    await amara.getByRole('radio', { name: /Break pattern/ }).check();
    await amara.getByLabel('Breaks a day', { exact: true }).fill('');
    await amara.getByLabel('Window 1 from').fill('10:00');
    await amara.getByLabel('Window 1 until').fill('09:00');
    await amara.getByRole('button', { name: 'Submit to HR' }).click();
    // Clear errors beside each field; nothing was saved.
    await expect(amara.getByText('Enter how many breaks a day.')).toBeVisible();
    await expect(amara.getByText('Window 1 must end after it starts.')).toBeVisible();
    await expect(amara).toHaveURL(/\/requests\/new$/);
    await expectAccessible(amara);

    await amara.getByLabel('Breaks a day', { exact: true }).fill('3');
    await amara.getByLabel('Length of each break (minutes)').fill('30');
    await amara.getByLabel('Window 1 until').fill('10:45');
    await amara.getByLabel('Window 2 from').fill('13:00');
    await amara.getByLabel('Window 2 until').fill('13:45');
    await amara.getByLabel('From', { exact: true }).fill(FROM);
    await amara.getByLabel('Note to HR (optional)').fill('Back from leave; mornings are hardest.');
    await amara.getByRole('button', { name: 'Submit to HR' }).click();
    await expect(amara).toHaveURL(/\/requests\/[0-9a-f-]{36}\?saved=submitted$/);
    const requestUrl = new URL(amara.url()).pathname;
    const requestId = requestUrl.split('/').pop()!;
    await expect(amara.getByRole('heading', { level: 1 })).toContainText('Waiting for HR');
    await expect(amara.getByText(/Answer due by the end of/)).toBeVisible();
    await checkBothWidths(amara);

    // Nobody else sees it.
    const beth = await bethCtx.newPage();
    expect((await beth.goto(requestUrl))!.status()).toBe(404);
    expect((await beth.goto(`${requestUrl}/answer`))!.status()).toBe(404);

    // — HR sees it in the queue with its deadline, and asks for a change —
    const hr = await hrCtx.newPage();
    await hr.goto('/hr/requests');
    await expect(hr.getByRole('heading', { level: 1, name: 'Requests to answer' })).toBeVisible();
    const row = hr.getByRole('row').filter({ has: hr.getByRole('link', { name: 'Amara Okafor' }) });
    await expect(row).toContainText('Break pattern');
    await expect(row).toContainText('Answer due by the end of');
    // The seeded requests wait too: Dana's, and Beth's, which is past its deadline and stands out.
    await expect(hr.getByRole('link', { name: 'Dana Morales' })).toBeVisible();
    await expect(hr.getByRole('status').filter({ hasText: 'past its deadline' })).toHaveText('1 request is past its deadline.');
    const late = hr.getByRole('row').filter({ has: hr.getByRole('link', { name: 'Beth Lindqvist' }) });
    await expect(late).toContainText('Overdue: answer was due by the end of');
    await expect(late).toHaveClass('overdue');
    // Soonest deadline first: the overdue one heads the queue.
    await expect(hr.getByRole('row').nth(1)).toContainText('Beth Lindqvist');
    await checkBothWidths(hr);
    await row.getByRole('link', { name: 'Amara Okafor' }).click();
    await expect(hr).toHaveURL(new RegExp(`/hr/requests/${requestId}$`));
    await expect(hr.getByText('3 breaks a day of 30 minutes, preferably 10:00–10:45, 13:00–13:45')).toBeVisible();
    await checkBothWidths(hr);

    await hr.getByLabel('Internal note', { exact: true }).fill('Checked with her manager: mornings are fine.');
    await hr.getByRole('button', { name: 'Add note' }).click();
    await expect(hr.getByText('Checked with her manager: mornings are fine.').first()).toBeVisible();

    await hr.getByRole('button', { name: 'Ask for changes' }).click();
    await expect(hr.getByText('Say what the employee should change.')).toBeVisible();
    await hr.getByLabel('What should change?').fill('Could the afternoon window start at 14:00? The room is busy at 13:00.');
    await hr.getByRole('button', { name: 'Ask for changes' }).click();
    await expect(hr.getByRole('heading', { level: 1 })).toContainText('Changes requested');

    // — Amara updates it —
    await amara.goto(requestUrl);
    await expect(amara.getByRole('heading', { level: 1 })).toContainText('Changes requested');
    await expect(amara.getByText('Could the afternoon window start at 14:00?').first()).toBeVisible();
    // HR's internal note never reaches her.
    await expect(amara.getByText('Checked with her manager')).toHaveCount(0);
    await checkBothWidths(amara);
    await amara.setViewportSize(PHONE);
    await amara.getByLabel('Window 2 from').fill('14:00');
    await amara.getByLabel('Window 2 until').fill('14:45');
    await amara.getByRole('button', { name: 'Send changes to HR' }).click();
    await expect(amara.getByRole('heading', { level: 1 })).toContainText('Waiting for HR');
    await expect(amara.getByRole('list').filter({ hasText: 'Changes sent to HR' })).toBeVisible();

    // — HR approves; an admin who had the same request open a moment earlier is told it was already decided —
    const adminCtx = await browser.newContext({ viewport: DESKTOP });
    await signInAs(adminCtx, 'admin@example.com');
    const admin = await adminCtx.newPage();
    await admin.goto(`/hr${requestUrl}`);
    await hr.reload();
    await expect(hr.getByText('3 breaks a day of 30 minutes, preferably 10:00–10:45, 14:00–14:45')).toBeVisible();
    await hr.getByLabel('Message to the employee (optional)').fill('Approved. Enjoy your return.');
    await hr.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(hr.getByText('Approved by Helen Reyes')).toBeVisible();
    await admin.getByLabel('Reason for the denial').fill('Not possible.');
    await admin.getByRole('button', { name: 'Deny' }).click();
    await expect(admin.getByRole('status').filter({ hasText: 'Already decided' })).toContainText(/Already decided: Helen Reyes approved this request on .+ \(Hudson Yards time\)\./);
    await adminCtx.close();

    // — Amara is told, and sees the decision — the count appears on her next page, without a reload.
    await amara.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Requests', exact: true }).click();
    await expect(amara.getByRole('heading', { level: 1, name: 'My requests' })).toBeVisible();
    await expect(amara.getByRole('link', { name: /Notifications/ })).toContainText(/\d+ unread/);
    await amara.getByRole('link', { name: /Notifications/ }).click();
    await expect(amara.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
    await expect(amara.getByRole('link', { name: 'Your schedule request was approved.' })).toBeVisible();
    await expect(amara.getByRole('link', { name: 'HR asked for changes to your schedule request.' })).toBeVisible();
    await checkBothWidths(amara);
    await amara.setViewportSize(PHONE);
    await amara.getByRole('link', { name: 'Your schedule request was approved.' }).click();
    await expect(amara.getByRole('heading', { level: 1 })).toContainText('Approved');
    await expect(amara.getByText('Approved. Enjoy your return.').first()).toBeVisible();
    await expect(amara.getByText('Approved pattern:')).toBeVisible();
    await expect(amara.getByRole('link', { name: 'Create a pump plan from this' })).toHaveAttribute('href', `/plans/new?request=${requestId}`);
    await checkBothWidths(amara);
    // One click opens a pump plan filled in from the approved pattern: its windows' starts, and a third break between them.
    await amara.getByRole('link', { name: 'Create a pump plan from this' }).click();
    await expect(amara.getByRole('status').filter({ hasText: 'Filled in from your approved request: 3 breaks of 30 minutes' })).toBeVisible();
    await expect(amara.getByLabel('Break 1', { exact: true })).toHaveValue('10:00');
    await expect(amara.getByLabel('Break 2', { exact: true })).toHaveValue('12:30');
    await expect(amara.getByLabel('Break 3', { exact: true })).toHaveValue('14:00');
    await expect(amara.getByLabel('Minutes per break')).toHaveValue('30');
    // Someone else following her link gets an empty form, not her request.
    const bethPlan = await (await browser.newContext()).newPage();
    await signInAs(bethPlan.context(), 'beth@example.com');
    await bethPlan.goto(`/plans/new?request=${requestId}`);
    await expect(bethPlan.getByRole('heading', { name: 'New pump plan' })).toBeVisible();
    await expect(bethPlan.getByText('Filled in from your approved request')).toHaveCount(0);
    await bethPlan.context().close();

    await amara.goto('/notifications');
    await amara.getByRole('button', { name: 'Mark all as read' }).click();
    await expect(amara.getByText('You are all caught up.')).toBeVisible();
    await expect(amara.getByRole('link', { name: /Notifications/ })).not.toContainText(/\d/);
  } finally {
    await amaraCtx.close();
    await hrCtx.close();
    await bethCtx.close();
  }
});

test('HR denies a request with a written reason, and amara can print the written answer', async ({ browser }) => {
  const amaraCtx = await browser.newContext({ viewport: PHONE });
  const hrCtx = await browser.newContext({ viewport: DESKTOP });
  const adminCtx = await browser.newContext({ viewport: DESKTOP });
  try {
    await signInAs(amaraCtx, 'amara@example.com');
    await signInAs(hrCtx, 'hr@example.com');
    await signInAs(adminCtx, 'admin@example.com');
    const amara = await amaraCtx.newPage();
    await amara.goto('/requests/new');
    await amara.getByRole('radio', { name: /Remote days/ }).check();
    await amara.getByRole('button', { name: 'Save draft' }).click();
    await expect(amara.getByText('Choose at least one day to work remotely.')).toBeVisible();
    await amara.getByLabel('Friday').check();
    await amara.getByLabel('From', { exact: true }).fill(FROM);
    await amara.getByRole('button', { name: 'Save draft' }).click();
    await expect(amara).toHaveURL(/\?saved=draft$/);
    await expect(amara.getByRole('heading', { level: 1 })).toContainText('Draft');
    const requestUrl = new URL(amara.url()).pathname;
    await amara.getByRole('button', { name: 'Submit to HR' }).click();
    await expect(amara.getByRole('heading', { level: 1 })).toContainText('Waiting for HR');

    const hr = await hrCtx.newPage();
    await hr.goto(`/hr${requestUrl}`);
    await hr.getByRole('button', { name: 'Deny' }).click();
    await expect(hr.getByText('Write the reason: it becomes the written answer the employee receives.')).toBeVisible();
    await hr.getByLabel('Reason for the denial').fill('The Friday client desk needs everyone on site; we can revisit in March.');
    await hr.getByRole('button', { name: 'Deny' }).click();
    await expect(hr.getByText('Denied by Helen Reyes')).toBeVisible();
    // The queue's filter finds it among the denied.
    await hr.goto('/hr/requests?status=denied');
    await expect(hr.getByRole('row').filter({ hasText: 'Remote days' }).first()).toContainText('Denied');

    await amara.goto(requestUrl);
    await expect(amara.getByRole('heading', { level: 1 })).toContainText('Denied');
    await amara.getByRole('link', { name: 'Open the written answer to print' }).click();
    await expect(amara.getByRole('heading', { level: 1, name: 'Written answer to a schedule request' })).toBeVisible();
    await expect(amara.getByText('The Friday client desk needs everyone on site; we can revisit in March.')).toBeVisible();
    await expect(amara.getByText('Remote on Friday')).toBeVisible();
    await expect(amara.getByText(`From ${dateLabel(FROM, 'long')}`, { exact: true })).toBeVisible();
    await expect(amara.getByRole('button', { name: 'Print' })).toBeVisible();
    await checkBothWidths(amara);
    // Printed, it is the answer alone: no navigation, no buttons.
    await amara.emulateMedia({ media: 'print' });
    await expect(amara.locator('header.topbar')).toBeHidden();
    await expect(amara.getByRole('button', { name: 'Print' })).toBeHidden();
    await expect(amara.getByText('The Friday client desk needs everyone on site')).toBeVisible();
    await amara.emulateMedia({ media: 'screen' });

    // The mail went to the development outbox, with no health detail in its subject.
    const admin = await adminCtx.newPage();
    await admin.goto('/admin/outbox');
    await expect(admin.getByRole('heading', { level: 2, name: 'Your request has an answer' }).first()).toBeVisible();
    await expect(admin.getByText('Remote')).toHaveCount(0);
    await checkBothWidths(admin);
    expect((await amara.goto('/admin/outbox'))!.status()).toBe(404);
  } finally {
    await amaraCtx.close();
    await hrCtx.close();
    await adminCtx.close();
  }
});

test('an admin sets the reply deadline and the holidays of a site', async ({ browser }) => {
  const adminCtx = await browser.newContext({ viewport: DESKTOP });
  try {
    await signInAs(adminCtx, 'admin@example.com');
    const admin = await adminCtx.newPage();
    await admin.goto('/admin');
    await admin.getByRole('link', { name: 'Hudson Yards' }).first().click();
    const section = admin.getByRole('region', { name: 'Schedule requests' });
    await expect(section.getByText('Thu 26 Nov 2026 · Thanksgiving')).toBeVisible();
    await section.getByLabel('Reply deadline (business days)').fill('40');
    await section.getByRole('button', { name: 'Save deadline' }).click();
    await expect(section.getByText('The reply deadline must be from 1 to 30 business days.').first()).toBeVisible();
    await section.getByLabel('Reply deadline (business days)').fill('5');
    await section.getByRole('button', { name: 'Save deadline' }).click();
    await expect(section.getByText('Saved. Requests submitted from now on are due within 5 business days.')).toBeVisible();
    await section.getByLabel('Holiday date').fill('2027-07-05');
    await section.getByLabel('Holiday name').fill('Independence Day (observed)');
    await section.getByRole('button', { name: 'Add holiday' }).click();
    await expect(section.getByText('Mon 5 Jul 2027 · Independence Day (observed)')).toBeVisible();
    await checkBothWidths(admin);
    await section.getByRole('button', { name: 'Remove Independence Day (observed)' }).click();
    await expect(section.getByText('Mon 5 Jul 2027 · Independence Day (observed)')).toHaveCount(0);
  } finally {
    await adminCtx.close();
  }
});
