import { defineConfig } from 'vitest/config';

// Temporary: the root config's globalSetup (tests/global-setup.ts) does not exist yet.
export default defineConfig({
  resolve: { conditions: ['@herald/source'] },
  ssr: { resolve: { conditions: ['@herald/source'] } },
  test: {
    include: ['tools/teams-sim/src/**/*.spec.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
