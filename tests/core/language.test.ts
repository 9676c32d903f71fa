/**
 * The top-level `language` is the language of what the author wrote (SPEC: "language of the body"), not of the
 * quoted history under it: `bodyLanguage` reads the text above the quote (">" lines, "Le … a écrit :" /
 * "On … wrote:", Outlook's "De : … Envoyé : … Objet :" block, "-----Original Message-----"), and the whole text
 * only when the author wrote (almost) nothing.
 */
import { describe, expect, it } from 'vitest';
import { bodyLanguage, detectLanguage } from '../../src/core/language.ts';
import { mailparserReader } from '../../src/adapters/mailparser.ts';
import { parseRawMessage } from '../../src/app/parse-message.ts';
import type { ParseContext } from '../../src/types.ts';
import { raw } from './classify/build.ts';

const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: null };

const FR_QUOTE =
  "Bonjour à toutes et à tous,\n\nLe prochain meetup aura lieu le jeudi 10 avril à 19h chez Acme. Au programme, deux présentations : la réplication logique et les index BRIN. Merci de vous inscrire sur la page de l'événement pour que nous puissions prévoir le nombre de places.\n\nÀ bientôt,\nL'équipe";
const EN_QUOTE =
  'Hello everyone,\n\nThe next meetup will be on Thursday 10 April at 7pm at Acme. There are two talks: logical replication and BRIN indexes. Please register on the event page so that we can plan the number of seats.\n\nSee you there,\nThe team';
const quoted = (t: string) => t.split('\n').map((l) => (l ? `> ${l}` : '>')).join('\n');

