/**
 * Through the CLI as organizers run it, on PostgreSQL and a real SMTP listener (issue 8): an announced event moved
 * with `crieur events update` is announced again as an update (« Mise à jour », same UID, higher SEQUENCE) to the
 * list and the members who had it, once; `crieur call` sends the call for proposals once this month (its
 * `--dry-run` and `--out` send nothing), says so when run again, and `--force` sends another.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/adapters/db/open.ts';
import type { Db } from '../../src/adapters/db/db.ts';
import { storeOn } from '../../src/adapters/db/store.ts';
import type { Store } from '../../src/app/store.ts';
import { PG_URL, dropSchema, randomSchema } from '../support/db.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { baseConfig, killAll, runCrieur, sandbox } from '../support/crieur-process.ts';

const box = sandbox('announce-update');
const schema = randomSchema('e2e');
const LIST = 'pgsql-fr-generale@lists.postgresql.example';
let sink: SmtpSink;
let db: Db;
let store: Store;
let configFile: string;

const crieur = (...args: string[]) => runCrieur([...args, '--config', configFile], { dir: box.dir, timeoutMs: 120_000 });

beforeAll(async () => {
  sink = await startSmtpSink();
  // The base's short lease (3 s) on purpose: the sender renews it while a batch is under way on a loaded machine.
  const base = baseConfig({ prefix: box.prefix, databaseUrl: `${PG_URL}?schema=${schema}`, smtpUrl: sink.url });
  configFile = box.writeConfig({ ...base, lists: [{ name: 'generale', address: LIST, language: 'fr' }] });
  db = await openDb(PG_URL, { schema });
  store = storeOn(db);
}, 60_000);

afterAll(async () => {
  await killAll();
  await store?.close();
  await sink?.close();
  await dropSchema(schema);
  await box.cleanup();
});

const recipients = () => sink.messages.map((m) => m.envelope.to[0]).sort();

describe('an updated announcement and the call for proposals, by CLI', () => {
  it('announce, events update, announce again: one update to everyone who had it, then nothing new', { timeout: 400_000 }, async () => {
    // The migrations run on first open: the event and members as fixtures, the rest by CLI.
    const ev = await store.events.create({ date: new Date('2027-01-28T18:00:00Z'), venue: 'Chez Dalibo', title: 'Meetup de janvier' });
    const { id } = await store.inbound.saveRaw(Buffer.from(`Message-ID: <${randomBytes(6).toString('hex')}@x>\r\nSubject: s\r\n\r\nx\r\n`), { source: 'cli' });
    const draft = { format: 'talk' as const, title: 'Vacuum', abstract: null, durationMinutes: 45, language: 'fr' as const, speakers: [{ name: 'Jeanne', email: 'jeanne@example.fr' }], attachments: [] };
    const ref = (await store.proposals.fileFromMessage(id, draft, 'test')).proposal.ref;
    await store.proposals.setStatus(ref, 'scheduled', 'test', null);
    await store.events.assign(ev.id, ref);
    await store.subscribers.upsert([
      { email: 'jean@example.fr', name: 'Jean', language: 'fr', status: 'active', source: 'test' },
      { email: 'alice@example.org', name: 'Alice', language: 'en', status: 'active', source: 'test' },
    ]);
    const everyone = ['alice@example.org', 'jean@example.fr', LIST].sort();

    const first = await crieur('announce', '2027-01-28', '--json');
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ kind: 'announce', event: ev.id, total: 3, sent: 3 });

    const same = await crieur('events', 'update', '2027-01-28', '--venue', 'Chez Dalibo');
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toMatch(/nothing changed/);
    const moved = await crieur('events', 'update', String(ev.id), '--date', '2027-02-04T19:00', '--venue', 'Chez Data Bene', '--json');
    expect(moved.code, moved.stderr).toBe(0);
    expect(JSON.parse(moved.stdout)).toMatchObject({ id: ev.id, date: '2027-02-04T18:00:00.000Z', venue: 'Chez Data Bene', changed: true });
    expect((await crieur('events', 'update', String(ev.id))).code).toBe(64);

    const dry = await crieur('announce', String(ev.id), '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/changed since announced: an update/);
    expect(dry.stdout).toMatch(/« \[Groupe de test\] Mise à jour : Meetup de janvier, jeudi 4 février 2027 à 19h00 »/);
    expect(sink.messages).toHaveLength(3);

    const upd = await crieur('announce', String(ev.id), '--json');
    expect(upd.code, upd.stderr).toBe(0);
    expect(JSON.parse(upd.stdout)).toMatchObject({ kind: 'announce', event: ev.id, total: 3, sent: 3, status: 'done' });
    expect(recipients()).toEqual([...everyone, ...everyone].sort());
    const jean = await Promise.all(sink.messages.filter((m) => m.envelope.to[0] === 'jean@example.fr').map((m) => simpleParser(m.raw)));
    expect(jean.map((m) => m.subject)).toEqual(['[Groupe de test] Meetup de janvier, jeudi 28 janvier 2027 à 19h00', '[Groupe de test] Mise à jour : Meetup de janvier, jeudi 4 février 2027 à 19h00']);
    const ics = jean.map((m) => m.attachments.find((a) => a.contentType === 'text/calendar')!.content.toString());
    expect(/UID:.*/.exec(ics[1]!)![0]).toBe(/UID:.*/.exec(ics[0]!)![0]);
    expect(Number(/SEQUENCE:(\d+)/.exec(ics[1]!)![1])).toBeGreaterThan(Number(/SEQUENCE:(\d+)/.exec(ics[0]!)![1]));

    const again = await crieur('announce', String(ev.id));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/nothing new: everyone already has the update of event/);
    expect(sink.messages).toHaveLength(6);

    // The talk taken off the programme and put back: SEQUENCE moved, nothing shown changed — the preview says that
    // version was sent already, and announcing sends nothing.
    expect((await crieur('events', 'unschedule', String(ev.id), ref)).code).toBe(0);
    expect((await crieur('events', 'schedule', String(ev.id), ref)).code).toBe(0);
    const back = await crieur('announce', String(ev.id), '--dry-run');
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).not.toMatch(/changed since announced/);
    expect(back.stdout).toMatch(/nothing new — everyone already has .*\(campaign \d+: 3 sent\)/);
    expect((await crieur('announce', String(ev.id))).stderr).toMatch(/nothing new/);
    expect(sink.messages).toHaveLength(6);
  });

  it('crieur call: previewed, sent once this month, nothing new when run again, another with --force', { timeout: 400_000 }, async () => {
    const before = sink.messages.length;
    const dry = await crieur('call', '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/call for proposals of \d{4}-\d{2}: would go to 1 list\(s\) \(pgsql-fr-generale@lists\.postgresql\.example\) and 2 active member\(s\); subject « \[Groupe de test\] Appel à présentations »/);
    const out = join(box.dir, 'call-out');
    expect((await crieur('call', '--out', out)).code).toBe(0);
    expect(readdirSync(out).filter((f) => f.endsWith('.eml'))).toHaveLength(3); // the list, the members in fr and en
    expect(sink.messages).toHaveLength(before);

    const sent = await crieur('call', '--json');
    expect(sent.code, sent.stderr).toBe(0);
    expect(JSON.parse(sent.stdout)).toMatchObject({ kind: 'call', event: null, total: 3, sent: 3, status: 'done' });
    const calls = sink.messages.slice(before);
    expect(calls.map((m) => m.envelope.to[0]).sort()).toEqual(['alice@example.org', 'jean@example.fr', LIST].sort());
    const list = await simpleParser(calls.find((m) => m.envelope.to[0] === LIST)!.raw);
    expect(list.text).toContain('jeudi 4 février 2027 à 19h00');
    expect(list.text).toMatch(/Libre : 3 présentations éclair/);

    const again = await crieur('call');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/nothing new: the call for proposals of \d{4}-\d{2} went out already/);
    expect(sink.messages).toHaveLength(before + 3);
    const forced = await crieur('call', '--force', '--json');
    expect(JSON.parse(forced.stdout)).toMatchObject({ kind: 'call', sent: 3 });
    expect(sink.messages).toHaveLength(before + 6);
  });
});
