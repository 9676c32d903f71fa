import { describe, expect, it } from 'vitest';
import { readMail } from '../../src/adapters/mailparser.ts';
import { renderAck, renderOrganizerNotice } from '../../src/adapters/render/messages.ts';
import { alternativeOf, buildRaw, compileMessage, serialize } from '../../src/adapters/smtp/build-raw.ts';
import { composeMessage, domainOf, threadHeaders, tokenAddress, tokenMessageId } from '../../src/core/compose/message.ts';
import { ackData, noticeData } from '../../src/core/render/data.ts';
import { buildMimeTemplate, fillMime } from '../../src/adapters/compose/campaign-mime.ts';
import { slotValues } from '../../src/core/compose/campaign-slots.ts';
import { sentinel } from '../../src/core/compose/mime-template.ts';
import { findTokens, mintToken, verifyToken } from '../../src/core/tokens.ts';
import { context, SAMPLE } from '../render/sample.ts';

const SECRET = 'test-secret-0123456789';
const PROPOSALS = 'talks@pgug.example.org';
const FROM = 'PostgreSQL Paris <talks@pgug.example.org>';
const speaker = { name: 'Jean Dupont', email: 'jean.dupont@example.fr' };
const organizer = 'dim@example.org';
/** The speaker's message, already in a thread of two. */
const parent = { messageId: '<CAF1234@mail.example.fr>', references: ['<root@example.fr>'], subject: 'Proposition' };

async function ackRaw(locale: 'fr' | 'en'): Promise<Buffer> {
  const token = mintToken(SECRET, { purpose: 'speaker', ref: SAMPLE.ref }, speaker.email, new Date());
  const replyTo = tokenAddress(PROPOSALS, token);
  const rendered = await renderAck(ackData(SAMPLE, { ...context(locale, replyTo), recipient: speaker }), locale);
  const msg = composeMessage({
    from: FROM,
    to: speaker,
    replyTo,
    ...rendered,
    messageId: tokenMessageId(token, 'r4nd0m', domainOf(PROPOSALS)),
    date: new Date('2013-11-28T18:00:05Z'),
    ...threadHeaders(parent),
    autoSubmitted: 'auto-replied',
    headers: { 'X-Crieur-Ref': SAMPLE.ref },
  });
  return buildRaw(msg);
}

describe('acknowledgement as sent', () => {
  it.each(['fr', 'en'] as const)('%s: headers, threading, token, encodings', async (locale) => {
    const raw = await ackRaw(locale);
    const head = raw.toString('latin1').split('\r\n\r\n')[0]!;
    const mail = await readMail(raw);

    // RFC 3834 and Exchange's dialect: nobody auto-answers an auto-reply
    expect(mail.headers['auto-submitted']).toEqual(['auto-replied']);
    expect(mail.headers['x-auto-response-suppress']).toEqual(['All']);
    // threaded under the speaker's message
    expect(mail.inReplyTo).toBe('<CAF1234@mail.example.fr>');
    expect(mail.references).toEqual(['<root@example.fr>', '<CAF1234@mail.example.fr>']);
    // the reply token, minted for this speaker, in Reply-To and in the Message-ID
    const replyTo = mail.replyTo[0]!.email;
    expect(replyTo).toMatch(/^talks\+s-p0007-[a-z2-7]{1,6}-[a-z2-7]{16}@pgug\.example\.org$/);
    const [inReplyTo] = findTokens(replyTo);
    expect(inReplyTo && verifyToken(SECRET, inReplyTo, speaker.email)).toBe(true);
    expect(inReplyTo && verifyToken(SECRET, inReplyTo, 'someone.else@example.org')).toBe(false);
    const [inMsgId] = findTokens(mail.messageId ?? '');
    expect(inMsgId?.token).toBe(inReplyTo?.token);
    expect(mail.messageId).toMatch(/^<s-p0007-[a-z2-7]{1,6}-[a-z2-7]{16}\.r4nd0m@pgug\.example\.org>$/);

    // RFC 2047 subject, decoded back exactly; UTF-8 quoted-printable bodies; a real text part
    expect(head).toMatch(/^Subject: =\?UTF-8\?Q\?/m);
    expect(head).not.toMatch(/[^\x00-\x7f]/);
    expect(mail.subject).toBe(locale === 'fr' ? `[P-0007] Proposition reçue : ${SAMPLE.title}` : `[P-0007] Proposal received: ${SAMPLE.title}`);
    expect(raw.toString('latin1')).toMatch(/Content-Type: text\/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable/i);
    expect(raw.toString('latin1')).toMatch(/Content-Type: text\/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable/i);
    expect(mail.textFromHtml).toBe(false);
    expect(mail.text).toContain(locale === 'fr' ? 'Voici ce que nous en avons compris' : 'Thank you for your proposal!');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.to).toEqual([speaker]);
    expect(mail.headers['x-crieur-ref']).toEqual(['P-0007']);
    expect(mail.date?.toISOString()).toBe('2013-11-28T18:00:05.000Z');
    expect(raw.includes('\n') && !/[^\r]\n/.test(raw.toString('latin1'))).toBe(true); // CRLF only
  });
});

