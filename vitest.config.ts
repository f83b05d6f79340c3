import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Finds PostgreSQL for its suites, or says in one line which it skipped (REQUIRE_SERVICES=1: fail instead).
    globalSetup: ['test/support/services-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // The machine has 2 cores; e2e tests spawn the real bot process.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
