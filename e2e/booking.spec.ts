import { expect, test, type Page } from '@playwright/test';
import { apiBook, expectAccessible, nyInstant, openDayAhead, PHONE, roomIdByName, serverNow, signInAs } from './fixtures';

const DAY = openDayAhead(2);
const LATER = openDayAhead(5);

/** The 15-minute slot starting at `time` in the day view of a room open from 07:00. */
function slot(page: Page, time: string) {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return page.locator('.rbc-day-slot').first().locator('.rbc-time-slot').nth((h - 7) * 4 + m / 15);
}

/** Clicks where a person would: RBC listens on the layer above the slots and maps the point to a time. */
async function clickSlot(page: Page, time: string) {
  const box = (await slot(page, time).boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/** A date as Nook writes it in a booking's confirmation: "Wed 2 Dec". */
function dayLabel(date: string) {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(`${date}T12:00:00Z`));
}

async function openRoomOn(page: Page, roomId: string, date: string) {
  await page.goto(`/rooms/${roomId}`);
  await page.getByLabel('Date').fill(date);
  await expect(page.locator('.rbc-day-slot')).toHaveCount(1);
}

test.describe.configure({ mode: 'serial' });

test('book from the calendar, see others only as Reserved, meet a full slot, move by drag, cancel', async ({ browser }) => {
  const amaraCtx = await browser.newContext();
  const bethCtx = await browser.newContext();
  const danaCtx = await browser.newContext();
  const hrCtx = await browser.newContext();
  try {
    await signInAs(amaraCtx, 'amara@example.com');
    const amaraId = ((await (await amaraCtx.request.get('/api/auth/session')).json()) as { user: { id: string } }).user.id;
    const wellness = await roomIdByName(amaraCtx, 'Wellness Room 3');
    const amara = await amaraCtx.newPage();

    // Amara picks 10:00 on the calendar and confirms.
    await openRoomOn(amara, wellness, DAY);
    await clickSlot(amara, '10:00');
    await expect(amara.getByLabel('Start')).toHaveValue('10:00');
    await amara.getByRole('button', { name: 'Book 10:00–10:30' }).click();
    await expect(amara.getByRole('status').getByText(/Booked Wellness Room 3, .* 10:00–10:30\./)).toBeVisible();
    await expect(amara.locator('.nook-event-mine')).toContainText('Your booking · Station 1');
    // The form lets go of the time she has just booked, so it does not invite the same booking twice.
    await expect(amara.getByLabel('Start')).toHaveValue('');
    await expect(amara.getByRole('button', { name: 'Book', exact: true })).toBeVisible();

    // Beth sees a reserved slot and nothing of who booked it: not in the HTML, the React payload or the JSON.
    await signInAs(bethCtx, 'beth@example.com');
    const beth = await bethCtx.newPage();
    await openRoomOn(beth, wellness, DAY);
    await expect(beth.locator('.nook-event-reserved')).toContainText('Reserved · 2 of 3 stations free');
    const leaks = [/Amara/i, /Okafor/i, /amara@example\.com/i, new RegExp(amaraId, 'i')];
    const html = await beth.content();
    const rsc = await (await bethCtx.request.get(`/rooms/${wellness}`, { headers: { RSC: '1' } })).text();
    const json = await (
      await bethCtx.request.get(`/api/v1/rooms/${wellness}/availability?from=${encodeURIComponent(nyInstant(DAY, '00:00'))}&to=${encodeURIComponent(nyInstant(DAY, '23:00'))}`)
    ).text();
    for (const body of [html, rsc, json]) for (const leak of leaks) expect(body).not.toMatch(leak);

    // Beth and Dana take the other two stations through the API; HR, who pumps too, is then refused with alternatives.
    expect((await apiBook(bethCtx, wellness, nyInstant(DAY, '10:00'), nyInstant(DAY, '10:30'))).status()).toBe(201);
    await signInAs(danaCtx, 'dana@example.com');
    expect((await apiBook(danaCtx, wellness, nyInstant(DAY, '10:00'), nyInstant(DAY, '10:30'))).status()).toBe(201);
    const refusedBody = await (await apiBook(amaraCtx, wellness, nyInstant(DAY, '10:15'), nyInstant(DAY, '10:45'))).json();
    for (const leak of leaks.slice(0, 3)) expect(JSON.stringify(refusedBody)).not.toMatch(leak);

    await signInAs(hrCtx, 'hr@example.com');
    const hr = await hrCtx.newPage();
    await openRoomOn(hr, wellness, DAY);
    await hr.getByLabel('Start').fill('10:00');
    await hr.getByRole('button', { name: 'Book 10:00–10:30' }).click();
    const answer = hr.getByRole('status');
    await expect(answer).toContainText('Every station in Wellness Room 3 is taken');
    await expect(answer).toContainText('Quiet Room 12B is free at the time you asked');
    await expect(answer).not.toContainText(/Amara|Beth|Dana/);
    await answer.getByRole('button', { name: /Book Quiet Room 12B, 10:00–10:30/ }).click();
    await expect(answer.getByText(/Booked the other room, .* 10:00–10:30\./)).toBeVisible();

    // Amara drags her booking to 11:00.
    await amara.reload();
    await amara.getByLabel('Date').fill(DAY);
    const mine = amara.locator('.nook-event-mine');
    await expect(mine).toBeVisible();
    const from = (await mine.boundingBox())!;
    const to = (await slot(amara, '11:00').boundingBox())!;
    // Grab the middle (the edges resize), and drop so the event's top lands on 11:00.
    const grabY = from.y + from.height / 2;
    await amara.mouse.move(from.x + from.width / 2, grabY);
    await amara.mouse.down();
    await amara.mouse.move(from.x + from.width / 2, grabY + 20, { steps: 5 });
    await amara.mouse.move(to.x + to.width / 2, to.y + 2 + (grabY - from.y), { steps: 10 });
    await amara.mouse.up();
    await expect(amara.getByRole('status').getByText(/Moved to .* 11:00–11:30\./)).toBeVisible();
    await expect(amara.locator('.nook-event-mine')).toContainText('11:00–11:30');

    // On My bookings the move form stays folded until she asks for it; she moves it to 11:30 there.
    await amara.goto('/bookings');
    const item = amara.getByRole('listitem').filter({ hasText: 'Wellness Room 3' });
    await expect(item).toContainText('11:00–11:30');
    const save = item.getByRole('button', { name: 'Save new time' });
    await expect(save).toBeHidden();
    await item.getByRole('button', { name: 'Move' }).click();
    await expect(save).toBeVisible();
    await item.getByLabel(/^Start/).fill('11:30');
    await save.click();
    await expect(item.getByRole('status').filter({ hasText: 'Moved to' })).toHaveText(/Moved to .* 11:30\./);
    await amara.reload();
    await expect(item).toContainText('11:30–12:00');
    await expect(item.getByRole('button', { name: 'Save new time' })).toBeHidden();
    // Its room calendar link opens the room on the booking's day, not today.
    await item.getByRole('link', { name: 'Room calendar' }).click();
    await expect(amara.getByLabel('Date')).toHaveValue(DAY);
    await expect(amara.locator('.nook-event-mine')).toContainText('11:30–12:00');
    await amara.goto('/bookings');

    // And cancels it from My bookings.
    await item.getByRole('button', { name: 'Cancel booking' }).click();
    await expect(item.getByRole('alert')).toHaveText('Booking cancelled. The station is free for others now.');
    await expect(item.getByText('Cancelled', { exact: true })).toBeVisible();
    await amara.reload();
    await expect(amara.getByText('No upcoming bookings.')).toBeVisible();
    await expect(amara.getByRole('button', { name: 'Cancel booking' })).toHaveCount(0);
  } finally {
    for (const c of [amaraCtx, bethCtx, danaCtx, hrCtx]) await c.close();
  }
});

test('Book now takes a free station in one click, on a phone', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: PHONE });
  try {
    await signInAs(ctx, 'chen@example.com');
    // Chen works in London but visits New York today: the round-the-clock room is always bookable.
    const page = await ctx.newPage();
    await page.goto('/rooms');
    await page.getByLabel('Site').selectOption({ label: 'Hudson Yards' });
    await page.getByRole('button', { name: 'Show rooms' }).click();
    await page.getByRole('link', { name: 'Quiet Room 12B' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Quiet Room 12B' })).toBeVisible();
    await expectAccessible(page);

    const amara = await browser.newContext({ viewport: PHONE });
    await signInAs(amara, 'amara@example.com');
    const home = await amara.newPage();
    await home.goto('/');
    const card = home.getByRole('article').filter({ has: home.getByRole('heading', { name: 'Quiet Room 12B' }) });
    await expect(card.getByText(/Free now until/)).toBeVisible();
    await card.getByRole('button', { name: 'Book now in Quiet Room 12B' }).click();
    await expect(card.getByRole('status')).toContainText(/Booked Quiet Room 12B until \d\d:\d\d\./);
    await expectAccessible(home);
    await home.goto('/bookings');
    await expect(home.getByRole('listitem').filter({ hasText: 'Quiet Room 12B' })).toBeVisible();
    const booked = home.getByRole('listitem').filter({ hasText: 'Quiet Room 12B' });
    await booked.getByRole('button', { name: 'Cancel booking' }).click();
    await expect(booked.getByRole('alert')).toHaveText('Booking cancelled. The station is free for others now.');
    await amara.close();
  } finally {
    await ctx.close();
  }
});

