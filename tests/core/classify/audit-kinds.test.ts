/**
 * Held-out audit of `crieur parse` on message kinds and header fields (bounces of many MTAs, auto-replies, list
 * posts, replies, forms; charsets and RFC 2047 names and subjects): what it found wrong, each with the guards that
 * kept their reading.
 */
import { describe, expect, it } from 'vitest';
import { readMail } from '../../../src/adapters/mailparser.ts';
import { classify } from '../../../src/core/classify/index.ts';
import type { ParseContext } from '../../../src/types.ts';
import { mail } from './build.ts';

const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org', 'bounces@pgug.example.org'], organizers: ['dim@example.org'], secret: 's3cret' };
const PROPOSAL = 'Bonjour,\n\nJe propose un talk de 20 minutes sur la réplication logique en pratique :\npublications, souscriptions, conflits et surveillance.\n\nAgathe Simon\n';

describe('audit kinds: RFC 2047 words declared utf-8 whose bytes are Latin-1', () => {
  it('a subject word declared utf-8 but written in Latin-1 is read as Windows-1252, and said so', async () => {
    const m = await mail({ subject: '=?utf-8?Q?Proposition_:_r=E9plication_logique_en_pratique?=', body: PROPOSAL });
    expect(m.subject).toBe('Proposition : réplication logique en pratique');
    expect(m.defects).toContain('encoded words declared "utf-8" but not UTF-8: read as windows-1252');
    expect(classify(m, ctx).kind).toBe('proposal');
  });

  it('the same in a display name, in B encoding, and with a true UTF-8 word beside it', async () => {
    const latin1 = Buffer.from('Théo Faure', 'latin1').toString('base64');
    const m = await mail({ from: `=?UTF-8?B?${latin1}?= <theo.faure@example.fr>`, subject: '=?utf-8?q?R=C3=A9sum=C3=A9?= et =?utf-8?q?caf=E9?=', body: PROPOSAL });
    expect(m.from?.name).toBe('Théo Faure');
    expect(m.subject).toBe('Résumé et café');
  });

  it('guards: UTF-8 words stay as written, a character split over two words included, and no warning', async () => {
    const raw = Buffer.from('Partitionnement déclaratif', 'utf8');
    const cut = raw.indexOf(Buffer.from('é', 'utf8')) + 1;
    const w = (b: Buffer): string => `=?UTF-8?B?${b.toString('base64')}?=`;
    const m = await mail({ subject: `${w(raw.subarray(0, cut))}\r\n ${w(raw.subarray(cut))}`, body: PROPOSAL });
    expect(m.subject).toBe('Partitionnement déclaratif');
    const n = await mail({ from: '=?utf-8?q?L=C3=A9a_Roussel?= <lea@example.fr>', subject: '=?utf-8?q?Proposition_=C2=AB_Vacuum_=C2=BB?=', body: PROPOSAL });
    expect(n.from?.name).toBe('Léa Roussel');
    expect(n.subject).toBe('Proposition « Vacuum »');
    expect([...m.defects, ...n.defects].filter((d) => /encoded words/.test(d))).toEqual([]);
  });
});

