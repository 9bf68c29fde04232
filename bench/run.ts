/**
 * `npm run bench [-- --quick] [-- --pglite]`: builds Nook into .next-bench when needed,
 * seeds a large data set, drives the production server with autocannon through signed-in
 * sessions, measures the baselines in the same run, prints a table and writes
 * bench/results.json (one key per figure of QUALITY.md's Performance table).
 *
 * Options: --quick (50k bookings, short runs) · --pglite (the embedded database) ·
 * --rebuild / --no-build · --bookings=N · --seconds=N (each measured load run) ·
 * --instances 2 (booking and page throughput through HAProxy in front of one, then two Nook
 * processes on the same PostgreSQL: scale_2x).
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) must be allowed
 * to create databases; the bench makes nook_bench_<random> and drops it at the end.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openPglite as openPgliteRaw, openPostgres as openPostgresRaw, type Db, type DbHandle } from '@/db/client';
import { explainBusy, firstBenchPersonId, siteWeek, timeAvailability, weekSamples } from './availability';
import { buildStaleReason, DIST_DIR, firstLoadJs, staticPages } from './build-info';
import { canMeasureCpu, cpuMeter, type CpuSplit } from './cpu';
import { measureVitals, type Vitals } from './vitals';
import { startBalancer } from '../scripts/balancer';
import { localParts } from '@/lib/time';
import { seedFeedPerson } from './feed';
import { measurePlanCreation } from './plan';
import { measureReport } from './report';
import { freePort, runLoad, signInMany, startProcess, waitFor, type LoadResult, type Server } from './load';
import {
  benchEmails,
  benchRooms,
  bookingCandidates,
  FULL_SHAPE,
  QUICK_SHAPE,
  rng,
  seedBench,
  SMALL_BOOKINGS,
  type BenchRoom,
  type BenchShape,
  type Candidate,
} from './seed';
import { median, percentile, round, table } from './stats';

const ROOT = process.cwd();
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];

const quick = flag('quick');
const usePglite = flag('pglite');
const shape: BenchShape = { ...(quick ? QUICK_SHAPE : FULL_SHAPE), ...(option('bookings') ? { bookings: Number(option('bookings')) } : {}) };
const seconds = Number(option('seconds') ?? (quick ? 6 : 20));
const warmSeconds = quick ? 2 : 4;
const sessionCount = quick ? 100 : 250;
const coldRuns = quick ? 1 : 3;
/** --instances 2: also run the booking and page loads through HAProxy in front of one, then two Nook processes. */
const instancesArg = option('instances') ?? (args.includes('--instances') ? args[args.indexOf('--instances') + 1] : undefined);
const instances = Number(instancesArg ?? 1);
if (!Number.isInteger(instances) || instances < 1 || instances > 2) throw new Error('--instances takes 1 or 2');
if (instances > 1 && usePglite) throw new Error('--instances 2 needs PostgreSQL: the embedded database serves one process');

const t0 = performance.now();
const log = (msg: string) => console.log(`[bench ${((performance.now() - t0) / 1000).toFixed(0).padStart(4)}s] ${msg}`);

type Figure = { value: number | null; baseline: number | null; target: number | null; pass: boolean | null; unit: string; note: string };
type Direction = 'min' | 'max';
/** A floor measured in the same run has no target of its own: it is what the figures above it are read against. */
const TARGETS: Record<string, { target: number | null; dir: Direction; unit: string }> = {
  cpu_ms_per_empty_handler: { target: null, dir: 'max', unit: 'CPU ms' },
  cpu_ms_per_dynamic_page: { target: null, dir: 'max', unit: 'CPU ms' },
  cpu_ms_per_booking: { target: 4, dir: 'max', unit: 'CPU ms' },
  cpu_ms_per_room_page: { target: 5, dir: 'max', unit: 'CPU ms' },
  cpu_ms_per_availability: { target: null, dir: 'max', unit: 'CPU ms' },
  cpu_ms_per_feed: { target: 2, dir: 'max', unit: 'CPU ms' },
  booking_vs_handler: { target: 0.5, dir: 'min', unit: 'ratio' },
  page_vs_dynamic: { target: 0.5, dir: 'min', unit: 'ratio' },
  booking_p50_c1_ms: { target: 8, dir: 'max', unit: 'ms' },
  room_page_p50_c1_ms: { target: 25, dir: 'max', unit: 'ms' },
  booking_ratio: { target: 0.5, dir: 'min', unit: 'ratio' },
  booking_p95_ms: { target: 100, dir: 'max', unit: 'ms' },
  availability_growth: { target: 1.5, dir: 'max', unit: 'ratio' },
  availability_p95_ms: { target: 10, dir: 'max', unit: 'ms' },
  page_ratio: { target: 0.3, dir: 'min', unit: 'ratio' },
  ics_p95_ms: { target: 50, dir: 'max', unit: 'ms' },
  plan_250_ms: { target: 1000, dir: 'max', unit: 'ms' },
  report_1m_ms: { target: 300, dir: 'max', unit: 'ms' },
  first_load_js_kb: { target: 200, dir: 'max', unit: 'kB gzip' },
  cold_start_ms: { target: 5000, dir: 'max', unit: 'ms' },
  scale_2x: { target: 1.7, dir: 'min', unit: 'ratio' },
  lcp_ms: { target: 1500, dir: 'max', unit: 'ms' },
  cls: { target: 0.05, dir: 'max', unit: '' },
  inp_ms: { target: 100, dir: 'max', unit: 'ms' },
};

function figure(key: string, value: number | null, baseline: number | null, note: string): Figure {
  const t = TARGETS[key]!;
  const pass = value === null || t.target === null ? null : t.dir === 'min' ? value >= t.target : value <= t.target;
  return { value, baseline, target: t.target, pass, unit: t.unit, note };
}