test('the keyboard path books with a small form and the API refuses bad input clearly', async ({ page, context }) => {
  await signInAs(context, 'dana@example.com');
  const parents = await roomIdByName(context, "Parents' Room 7");
  await page.goto(`/rooms/${parents}`);
  await page.getByLabel('Date').fill(DAY);
  await page.getByLabel('Start').fill('15:00');
  await page.getByLabel('Length in minutes').fill('75');
  await page.getByLabel('Length in minutes').press('Enter');
  await expect(page.getByRole('status')).toContainText('At Hudson Yards a booking can be at most 60 minutes.');
  await page.getByLabel('Length in minutes').fill('45');
  await page.getByRole('button', { name: 'Book 15:00–15:45' }).click();
  await expect(page.getByRole('status')).toContainText(/Booked Parents' Room 7, .* 15:00–15:45\./);

  const bad = await context.request.post('/api/v1/bookings', { data: { roomId: 'nope', start: 'tomorrow', end: 5 } });
  expect(bad.status()).toBe(422);
  const body = await bad.json();
  expect(Object.keys(body.fields).sort()).toEqual(['end', 'roomId', 'start']);
  const foreign = await context.request.post('/api/v1/bookings', { data: { roomId: parents, start: nyInstant(DAY, '16:00'), end: nyInstant(DAY, '16:30') }, headers: { origin: 'https://evil.example' } });
  expect(foreign.status()).toBe(403);
});

test("times are the site's, whatever the browser's zone: a New York browser books 09:30 in London", async ({ page, context }) => {
  await signInAs(context, 'chen@example.com');
  const nursing = await roomIdByName(context, 'Nursing Room 2');
  await page.goto(`/rooms/${nursing}`);
  await expect(page.locator('.page-header').getByText(/· London time$/)).toBeVisible();
  // A date that does not exist opens the room on today, the site's today.
  const londonToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(serverNow());
  await page.goto(`/rooms/${nursing}?date=2026-02-31`);
  await expect(page.getByLabel('Date')).toHaveValue(londonToday);
  await page.getByLabel('Date').fill(DAY);
  await page.getByLabel('Start').fill('09:30');
  await page.getByRole('button', { name: 'Book 09:30–10:00' }).click();
  await expect(page.getByRole('status')).toContainText(`Booked Nursing Room 2, ${dayLabel(DAY)}, 09:30–10:00.`);
  await expect(page.locator('.nook-event-mine')).toContainText('09:30–10:00');
  const mine = (await (await context.request.get(`/api/v1/bookings?from=${encodeURIComponent(nyInstant(DAY, '00:00'))}&to=${encodeURIComponent(nyInstant(DAY, '23:00'))}`)).json()) as { start: string }[];
  const londonTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(mine[0]!.start));
  expect(londonTime).toBe('09:30');
});

