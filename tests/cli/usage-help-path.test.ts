/**
 * A usage error in a command of a group — `crieur events create … --bogus`, `events create` without --venue,
 * `campaigns show --bogus` — ended with « (see crieur events --help) »: the group's help, which lists its commands
 * but none of create's options, so the fix was one more help away (contract audit of the CLI). The pointer now names
 * the command as deep as the line gave it; a top-level command's and an unknown command's stay as they were.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runCrieur, sandbox } from '../support/crieur-process.ts';

const box = sandbox('usage-help-path');
afterAll(() => box.cleanup());
const run = (...args: string[]) => runCrieur(args, { dir: box.dir, cwd: box.dir, timeoutMs: 60_000 });

describe('the help a usage error points to', { timeout: 120_000 }, () => {
  it.each([
    [['events', 'create', '--date', '2027-01-28', '--venue', 'X', '--bogus'], /^error: unknown option '--bogus'\n\(see crieur events create --help\)\n$/],
    [['events', 'create', '--date', '2027-01-28'], /^error: required option '--venue <text>' not specified\n\(see crieur events create --help\)\n$/],
    [['subscribers', 'import'], /^error: missing required argument 'file'\n\(see crieur subscribers import --help\)\n$/],
    [['campaigns', 'show', '--bogus'], /^error: unknown option '--bogus'\n\(see crieur campaigns show --help\)\n$/],
    [['--config', 'x.yaml', 'events', 'list', '--bogus'], /^error: unknown option '--bogus'\n\(see crieur events list --help\)\n$/],
    [['parse', '--bogus'], /^error: unknown option '--bogus'\n\(see crieur parse --help\)\n$/],
    [['nope'], /^error: unknown command 'nope'\n\(see crieur --help\)\n$/],
  ])('%j: 64, the command\'s own help', async (args, said) => {
    const r = await run(...args);
    expect(r.code).toBe(64);
    expect(r.stderr).toMatch(said);
  });
});

/**
 * `crieur help nope` printed the whole help, 37 lines, on stderr with exit 64, and `crieur help proposals list` the
 * help of proposals, not of list (commander's own help command). `help NAME…` is now `NAME… --help`; a name that is no
 * command is said as `crieur nope` says it.
 */
describe('crieur help COMMAND…', { timeout: 120_000 }, () => {
  it('help nope: 64, two lines', async () => {
    const r = await run('help', 'nope');
    expect(r.code).toBe(64);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("error: unknown command 'nope'\n(see crieur --help)\n");
  });

  it.each([
    [['help', 'proposals', 'list'], /^Usage: crieur proposals list \[options\]\n/],
    [['help', 'events', 'create'], /^Usage: crieur events create \[options\]\n/],
    [['help', 'proposals'], /^Usage: crieur proposals \[options\] \[command\]\n/],
    [['help'], /^Usage: crieur \[options\] \[command\]\n/],
  ])('%j: that command\'s help on stdout, 0', async (args, said) => {
    const r = await run(...args);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(said);
  });
});
