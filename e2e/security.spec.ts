import { expect, test, type APIResponse, type Page } from '@playwright/test';
import { apiBook, DESKTOP, expectAccessible, expectNoHorizontalScroll, openDayAhead, nyInstant, PHONE, roomIdByName, signInAs } from './fixtures';

const SUBREQUEST_HEADERS = [
  'proxy:proxy:proxy:proxy:proxy',
  'middleware:middleware:middleware:middleware:middleware',
  'src/middleware:src/middleware:src/middleware:src/middleware:src/middleware',
  'proxy',
  'middleware',
];

function nonceOf(res: APIResponse): string {
  const csp = res.headers()['content-security-policy'] ?? '';
  return /'nonce-([^']+)'/.exec(csp)?.[1] ?? '';
}

function expectSecurityHeaders(res: APIResponse, where: string) {
  const h = res.headers();
  const csp = h['content-security-policy'] ?? '';
  expect(csp, `CSP on ${where}`).toContain("frame-ancestors 'none'");
  if (where.startsWith('/api/')) {
    // API answers are data: a fixed policy that lets nothing load or run.
    expect(csp, `CSP on ${where}`).toMatch(/^default-src 'none';/);
    expect(csp, `CSP on ${where}`).not.toContain('nonce-');
  } else {
    expect(csp, `CSP on ${where}`).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
    expect(csp).toContain("object-src 'none'");
  }
  expect(csp).not.toContain("'unsafe-eval'");
  expect(h['x-content-type-options'], where).toBe('nosniff');
  expect(h['referrer-policy'], where).toBe('strict-origin-when-cross-origin');
  expect(h['permissions-policy'], where).toContain('camera=()');
  expect(h['strict-transport-security'], `HSTS on ${where} (production build)`).toMatch(/^max-age=\d{7,}/);
}

test('every page carries the CSP with a fresh nonce, every API answer a policy that allows nothing, and all nosniff, Referrer-Policy, Permissions-Policy and HSTS', async ({ request, browser }) => {
  const signedIn = await browser.newContext();
  await signInAs(signedIn, 'amara@example.com');
  const answers: [string, APIResponse][] = [];
  for (const url of ['/signin', '/api/health', '/api/v1/sites', '/api/no-such-route', '/api/v1/no/such/route', '/admin']) {
    answers.push([url, await request.get(url, { maxRedirects: 0 })]);
  }
  for (const url of ['/no-such-page', '/admin', '/rooms']) answers.push([`${url} signed in`, await signedIn.request.get(url, { maxRedirects: 0 })]);
  await signedIn.close();
  for (const [url, res] of answers) expectSecurityHeaders(res, `${url} (${res.status()})`);
  expect(answers.find(([u]) => u === '/no-such-page signed in')![1].status()).toBe(404);
  expect(answers.find(([u]) => u === '/admin signed in')![1].status()).toBe(403);
  // An API path Nook does not serve answers JSON, as an API client expects.
  for (const u of ['/api/no-such-route', '/api/v1/no/such/route']) {
    const res = answers.find(([a]) => a === u)![1];
    expect(res.status(), u).toBe(404);
    expect(await res.json(), u).toEqual({ error: 'There is no such API route.' });
  }
  expect(answers.find(([u]) => u === '/api/v1/sites')![1].status()).toBe(401);
  // A new nonce each time, and Next.js puts exactly that nonce on its own scripts.
  const a = await request.get('/signin');
  const b = await request.get('/signin');
  expect(nonceOf(a)).not.toBe(nonceOf(b));
  const html = await a.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, 'every script tag has the nonce').toContain(`nonce="${nonceOf(a)}"`);
});

/** Console errors, page errors and CSP violations seen while visiting pages. */
function watch(page: Page) {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}
async function expectHydrated(page: Page) {
  await expect
    .poll(() => page.evaluate(() => Object.keys(document.querySelector('main') ?? document.body).some((k) => k.startsWith('__reactFiber'))), {
      message: 'React hydrated the page',
    })
    .toBe(true);
  const violations = await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
  expect(violations).toEqual([]);
}