test('what she types before the page is live is not lost: the booking form waits for it', async ({ page, context }) => {
  await signInAs(context, 'chen@example.com');
  const nursing = await roomIdByName(context, 'Nursing Room 2');
  // Hold the page's scripts, as a slow phone connection would, so the form is the server's HTML alone.
  let release!: () => void;
  const scripts = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/_next/static/chunks/**', async (route) => {
    await scripts;
    await route.continue();
  });
  await page.goto(`/rooms/${nursing}`, { waitUntil: 'commit' });
  await expect(page.getByText('Times are London time.', { exact: false })).toBeVisible();
  await expect(page.getByLabel('Date')).toBeDisabled();
  await expect(page.getByLabel('Start')).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Book', exact: true })).toBeDisabled();
  release();
  // Playwright's fill waits for the field to be enabled, as a person waits for it.
  await page.getByLabel('Date').fill(LATER);
  await page.getByLabel('Start').fill('11:00');
  await expect(page.getByLabel('Date')).toHaveValue(LATER);
  await page.getByRole('button', { name: 'Book 11:00–11:30' }).click();
  await expect(page.getByRole('status')).toContainText(`Booked Nursing Room 2, ${dayLabel(LATER)}, 11:00–11:30.`);
  await expect(page.locator('.nook-event-mine')).toContainText('11:00–11:30');
});
