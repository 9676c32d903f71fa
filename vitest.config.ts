import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Redis and PostgreSQL: the usual ones when they answer, else private ones started for the run (and Dovecot's binary checked).
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: integration suites start servers; keep parallelism modest.
    maxWorkers: 2,
  },
});
