/**
 * Held-out audit j: proposals in the MIME shapes real clients produce. Each case is written anew, not copied from the
 * audit's messages.
 */
import { describe, expect, it } from 'vitest';
import { readMail, readMailHeaders } from '../../../src/adapters/mailparser.ts';
import { extractProposal } from '../../../src/core/extract/index.ts';
import { withoutImagePlaceholders } from '../../../src/core/text/fold.ts';
import { mail } from '../classify/build.ts';
import { growth, LINEAR } from '../../support/growth.ts';

const ctx = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: null };

describe("an inline image's placeholder is no part of the abstract", () => {
  it.each([
    [
      "Outlook's [cid:…] on a line of its own",
      'Bonjour,\n\nTitre : Sauvegardes avec Barman\nDurée : 30 minutes\nRésumé : Notre architecture de sauvegarde, avec le schéma ci-dessous.\n\n[cid:image001.png@01DA2B3C.4D5E6F70]\n\nLes restaurations sont testées chaque semaine.\n\nPaul Morin\n',
      'Notre architecture de sauvegarde, avec le schéma ci-dessous.\n\nLes restaurations sont testées chaque semaine.',
    ],
    [
      "Gmail's [image: …] inside a sentence",
      'Hello,\n\nI would like to present "Sharding with Citus", 40 minutes. Our layout [image: cluster.png] has 12 workers and one coordinator, and I will show how we rebalance it.\n\nAnn Lee\n',
      'layout has 12 workers',
    ],
  ])('%s', async (_name, body, expected) => {
    const x = extractProposal(await mail({ subject: 'Proposition de talk', body }), ctx);
    expect(x.proposal.abstract).toContain(expected);
    expect(x.proposal.abstract).not.toMatch(/\[(?:cid|image):/);
  });

  it('a long run of blanks on a line with a bracket is read in linear time', async () => {
    const text = (m: number) => `Le planificateur [choisit${' '.repeat(25_000 * m)}un plan [cid:a@b] fin.`;
    expect(withoutImagePlaceholders(text(4))).toBe(`Le planificateur [choisit${' '.repeat(100_000)}un plan fin.`);
    expect(await growth(text, withoutImagePlaceholders)).toBeLessThan(LINEAR);
  });

  it('a bracket that is no placeholder stays', () => {
    expect(withoutImagePlaceholders('We use [citus] and [pg_partman] (see [1]).')).toBe('We use [citus] and [pg_partman] (see [1]).');
  });

  it('an abstract that was only a placeholder is none', async () => {
    const x = extractProposal(await mail({ subject: 'Proposition de talk : Index BRIN', body: 'Titre : Index BRIN\nRésumé : [cid:image002.png@01DA2B3C.4D5E6F70]\n' }), ctx);
    expect(x.proposal.abstract).toBeNull();
  });
});

describe('a text part in a charset no decoder knows', () => {
  const message = (charset: string, body: Buffer): Buffer =>
    Buffer.concat([
      Buffer.from(`From: Jean Test <jean.test@exemple.fr>\r\nTo: talks@pgug.example.org\r\nSubject: Proposition de talk\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=${charset}\r\nContent-Transfer-Encoding: 8bit\r\n\r\n`, 'latin1'),
      body,
    ]);
  const text = 'Titre : Le planificateur génétique\r\nDurée : 25 minutes\r\n';

  it.each(['x-unknown-8859', 'iso-4444-5', 'latin-9x'])('Latin-1 bytes declared %s are read as windows-1252, and said so', async (charset) => {
    const mail = await readMail(message(charset, Buffer.from(text, 'latin1')));
    expect(mail.text).toContain('Le planificateur génétique');
    expect(mail.text).not.toContain('\ufffd');
    expect(mail.defects.join('\n')).toContain(`declared "${charset}", a charset no decoder knows: read as windows-1252`);
  });

  it('UTF-8 bytes under a misspelt label ("uft-8") stay UTF-8, and nothing is said', async () => {
    const mail = await readMail(message('uft-8', Buffer.from(text, 'utf8')));
    expect(mail.text).toContain('Le planificateur génétique');
    expect(mail.defects).toEqual([]);
  });

  it.each([
    ['Q', '=?x-unknown?Q?R=E9sum=E9_du_planificateur_g=E9n=E9tique?=', 'x-unknown'],
    ['B, with a language', '=?iso-4444-5*fr?B?UulzdW3pIGR1IHBsYW5pZmljYXRldXIgZ+lu6XRpcXVl?=', 'iso-4444-5'],
    ['two words, split mid-word', '=?latin-9x?Q?R=E9sum=E9_du_planifi?=\r\n =?latin-9x?Q?cateur_g=E9n=E9tique?=', 'latin-9x'],
  ])('an encoded word (%s) in such a charset, in Subject and From, is read as windows-1252, and said so', async (_name, words, charset) => {
    const raw = Buffer.from(`From: ${words.split('\r\n')[0]} <jean.test@exemple.fr>\r\nTo: talks@pgug.example.org\r\nSubject: ${words}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nBonjour\r\n`, 'latin1');
    for (const read of [await readMail(raw), await readMailHeaders(raw)]) {
      expect(read.subject).toBe('Résumé du planificateur génétique');
      expect(read.from?.name).toMatch(/^Résumé du planifi/);
      expect(read.defects).toEqual([`encoded words declared "${charset}", a charset no decoder knows: read as windows-1252`]);
    }
  });

  it('UTF-8 bytes in an encoded word under an unknown label stay UTF-8, and nothing is said; a known charset is read as declared', async () => {
    const raw = Buffer.from('From: jean.test@exemple.fr\r\nSubject: =?uft-8?Q?R=C3=A9sum=C3=A9?= =?iso-8859-15?Q?=A4?=\r\n\r\nBonjour\r\n', 'latin1');
    const read = await readMail(raw);
    expect(read.subject).toBe('Résumé€');
    expect(read.defects).toEqual([]);
  });

  it.each([
    ['iso-8859-15', Buffer.from('Co\xfbt : 10 \xa4\r\n', 'latin1'), 'Coût : 10 €'],
    ['koi8-r', Buffer.from([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4, 0x0d, 0x0a]), 'Привет'],
  ])('a known charset (%s) is read as declared', async (charset, body, expected) => {
    const mail = await readMail(message(charset, body));
    expect(mail.text).toContain(expected);
    expect(mail.defects).toEqual([]);
  });
});
