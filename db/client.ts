import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import lockfile from 'proper-lockfile';
import journal from '@/drizzle/meta/_journal.json';
import { env } from '@/lib/env';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DbKind = 'pglite' | 'postgres';

export interface DbHandle {
  db: Db;
  kind: DbKind;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'drizzle');

export class DataDirInUseError extends Error {
  constructor(dir: string) {
    super(
      `Nook's embedded database in ${dir} is already in use by another process. ` +
        'Stop the other Nook process first, or set NOOK_DATA_DIR to a different folder.',
    );
    this.name = 'DataDirInUseError';
  }
}

/** Whether the process named in nook.lock.holder.json (same host) has exited. */
function lockHolderIsGone(lockPath: string): boolean {
  let holder: { pid?: number; host?: string };
  try {
    holder = JSON.parse(fs.readFileSync(`${lockPath}.holder.json`, 'utf8'));
  } catch {
    return false; // no holder recorded (yet): let the 15 s staleness rule decide
  }
  if (holder.host !== os.hostname() || typeof holder.pid !== 'number' || holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** An in-memory PGlite (tests) or one kept in `dataDir` (the embedded default). */
/**
 * The cached template for new embedded databases: a migrated, empty data dir, keyed by the
 * migrations and the PGlite version, under node_modules/.cache (safe to delete at any time).
 */
function templateFile(): string | null {
  try {
    const hash = crypto.createHash('sha256');
    const pglitePkg = path.join(process.cwd(), 'node_modules', '@electric-sql', 'pglite', 'package.json');
    hash.update(fs.existsSync(pglitePkg) ? fs.readFileSync(pglitePkg) : 'pglite');
    for (const name of fs.readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith('.sql')).sort()) {
      hash.update(name).update(fs.readFileSync(path.join(MIGRATIONS_FOLDER, name)));
    }
    return path.join(process.cwd(), 'node_modules', '.cache', 'nook', `pglite-${hash.digest('hex').slice(0, 16)}.tar`);
  } catch {
    return null;
  }
}

async function startPglite(storage: string | undefined, template: string | null): Promise<PGlite> {
  if (template) {
    try {
      const client = new PGlite({ dataDir: storage, loadDataDir: new Blob([fs.readFileSync(template)]), extensions: { btree_gist } });
      await client.waitReady;
      return client;
    } catch (err) {
      // A damaged template is dropped; this start initialises from nothing instead.
      console.warn('Nook: the embedded database template could not be used, starting from scratch:', err instanceof Error ? err.message : err);
      fs.rmSync(template, { force: true });
      if (storage) {
        fs.rmSync(storage, { recursive: true, force: true });
        fs.mkdirSync(storage, { recursive: true });
      }
    }
  }
  const client = new PGlite({ dataDir: storage, extensions: { btree_gist } });
  await client.waitReady;
  return client;
}

async function saveTemplate(client: PGlite, file: string): Promise<void> {
  try {
    const blob = await client.dumpDataDir('none');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
    fs.renameSync(tmp, file);
  } catch (err) {
    console.warn('Nook: could not keep a template of the embedded database:', err instanceof Error ? err.message : err);
  }
}

export async function openPglite(dataDir?: string): Promise<DbHandle> {
  let release: (() => Promise<void>) | undefined;
  let storage: string | undefined;
  if (dataDir) {
    const dir = path.resolve(dataDir);
    fs.mkdirSync(dir, { recursive: true });
    const lockPath = path.join(dir, 'nook.lock');
    const take = () =>
      // PGlite has no lock of its own: two processes on one folder would corrupt it.
      lockfile.lock(dir, {
        lockfilePath: lockPath,
        stale: 15_000,
        update: 5_000,
        retries: 0,
        realpath: false,
        onCompromised: (err) => {
          console.error(`Nook lost the lock on ${dir}: ${err.message}`);
          process.exit(1);
        },
      });
    try {
      release = await take();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
      // A process killed outright (SIGKILL, power cut of the container) leaves its lock behind
      // for up to 15 s. When the holder it names is gone from this machine, take the lock over
      // at once so Nook comes back on its own data.
      if (!lockHolderIsGone(lockPath)) throw new DataDirInUseError(dir);
      fs.rmSync(lockPath, { recursive: true, force: true });
      try {
        release = await take();
      } catch (again) {
        if ((again as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataDirInUseError(dir);
        throw again;
      }
    }
    fs.writeFileSync(`${lockPath}.holder.json`, JSON.stringify({ pid: process.pid, host: os.hostname() }));
    storage = path.join(dir, 'pglite');
    fs.mkdirSync(storage, { recursive: true });
  }
  // A new data dir starts from a copy of an already migrated one when this machine has made one
  // (initialising PostgreSQL from nothing is most of the embedded database's cold start).
  const fresh = storage !== undefined && !fs.existsSync(path.join(storage, 'PG_VERSION'));
  const template = fresh ? templateFile() : null;
  const client = await startPglite(storage, template && fs.existsSync(template) ? template : null);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    migrate: async () => {
      await migratePglite(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
      if (template && !fs.existsSync(template)) await saveTemplate(client, template);
    },
    close: async () => {
      await client.close();
      await release?.();
    },
  };
}

export function openPostgres(url: string, options: { max?: number } = {}): DbHandle {
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {} });
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    migrate: () => migratePostgres(db as never, { migrationsFolder: MIGRATIONS_FOLDER }),
    close: () => client.end({ timeout: 5 }),
  };
}

/** Opens the database the environment names: PostgreSQL with DATABASE_URL, else PGlite under NOOK_DATA_DIR. */
export async function openConfigured(): Promise<DbHandle> {
  const { DATABASE_URL, NOOK_DATA_DIR } = env();
  return DATABASE_URL ? openPostgres(DATABASE_URL) : openPglite(NOOK_DATA_DIR);
}

/** How many of the migrations in drizzle/ the database has applied. */
export async function migrationStatus(db: Db): Promise<{ applied: number; expected: number }> {
  const expected = journal.entries.length;
  try {
    const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
    return { applied: Number(row?.n ?? 0), expected };
  } catch {
    return { applied: 0, expected };
  }
}

/** `db.execute` answers with an array on postgres-js and with `{ rows }` on PGlite. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
