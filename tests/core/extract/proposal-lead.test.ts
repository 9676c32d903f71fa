/**
 * « Proposal: "X" … » with nothing else labelled (review of 62e221a and 57a5de6): a bare label over a quoted title is
 * an offer when the quote is a title — it ends its sentence or line, the line names a talk, or the title (a capital, a
 * digit) is followed by its length — and not when something else is proposed (a date, a name, a place).
 */
import { describe, expect, it } from 'vitest';
import { extractProposal, looksLikeProposal } from '../../../src/core/extract/index.ts';
import type { ParseContext } from '../../../src/types.ts';
import { mail } from '../classify/build.ts';

const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: 's3cret' };

describe('a bare "Proposal:" over a quoted title and its length', () => {
  it.each([
    ['For the next meetup', 'Hi organizers,\n\nProposal: "Postgres on Raspberry Pi clusters" - 20 minutes, live with three Pis and Patroni.\n\nLukas', 'Postgres on Raspberry Pi clusters', 20],
    ['Prochain meetup', 'Bonjour,\n\nMa proposition : « Le MVCC sans douleur », 25 min environ, en direct avec psql.\n\nChloé', 'Le MVCC sans douleur', 25],
    // held-out audit c: the label inside a sentence (« here is my proposal: », « voici ma proposition : »), and a title
    // opening on a tool's name (pg_repack, pgBackRest) as a capital would
    ['For the PG meetup', 'Hi Dimitri,\n\nFollowing our chat at PGConf, here is my proposal: "pg_repack without fear", 20 minutes. How it works, the locks it still takes.\n\nYuki', 'pg_repack without fear', 20],
    ['Pour le meetup', 'Bonjour,\n\nComme promis, voici ma proposition : « pgBackRest en multi-dépôts », 30 min, retour de deux ans de production.\n\nHugo', 'pgBackRest en multi-dépôts', 30],
  ])('%s: a proposal', async (subject, body, title, minutes) => {
    const m = await mail({ subject, body });
    expect(looksLikeProposal(m)).toBe(true);
    expect(extractProposal(m, ctx).proposal).toMatchObject({ title, durationMinutes: minutes });
  });
  it.each([
    ['Venue for January', 'Hi all,\n\nMy proposal: "the usual bar" again, 20 minutes walk from the station, and it has a projector.\n\nMarc'],
    ['Horaires', 'Salut,\n\nProposition : « on commence à 19h » et on garde 10 min pour les annonces.\n\nMarc'],
    ['Venue for January', 'Hi all,\n\nHere is my proposal: "the usual bar" again, 20 minutes walk from the station, and it has a projector.\n\nMarc'],
    ['Horaires', 'Salut,\n\nVoici ma proposition : « on commence à 19h » et on garde 10 min pour les annonces.\n\nMarc'],
    // review of 362cdfc: a place whose name opens on a capital, its length a way there
    ['Re: venue for the next meetup', 'Hi all,\n\nHere is my proposal: "Chez Paul", 20 minutes walk from the station, they have a room for 40.\n\nPaul'],
    ['Lieu', 'Salut,\n\nMa proposition : « Le Comptoir », 10 min à pied de la gare, avec une salle à l’étage.\n\nMarc'],
  ])('%s: not a proposal', async (subject, body) => {
    expect(looksLikeProposal(await mail({ subject, body }))).toBe(false);
  });
});
