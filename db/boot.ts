import { DataDirInUseError, migrationStatus } from './client';
import { database } from './runtime';

/** Called once when the server starts (instrumentation.ts). */
export async function bootDatabase(): Promise<void> {
  try {
    const handle = await database();
    if (handle.kind === 'postgres') {
      const { applied, expected } = await migrationStatus(handle.db);
      if (applied < expected) {
        console.warn(`Nook: ${expected - applied} database migration(s) pending. Run \`npm run db:migrate\`.`);
      }
    }
  } catch (err) {
    if (err instanceof DataDirInUseError) {
      console.error(`Nook: ${err.message}`);
      process.exit(1);
    }
    console.error('Nook: the database could not be opened:', err instanceof Error ? err.message : err);
    throw err;
  }
}
