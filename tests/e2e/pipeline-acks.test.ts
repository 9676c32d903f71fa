/**
 * The live pipeline in one process, as `crieur start` runs it, on both database engines: a message APPENDed
 * to a real Dovecot is stored, classified, filed, acknowledged and announced to the organizers over real
 * SMTP, and moved out of INBOX; robots (auto-replies, bounces, list posts, MAILER-DAEMON, noreply, crieur's
 * own mail) are stored and never answered.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findTokens, verifyToken } from '../../src/core/tokens.ts';
import {
  appendRaw,
  buildMail,
  ENGINE_NAMES,
  findInMailbox,
  ORGANIZERS,
  proposalMail,
  quiet,
  type SentMail,
  sentTo,
  settled,
  TEST_SECRET,
  useLiveImap,
  waitFor,
  waitSentTo,
} from '../support/pipeline.ts';
import { corpusDir, hasCorpus } from '../support/corpus.ts';
import { sniffMessageId } from '../../src/adapters/db/inbound.ts';

/** config.inbox.processedFolder is Crieur/Processed; Dovecot's Maildir++ hierarchy separator is '.'. */
const PROCESSED = 'Crieur.Processed';
const FIXTURES = fileURLToPath(new URL('../fixtures/proposals/', import.meta.url));
/** One real robot of each kind from the corpus (each has a Message-ID of its own). */
const ROBOT_FILES = ['autoreplies/bounceparser__autoreply.eml', 'bounces/bounce-email__tt_1234210655.eml', 'lists/django-mailbox__message_with_utf8_char.eml'];

/** The token in a Reply-To such as talks+s-p0001-abcdefghijklmnop@pgug.example.org. */
function replyToken(m: SentMail) {
  const replyTo = m.mail.replyTo[0]?.email ?? '';
  const tag = /^[^+@]+\+([^@]+)@/.exec(replyTo)?.[1] ?? '';
  const found = findTokens(tag);
  expect(found, `token in Reply-To ${replyTo}`).toHaveLength(1);
  return found[0]!;
}