describe('audit kinds: a member post the list sent under its own address (DMARC From rewriting)', () => {
  const lists: ParseContext = { ...ctx, ownAddresses: [...ctx.ownAddresses, 'pgsql-fr-generale@lists.postgresql.example', 'pgparis-meetup@googlegroups.com'] };
  const POST = 'Hi all, is anyone from the group going to FOSDEM this year? We could meet at the PostgreSQL devroom.\n\nNora\n';

  it("Google Groups' « 'Nora Ali' via the list » from the list's address is a list post", async () => {
    const m = await mail({
      from: `"'Nora Ali' via pgparis-meetup" <pgparis-meetup@googlegroups.com>`,
      to: 'pgparis-meetup@googlegroups.com',
      subject: '[pgparis-meetup] Anyone going to FOSDEM?',
      headers: { 'Reply-To': 'Nora Ali <nora.ali@example.com>', 'Mailing-list': 'list pgparis-meetup@googlegroups.com; contact pgparis-meetup+owners@googlegroups.com', 'List-ID': '<pgparis-meetup.googlegroups.com>', Precedence: 'list' },
      body: POST,
    });
    expect(classify(m, lists).kind).toBe('list-post');
  });

  it("Mailman's munged From, by the List-Id made of it or by List-Post when the List-Id is set apart", async () => {
    const from = '"Nora Ali via pgsql-fr-generale" <pgsql-fr-generale@lists.postgresql.example>';
    const byId = await mail({ from, subject: '[pgsql-fr-generale] FOSDEM', headers: { 'List-Id': 'Liste generale <pgsql-fr-generale.lists.postgresql.example>' }, body: POST });
    expect(classify(byId, lists).kind).toBe('list-post');
    const byPost = await mail({ from, subject: '[pgsql-fr-generale] FOSDEM', headers: { 'List-Id': '<generale.pgfr.example>', 'List-Post': '<mailto:pgsql-fr-generale@lists.postgresql.example>' }, body: POST });
    expect(classify(byPost, lists).kind).toBe('list-post');
  });

  it("guards: crieur's own mail back through a list, and the list owners' notices, stay our own", async () => {
    const ownViaList = await mail({ from: 'PostgreSQL Paris <talks@pgug.example.org>', subject: 'Meetup du 28 janvier', headers: { 'List-Id': '<pgsql-fr-generale.lists.postgresql.example>' }, body: POST });
    expect(classify(ownViaList, lists)).toMatchObject({ kind: 'other', reasons: ['own-mail'] });
    const rewritten = await mail({
      from: '"PostgreSQL Paris via pgsql-fr-generale" <pgsql-fr-generale@lists.postgresql.example>',
      subject: 'Meetup du 28 janvier',
      headers: { 'List-Id': '<pgsql-fr-generale.lists.postgresql.example>', 'X-Crieur-Ref': 'E-4' },
      body: POST,
    });
    expect(classify(rewritten, lists)).toMatchObject({ kind: 'other', reasons: ['own-mail'] });
    const owners = await mail({
      from: 'pgparis-meetup+owners@googlegroups.com',
      subject: 'Pending messages',
      headers: { 'Mailing-list': 'list pgparis-meetup@googlegroups.com; contact pgparis-meetup+owners@googlegroups.com' },
      body: POST,
    });
    expect(classify(owners, lists)).toMatchObject({ kind: 'other', reasons: ['own-mail'] });
    const digest = await mail({
      from: 'pgparis-meetup@googlegroups.com',
      subject: 'Digest for pgparis-meetup@googlegroups.com - 3 updates in 2 topics',
      headers: { 'List-ID': '<pgparis-meetup.googlegroups.com>', Precedence: 'list' },
      body: 'Topic digest\n\n  * Anyone going to FOSDEM? - 2 Updates\n',
    });
    expect(classify(digest, lists)).toMatchObject({ kind: 'other', reasons: ['own-mail'] });
  });
});

