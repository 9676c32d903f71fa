/**
 * Every fixture in tests/fixtures/parse is a raw message as a reviewer met it in real mail, parsed whole
 * (`parseRawMessage`, the classification chain included); its `.expected.json` is a subset of the SPEC result:
 * - s02: a short English reply above a French Outlook "De : … Envoyé : … Objet :" block (no ">") is English;
 * - q05: an out-of-office text with no auto-reply header and an "RE:" subject is an auto-reply;
 * - q06: Unix vacation(1)'s notice ("away from my mail", Precedence: bulk, a return path) to a reply-token address is an auto-reply;
 * - s04: Yahoo's text bounce "554: delivery error: dd This user doesn't have a yahoo.fr account" has a status.
 * - b12, x07: a home-grown bounce written to a VERP bounce address (x07 quoting our call for proposals) is a bounce, never a proposal;
 * - x08: the same with a null reverse-path under a From, written to the inbox, is an auto-reply (never answered either).
 * - s20: La Poste's French text bounce (« Message non délivré », « boîte aux lettres inconnue », no SMTP code, no copy) from mailer-daemon is a bounce, 5.1.1.
 * - s21, s22, s23: text-only notices in Spanish (Outlook « No se puede entregar: » over « Error en la entrega a estos destinatarios »),
 *   French (Exchange « Remise différée : » over « Ce message n'a pas encore été remis », a delay) and « Message refusé » (« a été
 *   refusé par le serveur destinataire : 554 5.7.1 ») are bounces, not auto-replies.
 * - s24: Postfix's delay warning in French text (« Ceci est le logiciel de courrier de … », « Courrier retardé (toujours en
 *   cours de tentative) », no code, no copy) is a bounce, delayed — not an auto-reply (held-out audit x).
 * - m01: a webmail's proposal whose « Content-Type: multipart/alternative; » lost its boundary is read from its parts, and says so.
 * - h01, h02, h03: the offer and its title on one line after a colon (« Je vous propose une présentation : *Les verrous…* »,
 *   OWA's « présentation&nbsp;: Superviser … », "a talk for the PostgreSQL Lyon meetup: "Change data capture …"") name the title (held-out audit p).
 * - h04: "CFP submission – Postgres operators compared": the lead-in is « CFP submission », the title what follows the dash.
 * - h05: "Proposal: move the meetups to Wednesdays?" over a suggestion that names the talks in passing is no proposal.
 * - h06: "I'm proposing an hour-long session, "Hands-on pgvector: …"" offers a talk and names it (the -ing form, a session).
 * - h07: Zendesk's "[Request received] Room booking for April meetup" ("Your request (4471) has been received", no auto-reply header) is an auto-reply.
 * - h08: « ma proposition « Réplication logique : les pièges » » under « Proposition : réplication logique » is the whole title (RFC 2231 file name kept).
 * - h09: Thunderbird-like format=flowed text whose « Bonjour, ␠ » (a typed trailing space) is followed by an empty line: « Titre : »
 *   and « Durée : » are lines of their own, the signature is no part of the abstract (RFC 3676, held-out audit).
 * - h10: a webmail's UTF-8 text labelled iso-8859-1 (« prÃ©sentation Â« … Â» ») is read as UTF-8, and said (held-out audit 4).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mailparserReader } from '../../src/adapters/mailparser.ts';
import { parseRawMessage } from '../../src/app/parse-message.ts';
import type { ParseContext } from '../../src/types.ts';

const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: 'fixtures-secret' };
const dir = new URL('../fixtures/parse/', import.meta.url).pathname;
const files = readdirSync(dir).filter((f) => f.endsWith('.eml')).sort();

describe('parse fixtures (real mail, whole parse)', () => {
  it('has some', () => expect(files.length).toBeGreaterThanOrEqual(3));

  it.each(files)('%s', async (file) => {
    const expected = JSON.parse(readFileSync(join(dir, file.replace(/\.eml$/, '.expected.json')), 'utf8')) as Record<string, unknown>;
    const out = await parseRawMessage(readFileSync(join(dir, file)), ctx, mailparserReader);
    expect(out.ok).toBe(true);
    if (out.ok) expect(out.result).toMatchObject(expected);
  });
});