describe.each(ENGINE_NAMES)('pipeline on %s: proposals acknowledged, robots ignored', (engine) => {
  const live = useLiveImap(engine);

  it.each([
    { lang: 'fr' as const, name: 'Jeanne Martin', email: 'jeanne.martin@exemple.fr', title: 'Index BRIN en pratique', subject: /^\[P-\d{4}\] Proposition reçue : Index BRIN en pratique$/, words: /Merci pour votre proposition/ },
    { lang: 'en' as const, name: 'Alice Smith', email: 'alice.smith@example.com', title: 'Logical decoding for auditing', subject: /^\[P-\d{4}\] Proposal received: Logical decoding for auditing$/, words: /Thank you for your proposal/ },
  ])('$lang: APPENDed proposal → filed, acknowledged in $lang, organizers notified, moved to the processed folder', async (c) => {
    const { raw, messageId } = proposalMail(c);
    await appendRaw(live.imap, raw);

    const [ack] = await waitSentTo(live.sink, c.email, 1);
    const inbound = await settled(live.p, messageId);
    expect(inbound).toMatchObject({ kind: 'proposal', state: 'done', source: 'imap' });
    const proposal = await live.p.store.proposals.findByMessage(inbound.id);
    expect(proposal).toMatchObject({ title: c.title, language: c.lang, status: 'received' });
    const ref = proposal!.ref;

    // The acknowledgement: to the speaker, threaded, marked automatic, answerable, in the proposal's language.
    const m = ack!.mail;
    expect(m.to.map((a) => a.email)).toEqual([c.email]);
    expect(m.subject).toMatch(c.subject);
    expect(m.subject).toContain(ref);
    expect(m.headers['auto-submitted']).toEqual(['auto-replied']);
    expect(m.inReplyTo).toBe(messageId);
    expect(m.references).toContain(messageId);
    expect(m.text).toMatch(c.words);
    expect(m.textFromHtml).toBe(false);
    expect(m.html).toMatch(/<html/i);
    expect(m.html).toMatch(c.words);
    const token = replyToken(ack!);
    expect(token).toMatchObject({ purpose: 'speaker', ref });
    expect(verifyToken(TEST_SECRET, token, c.email)).toBe(true);
    expect(verifyToken(TEST_SECRET, token, 'someone.else@example.com')).toBe(false);

    // One notice per organizer, each with a token minted for that organizer and that proposal.
    // Waited for by this proposal's ref: the organizers already have the previous case's notice (waiting for "one mail
    // to o" returned at once, before this notice was sent, on a loaded run).
    const noticesFor = async (o: string) => (await sentTo(live.sink, o)).filter((s) => s.mail.subject.includes(ref));
    const notices = await Promise.all(ORGANIZERS.map((o) => waitFor(async () => ((await noticesFor(o)).length > 0 ? noticesFor(o) : null), `${ref} notice to ${o}`)));
    for (const [i, o] of ORGANIZERS.entries()) {
      expect(notices[i], o).toHaveLength(1);
      const n = notices[i]![0]!;
      expect(n.mail.headers['auto-submitted']).toEqual(['auto-generated']);
      const t = replyToken(n);
      expect(t).toMatchObject({ purpose: 'organizer', ref });
      expect(verifyToken(TEST_SECRET, t, o)).toBe(true);
      expect(verifyToken(TEST_SECRET, t, c.email)).toBe(false);
    }
    expect(replyToken(notices[0]![0]!).token).not.toBe(replyToken(notices[1]![0]!).token);

    // The ledger says sent for all three, and the handled mail left INBOX for the processed folder.
    const rows = (await live.p.store.outbox.list()).filter((o) => o.subjectRef.startsWith(`${ref}/`));
    expect(rows.map((o) => [o.purpose, o.recipient, o.status]).sort()).toEqual(
      [['ack', c.email, 'sent'], ...ORGANIZERS.map((o) => ['notify-organizer', o, 'sent'])].sort(),
    );
    await waitFor(async () => (await findInMailbox(live.imap, PROCESSED, messageId)).length === 1, 'proposal in the processed folder');
    expect(await findInMailbox(live.imap, 'INBOX', messageId)).toEqual([]);
    expect((await live.p.store.proposals.history(ref)).map((h) => h.action)).toEqual(['filed']);
  });

  it.each([
    { fixture: '35-talk-in-english-stated-in-french.eml', written: 'fr', talk: 'en', subject: /Proposition reçue/ },
    { fixture: '36-language-field-french-en.eml', written: 'en', talk: 'fr', subject: /Proposal received/ },
  ])('answers in the language the mail was written in ($written), not the talk\'s ($talk)', async (c) => {
    const raw = readFileSync(join(FIXTURES, c.fixture));
    await appendRaw(live.imap, raw);
    const inbound = await settled(live.p, sniffMessageId(raw)!);
    const proposal = await live.p.store.proposals.findByMessage(inbound.id);
    expect(inbound.parsed?.language).toBe(c.written);
    expect(proposal?.language).toBe(c.talk);
    const [ack] = await waitSentTo(live.sink, proposal!.speakers[0]!.email!, 1);
    expect(ack!.mail.subject).toMatch(c.subject);
  });

  it('acknowledges every co-speaker, each with a token of their own', async () => {
    const main = { name: 'Claire Petit', email: 'claire.petit@exemple.org' };
    const co = { name: 'Marc Durand', email: 'marc.durand@exemple.org' };
    const { raw, messageId } = proposalMail({ lang: 'fr', ...main, title: 'Réplication logique à grande échelle', coSpeakers: [co] });
    await appendRaw(live.imap, raw);
    const [a] = await waitSentTo(live.sink, main.email, 1);
    const [b] = await waitSentTo(live.sink, co.email, 1);
    const inbound = await settled(live.p, messageId);
    const proposal = await live.p.store.proposals.findByMessage(inbound.id);
    expect(proposal?.speakers.map((s) => s.email)).toEqual([main.email, co.email]);
    for (const [sent, who] of [
      [a!, main.email],
      [b!, co.email],
    ] as const) {
      expect(sent.mail.to.map((x) => x.email)).toEqual([who]);
      expect(sent.mail.inReplyTo).toBe(messageId);
      expect(verifyToken(TEST_SECRET, replyToken(sent), who)).toBe(true);
    }
    expect(verifyToken(TEST_SECRET, replyToken(a!), co.email)).toBe(false);
  });

  it('never acknowledges a robot or crieur itself named as a co-speaker', async () => {
    const human = { name: 'Hugo Humain', email: 'hugo.humain@exemple.fr' };
    const robots = [
      { name: 'No Reply', email: 'noreply@cfp.example.net' },
      { name: 'Mailer', email: 'MAILER-DAEMON@mx.example.net' },
    ];
    const { raw, messageId } = proposalMail({ lang: 'fr', ...human, title: 'Robots et boucles de mail', coSpeakers: robots });
    await appendRaw(live.imap, raw);
    await waitSentTo(live.sink, human.email, 1);
    const inbound = await settled(live.p, messageId);
    await waitFor(() => quiet(live.p), 'pipeline quiet');
    const proposal = await live.p.store.proposals.findByMessage(inbound.id);
    expect(proposal?.speakers.map((s) => s.email)).toContain(human.email);
    for (const r of robots) expect(await sentTo(live.sink, r.email), r.email).toEqual([]);
    const acks = await live.p.db.query<{ recipient: string }>("SELECT recipient FROM outbox WHERE purpose = 'ack' AND cause_message_id = $1", [inbound.id]);
    expect(acks.map((a) => a.recipient)).toEqual([human.email]);
  });

  it.skipIf(!hasCorpus)('sends nothing for auto-replies, bounces, list posts, MAILER-DAEMON, noreply or its own mail; keeps `other` in INBOX', async () => {
    const corpus = corpusDir();
    const files = ROBOT_FILES.map((f) => readFileSync(join(corpus, f)));
    const body = proposalMail({ lang: 'fr', name: 'x', email: 'x@example.org', title: 'Vacuum et bloat' }).raw.toString('utf8').split('\r\n\r\n').slice(1).join('\r\n\r\n');
    const robots = [
      buildMail({ from: 'Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>', subject: 'Proposition de conférence : Vacuum et bloat', body }),
      buildMail({ from: 'Plateforme CFP <noreply@cfp.example.net>', subject: 'Proposition de conférence : Vacuum et bloat', body }),
      buildMail({ from: `PostgreSQL Paris <talks@pgug.example.org>`, subject: 'Proposition de conférence : Vacuum et bloat', body }),
      buildMail({ from: 'Crieur <talks+s-p0001-abcdefghijklmnop@pgug.example.org>', subject: 'Re: [P-0001] Proposition reçue', body: 'Boucle ?' }),
    ];
    const other = buildMail({ from: 'Bob Question <bob.question@example.com>', subject: 'Where is the next meetup?', body: 'Hi, where is the next meetup? Thanks, Bob' });
    await waitFor(() => quiet(live.p), 'earlier tests\' mail delivered');
    const before = live.sink.messages.length;
    const ids: string[] = [];
    for (const raw of files) {
      await appendRaw(live.imap, raw);
      ids.push(sniffMessageId(raw)!);
    }
    for (const r of [...robots, other]) {
      await appendRaw(live.imap, r.raw);
      ids.push(r.messageId);
    }
    const stored = [];
    for (const id of ids) stored.push(await settled(live.p, id));
    await waitFor(() => quiet(live.p), 'pipeline quiet');
    // MAILER-DAEMON's notice may be read as an auto-reply or as `other`: either way, never a proposal.
    expect(stored.map((m) => m.kind)).toEqual(['auto-reply', 'bounce', 'list-post', expect.stringMatching(/^(auto-reply|other)$/), 'other', 'other', 'other', 'other']);
    expect(stored.every((m) => m.state === 'done')).toBe(true);
    const caused = await live.p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE cause_message_id = ANY($1::int[])', [stored.map((m) => m.id)]);
    expect(caused[0]?.n).toBe(0);
    expect(live.sink.messages.length).toBe(before);

    // Robots are handled (moved); the question stays in INBOX for a human.
    for (const id of ids.slice(0, 3)) await waitFor(async () => (await findInMailbox(live.imap, PROCESSED, id)).length === 1, `${id} moved`);
    expect(await findInMailbox(live.imap, 'INBOX', other.messageId)).toHaveLength(1);
    expect(await sentTo(live.sink, 'bob.question@example.com')).toEqual([]);
    for (const m of stored) expect(await sentTo(live.sink, m.parsed?.from?.email ?? 'nobody@invalid')).toEqual([]);
  });
});
