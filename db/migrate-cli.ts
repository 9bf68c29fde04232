import { openConfigured } from './client';

/** `npm run db:migrate`: applies drizzle/ to DATABASE_URL, or to the embedded database. */
async function main() {
  const handle = await openConfigured();
  try {
    await handle.migrate();
    console.log(`Migrations applied (${handle.kind}).`);
  } finally {
    await handle.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
