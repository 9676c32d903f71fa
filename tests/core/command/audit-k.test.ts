/**
 * Audit K (held-out replies written by real mail clients, run end to end before any fix): the rules each wrong answer
 * showed missing. Every test fails without its rule.
 */
import { describe, expect, it } from 'vitest';
import { readMail } from '../../../src/adapters/mailparser.ts';
import { authenticate } from '../../../src/core/command/authenticate.ts';
import { readCommands } from '../../../src/core/command/read.ts';
import type { ReadOptions } from '../../../src/core/command/types.ts';
import { mintToken } from '../../../src/core/tokens.ts';
import { summary } from './summary.ts';
import { postText } from '../../../src/core/digest/post-text.ts';

const opts: ReadOptions = { now: new Date('2026-12-01T15:00:00Z'), timeZone: 'Europe/Paris', locale: 'fr' };
const asOrganizer = (text: string) => readCommands(text, { ...opts, role: 'organizer' });
const asSpeaker = (text: string) => readCommands(text, { ...opts, role: 'speaker' });

const OUTLOOK_BLOCK =
  'De : PostgreSQL Paris <talks+o-p0045-uju-fq4waus52isdyij3@pgug.example.org>\nEnvoyé : mardi 1 décembre 2026 17:02\nÀ : Dimitri Fontaine <dim@example.org>\nObjet : [P-0045] Nouvelle proposition : Partitionnement\n\nUne nouvelle proposition vient d\'arriver.';

describe('a legal notice under the signature is no message (K26)', () => {
  it.each([
    'Accept\nDimitri Fontaine\nHead of Programme, PostgreSQL Paris\n\nCONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and may be privileged. If you are not the intended recipient, please notify the sender immediately and delete it from your system.',
    "Accepter\n\nDim\n\nCe message et toutes les pièces jointes sont confidentiels et établis à l'intention exclusive de ses destinataires. Toute utilisation non autorisée est interdite.",
    'Accept\n\nDim\nSenior DBA\n\nThis email and any files transmitted with it are confidential and intended solely for the use of the individual to whom they are addressed.',
    'Accepter\n\nDim\nAvertissement : ce courriel peut contenir des informations confidentielles.',
    'Accept\n\nPlease consider the environment before printing this e-mail.',
  ])('%j', (text) => {
    const r = asOrganizer(text);
    expect(r.commands.map(summary)).toEqual(['accept']);
    expect(r.comment).toBe('');
  });

  it('a message above the notice is kept, the notice is not', () => {
    const r = asSpeaker("Je serai en retard d'un quart d'heure.\n\nJean\n\nCONFIDENTIALITY NOTICE: This e-mail is confidential.");
    expect(r.comment).toContain("Je serai en retard d'un quart d'heure.");
    expect(r.comment).not.toContain('CONFIDENTIALITY');
  });
});

describe('a label that is no legal notice (whole-change reading)', () => {
  it.each([
    ["Accepter\n\nAvertissement : il a annulé deux fois l'an dernier.", 'organizer', "Avertissement : il a annulé deux fois l'an dernier."],
    ['Merci !\n\nConfidential: I will be changing employers next month, please keep this between us.', 'speaker', 'Confidential: I will be changing employers'],
    ['Thanks, see you there!\n\nThis message is confidential until the CFP closes: I will also submit to PGConf.', 'speaker', 'I will also submit to PGConf.'],
  ] as const)('%j keeps its message', (text, role, kept) => {
    expect(readCommands(text, { ...opts, role }).comment).toContain(kept);
  });

  it('a digest keeps a post after its « Disclaimer: »', () => {
    const post = 'Hi all,\n\nDisclaimer: I work for the company that develops pgBackRest.\n\nThat said, incremental backups in 17 change the picture.\n\nBest,\nAnna';
    expect(postText(post)).toContain('incremental backups in 17');
  });
});

