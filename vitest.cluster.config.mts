import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * Tests that run several Nook processes over the production build (`*.cluster.ts`): run by
 * scripts/e2e.mjs after `next build`, on PostgreSQL only; the unit run never picks them up.
 */
export default defineConfig({
  resolve: {
    alias: {
      '@': root,
      'server-only': path.join(root, 'tests/empty-module.ts'),
    },
  },
  test: {
    environment: 'node',
    include: ['tests/**/*.cluster.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
