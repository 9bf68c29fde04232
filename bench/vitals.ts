import { chromium, type BrowserContext, type Page } from '@playwright/test';

/**
 * Core Web Vitals in a real browser, as a phone on a mobile network sees Nook: Chromium with
 * 4× CPU slowdown and a fast-4G network (60 ms round trip, 9 Mbit/s down, 1.5 Mbit/s up) through
 * the DevTools protocol, a 390 px viewport, signed in. LCP and CLS of each page's load; INP of
 * booking a slot on the room page (the longest event of that interaction, from Event Timing).
 */

export type PageVitals = { path: string; lcpMs: number | null; cls: number };
export type Vitals = { pages: PageVitals[]; inpMs: number; booked: string };

const OBSERVE = `
  window.__vitals = { lcp: null, shifts: [], events: [] };
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__vitals.lcp = e.startTime; }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__vitals.shifts.push({ t: e.startTime, v: e.value }); }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.interactionId) window.__vitals.events.push({ id: e.interactionId, name: e.name, d: e.duration }); }).observe({ type: 'event', buffered: true, durationThreshold: 16 });
`;

type Raw = { lcp: number | null; shifts: { t: number; v: number }[]; events: { id: number; name: string; d: number }[] };

/** CLS as Chromium reports it: the largest session window (shifts under 1 s apart, at most 5 s long). */
export function clsOf(shifts: { t: number; v: number }[]): number {
  let best = 0;
  let sum = 0;
  let first = -Infinity;
  let last = -Infinity;
  for (const s of [...shifts].sort((a, b) => a.t - b.t)) {
    if (s.t - last > 1000 || s.t - first > 5000) {
      sum = 0;
      first = s.t;
    }
    sum += s.v;
    last = s.t;
    best = Math.max(best, sum);
  }
  return Math.round(best * 10_000) / 10_000;
}

async function throttle(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 60,
    downloadThroughput: (9 * 1024 * 1024) / 8,
    uploadThroughput: (1.5 * 1024 * 1024) / 8,
  });
}

async function read(page: Page): Promise<Raw> {
  return page.evaluate(() => (window as unknown as { __vitals: Raw }).__vitals);
}

/**
 * Opens each path fresh (a new page, cold caches of its own) and reads its vitals after it settles;
 * then, on the room page, types a date and time and presses Book, and reads that interaction's INP.
 */
export async function measureVitals(options: {
  baseUrl: string;
  sessionCookie: string;
  paths: string[];
  roomPath: string;
  bookDate: string;
  bookTime: string;
}): Promise<Vitals> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  try {
    const [name, value] = options.sessionCookie.split('=') as [string, string];
    const newContext = async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true, locale: 'en-US' });
      await context.addCookies([{ name, value, url: options.baseUrl }]);
      await context.addInitScript(OBSERVE);
      return context;
    };
    const pages: PageVitals[] = [];
    for (const path of options.paths) {
      const context = await newContext();
      const page = await context.newPage();
      await throttle(context, page);
      await page.goto(`${options.baseUrl}${path}`, { waitUntil: 'load', timeout: 120_000 });
      await page.waitForTimeout(2500);
      const raw = await read(page);
      pages.push({ path, lcpMs: raw.lcp === null ? null : Math.round(raw.lcp), cls: clsOf(raw.shifts) });
      await context.close();
    }

    const context = await newContext();
    const page = await context.newPage();
    await throttle(context, page);
    await page.goto(`${options.baseUrl}${options.roomPath}`, { waitUntil: 'load', timeout: 120_000 });
    const date = page.getByLabel('Date', { exact: true });
    await date.waitFor({ state: 'visible' });
    await page.waitForFunction(() => !(document.querySelector('input[type="date"], input[name="date"]') as HTMLInputElement | null)?.disabled, null, { timeout: 60_000 });
    await date.fill(options.bookDate);
    await page.getByLabel('Start', { exact: true }).fill(options.bookTime);
    const before = new Set((await read(page)).events.map((e) => e.id));
    const button = page.getByRole('button', { name: /^Book \d/ });
    await button.tap();
    const answer = page.getByRole('status').or(page.getByRole('alert')).first();
    await answer.waitFor({ timeout: 60_000 }).catch(() => {});
    await page.waitForTimeout(1000);
    const events = (await read(page)).events.filter((e) => !before.has(e.id));
    // Event Timing reports nothing under 16 ms: an interaction with no entry took less than that.
    const inp = events.length ? Math.round(Math.max(...events.map((e) => e.d))) : 16;
    const booked = (await answer.textContent().catch(() => null))?.trim() ?? '';
    await context.close();
    return { pages, inpMs: inp, booked };
  } finally {
    await browser.close();
  }
}
