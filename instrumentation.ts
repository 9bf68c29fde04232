/** Opens, migrates and warms the database at boot so the first page is not the slow one. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { bootDatabase } = await import('./lib/server/boot');
  await bootDatabase();
}
