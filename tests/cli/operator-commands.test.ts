/**
 * The organizers' commands from a shell, as an outside audit of the CLI found them wanting, on PostgreSQL (a schema of
 * its own) and Redis (a prefix of its own), nothing sent (the mails stay queued in the outbox):
 * - `proposals decide REF VERB` takes every organizer verb of the grammar, as a command mail does (talk, lightning,
 *   note, ask, status, help), and says what is wrong in the group's locale only, a missing verb, date or text as bad
 *   usage (64);
 * - an EVENT given as a date that holds two events names neither (65, with their ids); `events create` warns of it;
 * - a proposal's `receivedAt` is when crieur received its mail, not when it was filed hours later;
 * - the programme's running order is one: `events show --json` and the announcement's .txt, .html and .ics agree.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCliStore } from '../support/cli-store.ts';
import { loadConfig } from '../../src/config/load.ts';
import { createComposer } from '../../src/adapters/compose/composer.ts';
import { mailparserReader } from '../../src/adapters/mailparser.ts';
import { formatDate } from '../../src/core/render/dates.ts';
import { normalizeTitle } from '../../src/core/pipeline/normalize-title.ts';
import { operatorName } from '../../src/cli/commands/decide.ts';
import type { ParseResult } from '../../src/types.ts';

const cli = useCliStore('operator-cmds', 'opc');
const { crieur, file } = cli;
const uniq = () => randomBytes(4).toString('hex');

/** The lines of crieur's French (the group's locale), none of the English it used to mix in. */
function inFrench(stderr: string): void {
  expect(stderr).not.toMatch(/\b(is not|is missing|use |queued|the date)\b/);
}

