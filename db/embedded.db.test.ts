import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirInUseError, migrationStatus, openPglite } from './client';
import { users } from './schema';

const run = promisify(execFile);
const tsx = path.join(process.cwd(), 'node_modules/.bin/tsx');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nook-embedded-'));

function cli(script: string, args: string[] = []) {
  return run(tsx, [script, ...args], {
    env: { ...process.env, DATABASE_URL: '', NOOK_DATA_DIR: tmp },
    cwd: process.cwd(),
  }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
}

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('embedded database on disk', () => {
  it('migrates, seeds once and refuses to seed over people without --force', async () => {
    expect((await cli('db/migrate-cli.ts')).code).toBe(0);
    const first = await cli('db/seed-cli.ts');
    expect(first.code).toBe(0);
    const second = await cli('db/seed-cli.ts');
    expect(second.code).toBe(1);
    expect(second.out).toMatch(/already has 6 people; nothing was changed/);
    const forced = await cli('db/seed-cli.ts', ['--force']);
    expect(forced.code).toBe(0);
    expect(forced.out).toMatch(/Demo data loaded/);
  });

  it('lets only one process open a data dir: a second exits with a clear message', async () => {
    const holder = await openPglite(tmp);
    try {
      const { applied, expected } = await migrationStatus(holder.db);
      expect(applied).toBe(expected);
      await expect(openPglite(tmp)).rejects.toBeInstanceOf(DataDirInUseError);
      const other = await cli('db/migrate-cli.ts');
      expect(other.code).toBe(1);
      expect(other.out).toMatch(/already in use by another process/);
    } finally {
      await holder.close();
    }
    expect((await cli('db/migrate-cli.ts')).code).toBe(0);
  });

  it('starts a new data dir from the migrated template once one exists, already migrated, with its own data', async () => {
    const first = path.join(tmp, 'first');
    const a = await openPglite(first);
    try {
      await a.migrate();
    } finally {
      await a.close();
    }
    const cache = path.join(process.cwd(), 'node_modules', '.cache', 'nook');
    expect(fs.readdirSync(cache).some((f) => /^pglite-[0-9a-f]{16}\.tar$/.test(f))).toBe(true);
    const second = path.join(tmp, 'second');
    const b = await openPglite(second);
    try {
      // Before any migration runs, the new folder already has every migration: it came from the template.
      const { applied, expected } = await migrationStatus(b.db);
      expect(applied).toBe(expected);
      expect(await b.db.select().from(users)).toEqual([]);
    } finally {
      await b.close();
    }
  });

  it('reports migrations as pending on an empty database', async () => {
    const fresh = await openPglite();
    try {
      expect(await migrationStatus(fresh.db)).toMatchObject({ applied: 0 });
      await fresh.migrate();
      const after = await migrationStatus(fresh.db);
      expect(after.applied).toBe(after.expected);
    } finally {
      await fresh.close();
    }
  });
});
