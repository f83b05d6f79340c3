import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // The machine has 2 cores; e2e tests spawn the real bot process.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
