/**
 * The same address twice in one CSV (case aside): the import's own rule is that a later row fills in what an earlier
 * one left empty, but the later row's spelling and name replaced the first's — « f1@example.fr,Fay » then
 * « F1@EXAMPLE.FR,Fay upper » made the member « F1@EXAMPLE.FR (Fay upper) » (contract audit of the CLI). The first row
 * keeps its address as written and what it says; blanks are filled from later rows. On PostgreSQL (a schema of its own).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCliStore } from '../support/cli-store.ts';

const cli = useCliStore('roster-import-dup', 'rid');
const { crieur } = cli;

describe('crieur subscribers import, one address on several rows', { timeout: 300_000 }, () => {
  it('the first row wins, a later one fills in its blanks', async () => {
    const file = join(cli.box.dir, 'dup.csv');
    writeFileSync(file, 'email,name,language\nf1@example.fr,Fay,\nf1@example.fr,Fay again,en\nF1@EXAMPLE.FR,Fay upper,fr\n');
    const r = await crieur('subscribers', 'import', file);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('1 added (pending: import with --consented once they agreed), 2 duplicates merged');
    const members = JSON.parse((await crieur('subscribers', 'list', '--json')).stdout) as { email: string; name: string | null; language: string | null }[];
    expect(members).toHaveLength(1);
    expect(members[0]).toMatchObject({ email: 'f1@example.fr', name: 'Fay', language: 'en' });
  });
});
