/**
 * `crieur subscribers add|import` as an audit of the CLI found them wanting, on PostgreSQL (a schema of its own):
 * - a member given no language (no --language, no language column, an empty cell) gets the group's (group.locale),
 *   so `subscribers list --json` never shows `language: null` for them;
 * - the CSV files people have: Excel's `sep=;` first line, blank lines above the header, tab-separated; a file with
 *   really no email column is refused (65) with the header line it should have.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCliStore } from '../support/cli-store.ts';

const cli = useCliStore('roster-import', 'ros');
const { crieur } = cli;
const csv = (name: string, text: string) => {
  const path = join(cli.box.dir, name);
  writeFileSync(path, text);
  return path;
};
const listed = async () => JSON.parse((await crieur('subscribers', 'list', '--json')).stdout) as { email: string; name: string | null; language: string | null; status: string }[];

describe('crieur subscribers: languages, CSV files', { timeout: 400_000 }, () => {
  it('a member given no language gets the group\'s, recorded: add without --language, a CSV without the column or with an empty cell', async () => {
    expect((await crieur('subscribers', 'add', 'nolang@example.fr', '--name', 'Sans Langue')).code).toBe(0);
    const file = csv('nolang.csv', 'email,name\r\nrow@example.fr,Row\r\n');
    expect((await crieur('subscribers', 'import', file)).code).toBe(0);
    const empty = csv('empty-cell.csv', 'email,language\r\ncell@example.fr,\r\nen@example.fr,en\r\n');
    expect((await crieur('subscribers', 'import', empty)).code).toBe(0);
    const members = await listed();
    for (const email of ['nolang@example.fr', 'row@example.fr', 'cell@example.fr']) {
      expect(members.find((m) => m.email === email)?.language, email).toBe('fr');
      expect((await cli.store.subscribers.get(email))?.language, email).toBe('fr');
    }
    expect(members.find((m) => m.email === 'en@example.fr')?.language).toBe('en');
    expect(members.every((m) => m.language !== null)).toBe(true);
  });

  it.each([
    ['Excel\'s sep=; first line', 'sep=;\r\nNom;Email;Langue\r\nExcel;excel@example.fr;en\r\n', 'excel@example.fr', 'Excel'],
    ['blank lines above the header', '\r\n\r\n;;\r\nemail,name\r\nblank@example.fr,Blank\r\n', 'blank@example.fr', 'Blank'],
    ['tab-separated', 'name\temail\tlanguage\nTab, Tom\ttab@example.fr\ten\n', 'tab@example.fr', 'Tab, Tom'],
  ])('reads a CSV with %s', async (_, text, email, name) => {
    const r = await crieur('subscribers', 'import', csv(`${email}.csv`, text));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('1 added (pending: import with --consented once they agreed)');
    expect(await cli.store.subscribers.get(email)).toMatchObject({ email, name });
  });

  it('a file with no email column is refused (65), naming the header line it should have', async () => {
    const r = await crieur('subscribers', 'import', csv('nocol.csv', '\nnom;prénom\nDupont;Jean\n'));
    expect(r.code).toBe(65);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/nocol\.csv: no email column in the header row \(found on line 2: nom, prénom\)/);
    expect(lines[1]).toContain('email,name,language');
  });
});