describe('the history under the new text (K43, K30)', () => {
  it("an HTML reply's <hr> over the quoted header block (html-to-text's rule of dashes) leaves « Merci pour la réactivité ! » courtesy", () => {
    const r = asOrganizer(`Merci pour la réactivité !\n\n\n----------------------------------------\n\n${OUTLOOK_BLOCK}`);
    expect(r).toMatchObject({ commands: [], comment: '', courtesy: true });
  });

  it('Outlook Express’s « ----- Original Message ----- » joined to its From: line by format=flowed is the history', () => {
    const r = asOrganizer(
      'Refuser : le sujet a déjà été traité l’an dernier\n\n----- Original Message ----- From: "PostgreSQL Paris" <talks+o-p0033-x@pgug.example.org>\nTo: <dim@example.org>\nSent: Tue, 1 Dec 2026 17:02:25 +0100\nSubject: [P-0033] Nouvelle proposition\n\n\nUne nouvelle proposition vient d\'arriver.',
    );
    expect(r.commands.map(summary)).toEqual(['decline «le sujet a déjà été traité l’an dernier»']);
    expect(r.comment).toBe('');
  });

  it('the same separator in a format=flowed body, as Windows Live Mail sends it, decoded by the reader', async () => {
    const raw = [
      'From: Dimitri Fontaine <dim@example.org>',
      'To: talks@pgug.example.org',
      'Subject: Re: [P-0033] Nouvelle proposition',
      'Message-ID: <1@pcdim>',
      'Content-Type: text/plain; format=flowed; charset="windows-1252"; reply-type=original',
      'Content-Transfer-Encoding: 8bit',
      '',
      'Refuser : trop commercial',
      '',
      '----- Original Message ----- ',
      'From: "PostgreSQL Paris" <talks+o-p0033-x@pgug.example.org>',
      'To: <dim@example.org>',
      'Subject: [P-0033] Nouvelle proposition',
      '',
      'Une nouvelle proposition vient d\'arriver.',
      '',
    ].join('\r\n');
    const m = await readMail(Buffer.from(raw, 'latin1'));
    const r = asOrganizer(m.text ?? '');
    expect(r.commands.map(summary)).toEqual(['decline «trop commercial»']);
    expect(r.comment).toBe('');
  });
});

describe("the writer's own label before the verb (K33)", () => {
  it.each<[string, string[]]>([
    ['Bonjour,\n\nMa décision : accepter\n\nBonne journée,\nDim', ['accept']],
    ['My decision: decline, not for this audience', ['decline «not for this audience»']],
    ['Notre réponse : attente', ['waitlist']],
    ['Final decision: accept', ['accept']],
    ['Décision finale : refuser', ['decline']],
  ])('%j', (text, expected) => {
    expect(asOrganizer(text).commands.map(summary)).toEqual(expected);
  });

  it('a label over a sentence is still prose', () => {
    expect(asOrganizer("Ma décision : j'hésite encore, on en parle jeudi").commands).toEqual([]);
  });
});

describe('« pour l’instant » says no more than a waiting list (K36)', () => {
  it.each(['En attente pour l’instant', "liste d'attente pour le moment", 'Waitlist for now, thanks', 'waitlist for the time being 👍', 'En attente pour l’heure.'])('%j', (text) => {
    expect(asOrganizer(text).commands.map(summary)).toEqual(['waitlist']);
  });

  it.each(["En attente pour l'instant, on en reparle jeudi avec Lucie", 'Accepté pour le moment', 'ok for now', "Waitlist for now? Let's see"])('still prose: %j', (text) => {
    expect(asOrganizer(text).commands).toEqual([]);
  });
});

describe('a labelled reason under a bare decline is its reason (K49)', () => {
  it.each<[string, string]>([
    ['Refuser\n\nRaison : nous avons déjà deux talks sur Patroni ce trimestre.', 'nous avons déjà deux talks sur Patroni ce trimestre.'],
    ['Decline\nReason: we had three talks on this topic this year', 'we had three talks on this topic this year'],
    ['refuser\nMotif : trop commercial,\nle produit est cité à chaque diapositive.\n\nDim', 'trop commercial,\nle produit est cité à chaque diapositive.'],
  ])('%j', (text, reason) => {
    const r = asOrganizer(text);
    expect(r.commands.map((c) => [c.verb, c.text])).toEqual([['decline', reason]]);
    expect(r.comment).toBe('');
  });

  it('a labelled reason that wonders holds the decision, as on the line', () => {
    expect(asOrganizer('Refuser\nRaison : à voir avec Claire ?').commands).toEqual([]);
  });

  it('an unlabelled line under a bare decline stays the comment for the organizers', () => {
    const r = asOrganizer('Refuser\n\nOn en a parlé jeudi, Claire est d’accord.');
    expect(r.commands.map(summary)).toEqual(['decline']);
    expect(r.comment).toBe('On en a parlé jeudi, Claire est d’accord.');
  });

  it('a decline that has its reason keeps it', () => {
    expect(asOrganizer('refuser trop commercial\nRaison : voir la note de Claire').commands.map(summary)).toEqual(['decline «trop commercial»']);
  });
});

