import { type Page, expect, test } from '@playwright/test';
import { DESKTOP, checkBothWidths, expectAccessible, nyToday, signInAs } from './fixtures';

async function siteId(page: Page, name: string) {
  const sites = (await (await page.request.get('/api/v1/sites')).json()) as { id: string; name: string }[];
  return sites.find((s) => s.name === name)!.id;
}

test('an admin sets a site’s jurisdiction, and the compliance page shows the rules in force there with their sources and the next change', async ({ browser }) => {
  const adminCtx = await browser.newContext({ viewport: DESKTOP });
  const hrCtx = await browser.newContext({ viewport: DESKTOP });
  try {
    await signInAs(adminCtx, 'admin@example.com');
    await signInAs(hrCtx, 'hr@example.com');
    const admin = await adminCtx.newPage();
    const hr = await hrCtx.newPage();

    // Until an admin chooses, Hudson Yards is read as New York City from its time zone.
    await hr.goto('/hr/compliance');
    const law = hr.getByRole('region', { name: 'The law at each site' });
    const hudson = law.locator('.card').filter({ has: hr.getByRole('heading', { name: /^Hudson Yards/ }) });
    await expect(hudson.getByRole('heading')).toHaveText('Hudson Yards: New York City (guessed from its time zone)');
    await expect(hudson).toContainText('3 years after the birth');
    await expect(hudson).toContainText('The first 30 minutes of each break paid');
    await expect(hudson).toContainText('Within 5 business days');
    await expect(hudson).toContainText('posted at the workplace and on the intranet');
    await expect(hudson.getByRole('link', { name: /NYC Human Rights Law §8-107\(22\) as amended by Local Law 109 of 2024/ })).toHaveAttribute('href', /legistar\.council\.nyc\.gov/);
    await expect(hudson).toContainText('No change ahead that Nook knows of.');

    // The admin says the site is in Washington: the rules change, and so does what comes next.
    const id = await siteId(admin, 'Hudson Yards');
    await admin.goto(`/admin/sites/${id}`);
    await admin.getByLabel('Jurisdiction').selectOption({ label: 'Washington' });
    await admin.getByRole('button', { name: 'Save site' }).click();
    await expect(admin.getByRole('status').filter({ hasText: 'Site saved.' })).toBeVisible();
    await expectAccessible(admin);

    await hr.reload();
    await expect(hudson.getByRole('heading')).toHaveText('Hudson Yards: Washington');
    await expect(hudson).toContainText('2 years after the birth');
    // The server runs on the real clock: which side of Washington's change today is decides what it shows.
    if (nyToday() < '2027-01-01') {
      await expect(hudson).toContainText('Unpaid');
      await expect(hudson).toContainText('Next change, Friday, 1 January 2027: Breaks paid at her regular rate, including the time to get to the room');
    } else {
      await expect(hudson).toContainText('Paid at her regular rate, including the time to get to the room');
    }
    await checkBothWidths(hr, 'compliance-law');

    // Back to the guess, for the journeys that follow.
    await admin.getByLabel('Jurisdiction').selectOption({ index: 0 });
    await admin.getByRole('button', { name: 'Save site' }).click();
    await expect(admin.getByRole('status').filter({ hasText: 'Site saved.' })).toBeVisible();
  } finally {
    await adminCtx.close();
    await hrCtx.close();
  }
});
