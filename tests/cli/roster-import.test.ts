/**
 * `crieur subscribers add|import` as an audit of the CLI found them wanting, on PostgreSQL (a schema of its own):
 * - a member given no language (no --language, no language column, an empty cell) gets the group's (group.locale),
 *   so `subscribers list --json` never shows `language: null` for them;
 * - a pending member made active (add, import --consented) is reported as such ("pending → active"), not as "already
 *   there (active)"; the same address twice in a file (case aside) is one member, and the summary counts the merge;
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

describe('crieur subscribers: languages, transitions, duplicates, CSV files', { timeout: 400_000 }, () => {
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

  // Audit N: the cell's first two letters were the language — « anglais » and « de » skipped the member (lost from
  // the roster), « frisian » read as French; `add --language de` was said « argument: language "de": … ».
  it('a language as people write it: codes, tags and names in either language; one crieur does not write in keeps the member', async () => {
    const file = csv('langs.csv', 'email,name,language\r\nl1@example.fr,A,anglais\r\nl2@example.fr,B,Français\r\nl3@example.fr,C,English\r\nl4@example.fr,D,en_GB\r\nl5@example.fr,E,fr-CA\r\nl6@example.fr,F,de\r\nl7@example.fr,G,frisian\r\n');
    const r = await crieur('subscribers', 'import', file, '--consented');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('7 added (active)');
    expect(r.stderr.trim().split('\n')).toEqual([
      `${file}: line 7: language "de" is not one crieur writes in (fr, en) — l6@example.fr imported with the group's language (group.locale)`,
      `${file}: line 8: language "frisian" is not one crieur writes in (fr, en) — l7@example.fr imported with the group's language (group.locale)`,
    ]);
    const members = await listed();
    const lang = (e: string) => members.find((m) => m.email === e)?.language;
    expect(['l1', 'l2', 'l3', 'l4', 'l5', 'l6', 'l7'].map((l) => lang(`${l}@example.fr`))).toEqual(['en', 'fr', 'en', 'en', 'fr', 'fr', 'fr']);

    const add = await crieur('subscribers', 'add', 'de@example.fr', '--language', 'de');
    expect(add.code).toBe(64);
    expect(add.stderr).toBe('crieur: --language de: expected fr or en\n');
    const bad = await crieur('subscribers', 'add', 'not-an-address');
    expect(bad.code).toBe(64);
    expect(bad.stderr).toBe('crieur: "not-an-address" is not an email address\n');
    expect((await crieur('subscribers', 'add', 'anglais@example.fr', '--language', 'English')).code).toBe(0);
    expect((await cli.store.subscribers.get('anglais@example.fr'))?.language).toBe('en');
  });

  it('removing a member twice says the second time that nothing changed', async () => {
    expect((await crieur('subscribers', 'add', 'twice@example.fr')).code).toBe(0);
    const first = await crieur('subscribers', 'remove', 'twice@example.fr');
    expect([first.code, first.stdout]).toEqual([0, 'twice@example.fr unsubscribed\n']);
    const second = await crieur('subscribers', 'remove', 'twice@example.fr');
    expect([second.code, second.stdout]).toEqual([0, 'twice@example.fr was already unsubscribed\n']);
  });

  it('a pending member made active says so: add, then import --consented', async () => {
    const pending = csv('pending.csv', 'email\nwait1@example.fr\nwait2@example.fr\n');
    expect((await crieur('subscribers', 'import', pending)).stdout.trim()).toBe('2 added (pending: import with --consented once they agreed)');
    const added = await crieur('subscribers', 'add', 'wait1@example.fr');
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toBe('wait1@example.fr was already there: pending → active\n');
    expect((await crieur('subscribers', 'add', 'wait1@example.fr')).stdout).toBe('wait1@example.fr was already there (active)\n');
    const both = csv('both.csv', 'email\nwait1@example.fr\nwait2@example.fr\n');
    const imported = await crieur('subscribers', 'import', both, '--consented');
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout.trim()).toBe('0 added, 1 pending → active, 1 already there, kept as is (1 active)');
    expect((await cli.store.subscribers.get('wait2@example.fr'))?.status).toBe('active');
  });

  // A member disabled by bounces did not choose to leave: an organizer told their mailbox works again re-enables
  // delivery with `add`, as Mailman's admin does, and the bounce score restarts. One who unsubscribed stays so: only
  // their own confirmed request brings them back. An import re-enables nobody (Mailman's mass subscribe neither).
  it('add re-enables a member disabled by bounces, their bounce score restarting; not one who unsubscribed, nor an import', async () => {
    expect((await crieur('subscribers', 'add', 'bounced@example.fr')).code).toBe(0);
    const member = (await cli.store.membership.byEmail('bounced@example.fr'))!;
    const bounce = (kind: 'hard' | 'soft', inboundId: number) =>
      cli.store.membership.recordBounce({ id: member.id, kind, status: kind === 'hard' ? '5.2.1' : '4.2.2', inboundId, at: new Date(), windowStart: new Date(Date.now() - 86_400_000), softThreshold: 3 });
    await bounce('soft', 9001);
    await bounce('hard', 9002);
    expect((await cli.store.subscribers.get('bounced@example.fr'))).toMatchObject({ status: 'disabled', bounces: 2 });
    const importAgain = await crieur('subscribers', 'import', csv('bounced.csv', 'email\nbounced@example.fr\n'), '--consented');
    expect(importAgain.stdout.trim()).toBe('0 added, 1 already there, kept as is (1 disabled)');
    expect((await cli.store.subscribers.get('bounced@example.fr'))?.status).toBe('disabled');

    const r = await crieur('subscribers', 'add', 'bounced@example.fr');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('bounced@example.fr was disabled by bounces (last: hard 5.2.1): re-enabled (active), its bounce score starts anew\n');
    expect((await listed()).find((m) => m.email === 'bounced@example.fr')?.status).toBe('active');
    const last = (await cli.store.membership.history(member.id)).at(-1)!;
    expect([last.from, last.to, last.cause]).toEqual(['disabled', 'active', expect.stringMatching(/^re-enabled by .+@.+ \(subscribers add\)$/)]);
    // Restarted (`bounces` stays the lifetime count): the soft bounce before it no longer counts toward the threshold,
    // so two more do not disable.
    await bounce('soft', 9003);
    await bounce('soft', 9004);
    expect((await cli.store.subscribers.get('bounced@example.fr'))?.status).toBe('active');

    expect((await crieur('subscribers', 'remove', 'left@example.fr')).code).toBe(65);
    await crieur('subscribers', 'add', 'left@example.fr');
    await crieur('subscribers', 'remove', 'left@example.fr');
    const left = await crieur('subscribers', 'add', 'left@example.fr');
    expect(left.code, left.stderr).toBe(0);
    expect(left.stdout).toBe('left@example.fr was already there (unsubscribed): they left, so add does not bring them back — they rejoin by writing "subscribe" to talks@pgug.example.org and confirming\n');
    expect((await cli.store.subscribers.get('left@example.fr'))?.status).toBe('unsubscribed');
  });

  it('the same address twice in a file (case aside) is one member, the merge counted', async () => {
    const dup = csv('dup.csv', 'email,name,language\ndup@example.fr,,en\nDUP@Example.fr,Dupont,\nsolo@example.fr,Solo,fr\ndup@example.FR,,\n');
    const r = await crieur('subscribers', 'import', dup, '--consented');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('2 added (active), 2 duplicates merged');
    expect((await cli.store.subscribers.get('dup@example.fr'))).toMatchObject({ name: 'Dupont', language: 'en', status: 'active' });
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
