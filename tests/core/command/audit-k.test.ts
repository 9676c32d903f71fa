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
