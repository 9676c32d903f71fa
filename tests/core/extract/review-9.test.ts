/**
 * Review of parse audit 9 (314f34f … eb11ec1): what its rules made worse, in mail its own rows did not try — a yes to an
 * organizer's question that invites no talk, a group's name in a subject's brackets, a shared mailbox's address as the
 * name, emoji cut apart, a length that is part of the title. Each row was read wrongly after the audit, rightly before it.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/core/classify/index.ts';
import { extractProposal } from '../../../src/core/extract/index.ts';
import { cleanName } from '../../../src/core/text/names.ts';
import { mail } from '../classify/build.ts';

const ctx = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: null };

async function read(from: string, subject: string, body: string, headers: Record<string, string> = {}) {
  const m = await mail({ from, subject, body, headers });
  const kind = classify(m, ctx).kind;
  if (kind !== 'proposal') return { kind };
  const p = extractProposal(m, ctx).proposal;
  return { kind, title: p.title, minutes: p.durationMinutes, speakers: p.speakers.map((s) => `${s.name} <${s.email}>`) };
}

describe("a yes to an organizer's question that invites no talk is no proposal (subject.ts INVITATION, INVITED_TO_ELSE)", () => {
  const irt = { 'In-Reply-To': '<orga-1@example.org>' };
  it.each([
    ["Re: Ça te dirait de faire l'accueil jeudi ?", 'Oui, avec plaisir ! Je serai là dès 18h pour accueillir les speakers.\n\nPaul\n'],
    ['Re: Vous nous présenteriez votre offre de sponsoring ?', 'Bonjour,\n\nOui bien sûr ! Nous avons trois formules de sponsoring : pizzas, salle, goodies.\nJe peux vous présenter tout ça en 10 minutes au téléphone.\n\nJulie\n'],
    ['Re: Dispo pour une présentation commerciale ?', 'Oui, bien sûr : mardi 14h ?\n\nMarc\n'],
    ['Re: Tu nous ferais une présentation du budget à la réunion ?', 'Oui, je prépare un tableau pour jeudi.\n\nPaul\n'],
    ['Re: Up for doing a presentation of the venue to the sponsors?', 'Yes, happy to. I will show them the room on Tuesday.\n\nSam\n'],
    ['Re: Fancy giving a presentation of your open roles at the meetup?', 'Yes! Happy to present our open DBA roles for 5 minutes before the talks.\n\nTom\nTalent Partner\n'],
  ])('%s', async (subject, body) => {
    expect((await read('Paul Roy <paul.roy@example.com>', subject, body, irt)).kind).not.toBe('proposal');
  });

  it.each([
    // guards: an invitation to speak on a topic of the speaker's is still one
    ['Re: Ça vous dirait de présenter votre migration en mars ?'],
    ['Re: Fancy giving a presentation on your migration?'],
    // …whatever its topic: a talk on hiring, « un talk sur le recrutement » is a talk
    ['Re: Fancy giving a talk on hiring DBAs?'],
    ['Re: Dispo pour un talk sur le recrutement ?'],
  ])('%s (guard)', async (subject) => {
    const r = await read('Paul Roy <paul.roy@example.com>', subject, 'Oui, avec plaisir ! Je propose « Trente ans de SQL en trente minutes », 30 minutes.\n\nPaul\n', irt);
    expect(r).toMatchObject({ kind: 'proposal', title: 'Trente ans de SQL en trente minutes' });
  });
});

describe("a group's name in a subject's brackets is no proposal's tag (subject.ts GROUP_TAG)", () => {
  it.each([
    ['[Meetup PostgreSQL Paris] Question sur le prochain meetup', 'Bonjour,\n\nEst-ce que les talks seront filmés jeudi ? Je ne pourrai pas venir.\n\nMerci,\nPaul\n'],
    ['[PostgreSQL-fr] Sortie de PostgreSQL 17.2', 'Bonjour,\n\nPostgreSQL 17.2 est sorti. Présentation des nouveautés au prochain meetup ?\n\nPaul\n'],
    ['[Meetup PostgreSQL Paris] Sondage : quel sujet pour mars ?', "Bonjour à tous,\n\nVotez pour le thème du talk de mars : réplication, partitionnement ou JSONB ?\nhttps://framadate.example.org/xyz\n\nL'équipe\n"],
  ])('%s', async (subject, body) => {
    expect((await read('Paul Roy <paul.roy@example.fr>', subject, body)).kind).not.toBe('proposal');
  });

  it.each([
    // guards: a lead-in after the group's name, a lead-in in brackets
    ['[Meetup PostgreSQL Paris] Proposition : Les index partiels', 'Les index partiels'],
    ['[Meetup talk proposal] Les index partiels', 'Les index partiels'],
  ])('%s (guard)', async (subject, title) => {
    expect(await read('Marc Lenoir <marc.lenoir@exemple.fr>', subject, 'Bonjour,\n\nJe propose 20 minutes sur les index partiels.\n\nMarc\n')).toMatchObject({ kind: 'proposal', title });
  });
});

describe("a shared mailbox's address as the name yields to the first name signed (speakers.ts fullerAddress)", () => {
  it.each([
    ['contact.presse <contact.presse@exemple.fr>', 'Marc', 'Marc <contact.presse@exemple.fr>'],
    ['asso.pgparis <asso.pgparis@gmail.com>', 'Priya', 'Priya <asso.pgparis@gmail.com>'],
    ['Equipe.Data <equipe.data@exemple.fr>', 'Sophie', 'Sophie <equipe.data@exemple.fr>'],
    ['secretariat.dsi <secretariat.dsi@collectivite.fr>', 'Sophie', 'Sophie <secretariat.dsi@collectivite.fr>'],
    // guard (audit 9): the first name signed is one of the address's words
    ['Marc.Lenoir <marc.lenoir@exemple.fr>', 'Marc', 'Marc Lenoir <marc.lenoir@exemple.fr>'],
  ])('%s signed %s', async (from, signed, speaker) => {
    expect((await read(from, 'Proposition : Les index partiels', `Bonjour,\n\nJe propose 20 minutes sur les index partiels.\n\nCordialement,\n${signed}\n`)).speakers).toEqual([speaker]);
  });
});

describe('an emoji goes whole from a display name, a script\'s own joiner stays (names.ts EMOJI)', () => {
  it.each([
    ['Marc Lenoir 👍🏽', 'Marc Lenoir'],
    ['Marc Lenoir 🇫🇷', 'Marc Lenoir'],
    ['Maria 🏳️‍🌈 Rossi', 'Maria Rossi'],
    ['ශ්‍රියානි පෙරේරා', 'ශ්‍රියානි පෙරේරා'],
    // guards
    ['Marc Lenoir 🐘', 'Marc Lenoir'],
    ['Marc Lenoir ©', 'Marc Lenoir ©'],
  ])('%s → %s', (raw, name) => expect(cleanName(raw)).toBe(name));
});

describe("a length that is part of the title stays in it (extract/index.ts lengthTailCut)", () => {
  it.each([
    // quoted whole by the writer
    ['Jean Dupont <jean.dupont@exemple.fr>', 'Proposition de talk', "Bonjour,\n\nJe propose « Une requête, une heure », 45 minutes : le récit d'une requête lente disséquée pas à pas.\n\nJean\n", 'Une requête, une heure', 45],
    ['Rose Clark <rose.clark@example.com>', 'Talk proposal: "Zero to replica - 10 minutes"', 'Hi,\n\nA live demo building a streaming replica from scratch, 30 minutes.\n\nRose\n', 'Zero to replica - 10 minutes', 30],
    ['Rose Clark <rose.clark@example.com>', 'Talk proposal', 'Hi,\n\nI\'d like to present "One index, five minutes" as a lightning talk: how a single partial index saved our batch job.\n\nRose\n', 'One index, five minutes', 5],
    // a labelled length says another
    ['Jean Dupont <jean.dupont@exemple.fr>', 'Proposition de talk', "Bonjour,\n\nTitre : Backup, restore, 15 minutes\nDurée : 30 minutes\nRésumé : Restaurer 2 To en un quart d'heure, c'est possible.\n\nJean\n", 'Backup, restore, 15 minutes', 30],
    // guards (audit 9): the slot's length after an unquoted title goes
    ['Rose Clark <rose.clark@example.com>', 'Talk proposal', "Hi,\n\nI'd like to propose a talk: Advisory locks for job queues, 20 minutes.\n\nRose\n", 'Advisory locks for job queues', 20],
    ['Jean Dupont <jean.dupont@exemple.fr>', 'Proposition de talk', 'Bonjour,\n\nTitre : Les verrous consultatifs, 20 minutes\nDurée : 20 minutes\n\nJean\n', 'Les verrous consultatifs', 20],
  ])('%s / %s', async (from, subject, body, title, minutes) => {
    expect(await read(from, subject, body)).toMatchObject({ kind: 'proposal', title, minutes });
  });
});
