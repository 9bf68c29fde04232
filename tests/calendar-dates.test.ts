/**
 * Every form and API that takes a calendar date refuses 2026-02-31 with the same words.
 *
 * Like the authorization matrix, this finds what to check by itself: it loads every server
 * action and route handler in app/ (the wrappers are watched so each handler's schemas are
 * known), and every zod schema the form and schema modules export, walks them and picks out
 * each field built from lib/schemas/inputs' date and instant blocks. Each such field is then
 * sent 2026-02-31 through its real handler. A field that takes a date without the block (by
 * its name, or because it reads a date and refuses a word) fails the test, and so does a
 * hand-written date pattern anywhere in the app.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { calendarDate, dateExists, instant, NO_SUCH_DATE_MESSAGE, optionalDate } from '@/lib/schemas/inputs';
import { localParts } from '@/lib/time';
import { testNow } from './clock';

const NO_SUCH_DAY = '2026-02-31';
const NO_SUCH_INSTANT = '2026-02-31T10:00:00Z';

const state = vi.hoisted(() => ({
  /** Each handler the wrappers made, with the zod schemas it was given. */
  schemasOf: new Map<unknown, unknown[]>(),
}));

/** The zod schemas among a wrapper's arguments, whatever its signature: as arguments, or as values of an options object. */
function schemasIn(args: unknown[]): unknown[] {
  const isSchema = (v: unknown) => typeof v === 'object' && v !== null && '_zod' in v;
  return args.flatMap((a) => (isSchema(a) ? [a] : typeof a === 'object' && a !== null ? Object.values(a).filter(isSchema) : []));
}

/** The wrapper module with `name` watched: each handler it makes is kept with its schemas. */
async function watching(original: () => Promise<Record<string, unknown>>, name: string) {
  const real = await original();
  const define = real[name] as (...args: unknown[]) => unknown;
  const watched = (...args: unknown[]) => {
    const handler = define(...args);
    state.schemasOf.set(handler, schemasIn(args));
    return handler;
  };
  return { ...real, [name]: watched };
}
vi.mock('@/lib/server/auth/action', (original) => watching(original, 'defineAction'));
vi.mock('@/lib/server/auth/route', (original) => watching(original, 'defineRoute'));

