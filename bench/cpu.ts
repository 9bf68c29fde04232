import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * CPU time per operation, read from /proc: what a workplace pays for, and far steadier on a
 * shared machine than requests per second. A meter sums user + system time of the Nook server
 * process groups it is given and of the PostgreSQL backends connected to the bench database,
 * between `start()` and `stop()`.
 */

let ticksPerSecond: number | null = null;
function clockTicks(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

type Stat = { pid: number; pgrp: number; cpuMs: number };

function readStat(pid: number): Stat | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name sits in parentheses and may hold spaces: fields after it are space-separated.
    const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const pgrp = Number(rest[2]);
    const utime = Number(rest[11]);
    const stime = Number(rest[12]);
    return { pid, pgrp, cpuMs: ((utime + stime) * 1000) / clockTicks() };
  } catch {
    return null; // gone
  }
}

function allPids(): number[] {
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
}

/** Whether this machine can be measured this way (Linux with /proc). */
export function canMeasureCpu(): boolean {
  return fs.existsSync('/proc/self/stat');
}

export type CpuSample = Map<number, number>;

/** CPU milliseconds so far of every process in these process groups, and of these extra pids. */
export function sampleCpu(groups: number[], pids: number[] = []): CpuSample {
  const out: CpuSample = new Map();
  const wanted = new Set(groups);
  for (const pid of allPids()) {
    const s = readStat(pid);
    if (s && wanted.has(s.pgrp)) out.set(pid, s.cpuMs);
  }
  for (const pid of pids) {
    const s = readStat(pid);
    if (s) out.set(pid, s.cpuMs);
  }
  return out;
}

/** CPU milliseconds spent between two samples (a process that started in between counts from zero). */
export function cpuBetween(before: CpuSample, after: CpuSample): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

export type CpuSplit = { appMs: number; dbMs: number };

/**
 * A meter over the app's process groups and, when given, a function that lists the pids of the
 * PostgreSQL backends serving the app (read from pg_stat_activity, which must be asked before
 * and after: pooled connections live across a run).
 */
export function cpuMeter(appGroups: () => number[], dbBackends?: () => Promise<number[]>) {
  return {
    async start() {
      const db = dbBackends ? await dbBackends() : [];
      const app = sampleCpu(appGroups());
      const dbSample = sampleCpu([], db);
      return {
        async stop(): Promise<CpuSplit> {
          const appAfter = sampleCpu(appGroups());
          const dbNow = dbBackends ? await dbBackends() : [];
          const dbAfter = sampleCpu([], [...new Set([...db, ...dbNow])]);
          return { appMs: cpuBetween(app, appAfter), dbMs: cpuBetween(dbSample, dbAfter) };
        },
      };
    },
  };
}
