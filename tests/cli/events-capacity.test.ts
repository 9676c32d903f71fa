/**
 * `crieur events create|update --capacity`: « --capacity 0: expected a whole number of seats » refused a whole number
 * in words that said it was one, and 1e2, 0x10 passed as 100 and 16 seats (Number()). Digits only, 1 or more, and the
 * line says so (contract audit of the CLI). Refused before any database is opened.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runCrieur, sandbox } from '../support/crieur-process.ts';

const box = sandbox('events-capacity');
afterAll(() => box.cleanup());
const run = (...args: string[]) => runCrieur(args, { dir: box.dir, cwd: box.dir, timeoutMs: 60_000 });

describe('--capacity', { timeout: 200_000 }, () => {
  it.each([['0'], ['-5'], ['2.5'], ['1e2'], ['0x10'], ['abc']])('%s: 64, a number of seats, 1 or more', async (given) => {
    const r = await run('events', 'create', '--date', '2027-09-02T19:00', '--venue', 'Salle B', `--capacity=${given}`);
    expect(r.code).toBe(64);
    expect(r.stderr).toMatch(new RegExp(`crieur: --capacity ${given.replace('.', '\\.')}: expected a number of seats, 1 or more \\(e\\.g\\. --capacity 80\\)\\n$`));
  });

  it('update: the same', async () => {
    const r = await run('events', 'update', '1', '--capacity', '0');
    expect(r.code).toBe(64);
    expect(r.stderr).toMatch(/crieur: --capacity 0: expected a number of seats, 1 or more/);
  });
});
