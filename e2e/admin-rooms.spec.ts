import { expect, test } from '@playwright/test';
import { apiBook, expectAccessible, nextWeekday, nyInstant, PHONE, roomIdByName, signInAs } from './fixtures';

const DAY = nextWeekday(3);

test('an admin takes a room out of service: the booking on it moves, and its owner is told', async ({ browser }) => {
  const bethCtx = await browser.newContext();
  const adminCtx = await browser.newContext();
  try {
    await signInAs(bethCtx, 'beth@example.com');
    const parents = await roomIdByName(bethCtx, "Parents' Room 7");
    expect((await apiBook(bethCtx, parents, nyInstant(DAY, '16:00'), nyInstant(DAY, '16:30'))).status()).toBe(201);

    await signInAs(adminCtx, 'admin@example.com');
    const admin = await adminCtx.newPage();
    await admin.goto('/admin');
    await admin.getByRole('link', { name: "Parents' Room 7" }).click();
    await expect(admin.getByRole('heading', { level: 1, name: "Parents' Room 7" })).toBeVisible();
    await expectAccessible(admin);
    await admin.getByRole('radio', { name: 'Out of service' }).check();
    await admin.getByLabel('Reason, when out of service').fill('A leak under the sink is being fixed.');
    await admin.getByRole('button', { name: 'Save room' }).click();

    // The count comes first; nothing has changed yet.
    const answer = admin.getByRole('status').filter({ hasText: 'This change affects' });
    await expect(answer).toContainText('This change affects 1 upcoming booking');
    const before = await (await bethCtx.request.get(`/api/v1/bookings?from=${encodeURIComponent(nyInstant(DAY, '00:00'))}&to=${encodeURIComponent(nyInstant(DAY, '23:00'))}`)).json();
    expect(before).toEqual([expect.objectContaining({ roomName: "Parents' Room 7" })]);
    await expectAccessible(admin);

    await admin.getByRole('button', { name: 'Confirm' }).click();
    await expect(admin.getByRole('status').filter({ hasText: 'Room saved.' })).toContainText('1 booking moved to a free station or room at the same time; each person was told.');

    // Beth's booking is now in another room at the same time, and she has a notice.
    const after = (await (await bethCtx.request.get(`/api/v1/bookings?from=${encodeURIComponent(nyInstant(DAY, '00:00'))}&to=${encodeURIComponent(nyInstant(DAY, '23:00'))}`)).json()) as { roomName: string; start: string }[];
    expect(after).toHaveLength(1);
    expect(after[0]!.roomName).not.toBe("Parents' Room 7");
    expect(after[0]!.start).toBe(nyInstant(DAY, '16:00'));
    const beth = await bethCtx.newPage();
    await beth.setViewportSize(PHONE);
    await beth.goto('/bookings');
    const notice = beth.getByRole('region', { name: 'Changes to your bookings' });
    await expect(notice).toContainText(/Your booking in Parents' Room 7 .* was moved to .* because/);
    await expectAccessible(beth);
    await notice.getByRole('button', { name: 'Dismiss' }).first().click();
    await expect(beth.getByText('Changes to your bookings')).toHaveCount(0);

    // Employees cannot book it now; put it back in service for the journeys that follow.
    const refused = await apiBook(bethCtx, parents, nyInstant(DAY, '17:00'), nyInstant(DAY, '17:30'));
    expect(refused.status()).toBe(422);
    expect((await refused.json()).error).toBe("Parents' Room 7 is out of service: A leak under the sink is being fixed.");
    await admin.getByRole('radio', { name: 'In service' }).check();
    await admin.getByRole('button', { name: 'Save room' }).click();
    await expect(admin.getByRole('status').filter({ hasText: 'Room saved.' })).toBeVisible();
  } finally {
    await bethCtx.close();
    await adminCtx.close();
  }
});
