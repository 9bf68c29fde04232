import { navFor } from '@/lib/nav';
import { expect, test } from '@playwright/test';
import { DESKTOP, PHONE, signInAs } from './fixtures';

test('health says which database answers', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: 'ok', db: process.env.E2E_DB ?? 'pglite' });
});

test('every response carries the security headers', async ({ request }) => {
  for (const path of ['/signin', '/api/health']) {
    const res = await request.get(path);
    const h = res.headers();
    expect(h['content-security-policy'], path).toContain("frame-ancestors 'none'");
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(h['permissions-policy']).toContain('camera=()');
    expect(h['strict-transport-security']).toContain('max-age=');
  }
});

test('an employee signs in, sees her home page and gets 403 on HR and admin pages', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F$/);
  await page.getByRole('button', { name: /Amara Okafor/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hello, Amara' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Rooms at Hudson Yards' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Wellness Room 3' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'HR' })).toHaveCount(0);

  for (const path of ['/hr', '/admin', '/admin/people']) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(403);
    await expect(page.getByRole('heading', { name: "You don't have access to this page" })).toBeVisible();
    await expect(page.getByText('Beth Lindqvist')).toHaveCount(0);
    // Still inside Nook: her own menu and her name, with no way into HR or admin pages.
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'My bookings' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'HR' })).toHaveCount(0);
    await expect(page.getByRole('banner').getByText('Amara Okafor')).toBeVisible();
  }
  expect((await page.goto('/no-such-page'))?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My bookings' })).toBeVisible();
});

test('someone signed out is sent to sign-in and then back where they were going', async ({ page }) => {
  await page.goto('/hr');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fhr/);
  await page.getByRole('button', { name: /Helen Reyes/ }).click();
  await expect(page).toHaveURL(/\/hr$/);
  await expect(page.getByRole('heading', { level: 1, name: 'HR overview' })).toBeVisible();
  const admin = await page.goto('/admin');
  expect(admin?.status()).toBe(403);
});

test('sign-in refuses to redirect to another site', async ({ page }) => {
  await page.goto('/signin?callbackUrl=https://evil.example/');
  await page.getByRole('button', { name: /Chen Wei/ }).click();
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
  await expect(page.getByRole('heading', { name: 'Rooms at King’s Cross'.replace('’', "'") })).toBeVisible();
});

test('an admin changes roles and deactivates; each takes effect at the next request', async ({ browser }) => {
  const adminCtx = await browser.newContext();
  const bethCtx = await browser.newContext();
  const admin = await adminCtx.newPage();
  const beth = await bethCtx.newPage();
  try {
    await signInAs(bethCtx, 'beth@example.com');
    expect((await beth.goto('/hr'))?.status()).toBe(403);

    await signInAs(adminCtx, 'admin@example.com');
    await admin.goto('/admin/people');
    const row = admin.getByRole('row', { name: /Beth Lindqvist/ });
    await row.getByRole('combobox', { name: 'Role for Beth Lindqvist' }).selectOption('hr');
    await row.getByRole('button', { name: 'Save role for Beth Lindqvist' }).click();
    await expect(row.getByRole('status').first()).toHaveText("Beth Lindqvist's role is now HR.");

    // Beth's very next request sees the HR area, with no new sign-in.
    expect((await beth.goto('/hr'))?.status()).toBe(200);
    await expect(beth.getByRole('heading', { level: 1, name: 'HR overview' })).toBeVisible();
    await expect(beth.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'HR' })).toBeVisible();

    await row.getByRole('button', { name: 'Deactivate Beth Lindqvist' }).click();
    await expect(row.getByRole('status').last()).toHaveText('Beth Lindqvist is deactivated and signed out everywhere.');
    await expect(row.getByText('Deactivated', { exact: true })).toBeVisible();

    // Beth is signed out at her next request and cannot sign back in.
    await beth.goto('/');
    await expect(beth).toHaveURL(/\/signin\?.*reason=deactivated/);
    await expect(beth.getByRole('alert').filter({ hasText: 'Your access to Nook has been turned off' })).toBeVisible();
    await expect(beth.getByRole('button', { name: /Beth Lindqvist/ })).toHaveCount(0);
    const csrf = (await (await bethCtx.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
    const retry = await bethCtx.request.post('/api/auth/callback/demo', {
      form: { csrfToken: csrf.csrfToken, email: 'beth@example.com' },
      maxRedirects: 0,
    });
    expect(retry.headers()['location']).toContain('error=CredentialsSignin');

    // Put things back for the other journeys.
    await row.getByRole('button', { name: 'Reactivate Beth Lindqvist' }).click();
    await expect(row.getByRole('status').last()).toHaveText('Beth Lindqvist can sign in again.');
    await row.getByRole('combobox', { name: 'Role for Beth Lindqvist' }).selectOption('employee');
    await row.getByRole('button', { name: 'Save role for Beth Lindqvist' }).click();
    await expect(row.getByRole('status').first()).toHaveText("Beth Lindqvist's role is now Employee.");

    // Every one of these changes is in the audit log, with who made it; the export is a CSV.
    await admin.goto('/admin/audit');
    await admin.getByLabel('Action').selectOption('person.deactivated');
    await admin.getByRole('button', { name: 'Filter' }).click();
    const entries = admin.getByRole('region', { name: 'Audit log entries' });
    await expect(entries.getByRole('row').filter({ hasText: 'person.deactivated' }).first()).toContainText('Sam Patel');
    await expect(entries.getByText('person.role_changed')).toHaveCount(0);
    const download = admin.waitForEvent('download');
    await admin.getByRole('link', { name: 'Export CSV' }).click();
    const csv = await (await download).createReadStream();
    let text = '';
    for await (const chunk of csv) text += chunk.toString();
    expect(text.split('\r\n')[0]).toBe('at,actor,actor_email,action,target_type,target_id,detail,ip');
    expect(text).toContain('person.deactivated');
    expect(text).not.toContain('person.role_changed');
  } finally {
    await adminCtx.close();
    await bethCtx.close();
  }
});

