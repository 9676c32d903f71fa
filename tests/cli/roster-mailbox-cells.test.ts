/**
 * `crieur subscribers import|add` of addresses written as mail clients write them (audit V): `Jean Dupont
 * <jean@x.fr>`, `"Dupont, Jean" <jean@x.fr>`, `<jean@x.fr>`, `mailto:jean@x.fr` — a column pasted from mail headers
 * or an address book — were skipped as « not an email address », the people left out of the roster. Mailman's mass
 * subscription reads such lines: the address is taken, and the display name fills a name the row left empty.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCliStore } from '../support/cli-store.ts';

const cli = useCliStore('roster-mailbox', 'rmb');

describe('crieur subscribers: mailboxes as mail clients write them', { timeout: 200_000 }, () => {
  it('import takes the address inside <…> or after mailto:, the display name when the name cell is empty', async () => {
    const file = join(cli.box.dir, 'pasted.csv');
    writeFileSync(
      file,
      'email,name\nJean Dupont <jean@example.fr>,\n"""Martin, Claire"" <claire@example.fr>",\n<paul@example.fr>,Paul\nmailto:zoe@example.fr,Zoé\nAnne <anne@example.fr>,Anne-Marie\nnot an address,X\n',
    );
    const r = await cli.crieur('subscribers', 'import', file, '--consented');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('5 added (active), 1 skipped');
    expect(r.stderr).toContain('line 7: "not an address" is not an email address — skipped');
    expect(await cli.store.subscribers.get('jean@example.fr')).toMatchObject({ email: 'jean@example.fr', name: 'Jean Dupont' });
    expect(await cli.store.subscribers.get('claire@example.fr')).toMatchObject({ name: 'Martin, Claire' });
    expect(await cli.store.subscribers.get('paul@example.fr')).toMatchObject({ email: 'paul@example.fr', name: 'Paul' });
    expect(await cli.store.subscribers.get('zoe@example.fr')).toMatchObject({ email: 'zoe@example.fr', name: 'Zoé' });
    // The row's own name wins over the display name.
    expect(await cli.store.subscribers.get('anne@example.fr')).toMatchObject({ name: 'Anne-Marie' });
  });

  it('add reads the same forms', async () => {
    const r = await cli.crieur('subscribers', 'add', 'Léa Roux <lea@example.fr>', '--language', 'fr');
    expect(r.code, r.stderr).toBe(0);
    expect(await cli.store.subscribers.get('lea@example.fr')).toMatchObject({ email: 'lea@example.fr', name: 'Léa Roux', status: 'active' });
    const bad = await cli.crieur('subscribers', 'add', 'Léa <not-an-address>');
    expect(bad.code).toBe(64);
    expect(bad.stderr).toBe('crieur: "Léa <not-an-address>" is not an email address\n');
  });
});