/** Signed in as an admin, who may call every action and route: only validation can stop the call. */
const ADMIN = { id: '00000000-0000-4000-8000-00000000a11a', email: 'admin@example.com', name: 'Admin', role: 'admin', active: true };
vi.mock('@/lib/server/auth/session', () => ({
  getCurrentUser: async () => ADMIN,
  getSessionState: async () => ({ user: ADMIN }),
}));
// Validation answers before any handler touches the database; reaching it means a date got through.
vi.mock('@/db/runtime', () => ({
  getDb: async () => {
    throw new Error('validation let the input through to the database');
  },
  database: async () => {
    throw new Error('validation let the input through to the database');
  },
}));
// A wrapper may count a call against its rate-limit bucket before it reads the input: let every call count.
vi.mock('@/db/queries/rate-limits', async (original) => ({
  ...(await original<Record<string, unknown>>()),
  enforceRateLimit: async () => {},
  consumeRateLimit: async () => ({ ok: true }),
}));
vi.mock('@/lib/server/auth/config', () => ({
  handlers: { GET: async () => new Response(null), POST: async () => new Response(null) },
  signIn: async () => {},
  signOut: async () => {},
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': '198.51.100.7' }) }));

// ——— Walking a schema ———

type Kind = 'date' | 'instant';
type Field = { path: string[]; kind: Kind; schema: z.ZodType };
type Def = { type: string; checks?: unknown[]; shape?: Record<string, unknown>; [k: string]: unknown };
const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def;

/** The check that every date block carries, and the day check inside the instant block. */
const DATE_CHECK = dateExists;
function kindOf(s: unknown): Kind | null {
  if (s === instant) return 'instant';
  return defOf(s).checks?.includes(DATE_CHECK) ? 'date' : null;
}
/** Whether a schema is, or wraps, one of the blocks (not counting the fields of an object inside it). */
function holdsBlock(s: unknown, seen = new Set<unknown>()): Kind | null {
  if (seen.has(s)) return null;
  seen.add(s);
  const own = kindOf(s);
  if (own) return own;
  for (const [key, child] of children(s)) {
    const k = key === null ? holdsBlock(child, seen) : null;
    if (k) return k;
  }
  return null;
}

/** The schemas inside a schema, each with the object key that leads to it (null when none). */
function children(s: unknown): [string | null, unknown][] {
  const d = defOf(s);
  const one = (k: string) => (d[k] ? [[null, d[k]] as [null, unknown]] : []);
  switch (d.type) {
    case 'object':
      return Object.entries(d.shape ?? {});
    case 'pipe':
      return [...one('in'), ...one('out')];
    case 'intersection':
      return [...one('left'), ...one('right')];
    case 'union':
      return ((d.options as unknown[]) ?? []).map((o) => [null, o]);
    case 'array':
      return one('element');
    case 'record':
      return one('valueType');
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return one('innerType');
    default:
      return [];
  }
}

/** Every object field of a schema, with the path of keys to it. */
function fieldsOf(s: unknown, at: string[] = [], seen = new Set<unknown>()): { path: string[]; schema: z.ZodType }[] {
  if (seen.has(s)) return [];
  seen.add(s);
  return children(s).flatMap(([key, child]) => {
    const here = key === null ? at : [...at, key];
    return [...(key === null ? [] : [{ path: here, schema: child as z.ZodType }]), ...fieldsOf(child, here, seen)];
  });
}

/** The fields of a schema built from the date or instant block. */
function dateFields(s: unknown): Field[] {
  const out: Field[] = [];
  for (const f of fieldsOf(s)) {
    const kind = holdsBlock(f.schema);
    if (kind && !out.some((o) => o.path.join('.') === f.path.join('.'))) out.push({ ...f, kind });
  }
  return out;
}

/**
 * Fields that take a date without the block: named like a date, or reading one (they accept
 * 2026-03-09, or an instant, and refuse a word, so they are not free text).
 */
function handMadeDateFields(s: unknown): string[] {
  return fieldsOf(s)
    .filter((f) => !holdsBlock(f.schema))
    .filter((f) => {
      const name = f.path.at(-1) ?? '';
      const named = /date$/i.test(name) || /^(from|to|until|day)$/i.test(name);
      const reads = (v: string) => f.schema.safeParse(v).success;
      const readsDates = (reads('2026-03-09') || reads('2026-03-09T09:30:00Z')) && !reads('not a date');
      return named || readsDates;
    })
    .map((f) => f.path.join('.'));
}

// ——— Finding the handlers and the schema modules ———

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : [full];
  });
}
const root = process.cwd();
const rel = (file: string) => path.relative(root, file).split(path.sep).join('/');
const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

type Endpoint = { key: string; file: string; name: string; isRoute: boolean; handler: unknown; schemas: unknown[] };

async function endpointsInCode(): Promise<Endpoint[]> {
  // Route handlers by their file name; server actions by the 'use server' directive, whatever the file is called.
  const isActionModule = (f: string) => /\.tsx?$/.test(f) && /^\s*(['"])use server\1/.test(fs.readFileSync(f, 'utf8'));
  const files = walk(path.join(root, 'app')).filter((f) => /[/\\]route\.tsx?$/.test(f) || isActionModule(f));
  const out: Endpoint[] = [];
  for (const file of files) {
    const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    const isRoute = /route\.tsx?$/.test(file);
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value !== 'function' || (isRoute && !HTTP_METHODS.includes(name))) continue;
      out.push({ key: `${rel(file)}#${name}`, file: rel(file), name, isRoute, handler: value, schemas: state.schemasOf.get(value) ?? [] });
    }
  }
  return out;
}

