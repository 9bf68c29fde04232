import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { PHONE, apiBook, checkBothWidths, expectAccessible, nyInstant, openDayAhead, roomIdByName } from './fixtures';
import { changeAccount, freshSignIn } from './oidc-fixtures';

// Her data, through the real provider (playwright.oidc.config.ts): a person the provider
// knows signs in for the first time, downloads everything Nook holds about her, asks for it
// to be erased; an admin confirms; her next sign-in starts a new account.

test('she downloads her data, asks for its erasure, an admin confirms, and her next sign-in starts afresh', async ({ browser }) => {
  test.slow();
  await changeAccount('noor', { sub: 'sub-noor', style: 'userinfo', email: 'noor@acme.test', name: 'Noor Haddad', groups: ['Everyone'] });
  const noor = await freshSignIn(browser, 'noor');
  await noor.page.setViewportSize(PHONE);
  const day = openDayAhead();
  const parents = await roomIdByName(noor.context, "Parents' Room 7");
  expect((await apiBook(noor.context, parents, nyInstant(day, '11:00'), nyInstant(day, '11:30'))).status()).toBe(201);

  // Settings > Your data: a copy first.
  await noor.page.goto('/settings');
  const yours = noor.page.getByRole('region', { name: 'Your data' });
  await expect(yours).toContainText('Only you can download it, for 7 days.');
  await yours.getByRole('button', { name: 'Download my data' }).click();
  await expect(yours.getByRole('alert').filter({ hasText: 'Your archive' })).toHaveText('Your archive is ready to download. The link works for 7 days.');
  await expect(yours.getByRole('link', { name: 'Download your archive' })).toBeVisible();
  await checkBothWidths(noor.page, 'your-data-ready');
  const [download] = await Promise.all([noor.page.waitForEvent('download'), yours.getByRole('link', { name: 'Download your archive' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^nook-data-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = unzipSync(new Uint8Array(fs.readFileSync(await download.path())));
  expect(Object.keys(files).sort()).toEqual(['README.txt', 'bookings.ics', 'nook-data.json']);
  const data = JSON.parse(strFromU8(files['nook-data.json']!));
  expect(data.profile).toMatchObject({ name: 'Noor Haddad', email: 'noor@acme.test', identityProviderSubject: 'sub-noor' });
  expect(data.bookings).toEqual([expect.objectContaining({ room: "Parents' Room 7", start: nyInstant(day, '11:00'), status: 'booked' })]);
  expect(strFromU8(files['bookings.ics']!)).toContain('BEGIN:VEVENT');

  // The erasure asks for a ticked box first.
  await yours.getByRole('button', { name: 'Ask to erase my data' }).click();
  await expect(yours.getByRole('alert').filter({ hasText: 'Tick the box' })).toHaveText('Tick the box to confirm that you want your data erased.');
  await yours.getByLabel(/I want Nook to erase my data/).check();
  await yours.getByRole('button', { name: 'Ask to erase my data' }).click();
  await expect(yours.getByText(/HR or an admin will confirm it by the end of \w+day, \d{1,2} \w+ \d{4}; then your account is gone/)).toBeVisible();
  await expect(yours.getByRole('button', { name: 'Withdraw the erasure request' })).toBeVisible();
  await checkBothWidths(noor.page, 'your-data-erasure-asked');

  // An employee cannot open HR's queue; the admin can, and confirms.
  expect((await noor.page.goto('/hr/data-requests'))?.status()).toBe(403);
  const admin = await freshSignIn(browser, 'boss');
  await admin.page.setViewportSize(PHONE);
  await admin.page.goto('/hr/data-requests');
  const card = admin.page.getByRole('listitem').filter({ has: admin.page.getByRole('heading', { name: 'Noor Haddad' }) });
  await expect(card).toContainText('noor@acme.test');
  await expect(card).toContainText(/Answer by the end of \w+day, \d{1,2} \w+ \d{4}\./);
  await checkBothWidths(admin.page, 'hr-data-requests');
  await card.getByRole('button', { name: 'Confirm and erase the data of Noor Haddad' }).click();
  await expect(admin.page.getByRole('status').filter({ hasText: 'Erased. Her account is gone' })).toBeVisible();
  await expect(admin.page.getByRole('heading', { name: 'Noor Haddad' })).toHaveCount(0);
  await expect(admin.page.getByRole('row', { name: /Erasure/ }).filter({ hasText: 'Erased' }).first()).toBeVisible();
  await expect(admin.page.getByRole('main')).not.toContainText('Noor');
  await admin.page.goto('/admin/people');
  await expect(admin.page.getByRole('main')).not.toContainText('Noor Haddad');
  await admin.page.goto('/admin/audit?action=data.erased');
  await expect(admin.page.getByRole('main')).toContainText('data.erased');

  // Her open session is over; signing in again makes a new, empty account.
  await noor.page.goto('/settings');
  await expect(noor.page).toHaveURL(/\/signin/);
  await noor.context.close();
  const again = await freshSignIn(browser, 'noor');
  await again.page.goto('/bookings');
  await expect(again.page.getByRole('main')).not.toContainText("Parents' Room 7");
  await again.page.goto('/settings');
  await expect(again.page.getByRole('region', { name: 'Your data' }).getByRole('button', { name: 'Download my data' })).toBeVisible();
  await expect(again.page.getByText(/You asked on/)).toHaveCount(0);
  await again.context.close();
  await admin.context.close();
});

test('an erasure declined in writing: she reads the reason in Settings and can ask again', async ({ browser }) => {
  await changeAccount('omar', { sub: 'sub-omar', style: 'id_token', email: 'omar@acme.test', email_verified: true, name: 'Omar Said', groups: ['Everyone'] });
  const omar = await freshSignIn(browser, 'omar');
  await omar.page.goto('/settings');
  const yours = omar.page.getByRole('region', { name: 'Your data' });
  await yours.getByLabel(/I want Nook to erase my data/).check();
  await yours.getByRole('button', { name: 'Ask to erase my data' }).click();
  await expect(yours.getByText(/HR or an admin will confirm it by the end of \w+day, \d{1,2} \w+ \d{4}; then your account is gone/)).toBeVisible();

  const admin = await freshSignIn(browser, 'boss');
  await admin.page.goto('/hr/data-requests');
  const card = admin.page.getByRole('listitem').filter({ has: admin.page.getByRole('heading', { name: 'Omar Said' }) });
  await card.getByText('Decline…').click();
  await card.getByRole('button', { name: 'Decline the erasure request of Omar Said' }).click();
  await expect(card.getByRole('alert')).toHaveText('Write the reason: it is the answer she reads.');
  await card.getByLabel('Why it cannot be erased (she reads this)').fill('Your records are part of an open grievance; we can erase them when it closes.');
  await card.getByRole('button', { name: 'Decline the erasure request of Omar Said' }).click();
  await expect(admin.page.getByRole('status').filter({ hasText: 'Declined. She has been told' })).toBeVisible();
  await admin.context.close();

  await omar.page.reload();
  await expect(yours).toContainText('was declined: “Your records are part of an open grievance; we can erase them when it closes.”');
  await expect(yours.getByRole('button', { name: 'Ask to erase my data' })).toBeVisible();
  await expectAccessible(omar.page);
  await omar.context.close();
});
