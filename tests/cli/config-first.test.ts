/**
 * `--config FILE` before the command's name (`crieur --config F proposals list`), as scripts and unit files write it:
 * it was refused, 64, « unknown option '--config' », since commander knows it as each command's option only.
 * A held-out audit of the CLI against SPEC ("One YAML file (`--config FILE`, …)", whatever the command).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configAfterCommand } from '../../src/cli/main.ts';
import { runCrieur, sandbox } from '../support/crieur-process.ts';

const box = sandbox('config-first');
afterAll(() => box.cleanup());

describe('--config before the command', { timeout: 120_000 }, () => {
  it('is read as the command\'s own: an unknown key in it is refused, 78, naming the file', async () => {
    const bad = join(box.dir, 'bad.yaml');
    writeFileSync(bad, 'bogusKey: 1\n');
    for (const args of [['--config', bad, 'proposals', 'list'], [`--config=${bad}`, '--verbose', 'doctor']]) {
      const r = await runCrieur(args, { dir: box.dir });
      expect(r.code, r.stderr).toBe(78);
      expect(r.stderr).toMatch(new RegExp(`^crieur: invalid configuration in ${bad}: unknown key bogusKey`));
    }
  });

  it('moves to the end, after the command and its arguments, a -- kept last', () => {
    expect(configAfterCommand(['--config', 'c.yaml', 'proposals', 'decide', 'P-1', 'note', 'x'])).toEqual(['proposals', 'decide', 'P-1', 'note', 'x', '--config', 'c.yaml']);
    expect(configAfterCommand(['--verbose', '--config=c.yaml', 'parse', '--json', '--', '-x.eml'])).toEqual(['--verbose', 'parse', '--json', '--config=c.yaml', '--', '-x.eml']);
    // After the command, or absent: untouched.
    expect(configAfterCommand(['doctor', '--config', 'c.yaml'])).toEqual(['doctor', '--config', 'c.yaml']);
    expect(configAfterCommand(['--version'])).toEqual(['--version']);
  });
});
