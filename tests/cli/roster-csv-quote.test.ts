/**
 * `crieur subscribers import` of a CSV with a quote never closed (a hand-edited file): the rows after it were read
 * into that one cell, and the import said « 1 added » — the people on those rows lost, unsaid (audit V). It is now
 * refused (65) naming the line where the quote opened, and nothing is imported.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCliStore } from '../support/cli-store.ts';

const cli = useCliStore('roster-csv-quote', 'rcq');

describe('crieur subscribers import: a quote never closed', { timeout: 200_000 }, () => {
  it('is refused with its line, and nobody is imported', async () => {
    const file = join(cli.box.dir, 'members.csv');
    writeFileSync(file, 'email,name\nfirst@example.fr,First\nlong@example.fr,"Jean Dupont\nnext@example.fr,Next\nlast@example.fr,Last\n');
    const r = await cli.crieur('subscribers', 'import', file, '--consented');
    expect(r.code, r.stdout).toBe(65);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('members.csv: line 3: a quote (") opens a cell that is never closed');
    expect(lines[1]).toContain('nothing was imported');
    expect(await cli.store.subscribers.get('first@example.fr')).toBeNull();
    expect(await cli.store.subscribers.get('long@example.fr')).toBeNull();
  });
});
