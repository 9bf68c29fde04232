import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, signInMany } from '@/bench/load';
import { DEMO_SITE_HOURS } from '@/db/seed';
import { zonedInstant } from '@/lib/time';
import { BACKEND_HEADER, freePortsIn, startBalancer, startNookInstance, type Balancer, type NookInstance } from '@/scripts/balancer';
import { nextOpenDay, openDayAhead } from './clock';

/**
 * Two Nook instances (`next start` over the production build, jobs on in both) behind HAProxy,
 * on one fresh PostgreSQL database. Through the balancer: a booking race has exactly one winner
 * per station, a rate limit counts both instances' requests, and "sign out everywhere" and a
 * deactivation end a session on both at the next request. In the database: each scheduled job
 * runs once per due time while both instances look for due jobs every 200 ms.
 *
 * Run by scripts/e2e.mjs after `next build`, when TEST_DATABASE_URL is set:
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx vitest run --config vitest.cluster.config.mts
 * Ports come from 3400–3499 (CLUSTER_PORTS=from-to to change).
 */

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
/** The production build the instances serve (next.config.mjs reads the same variable). */
const DIST = process.env.NEXT_DIST_DIR || '.next';
const NY = 'America/New_York';
const CROWD = 20;
const STATIONS = 3; // Wellness Room 3
const BOOKING_LIMIT = 4; // RATE_LIMIT_BOOKING on both instances, per person

type Answer = { status: number; by: string; body: Record<string, unknown>; headers: Headers };

