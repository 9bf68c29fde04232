import { defineConfig } from '@playwright/test';
import base from './playwright.config';

const port = Number(process.env.E2E_OIDC_PORT ?? 3101);
const idpPort = Number(process.env.E2E_IDP_PORT ?? 3190);
// Next.js turns a loopback address into "localhost" in the URLs Auth.js sees, so the server is
// addressed as localhost throughout (AUTH_URL and the redirect URI registered at the provider).
const baseURL = `http://localhost:${port}`;

/**
 * Sign-in through a real OpenID Connect provider (scripts/oidc-provider.mjs), on a Nook server
 * of its own with only that provider configured: no demo sign-in. scripts/e2e.mjs runs it
 * after the other journeys, on each database.
 */
export default defineConfig({
  ...base,
  testMatch: /.*\.oidc\.ts$/,
  use: { ...base.use, baseURL },
  webServer: [
    {
      command: 'node scripts/oidc-provider.mjs',
      url: `http://127.0.0.1:${idpPort}/.well-known/openid-configuration`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      env: { ...(process.env as Record<string, string>), E2E_IDP_PORT: String(idpPort), E2E_OIDC_PORT: String(port) },
    },
    {
      command: `npx next start -p ${port} -H 127.0.0.1`,
      url: `http://127.0.0.1:${port}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        NOOK_JOBS: '0',
        ...(process.env as Record<string, string>),
        AUTH_DEMO: '0',
        AUTH_URL: baseURL,
        AUTH_OIDC_ISSUER: `http://127.0.0.1:${idpPort}`,
        AUTH_OIDC_ID: 'nook',
        AUTH_OIDC_SECRET: 'nook-test-client-secret',
        AUTH_OIDC_NAME: 'Acme SSO',
        AUTH_ADMIN_EMAILS: 'boss@acme.test',
        AUTH_OIDC_HR_GROUPS: 'Nook HR',
        AUTH_OIDC_ADMIN_GROUPS: 'Nook Admins',
        SCIM_TOKEN: process.env.E2E_SCIM_TOKEN ?? 'e2e-scim-token-0123456789-0123456789',
        NEXT_TELEMETRY_DISABLED: '1',
      },
    },
  ],
});
