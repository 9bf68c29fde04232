import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { DEMO_SITE_HOURS } from '@/db/seed';
import { firstOpenDate } from '@/lib/opening-hours';
import { addDays, localParts } from '@/lib/time';

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

/** Signs in through the API with the standard CSRF flow, as a script would. */
export async function signInAs(context: BrowserContext, email: string) {
  const csrf = await context.request.get('/api/auth/csrf');
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await context.request.post('/api/auth/callback/demo', { form: { csrfToken, email }, maxRedirects: 0 });
  expect(res.status(), `demo sign-in for ${email}`).toBe(302);
  expect(res.headers()['location'] ?? '').not.toContain('error');
}

/** 0 violations of WCAG 2.0/2.1/2.2 A and AA. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary).toEqual([]);
}

/**
 * A page as a newcomer meets it at both widths: 0 axe violations at 390 and 1280 px, nothing
 * wider than the phone, and (with a name) a full-page screenshot of each in test-results/screens.
 * Leaves the page at 1280 px.
 */
export async function checkBothWidths(page: Page, name?: string) {
  await page.setViewportSize(PHONE);
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  if (name) await page.screenshot({ path: `test-results/screens/${name}-390.png`, fullPage: true });
  await page.setViewportSize(DESKTOP);
  await expectAccessible(page);
  if (name) await page.screenshot({ path: `test-results/screens/${name}-1280.png`, fullPage: true });
}

/** A new browser context of `viewport`, signed in as `email` through the demo provider. */
export async function signedIn(browser: Browser, email: string, viewport = PHONE): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport });
  await signInAs(ctx, email);
  return ctx;
}

/** Nothing wider than the viewport: usable at 390 px without sideways scrolling. */
export async function expectNoHorizontalScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

export const NY = 'America/New_York';

/**
 * Today in New York, as yyyy-MM-dd. The journeys run against a server on the real clock, so
 * today is the real one; every day a journey books is picked from it by rule, never by offset.
 */
export function nyToday(): string {
  return localParts(serverNow(), NY).date;
}

/**
 * The server's clock, which is the real one: the journeys' only read of it. A journey that needs
 * a break under way right now (check-in at the door, a no-show) starts it at this minute.
 */
export function serverNow(): Date {
  return new Date();
}

/** This minute, on the minute. */
export function thisMinute(): Date {
  return new Date(Math.floor(serverNow().getTime() / 60_000) * 60_000);
}

/** The first day at least `ahead` days after today on which the demo's New York rooms open (as yyyy-MM-dd). */
export function openDayAhead(ahead = 2): string {
  return firstOpenDate(DEMO_SITE_HOURS.ny, addDays(nyToday(), ahead));
}

/** ISO instant of a New York wall-clock time on a date (the e2e browser runs in New York too). */
export function nyInstant(date: string, time: string): string {
  const guess = new Date(`${date}T${time}:00Z`);
  const offset = (tz: string) => {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' }).formatToParts(guess);
    const name = parts.find((p) => p.type === 'timeZoneName')!.value; // GMT-05:00
    const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
    return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  };
  return new Date(guess.getTime() - offset(NY) * 60_000).toISOString();
}

export async function roomIdByName(context: BrowserContext, name: string): Promise<string> {
  const rooms = (await (await context.request.get('/api/v1/rooms')).json()) as { id: string; name: string }[];
  const room = rooms.find((r) => r.name === name);
  if (!room) throw new Error(`no room named ${name}`);
  return room.id;
}

/** Books through the JSON API, as a script or integration would. */
export async function apiBook(context: BrowserContext, roomId: string, start: string, end: string) {
  return context.request.post('/api/v1/bookings', { data: { roomId, start, end } });
}

/** A calendar date as Nook writes it on its pages, "Thu 26 Nov 2026", or on a written answer, "Thursday, 26 November 2026". */
export function dateLabel(date: string, style: 'short' | 'long' = 'short'): string {
  const d = new Date(`${date}T12:00:00Z`);
  const part = (o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', ...o }).format(d);
  if (style === 'long') return `${part({ weekday: 'long' })}, ${part({ day: 'numeric' })} ${part({ month: 'long' })} ${part({ year: 'numeric' })}`;
  return `${part({ weekday: 'short' })} ${part({ day: 'numeric' })} ${part({ month: 'short' })} ${part({ year: 'numeric' })}`;
}