describe('audit kinds: a text bounce that gave up after a 4.x.x reply failed', () => {
  const daemon = 'Mail Delivery System <Mailer-Daemon@mail.example.net>';
  const headers = { 'Return-Path': '<>', 'Auto-Submitted': 'auto-replied' };

  it("Exim's « returning message to sender » over a mailbox full until the retry time ran out, in English and German", async () => {
    const en = await mail({
      from: daemon,
      headers,
      subject: 'Mail delivery failed: returning message to sender',
      body: 'This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n  lukas@example.de\n    retry timeout exceeded\n    452 4.2.2 mailbox full\n',
    });
    expect(classify(en, ctx)).toMatchObject({ kind: 'bounce', bounce: { recipient: 'lukas@example.de', status: '4.2.2', action: 'failed' } });
    const de = await mail({
      from: 'Mail Delivery System <mailer-daemon@gmx.net>',
      headers,
      subject: 'Zustellung fehlgeschlagen',
      body: 'Diese Nachricht wurde automatisch vom Mail-System erzeugt.\n\nEine von Ihnen gesendete Nachricht konnte nicht an alle Empfänger\nzugestellt werden. Dies ist ein permanenter Fehler. Die folgenden\nAdressen sind fehlgeschlagen:\n\n  lukas.mueller@gmx.de\n    Mailbox quota exceeded (452 4.2.2 mailbox full)\n',
    });
    expect(classify(de, ctx)).toMatchObject({ kind: 'bounce', bounce: { recipient: 'lukas.mueller@gmx.de', status: '4.2.2', action: 'failed' } });
  });

  it("guards: Exim's delay warning (it « will give up », the mail « will be returned ») is still delayed", async () => {
    const m = await mail({
      from: daemon,
      headers,
      subject: 'Warning: message 1tR0aB-0007Kq-Ue delayed 24 hours',
      body: 'This message was created automatically by mail delivery software.\nA message that you sent has not yet been delivered to one or more of its\nrecipients after more than 24 hours on the queue on mail.example.net.\n\nThe address to which the message has not yet been delivered is:\n\n  late@slowhost.example\n    Delay reason: SMTP error from remote mail server after RCPT TO:<late@slowhost.example>:\n    451 4.3.0 Temporary lookup failure\n\nNo action is required on your part. Delivery attempts will continue for\nsome time, and this warning may be repeated at intervals if the message\nremains undelivered. Eventually the mail delivery software will give up,\nand when that happens, the message will be returned to you.\n',
    });
    expect(classify(m, ctx)).toMatchObject({ kind: 'bounce', bounce: { recipient: 'late@slowhost.example', status: '4.3.0', action: 'delayed' } });
  });
});

describe('audit kinds: a subject about the proposals received offers no talk', () => {
  it('"Talk proposal review", "Proposal feedback meeting", « Proposition de talk relecture » over an organizer\'s words are other', async () => {
    for (const subject of ['Talk proposal review', 'Proposal feedback meeting', 'Proposition de talk relecture', 'Talk proposals deadline?']) {
      const m = await mail({ from: 'Jane Roe <jane.roe@example.org>', subject, body: 'Hi all, can we meet on Thursday to go through the proposals we received?\n\nJane\n' });
      expect(classify(m, ctx).kind, subject).toBe('other');
    }
  });

  it('guards: a title after the lead-in, set apart or not, is still a proposal', async () => {
    const body = "Hello,\n\nI'd like to give a 20 minute talk on how the planner uses feedback from past executions.\n\nJane Roe\n";
    for (const subject of ['Talk proposal: Feedback loops in query planning', 'Talk proposal "Review of autovacuum settings"', 'Talk proposal Review of autovacuum settings']) {
      const m = await mail({ from: 'Jane Roe <jane.roe@example.org>', subject, body });
      expect(classify(m, ctx).kind, subject).toBe('proposal');
    }
  });
});

describe('audit kinds: a comment after the Message-ID', () => {
  const raw = (id: string): Buffer =>
    Buffer.from(`From: Jean Dupont <jean.dupont@example.fr>\r\nTo: talks@pgug.example.org\r\nSubject: Bonjour\r\nMessage-ID: ${id}\r\n\r\nBonjour\r\n`);

  it('« <id> (added by postmaster@isp) », as some MTAs add it, is the id alone', async () => {
    expect((await readMail(raw('<jd-cmt@example.fr> (added by postmaster@example.fr)'))).messageId).toBe('<jd-cmt@example.fr>');
    expect((await readMail(raw('<jd-cmt@example.fr>(added by postmaster@example.fr)'))).messageId).toBe('<jd-cmt@example.fr>');
  });

  it('guards: an id with no comment, or with no brackets, reads as before', async () => {
    expect((await readMail(raw('<a.b-c@example.fr>'))).messageId).toBe('<a.b-c@example.fr>');
    expect((await readMail(raw('hr-question-1@example.fr'))).messageId).toBe('<hr-question-1@example.fr>');
  });
});
