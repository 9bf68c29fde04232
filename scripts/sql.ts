import postgres from 'postgres';

/** Runs one SQL statement against DATABASE_URL (used by scripts to create and drop test databases). */
async function main() {
  const statement = process.argv[2];
  if (!process.env.DATABASE_URL || !statement) throw new Error('usage: DATABASE_URL=… tsx scripts/sql.ts "<statement>"');
  const client = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    await client.unsafe(statement);
  } finally {
    await client.end();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