describe('organizer notice as sent', () => {
  it('carries a token for (proposal, organizer) and says auto-generated', async () => {
    const token = mintToken(SECRET, { purpose: 'organizer', ref: SAMPLE.ref }, organizer, new Date());
    const replyTo = tokenAddress(PROPOSALS, token);
    const rendered = await renderOrganizerNotice(noticeData(SAMPLE, { ...context('fr', replyTo), submittedBy: speaker }), 'fr');
    const raw = await buildRaw(
      composeMessage({ from: FROM, to: organizer, replyTo, ...rendered, messageId: tokenMessageId(token, 'n1', 'pgug.example.org'), date: new Date(0), autoSubmitted: 'auto-generated' }),
    );
    const mail = await readMail(raw);
    expect(mail.headers['auto-submitted']).toEqual(['auto-generated']);
    expect(mail.inReplyTo).toBeNull();
    const [t] = findTokens(mail.replyTo[0]!.email);
    expect(t?.purpose).toBe('organizer');
    expect(t?.ref).toBe('P-0007');
    expect(t && verifyToken(SECRET, t, organizer)).toBe(true);
    expect(mail.subject).toBe(`[P-0007] Nouvelle proposition : ${SAMPLE.title}`);
    expect(mail.text).toContain('programmer AAAA-MM-JJ');
  });
});

