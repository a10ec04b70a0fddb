import { defineConfig } from 'vitest/config';

// `vitest run --mode quick` (npm run test:quick): every property capped at 10 cases (test/support/runs.ts), for a
// developer's quick check. CI and `npm test` keep each property's own count.
export default defineConfig(({ mode }) => ({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/chromium-setup.ts', 'test/support/temp-root-setup.ts'],
    setupFiles: ['test/support/property-runs-setup.ts', 'test/support/temp-dir-setup.ts'],
    env: mode === 'quick' ? { OLINPE_PROPERTY_RUNS: process.env.OLINPE_PROPERTY_RUNS ?? '10' } : {},
    testTimeout: 60_000,
    hookTimeout: 120_000,
    allowOnly: false,
  },
}));
