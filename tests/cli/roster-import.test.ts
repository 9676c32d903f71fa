/**
 * `crieur subscribers import` reads the CSV files people have, as an audit of the CLI found it refusing common ones
 * (exit 65 "no email column"): Excel's `sep=;` first line, blank lines above the header, tab-separated files. A file
 * with really no email column is refused (65) with the header line it should have. On PostgreSQL (a schema of its own).
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

describe('crieur subscribers import: CSV files', { timeout: 400_000 }, () => {
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
