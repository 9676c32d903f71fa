/**
 * Rosters that split the name (audit V): French Excel's « Prénom;Nom;Email » imported Jean Dupont as « Dupont » —
 * greeted « Bonjour Dupont » in every announcement — and Mailchimp's or Outlook's "First Name","Last Name" export
 * imported no name at all. The name is now the first name and the family name, in that order; a whole-name column
 * still wins when there is one.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCliStore } from '../support/cli-store.ts';

const cli = useCliStore('roster-names', 'rnam');
const csv = (name: string, text: string) => {
  const path = join(cli.box.dir, name);
  writeFileSync(path, text);
  return path;
};

describe('crieur subscribers import: first and family names in two columns', { timeout: 200_000 }, () => {
  it.each([
    ['Prénom;Nom', 'Prénom;Nom;Email\r\nJean;Dupont;jean@example.fr\r\n;Seul;seul@example.fr\r\n', { 'jean@example.fr': 'Jean Dupont', 'seul@example.fr': 'Seul' }],
    ['First Name, Last Name', '"Email Address","First Name","Last Name"\nmary@example.org,Mary,Smith\n', { 'mary@example.org': 'Mary Smith' }],
    ['a whole name beside them', 'name,first name,last name,email\nDr Ann Lee,Ann,Lee,ann@example.org\n,Bo,Li,bo@example.org\n', { 'ann@example.org': 'Dr Ann Lee', 'bo@example.org': 'Bo Li' }],
  ])('%s', async (label, text, names) => {
    const r = await cli.crieur('subscribers', 'import', csv(`${label.replace(/\W+/g, '-')}.csv`, text), '--consented');
    expect(r.code, r.stderr).toBe(0);
    for (const [email, name] of Object.entries(names)) expect((await cli.store.subscribers.get(email))?.name, email).toBe(name);
  });
});
