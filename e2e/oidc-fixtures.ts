import { type Browser, type Page, expect } from '@playwright/test';

/**
 * The real OpenID Connect provider the sign-in journeys run against (scripts/oidc-provider.mjs,
 * started by playwright.oidc.config.ts), and the steps a person takes at it.
 */
export const idp = `http://127.0.0.1:${process.env.E2E_IDP_PORT ?? 3190}`;

export async function changeAccount(login: string, claims: Record<string, unknown>) {
  const res = await fetch(`${idp}/test/accounts/${login}`, { method: 'POST', body: JSON.stringify(claims) });
  expect(res.status).toBe(204);
}

/** Through the browser: Nook's button, the provider's own login form, back to Nook. */
export async function signIn(page: Page, login: string) {
  await page.goto('/signin');
  await page.getByRole('button', { name: 'Sign in with Acme SSO' }).click();
  await page.waitForURL(`${idp}/**`);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.waitForURL((url) => url.origin !== idp);
}

/** A fresh browser (no session at Nook or at the provider), signed in as `login`. */
export async function freshSignIn(browser: Browser, login: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, login);
  return { context, page };
}

