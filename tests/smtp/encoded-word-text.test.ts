/**
 * A title, an event name or a display name that reads as RFC 2047 encoded words (audit z): a proposal titled
 * `=?utf-8?B?…?=` reached the organizers' notice Subject as written — nodemailer encodes only non-ASCII words — and
 * their mail client decoded it into text the sender chose. Such text now goes out encoded, so it reads as typed;
 * a recipient's display name that reads so is left out of To (an ASCII name is only quoted, and clients decode
 * inside quotes too). Both builders: buildRaw (acknowledgements, notices, decisions, digests) and campaigns.
 */
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { buildMimeTemplate, fillMime } from '../../src/adapters/compose/campaign-mime.ts';
import { buildRaw } from '../../src/adapters/smtp/build-raw.ts';
import { composeMessage } from '../../src/core/compose/message.ts';
import { slotValues } from '../../src/core/compose/campaign-slots.ts';

/** « Acceptée par les organisateurs » as one encoded word, and a Q one. */
const B = `=?utf-8?B?${Buffer.from('Acceptée par les organisateurs').toString('base64')}?=`;
const Q = '=?ISO-8859-1?q?Accept=E9e?=';
const headOf = (raw: Buffer) => raw.toString('latin1').split('\r\n\r\n')[0]!;

describe('text that reads as encoded words reaches headers as typed', () => {
  it.each([
    ['ASCII', `[P-0004] Nouvelle proposition : ${B} vacuum`],
    ['a Q word among accented words', `[P-0004] Proposition reçue : ${Q} — déclaratif`],
  ])('buildRaw, %s: the Subject decodes to the text itself', async (_, subject) => {
    const raw = await buildRaw(
      composeMessage({ from: 'PG <talks@pgug.example.org>', to: { name: `Mallory ${B}`, email: 'mallory@example.fr' }, subject, html: '<p>h</p>', text: 't', messageId: '<m@x>', date: new Date(0), autoSubmitted: 'auto-generated' }),
    );
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe(subject);
    expect(headOf(raw)).not.toContain(B);
    expect(headOf(raw)).not.toContain(Q);
    // the name left out, the address kept
    expect(headOf(raw)).toMatch(/^To: mallory@example\.fr$/m);
    expect(mail.text?.trim()).toBe('t');
  });

  it('an ordinary subject and name are as before', async () => {
    const raw = await buildRaw(
      composeMessage({ from: 'PG <talks@pgug.example.org>', to: { name: 'Jean Dupont', email: 'jean@example.fr' }, subject: 'Proposition : 2 + 2 = 4 ? oui', html: '<p>h</p>', text: 't', messageId: '<m@x>', date: new Date(0), autoSubmitted: 'no' }),
    );
    expect(headOf(raw)).toMatch(/^Subject: Proposition : 2 \+ 2 = 4 \? oui$/m);
    expect(headOf(raw)).toMatch(/^To: Jean Dupont <jean@example\.fr>$/m);
  });

  it('a campaign (announce, call): the Subject decodes to the text itself', async () => {
    const subject = `[PG Paris] ${B} meetup de janvier`;
    const t = buildMimeTemplate({ from: 'PG <talks@pgug.example.org>', to: null, subject, headers: {}, text: 'x\n', html: '<p>x</p>\n', ics: null, seed: 's' });
    const raw = fillMime(t, slotValues({ campaignId: 1, recipient: 'a@example.fr', name: null, domain: 'pgug.example.org', inbox: 'talks@pgug.example.org', secret: 'secret-0123456789abcdef' }));
    expect((await simpleParser(raw)).subject).toBe(subject);
    expect(headOf(raw)).not.toContain(B);
  });
});

/**
 * Held-out audit: a run of text no header line can hold — a display name or a title of 1,200 characters without a
 * space, which reach the organizers' « [P-0001] Message de … » and the acknowledgement's To — was written as one
 * header line of 1,200+ octets (nodemailer folds at whitespace only and leaves ASCII words as they are), past the 998
 * a relay accepts. Such a Subject now goes out as encoded words, folded; such a name is left out of To.
 */
describe('a run no header line can hold', () => {
  const RUN = 'x'.repeat(1200);
  const longest = (raw: Buffer) => Math.max(...headOf(raw).split('\r\n').map((l) => l.length));

  it.each([
    ['ASCII', `[P-0001] Message de ${RUN} : Index BRIN`],
    ['among accented words', `[P-0001] Message de ${RUN} : Réplication logique`],
  ])('buildRaw, %s: every header line within 78 octets, the Subject and the address as sent', async (_, subject) => {
    const raw = await buildRaw(
      composeMessage({ from: 'PG <talks@pgug.example.org>', to: { name: RUN, email: 'zoe@example.fr' }, subject, html: '<p>h</p>', text: 't', messageId: '<m@x>', date: new Date(0), autoSubmitted: 'auto-generated' }),
    );
    expect(longest(raw)).toBeLessThanOrEqual(78);
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe(subject);
    expect(headOf(raw)).toMatch(/^To: zoe@example\.fr$/m);
  });

  it('a campaign: every header line within 78 octets, the Subject as sent', async () => {
    const subject = `[PG Paris] ${RUN}, jeudi 28 janvier`;
    const t = buildMimeTemplate({ from: 'PG <talks@pgug.example.org>', to: null, subject, headers: {}, text: 'x\n', html: '<p>x</p>\n', ics: null, seed: 's' });
    const raw = fillMime(t, slotValues({ campaignId: 1, recipient: 'a@example.fr', name: null, domain: 'pgug.example.org', inbox: 'talks@pgug.example.org', secret: 'secret-0123456789abcdef' }));
    expect(longest(raw)).toBeLessThanOrEqual(78);
    expect((await simpleParser(raw)).subject).toBe(subject);
  });

  it('a name with spaces, or a long accented one (encoded words fold), stays in To', async () => {
    for (const name of ['Jean '.repeat(60).trim(), 'é'.repeat(300)]) {
      const raw = await buildRaw(composeMessage({ from: 'PG <talks@pgug.example.org>', to: { name, email: 'jean@example.fr' }, subject: 's', html: '<p>h</p>', text: 't', messageId: '<m@x>', date: new Date(0), autoSubmitted: 'no' }));
      expect(longest(raw)).toBeLessThanOrEqual(78);
      expect((await simpleParser(raw)).to).toMatchObject({ value: [{ name, address: 'jean@example.fr' }] });
    }
  });
});
