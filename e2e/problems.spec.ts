import { expect, test } from '@playwright/test';
import { DESKTOP, checkBothWidths, expectAccessible, roomIdByName, signedIn } from './fixtures';

test('a problem reported at the door reaches facilities without her name, is handled, fixed, and she is told', async ({ browser }) => {
  test.slow();
  const amara = await signedIn(browser, 'amara@example.com');
  const admin = await signedIn(browser, 'admin@example.com', DESKTOP);
  const beth = await signedIn(browser, 'beth@example.com');
  try {
    const wellness = await roomIdByName(amara, 'Wellness Room 3');
    const door = await amara.newPage();
    await door.goto(`/r/${wellness}`);
    const report = door.locator('details.problem-report');
    await report.getByText('Something’s wrong with Wellness Room 3?').or(report.getByText("Something's wrong with Wellness Room 3?")).click();
    // Nothing chosen: a clear refusal, nothing sent.
    await report.getByRole('button', { name: 'Tell facilities' }).click();
    await expect(report.getByRole('alert')).toHaveText('Choose what is wrong.');
    await report.getByLabel('What is wrong').selectOption({ label: 'Fridge not working' });
    await report.getByLabel('Anything facilities should know (optional)').fill('The fridge is warm; the light inside is off.');
    await expectAccessible(door);
    await report.getByRole('button', { name: 'Tell facilities' }).click();
    await expect(report.getByRole('status')).toHaveText('Thank you. Facilities have been told; you will get a notice when it is fixed.');
    await checkBothWidths(door, 'door-problem-reported');

    // Someone else finds the same thing from the room's page: it joins the open problem.
    const room = await beth.newPage();
    await room.goto(`/rooms/${wellness}`);
    const again = room.locator('details.problem-report');
    await again.locator('summary').click();
    await again.getByLabel('What is wrong').selectOption({ label: 'Fridge not working' });
    await again.getByRole('button', { name: 'Tell facilities' }).click();
    await expect(again.getByRole('status')).toContainText('Someone already reported this and facilities are on it');

    // Facilities: one card, both reports, the note, and no name.
    const queue = await admin.newPage();
    await queue.goto('/admin/problems');
    const card = queue.getByRole('listitem').filter({ has: queue.getByRole('heading', { name: 'Wellness Room 3: fridge not working' }) });
    await expect(card).toContainText('2 reports');
    await expect(card).toContainText('“The fridge is warm; the light inside is off.”');
    for (const name of ['Amara', 'Beth', 'amara@example.com']) await expect(queue.getByRole('main')).not.toContainText(name);
    await expect(card.getByRole('button', { name: /Take Wellness Room 3 out of service/ })).toHaveCount(0);
    await checkBothWidths(queue, 'admin-problems');
    await card.getByRole('button', { name: "I'm on it Fridge not working in Wellness Room 3" }).click();
    await expect(card).toContainText('Being handled by Sam Patel');

    // The compliance page shows it against the room while it is open.
    const hr = await signedIn(browser, 'hr@example.com', DESKTOP);
    const compliance = await hr.newPage();
    await compliance.goto('/hr/compliance');
    await expect(compliance.getByRole('list', { name: 'Open room problems' })).toContainText('Wellness Room 3 (Hudson Yards): fridge not working, open since');

    await card.getByRole('button', { name: 'Mark fixed Fridge not working in Wellness Room 3' }).click();
    await expect(queue.getByRole('status')).toHaveText('Marked fixed. Whoever reported it has been told.');
    await expect(queue.getByRole('heading', { name: 'Wellness Room 3: fridge not working' })).toHaveCount(0);
    await expect(queue.getByRole('row', { name: /Wellness Room 3/ })).toContainText('Fridge not working');
    await compliance.reload();
    await expect(compliance.getByRole('list', { name: 'Open room problems' })).toHaveCount(0);
    await expect(compliance.getByText(/problems? fixed in this range; the median time from report to fix was/)).toBeVisible();
    await hr.close();

    // Both who reported it are told; the notice names the room and the problem only.
    for (const ctx of [amara, beth]) {
      const notices = await ctx.newPage();
      await notices.goto('/notifications');
      await expect(notices.getByRole('main')).toContainText('Fixed in Wellness Room 3: fridge not working. Thank you for telling us.');
      await notices.close();
    }
  } finally {
    await amara.close();
    await admin.close();
    await beth.close();
  }
});

test('a lock or privacy problem takes the room out of service in one step', async ({ browser }) => {
  const beth = await signedIn(browser, 'beth@example.com');
  const admin = await signedIn(browser, 'admin@example.com', DESKTOP);
  try {
    const calm = await roomIdByName(beth, 'Calm Room 5');
    const door = await beth.newPage();
    await door.goto(`/r/${calm}`);
    const report = door.locator('details.problem-report');
    await report.locator('summary').click();
    await report.getByLabel('What is wrong').selectOption({ label: 'Lock or privacy' });
    await report.getByLabel('Anything facilities should know (optional)').fill('The blind does not close.');
    await report.getByRole('button', { name: 'Tell facilities' }).click();
    await expect(report.getByRole('status')).toContainText('Facilities have been told');

    const queue = await admin.newPage();
    await queue.goto('/admin/problems');
    const card = queue.getByRole('listitem').filter({ has: queue.getByRole('heading', { name: 'Calm Room 5: lock or privacy' }) });
    await card.getByRole('button', { name: 'Take Calm Room 5 out of service' }).click();
    await expect(queue.getByRole('status')).toContainText('The room is out of service.');
    await expect(card).toContainText('The room is out of service.');
    await expect(card).toContainText('Being handled by Sam Patel');

    await door.reload();
    await expect(door.getByRole('region', { name: 'Right now' })).toContainText('Out of service: The lock or privacy needs fixing. Facilities are on it.');

    // Fixed: back in service from the room's page, for the journeys that follow.
    await card.getByRole('link', { name: 'Put Calm Room 5 back in service' }).click();
    await queue.getByRole('radio', { name: 'In service' }).check();
    await queue.getByRole('button', { name: 'Save room' }).click();
    await expect(queue.getByRole('status').filter({ hasText: 'Room saved.' })).toBeVisible();
    await queue.goto('/admin/problems');
    await queue
      .getByRole('listitem')
      .filter({ has: queue.getByRole('heading', { name: 'Calm Room 5: lock or privacy' }) })
      .getByRole('button', { name: 'Mark fixed Lock or privacy in Calm Room 5' })
      .click();
    await expect(queue.getByRole('heading', { name: 'Calm Room 5: lock or privacy' })).toHaveCount(0);
  } finally {
    await beth.close();
    await admin.close();
  }
});
