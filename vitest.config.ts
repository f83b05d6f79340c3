import { defineConfig } from 'vitest/config';

/**
 * The in-process command tests (the harness) import the whole app; in a fresh module graph per
 * file that import cost three times their tests (measured: 15 command files, 33 s of CPU isolated,
 * 10 s shared). Nothing of ours keeps state in module scope and each file starts its own harness,
 * so these files share their worker's modules; every other file keeps its own.
 */
const SHARED_MODULES = ['test/commands/**/*.test.ts', 'test/flows/**/*.test.ts', 'test/writes/**/*.test.ts'];

export default defineConfig({
  test: {
    // Finds PostgreSQL for its suites, or says in one line which it skipped (REQUIRE_SERVICES=1: fail instead).
    globalSetup: ['test/support/services-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // The machine has 2 cores; e2e tests spawn the real bot process.
    maxWorkers: 2,
    reporters: ['default'],
    projects: [
      { extends: true, test: { name: 'in-process', include: SHARED_MODULES, isolate: false } },
      { extends: true, test: { name: 'isolated', include: ['test/**/*.test.ts'], exclude: SHARED_MODULES } },
    ],
  },
});
