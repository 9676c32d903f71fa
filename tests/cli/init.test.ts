/**
 * `crieur init` as an operator installs it (audit d): its closing lines name every key the defaults leave
 * unanswerable; a DIR that cannot be made is said in words.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MUST_SET } from '../../src/cli/commands/init.ts';
import { runCrieur, sandbox } from '../support/crieur-process.ts';

const box = sandbox('init');
afterAll(() => box.cleanup());
const run = (args: string[]) => runCrieur(args, { dir: box.dir, cwd: box.dir, timeoutMs: 120_000 });

describe('crieur init', { timeout: 200_000 }, () => {
  it('its closing lines list every key the user must set', async () => {
    const dir = join(box.dir, 'keys');
    const r = await run(['init', dir]);
    expect(r.code, r.stderr).toBe(0);
    for (const key of ['group.name', 'addresses.proposals', 'addresses.from', 'addresses.bounces', 'organizers', 'inbox.url', 'smtp.url', 'lists']) {
      expect(r.stdout).toMatch(new RegExp(`^ {4}${key.replace('.', '\\.')} +\\S`, 'm'));
    }
    expect(MUST_SET.map(([k]) => k)).toContain('organizers');
    expect(r.stdout).toContain(`then: crieur doctor --config ${join(dir, 'crieur.config.yaml')}`);
  });

  it('a DIR that cannot be made: 1, the path, the cause in words and the fix', async () => {
    const afile = join(box.dir, 'afile');
    writeFileSync(afile, 'in the way');
    const r = await run(['init', join(afile, 'x')]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`crieur: cannot create the directory ${join(afile, 'x')}: a part of the path is not a directory — choose a directory for DIR (one that does not exist yet is created)`);
  });
});
