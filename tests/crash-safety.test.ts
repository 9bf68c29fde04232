/**
 * Crash safety: a process booking through the real booking service (scripts/crash-booker.ts)
 * is SIGKILLed in the middle of a burst, on PGlite (a data dir) and on PostgreSQL. Every booking
 * it acknowledged (printed after commit) is there afterwards, and a new process opens the same
 * data at once and books again.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inArray, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite, openPostgres } from '@/db/client';
import { bookings } from '@/db/schema';
import { dbKinds, freshDb, type TestDb } from './db';

type Run = { acks: string[]; lines: string[]; exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>; kill: () => void };

function start(mode: 'burst' | 'check', env: Record<string, string>, killAfterAcks?: number): Run {
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/crash-booker.ts', mode], {
    env: { ...process.env, ...env, NODE_ENV: 'production', TZ: 'UTC' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: Run = {
    acks: [],
    lines: [],
    exit: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal }))),
    kill: () => child.kill('SIGKILL'),
  };
  let buffer = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) {
      run.lines.push(line);
      if (line.startsWith('ACK ')) {
        run.acks.push(line.slice(4));
        if (killAfterAcks && run.acks.length === killAfterAcks) run.kill();
      }
    }
  });
  child.stderr.on('data', (chunk: Buffer) => run.lines.push(`stderr: ${chunk.toString().trim()}`));
  return run;
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

for (const kind of dbKinds()) {
  describe(`crash safety [${kind}]`, () => {
    it('keeps every acknowledged booking after SIGKILL mid-burst, and comes back on the same data', { timeout: 120_000 }, async () => {
      let env: Record<string, string>;
      let pg: TestDb | undefined;
      let dataDir: string | undefined;
      if (kind === 'pglite') {
        dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nook-crash-'));
        env = { NOOK_DATA_DIR: dataDir };
        cleanups.push(async () => fs.rmSync(dataDir!, { recursive: true, force: true }));
      } else {
        pg = await freshDb('postgres');
        // The test databases skip the fsync wait; this one must not.
        await pg.db.execute(sql.raw(`alter database ${pg.name} set synchronous_commit = on`));
        const { seedDemo } = await import('@/db/seed');
        await seedDemo(pg.db);
        env = { DATABASE_URL: pg.url!, AUTH_SECRET: 'x'.repeat(32) };
        cleanups.push(() => pg!.dispose());
      }

      const burst = start('burst', env, 40);
      const ended = await burst.exit;
      expect(ended.signal, burst.lines.slice(-5).join('\n')).toBe('SIGKILL');
      expect(burst.lines).not.toContain('DONE');
      expect(burst.acks.length).toBeGreaterThanOrEqual(40);

      // A new process opens the same data straight away (no waiting for a stale lock) and books.
      const check = start('check', env);
      const after = await check.exit;
      expect(after.code, check.lines.join('\n')).toBe(0);
      expect(check.lines.find((l) => l.startsWith('READY '))).toBeTruthy();
      const count = Number(check.lines.find((l) => l.startsWith('COUNT '))!.slice(6));
      expect(count).toBeGreaterThanOrEqual(burst.acks.length);

      // Every acknowledged booking is there, live.
      const handle = kind === 'pglite' ? await openPglite(dataDir) : openPostgres(pg!.url!);
      try {
        const rows = await handle.db.select({ id: bookings.id, status: bookings.status }).from(bookings).where(inArray(bookings.id, burst.acks));
        expect(rows.length).toBe(burst.acks.length);
        expect(rows.every((r) => r.status === 'booked')).toBe(true);
      } finally {
        await handle.close();
      }
    });
  });
}
