import { defineConfig } from 'vitest/config';

// Long property runs (100,000 cases per property) are behind DYNASM_LONG=1 (`npm run test:long`).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/support/setup-fast-check.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
