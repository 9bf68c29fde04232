#!/usr/bin/env node
// Builds Nook once, then runs the Playwright journeys against the production server:
// on the embedded database (a fresh data dir), and on PostgreSQL too when
// TEST_DATABASE_URL is set (a fresh database created, migrated, seeded and dropped).
// On each database it then runs the sign-in journeys against a real OpenID Connect provider
// (playwright.oidc.config.ts: the provider and a second Nook server with only OIDC sign-in).
// Spec files given as arguments pick what runs: `*.oidc.ts` ones go to the sign-in run.
// Last, on PostgreSQL, two instances of the same build behind HAProxy
// (tests/two-instances.cluster.ts, which makes its own database).
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const extra = process.argv.slice(2);
const isOidc = (arg) => /\.oidc\.ts$/.test(arg);
const specs = extra.filter((a) => !a.startsWith('-'));
const options = extra.filter((a) => a.startsWith('-'));
const mainArgs = [...specs.filter((a) => !isOidc(a)), ...options];
const oidcArgs = [...specs.filter(isOidc), ...options];
const runMain = specs.length === 0 || specs.some((a) => !isOidc(a));
const runOidc = specs.length === 0 || specs.some(isOidc);
const playwright = (env) => {
  if (runMain) run('npx', ['playwright', 'test', ...mainArgs], env);
  if (runOidc) run('npx', ['playwright', 'test', '-c', 'playwright.oidc.config.ts', ...oidcArgs], env);
};
const base = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
delete base.DATABASE_URL;

function run(cmd, args, env = base) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`\n${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

if (process.env.E2E_SKIP_BUILD !== '1') run('npx', ['next', 'build']);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nook-e2e-'));
console.log('\n== End-to-end on the embedded database (PGlite) ==');
playwright({ ...base, NOOK_DATA_DIR: dataDir, E2E_DB: 'pglite' });
fs.rmSync(dataDir, { recursive: true, force: true });

const adminUrl = process.env.TEST_DATABASE_URL;
if (adminUrl) {
  const name = `nook_e2e_${crypto.randomBytes(4).toString('hex')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const pgEnv = {
    ...base,
    DATABASE_URL: url.toString(),
    AUTH_DEMO: '1',
    AUTH_SECRET: crypto.randomBytes(32).toString('base64url'),
    E2E_DB: 'postgres',
  };
  const sql = (statement) => run('npx', ['tsx', 'scripts/sql.ts', statement], { ...base, DATABASE_URL: adminUrl });
  console.log(`\n== End-to-end on PostgreSQL (${name}) ==`);
  sql(`create database ${name}`);
  try {
    run('npx', ['tsx', 'db/migrate-cli.ts'], pgEnv);
    run('npx', ['tsx', 'db/seed-cli.ts'], pgEnv);
    playwright(pgEnv);
  } finally {
    sql(`drop database if exists ${name} with (force)`);
  }

  console.log('\n== Two instances behind a load balancer (HAProxy) on PostgreSQL ==');
  run('npx', ['vitest', 'run', '--config', 'vitest.cluster.config.mts'], { ...base, TEST_DATABASE_URL: adminUrl });
}