/** Modules that hold the forms' and queries' schemas: pure lib/ and app's form and table modules. */
function schemaModules(): string[] {
  const lib = walk(path.join(root, 'lib')).filter((f) => !f.includes(`${path.sep}server${path.sep}`));
  const app = walk(path.join(root, 'app')).filter((f) => !/[/\\](actions|route|page|layout)\.tsx?$/.test(f) && !/[/\\]_(components|actions)[/\\]/.test(f));
  return [...lib, ...app].filter((f) => /\.ts$/.test(f) && !/\.test\.ts$/.test(f));
}

let endpoints: Endpoint[] = [];
const exported: { key: string; schema: z.ZodType }[] = [];

beforeAll(async () => {
  endpoints = await endpointsInCode();
  for (const file of schemaModules()) {
    const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (value instanceof z.ZodType) exported.push({ key: `${rel(file)}#${name}`, schema: value });
    }
  }
});

// ——— Calling a handler with a day that does not exist ———

function form(fields: Record<string, string>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}

/** A handler's answer as the field errors its caller sees. */
async function fieldErrorsOf(e: Endpoint, field: Field): Promise<Record<string, string[]>> {
  const value = field.kind === 'date' ? NO_SUCH_DAY : NO_SUCH_INSTANT;
  const key = field.path[0]!;
  if (!e.isRoute) {
    const state = (await (e.handler as (s: unknown, f: FormData) => Promise<{ status: number; fields?: Record<string, string[]> }>)(undefined, form({ [key]: value }))) ?? {};
    expect(state.status, `${e.key} answers 422 to ${key}=${value}`).toBe(422);
    return state.fields ?? {};
  }
  // Dynamic segments get a well-formed id, so the call reaches the query and body checks.
  const params = Object.fromEntries([...e.file.matchAll(/\[(\w+)\]/g)].map((m) => [m[1], '00000000-0000-4000-8000-000000000001']));
  const inQuery = e.name === 'GET' || e.name === 'DELETE';
  const url = `http://localhost:3000/x${inQuery ? `?${new URLSearchParams({ [key]: value })}` : ''}`;
  const init: RequestInit = inQuery
    ? {}
    : { method: e.name, headers: { 'content-type': 'application/json', origin: 'http://localhost:3000', host: 'localhost:3000' }, body: JSON.stringify({ [key]: value }) };
  const res = await (e.handler as (r: Request, c: unknown) => Promise<Response>)(new Request(url, { method: e.name, ...init }), { params: Promise.resolve(params) });
  expect(res.status, `${e.key} answers 422 to ${key}=${value}`).toBe(422);
  return ((await res.json()) as { fields?: Record<string, string[]> }).fields ?? {};
}

/** The handlers' date fields that come straight from a form field or a JSON key (not nested inside one). */
function topLevelDateFields(e: Endpoint): Field[] {
  const all = e.schemas.flatMap((s) => dateFields(s));
  return all.filter((f, i) => f.path.length === 1 && all.findIndex((o) => o.path[0] === f.path[0]) === i);
}

