import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

/** Run through `npm run test:e2e`, which builds once and runs this on each database. */
export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: 'test-results',
  use: {
    baseURL,
    timezoneId: 'America/New_York',
    locale: 'en-US',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: `npx next start -p ${port} -H 127.0.0.1`,
    url: `${baseURL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      // The journeys sign in and book far more often than a person would: lift the limits
      // unless a spec run sets them (e2e/security.spec.ts checks a real limit on its own server).
      RATE_LIMIT_SIGNIN: '10000/1m',
      RATE_LIMIT_SIGNIN_IP: '10000/1m',
      RATE_LIMIT_BOOKING: '10000/1m',
      // Scheduled jobs stay off so journeys that change a policy mid-way are not raced by the minute job;
      // the jobs themselves are tested against both databases.
      NOOK_JOBS: '0',
      // The journeys know the small demo seed by heart: no generated history behind it.
      NOOK_DEMO_HISTORY: '0',
      ...(process.env as Record<string, string>),
      NEXT_TELEMETRY_DISABLED: '1',
    },
  },
});