test('pages hydrate and run under the CSP with no console errors', async ({ browser }) => {
  const employee = await browser.newContext();
  const admin = await browser.newContext();
  const recordViolations = () => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} on ${location.pathname}`));
  };
  await employee.addInitScript(recordViolations);
  await admin.addInitScript(recordViolations);
  try {
    // Sign in through the page itself: the demo form is a client component and a server action.
    const page = await employee.newPage();
    const problems = watch(page);
    await page.goto('/signin');
    await expectHydrated(page);
    await page.getByRole('button', { name: /Amara Okafor/ }).click();
    await expect(page).toHaveURL(/\/$/);
    const roomId = await roomIdByName(employee, 'Wellness Room 3');
    for (const url of ['/', '/rooms', `/rooms/${roomId}`, '/bookings', '/settings']) {
      await page.goto(url);
      await expectHydrated(page);
    }
    // Client-side navigation works (a hydrated Link, not a full load).
    await page.getByRole('link', { name: 'My bookings' }).first().click();
    await expect(page).toHaveURL(/\/bookings$/);
    expect(problems).toEqual([]);

    await signInAs(admin, 'admin@example.com');
    const adminPage = await admin.newPage();
    const adminProblems = watch(adminPage);
    for (const url of ['/admin', '/admin/people', '/admin/audit', `/admin/rooms/${roomId}`, '/hr']) {
      await adminPage.goto(url);
      await expectHydrated(adminPage);
    }
    expect(adminProblems).toEqual([]);
  } finally {
    await employee.close();
    await admin.close();
  }
});

test('server actions refuse a cross-origin POST', async ({ browser }) => {
  const ctx = await browser.newContext();
  try {
    const page = await ctx.newPage();
    await page.goto('/signin');
    await expectHydrated(page);
    // Capture the real action request the form sends, without letting it reach the server.
    let captured: { url: string; headers: Record<string, string>; body: string } | null = null;
    await page.route('**/signin**', async (route) => {
      const req = route.request();
      if (req.method() === 'POST' && req.headers()['next-action']) {
        captured = { url: req.url(), headers: req.headers(), body: req.postData() ?? '' };
        await route.abort();
      } else await route.continue();
    });
    await page.getByRole('button', { name: /Beth Lindqvist/ }).click();
    await expect.poll(() => captured).not.toBeNull();
    const c = captured!;
    const replay = (origin: string) =>
      ctx.request.post(c.url, {
        headers: { 'next-action': c.headers['next-action']!, 'content-type': c.headers['content-type']!, accept: 'text/x-component', origin },
        data: Buffer.from(c.body),
        maxRedirects: 0,
      });
    const foreign = await replay('https://evil.example');
    expect(foreign.status(), 'cross-origin action refused').toBeGreaterThanOrEqual(400);
    expect(foreign.headers()['set-cookie'] ?? '').not.toContain('authjs.session-token');
    // The same request from the app's own origin is accepted (so the refusal above is about the origin).
    const own = await replay(new URL(c.url).origin);
    expect(own.status()).toBeLessThan(400);
    expect(own.headers()['set-cookie'] ?? '').toContain('authjs.session-token');
  } finally {
    await ctx.close();
  }
});

test('x-middleware-subrequest skips no check on pages, routes or actions', async ({ browser, request }) => {
  const employee = await browser.newContext();
  await signInAs(employee, 'amara@example.com');
  try {
    for (const value of SUBREQUEST_HEADERS) {
      const headers = { 'x-middleware-subrequest': value };
      // Signed out: guarded pages still send to sign-in, routes still answer 401.
      for (const url of ['/', '/admin', '/admin/people', '/hr', '/bookings']) {
        const res = await request.get(url, { headers, maxRedirects: 0 });
        expect([307, 308, 303, 302], `${url} with ${value}`).toContain(res.status());
        expect(res.headers()['location'], `${url} with ${value}`).toContain('/signin');
        expectSecurityHeaders(res, `${url} with ${value}`);
      }
      expect((await request.get('/api/v1/bookings?from=2030-01-01T00:00:00Z&to=2030-01-02T00:00:00Z', { headers })).status()).toBe(401);
      const exported = await request.get('/admin/audit/export', { headers, maxRedirects: 0 });
      expect(exported.headers()['location'] ?? '', 'the audit export still sends a signed-out caller to sign-in').toContain('/signin');
      expect((await request.post('/api/v1/bookings', { headers, data: {} })).status()).toBe(401);
      // Signed in as an employee: staff pages and routes are still refused.
      for (const url of ['/admin', '/admin/people', '/admin/audit', '/hr']) {
        expect((await employee.request.get(url, { headers, maxRedirects: 0 })).status(), `${url} as employee with ${value}`).toBe(403);
      }
      expect((await employee.request.get('/admin/audit/export', { headers })).status()).toBe(403);
    }
  } finally {
    await employee.close();
  }
});

test('the named day view of a room is for HR and admins, and every view is audited', async ({ browser }) => {
  const DAY = openDayAhead(4);
  const beth = await browser.newContext();
  const hr = await browser.newContext();
  const admin = await browser.newContext();
  const employee = await browser.newContext();
  try {
    await signInAs(beth, 'beth@example.com');
    await signInAs(hr, 'hr@example.com');
    await signInAs(admin, 'admin@example.com');
    await signInAs(employee, 'dana@example.com');
    const roomId = await roomIdByName(beth, 'Wellness Room 3');
    expect((await apiBook(beth, roomId, nyInstant(DAY, '11:00'), nyInstant(DAY, '11:30'))).status()).toBe(201);

    expect((await employee.request.get(`/admin/rooms/${roomId}/day?date=${DAY}`, { maxRedirects: 0 })).status()).toBe(403);

    const page = await hr.newPage();
    // HR finds it from the HR overview, which says the view is audited.
    await page.goto('/hr');
    await expect(page.getByRole('region', { name: 'Who booked a room' })).toContainText('written to the audit log');
    await page.getByRole('link', { name: /^Wellness Room 3\s*: who booked it, by day$/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Wellness Room 3: who booked on');
    for (const viewport of [DESKTOP, PHONE]) {
      await page.setViewportSize(viewport);
      await page.goto(`/admin/rooms/${roomId}/day?date=${DAY}`);
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Wellness Room 3: who booked on');
      await expect(page.getByRole('row', { name: /11:00 to 11:30 .* Beth Lindqvist/ })).toBeVisible();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      await page.screenshot({ path: `test-results/room-day-${viewport.width}.png`, fullPage: true });
    }
    // A date that cannot be read says so and shows today.
    await page.goto(`/admin/rooms/${roomId}/day?date=2026-02-31`);
    await expect(page.getByRole('alert').filter({ hasText: 'That date could not be read' })).toBeVisible();

    const adminPage = await admin.newPage();
    await adminPage.goto(`/admin/audit?action=room.schedule_viewed`);
    const rows = adminPage.getByRole('row').filter({ hasText: 'room.schedule_viewed' });
    await expect(rows.filter({ hasText: DAY }).filter({ hasText: 'Helen Reyes' })).toHaveCount(2);
    // The view opened from the overview (today) is audited too.
    await expect(rows.filter({ hasText: 'Helen Reyes' })).toHaveCount(4);
    await expect(rows.first()).toContainText('Wellness Room 3');
  } finally {
    await Promise.all([beth, hr, admin, employee].map((c) => c.close()));
  }
});