describe('bodyLanguage: the language the author wrote in', () => {
  it.each([
    [
      'a short English reply over a French Outlook header block (no ">")',
      `Thanks, I will be there with two colleagues. Is there parking nearby?\n\nJohn\n\nDe : PostgreSQL Paris <talks@pgug.example.org>\nEnvoyé : lundi 3 mars 2025 09:00\nÀ : John Miller <john@example.com>\nObjet : Meetup du 10 avril\n\n${FR_QUOTE}`,
      'en',
    ],
    [
      'a short English reply over an English Outlook block quoting French ("From: … Sent: … Subject:")',
      `Count me in, thanks for organising this.\n\n________________________________\nFrom: PostgreSQL Paris <talks@pgug.example.org>\nSent: Monday, March 3, 2025 9:00 AM\nTo: John Miller\nSubject: Meetup du 10 avril\n\n${FR_QUOTE}`,
      'en',
    ],
    ['a short French reply over a Gmail "On … wrote:" quote', `Merci, je serai là avec deux collègues.\n\nOn Mon, 3 Mar 2025 at 09:00, PostgreSQL Paris <talks@pgug.example.org> wrote:\n${quoted(EN_QUOTE)}`, 'fr'],
    ['a short English reply over a wrapped "Le … a écrit :" attribution', `Sounds good, see you on Thursday.\n\nLe lun. 3 mars 2025 à 09:00, PostgreSQL Paris <talks@pgug.example.org>\na écrit :\n${quoted(FR_QUOTE)}`, 'en'],
    ['a short English reply over "-----Original Message-----"', `I can bring the projector if that helps.\n\n-----Original Message-----\n${FR_QUOTE}`, 'en'],
    ['a French reply over "-----Message d\'origine-----"', `Je ne pourrai pas venir cette fois, désolé.\n\n-----Message d'origine-----\n${EN_QUOTE}`, 'fr'],
    ['a forward whose own text is empty: the forwarded text', `De : Jean Dupont <jean@example.fr>\nEnvoyé : lundi 3 mars 2025 09:00\nÀ : Dim <dim@example.org>\nObjet : Meetup\n\n${FR_QUOTE}`, 'fr'],
    // the quote is the mail answered (crieur's own, often): its language is not this author's; the group's is used
    ['a bare "OK" over a quote: none', `OK\n\nLe lun. 3 mars 2025 à 09:00, Jean <jean@example.fr> a écrit :\n${quoted(FR_QUOTE)}`, null],
    ['a text with no quote at all', FR_QUOTE, 'fr'],
  ])('%s', (_name, text, lang) => {
    expect(bodyLanguage(text)).toBe(lang);
  });

  it('a reply in neither French nor English over a French quote is null, not the quote’s French', () => {
    const de = 'Vielen Dank für die Einladung, ich komme gerne mit zwei Kollegen. Gibt es in der Nähe einen Parkplatz für uns alle?';
    expect(bodyLanguage(`${de}\n\nLe lun. 3 mars 2025 à 09:00, PostgreSQL Paris <talks@pgug.example.org> a écrit :\n${quoted(FR_QUOTE)}`)).toBeNull();
  });

  // Read on its answer, not timed (no wall-clock in tests): had it read the 200,000 French sentences below the
  // English line, French would win.
  it('reads the same bounded sample as detectLanguage: a huge body is not read whole', () => {
    const huge = `Thanks, I will be there with two colleagues.\n\nDe : PostgreSQL Paris\nEnvoyé : lundi\nObjet : Meetup\n\n${'Bonjour à toutes et à tous, le meetup aura lieu jeudi. '.repeat(200_000)}`;
    expect(bodyLanguage(huge)).toBe('en');
    expect(detectLanguage(null)).toBeNull();
    expect(bodyLanguage('')).toBeNull();
  });

  // A reply token's letters on the second line of Gmail's wrapped attribution were read as the author's words: franc
  // called « talks+s-p0002-ujv-xhdppuwtwld4aj5a@pgug.example.org wrote: » French, so an English speaker's « help »
  // got a French transcript — and whether it did hung on the token's random letters.
  it.each(['s-p0002-ujv-xhdppuwtwld4aj5a', 'o-p0007-ukq-mbzq3w7y2ks1dxfa', 's-p0042-uka-aeiouaeiouaeioua', 'o-p0013-ujz-lemnrstvlesdesla'])(
    'a bare verb over Gmail’s attribution wrapped before its token address (%s) says no language: the quoted mail does not decide it',
    (token) => {
      const en = `help\n\nOn Tue, Dec 1, 2026 at 10:02 PM PostgreSQL Paris\n<talks+${token}@pgug.example.org> wrote:\n\n${quoted(EN_QUOTE)}\n`;
      expect(bodyLanguage(en)).toBeNull();
      const fr = `accepter\n\nLe mar. 1 déc. 2026 à 22:02, PostgreSQL Paris\n<talks+${token}@pgug.example.org> a écrit :\n\n${quoted(FR_QUOTE)}\n`;
      expect(bodyLanguage(fr)).toBeNull();
      // what the author wrote still decides
      expect(bodyLanguage(`Thanks, I will be there.\n\nOn Tue, Dec 1, 2026 at 10:02 PM PostgreSQL Paris\n<talks+${token}@pgug.example.org> wrote:\n\n${quoted(FR_QUOTE)}\n`)).toBe('en');
    },
  );

  it('is what `crieur parse` reports as the message language', async () => {
    const body = `Thanks, I will be there with two colleagues. Is there parking nearby?\n\nDe : PostgreSQL Paris <talks@pgug.example.org>\nEnvoyé : lundi 3 mars 2025 09:00\nÀ : John Miller <john@example.com>\nObjet : Meetup du 10 avril\n\n${FR_QUOTE}`;
    const out = await parseRawMessage(raw({ subject: 'RE: Meetup du 10 avril', body }), ctx, mailparserReader);
    expect(out.ok && out.result.language).toBe('en');
  });
});

// held-out audit x: an English proposal from a French bank read fr — its legal notice outweighed what its employee wrote
describe('a company’s legal notice under the text says nothing of the author’s language', () => {
  const FR_NOTICE =
    "Ce message et toutes les pièces jointes sont confidentiels et établis à l'intention exclusive de ses destinataires. Toute utilisation ou diffusion non autorisée est interdite. Tout message électronique est susceptible d'altération. La banque décline toute responsabilité au titre de ce message s'il a été altéré, déformé ou falsifié.";
  const EN_NOTICE =
    'This e-mail and any attachments are confidential and intended solely for the addressee. If you have received it in error, please notify the sender immediately and delete it. Any unauthorised use, disclosure or copying is strictly prohibited and may be unlawful.';
  it.each([
    [`Hi,\n\nI'd like to present how we audit every DDL statement with event triggers, about 25 minutes.\n\nBest regards,\nTom Perrin\n\n${FR_NOTICE}`, 'en'],
    [`Bonjour,\n\nJe voudrais présenter nos déclencheurs d'événements pour auditer le DDL, 25 minutes.\n\nCordialement,\nTom Perrin\n\n${EN_NOTICE}`, 'fr'],
    // nothing else written: the notice is all there is to read
    [FR_NOTICE, 'fr'],
  ])('%#', (text, lang) => {
    expect(bodyLanguage(text)).toBe(lang);
  });
});