describe('composeMessage', () => {
  const base = { from: FROM, to: 'a@example.org', subject: 's', html: '<p>h</p>', text: 't', messageId: '<m@x>', date: new Date(0) };
  it.each([
    ['auto-replied', { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' }],
    ['auto-generated', { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' }],
    ['no', {}],
  ] as const)('Auto-Submitted %s', (value, headers) => {
    expect(composeMessage({ ...base, autoSubmitted: value }).headers).toEqual(headers);
  });

  it('keeps user line breaks out of headers', async () => {
    const m = composeMessage({ ...base, subject: 'a\r\nBcc: victim@example.org', to: { name: 'X\nY', email: 'a@example.org' }, autoSubmitted: 'no', headers: { 'X-T': 'v\r\nInjected: 1' } });
    expect(m.subject).toBe('a Bcc: victim@example.org');
    const mail = await readMail(await buildRaw(m));
    expect(mail.headers['bcc']).toBeUndefined();
    expect(mail.headers['injected']).toBeUndefined();
    expect(mail.to).toEqual([{ name: 'X Y', email: 'a@example.org' }]);
  });

  it('refuses a header name that is not one', () => {
    expect(() => composeMessage({ ...base, autoSubmitted: 'no', headers: { 'Bad Name:': 'x' } })).toThrow(/invalid header name/);
  });

  it('threads: References = parent References + parent Message-ID, trimmed keeping the root', () => {
    expect(threadHeaders({ messageId: null, references: [] })).toEqual({ inReplyTo: null, references: [] });
    const long = Array.from({ length: 30 }, (_, i) => `<m${i}@x>`);
    const t = threadHeaders({ messageId: '<last@x>', references: long });
    expect(t.references).toHaveLength(10);
    expect(t.references[0]).toBe('<m0@x>');
    expect(t.references.at(-1)).toBe('<last@x>');
  });

  it.each([
    ['talks@pgug.example.org', 'talks+s-p1-abc@pgug.example.org'],
    ['a.b@sub.example.org', 'a.b+s-p1-abc@sub.example.org'],
  ])('token address %s', (addr, expected) => {
    expect(tokenAddress(addr, 's-p1-abc')).toBe(expected);
  });

  it('finds the domain of a display address', () => {
    expect(domainOf('PostgreSQL Paris <talks@PGUG.example.org>')).toBe('pgug.example.org');
    expect(() => domainOf('nobody')).toThrow();
  });
});

describe('the synchronous serializer', () => {
  // Trailing spaces and tabs before line ends, lines longer than 76, every kind of line end, accents, an emoji, a
  // plain-ASCII part (7bit), a part heavy enough in non-ASCII that nodemailer would pick base64, HTML.
  const bodies = [
    { text: 'Bonjour,\n\nMerci pour votre proposition « Partitionnement » — à jeudi.  \nligne\ttab\t\n' + 'é'.repeat(200), html: '<p>Réponse</p>' },
    { text: 'plain ascii only\r\nsecond line', html: `<p>${'x'.repeat(300)}</p>\n<p>end </p>` },
    { text: `${'word '.repeat(40)}\rCR only\r\n. leading dot\n`, html: '<p>😀 émoji</p>\r\n' },
    { text: 'ÀÉÎÕÜ'.repeat(50), html: '<b>ÀÉÎÕÜ</b>'.repeat(50) },
  ];
  it.each(bodies.map((b, i) => [i, b] as const))('case %i: the same bytes as nodemailer MailComposer.build()', async (_i, body) => {
    const msg = composeMessage({
      from: FROM,
      to: { name: 'Raman, Priya — Équipe', email: 'priya@example.in' },
      replyTo: 'talks+s-p0001-abc@pgug.example.org',
      subject: `Re: Proposition reçue — « ${'très '.repeat(20)}long »`,
      ...body,
      messageId: '<m1@pgug.example.org>',
      date: new Date('2013-11-28T18:00:05Z'),
      autoSubmitted: 'auto-replied',
      headers: { 'X-Crieur-Ref': 'P-0001' },
    });
    const tree = compileMessage(msg);
    const ours = serialize(tree);
    const theirs = await tree.build();
    expect(ours.toString('latin1')).toBe(theirs.toString('latin1'));
  });
});

describe('buildRaw without the tree (text and HTML, the common shape)', () => {
  // Only the boundary is random: the same value in both builds once each is named.
  const sameBoundary = (raw: Buffer) => raw.toString('latin1').replace(/_NmP-[0-9a-f]+-Part_1/g, '_NmP-BOUNDARY-Part_1');
  const cases: [string, Parameters<typeof composeMessage>[0]][] = [
    [
      'accents, a long encoded subject, a display name with a comma, threading',
      {
        from: FROM,
        to: { name: 'Raman, Priya — Équipe', email: 'priya@example.in' },
        replyTo: 'talks+s-p0001-abc@pgug.example.org',
        subject: `Re: Proposition reçue — « ${'très '.repeat(20)}long »`,
        text: 'Bonjour,\n\nMerci — à jeudi.  \nligne\ttab\t\n' + 'é'.repeat(200),
        html: `<p>Réponse</p>\n<p>${'x'.repeat(300)}</p>`,
        messageId: '<m1@pgug.example.org>',
        date: new Date('2013-11-28T18:00:05Z'),
        ...threadHeaders(parent),
        autoSubmitted: 'auto-replied',
        headers: { 'X-Crieur-Ref': 'P-0001', 'List-Id': 'PostgreSQL Paris <talks.pgug.example.org>' },
      },
    ],
    [
      'plain ASCII, a bare address, no Reply-To, an emoji, every kind of line end',
      {
        from: 'talks@pgug.example.org',
        to: 'dim@example.org',
        subject: 'Nouvelle proposition',
        text: `${'word '.repeat(40)}\rCR only\r\n. leading dot\n`,
        html: '<p>😀 émoji</p>\r\n',
        messageId: '<m2@pgug.example.org>',
        date: new Date(0),
        autoSubmitted: 'no',
      },
    ],
    [
      'a quoted name, an internationalized domain, a header whose value needs encoding',
      {
        from: '"Groupe \\"PG\\" Paris" <talks@pgug.example.org>',
        to: { name: 'Ada "the" Lovelace', email: 'ada@jõgeva.ee' },
        // long, folded at its space (a run of 77 or more no line can hold goes out as encoded words: encoded-word-text.test.ts)
        subject: `${'x'.repeat(70)} ${'x'.repeat(50)}`,
        text: 'ÀÉÎÕÜ'.repeat(50),
        html: '<b>ÀÉÎÕÜ</b>'.repeat(50),
        messageId: '<m3@pgug.example.org>',
        date: new Date('2026-11-30T10:00:00Z'),
        autoSubmitted: 'auto-generated',
        headers: { 'X-Crieur-Note': 'Résumé « hebdomadaire »', 'list-unsubscribe': '<https://example.org/u/1>' },
      },
    ],
    ['a custom header the tree owns (Cc): nodemailer builds it', { from: FROM, to: 'a@example.org', subject: 's', text: 't', html: '<p>h</p>', messageId: '<m4@x>', date: new Date(0), autoSubmitted: 'no', headers: { Cc: 'b@example.org' } }],
  ];
  /** The boundary the header declares is the one on every delimiter line, opening and closing. */
  const boundaryHolds = (raw: Buffer) => {
    const text = raw.toString('latin1');
    const declared = /boundary="([^"]+)"/.exec(text)?.[1];
    expect(declared).toBeTruthy();
    const delimiters = [...text.matchAll(/^--(.+?)(--)?\r$/gm)].map((m) => m[1]);
    expect(delimiters).toEqual([declared, declared, declared]);
  };
  it.each(cases)('%s: the bytes of MailComposer.build()', async (name, input) => {
    const msg = composeMessage(input);
    const fast = alternativeOf(msg);
    // The first three take the way without the tree; the fourth (a Cc header) nodemailer's.
    if (name.includes('(Cc)')) expect(fast).toBeNull();
    else expect(fast).not.toBeNull();
    const ours = await buildRaw(msg);
    const theirs = await compileMessage(msg).build();
    boundaryHolds(ours);
    expect(sameBoundary(ours)).toBe(sameBoundary(theirs));
  });

  it('a field it does not write (attachments, through a cast) goes to nodemailer, not dropped', () => {
    const msg = { ...composeMessage(cases[1]![1]), attachments: [{ filename: 'a.txt', content: 'x' }] };
    expect(alternativeOf(msg as never)).toBeNull();
  });
});

/**
 * Held-out audit: a body line beginning « From » (every English decision mail's footer, « From the organizers of … »,
 * an abstract's line) went out as written, and an mbox along the way (a local delivery agent, a list archive) turns it
 * into « >From », which the reader then sees and which breaks a forwarded copy's DKIM body hash. Its F is now =46.
 */
describe('no body line begins « From »', () => {
  const longLine = `From ${'zero to hero, '.repeat(5)}and back`;
  const text = `Hello,\n\nFrom the organizers of PG Paris about your proposal.\n${longLine}\nFrom\nFromage.\n`;
  const bodyLines = (raw: Buffer) => raw.toString('latin1').split('\r\n\r\n').slice(1).join('\r\n\r\n').split('\r\n');

  it('buildRaw: =46 in place, or before a soft break on a full line; the text reads as written', async () => {
    const raw = await buildRaw(composeMessage({ from: FROM, to: 'a@example.org', subject: 's', text, html: '<p>From here</p>', messageId: '<f@x>', date: new Date(0), autoSubmitted: 'no' }));
    const lines = bodyLines(raw);
    expect(lines.filter((l) => l.startsWith('From '))).toEqual([]);
    expect(lines).toContain('=46rom the organizers of PG Paris about your proposal.');
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(76);
    const mail = await readMail(raw);
    expect(mail.text).toBe(text);
    expect(mail.html).toBe('<p>From here</p>');
  });

  it('a campaign: no line of the text part begins « From », the text reads as written', async () => {
    const t = buildMimeTemplate({ from: FROM, to: null, subject: 's', headers: {}, text: `Bonjour${sentinel('greeting')},\nFrom the organizers.\n${longLine}\n`, html: '<p>x</p>\n', ics: null, seed: 's' });
    const raw = fillMime(t, slotValues({ campaignId: 1, recipient: 'a@example.fr', name: 'Zoé', domain: 'pgug.example.org', inbox: 'talks@pgug.example.org', secret: 'secret-0123456789abcdef' }));
    expect(bodyLines(raw).filter((l) => l.startsWith('From '))).toEqual([]);
    for (const l of bodyLines(raw)) expect(l.length).toBeLessThanOrEqual(76);
    expect((await readMail(raw)).text).toContain(`Bonjour Zoé,\nFrom the organizers.\n${longLine}\n`);
  });
});
