import { count } from 'drizzle-orm';
import { openConfigured } from './client';
import { users } from './schema';
import { seedDemo, wipe } from './seed';

/** `npm run db:seed [-- --force]`: loads demo data; refuses a database that already has people. */
async function main() {
  const force = process.argv.includes('--force');
  const handle = await openConfigured();
  try {
    const [row] = await handle.db.select({ n: count() }).from(users);
    if (row && row.n > 0) {
      if (!force) {
        console.error(
          `This database already has ${row.n} ${row.n === 1 ? 'person' : 'people'}; nothing was changed. ` +
            'Run `npm run db:seed -- --force` to erase everything in it and load the demo data.',
        );
        process.exitCode = 1;
        return;
      }
      await wipe(handle.db);
      console.log('Erased the existing data (--force).');
    }
    await seedDemo(handle.db);
    console.log(`Demo data loaded (${handle.kind}).`);
  } finally {
    await handle.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