describe('crieur proposals decide: every organizer verb', { timeout: 400_000 }, () => {
  it('lightning, talk: the format and its duration change, audited as the operator', async () => {
    const ref = await file('pg_stat_statements en cinq minutes', 'priya@example.fr');
    const r = await crieur('proposals', 'decide', ref, 'lightning');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${ref} est maintenant au format présentation éclair (lightning talk).\n`);
    expect(await cli.store.proposals.get(ref)).toMatchObject({ format: 'lightning', durationMinutes: 5 });
    const updated = (await cli.store.proposals.history(ref)).find((h) => h.action === 'updated')!;
    expect(updated.actor).toBe(operatorName());

    expect((await crieur('proposals', 'decide', ref, 'talk')).code).toBe(0);
    expect(await cli.store.proposals.get(ref)).toMatchObject({ format: 'talk', durationMinutes: 45 });
  });

  it('note TEXT: kept in the history, nothing mailed', async () => {
    const ref = await file('Index BRIN', 'brin@example.fr');
    const r = await crieur('proposals', 'decide', ref, 'note', 'Bon', 'sujet');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`note ajoutée à ${ref}.\n`);
    const history = await cli.store.proposals.history(ref);
    expect(history.find((h) => h.action === 'note')).toMatchObject({ actor: operatorName(), detail: { text: 'Bon sujet' } });
    expect(history.some((h) => h.action === 'mail-queued')).toBe(false);
  });

  it('confirm on a talk scheduled before its speaker confirmed: recorded and the organizers told, as by mail (it was refused: « override confirm »); again: already confirmed', async () => {
    const ref = await file('Partitionnement', 'part@example.fr');
    await cli.store.proposals.setStatus(ref, 'scheduled', 'dim@example.org', null);
    const r = await crieur('proposals', 'decide', ref, 'confirm');
    expect(r.code, r.stderr).toBe(0);
    expect((await cli.store.proposals.get(ref))!.status).toBe('scheduled');
    const history = await cli.store.proposals.history(ref);
    expect(history.find((h) => h.action === 'confirmed')).toMatchObject({ actor: operatorName() });
    const told = history.filter((h) => h.action === 'mail-queued').map((h) => h.detail);
    expect(told.length).toBeGreaterThan(0);
    for (const t of told) expect(t).toMatchObject({ purpose: 'notify-organizer', key: expect.stringMatching(new RegExp(`^${ref}/confirm/cli-`)) });
    const again = await crieur('proposals', 'decide', ref, 'confirm');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/déjà confirmée/);
    expect((await cli.store.proposals.history(ref)).filter((h) => h.action === 'mail-queued')).toHaveLength(told.length);
  });

  it('schedule event N with no event N: says there is none by that number (it said « aucune rencontre à venir »)', async () => {
    const ref = await file('Événement inconnu', 'inconnu@example.fr');
    await cli.store.proposals.setStatus(ref, 'accepted', 'dim@example.org', null);
    const r = await crieur('proposals', 'decide', ref, 'schedule', 'event', '9999');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/pas de rencontre n° 9999 \(crieur events list\)/);
    expect((await cli.store.proposals.get(ref))!.status).toBe('accepted');
  });

  it('ask TEXT: relayed to the speaker as the email path does (the question mail queued), and kept in the history', async () => {
    const ref = await file('Réplication logique', 'jeanne@example.fr');
    const r = await crieur('proposals', 'decide', ref, 'ask', 'Pouvez-vous faire 20 minutes ?');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('question transmise (1 destinataire). (1 courriel en file d’envoi)\n');
    const history = await cli.store.proposals.history(ref);
    expect(history.find((h) => h.action === 'question')).toMatchObject({ actor: operatorName(), detail: { text: 'Pouvez-vous faire 20 minutes ?' } });
    const mails = history.filter((h) => h.action === 'mail-queued').map((h) => h.detail);
    expect(mails).toEqual([expect.objectContaining({ purpose: 'command-result', to: 'jeanne@example.fr', key: expect.stringMatching(new RegExp(`^${ref}/question/cli-`)) })]);
  });

  it('status prints the state, who set it and the title; help the verbs', async () => {
    const ref = await file('Partitionnement', 'part@example.fr');
    expect((await crieur('proposals', 'decide', ref, 'accept')).code).toBe(0);
    const r = await crieur('proposals', 'decide', ref, 'status');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^${ref} est acceptée \\(par ${operatorName().replace(/[.]/g, '\\.')}, .+\\) — Partitionnement\\n$`));
    const help = await crieur('proposals', 'decide', ref, 'help');
    expect(help.code, help.stderr).toBe(0);
    for (const v of ['accepter', 'refuser [raison]', 'attente', 'programmer DATE|ÉVÉNEMENT', 'talk', 'lightning', 'note TEXTE', 'question TEXTE', 'status']) expect(help.stdout).toContain(v);
  });

  it.each([
    [['schedule'], /^crieur: il manque la date/],
    [['note'], /^crieur: il manque le texte/],
    [['ask'], /^crieur: il manque le texte/],
    [[], /^crieur: il manque le verbe après P-0001\.\ncrieur proposals decide RÉF VERBE, VERBE parmi : accepter, refuser \[raison\], /],
    [['frobnicate'], /^crieur: « frobnicate » n’est pas un verbe des organisateurs\.\ncrieur proposals decide RÉF VERBE/],
  ])('decide P-0001 %j: a missing verb or argument is bad usage, 64, in the group\'s language', async (words, message) => {
    const r = await crieur('proposals', 'decide', 'P-0001', ...words);
    expect(r.code, r.stderr).toBe(64);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
    inFrench(r.stderr);
  });

  it('a decision\'s line is all French too, its mails counted in it', async () => {
    const ref = await file('Vacuum', 'vac@example.fr');
    const r = await crieur('proposals', 'decide', ref, 'accept');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^${ref} est maintenant acceptée\\. \\(\\d+ courriels? en file d’envoi\\)\\n$`));
  });
});

describe('EVENT given as a date that holds two events', { timeout: 400_000 }, () => {
  it('events create allows it, warning with the other event\'s id', async () => {
    const first = JSON.parse((await crieur('events', 'create', '--date', '2027-04-22T14:00', '--venue', 'Atelier', '--json')).stdout) as { id: number };
    const made = await crieur('events', 'create', '--date', '2027-04-22T19:00', '--venue', 'Meetup', '--json');
    expect(made.code, made.stderr).toBe(0);
    expect(JSON.parse(made.stdout)).toMatchObject({ venue: 'Meetup' });
    expect(made.stderr).toMatch(new RegExp(`^warning: event ${first.id} is on 2027-04-22 too: .*\n$`));
    const alone = await crieur('events', 'create', '--date', '2027-04-23T19:00', '--venue', 'Seul');
    expect(alone.stderr).toBe('');
  });

  it('events schedule, events show, announce and decide schedule refuse the date (65) with both ids; the id works', async () => {
    const ref = await file('Sur deux rencontres', 'deux@example.fr');
    expect((await crieur('proposals', 'decide', ref, 'accept')).code).toBe(0);
    const first = await cli.store.events.create({ date: new Date('2027-02-25T13:00:00Z'), venue: 'Atelier' });
    const second = await cli.store.events.create({ date: new Date('2027-02-25T18:00:00Z'), venue: 'Meetup' });

    // announce resolves EVENT the same way (findEvent).
    for (const args of [['events', 'schedule', '2027-02-25', ref], ['events', 'show', '2027-02-25'], ['announce', '2027-02-25', '--dry-run']]) {
      const r = await crieur(...args);
      expect(r.code, r.stderr).toBe(65);
      expect(r.stderr).toContain(`2 events on 2027-02-25 (ids ${first.id}, ${second.id})`);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const decided = await crieur('proposals', 'decide', ref, 'schedule', '2027-02-25');
    expect(decided.code, decided.stderr).toBe(65);
    expect(decided.stderr).toContain(`2 rencontres le 2027-02-25 (${first.id}, ${second.id})`);
    expect((await cli.store.proposals.get(ref))!.event).toBeNull();

    expect((await crieur('proposals', 'decide', ref, 'schedule', `événement ${second.id}`)).code).toBe(0);
    expect((await cli.store.proposals.get(ref))!.event).toBe(String(second.id));
  });
});

describe('receivedAt', { timeout: 400_000 }, () => {
  it('is when crieur received the mail, not when it was filed, in proposals list/show and the acknowledgement', async () => {
    const raw = Buffer.from(`Message-ID: <${uniq()}@late>\r\nSubject: Proposition\r\n\r\nBonjour.\r\n`);
    const { id } = await cli.store.inbound.saveRaw(raw, { source: 'cli' });
    // Piped in by the MTA while the workers were down: filed five hours later.
    await cli.db.query(`UPDATE inbound_messages SET received_at = now() - interval '5 hours' WHERE id = $1`, [id]);
    const received = (await cli.store.inbound.get(id))!.receivedAt;
    const draft = { format: 'talk' as const, title: `Filed late ${uniq()}`, abstract: null, durationMinutes: 40, language: 'fr' as const, speakers: [{ name: 'Léa', email: `lea.${uniq()}@example.fr` }], attachments: [] };
    const parsed: ParseResult = { messageId: null, kind: 'proposal', from: null, subject: 's', language: 'fr', warnings: [], proposal: draft };
    const filed = await cli.store.proposals.classifyAndFile(id, parsed, 'test', { speakerEmail: draft.speakers[0]!.email, titleKey: normalizeTitle(draft.title), since: new Date(Date.now() - 86_400_000) });
    expect(filed.outcome).toBe('filed');
    const p = (filed as { proposal: { ref: string; receivedAt: Date } }).proposal;
    // The record the filing answers, from which the acknowledgement is composed.
    expect(p.receivedAt).toEqual(received);

    const listed = (JSON.parse((await crieur('proposals', 'list', '--json')).stdout) as { ref: string; receivedAt: string }[]).find((x) => x.ref === p.ref)!;
    expect(listed.receivedAt).toBe(received.toISOString());
    const shown = JSON.parse((await crieur('proposals', 'show', p.ref, '--json')).stdout) as { receivedAt: string; history: { action: string; at: string }[] };
    expect(shown.receivedAt).toBe(received.toISOString());
    // The filing time is still told: the history's `filed` entry.
    expect(new Date(shown.history.find((h) => h.action === 'filed')!.at).getTime() - received.getTime()).toBeGreaterThan(4 * 3_600_000);

    const config = loadConfig({ file: cli.configFile });
    const ack = await createComposer(config).ack((await cli.store.proposals.get(p.ref))!, { name: 'Léa', email: draft.speakers[0]!.email }, { messageId: null, references: [], subject: 's', language: 'fr' });
    const text = (await mailparserReader.read(ack.raw)).text ?? '';
    expect(text).toContain(`Reçue le       : ${formatDate(received, 'fr', 'Europe/Paris')}`);
  });
});

describe('an event with no venue yet (black-box audit)', { timeout: 400_000 }, () => {
  // An organizer's `programmer 2027-01-28` makes the event with the default venue, "": `events list` said
  // « jeudi 28 janvier 2027 à 19h00 —  (1 on the programme) », a dash over nothing.
  it('events list and show say so', async () => {
    const ev = await cli.store.events.create({ date: new Date('2027-05-27T17:00:00Z'), venue: '' });
    const listed = await crieur('events', 'list');
    expect(listed.code, listed.stderr).toBe(0);
    const line = listed.stdout.split('\n').find((l) => l.trimStart().startsWith(`${ev.id} `))!;
    expect(line).toMatch(/ — no venue yet \(0 on the programme\)$/);
    const shown = await crieur('events', 'show', String(ev.id));
    expect(shown.stdout).toMatch(/ — no venue yet \(0 on the programme\)/);
    expect(shown.stdout).not.toMatch(/— +\(/);
  });
});

describe('the programme\'s running order', { timeout: 400_000 }, () => {
  it('is the same in events show/list --json and in the announcement\'s .txt, .html and .ics: the talks, then the lightning talk', async () => {
    const ev = await cli.store.events.create({ date: new Date('2027-03-25T18:00:00Z'), venue: 'Chez Dalibo' });
    const brin = await file('BRIN', 'b@example.fr');
    const lightning = await file('pg_stat_statements', 'p@example.fr', 'lightning');
    const replication = await file('Logical replication', 'l@example.fr');
    // Scheduled in this order: the lightning talk between the two talks.
    for (const ref of [brin, lightning, replication]) await cli.store.events.assign(ev.id, ref);

    const shown = JSON.parse((await crieur('events', 'show', String(ev.id), '--json')).stdout) as { programme: string[]; talks: { ref: string }[] };
    const listed = (JSON.parse((await crieur('events', 'list', '--json')).stdout) as { id: number; programme: string[] }[]).find((e) => e.id === ev.id)!;
    expect(shown.programme).toEqual([brin, replication, lightning]);
    expect(listed.programme).toEqual(shown.programme);
    expect(shown.talks.map((t) => t.ref)).toEqual(shown.programme);

    const out = join(cli.box.dir, 'announce-out');
    const r = await crieur('announce', String(ev.id), '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const titles = ['BRIN', 'Logical replication', 'pg_stat_statements'];
    for (const ext of ['txt', 'html', 'ics']) {
      const text = readFileSync(join(out, `E-${ev.id}.member-fr.${ext}`), 'utf8').replace(/\r?\n /g, '');
      const at = titles.map((t) => text.indexOf(t));
      for (const i of at) expect(i, `${ext}: ${text}`).toBeGreaterThanOrEqual(0);
      // The JSON's order (BRIN, Logical replication, pg_stat_statements) is the rendered order.
      expect([...at].sort((a, b) => a - b), ext).toEqual(at);
    }
  });
});

describe('crieur proposals list --status', { timeout: 200_000 }, () => {
  it('takes the status in any case (« Accepted » was refused as unknown); an unknown one is still bad usage', async () => {
    const ref = await file(`Statut ${uniq()}`, `s${uniq()}@example.fr`);
    await cli.store.proposals.setStatus(ref, 'accepted', 'dim@example.org', null);
    for (const typed of ['Accepted', 'ACCEPTED', ' accepted ']) {
      const r = await crieur('proposals', 'list', '--status', typed, '--json');
      expect(r.code, r.stderr).toBe(0);
      const refs = (JSON.parse(r.stdout) as { ref: string; status: string }[]).map((p) => [p.ref, p.status]);
      expect(refs).toContainEqual([ref, 'accepted']);
      expect(refs.every(([, s]) => s === 'accepted')).toBe(true);
    }
    const bad = await crieur('proposals', 'list', '--status', 'acceptée');
    expect(bad.code).toBe(64);
    expect(bad.stderr).toContain('unknown status "acceptée"');
  });
});