test('an admin cannot lock themselves out', async ({ page, context }) => {
  await signInAs(context, 'admin@example.com');
  await page.goto('/admin/people');
  const me = page.getByRole('row', { name: /Sam Patel/ });
  await expect(me.getByText('Admin (you)')).toBeVisible();
  await expect(me.getByRole('button')).toHaveCount(0);
});

test('sign out, and sign out everywhere ends other devices too', async ({ browser }) => {
  const phone = await browser.newContext();
  const laptop = await browser.newContext();
  try {
    await signInAs(phone, 'chen@example.com');
    await signInAs(laptop, 'chen@example.com');
    const p = await phone.newPage();
    const l = await laptop.newPage();
    await p.goto('/settings');
    await l.goto('/');
    await expect(l.getByRole('heading', { level: 1, name: 'Hello, Chen' })).toBeVisible();

    await p.getByRole('button', { name: 'Sign out everywhere' }).click();
    await expect(p).toHaveURL(/\/signin\?signedOut=1/);
    await expect(p.getByRole('status')).toHaveText('You have signed out.');

    await l.goto('/');
    await expect(l).toHaveURL(/\/signin\?.*reason=ended/);

    await signInAs(laptop, 'chen@example.com');
    await l.goto('/');
    await l.getByRole('button', { name: 'Sign out' }).click();
    await expect(l).toHaveURL(/\/signin\?signedOut=1/);
    await l.goto('/settings');
    await expect(l).toHaveURL(/\/signin\?callbackUrl=%2Fsettings/);
  } finally {
    await phone.close();
    await laptop.close();
  }
});

test("an admin's long menu shows every item whole, at desktop and phone widths; a wide table says it scrolls", async ({ browser }) => {
  for (const viewport of [DESKTOP, PHONE]) {
    const ctx = await browser.newContext({ viewport });
    try {
      await signInAs(ctx, 'admin@example.com');
      const page = await ctx.newPage();
      await page.goto('/admin');
      const links = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
      await expect(links).toHaveCount(navFor('admin').length);
      for (const link of await links.all()) {
        // Whole and on screen, not clipped by a scrolling strip: both ends of the link are the link itself.
        const seen = await link.evaluate((el) => {
          const r = el.getBoundingClientRect();
          const y = r.top + r.height / 2;
          return [r.left + 2, r.right - 2].every((x) => x >= 0 && x <= window.innerWidth && el.contains(document.elementFromPoint(x, y)));
        });
        expect(seen, await link.innerText()).toBe(true);
      }
      await page.goto('/admin/people');
      const hint = page.getByText('Scroll sideways to see every column.');
      if (viewport === PHONE) await expect(hint).toBeVisible();
      else await expect(hint).toHaveCount(0);
    } finally {
      await ctx.close();
    }
  }
});

test('an audit search that matches nothing says so', async ({ browser }) => {
  const ctx = await browser.newContext();
  try {
    await signInAs(ctx, 'admin@example.com');
    const page = await ctx.newPage();
    await page.goto('/admin/audit?from=2001-01-01&to=2001-01-02');
    await expect(page.getByRole('region', { name: 'Audit log entries' })).toContainText('No entries match these filters.');
  } finally {
    await ctx.close();
  }
});
