import AxeBuilder from '@axe-core/playwright';
import { expect, type BrowserContext, type Page } from '@playwright/test';

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

/** Nothing wider than the viewport: usable at 390 px without sideways scrolling. */
export async function expectNoHorizontalScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}
