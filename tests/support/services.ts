/**
 * Where the tests' Redis and PostgreSQL are. The global set-up (tests/support/global-setup.ts) sets these
 * variables to private instances when the usual ones do not answer; every test reads them from here.
 */
export const REDIS_URL = process.env.CRIEUR_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const PG_URL = process.env.CRIEUR_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
