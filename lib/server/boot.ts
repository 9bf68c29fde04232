import 'server-only';
import { env } from '@/lib/env';
import { DataDirInUseError, migrationStatus } from '@/db/client';
import { startScheduler } from './jobs';
import { database, getDb } from '@/db/runtime';

/** Called once when the server starts (instrumentation.ts). */
export async function bootDatabase(): Promise<void> {
  try {
    const handle = await database();
    let ready = true;
    if (handle.kind === 'postgres') {
      const { applied, expected } = await migrationStatus(handle.db);
      if (applied < expected) {
        ready = false;
        console.warn(`Nook: ${expected - applied} database migration(s) pending. Run \`npm run db:migrate\`.`);
      }
    }
    if (ready && env().NOOK_JOBS) startScheduler(getDb, env().NOOK_JOBS_INTERVAL);
  } catch (err) {
    if (err instanceof DataDirInUseError) {
      console.error(`Nook: ${err.message}`);
      process.exit(1);
    }
    console.error('Nook: the database could not be opened:', err instanceof Error ? err.message : err);
    throw err;
  }
}