describe.runIf(!!process.env.TEST_DATABASE_URL)('two instances behind a load balancer, one PostgreSQL', () => {
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const dbName = `nook_cluster_${crypto.randomBytes(4).toString('hex')}`;
  const dbUrl = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
  let sql: postgres.Sql;
  let a: NookInstance | undefined;
  let b: NookInstance | undefined;
  let lb: Balancer | undefined;
  let wellnessId: string;
  let raceDay: string;

  /** A request through the balancer (or straight to one instance with `base`), with who answered. */
  async function call(method: string, urlPath: string, cookie: string | null, options: { body?: unknown; base?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
    const base = options.base ?? lb!.url;
    const res = await fetch(`${base}${urlPath}`, {
      method,
      redirect: 'manual',
      headers: { ...(cookie ? { cookie } : {}), ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      body = { text };
    }
    return { status: res.status, by: res.headers.get(BACKEND_HEADER) ?? (base === a?.url ? 'direct-a' : base === b?.url ? 'direct-b' : '?'), body, headers: res.headers };
  }

  /** GET of one's own bookings: 200 while the session holds, 401 once it has ended. */
  const ownBookings = (cookie: string, base?: string) => call('GET', `/api/v1/bookings?from=${encodeURIComponent(zonedInstant(raceDay, '00:00', NY).toISOString())}&to=${encodeURIComponent(zonedInstant(raceDay, '23:00', NY).toISOString())}`, cookie, { base });

  beforeAll(async () => {
    if (!fs.existsSync(path.join(ROOT, DIST, 'BUILD_ID'))) throw new Error(`No production build in ${DIST}: run \`npx next build\` first (scripts/e2e.mjs does).`);
    const maintenance = postgres(adminUrl, { max: 1, onnotice: () => {} });
    try {
      await maintenance.unsafe(`create database ${dbName}`);
      await maintenance.unsafe(`alter database ${dbName} set synchronous_commit = off`);
    } finally {
      await maintenance.end();
    }
    const cliEnv = { ...process.env, DATABASE_URL: dbUrl };
    for (const cli of ['db/migrate-cli.ts', 'db/seed-cli.ts']) {
      const r = spawnSync('npx', ['tsx', cli], { cwd: ROOT, env: cliEnv, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`${cli} failed:\n${r.stdout}\n${r.stderr}`);
    }
    sql = postgres(dbUrl, { max: 4, onnotice: () => {} });
    // A crowd of employees at the New York site, added as an HR system would.
    await sql`insert into users (email, name, site_id)
      select 'crowd' || i || '@example.com', 'Crowd Person ' || i, (select id from sites where time_zone = ${NY})
      from generate_series(1, ${CROWD}) as i`;
    const [room] = await sql<{ id: string }[]>`select id from rooms where name = 'Wellness Room 3'`;
    wellnessId = room!.id;
    // The next day Wellness Room 3 opens, two days on at least, and not one of the site's holidays.
    const holidays = new Set((await sql<{ date: string }[]>`select h.date::text as date from site_holidays h join sites s on s.id = h.site_id where s.time_zone = ${NY}`).map((h) => h.date));
    raceDay = openDayAhead(DEMO_SITE_HOURS.ny, NY, 2);
    while (holidays.has(raceDay)) raceDay = nextOpenDay(DEMO_SITE_HOURS.ny, raceDay);

    const [range, from, to] = /^(\d+)-(\d+)$/.exec(process.env.CLUSTER_PORTS ?? '3400-3499') ?? [];
    if (!range) throw new Error('CLUSTER_PORTS must look like 3400-3499');
    const [portA, portB, portLb] = (await freePortsIn(Number(from), Number(to), 3)) as [number, number, number];
    const env = {
      DATABASE_URL: dbUrl,
      AUTH_SECRET: crypto.randomBytes(32).toString('base64url'), // the same for both: a cookie from one is good at the other
      AUTH_DEMO: '1',
      AUTH_TRUST_HOST: 'true',
      NOOK_JOBS: '1',
      NOOK_JOBS_INTERVAL: '200ms',
      RATE_LIMIT_BOOKING: `${BOOKING_LIMIT}/10m`,
      RATE_LIMIT_SIGNIN_IP: '1000/15m', // every sign-in here comes from 127.0.0.1
      TEST_DATABASE_URL: '',
    };
    [a, b] = await Promise.all([startNookInstance({ port: portA, env, cwd: ROOT }), startNookInstance({ port: portB, env, cwd: ROOT })]);
    lb = await startBalancer({ port: portLb, backends: [{ port: portA, name: 'nook-a' }, { port: portB, name: 'nook-b' }] });
  });

  afterAll(async () => {
    for (const proc of [a, b]) {
      try {
        if (proc?.server.proc.pid) process.kill(-proc.server.proc.pid, 'SIGCONT');
      } catch {
        // already gone
      }
    }
    await lb?.stop();
    await Promise.all([a?.stop(), b?.stop()]);
    await sql?.end();
    const maintenance = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await maintenance.unsafe(`drop database if exists ${dbName} with (force)`);
    await maintenance.end();
  });

  it('a booking race across both instances has exactly one winner per station', async () => {
    const emails = Array.from({ length: CROWD }, (_, i) => `crowd${i + 1}@example.com`);
    const cookies = await signInMany(lb!.url, emails, 4);
    const start = zonedInstant(raceDay, '10:00', NY);
    const end = new Date(start.getTime() + 30 * 60_000);
    const answers = await Promise.all(cookies.map((cookie) => call('POST', '/api/v1/bookings', cookie, { body: { roomId: wellnessId, start: start.toISOString(), end: end.toISOString() } })));

    const summary = answers.map((r) => `${r.status} from ${r.by}`);
    console.log(`booking race on ${raceDay}: ${summary.join(', ')}`);
    const won = answers.filter((r) => r.status === 201);
    const full = answers.filter((r) => r.status === 409);
    expect(won, summary.join(', ')).toHaveLength(STATIONS);
    expect(full, summary.join(', ')).toHaveLength(CROWD - STATIONS);
    for (const r of full) expect(r.body.error).toMatch(/Every station in Wellness Room 3 is taken/);
    expect(new Set(won.map((r) => r.body.stationId)).size).toBe(STATIONS);
    // The balancer sent the race to both instances, round robin.
    for (const name of lb!.names) expect(answers.filter((r) => r.by === name).length, `${name} answered ${summary.join(', ')}`).toBeGreaterThanOrEqual(CROWD / 4);

    const [live] = await sql<{ n: number }[]>`select count(*)::int as n from bookings where room_id = ${wellnessId} and status = 'booked' and start_at = ${start}`;
    expect(live!.n).toBe(STATIONS);
    const [pairs] = await sql<{ n: number }[]>`
      select count(*)::int as n
      from bookings x
      join bookings y on x.station_id = y.station_id and x.id < y.id
      where x.status = 'booked' and y.status = 'booked'
        and tstzrange(x.start_at, x.block_end, '[)') && tstzrange(y.start_at, y.block_end, '[)')`;
    expect(pairs!.n).toBe(0);
  });

  it('a rate limit counts the requests both instances answered', async () => {
    const cookie = await signIn(lb!.url, 'amara@example.com');
    const day = nextOpenDay(DEMO_SITE_HOURS.ny, raceDay);
    const start = zonedInstant(day, '11:00', NY);
    const body = { roomId: wellnessId, start: start.toISOString(), end: new Date(start.getTime() + 30 * 60_000).toISOString() };
    // One after another, so round robin alternates the instances.
    const answers: Answer[] = [];
    for (let i = 0; i < BOOKING_LIMIT + 2; i++) answers.push(await call('POST', '/api/v1/bookings', cookie, { body }));
    const summary = answers.map((r) => `${r.status} from ${r.by}`).join(', ');
    console.log(`rate limit ${BOOKING_LIMIT}/10m per person: ${summary}`);

    const counted = answers.slice(0, BOOKING_LIMIT);
    const over = answers.slice(BOOKING_LIMIT);
    expect(counted.map((r) => r.status), summary).not.toContain(429);
    expect(counted[0]!.status, summary).toBe(201);
    for (const r of over) {
      expect(r.status, summary).toBe(429);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(r.body.error).toMatch(/Too many booking changes in a short time\. Try again in/);
    }
    // Neither instance alone had counted BOOKING_LIMIT attempts when it refused: the count is shared.
    for (const name of lb!.names) {
      const ownCounted = counted.filter((r) => r.by === name).length;
      expect(ownCounted, summary).toBeGreaterThan(0);
      expect(ownCounted, summary).toBeLessThan(BOOKING_LIMIT);
    }
    expect(new Set(over.map((r) => r.by)).size, `both instances refuse: ${summary}`).toBe(2);
  });

  it('"sign out everywhere" ends the session on both instances at the next request', async () => {
    const cookie = await signIn(lb!.url, 'beth@example.com');
    for (const base of [a!.url, b!.url, lb!.url]) expect((await ownBookings(cookie, base)).status, base).toBe(200);

    // The request the Settings page's "Sign out everywhere" button sends.
    const res = await fetch(`${lb!.url}/settings`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'next-action': serverActionId('app/(employee)/settings/actions.ts', 'signOutEverywhereAction'), accept: 'text/x-component', origin: lb!.url, 'content-type': 'text/plain;charset=UTF-8' },
      body: '[]',
    });
    await res.arrayBuffer();
    expect(res.status, 'the action answered').toBeLessThan(400);
    const answered = [...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n');
    expect(res.headers.get('x-action-redirect') ?? '', answered).toContain('/signin?signedOut=1');

    for (const base of [a!.url, b!.url, lb!.url]) {
      const after = await ownBookings(cookie, base);
      expect(after.status, `${base} after sign out everywhere`).toBe(401);
    }
  });

  it('a deactivation ends the session on both instances at the next request', async () => {
    const cookie = await signIn(lb!.url, 'dana@example.com');
    for (const base of [a!.url, b!.url, lb!.url]) expect((await ownBookings(cookie, base)).status, base).toBe(200);

    // An admin presses "Deactivate" for Dana on /admin/people, as a browser submits that form
    // (claiming another address in X-Forwarded-For, which the balancer replaces).
    const adminCookie = await signIn(lb!.url, 'admin@example.com');
    const page = await fetch(`${lb!.url}/admin/people`, { headers: { cookie: adminCookie } });
    expect(page.status).toBe(200);
    const form = formAround(await page.text(), 'aria-label="Deactivate Dana Morales"');
    const res = await fetch(`${lb!.url}/admin/people`, { method: 'POST', redirect: 'manual', headers: { cookie: adminCookie, origin: lb!.url, 'x-forwarded-for': '203.0.113.9' }, body: form });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('Dana Morales is deactivated and signed out everywhere.');

    for (const base of [a!.url, b!.url, lb!.url]) {
      const after = await ownBookings(cookie, base);
      expect(after.status, `${base} after the deactivation`).toBe(401);
    }
    const [dana] = await sql<{ id: string; active: boolean }[]>`select id, active from users where email = 'dana@example.com'`;
    expect(dana!.active).toBe(false);
    // The audit log has the address the balancer saw, not the one the client claimed.
    const audit = await sql<{ ip: string | null }[]>`select ip from audit_log where action = 'person.deactivated' and target_id = ${dana!.id}`;
    expect(audit.map((r) => r.ip)).toEqual(['127.0.0.1']);
  });

  it('each scheduled job runs once per due time while both instances look for due jobs', async () => {
    type JobRow = { name: string; runs: number; last_error: string | null };
    const jobs = async () => new Map((await sql<JobRow[]>`select name, runs, last_error from jobs`).map((j) => [j.name, j]));
    const waitUntil = async (what: string, ok: (rows: Map<string, JobRow>) => boolean, timeoutMs = 20_000) => {
      const t0 = Date.now();
      for (;;) {
        const rows = await jobs();
        if (ok(rows)) return rows;
        if (Date.now() - t0 > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms: ${JSON.stringify([...rows.values()])}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    // Every job ran once at start-up (a new job is due at once).
    const names = [...(await waitUntil('every job ran at start-up', (rows) => rows.size >= 5 && [...rows.values()].every((j) => j.runs >= 1))).keys()];

    /** Makes every job due now, waits until each has run, then watches a second more (5 looks by each instance). */
    const round = async (label: string) => {
      const before = new Map((await sql<JobRow[]>`update jobs set run_at = now() returning name, runs, last_error`).map((j) => [j.name, j.runs]));
      await waitUntil(`${label}: every job ran`, (rows) => names.every((n) => rows.get(n)!.runs > before.get(n)!));
      await new Promise((r) => setTimeout(r, 1_000));
      const after = await jobs();
      console.log(`${label}: ${names.map((n) => `${n} +${after.get(n)!.runs - before.get(n)!}`).join(', ')}`);
      for (const n of names) {
        expect(after.get(n)!.runs - before.get(n)!, `${label}: runs of ${n}`).toBe(1);
        expect(after.get(n)!.last_error, `${label}: ${n}`).toBeNull();
      }
    };
    for (let i = 1; i <= 6; i++) await round(`due time ${i}, both instances looking`);

    // Each instance does run the jobs: with the other one paused, it alone takes the next due time.
    for (const [paused, label] of [
      [a!, 'instance A paused'],
      [b!, 'instance B paused'],
    ] as const) {
      process.kill(-paused.server.proc.pid!, 'SIGSTOP');
      try {
        await round(label);
      } finally {
        process.kill(-paused.server.proc.pid!, 'SIGCONT');
      }
    }
    expect((await ownHealth(a!.url)).status).toBe(200);
    expect((await ownHealth(b!.url)).status).toBe(200);
  });
});

const ownHealth = (base: string) => fetch(`${base}/api/health`, { signal: AbortSignal.timeout(30_000) });

/** The id Next.js gave a server action in this build (from .next/server/server-reference-manifest.json). */
function serverActionId(file: string, exportName: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, DIST, 'server', 'server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, v]) => v.exportedName === exportName && v.filename?.endsWith(file));
  if (!found) throw new Error(`No server action ${exportName} from ${file} in this build`);
  return found[0];
}

/** The fields of the form around `marker` in `html` (its hidden inputs), as the browser would submit them. */
function formAround(html: string, marker: string): FormData {
  const at = html.indexOf(marker);
  if (at < 0) throw new Error(`no ${marker} on the page`);
  const start = html.lastIndexOf('<form', at);
  const end = html.indexOf('</form>', at);
  if (start < 0 || end < 0) throw new Error(`${marker} is not inside a form`);
  const form = new FormData();
  const unescape = (v: string) => v.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  for (const [input] of html.slice(start, end).matchAll(/<input\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(input)?.[1];
    if (!name) continue;
    form.append(unescape(name), unescape(/\bvalue="([^"]*)"/.exec(input)?.[1] ?? ''));
  }
  return form;
}
