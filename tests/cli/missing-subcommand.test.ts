/**
 * `crieur` alone, `crieur proposals` alone (or events, subscribers, campaigns, failed) printed commander's whole help on
 * stderr — 11 to 37 lines — and exited 64: SPEC's errors are one or two lines naming the cause and the fix. Now two:
 * what is missing, with the commands there are, and where the help is. `--help` still prints the help on stdout, 0.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runCrieur, sandbox } from '../support/crieur-process.ts';

const box = sandbox('missing-subcommand');
afterAll(() => box.cleanup());
const run = (...args: string[]) => runCrieur(args, { dir: box.dir, cwd: box.dir, timeoutMs: 60_000 });

describe('a command group without its command', { timeout: 120_000 }, () => {
  it.each([
    [[], /^crieur: no command given: parse, start, .*campaigns, init\n\(see crieur --help\)\n$/],
    [['proposals'], /^crieur: proposals needs a command: list, show, decide\n\(see crieur proposals --help\)\n$/],
    [['events'], /^crieur: events needs a command: create, .*schedule, unschedule\n\(see crieur events --help\)\n$/],
    [['subscribers'], /^crieur: subscribers needs a command: list, add, remove, import.*\n\(see crieur subscribers --help\)\n$/],
    [['campaigns'], /^crieur: campaigns needs a command: list, show, pause, resume\n\(see crieur campaigns --help\)\n$/],
  ])('%j: 64, two lines', async (args, said) => {
    const r = await run(...args);
    expect(r.code).toBe(64);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(said);
  });

  it('--help still prints the help on stdout, 0', async () => {
    const r = await run('proposals', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: crieur proposals/);
  });
});
