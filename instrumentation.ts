/** Opens, migrates and warms the database at boot so the first page is not the slow one. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { database } = await import('./db/runtime');
  const { DataDirInUseError, migrationStatus } = await import('./db/client');
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
