import crypto from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe } from 'vitest';
import { openPglite, openPostgres, type DbHandle, type DbKind } from '@/db/client';

/** Database tests run on in-memory PGlite, and on PostgreSQL too when TEST_DATABASE_URL is set. */
export function dbKinds(): DbKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export type TestDb = DbHandle & { name: string; url?: string; dispose(): Promise<void> };

/** A fresh, migrated database of its own: in-memory PGlite, or a new database on the test server. */
export async function freshDb(kind: DbKind, options: { max?: number } = {}): Promise<TestDb> {
  if (kind === 'pglite') {
    const handle = await openPglite();
    await handle.migrate();
    return { ...handle, name: 'pglite', dispose: handle.close };
  }
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `nook_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  // Test data need not survive a crash: commits skip the fsync wait, so a busy disk does not stall them.
  await admin.unsafe(`alter database ${name} set synchronous_commit = off`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = openPostgres(url.toString(), options);
  await handle.migrate();
  return {
    ...handle,
    name,
    url: url.toString(),
    dispose: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** Runs `fn` once per database kind, each with a fresh database for the block. */
export function describeDb(title: string, fn: (db: () => TestDb, kind: DbKind) => void) {
  for (const kind of dbKinds()) {
    describe(`${title} [${kind}]`, () => {
      let handle: TestDb | undefined;
      beforeAll(async () => {
        handle = await freshDb(kind);
      });
      afterAll(async () => {
        await handle?.dispose();
      });
      fn(() => {
        if (!handle) throw new Error('test database not ready');
        return handle;
      }, kind);
    });
  }
}
