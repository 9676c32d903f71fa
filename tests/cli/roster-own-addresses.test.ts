/**
 * crieur's own addresses in the roster (audit V): `subscribers import` of a roster exported with the group's address
 * or a list's in it, or `add talks@…`, made crieur a member of its own roster — every announcement then went to its
 * own inbox too, and to a list a second time with a member's unsubscribe link that anyone on the list could use.
 * Joining by mail and by the page refused them already (ownAddresses); the CLI now does too: `add` exits 64,
 * `import` skips the row with its line, plus-tags and case aside.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCliStore } from '../support/cli-store.ts';

const cli = useCliStore('roster-own', 'rown');

describe('crieur subscribers: crieur\'s own addresses are no member', { timeout: 200_000 }, () => {
  it('import skips them with their line; the others are imported', async () => {
    const file = join(cli.box.dir, 'export.csv');
    writeFileSync(file, 'email,name\nreal@example.fr,Real\nTALKS@pgug.example.org,Talks\nbounces+b-1-abc@PGUG.example.org,\n');
    const r = await cli.crieur('subscribers', 'import', file, '--consented');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('1 added (active), 2 skipped');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/export\.csv: line 3: TALKS@pgug\.example\.org is crieur's own address .* — skipped$/);
    expect(lines[1]).toMatch(/export\.csv: line 4: bounces\+b-1-abc@PGUG\.example\.org is crieur's own address/);
    expect(await cli.store.subscribers.get('talks@pgug.example.org')).toBeNull();
    expect(await cli.store.subscribers.get('bounces+b-1-abc@pgug.example.org')).toBeNull();
    expect(await cli.store.subscribers.get('real@example.fr')).toMatchObject({ status: 'active' });

    const only = join(cli.box.dir, 'only-own.csv');
    writeFileSync(only, 'email\ntalks@pgug.example.org\n');
    const none = await cli.crieur('subscribers', 'import', only);
    expect(none.code).toBe(65);
    expect(none.stderr).toContain('no valid address to import (1 skipped)');
  });

  it('add refuses them (64)', async () => {
    const r = await cli.crieur('subscribers', 'add', 'talks+x@pgug.example.org');
    expect(r.code).toBe(64);
    expect(r.stderr).toMatch(/^crieur: talks\+x@pgug\.example\.org is crieur's own address/);
    expect(await cli.store.subscribers.get('talks+x@pgug.example.org')).toBeNull();
  });
});
