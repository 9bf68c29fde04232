import { type Page, expect, test } from '@playwright/test';
import { DESKTOP, PHONE, expectAccessible } from './fixtures';
import { changeAccount, freshSignIn, idp, signIn } from './oidc-fixtures';

// Runs against a Nook server whose only sign-in is the real OpenID Connect provider started
// by playwright.oidc.config.ts (scripts/oidc-provider.mjs): AUTH_ADMIN_EMAILS=boss@acme.test,
// AUTH_OIDC_HR_GROUPS="Nook HR", AUTH_OIDC_ADMIN_GROUPS="Nook Admins", no demo sign-in.
// Accounts: ida (claims in the ID token), uma, boss and nomail (claims from UserInfo only).

async function account(page: Page) {
  await page.goto('/settings');
  const value = (term: string) => page.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
  return { name: await value('Name').textContent(), email: await value('Email').textContent(), role: await value('Role').textContent() };
}

test('no demo sign-in: only the provider button, and the demo callback signs nobody in', async ({ page, request }) => {
  await page.goto('/signin');
  await expect(page.getByRole('button', { name: 'Sign in with Acme SSO' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Demo sign-in' })).toHaveCount(0);
  const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const res = await request.post('/api/auth/callback/demo', { form: { csrfToken, email: 'amara@example.com' }, maxRedirects: 0 });
  expect(res.status()).toBeLessThan(500);
  expect(await (await request.get('/api/auth/session')).json()).toBeNull();
});

test('AUTH_ADMIN_EMAILS makes an admin at her first sign-in', async ({ browser }) => {
  const { page, context } = await freshSignIn(browser, 'boss');
  expect((await account(page)).role).toBe('Admin');
  expect((await page.goto('/admin'))?.status()).toBe(200);
  await context.close();
});

for (const [login, style] of [
  ['ida', 'email and name in the ID token'],
  ['uma', 'only sub in the ID token, email and name from UserInfo'],
] as const) {
  test(`first sign-in creates the person, the next finds her again (${style})`, async ({ browser }) => {
    const first = await freshSignIn(browser, login);
    await expect(first.page).toHaveURL(/\/$/);
    const me = await account(first.page);
    expect(me).toEqual({ name: login === 'ida' ? 'Ida Tokenova' : 'Uma Infante', email: `${login}@acme.test`, role: 'Employee' });
    await first.context.close();

    // Her email changes at the provider: she is still the same person (found by subject).
    await changeAccount(login, { email: `${login}.new@acme.test` });
    const second = await freshSignIn(browser, login);
    expect(await account(second.page)).toEqual({ ...me, email: `${login}.new@acme.test` });
    await second.context.close();

    const admin = await freshSignIn(browser, 'boss');
    await admin.page.goto('/admin/people');
    await expect(admin.page.getByRole('row', { name: new RegExp(me.name!) })).toHaveCount(1);
    await expect(admin.page.getByRole('row', { name: new RegExp(me.name!) })).toContainText(`${login}.new@acme.test`);
    await admin.context.close();
  });
}

test("roles follow the provider's groups at every sign-in", async ({ browser }) => {
  await changeAccount('gwen', { sub: 'sub-gwen', style: 'id_token', email: 'gwen@acme.test', name: 'Gwen Groups', groups: ['Everyone', 'Nook HR'] });
  const hr = await freshSignIn(browser, 'gwen');
  expect((await account(hr.page)).role).toBe('HR');
  expect((await hr.page.goto('/hr'))?.status()).toBe(200);
  await hr.context.close();

  // Removed from the group at the provider: employee from her next sign-in.
  await changeAccount('gwen', { groups: ['Everyone'] });
  const after = await freshSignIn(browser, 'gwen');
  expect((await account(after.page)).role).toBe('Employee');
  expect((await after.page.goto('/hr'))?.status()).toBe(403);
  await after.context.close();

  const admin = await freshSignIn(browser, 'boss');
  await admin.page.goto('/admin/audit?action=person.role_changed');
  await expect(admin.page.getByRole('main')).toContainText('Gwen Groups');
  await admin.context.close();
});

test('a person deactivated in Nook cannot get back in', async ({ browser }) => {
  await changeAccount('dee', { sub: 'sub-dee', style: 'userinfo', email: 'dee@acme.test', name: 'Dee Parted' });
  const dee = await freshSignIn(browser, 'dee');
  await expect(dee.page).toHaveURL(/\/$/);

  const admin = await freshSignIn(browser, 'boss');
  await admin.page.goto('/admin/people');
  const row = admin.page.getByRole('row', { name: /Dee Parted/ });
  await row.getByRole('button', { name: 'Deactivate Dee Parted' }).click();
  await expect(row.getByText('Deactivated', { exact: true })).toBeVisible();
  await admin.context.close();

  // Her open session ends at once; signing in again at the provider does not let her back.
  await dee.page.goto('/');
  await expect(dee.page).toHaveURL(/\/signin\?.*reason=deactivated/);
  await dee.context.close();
  const again = await freshSignIn(browser, 'dee');
  await expect(again.page).toHaveURL(/\/signin\?.*deactivated/);
  await expect(again.page.getByRole('alert').filter({ hasText: 'Your access to Nook has been turned off' })).toBeVisible();
  expect((await again.page.goto('/'))?.url()).toMatch(/\/signin/);
  await again.context.close();
});

test('a provider that shares no email: a sentence she can act on', async ({ browser }) => {
  const { page, context } = await freshSignIn(browser, 'nomail');
  await expect(page).toHaveURL(/\/signin\?error=EmailRequired/);
  await expect(page.getByRole('alert').filter({ hasText: 'did not share your email address' })).toContainText('Ask your admin');
  await expectAccessible(page);
  for (const [name, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: `test-results/signin-error-${name}.png`, fullPage: true });
  }
  await context.close();
});

test('she cancels at the provider: the sign-in page says what happened and what to do', async ({ page }) => {
  await page.goto('/signin');
  await page.getByRole('button', { name: 'Sign in with Acme SSO' }).click();
  await page.waitForURL(`${idp}/**`);
  // The provider answers the callback with error=access_denied.
  await page.getByRole('link', { name: '[ Cancel ]' }).click();
  await expect(page).toHaveURL(/\/signin\?error=OAuthCallbackError/);
  await expect(page.getByRole('alert').filter({ hasText: 'Your identity provider did not sign you in' })).toContainText('Try again');
});

test('a forged callback and a replayed one are refused without a server error', async ({ browser, request }) => {
  // Forged: a code and state Nook never issued, in a browser that never started a sign-in.
  const forged = await request.get('/api/auth/callback/oidc?code=forged&state=forged', { maxRedirects: 0 });
  expect(forged.status()).toBe(302);
  expect(forged.headers()['location']).toMatch(/\/signin\?error=/);
  expect(await (await request.get('/api/auth/session')).json()).toBeNull();

  // Replayed: the real callback of a finished sign-in, sent again from another browser and from hers.
  const context = await browser.newContext();
  const page = await context.newPage();
  let callback = '';
  page.on('request', (r) => {
    if (r.url().includes('/api/auth/callback/oidc?')) callback = r.url();
  });
  await signIn(page, 'ida');
  await expect(page).toHaveURL(/\/$/);
  expect(callback).toContain('code=');

  const elsewhere = await browser.newContext();
  const replay = await elsewhere.request.get(callback, { maxRedirects: 0 });
  expect(replay.status()).toBe(302);
  expect(replay.headers()['location']).toMatch(/\/signin\?error=/);
  expect(await (await elsewhere.request.get('/api/auth/session')).json()).toBeNull();
  await elsewhere.close();

  const again = await context.request.get(callback, { maxRedirects: 0 });
  expect(again.status()).toBeLessThan(500);
  expect(again.headers()['location'] ?? '').toMatch(/\/signin\?error=/);

  const shown = await browser.newPage();
  await shown.goto(forged.headers()['location']!);
  await expect(shown.getByRole('alert').filter({ hasText: 'Start again below' })).toBeVisible();
  await shown.close();
  await context.close();
});

test('SCIM deactivation from the provider ends her session at once; /scim/v2 answers the provider, not the sign-in page', async ({ browser, request }) => {
  const anonymous = await request.get('/scim/v2/Users', { maxRedirects: 0 });
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()['content-type']).toContain('application/scim+json');

  await changeAccount('lea', { sub: 'sub-lea', style: 'userinfo', email: 'lea@acme.test', name: 'Lea Ving' });
  const lea = await freshSignIn(browser, 'lea');
  await expect(lea.page).toHaveURL(/\/$/);

  const scim = { authorization: `Bearer ${process.env.E2E_SCIM_TOKEN ?? 'e2e-scim-token-0123456789-0123456789'}` };
  const found = await request.get(`/scim/v2/Users?filter=${encodeURIComponent('userName eq "lea@acme.test"')}`, { headers: scim });
  expect(found.status()).toBe(200);
  const id = ((await found.json()) as { Resources: { id: string }[] }).Resources[0]!.id;
  const off = await request.patch(`/scim/v2/Users/${id}`, {
    headers: { ...scim, 'content-type': 'application/scim+json' },
    data: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active: false } }] },
  });
  expect(off.status()).toBe(200);

  await lea.page.goto('/');
  await expect(lea.page).toHaveURL(/\/signin\?.*reason=deactivated/);
  await lea.context.close();
});