describe('calendar dates', () => {
  it('the date block refuses a day that does not exist, and takes one that does', () => {
    expect(calendarDate.safeParse(NO_SUCH_DAY).error?.issues.map((i) => i.message)).toEqual([NO_SUCH_DATE_MESSAGE]);
    expect(optionalDate.safeParse(NO_SUCH_DAY).error?.issues.map((i) => i.message)).toEqual([NO_SUCH_DATE_MESSAGE]);
    expect(instant.safeParse(NO_SUCH_INSTANT).error?.issues.map((i) => i.message)).toEqual([NO_SUCH_DATE_MESSAGE]);
    expect(calendarDate.safeParse('2028-02-29').success).toBe(true);
    expect(instant.safeParse('2028-02-29T10:00:00Z').success).toBe(true);
  });

  it('finds the date-taking handlers the issue names, so the discovery cannot quietly find nothing', () => {
    const found = endpoints.filter((e) => topLevelDateFields(e).length > 0).map((e) => `${e.key}: ${topLevelDateFields(e).map((f) => f.path[0]).join(', ')}`);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^app\/_actions\/bookings\.ts#moveBookingAction: .*\bdate\b/),
        expect.stringMatching(/^app\/_actions\/bookings\.ts#bookAction: start, end$/),
        expect.stringMatching(/^app\/\(employee\)\/plans\/actions\.ts#createPlanAction: .*startDate.*endDate/),
        expect.stringMatching(/^app\/\(employee\)\/plans\/actions\.ts#skipDatesAction: .*fromDate.*toDate/),
        expect.stringMatching(/^app\/\(employee\)\/requests\/actions\.ts#saveRequestAction: .*fromDate.*untilDate/),
        expect.stringMatching(/^app\/\(hr\)\/admin\/rooms\/actions\.ts#\w+: .*startDate.*endDate/),
        expect.stringMatching(/^app\/\(hr\)\/admin\/sites\/actions\.ts#addHolidayAction: date$/),
        expect.stringMatching(/^app\/\(hr\)\/admin\/audit\/export\/route\.ts#GET: from, to$/),
        expect.stringMatching(/^app\/\(hr\)\/hr\/reports\/export\/route\.ts#GET: .*from.*to/),
        expect.stringMatching(/^app\/api\/v1\/bookings\/route\.ts#POST: start, end$/),
        expect.stringMatching(/^app\/api\/v1\/bookings\/route\.ts#GET: from, to$/),
        expect.stringMatching(/^app\/api\/v1\/bookings\/\[id\]\/route\.ts#PATCH: start, end$/),
      ]),
    );
  });

  it('every action and route refuses 2026-02-31 in each of its date fields with the same message', async () => {
    const answers: string[] = [];
    for (const e of endpoints) {
      for (const field of topLevelDateFields(e)) {
        const fields = await fieldErrorsOf(e, field);
        answers.push(`${e.key} ${field.path[0]}: ${JSON.stringify(fields[field.path[0]!] ?? [])}`);
      }
    }
    expect(answers.length).toBeGreaterThanOrEqual(11);
    expect(answers.filter((a) => !a.endsWith(`: ${JSON.stringify([NO_SUCH_DATE_MESSAGE])}`)), 'answered otherwise').toEqual([]);
  });

  it('every exported form and query schema refuses 2026-02-31 in each of its date fields with the same message', () => {
    const answers: string[] = [];
    for (const { key, schema } of exported) {
      for (const field of dateFields(schema)) {
        if (field.path.length !== 1) continue;
        const value = field.kind === 'date' ? NO_SUCH_DAY : NO_SUCH_INSTANT;
        const issues = schema.safeParse({ [field.path[0]!]: value }).error?.issues ?? [];
        answers.push(`${key} ${field.path[0]}: ${JSON.stringify(issues.filter((i) => i.path[0] === field.path[0]).map((i) => i.message))}`);
      }
    }
    const keys = answers.map((a) => a.split(' ')[0]);
    for (const must of [
      'lib/schemas/audit.ts#auditFilterSchema',
      'lib/reports.ts#reportFilterSchema',
      'lib/schemas/plan.ts#planPatternSchema',
      'lib/schemas/plan.ts#dateRangeSchema',
      'app/(hr)/admin/forms.ts#closureSchema',
      'app/(employee)/requests/forms.ts#requestFormSchema',
      'app/(hr)/hr/reports/tables.ts#exportQuerySchema',
    ]) {
      expect(keys, must).toContain(must);
    }
    expect(answers.filter((a) => !a.endsWith(`: ${JSON.stringify([NO_SUCH_DATE_MESSAGE])}`)), 'answered otherwise').toEqual([]);
  });

  it('no handler or schema takes a date without the block', () => {
    const handMade = [
      ...endpoints.flatMap((e) => e.schemas.flatMap((s) => handMadeDateFields(s).map((f) => `${e.key} ${f}`))),
      ...exported.flatMap(({ key, schema }) => handMadeDateFields(schema).map((f) => `${key} ${f}`)),
    ];
    expect([...new Set(handMade)]).toEqual([]);
  });

  it('the walk notices a date field written by hand, so the test above can fail', () => {
    const byHand = z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), note: z.string(), startsOn: z.iso.date() });
    expect(handMadeDateFields(byHand)).toEqual(['day', 'startsOn']);
    expect(handMadeDateFields(z.object({ day: calendarDate, when: instant.optional() }))).toEqual([]);
  });

  it('no source file writes its own date pattern or zod date format', () => {
    // Browser code that never decides what is valid: the reports' cells recognise the ISO dates they
    // were given, and the room calendar waits for a whole date in its native date field before moving.
    const DISPLAY_ONLY = new Set(['app/(hr)/hr/reports/_parts.tsx', 'app/(employee)/rooms/[id]/room-schedule.tsx']);
    const sources = ['app', 'lib', 'db']
      .flatMap((d) => walk(path.join(root, d)))
      .filter((f) => /\.tsx?$/.test(f) && !/\.test\.ts$/.test(f))
      .map(rel)
      .filter((f) => f !== 'lib/schemas/inputs.ts' && !DISPLAY_ONLY.has(f));
    const offenders = sources.filter((f) => {
      const text = fs.readFileSync(path.join(root, f), 'utf8');
      return /z\.iso\.date\(|z\.iso\.datetime\(|\.date\(\)\s*[,;)]|\\d\{4\}-\\d\{2\}-\\d\{2\}|\\d\{2\}:\\d\{2\}|\[0-5\]\\d/.test(text);
    });
    expect(offenders).toEqual([]);
  });
});

describe('pages that read a date from the query string', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.doUnmock('@/db/queries/bookings');
    vi.doUnmock('@/app/_components/my-bookings-here');
    vi.doUnmock('@/lib/server/auth/guards');
    vi.doUnmock('@/db/runtime');
    vi.resetModules();
  });

  it('the room page opens on today, not on 3 March, for ?date=2026-02-31', async () => {
    vi.resetModules();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(testNow());
    const timeZone = 'America/New_York';
    const roomId = '00000000-0000-4000-8000-0000000000aa';
    vi.doMock('@/lib/server/auth/guards', () => ({ requireRole: async () => ADMIN }));
    vi.doMock('@/db/runtime', () => ({ getDb: async () => ({}) }));
    vi.doMock('@/app/_components/my-bookings-here', () => ({ bookingsHereToday: async () => [], MyBookingsHere: () => null }));
    vi.doMock('@/db/queries/bookings', () => ({
      loadRoomContext: async () => ({
        room: { id: roomId, name: 'Wellness Room 3', floor: '3', directions: '', amenities: [], status: 'active', outOfServiceReason: null },
        site: { name: 'New York', timeZone },
        policy: { slotStepMin: 15, defaultLengthMin: 30, minLengthMin: 10, maxLengthMin: 60 },
        stations: [{ id: 's1', position: 1, label: 'Station 1' }],
      }),
    }));
    vi.doMock('next/server', async (original) => ({ ...(await original<typeof import('next/server')>()), connection: async () => {} }));
    const { default: RoomPage } = await import('@/app/(employee)/rooms/[id]/page');
    const shownOn = async (date: string) => {
      const tree = await RoomPage({ params: Promise.resolve({ id: roomId }), searchParams: Promise.resolve({ date }) });
      return findProp(tree, 'initialDate');
    };
    expect(await shownOn('2026-03-09')).toBe('2026-03-09');
    expect(await shownOn(NO_SUCH_DAY)).toBe(localParts(testNow(), timeZone).date);
  });
});

/** The first value of a prop anywhere in a rendered element tree. */
function findProp(node: unknown, prop: string): unknown {
  if (Array.isArray(node)) {
    for (const n of node) {
      const found = findProp(n, prop);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof node !== 'object' || node === null) return undefined;
  const props = (node as { props?: Record<string, unknown> }).props;
  if (!props) return undefined;
  if (prop in props) return props[prop];
  return findProp(props.children, prop);
}