const cleanups: (() => Promise<void>)[] = [];
/** Every database handle the bench opens is closed at the end, even after a failure (closing twice is harmless). */
const openHandles = new Set<DbHandle>();
function tracked(handle: DbHandle): DbHandle {
  let closed = false;
  const h: DbHandle = {
    ...handle,
    close: async () => {
      if (closed) return;
      closed = true;
      openHandles.delete(h);
      await handle.close();
    },
  };
  openHandles.add(h);
  return h;
}
async function cleanUp() {
  // The bench's own database handles first, then the rest in reverse order: servers, databases, folders.
  for (const h of [...openHandles]) await h.close().catch(() => {});
  while (cleanups.length) {
    const fn = cleanups.pop()!;
    try {
      await fn();
    } catch (err) {
      console.error('[bench] clean-up step failed:', err instanceof Error ? err.message : err);
    }
  }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n[bench] ${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}

const openPglite = async (dir?: string) => tracked(await openPgliteRaw(dir));
const openPostgres = (url: string, options?: { max?: number }) => tracked(openPostgresRaw(url, options));

function ensureBuild() {
  const reason = flag('rebuild') ? '--rebuild' : buildStaleReason(ROOT);
  if (!reason) return log(`build: ${DIST_DIR} is up to date`);
  if (flag('no-build')) {
    if (!fs.existsSync(path.join(ROOT, DIST_DIR, 'BUILD_ID'))) throw new Error(`--no-build, but there is no build in ${DIST_DIR}`);
    return log(`build: ${reason}, but --no-build: using the existing ${DIST_DIR}`);
  }
  log(`build: ${reason}; running next build into ${DIST_DIR} …`);
  const r = spawnSync(process.execPath, [nextBin(), 'build'], {
    cwd: ROOT,
    env: { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: '1', DATABASE_URL: '', NODE_ENV: 'production' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`next build failed (exit ${r.status}):\n${(r.stdout ?? '') + (r.stderr ?? '')}`);
  log('build: done');
}

/** Builds bench/static-baseline (a one-page static Next.js app) if it is not built yet; answers its folder. */
function buildStaticBaseline(): string {
  const dir = path.join(ROOT, 'bench', 'static-baseline');
  const built = path.join(dir, '.next-static', 'BUILD_ID');
  const newest = (d: string): number =>
    Math.max(0, ...fs.readdirSync(d, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(path.join(d, e.name)) : fs.statSync(path.join(d, e.name)).mtimeMs)));
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs > newest(path.join(dir, 'app'))) return dir;
  log('build: the static page baseline (bench/static-baseline) …');
  const r = spawnSync(process.execPath, [nextBin(), 'build', dir], { cwd: ROOT, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`next build of the static baseline failed (exit ${r.status}):\n${(r.stdout ?? '') + (r.stderr ?? '')}`);
  return dir;
}

function nextBin() {
  return path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
}

/** Environment for child processes: the caller's, minus anything that would point Nook elsewhere. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  for (const k of ['DATABASE_URL', 'NOOK_DATA_DIR', 'AUTH_SECRET', 'AUTH_DEMO', 'AUTH_URL', 'AUTH_OIDC_ISSUER', 'AUTH_OIDC_ID', 'AUTH_OIDC_SECRET', 'PORT']) delete env[k];
  return { ...env, ...extra };
}

function startNext(port: number, dbEnv: Record<string, string>, extra: Record<string, string> = {}): Server {
  const env = childEnv({ ...dbEnv, ...extra, NODE_ENV: 'production', NEXT_DIST_DIR: DIST_DIR });
  // BENCH_CPU_PROF_DIR=<dir>: the server writes a V8 CPU profile of its whole run there when it stops (open it in Chrome's DevTools).
  const profile = process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF_DIR)}`] : [];
  return startProcess(process.execPath, [...profile, nextBin(), 'start', '-p', String(port), '-H', '127.0.0.1'], env, `http://127.0.0.1:${port}`);
}

/** Where the bench data lives: a PostgreSQL database of its own, or a PGlite data dir. */
type Target = {
  kind: 'postgres' | 'pglite';
  /** For child processes (the Next server and the baseline). */
  env: Record<string, string>;
  open(): Promise<DbHandle>;
  /** The 10k-booking twin for availability_growth. */
  openSmall(): Promise<DbHandle>;
  /** The pids of the PostgreSQL backends connected to the bench database (none for PGlite, which runs inside the server). */
  backends(): Promise<number[]>;
};

async function makeTarget(): Promise<Target> {
  if (usePglite) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nook-bench-'));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    log(`database: PGlite in ${dir}`);
    return { kind: 'pglite', env: { NOOK_DATA_DIR: dir }, open: () => openPglite(dir), openSmall: () => openPglite(), backends: async () => [] };
  }
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  cleanups.push(() => admin.end({ timeout: 5 }));
  const name = `nook_bench_${crypto.randomBytes(4).toString('hex')}`;
  const urlOf = (db: string) => {
    const u = new URL(adminUrl);
    u.pathname = `/${db}`;
    return u.toString();
  };
  for (const db of [name, `${name}_10k`]) {
    await admin.unsafe(`create database ${db}`);
    cleanups.push(async () => {
      await admin.unsafe(`drop database if exists ${db} with (force)`);
    });
  }
  const [{ server_version: version } = { server_version: '?' }] = await admin<{ server_version: string }[]>`show server_version`;
  log(`database: PostgreSQL ${version}, ${name} (and ${name}_10k) on ${new URL(adminUrl).host}`);
  return {
    kind: 'postgres',
    env: { DATABASE_URL: urlOf(name) },
    open: async () => openPostgres(urlOf(name), { max: 4 }),
    openSmall: async () => openPostgres(urlOf(`${name}_10k`), { max: 4 }),
    backends: async () => (await admin<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${name} and backend_type = 'client backend'`).map((r) => r.pid),
  };
}

async function seed(handle: DbHandle, s: BenchShape, now: Date, label: string) {
  await handle.migrate();
  let shown = 0;
  const summary = await seedBench(handle.db, s, now, {
    concurrency: handle.kind === 'postgres' ? 2 : 1,
    onProgress: (done, total) => {
      if (done - shown >= total / 5 || done === total) {
        shown = done;
        log(`seed ${label}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} bookings`);
      }
    },
  });
  log(
    `seed ${label}: ${summary.sites} sites, ${summary.rooms} rooms, ${summary.stations} stations, ${summary.people} people (+ demo), ` +
      `${summary.bookings.toLocaleString('en')} bookings from ${summary.firstDay} in ${(summary.ms / 1000).toFixed(1)} s`,
  );
  return summary;
}

type AvailabilityTiming = { small: number[]; big: number[]; explain: string };

async function measureAvailabilityQuery(big: Db, small: Db, now: Date): Promise<AvailabilityTiming> {
  const [bigRooms, smallRooms] = await Promise.all([benchRooms(big), benchRooms(small)]);
  if (bigRooms.length !== smallRooms.length) throw new Error('The 10k and full databases differ in rooms');
  const samples = weekSamples(bigRooms.length);
  const [bigViewer, smallViewer] = await Promise.all([firstBenchPersonId(big), firstBenchPersonId(small)]);
  // A warm-up pass each, then alternate so both see the same machine noise.
  await timeAvailability(small, smallRooms, samples, smallViewer, now);
  await timeAvailability(big, bigRooms, samples, bigViewer, now);
  const out: AvailabilityTiming = { small: [], big: [], explain: '' };
  for (let round = 0; round < (quick ? 2 : 3); round++) {
    out.small.push(...(await timeAvailability(small, smallRooms, samples, smallViewer, now)));
    out.big.push(...(await timeAvailability(big, bigRooms, samples, bigViewer, now)));
  }
  out.explain = await explainBusy(big, bigRooms[0]!, now);
  return out;
}

/** The 1-, 5- and 15-minute load averages: the machine is shared, so the report says how busy it was. */
function loadavg() {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

function describeLoad(name: string, r: LoadResult) {
  const status = Object.entries(r.status)
    .map(([code, n]) => `${code}:${n}`)
    .join(' ');
  return [name, r.connections, r.rps, r.p50, r.p95, r.p99, `${status}${r.errors ? ` errors:${r.errors}` : ''}${r.timeouts ? ` timeouts:${r.timeouts}` : ''}`];
}

type Metered = { result: LoadResult; cpu: CpuSplit | null };

/** Requests answered (any status below 500). */
function answered(r: LoadResult): number {
  return Object.entries(r.status)
    .filter(([code]) => Number(code) < 500)
    .reduce((a, [, n]) => a + n, 0);
}

/** CPU milliseconds (app + database) per answered request. */
function cpuPerAnswer(m: Metered): number | null {
  const n = answered(m.result);
  return m.cpu && n ? round((m.cpu.appMs + m.cpu.dbMs) / n, 2) : null;
}

function describeCpu(m: Metered): string {
  const per = cpuPerAnswer(m);
  return per === null ? 'CPU not measured' : `${per} CPU ms per answer (app ${round(m.cpu!.appMs)} ms, database ${round(m.cpu!.dbMs)} ms)`;
}

/** One session per request, picked at random from the signed-in people. */
function sessionPicker(sessions: string[], random: () => number) {
  return () => sessions[Math.floor(random() * sessions.length)]!;
}

async function main() {
  const now = new Date();
  log(`machine: ${os.cpus().length} cores, load average ${loadavg()}`);
  log(`${quick ? 'quick' : 'full'} run on ${usePglite ? 'PGlite' : 'PostgreSQL'}: ${shape.bookings.toLocaleString('en')} bookings, ${seconds} s per load run`);
  ensureBuild();
  const firstLoads = firstLoadJs(ROOT);
  // The page baseline: a static page of Nook's own build when it has one, else a one-page static
  // Next.js app (bench/static-baseline) on the same Next.js, started beside it.
  const ownStatic = staticPages(ROOT)[0];
  const staticApp = ownStatic ? null : buildStaticBaseline();
  const staticPage = ownStatic ?? { route: '/', status: 200 };

  // 1. Data: the full data set, and a 10k twin with the same rooms and people.
  const target = await makeTarget();
  const small = await target.openSmall();
  await seed(small, { ...shape, bookings: SMALL_BOOKINGS }, now, '10k');
  let big = await target.open();
  const seeded = await seed(big, shape, now, 'full');

  // 2. The availability query at 10k and at the full size, timed directly, one at a time.
  log('availability query: timing one room-week at a time on both databases …');
  const avail = await measureAvailabilityQuery(big.db, small.db, now);
  await small.close();
  const rooms: BenchRoom[] = await benchRooms(big.db);
  log(`availability query: 10k median ${round(median(avail.small), 2)} ms, full median ${round(median(avail.big), 2)} ms p95 ${round(percentile(avail.big, 95), 2)} ms`);

  // 3. Baseline for booking_ratio: bare node:http + one INSERT per request.
  if (target.kind === 'pglite') await big.close();
  const baselineFrom = new Date(Math.ceil((now.getTime() + 3 * 365 * 86_400_000) / 1_800_000) * 1_800_000);
  const basePort = await freePort();
  const baseline = startProcess(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'bench', 'baseline-server.ts')],
    childEnv({ ...target.env, BASELINE_PORT: String(basePort), BASELINE_FROM: baselineFrom.toISOString() }),
    `http://127.0.0.1:${basePort}`,
  );
  cleanups.push(baseline.stop);
  await waitFor(`${baseline.url}/`, baseline);
  const baseBody = JSON.stringify({ roomId: rooms[0]!.id, start: now.toISOString(), end: now.toISOString() });
  const baseReq: autocannon.Request[] = [{ method: 'POST', path: '/bookings', headers: { 'content-type': 'application/json' }, body: baseBody }];
  log('baseline: bare node:http + postgres INSERT, 50 connections …');
  await runLoad({ url: baseline.url, connections: 50, seconds: warmSeconds, requests: baseReq });
  const baseRun = await runLoad({ url: baseline.url, connections: 50, seconds, requests: baseReq });
  await baseline.stop();
  log(`baseline: ${baseRun.rps} rps, p95 ${baseRun.p95} ms`);
  if (target.kind === 'pglite') big = await target.open();
  await big.db.execute(sql`delete from bookings where start_at >= ${baselineFrom.toISOString()}::timestamptz`);
  // For ics_p95_ms: one person's year of bookings and her feed link, made with the server's secret.
  const serverSecret = crypto.randomBytes(32).toString('base64url');
  const feed = await seedFeedPerson(big.db, serverSecret, now);
  log(`feed: one person with ${feed.bookings} bookings over a year`);
  // plan_250_ms: preview + confirm of a ~250-occurrence pump plan, in process against the full data set.
  const planTiming = await measurePlanCreation(big.db, now, quick ? 3 : 5);
  log(`plan: ${planTiming.occurrences} occurrences (${planTiming.booked} booked), median ${round(median(planTiming.ms), 1)} ms`);
  // report_1m_ms: HR's usage report for one site over 90 days, in process against the full data set.
  const reportTiming = await measureReport(big.db, now, quick ? 3 : 5);
  log(`report: ${reportTiming.rooms} rooms, ${reportTiming.bookings} bookings, median ${round(median(reportTiming.ms), 1)} ms`);
  if (target.kind === 'pglite') await big.close();

  // 4. The production server.
  const port = await freePort();
  // The load comes from one address and a few hundred people at machine speed: the rate limits
  // (which would answer 429) are lifted so the run measures Nook's throughput, not its limiter.
  const unlimited = { RATE_LIMIT_SIGNIN: '999999/1m', RATE_LIMIT_SIGNIN_IP: '999999/1m', RATE_LIMIT_BOOKING: '999999/1m', RATE_LIMIT_FEED: '999999/1m' };
  const server = startNext(port, target.env, { AUTH_DEMO: '1', AUTH_SECRET: serverSecret, ...unlimited });
  cleanups.push(server.stop);
  const bootMs = await waitFor(`${server.url}/api/health`, server, { timeoutMs: 180_000 });
  log(`server: next start on ${server.url} answered /api/health after ${Math.round(bootMs)} ms`);
  const sessions = await signInMany(server.url, benchEmails(sessionCount));
  log(`server: ${sessions.length} people signed in through the demo provider`);

  // CPU per operation: the server's process group (next start and any child it forks) and, on
  // PostgreSQL, the backends serving it, from /proc, divided by the requests answered (not 5xx).
  const cpuOk = canMeasureCpu();
  const metered = async (groups: () => number[], withDb: boolean, run: () => Promise<LoadResult>): Promise<Metered> => {
    const meter = cpuOk ? await cpuMeter(groups, withDb ? target.backends : undefined).start() : null;
    const result = await run();
    return { result, cpu: meter ? await meter.stop() : null };
  };
  const nookGroup = () => [server.proc.pid!];

  const random = rng(42);
  const session = sessionPicker(sessions, random);
  const candidates: Candidate[] = bookingCandidates(rooms, now, 300_000, random);
  let nextCandidate = 0;
  const candidate = () => candidates[nextCandidate++ % candidates.length]!;
  const tzOf = new Map(rooms.map((r) => [r.id, r.timeZone]));
  const availabilityPath = (roomId?: string) => {
    const room = roomId ? rooms.find((r) => r.id === roomId)! : rooms[Math.floor(random() * rooms.length)]!;
    const { from, to } = siteWeek(room.timeZone, now, Math.floor(random() * 5));
    return `/api/v1/rooms/${room.id}/availability?${new URLSearchParams({ from: from.toISOString(), to: to.toISOString() })}`;
  };
  const json = { 'content-type': 'application/json' };

  // 5. The floor under every signed-in API call: session check, person read, one small query.
  const floorReq: autocannon.Request[] = [{ method: 'GET', setupRequest: (req) => ({ ...req, path: '/api/v1/sites', headers: { cookie: session() } }) }];
  log('floor: GET /api/v1/sites signed in, 50 connections …');
  await runLoad({ url: server.url, connections: 10, seconds: warmSeconds, requests: floorReq });
  const floorRun = await runLoad({ url: server.url, connections: 50, seconds: Math.max(5, Math.round(seconds / 2)), requests: floorReq });
  log(`floor: ${floorRun.rps} rps, p95 ${floorRun.p95} ms`);

  // 6. Booking POSTs at 50 connections, spread over rooms, people and the next four weeks.
  const postReq: autocannon.Request[] = [
    {
      method: 'POST',
      path: '/api/v1/bookings',
      setupRequest: (req) => ({ ...req, headers: { ...json, cookie: session() }, body: JSON.stringify(candidate()) }),
    },
  ];
  log('booking API: POST /api/v1/bookings, 50 connections …');
  await runLoad({ url: server.url, connections: 10, seconds: warmSeconds, requests: postReq });
  const postMetered = await metered(nookGroup, true, () => runLoad({ url: server.url, connections: 50, seconds, requests: postReq }));
  const postRun = postMetered.result;
  log(`booking API: ${postRun.rps} rps, p95 ${postRun.p95} ms, ${JSON.stringify(postRun.status)}, ${describeCpu(postMetered)}`);
  // One person at a time: the latency a booking has when nothing else waits.
  const postC1 = await runLoad({ url: server.url, connections: 1, seconds: Math.max(4, Math.round(seconds / 2)), requests: postReq });
  log(`booking API, 1 connection: p50 ${postC1.p50} ms, ${postC1.rps} rps`);

  // 7. Availability reads over HTTP at 50 connections (for the record; the figure is the query).
  const getReq: autocannon.Request[] = [{ method: 'GET', setupRequest: (req) => ({ ...req, path: availabilityPath(), headers: { cookie: session() } }) }];
  log('availability API: GET /api/v1/rooms/:id/availability (a week), 50 connections …');
  await runLoad({ url: server.url, connections: 10, seconds: warmSeconds, requests: getReq });
  const getMetered = await metered(nookGroup, true, () => runLoad({ url: server.url, connections: 50, seconds, requests: getReq }));
  const getRun = getMetered.result;
  log(`availability API: ${getRun.rps} rps, p95 ${getRun.p95} ms, ${describeCpu(getMetered)}`);

  // 8. A realistic mix per connection: look at availability, book, look, move it, look, cancel it.
  let lastKind: string | undefined;
  const kindOf = () => lastKind;
  const look: autocannon.Request = {
    method: 'GET',
    setupRequest: (req, ctx) => {
      ctx.cookie ??= session();
      ctx.kind = 'availability';
      return { ...req, method: 'GET', path: availabilityPath(ctx.roomId as string | undefined), headers: { cookie: ctx.cookie as string }, body: '' };
    },
    onResponse: (_s, _b, ctx) => {
      lastKind = ctx.kind as string;
    },
  };
  const mix: autocannon.Request[] = [
    look,
    look,
    look,
    {
      method: 'POST',
      path: '/api/v1/bookings',
      setupRequest: (req, ctx) => {
        ctx.cookie ??= session();
        ctx.kind = 'book';
        const c = candidate();
        ctx.roomId = c.roomId;
        return { ...req, headers: { ...json, cookie: ctx.cookie as string }, body: JSON.stringify(c) };
      },
      onResponse: (status, body, ctx) => {
        lastKind = ctx.kind as string;
        if (status === 201) ctx.bookingId = (JSON.parse(body) as { id: string }).id;
      },
    },
    look,
    look,
    look,
    {
      method: 'PATCH',
      setupRequest: (req, ctx) => {
        if (!ctx.bookingId) return look.setupRequest!(req, ctx);
        ctx.kind = 'move';
        const roomId = ctx.roomId as string;
        const [c] = bookingCandidates([{ id: roomId, timeZone: tzOf.get(roomId)! }], now, 1, random);
        return { ...req, method: 'PATCH', path: `/api/v1/bookings/${ctx.bookingId as string}`, headers: { ...json, cookie: ctx.cookie as string }, body: JSON.stringify({ start: c!.start, end: c!.end }) };
      },
      onResponse: (_s, _b, ctx) => {
        lastKind = ctx.kind as string;
      },
    },
    look,
    look,
    look,
    {
      method: 'DELETE',
      setupRequest: (req, ctx) => {
        if (!ctx.bookingId) return look.setupRequest!(req, ctx);
        ctx.kind = 'cancel';
        return { ...req, method: 'DELETE', path: `/api/v1/bookings/${ctx.bookingId as string}`, headers: { cookie: ctx.cookie as string }, body: '' };
      },
      onResponse: (_s, _b, ctx) => {
        lastKind = ctx.kind as string;
      },
    },
  ];
  log('mix: availability ×9, book, move, cancel per cycle, 50 connections …');
  const mixRun = await runLoad({ url: server.url, connections: 50, seconds, requests: mix, kindOf });
  log(`mix: ${mixRun.rps} rps, p95 ${mixRun.p95} ms`);

  // 9. The room calendar page against a static page, 10 connections each.
  const pageReq: autocannon.Request[] = [
    { method: 'GET', setupRequest: (req) => ({ ...req, path: `/rooms/${rooms[Math.floor(random() * rooms.length)]!.id}`, headers: { cookie: session() } }) },
  ];
  const staticReq: autocannon.Request[] = [{ method: 'GET', setupRequest: (req) => ({ ...req, path: staticPage.route, headers: { cookie: session() } }) }];
  let staticUrl = server.url;
  let staticServer: Server | null = null;
  if (staticApp) {
    const staticPort = await freePort();
    staticServer = startProcess(process.execPath, [nextBin(), 'start', staticApp, '-p', String(staticPort), '-H', '127.0.0.1'], childEnv({ NODE_ENV: 'production' }), `http://127.0.0.1:${staticPort}`);
    cleanups.push(staticServer.stop);
    await waitFor(`${staticServer.url}/`, staticServer);
    staticUrl = staticServer.url;
  }
  log(`pages: static ${staticApp ? 'baseline app ' : ''}${staticPage.route} (answers ${staticPage.status}) and /rooms/:id, 10 connections …`);
  await runLoad({ url: staticUrl, connections: 10, seconds: warmSeconds, requests: staticReq });
  const staticRun = await runLoad({ url: staticUrl, connections: 10, seconds, requests: staticReq });
  // The least any per-request page and any route handler cost this Next.js here, whatever the app does:
  // the ceilings page_ratio and booking_ratio meet (the baseline app's /dynamic page and /api/ping).
  let ceilings: { page: LoadResult; route: LoadResult; pageCpu: Metered; routeCpu: Metered } | null = null;
  if (staticServer) {
    const dynamicReq: autocannon.Request[] = [{ method: 'GET', path: '/dynamic' }];
    const pingReq: autocannon.Request[] = [{ method: 'GET', path: '/api/ping' }];
    const staticGroup = () => [staticServer!.proc.pid!];
    await runLoad({ url: staticUrl, connections: 10, seconds: warmSeconds, requests: dynamicReq });
    const pageCpu = await metered(staticGroup, false, () => runLoad({ url: staticUrl, connections: 10, seconds, requests: dynamicReq }));
    await runLoad({ url: staticUrl, connections: 10, seconds: warmSeconds, requests: pingReq });
    const routeCpu = await metered(staticGroup, false, () => runLoad({ url: staticUrl, connections: 50, seconds, requests: pingReq }));
    ceilings = { page: pageCpu.result, route: routeCpu.result, pageCpu, routeCpu };
    log(`ceilings: an empty dynamic page ${pageCpu.result.rps} rps (${describeCpu(pageCpu)}), an empty route handler ${routeCpu.result.rps} rps (${describeCpu(routeCpu)})`);
  }
  await staticServer?.stop();
  await runLoad({ url: server.url, connections: 10, seconds: warmSeconds, requests: pageReq });
  const pageMetered = await metered(nookGroup, true, () => runLoad({ url: server.url, connections: 10, seconds, requests: pageReq }));
  const pageRun = pageMetered.result;
  log(`pages: static ${staticRun.rps} rps, room page ${pageRun.rps} rps, ${describeCpu(pageMetered)}`);
  const pageC1 = await runLoad({ url: server.url, connections: 1, seconds: Math.max(4, Math.round(seconds / 2)), requests: pageReq });
  log(`room page, 1 connection: p50 ${pageC1.p50} ms`);

  // 9b. A year of one person's bookings as her calendar feed, requested over and over by one client (no If-None-Match: full renders).
  const icsReq: autocannon.Request[] = [{ method: 'GET', path: feed.path }];
  const icsBytes = Buffer.byteLength(await (await fetch(`${server.url}${feed.path}`)).text(), 'utf8');
  log(`feed: GET /api/feeds/<token>.ics (${feed.bookings} bookings, ${round(icsBytes / 1024, 1)} KiB), 1 connection …`);
  await runLoad({ url: server.url, connections: 1, seconds: warmSeconds, requests: icsReq });
  const icsRun = await runLoad({ url: server.url, connections: 1, seconds, requests: icsReq });
  log(`feed: ${icsRun.rps} rps, p95 ${icsRun.p95} ms`);
  // 9c. The same unchanged feed as calendar clients poll it: with the ETag of their last copy (If-None-Match).
  const etag = (await fetch(`${server.url}${feed.path}`)).headers.get('etag') ?? '';
  const pollReq: autocannon.Request[] = [{ method: 'GET', path: feed.path, headers: { 'if-none-match': etag } }];
  await runLoad({ url: server.url, connections: 4, seconds: warmSeconds, requests: pollReq });
  const pollMetered = await metered(nookGroup, true, () => runLoad({ url: server.url, connections: 4, seconds, requests: pollReq }));
  const pollRun = pollMetered.result;
  log(`feed, unchanged (If-None-Match): ${pollRun.rps} rps, p95 ${pollRun.p95} ms, ${JSON.stringify(pollRun.status)}, ${describeCpu(pollMetered)}`);
  // 9c'. Scale-out: the same booking and page loads through HAProxy in front of one instance, then two.
  let scale: { one: { booking: LoadResult; page: LoadResult }; two: { booking: LoadResult; page: LoadResult } } | null = null;
  if (instances >= 2) {
    const secondPort = await freePort();
    const second = startNext(secondPort, target.env, { AUTH_DEMO: '1', AUTH_SECRET: serverSecret, ...unlimited });
    cleanups.push(second.stop);
    await waitFor(`${second.url}/api/health`, second, { timeoutMs: 180_000 });
    const through = async (backends: number[]) => {
      const balancer = await startBalancer({ port: await freePort(), backends: backends.map((p, i) => ({ port: p, name: `nook${i + 1}` })) });
      try {
        await runLoad({ url: balancer.url, connections: 10, seconds: warmSeconds, requests: postReq });
        const booking = await runLoad({ url: balancer.url, connections: 50, seconds, requests: postReq });
        await runLoad({ url: balancer.url, connections: 10, seconds: warmSeconds, requests: pageReq });
        const page = await runLoad({ url: balancer.url, connections: 20, seconds, requests: pageReq });
        return { booking, page };
      } finally {
        await balancer.stop();
      }
    };
    const one = await through([port]);
    const two = await through([port, secondPort]);
    scale = { one, two };
    await second.stop();
    log(`scale-out: bookings ${one.booking.answeredRps} → ${two.booking.answeredRps} answered/s, room pages ${one.page.rps} → ${two.page.rps} rps (one → two instances behind HAProxy)`);
  }

  // 9d. Vitals in Chromium as a phone on fast 4G with a 4× slower CPU: Home, a room page, My bookings; INP of booking a slot.
  let vitals: Vitals | null = null;
  try {
    const room = rooms[0]!;
    const [slot] = bookingCandidates([room], now, 1, rng(7));
    const local = localParts(new Date(slot!.start), room.timeZone);
    vitals = await measureVitals({
      baseUrl: server.url,
      sessionCookie: sessions[0]!,
      paths: ['/', `/rooms/${room.id}`, '/bookings'],
      roomPath: `/rooms/${room.id}`,
      bookDate: local.date,
      bookTime: local.time,
    });
    log(`vitals: ${vitals.pages.map((p) => `${p.path} LCP ${p.lcpMs} ms CLS ${p.cls}`).join(' · ')} · INP of booking ${vitals.inpMs} ms (${vitals.booked.slice(0, 60)})`);
  } catch (err) {
    log(`vitals: not measured (${err instanceof Error ? err.message.split('\n')[0] : err})`);
  }
  await server.stop();
  if (target.kind === 'postgres') await big.close();

  // 10. Cold start of the embedded default: a fresh data dir, process start to GET /signin 200.
  const colds: number[] = [];
  const coldSteps: string[] = [];
  for (let i = 0; i < coldRuns; i++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nook-bench-cold-'));
    const coldPort = await freePort();
    const started = performance.now();
    const cold = startNext(coldPort, { NOOK_DATA_DIR: dir });
    try {
      await waitFor(`${cold.url}/signin`, cold, { everyMs: 20, timeoutMs: 120_000 });
      const total = performance.now() - started;
      colds.push(total);
      const at = (re: RegExp) => {
        const ms = cold.lineAt(re);
        return ms === undefined ? '?' : String(Math.round(ms));
      };
      coldSteps.push(`"Ready" ${at(/Ready in/)} ms, demo data seeded ${at(/seeded with demo data/)} ms, database ready ${at(/database ready/)} ms, /signin 200 ${Math.round(total)} ms`);
    } finally {
      await cold.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  log(`cold start: ${coldSteps.join(' | ')}`);

  // 11. Figures.
  const ok = (r: LoadResult) => Object.entries(r.status).every(([code]) => Number(code) < 500) && r.errors === 0;
  const count = (r: LoadResult, code: string) => r.status[code] ?? 0;
  const largest = firstLoads[0]!;
  const fullLabel = `${(seeded.bookings / 1000).toLocaleString('en')}k bookings`;
  const cpuNote = (m: Metered) => (m.cpu ? `app ${round(m.cpu.appMs)} + database ${round(m.cpu.dbMs)} CPU ms over ${answered(m.result)} answers` : 'no /proc on this machine');
  const handlerCpu = ceilings ? cpuPerAnswer(ceilings.routeCpu) : null;
  const dynamicCpu = ceilings ? cpuPerAnswer(ceilings.pageCpu) : null;
  const floors = `same-run floors: an empty Next.js route handler ${handlerCpu ?? '?'} CPU ms, a one-line dynamic page ${dynamicCpu ?? '?'} CPU ms`;
  const results: Record<string, Figure> = {
    cpu_ms_per_empty_handler: figure('cpu_ms_per_empty_handler', handlerCpu, null, ceilings ? `GET /api/ping of the bare Next.js app (a route handler that does nothing), 50 connections: ${cpuNote(ceilings.routeCpu)}` : 'not measured'),
    cpu_ms_per_dynamic_page: figure('cpu_ms_per_dynamic_page', dynamicCpu, null, ceilings ? `GET /dynamic of the bare Next.js app (a one-line page rendered per request), 10 connections: ${cpuNote(ceilings.pageCpu)}` : 'not measured'),
    cpu_ms_per_booking: figure('cpu_ms_per_booking', cpuPerAnswer(postMetered), handlerCpu, `POST /api/v1/bookings at 50 connections: ${cpuNote(postMetered)} (201: ${count(postRun, '201')}, 409: ${count(postRun, '409')}); ${floors}`),
    cpu_ms_per_room_page: figure('cpu_ms_per_room_page', cpuPerAnswer(pageMetered), dynamicCpu, `GET /rooms/:id signed in, 10 connections: ${cpuNote(pageMetered)}; ${floors}`),
    cpu_ms_per_availability: figure('cpu_ms_per_availability', cpuPerAnswer(getMetered), handlerCpu, `GET /api/v1/rooms/:id/availability (a week), 50 connections: ${cpuNote(getMetered)}`),
    cpu_ms_per_feed: figure('cpu_ms_per_feed', cpuPerAnswer(pollMetered), handlerCpu, `GET of an unchanged year-long feed with If-None-Match (status ${JSON.stringify(pollRun.status)}), 4 connections: ${cpuNote(pollMetered)}`),
    booking_vs_handler: figure(
      'booking_vs_handler',
      ceilings ? round(postRun.answeredRps / ceilings.route.rps, 3) : null,
      ceilings?.route.rps ?? null,
      `POST /api/v1/bookings ${postRun.answeredRps} answered/s at 50 connections ÷ an empty Next.js route handler ${ceilings?.route.rps ?? '?'} rps at 50 connections, same run`,
    ),
    page_vs_dynamic: figure(
      'page_vs_dynamic',
      ceilings ? round(pageRun.rps / ceilings.page.rps, 3) : null,
      ceilings?.page.rps ?? null,
      `GET /rooms/:id ${pageRun.rps} rps ÷ a one-line dynamic Next.js page ${ceilings?.page.rps ?? '?'} rps, 10 connections each, same run`,
    ),
    booking_p50_c1_ms: figure('booking_p50_c1_ms', postC1.p50, null, `POST /api/v1/bookings, one connection (p95 ${postC1.p95}, ${postC1.rps} rps, ${JSON.stringify(postC1.status)})`),
    room_page_p50_c1_ms: figure('room_page_p50_c1_ms', pageC1.p50, null, `GET /rooms/:id signed in, one connection (p95 ${pageC1.p95}, ${pageC1.rps} rps)`),
    scale_2x: figure(
      'scale_2x',
      scale ? round(scale.two.booking.answeredRps / scale.one.booking.answeredRps, 2) : null,
      scale?.one.booking.answeredRps ?? null,
      scale
        ? `POST /api/v1/bookings through HAProxy, 50 connections: two instances ${scale.two.booking.answeredRps} ÷ one ${scale.one.booking.answeredRps} answered/s; room pages at 20 connections ${scale.two.page.rps} ÷ ${scale.one.page.rps} rps (${round(scale.two.page.rps / scale.one.page.rps, 2)}); ${os.cpus().length} cores shared by both instances, PostgreSQL and the load generator`
        : 'not measured: run with --instances 2',
    ),
    lcp_ms: figure(
      'lcp_ms',
      vitals ? Math.max(...vitals.pages.map((p) => p.lcpMs ?? Number.POSITIVE_INFINITY)) : null,
      null,
      vitals ? `worst of ${vitals.pages.map((p) => `${p.path === '/' ? 'Home' : p.path.startsWith('/rooms') ? 'room page' : 'My bookings'} ${p.lcpMs} ms`).join(', ')}; Chromium, 390 px phone, 4× CPU slowdown, fast 4G (60 ms, 9/1.5 Mbit/s), signed in` : 'not measured',
    ),
    cls: figure('cls', vitals ? Math.max(...vitals.pages.map((p) => p.cls)) : null, null, vitals ? `worst of ${vitals.pages.map((p) => `${p.path} ${p.cls}`).join(', ')}` : 'not measured'),
    inp_ms: figure('inp_ms', vitals?.inpMs ?? null, null, vitals ? `the longest event of pressing Book on the room page after typing a date and time, same phone profile (16 means under Event Timing's 16 ms threshold); answer: ${vitals.booked.slice(0, 80)}` : 'not measured'),
    booking_ratio: figure(
      'booking_ratio',
      round(postRun.answeredRps / baseRun.rps, 3),
      baseRun.rps,
      `POST /api/v1/bookings ${postRun.answeredRps} answered/s (201: ${count(postRun, '201')}, 409: ${count(postRun, '409')}, 422: ${count(postRun, '422')}, 5xx/errors: ${postRun.responses - Object.entries(postRun.status).filter(([c]) => Number(c) < 500).reduce((a, [, n]) => a + n, 0) + postRun.errors}) ÷ bare node:http + INSERT ${baseRun.rps} rps, 50 connections, ${fullLabel}; a signed-in GET /api/v1/sites alone does ${floorRun.rps} rps (ratio ${round(floorRun.rps / baseRun.rps, 3)})${ceilings ? `; a Next.js route handler that does nothing does ${ceilings.route.rps} rps here (ratio ${round(ceilings.route.rps / baseRun.rps, 3)}), the ceiling for any route` : ''}`,
    ),
    booking_p95_ms: figure('booking_p95_ms', postRun.p95, null, `POST /api/v1/bookings at 50 connections (p50 ${postRun.p50}, p99 ${postRun.p99}); bare baseline p95 ${baseRun.p95}; signed-in GET /api/v1/sites p95 ${floorRun.p95}`),
    availability_growth: figure(
      'availability_growth',
      round(median(avail.big) / median(avail.small), 2),
      round(median(avail.small), 2),
      `median of roomAvailability() for one room's site-week: ${round(median(avail.big), 2)} ms at ${fullLabel} ÷ ${round(median(avail.small), 2)} ms at 10k (baseline), same rooms; ${avail.big.length} samples each`,
    ),
    availability_p95_ms: figure(
      'availability_p95_ms',
      round(percentile(avail.big, 95), 2),
      null,
      `roomAvailability() for one room's site-week at ${fullLabel}, one at a time (p50 ${round(median(avail.big), 2)}); over HTTP at 50 connections p95 ${getRun.p95} ms`,
    ),
    page_ratio: figure(
      'page_ratio',
      round(pageRun.rps / staticRun.rps, 3),
      staticRun.rps,
      `GET /rooms/:id ${pageRun.rps} rps ÷ static ${staticPage.route} ${staticRun.rps} rps (baseline), 10 connections, signed in${ceilings ? `; a one-line page rendered per request does ${ceilings.page.rps} rps (ratio ${round(ceilings.page.rps / staticRun.rps, 3)}), the ceiling for any page Nook renders per request` : ''}`,
    ),
    ics_p95_ms: figure(
      'ics_p95_ms',
      icsRun.p95,
      null,
      `GET /api/feeds/<token>.ics, one person's ${feed.bookings} bookings over a year (${round(icsBytes / 1024, 1)} KiB), one client requesting over and over (p50 ${icsRun.p50}, p99 ${icsRun.p99}, ${icsRun.rps} rps)`,
    ),
    plan_250_ms: figure(
      'plan_250_ms',
      round(median(planTiming.ms), 1),
      null,
      `preview + confirm of a plan with ${planTiming.occurrences} occurrences (${planTiming.booked} booked), median of ${planTiming.ms.length} (max ${round(Math.max(...planTiming.ms), 1)} ms), in process on the full data set`,
    ),
    report_1m_ms: figure(
      'report_1m_ms',
      round(median(reportTiming.ms), 1),
      null,
      `usage report (key figures, utilisation per room and week, weekday × hour, request outcomes) for one site over 90 days (${reportTiming.rooms} rooms, ${reportTiming.bookings} bookings), median of ${reportTiming.ms.length} (max ${round(Math.max(...reportTiming.ms), 1)} ms), in process on the full data set`,
    ),
    first_load_js_kb: figure('first_load_js_kb', round(largest.gzipKb, 1), null, `largest: ${largest.route} (${largest.files} files, ${round(largest.rawKb, 1)} kB raw); KiB gzip -9`),
    cold_start_ms: figure('cold_start_ms', Math.round(median(colds)), null, `median of ${colds.length}: next start on a fresh PGlite data dir to GET /signin 200 (${coldSteps.join(' | ')})`),
  };
  const outFile = path.join(ROOT, 'bench', 'results.json');
  fs.writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);

  console.log(
    `\nNook bench — ${quick ? 'quick' : 'full'}, ${target.kind}, ${fullLabel}, ${os.cpus().length} cores, Node ${process.versions.node}, ` +
      `${new Date().toISOString()}, load average at the end ${loadavg()}\n`,
  );
  console.log(
    table(
      ['figure', 'value', 'baseline', 'target', 'pass'],
      Object.entries(results).map(([k, f]) => [
        k,
        f.value === null ? '—' : `${f.value} ${f.unit}`,
        f.baseline === null ? '' : String(f.baseline),
        f.target === null ? (/^cpu_ms_per_(empty_handler|dynamic_page)$/.test(k) ? 'floor' : '—') : `${TARGETS[k]!.dir === 'min' ? '≥' : '≤'} ${f.target}`,
        f.pass === null ? 'n/a' : f.pass ? 'yes' : 'NO',
      ]),
    ),
  );
  console.log('\nLoad runs (latency ms)\n');
  console.log(
    table(
      ['run', 'conns', 'rps', 'p50', 'p95', 'p99', 'status'],
      [
        describeLoad('bare node:http + INSERT', baseRun),
        describeLoad('floor: GET /api/v1/sites', floorRun),
        describeLoad('POST /api/v1/bookings', postRun),
        describeLoad('GET availability (week)', getRun),
        describeLoad('mix (all)', mixRun),
        ...Object.entries(mixRun.kinds).map(([kind, k]) => [
          `  mix: ${kind}`,
          '',
          round(k.count / mixRun.seconds),
          k.p50,
          k.p95,
          '',
          Object.entries(k.status)
            .map(([c, n]) => `${c}:${n}`)
            .join(' '),
        ]),
        describeLoad(`static ${staticPage.route}`, staticRun),
        ...(ceilings ? [describeLoad('empty dynamic page', ceilings.page), describeLoad('empty route handler', ceilings.route)] : []),
        describeLoad('GET /rooms/:id', pageRun),
        describeLoad('GET feed (a year)', icsRun),
        describeLoad('GET feed, unchanged (304)', pollRun),
        describeLoad('POST /api/v1/bookings, 1 conn', postC1),
        describeLoad('GET /rooms/:id, 1 conn', pageC1),
      ],
    ),
  );
  console.log('\nNotes');
  for (const [k, f] of Object.entries(results)) console.log(`  ${k}: ${f.note}`);
  console.log(`\nEXPLAIN ANALYZE of the live-bookings query behind availability (${fullLabel}):\n${avail.explain.replace(/^/gm, '  ')}`);
  const expected: [string, LoadResult, number[]][] = [
    ['floor', floorRun, [200]],
    ['booking API', postRun, [201, 409, 422]],
    ['availability API', getRun, [200]],
    ['mix', mixRun, [200, 201, 204, 409, 422]],
    ['static page', staticRun, [staticPage.status]],
    ['room page', pageRun, [200]],
    ['calendar feed', icsRun, [200]],
    ['unchanged calendar feed', pollRun, [304]],
  ];
  for (const [name, r, codes] of expected) {
    const odd = Object.keys(r.status).filter((c) => !codes.includes(Number(c)));
    if (!ok(r) || odd.length) console.log(`WARNING: the ${name} run saw ${[...odd.map((c) => `${r.status[c]}× ${c}`), r.errors ? `${r.errors} errors` : ''].filter(Boolean).join(', ')}.`);
  }
  console.log(`\nWrote ${path.relative(ROOT, outFile)} in ${((performance.now() - t0) / 1000).toFixed(0)} s.`);
}

main()
  .catch((err) => {
    console.error(`\n[bench] failed: ${err instanceof Error ? (err.stack ?? err.message) : err}`);
    process.exitCode = 1;
  })
  .finally(() => cleanUp());