describe("a speaker's acknowledgement before his verb (S53)", () => {
  it.each(["C'est noté, je confirme !", 'C’est bien noté, je confirme.', 'Noted, I confirm.', 'Entendu, je confirme', 'Avec plaisir, je confirme !', 'Got it, confirmed.'])('%j', (text) => {
    const r = asSpeaker(`${text}\n\nJean`);
    expect(r.commands.map(summary)).toEqual(['confirm']);
    expect(r.comment).toBe('');
  });

  it('before an organizer verb it is still an answer, not a decision', () => {
    expect(asOrganizer('Noté, accepter').commands).toEqual([]);
  });
});

describe('a wish or a request before a speaker’s verb and its object (S67, S68)', () => {
  it.each<[string, string[]]>([
    ["Please withdraw my proposal, I've changed jobs.", ["withdraw «I've changed jobs.»"]],
    ['Je souhaite retirer ma proposition.', ['withdraw']],
    ['Bonjour,\n\nJe souhaiterais retirer ma candidature.\n\nCordialement,\nJean Dupont', ['withdraw']],
    ['Merci de retirer ma proposition.', ['withdraw']],
    ["I'd like to withdraw my talk.", ['withdraw']],
    ['Retirer ma proposition', ['withdraw']],
    ['Je voudrais confirmer ma participation.', ['confirm']],
    ["I'd like to confirm my attendance!", ['confirm']],
  ])('%j', (text, expected) => {
    expect(asSpeaker(text).commands.map(summary)).toEqual(expected);
  });

  it.each([
    'Je souhaite retirer la partie sur Citus',
    'Please confirm the date',
    'Je souhaite retirer ma proposition si le créneau change.',
    'I would like to withdraw my proposal?',
    'Je ne souhaite pas retirer ma proposition.',
    // before `confirm`: an obligation, an intention, a request to the organizers, or a wish with a reservation
    'Je dois confirmer ma participation avec mon employeur.',
    'Please confirm my participation.',
    'Please confirm my talk is still on for March.',
    'I would like to confirm my attendance, but I need to check with my manager first.',
    'Je voudrais confirmer ma présence, je vous redis demain.',
  ])('still a message: %j', (text) => {
    expect(asSpeaker(text).commands).toEqual([]);
  });

  it("an organizer's « Je souhaite annuler ma participation » withdraws nothing", () => {
    expect(asOrganizer('Je souhaite annuler ma participation').commands).toEqual([]);
  });
});

describe('a question addressed before its colon (K46)', () => {
  it.each<[string, string]>([
    ["Question pour l'orateur : peut-il venir avec un collègue ?", 'peut-il venir avec un collègue ?'],
    ['Question for the speaker: could you do it in 20 minutes?', 'could you do it in 20 minutes?'],
    ['Question aux orateurs : avez-vous une démo ?', 'avez-vous une démo ?'],
    ['ask the speakers: slides in English?', 'slides in English?'],
  ])('%j', (text, question) => {
    expect(asOrganizer(text).commands.map((c) => [c.verb, c.text])).toEqual([['ask', question]]);
  });

  it('a question naming someone else keeps its words', () => {
    expect(asOrganizer('Question : pour Lucie, est-ce que la salle est libre ?').commands.map((c) => c.text)).toEqual(['pour Lucie, est-ce que la salle est libre ?']);
  });
});

describe('a Message-ID folded inside by the client (S62)', () => {
  it('References folded in the middle of the token still authenticate the reply', async () => {
    const now = new Date('2026-12-01T16:00:00Z');
    const token = mintToken('k-secret', { purpose: 'organizer', ref: 'P-0061' }, 'dim@example.org', now);
    const id = `${token}.eb548346d2bf@pgug.example.org`;
    const raw = [
      'From: Dimitri Fontaine <dim@example.org>',
      'To: talks@pgug.example.org',
      'Subject: RE: [P-0061] Nouvelle proposition',
      'Message-ID: <x@outlook.example>',
      `References: <${id.slice(0, 12)}`,
      ` ${id.slice(12)}>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Accepter',
      '',
    ].join('\r\n');
    const m = await readMail(Buffer.from(raw));
    expect(m.references).toEqual([`<${id}>`]);
    const auth = authenticate(m, { secret: 'k-secret', organizers: ['dim@example.org'], now, maxAgeDays: 120 });
    expect(auth).toMatchObject({ ok: true, role: 'organizer', token: { ref: 'P-0061' } });
  });

  it('In-Reply-To is its bracketed id, not the words around it', async () => {
    const raw = 'From: a@example.org\r\nTo: b@example.org\r\nSubject: x\r\nIn-Reply-To: Your message of Tue, 1 Dec 2026\r\n <abc@example.org>\r\n\r\nhi\r\n';
    expect((await readMail(Buffer.from(raw))).inReplyTo).toBe('<abc@example.org>');
  });
});
