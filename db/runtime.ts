import { count } from 'drizzle-orm';
import { env } from '@/lib/env';
import { openConfigured, type DbHandle } from './client';
import { users } from './schema';
import { seedDemo } from './seed';
import { seedHistory } from './seed-history';

const globalForDb = globalThis as unknown as { __nookDb?: Promise<DbHandle> };

/**
 * The app's one database handle. The embedded database is migrated and, when it has no
 * people yet, seeded with demo data on first use; PostgreSQL is migrated by `npm run db:migrate`.
 */
export function database(): Promise<DbHandle> {
  globalForDb.__nookDb ??= boot().catch((err) => {
    globalForDb.__nookDb = undefined;
    throw err;
  });
  return globalForDb.__nookDb;
}

export async function getDb() {
  return (await database()).db;
}

async function boot(): Promise<DbHandle> {
  const handle = await openConfigured();
  if (handle.kind === 'pglite') {
    await handle.migrate();
    const [row] = await handle.db.select({ n: count() }).from(users);
    if (!row || row.n === 0) {
      await seedDemo(handle.db);
      console.log('Nook: embedded database seeded with demo data');
      // The history goes in behind the first pages, in small steps, so it costs the cold start nothing.
      if (env().NOOK_DEMO_HISTORY) {
        void seedHistory(handle.db, { now: new Date() }).then(
          (h) => console.log(`Nook: demo history added (${h.people} people, ${h.bookings} bookings over six months)`),
          (err) => console.warn('Nook: the demo history could not be added:', err instanceof Error ? err.message : err),
        );
      }
    }
  }
  console.log(`Nook: database ready (${handle.kind}${handle.kind === 'pglite' ? ` in ${env().NOOK_DATA_DIR}` : ''})`);
  return handle;
}

