#!/usr/bin/env node
// Runs the tests whose outcome could depend on today's date again, under a handful of faked
// instants that catch calendar assumptions. The process clock is faked with Debian's faketime
// (libfaketime), so the code under test, the test's own "now" (tests/clock.ts) and the embedded
// database's now() all see the same instant, and the clock moves on from there as usual.
//
// Which files: every unit test in lib/, and every test file that takes its "now" from
// tests/clock.ts. They run on the embedded database (PGlite) only: PostgreSQL's server keeps
// the real clock. `npm run test:any-day -- 2028-02-29T14:00:00Z` runs one instant of your own.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Each instant in UTC, with what it is there to catch. */
const INSTANTS = [
  ['2026-12-02T19:30:00Z', 'a Wednesday afternoon in New York (two working days on is a Friday, the day after a Saturday)'],
  ['2026-12-05T03:45:00Z', 'a Friday late evening in New York, already Saturday in London and UTC'],
  ['2027-03-13T17:00:00Z', 'the Saturday before the US switch to daylight saving time'],
  ['2027-01-01T04:30:00Z', "New Year's Eve, 23:30 in New York, already next year in UTC"],
  ['2028-02-29T15:00:00Z', '29 February, a Tuesday'],
];

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function testFiles() {
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      if (['node_modules', '.next', '.next-bench', '.data', 'e2e'].includes(entry.name) || entry.name.startsWith('.')) continue;
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.test.ts')) out.push(rel);
    }
  };
  walk('.');
  const clockImport = /from '(@\/tests|\.{1,2})\/clock'/;
  return out
    .map((f) => f.replace(/^\.\//, ''))
    // The pure lib/ (its server layer's tests need a database and run in the other legs).
    .filter((f) => (f.startsWith('lib/') && !f.startsWith('lib/server/')) || clockImport.test(fs.readFileSync(path.join(root, f), 'utf8')))
    .sort();
}

function faketimeLibrary() {
  for (const dir of ['/usr/lib/x86_64-linux-gnu/faketime', '/usr/lib/aarch64-linux-gnu/faketime', '/usr/lib/faketime', '/usr/local/lib/faketime']) {
    const lib = path.join(dir, 'libfaketime.so.1');
    if (fs.existsSync(lib)) return lib;
  }
  return null;
}

const lib = faketimeLibrary();
if (!lib) {
  console.error('The any-day tests need libfaketime: install it with `apt-get install faketime` (.ci/run does).');
  process.exit(1);
}

const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const instants = asked.length ? asked.map((a) => [a, 'asked for']) : INSTANTS;
const files = testFiles();
console.log(`\n== Any day: ${files.length} test files under ${instants.length} faked instants (PGlite) ==`);

const env = { ...process.env, TZ: 'UTC', FAKETIME_DONT_FAKE_MONOTONIC: '1', FAKETIME_NO_CACHE: '1', NEXT_TELEMETRY_DISABLED: '1' };
delete env.TEST_DATABASE_URL;
delete env.DATABASE_URL;

for (const [instant, why] of instants) {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) {
    console.error(`Not an instant: ${instant}`);
    process.exit(1);
  }
  // libfaketime reads "@YYYY-MM-DD hh:mm:ss" in the process's zone, which is UTC here: start there, then tick.
  const stamp = at.toISOString().slice(0, 19).replace('T', ' ');
  console.log(`\n-- ${at.toISOString()}: ${why} --`);
  const r = spawnSync('npx', ['vitest', 'run', ...files], {
    cwd: root,
    stdio: 'inherit',
    env: { ...env, LD_PRELOAD: lib, FAKETIME: `@${stamp}`, NOOK_FAKED_NOW: at.toISOString() },
  });
  if (r.status !== 0) {
    console.error(`\nThe tests failed with the clock at ${at.toISOString()} (${why}).`);
    process.exit(r.status ?? 1);
  }
}
