/**
 * A display name that is no name, in an address pasted as a mail client writes it: Outlook and many address books
 * write a contact with no name as `'jean@x.fr' <jean@x.fr>` or `jean@x.fr <jean@x.fr>`, and some quote the name in
 * single quotes (`'Jean Dupont' <jean@x.fr>`). Read as written, the member was greeted « Bonjour jean@x.fr » or
 * « Bonjour 'Jean Dupont' » in every announcement: a name that is only an address is no name (as crieur reads a From
 * display name), and the quotes around one are no part of it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCliStore } from '../support/cli-store.ts';

const cli = useCliStore('roster-mbnames', 'rmn');

describe('crieur subscribers import: display names that are no name', { timeout: 200_000 }, () => {
  it('an address as the display name gives no name; single quotes around a name are dropped', async () => {
    const file = join(cli.box.dir, 'outlook.csv');
    writeFileSync(
      file,
      "email,name\n'jean@example.fr' <jean@example.fr>,\nmarc@example.fr <marc@example.fr>,\n'Claire Martin' <claire@example.fr>,\n\"\"\"O'Neil\"\" <sean@example.fr>\",\n",
    );
    const r = await cli.crieur('subscribers', 'import', file, '--consented');
    expect(r.code, r.stderr).toBe(0);
    expect(await cli.store.subscribers.get('jean@example.fr')).toMatchObject({ name: null });
    expect(await cli.store.subscribers.get('marc@example.fr')).toMatchObject({ name: null });
    expect(await cli.store.subscribers.get('claire@example.fr')).toMatchObject({ name: 'Claire Martin' });
    expect(await cli.store.subscribers.get('sean@example.fr')).toMatchObject({ name: "O'Neil" });
  });
});
