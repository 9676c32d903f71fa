/**
 * Text from mail (a title, a speaker's name) and from a CSV (a member's name) reaches the operator's terminal with its
 * control characters escaped by every human-readable command, not only `proposals list|show`: an audit found
 * `proposals decide REF status` and `events show ID` printing a title's raw CSI (U+009B) and RLO (U+202E), and
 * `subscribers list` a name's ESC sequence. `--json` stays the value itself (jsonText escapes it the JSON way).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCliStore } from '../support/cli-store.ts';

const cli = useCliStore('terminal-escaping', 'esc');
const { crieur, file } = cli;

// Anything a terminal acts on: C0 but tab and newline, DEL, C1 (CSI is 0x9b), bidi embeddings, overrides, isolates.
const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const TITLE = 'Index \u009b31m rouges \u202eevil';
const SHOWN = 'Index \\x9b31m rouges \\u202eevil';

describe('every human-readable output escapes stored text', { timeout: 400_000 }, () => {
  it('proposals decide REF status / accept: the title from mail', async () => {
    const ref = await file(TITLE, 'eve@example.fr');
    for (const verb of ['status', 'accept']) {
      const r = await crieur('proposals', 'decide', ref, verb);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).not.toMatch(ACTIVE);
      if (verb === 'status') expect(r.stdout).toContain(SHOWN);
    }
  });

  it('events show, list, schedule: titles, names, venue', async () => {
    const { id } = await cli.store.inbound.saveRaw(Buffer.from('Message-ID: <esc-2@x>\r\nSubject: s\r\n\r\nBonjour.\r\n'), { source: 'cli' });
    const draft = { format: 'talk' as const, title: TITLE, abstract: null, durationMinutes: 45, language: 'fr' as const, speakers: [{ name: 'Eve\u001b]0;pwned\u0007', email: 'eve2@example.fr' }], attachments: [] };
    const ref = (await cli.store.proposals.fileFromMessage(id, draft, 'test')).proposal.ref;
    expect((await crieur('proposals', 'decide', ref, 'accept')).code).toBe(0);
    const ev = await cli.store.events.create({ date: new Date('2030-01-28T18:00:00Z'), venue: 'Salle \u001b[2J', title: `Meetup \u202e` });
    const scheduled = await crieur('events', 'schedule', String(ev.id), ref);
    expect(scheduled.code, scheduled.stderr).toBe(0);
    expect(scheduled.stdout).not.toMatch(ACTIVE);
    expect(scheduled.stdout).toContain('Salle \\x1b[2J');
    const shown = await crieur('events', 'show', String(ev.id));
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).not.toMatch(ACTIVE);
    expect(shown.stdout).toContain(SHOWN);
    expect(shown.stdout).toContain('Eve\\x1b]0;pwned\\x07');
    const listed = await crieur('events', 'list');
    expect(listed.stdout).not.toMatch(ACTIVE);
    expect(listed.stdout).toContain('Meetup \\u202e');
    // JSON keeps the value: the same title once parsed.
    const json = await crieur('events', 'show', String(ev.id), '--json');
    expect(json.stdout).not.toMatch(ACTIVE);
    expect((JSON.parse(json.stdout) as { talks: { title: string }[] }).talks[0]!.title).toBe(TITLE);
  });

  it('subscribers list, add and import: names and addresses from a CSV', async () => {
    const csv = join(cli.box.dir, 'evil.csv');
    writeFileSync(csv, 'email,name\nmallory@example.fr,"Mallory \u001b]0;pwned\u0007\u001b[2J"\n"bad\u001b[31m",x\n');
    const imported = await crieur('subscribers', 'import', csv, '--consented');
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).not.toMatch(ACTIVE);
    expect(imported.stderr).toContain('bad\\x1b[31m');
    const added = await crieur('subscribers', 'add', 'trudy@example.fr', '--name', 'Trudy \u009b2J');
    expect(added.code, added.stderr).toBe(0);
    const list = await crieur('subscribers', 'list');
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).not.toMatch(ACTIVE);
    expect(list.stdout).toContain('(Mallory \\x1b]0;pwned\\x07\\x1b[2J)');
    expect(list.stdout).toContain('(Trudy \\x9b2J)');
  });
});
