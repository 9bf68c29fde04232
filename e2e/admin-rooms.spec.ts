import { expect, test } from '@playwright/test';
import { apiBook, expectAccessible, NY, nyInstant, openDayAhead, PHONE, roomIdByName, serverNow, signInAs } from './fixtures';

const DAY = openDayAhead(3);

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

test('during an out-of-service window the door page says the room is closed, why, and until when', async ({ browser }) => {
  const adminCtx = await browser.newContext();
  const bethCtx = await browser.newContext({ viewport: PHONE });
  try {
    await signInAs(adminCtx, 'admin@example.com');
    await signInAs(bethCtx, 'beth@example.com');
    const quiet = await roomIdByName(adminCtx, 'Quiet Room 12B'); // open around the clock
    const local = (d: Date) => {
      const p = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone: NY, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(d).map((x) => [x.type, x.value]));
      return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
    };
    const from = local(new Date(serverNow().getTime() - 60_000));
    const to = local(new Date(serverNow().getTime() + 90 * 60_000));

    const admin = await adminCtx.newPage();
    await admin.goto(`/admin/rooms/${quiet}`);
    await admin.getByLabel('From date').fill(from.date);
    await admin.getByLabel('From time').fill(from.time);
    await admin.getByLabel('To date').fill(to.date);
    await admin.getByLabel('To time').fill(to.time);
    await admin.getByLabel('Reason', { exact: true }).fill('Deep clean');
    await admin.getByRole('button', { name: 'Add window' }).click();
    const confirm = admin.getByRole('button', { name: 'Confirm' });
    if (await confirm.isVisible().catch(() => false)) await confirm.click();
    const row = admin.getByRole('row').filter({ hasText: 'Deep clean' });
    await expect(row).toBeVisible();

    const beth = await bethCtx.newPage();
    await beth.goto(`/r/${quiet}`);
    const now = beth.getByRole('region', { name: 'Right now' });
    await expect(now).toContainText(new RegExp(`Closed\\s*Out of service \\(Deep clean\\) until ([A-Z][a-z]{2} \\d+ [A-Z][a-z]{2}, )?${to.time}\\.`));
    await expect(now).not.toContainText('Every station is taken');
    await expect(beth.getByRole('button', { name: /Book now/ })).toHaveCount(0);
    await expectAccessible(beth);

    // Put the room back for the journeys that follow.
    await row.getByRole('button', { name: /Remove/ }).click();
    await expect(admin.getByRole('row').filter({ hasText: 'Deep clean' })).toHaveCount(0);
    await beth.reload();
    await expect(now).toContainText(/Free/);
  } finally {
    await adminCtx.close();
    await bethCtx.close();
  }
});
