/**
 * An announcement end to end, through the CLI as organizers run it, on PostgreSQL (a schema of its own) and a real
 * SMTP listener: proposals put on an event with `crieur events schedule`, a roster imported from a CSV, then
 * `crieur announce` — the list address and every active member receive it once, with the right headers, a text
 * part and an .ics; announcing again sends nothing; a title written to inject HTML arrives escaped in HTML and as
 * plain text in the text part and the .ics; a broken template override is refused before anything is queued.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/adapters/db/open.ts';
import type { Db } from '../../src/adapters/db/db.ts';
import { storeOn } from '../../src/adapters/db/store.ts';
import type { Store } from '../../src/app/store.ts';
import { PG_URL, dropSchema, randomSchema } from '../support/db.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { baseConfig, killAll, runCrieur, sandbox } from '../support/crieur-process.ts';

const box = sandbox('announce');
const schema = randomSchema('e2e');
const LIST = 'pgsql-fr-generale@lists.postgresql.example';
const EVIL = 'Index <script>alert("x")</script> & co';
let sink: SmtpSink;
let db: Db;
let store: Store;
let configFile: string;
let config: Record<string, unknown>;

const crieur = (...args: string[]) => runCrieur([...args, '--config', configFile], { dir: box.dir, timeoutMs: 120_000 });

async function file(title: string, format: 'talk' | 'lightning', speaker: { name: string; email: string }, abstract: string | null): Promise<string> {
  const raw = Buffer.from(`Message-ID: <${randomBytes(6).toString('hex')}@x>\r\nSubject: s\r\n\r\nBonjour.\r\n`);
  const { id } = await store.inbound.saveRaw(raw, { source: 'cli' });
  const draft = { format, title, abstract, durationMinutes: format === 'talk' ? 45 : 5, language: 'fr' as const, speakers: [speaker], attachments: [] };
  const ref = (await store.proposals.fileFromMessage(id, draft, 'test')).proposal.ref;
  // Accepted, as an organizer would have first: `events schedule` follows the transition table (received cannot be scheduled).
  await store.proposals.setStatus(ref, 'accepted', 'test', null);
  return ref;
}

beforeAll(async () => {
  sink = await startSmtpSink();
  const base = baseConfig({ prefix: box.prefix, databaseUrl: `${PG_URL}?schema=${schema}`, smtpUrl: sink.url });
  config = {
    ...base,
    // A lease longer than the base's 3 s: on a loaded machine an SMTP batch can outlast 3 s, and the sweep would park
    // rows a live sender still holds (the SIGKILL test keeps the short lease: there the sender is dead).
    queue: { ...(base.queue as object), sendLeaseSeconds: 60 },
    lists: [{ name: 'generale', address: LIST, language: 'fr' }],
  };
  configFile = box.writeConfig(config);
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

const parsed = (raw: Buffer): Promise<ParsedMail> => simpleParser(raw);

describe('crieur announce', () => {
  let eventId: number;

  it('creates an event and schedules proposals on it; show warns while the programme has no main talk', { timeout: 400_000 }, async () => {
    const talk = await file(EVIL, 'talk', { name: 'Jeanne Martin', email: 'jeanne@example.fr' }, 'Un retour d’expérience.\n\nAvec <b>du gras</b> qui doit rester du texte.');
    const lt = await file('pg_stat_statements en cinq minutes', 'lightning', { name: 'Priya Raman', email: 'priya@example.org' }, null);
    const created = await crieur('events', 'create', '--date', '2027-01-28T19:00', '--venue', 'Chez Dalibo', '--title', 'Meetup de janvier', '--address', '43 rue du Faubourg Montmartre, Paris', '--map', 'https://www.openstreetmap.org/?mlat=48.87&mlon=2.34', '--registration', 'https://www.meetup.com/pgparis/events/1', '--capacity', '80', '--json');
    expect(created.code, created.stderr).toBe(0);
    const ev = JSON.parse(created.stdout) as { id: number; date: string; venue: string; title: string; programme: string[] };
    expect(ev).toEqual({ id: ev.id, date: '2027-01-28T18:00:00.000Z', venue: 'Chez Dalibo', title: 'Meetup de janvier', programme: [] });
    eventId = ev.id;
    const first = await crieur('events', 'schedule', '2027-01-28', lt);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/no main talk/);
    expect((await crieur('events', 'schedule', String(eventId), talk)).code).toBe(0);
    const shown = await crieur('events', 'show', String(eventId), '--json');
    // running order (src/core/programme.ts): the main talk first, then the lightning talk, whatever order they were scheduled in
    expect(JSON.parse(shown.stdout)).toMatchObject({ id: eventId, programme: [talk, lt], warnings: [] });
    const listed = JSON.parse((await crieur('events', 'list', '--json')).stdout) as unknown[];
    expect(listed).toEqual([{ id: eventId, date: '2027-01-28T18:00:00.000Z', venue: 'Chez Dalibo', title: 'Meetup de janvier', programme: [talk, lt] }]);
    expect((await store.proposals.get(talk))!.status).toBe('scheduled');
  });

  it('imports a roster from a meetup-site CSV, adds and removes members', { timeout: 400_000 }, async () => {
    const csv = join(box.dir, 'export.csv');
    writeFileSync(csv, '\uFEFFName,Email,Language,Joined\r\n"Dupont, Jean",jean@example.fr,fr,2024\r\nAlice Smith,alice@example.org,en,2025\r\nnot an address,nope,fr,2025\r\nZoé,zoe@example.fr,,2025\r\n');
    const imported = await crieur('subscribers', 'import', csv, '--consented');
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/3 added/);
    expect(imported.stderr).toMatch(/line 4.*nope.*skipped/);
    expect((await crieur('subscribers', 'add', 'bob@example.net', '--name', 'Bob', '--language', 'en')).code).toBe(0);
    expect((await crieur('subscribers', 'remove', 'zoe@example.fr')).code).toBe(0);
    expect((await crieur('subscribers', 'remove', 'ghost@example.fr')).code).toBe(65);
    // Imported again: Zoé stays unsubscribed.
    expect((await crieur('subscribers', 'import', csv, '--consented')).stdout).toMatch(/0 added, 3 already there/);
    const list = JSON.parse((await crieur('subscribers', 'list', '--json')).stdout) as { email: string; status: string; name: string | null; language: string | null; lists: string[]; bounces: number }[];
    expect(list).toContainEqual({ email: 'jean@example.fr', name: 'Dupont, Jean', language: 'fr', status: 'active', lists: ['members'], bounces: 0, lastBounce: null, digests: [] });
    expect(list.find((s) => s.email === 'zoe@example.fr')?.status).toBe('unsubscribed');
    expect(list.filter((s) => s.status === 'active').map((s) => s.email).sort()).toEqual(['alice@example.org', 'bob@example.net', 'jean@example.fr']);
  });

  it('an import changes no existing member: name and language kept, the summary saying so and their real status', { timeout: 400_000 }, async () => {
    // A stale export: Jean's row says English, and another name; Zoé (unsubscribed) is in it, with consent claimed.
    const stale = join(box.dir, 'stale.csv');
    writeFileSync(stale, 'email,name,language\r\njean@example.fr,Jean Changed,en\r\n');
    const plain = await crieur('subscribers', 'import', stale);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout.trim()).toBe('0 added, 1 already there, kept as is (1 active)');
    const carol = join(box.dir, 'zoe.csv');
    writeFileSync(carol, 'email,name\r\nzoe@example.fr,Zoé\r\n');
    const consented = await crieur('subscribers', 'import', carol, '--consented');
    expect(consented.stdout.trim()).toBe('0 added, 1 already there, kept as is (1 unsubscribed)');
    const list = JSON.parse((await crieur('subscribers', 'list', '--json')).stdout) as { email: string; status: string; name: string | null; language: string | null }[];
    expect(list.find((m) => m.email === 'jean@example.fr')).toMatchObject({ name: 'Dupont, Jean', language: 'fr', status: 'active' });
    expect(list.find((m) => m.email === 'zoe@example.fr')?.status).toBe('unsubscribed');
  });

  it('--list naming no configured list is a usage error (64), as for digest', { timeout: 400_000 }, async () => {
    const r = await crieur('announce', String(eventId), '--list', 'nope', '--dry-run');
    expect(r.code).toBe(64);
    expect(r.stderr.trim()).toMatch(/^crieur: no list named "nope" in the configuration \(lists: generale\)$/);
  });

  it('--out writes .html, .txt, .ics and .eml per variant and sends nothing', { timeout: 400_000 }, async () => {
    const out = join(box.dir, 'out');
    const r = await crieur('announce', String(eventId), '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toEqual(expect.arrayContaining([`E-${eventId}.list-generale.html`, `E-${eventId}.list-generale.txt`, `E-${eventId}.list-generale.ics`, `E-${eventId}.list-generale.eml`, `E-${eventId}.member-en.eml`]));
    expect(readFileSync(join(out, `E-${eventId}.list-generale.txt`), 'utf8')).toContain('jeudi 28 janvier 2027 à 19h00');
    // A member's parts as the sample member reads them: greeted by name, an unsubscribe link, no slot markers left.
    for (const ext of ['txt', 'html']) {
      const part = readFileSync(join(out, `E-${eventId}.member-en.${ext}`), 'utf8');
      expect(part).not.toMatch(/\u0001/);
      expect(part).toMatch(/Hello Alice Smith,/);
      expect(part).toMatch(/mailto:talks\+/);
    }
    expect(sink.messages).toHaveLength(0);
  });

  it('sends once to the list and to every active member, with the right headers, a text part and an .ics', { timeout: 400_000 }, async () => {
    const r = await crieur('announce', '2027-01-28', '--json');
    expect(r.code, r.stderr).toBe(0);
    // The worker it runs in passing keeps its JSON log to errors: the command's own lines say what happened.
    expect(r.stderr).not.toMatch(/"level":/);
    const counts = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(counts).toMatchObject({ id: expect.any(Number), kind: 'announce', event: eventId, list: null, total: 4, sent: 4, failed: 0, queued: 0, status: 'done' });
    const to = sink.messages.map((m) => m.envelope.to[0]).sort();
    expect(to).toEqual(['alice@example.org', 'bob@example.net', 'jean@example.fr', LIST].sort());

    const listMail = await parsed(sink.messages.find((m) => m.envelope.to[0] === LIST)!.raw);
    expect(sink.messages.find((m) => m.envelope.to[0] === LIST)!.raw.toString()).not.toMatch(/^List-(Id|Unsubscribe):/m);
    expect(listMail.from?.text).toBe('"PostgreSQL Paris" <talks@pgug.example.org>');
    expect(listMail.subject).toBe(`[Groupe de test] Meetup de janvier, jeudi 28 janvier 2027 à 19h00`);
    const text = listMail.text!;
    expect(text).toContain('jeudi 28 janvier 2027 à 19h00');
    expect(text).toContain(EVIL); // text is text: shown as written
    expect(text).toContain('talks@pgug.example.org');
    for (const line of text.split('\n')) if (!/<mailto:|<https?:/.test(line)) expect(line.length, line).toBeLessThanOrEqual(72);
    expect(text).not.toMatch(/<\/?(p|div|br|strong|a)\b/);
    const html = listMail.html as string;
    expect(html).toContain('Index &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;b&gt;du gras&lt;/b&gt;');
    expect(html).toContain('https://www.openstreetmap.org/?mlat=48.87&amp;mlon=2.34');
    const ics = listMail.attachments.find((a) => a.contentType === 'text/calendar')!.content.toString('utf8');
    expect(ics).toContain(`UID:event-${eventId}@pgug.example.org`);
    expect(ics).toContain('DTSTART;TZID=Europe/Paris:20270128T190000');
    expect(ics).toMatch(/BEGIN:VTIMEZONE\r\nTZID:Europe\/Paris/);
    expect(ics).toMatch(/SEQUENCE:\d+/);
    expect(ics).toContain('Index <script>alert("x")</script> & co'); // iCalendar text, not HTML: nothing to interpret

    const jeanRaw = sink.messages.find((m) => m.envelope.to[0] === 'jean@example.fr')!.raw.toString();
    const jean = await parsed(Buffer.from(jeanRaw));
    expect(jeanRaw).toMatch(/^List-Id: <members\.pgug\.example\.org>\r$/m);
    // Without http.publicUrl: the mailto alone, with the member's token (issue 9), and no one-click header.
    // Unfolded (RFC 5322 §2.2.3): List-Unsubscribe is folded within 78 columns.
    expect(jeanRaw.slice(0, jeanRaw.indexOf('\r\n\r\n') + 2).replace(/\r\n[ \t]+/g, ' ')).toMatch(/^List-Unsubscribe: <mailto:talks\+u-\d+-[a-z2-7]{16}@pgug\.example\.org\?subject=unsubscribe>\r$/m);
    expect(jeanRaw).not.toMatch(/^List-Unsubscribe-Post:/m);
    expect(jean.text).toMatch(/^Bonjour Dupont, Jean,/);
    const alice = await parsed(sink.messages.find((m) => m.envelope.to[0] === 'alice@example.org')!.raw);
    expect(alice.text).toContain('Thursday, January 28, 2027 at 7:00 PM');
    // VERP: a bounce names the member.
    expect(sink.messages.find((m) => m.envelope.to[0] === 'jean@example.fr')!.envelope.from).toMatch(/^bounces\+b-\d+-[a-z2-7]{16}@pgug\.example\.org$/);
    expect(new Set(sink.messages.map((m) => /^Message-ID: (.*)$/m.exec(m.raw.toString())?.[1])).size).toBe(4);
  });

  it('announcing again sends nothing new and says so', { timeout: 400_000 }, async () => {
    const before = sink.messages.length;
    const r = await crieur('announce', String(eventId));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/nothing new/);
    expect(sink.messages.length).toBe(before);
  });

  it('--dry-run after it counts only who has not had it, as the real run does: nothing new, then the one who joined', { timeout: 400_000 }, async () => {
    const dry = await crieur('announce', String(eventId), '--dry-run', '--json');
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ id: expect.any(Number), kind: 'announce', event: eventId, list: null, total: 0, sent: 0, failed: 0, queued: 0, status: 'dry-run', lists: [], members: 0 });
    const human = await crieur('announce', String(eventId), '--dry-run');
    expect(human.stdout).toMatch(/nothing new/);
    expect(human.stdout).not.toMatch(/would go to/);
    expect((await crieur('subscribers', 'add', 'late@example.fr', '--language', 'fr')).code).toBe(0);
    const one = await crieur('announce', String(eventId), '--dry-run');
    expect(one.stdout).toMatch(/would go to 0 list\(s\) and 1 active member\(s\)/);
    const before = sink.messages.length;
    const real = await crieur('announce', String(eventId), '--json');
    expect(real.code, real.stderr).toBe(0);
    expect(sink.messages.slice(before).map((m) => m.envelope.to[0])).toEqual(['late@example.fr']);
  });

  it('an event whose date has gone by is refused (65) with the fix; --force announces it', { timeout: 400_000 }, async () => {
    const past = await store.events.create({ date: new Date('2026-06-04T17:00:00Z'), venue: 'Chez Dalibo' });
    const before = sink.messages.length;
    for (const args of [[], ['--dry-run']]) {
      const r = await crieur('announce', String(past.id), ...args);
      expect(r.code).toBe(65);
      expect(r.stderr.trim()).toMatch(new RegExp(`^crieur: event ${past.id} was on 2026-06-04, in the past: .*crieur events update ${past.id} --date .*--force$`));
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(await db.query('SELECT id FROM campaigns WHERE event_id = $1', [past.id])).toEqual([]);
    expect(sink.messages.length).toBe(before);
    const forced = await crieur('announce', String(past.id), '--dry-run', '--force');
    expect(forced.code, forced.stderr).toBe(0);
  });

  it('an event with no venue is announced with a warning on stderr', { timeout: 400_000 }, async () => {
    const nowhere = await store.events.create({ date: new Date('2027-05-06T17:00:00Z'), venue: '' });
    const r = await crieur('announce', String(nowhere.id), '--dry-run');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`^crieur: warning: event ${nowhere.id} has no venue: .*crieur events update ${nowhere.id} --venue`, 'm'));
    expect(r.stdout).toMatch(/would go to 1 list\(s\)/);
  });

  it('a template override with a syntax error is refused before anything is queued, naming the file and line', { timeout: 400_000 }, async () => {
    const dir = join(box.dir, 'tpl');
    mkdirSync(dir);
    writeFileSync(join(dir, 'announce.fr.txt'), 'Subject: {{eventTitle}}\n\nBonjour,\n{{#if venueAddress}}\n{{venue}}\n');
    const broken = box.writeConfig({ ...config, templates: { dir } }, 'broken.yaml');
    const e2 = await store.events.create({ date: new Date('2027-03-04T18:00:00Z'), venue: 'Ailleurs' });
    const dry = await runCrieur(['announce', String(e2.id), '--dry-run', '--config', broken], { dir: box.dir });
    expect(dry.code).toBe(78);
    expect(dry.stderr).toMatch(/announce\.fr\.txt, line 4: .*never closed|announce\.fr\.txt.*line 4/);
    const before = sink.messages.length;
    const real = await runCrieur(['announce', String(e2.id), '--config', broken], { dir: box.dir });
    expect(real.code).toBe(78);
    expect(await db.query('SELECT id FROM campaigns WHERE event_id = $1', [e2.id])).toEqual([]);
    expect(sink.messages.length).toBe(before);
  });
});
