/**
 * Held-out parse audit 8: mail written before reading the rules, each case below wrongly filed or wrongly read before.
 * Rows vary the wording of what the audit found, so that each shows a rule, not one message.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/core/classify/index.ts';
import { extractProposal } from '../../../src/core/extract/index.ts';
import { mail, withAttachment } from '../classify/build.ts';
import { proposalReader } from './read.ts';

const ctx = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: null };

const read = proposalReader(['title', 'minutes', 'format', 'speakers'], { speakers: 'addresses' });

describe('a co-speaker named after « avec », "with" opening the sentence is no one called « Avec … » who sends the talk on (text/names.ts NOT_A_NAME_OPENER)', () => {
  const writer = 'Nicolas Henry <nicolas.henry@gmail.com>';
  it.each([
    ['Proposition de talk', 'Bonjour,\n\nAvec Pauline Simon (pauline.simon@gmail.com), on aimerait présenter « Citus : sharder sans douleur » en 30 minutes, à deux voix.\n\nNicolas\n'],
    ['Talk proposal', 'Hi,\n\nWith Pauline Simon (pauline.simon@gmail.com), we would like to present "Citus without pain", 30 minutes.\n\nNicolas\n'],
    ['Proposition', 'Bonjour,\n\nAvec Pauline Simon <pauline.simon@gmail.com> nous aimerions vous proposer « Citus : sharder sans douleur » (30 min).\n\nNicolas\n'],
  ])('%s: %s', async (subject, body) => {
    expect((await read(writer, subject, body)).speakers).toEqual([writer, 'Pauline Simon <pauline.simon@gmail.com>']);
  });

  it.each([
    // guards: a colleague named as the one who would present is still the speaker, the writer passing it on
    ['Proposition de talk', 'Bonjour,\n\nPauline Simon (pauline.simon@gmail.com) aimerait présenter « Citus : sharder sans douleur » en 30 minutes.\n\nNicolas\n', ['Pauline Simon <pauline.simon@gmail.com>']],
    ['Proposition de talk', 'Bonjour,\n\nOn aimerait présenter « Citus : sharder sans douleur » en 30 minutes, avec Pauline Simon (pauline.simon@gmail.com).\n\nNicolas\n', [writer, 'Pauline Simon <pauline.simon@gmail.com>']],
  ])('%s (guard): %s', async (subject, body, speakers) => {
    expect((await read(writer, subject, body)).speakers).toEqual(speakers);
  });
});

describe('the short format by its French name is a lightning talk (formats.ts LIGHTNING_PHRASES: « présentation courte », « talk court », « courte intervention »)', () => {
  const writer = 'Paul Mercier <paul.mercier@orange.fr>';
  it.each([
    ['présentation courte sur les advisory locks', "Bonsoir,\n\nJe peux faire une présentation courte sur les advisory locks, comment on s'en sert pour orchestrer des jobs.\nTitre : Les advisory locks comme ordonnanceur\n\nPaul\n", 5],
    ['Proposition', 'Bonsoir,\n\nJe vous propose un talk court : « Les advisory locks comme ordonnanceur ».\n\nPaul\n', 5],
    ['Proposition', 'Bonsoir,\n\nJe vous propose une courte intervention : « Les advisory locks comme ordonnanceur », une dizaine de minutes.\n\nPaul\n', 10],
    ['Proposition pour janvier', 'Bonsoir,\n\nTitre : Les advisory locks comme ordonnanceur\nFormat : exposé court\n\nPaul\n', 5],
  ])('%s: %s', async (subject, body, minutes) => {
    expect(await read(writer, subject, body)).toMatchObject({ kind: 'proposal', format: 'lightning', minutes });
  });

  it.each([
    // guards: a short talk whose length no lightning talk has stays a talk; a talk not said short is one
    ['Proposition', 'Bonsoir,\n\nJe vous propose une présentation courte, 20 minutes : « Les advisory locks comme ordonnanceur ».\n\nPaul\n', 20],
    ['Proposition', 'Bonsoir,\n\nJe vous propose une présentation : « Les advisory locks comme ordonnanceur ».\n\nPaul\n', 45],
  ])('%s (guard): %s', async (subject, body, minutes) => {
    expect(await read(writer, subject, body)).toMatchObject({ kind: 'proposal', format: 'talk', minutes });
  });
});

describe('a quoted title after a talk word ending or opening on an accented letter (prose-title.ts QUOTED_NEAR_TALK: « exposé », « éclair »)', () => {
  const writer = 'Lucas Fontaine <lucas.fontaine@gmail.com>';
  it.each([
    ['Un éclair pour janvier ?', 'Hello,\n\nSi vous avez de la place, je ferais bien un éclair de 5 minutes sur « pg_cron pour les nuls ».\n\nLucas\n', 'lightning'],
    ['Proposition', 'Bonjour,\n\nJe ferais bien un exposé sur « pg_cron pour les nuls », une vingtaine de minutes.\n\nLucas\n', 'talk'],
    ['Pour le meetup de mars', 'Bonjour,\n\nJe vous propose un petit exposé « pg_cron pour les nuls », dix minutes.\n\nLucas\n', 'lightning'],
  ])('%s: %s', async (subject, body, format) => {
    expect(await read(writer, subject, body)).toMatchObject({ kind: 'proposal', title: 'pg_cron pour les nuls', format });
  });

  it.each([
    // guards: the words that worked before still do
    ['Proposition', 'Bonjour,\n\nJe ferais bien une présentation sur « pg_cron pour les nuls ».\n\nLucas\n'],
    ['Proposition', 'Bonjour,\n\nJe ferais bien une intervention sur « pg_cron pour les nuls ».\n\nLucas\n'],
  ])('%s (guard): %s', async (subject, body) => {
    expect(await read(writer, subject, body)).toMatchObject({ kind: 'proposal', title: 'pg_cron pour les nuls' });
  });
});

describe("« Je propose : <titre> » opening its line labels the title among the talk's fields (score.ts OFFER_AS_LABEL, prose-title.ts BARE_OFFER_LINE)", () => {
  const writer = 'Gaëlle Perrin <gaelle.perrin@wanadoo.fr>';
  it.each([
    ['Sujet pour le meetup', "Bonjour,\n\nJe propose : Mise en œuvre de la haute disponibilité avec pg_auto_failover\nDurée : 25 minutes\nC'est un retour d'expérience de notre équipe.\n\nGaëlle\n", 'Mise en œuvre de la haute disponibilité avec pg_auto_failover', 25],
    ['Meetup de mars', "Bonjour,\n\nJe vous propose : Patroni sur trois datacenters\nRésumé : deux ans d'exploitation, trois bascules, ce qu'on a appris.\n\nGaëlle\n", 'Patroni sur trois datacenters', 45],
    ['PG Paris', 'Hello,\n\nI submit: Understanding WAL from INSERT to archive\nDuration: 30 minutes\n\nKarl\n', 'Understanding WAL from INSERT to archive', 30],
    ['Sujet pour le meetup', 'Bonjour,\n\nNous vous proposons : « Citus en production »\nDurée : 40 min\n\nGaëlle\n', 'Citus en production', 40],
  ])('%s: %s', async (subject, body, title, minutes) => {
    expect(await read(writer, subject, body)).toMatchObject({ kind: 'proposal', title, minutes });
  });

  it.each([
    // guards: the verb over anything else, no talk's field beside it, proposes no talk
    ['Meetup de mars', 'Bonjour,\n\nJe propose : Jeudi 14 plutôt que mercredi, pour le meetup.\n\nGaëlle\n'],
    ['Meetup de mars', "Bonjour,\n\nJe propose : Jeudi 14 plutôt que mercredi.\nDurée de la soirée : 3 heures, comme d'habitude.\n\nGaëlle\n"],
  ])('%s (guard): %s', async (subject, body) => {
    expect((await read(writer, subject, body)).kind).toBe('other');
  });
});

/** A covering note and a text file attached. */
async function withDocument(subject: string, note: string, filename: string, type: string, doc: Buffer | string) {
  const m = await mail({ from: 'Julien Moreau <julien.moreau@octo-data.fr>', subject, mime: withAttachment(note, filename, type, doc) });
  const kind = classify(m, ctx).kind;
  if (kind !== 'proposal') return { kind };
  const p = extractProposal(m, ctx).proposal;
  return { kind, title: p.title, minutes: p.durationMinutes, format: p.format, abstract: p.abstract };
}

describe('a proposal written in an attached .txt or .md file under a covering note is read there (attachments.ts attachedText, extract/index.ts documentRead)', () => {
  const md = "# Réplication logique : pièges et solutions\n\n**Durée** : 20 minutes\n\n## Résumé\n\nLa réplication logique paraît simple jusqu'au jour où un slot bloque le WAL. Retour sur deux ans d'exploitation.\n";
  it.each([
    ['Proposition pour le meetup', "Bonjour,\n\nVous trouverez ci-joint ma proposition de talk (au format Markdown).\n\nJulien\n", 'proposition.md', 'text/markdown', md, 'Réplication logique : pièges et solutions', 20, /^La réplication logique paraît simple/],
    ['Proposition de talk', 'Bonjour,\n\nJe vous envoie ma proposition de présentation en pièce jointe.\n\nJulien\n', 'talk.txt', 'text/plain', 'Titre : Les index BRIN sur des tables de logs\nDurée : 25 minutes\nRésumé : quand BRIN bat B-tree, et quand il ne le bat pas.\n', 'Les index BRIN sur des tables de logs', 25, /^quand BRIN bat B-tree/],
    // saved by a French Windows editor: Windows-1252, no UTF-8
    ['Talk proposal', 'Hi,\n\nMy proposal is in the attached file.\n\nJulien\n', 'proposal.txt', 'text/plain', Buffer.from('Title: Vacuum expliqu\xe9 simplement\nDuration: 30 minutes\nAbstract: autovacuum, bloat, wraparound.\n', 'latin1'), 'Vacuum expliqué simplement', 30, /^autovacuum, bloat/],
  ])('%s, %s', async (subject, note, filename, type, doc, title, minutes, abstract) => {
    const r = await withDocument(subject, note, filename, type, doc);
    expect(r).toMatchObject({ kind: 'proposal', title, minutes });
    expect(r.abstract).toMatch(abstract);
  });

  it.each([
    // guards: the note's own title and length stand over the file's
    ['Proposition : Les index BRIN en pratique', 'Bonjour,\n\nJe propose « Les index BRIN en pratique », 30 minutes. Le résumé est en pièce jointe.\n\nJulien\n', 'resume.txt', 'text/plain', 'Titre : BRIN\nDurée : 20 minutes\nRésumé : quand BRIN bat B-tree.\n', 'Les index BRIN en pratique', 30],
  ])('%s (guard), %s', async (subject, note, filename, type, doc, title, minutes) => {
    expect(await withDocument(subject, note, filename, type, doc)).toMatchObject({ kind: 'proposal', title, minutes });
  });
});

describe('a title named without its article, as English written abroad does (prose-title.ts NAMING: "with title X", "Title will be "X"")', () => {
  const writer = 'Giuseppe Russo <g.russo@libero.it>';
  it.each([
    ['Proposal for talk', 'Hello,\n\nI propose to present a talk with title Migration from Oracle to PostgreSQL: our experience in a bank. It will take around 40 minutes.\n\nGiuseppe Russo\n', 'Migration from Oracle to PostgreSQL: our experience in a bank'],
    ['lightning proposal', 'Dear organizers,\n\nI want to make a lightning about my extension for japanese full text search. Title will be "Japanese full text search with pg_bigm_plus".\n\nBest Regards,\nKenji\n', 'Japanese full text search with pg_bigm_plus'],
    ['Talk', 'Hello,\n\nI would like to give a talk under title "Vacuum for the impatient", 20 minutes.\n\nGiuseppe\n', 'Vacuum for the impatient'],
  ])('%s: %s', async (subject, body, title) => {
    expect(await read(writer, subject, body)).toMatchObject({ kind: 'proposal', title });
  });

  it.each([
    // guards: a job's title, a subtitle, name no talk; "my title is" still does
    ['Talk proposal', 'Hello,\n\nMy job title is Senior DBA, and I would like to give a talk about pgvector.\n\nGiuseppe\n', 'pgvector'],
    ['Talk proposal', 'Hello,\n\nSubtitle is "a story". I would like to give a talk called "Vacuum now".\n\nGiuseppe\n', 'Vacuum now'],
    ['Talk proposal', 'Hello,\n\nMy title is "Vacuum now", a talk of 20 minutes.\n\nGiuseppe\n', 'Vacuum now'],
  ])('%s (guard): %s', async (subject, body, title) => {
    expect(await read(writer, subject, body)).toMatchObject({ kind: 'proposal', title });
  });
});

describe('a quoted title after a colon further on in the sentence that names the talk (prose-title.ts QUOTED_NEAR_TALK)', () => {
  const writer = 'Camille Petit <camille.petit@icloud.com>';
  it.each([
    ['Proposition de sujet', 'Bonjour à tous,\n\nJe serais ravie de parler de pgvector et de la recherche sémantique dans PostgreSQL : « pgvector, de la démo à la prod ». Je pense que 20-25 min suffiront.\n\nCamille\n', 'pgvector, de la démo à la prod'],
    ['Speaking at the meetup', 'Hi,\n\nI would be glad to present our migration of the billing platform to PostgreSQL 17 last spring: "Billing on Postgres, one year later". About 30 minutes.\n\nCamille\n', 'Billing on Postgres, one year later'],
  ])('%s: %s', async (subject, body, title) => {
    expect(await read(writer, subject, body)).toMatchObject({ kind: 'proposal', title });
  });

  it.each([
    // guard: within 60 characters, read as before
    ['Proposition de sujet', 'Bonjour,\n\nJe serais ravie de parler de pgvector : « pgvector, de la démo à la prod », 20 minutes.\n\nCamille\n', 'pgvector, de la démo à la prod'],
  ])('%s (guard): %s', async (subject, body, title) => {
    expect(await read(writer, subject, body)).toMatchObject({ kind: 'proposal', title });
  });
});

describe('the attached file names the talk when the note only points to it (score.ts: a title over a description in the file; extract/index.ts: its title before a subject\'s words)', () => {
  it.each([
    ['Intervention au meetup', 'Bonjour,\n\nComme promis, voici mon sujet : tous les détails sont dans le fichier texte joint. Comptez 35 minutes.\n\nBernard\n', 'sujet.txt', "Les verrous consultatifs au service des files d'attente\n\nAvec SKIP LOCKED et les verrous consultatifs, PostgreSQL suffit pour une file d'attente. Démonstration, pièges, chiffres.\n", "Les verrous consultatifs au service des files d'attente", 35],
    ['For the January meetup', 'Hi,\n\nMy abstract is in the attached document, 20 minutes would be enough.\n\nBernard\n', 'abstract.md', '# Queues in Postgres with SKIP LOCKED\n\nWhy you may not need a message broker: SKIP LOCKED, advisory locks, and the numbers from our production.\n', 'Queues in Postgres with SKIP LOCKED', 20],
    // a subject's « for … » names the evening, the file's « Title: » the talk
    ['Submission for PG Paris', 'Hi,\n\nSee attached for my submission.\n\nLaura\n', 'submission.md', 'Title: Teaching the planner about your data\nLength: 30 min\n\nAbstract: Extended statistics and when to lie to the planner.\n', 'Teaching the planner about your data', 30],
  ])('%s, %s', async (subject, note, filename, doc, title, minutes) => {
    expect(await withDocument(subject, note, filename, filename.endsWith('.md') ? 'text/markdown' : 'text/plain', doc)).toMatchObject({ kind: 'proposal', title, minutes });
  });

  it.each([
    // guard: minutes of a meeting in a text file sent along are no proposal
    ['Réunion du bureau', 'Bonjour,\n\nVoici le compte-rendu de la réunion du bureau en pièce jointe.\n\nBernard\n', 'compte-rendu.txt', 'Compte-rendu du bureau du 3 mars\n\nPrésents : Anne, Marc, Lucie. Budget 2027 voté, salle réservée pour avril.\n'],
  ])('%s (guard), %s', async (subject, note, filename, doc) => {
    expect((await withDocument(subject, note, filename, 'text/plain', doc)).kind).toBe('other');
  });
});

describe("several talks listed, the first filed: the other items' lengths and formats are theirs (extract/index.ts withoutItems)", () => {
  const writer = 'Tomasz Nowak <tomasz.nowak@wp.pl>';
  it.each([
    ['Two talk ideas', 'Hello,\n\nI have two possible topics, you can pick:\n\n- "pg_dump tricks nobody told you" (lightning)\n- "Running PostgreSQL on ZFS" (30 min)\n\nRegards,\nTomasz\n', 'pg_dump tricks nobody told you', 'lightning', 5],
    ['Deux sujets', 'Bonjour,\n\nJ\'ai deux idées de talk :\n\n1. « Les index partiels » — 20 minutes\n2. « Le JIT en pratique », en lightning\n\nTomasz\n', 'Les index partiels', 'talk', 20],
    ['Deux sujets', "Bonjour,\n\nJ'aurais deux sujets à proposer :\n\n1. « Les index partiels »\n2. « Le JIT en pratique », plutôt en lightning,\nune dizaine de minutes.\n\nTomasz\n", 'Les index partiels', 'talk', 45],
  ])('%s: %s', async (subject, body, title, format, minutes) => {
    expect(await read(writer, subject, body)).toMatchObject({ kind: 'proposal', title, format, minutes });
  });

  it.each([
    // guard: the first item's own length and format still count
    ['Two talk ideas', 'Hello,\n\nTwo ideas:\n\n- "pg_dump tricks nobody told you" (lightning, 5 min)\n- "Running PostgreSQL on ZFS" (30 min)\n\nTomasz\n', 'pg_dump tricks nobody told you', 'lightning', 5],
    ['Two talk ideas', 'Hello,\n\nTwo ideas:\n\n- "Running PostgreSQL on ZFS" (30 min)\n- "pg_dump tricks nobody told you" (lightning)\n\nTomasz\n', 'Running PostgreSQL on ZFS', 'talk', 30],
  ])('%s (guard): %s', async (subject, body, title, format, minutes) => {
    expect(await read(writer, subject, body)).toMatchObject({ kind: 'proposal', title, format, minutes });
  });
});

describe('a length said more or less, with a word before its unit (durations.ts ABOUT: « vingt bonnes minutes », "20ish minutes")', () => {
  const writer = 'Hugo Marchand <hugo.marchand@gmail.com>';
  it.each([
    ['vingt bonnes minutes', 20],
    ['25 bonnes minutes', 25],
    ['une trentaine de petites minutes', 30],
    ['20ish minutes', 20],
    ['30-ish min', 30],
    ['dix petites minutes', 10],
  ])('« %s »', async (length, minutes) => {
    expect(await read(writer, 'Proposition de talk', `Bonjour,\n\nJe souhaiterais présenter « Les index BRIN en pratique », il me faudrait ${length}.\n\nHugo\n`)).toMatchObject({ kind: 'proposal', minutes });
  });

  it.each([
    // guards: as before
    ['20 minutes', 20],
    ['une vingtaine de minutes', 20],
    ['a good 20 minutes', 20],
  ])('« %s » (guard)', async (length, minutes) => {
    expect(await read(writer, 'Proposition de talk', `Bonjour,\n\nJe souhaiterais présenter « Les index BRIN en pratique », il me faudrait ${length}.\n\nHugo\n`)).toMatchObject({ kind: 'proposal', minutes });
  });
});

describe("mail about a talk someone else gave or should give is no proposal (score.ts ABOUT_A_PROPOSAL_PHRASES: a talk heard and praised, « quelqu'un devrait faire un talk »)", () => {
  const writer = 'Marc Vidal <marc.vidal@gmail.com>';
  it.each([
    ['Re: Meetup de janvier', 'Super soirée hier, merci ! Le talk sur « Vacuum sans peur » était top, 30 minutes bien remplies.\n\nMarc\n'],
    ['Re: Prochain meetup le 14 janvier', 'Hi, the lightning talk about "psql tricks" was really great, 5 minutes of pure gold. Thanks!\n\nMarc\n'],
    ['Idée', "Salut,\n\nQuelqu'un devrait faire un talk sur pgvector, ça intéresserait beaucoup de monde. Pas moi, je n'y connais rien !\n\nMarc\n"],
    ['Talk idea', 'Hi,\n\nSomeone should give a talk about pgvector at the meetup, everybody asks about it. Not me though!\n\nMarc\n'],
  ])('%s: %s', async (subject, body) => {
    expect((await read(writer, subject, body)).kind).toBe('other');
  });

  it.each([
    // guards: the writer's own talk, praised or given elsewhere, offered here
    ['Proposition de talk', 'Bonjour,\n\nMon talk à Lyon était top, alors je vous le propose : « Vacuum sans peur », 30 minutes.\n\nMarc\n'],
    ['Talk proposal', 'Hello,\n\nMy talk at PGConf.EU was great fun, and I would like to give "Vacuum without fear" here too, 30 minutes.\n\nMarc\n'],
  ])('%s (guard): %s', async (subject, body) => {
    expect((await read(writer, subject, body)).kind).toBe('proposal');
  });
});

describe('several talks offered under a heading naming them (score.ts DIRECT: « Deux idées : », "Two ideas for the next meetup:")', () => {
  const writer = 'Tomasz Nowak <tomasz.nowak@wp.pl>';
  it.each([
    ['Deux sujets', 'Bonjour,\n\nDeux idées :\n\n1. « Les index partiels » — 20 minutes\n2. « Le JIT en pratique », en lightning\n\nTomasz\n', 'Les index partiels'],
    ['Pour le meetup', 'Hello,\n\nTwo ideas for the next meetup:\n\n- "Partial indexes", 20 minutes\n- "JIT in practice", lightning\n\nTomasz\n', 'Partial indexes'],
    ['Sujets', 'Bonjour,\n\nQuelques sujets possibles :\n\n- « Les index partiels », 20 minutes\n- « Le JIT en pratique », lightning\n\nTomasz\n', 'Les index partiels'],
  ])('%s: %s', async (subject, body, title) => {
    expect(await read(writer, subject, body)).toMatchObject({ kind: 'proposal', title, minutes: 20 });
  });

  it.each([
    // guards: ideas for something else than talks, remarks as a list
    ['Bilan', 'Bonjour,\n\nTrois idées pour améliorer les meetups :\n1. « Plus de pizzas »\n2. « Des talks plus courts »\n\nTomasz\n'],
    ['Compte-rendu', 'Bonjour,\n\nDeux remarques sur la soirée :\n- la salle était trop petite\n- les talks ont fini tard\n\nTomasz\n'],
  ])('%s (guard): %s', async (subject, body) => {
    expect((await read(writer, subject, body)).kind).toBe('other');
  });
});

describe('a co-speaker after « avec », "with", their address after a comma (speakers.ts WITH_ADDRESS)', () => {
  const writer = 'Sébastien Roux <sebastien.roux@datalyse.fr>';
  it.each([
    ['Proposition', 'Bonjour,\n\nJe présenterais avec Claire Martin, claire.martin@datalyse.fr, le sujet « Le MVCC expliqué » pendant 30 min.\n\nSébastien\n'],
    ['Talk', 'Hi,\n\nI would present "MVCC explained" with Claire Martin, claire.martin@datalyse.fr. 30 minutes.\n\nSeb\n'],
  ])('%s: %s', async (subject, body) => {
    expect((await read(writer, subject, body)).speakers).toEqual([writer, 'Claire Martin <claire.martin@datalyse.fr>']);
  });

  it.each([
    // guards: in brackets as before; a name without an address after the comma adds no one
    ['Proposition', 'Bonjour,\n\nJe présenterais avec Claire Martin (claire.martin@datalyse.fr) le sujet « Le MVCC expliqué » pendant 30 min.\n\nSébastien\n', [writer, 'Claire Martin <claire.martin@datalyse.fr>']],
    ['Proposition', 'Bonjour,\n\nJe présenterais « Le MVCC expliqué » pendant 30 min, comme avec Claire Martin, lors du dernier meetup.\n\nSébastien\n', [writer]],
  ])('%s (guard): %s', async (subject, body, speakers) => {
    expect((await read(writer, subject, body)).speakers).toEqual(speakers);
  });
});

describe('a length asked for in answer to the call offers no talk yet (score.ts ASKS_ABOUT_CALL: « est-ce que 40 minutes c\'est possible ? »)', () => {
  const writer = 'Julie Vincent <julie.vincent@gmail.com>';
  it.each([
    ['RE: Appel à orateurs', "Bonjour,\n\nEst-ce que 40 minutes c'est possible pour un talk ? Sinon je peux faire 20.\n\nJulie\n"],
    ['Re: Call for speakers', 'Hi,\n\nIs a 40-minute talk possible? Otherwise I can do 20.\n\nJulie\n'],
    ['Re: Appel à orateurs', "Bonjour,\n\nSerait-il possible d'avoir 40 minutes pour un talk ? Les 20 minutes me semblent courtes.\n\nJulie\n"],
  ])('%s: %s', async (subject, body) => {
    expect((await read(writer, subject, body)).kind).toBe('other');
  });

  it.each([
    // guards: with the talk named, the question about its length is part of an offer
    ['Re: Appel à orateurs', "Bonjour,\n\nSerait-il possible d'avoir 40 minutes ? Je voudrais présenter « TimescaleDB en production ».\n\nJulie\n"],
    ['Re: Appel à orateurs', "Bonjour,\n\nJe vous propose « TimescaleDB en production », 40 minutes si c'est possible ?\n\nJulie\n"],
  ])('%s (guard): %s', async (subject, body) => {
    expect(await read(writer, subject, body)).toMatchObject({ kind: 'proposal', title: 'TimescaleDB en production', minutes: 40 });
  });
});

describe("a dot inside an address or a name ends no sentence between the talk word and its quoted title (prose-title.ts QUOTED_NEAR_TALK)", () => {
  const writer = 'Thibault Renard <thibault.renard@ovh.net>';
  it.each([
    ['Proposition de talk', "Bonjour,\n\nJ'aimerais présenter, en binôme avec Jeanne Perrot (jeanne.perrot@ovh.net), « Héberger 10 000 bases PostgreSQL ». Il nous faudrait trois quarts d'heure.\n\nThibault\n", 'Héberger 10 000 bases PostgreSQL'],
    ['Talk', 'Hi,\n\nAfter PGConf.EU I could give my talk "Hosting ten thousand databases" here as well, 30 minutes.\n\nThibault\n', 'Hosting ten thousand databases'],
  ])('%s: %s', async (subject, body, title) => {
    expect(await read(writer, subject, body)).toMatchObject({ kind: 'proposal', title });
  });

  it.each([
    // guard: a sentence's end (a dot then a space) still parts the talk word from a quote in the next sentence
    ['Proposition de talk', "Bonjour,\n\nJe voudrais présenter un retour d'expérience sur notre migration. Notre slogan interne était « on ne recule pas », d'ailleurs.\nTitre : Migrer 300 bases en un week-end\n\nThibault\n", 'Migrer 300 bases en un week-end'],
  ])('%s (guard): %s', async (subject, body, title) => {
    expect(await read(writer, subject, body)).toMatchObject({ kind: 'proposal', title });
  });
});

describe('a talk named first, then asked whether it suits (score.ts DIRECT: « Un petit éclair « … », ça vous irait ? »)', () => {
  const writer = 'Lucas Fontaine <lucas.fontaine@gmail.com>';
  it.each([
    ['Pour le meetup de mars', 'Bonjour,\n\nUn petit éclair « pg_cron pour les nuls », ça vous irait ?\n\nLucas\n', 'pg_cron pour les nuls'],
    ['talk', 'Bonjour\n\nun talk de 5 min sur "pg_hint_plan en pratique" ca vous tente ?\n\nLucas\n', 'pg_hint_plan en pratique'],
    ['Idée', 'Bonjour,\n\nUne présentation « Patroni sans larmes », cela vous conviendrait ?\n\nLucas\n', 'Patroni sans larmes'],
  ])('%s: %s', async (subject, body, title) => {
    expect(await read(writer, subject, body)).toMatchObject({ kind: 'proposal', title });
  });

  it.each([
    // guards: a talk heard asked about, an evening asked about, a talk wished from someone else
    ['Meetup', 'Bonjour,\n\nLe talk de mardi sur « Vacuum », ça vous a plu ?\n\nLucas\n'],
    ['Sondage', 'Bonjour,\n\nUn meetup en juillet, ça vous tente ?\n\nLucas\n'],
    ['Idée', "Bonjour,\n\nUn talk sur pgvector, ça vous intéresserait ? Je ne saurais pas le faire moi-même, mais quelqu'un de la communauté pourrait le faire.\n\nLucas\n"],
  ])('%s (guard): %s', async (subject, body) => {
    expect((await read(writer, subject, body)).kind).toBe('other');
  });
});

describe('hours and their part said in words (durations.ts DURATION_WORDS: « une heure trente », « une heure et demi », "an hour and half")', () => {
  const writer = 'Anne Lefèvre <anne.lefevre@univ-lyon.fr>';
  it.each([
    ['une heure trente', 90],
    ['une heure et demi', 90],
    ['une heure quinze', 75],
    ['deux heures et demie', 150],
    ['an hour and half', 90],
    ['two and a half hours', 150],
  ])('« %s »', async (length, minutes) => {
    expect(await read(writer, 'Atelier', `Bonjour,\n\nJe propose un atelier « Lire un plan d'exécution », il faut compter ${length}.\n\nAnne\n`)).toMatchObject({ kind: 'proposal', minutes });
  });

  it.each([
    // guards: as before
    ['une heure', 60],
    ['une heure et demie', 90],
    ['deux heures', 120],
  ])('« %s » (guard)', async (length, minutes) => {
    expect(await read(writer, 'Atelier', `Bonjour,\n\nJe propose un atelier « Lire un plan d'exécution », il faut compter ${length}.\n\nAnne\n`)).toMatchObject({ kind: 'proposal', minutes });
  });
});

describe("a company directory's mark for outsiders is no part of the speaker's name (text/names.ts cleanName: « Anna WEBER - EXT »)", () => {
  it.each([
    ['"Anna WEBER - EXT" <anna.weber@uni.de>', 'Anna Weber <anna.weber@uni.de>'],
    ['"Jean Dupont | External" <jean.dupont@corp.fr>', 'Jean Dupont <jean.dupont@corp.fr>'],
    ['"Jean Dupont [Externe]" <jean.dupont@corp.fr>', 'Jean Dupont <jean.dupont@corp.fr>'],
    // guards: a hyphenated name, a directory's department in brackets, as before
    ['"Jean-Ext Dupont" <jean.dupont@corp.fr>', 'Jean-Ext Dupont <jean.dupont@corp.fr>'],
    ['"Dupont, Jean (DSI)" <jean.dupont@corp.fr>', 'Jean Dupont <jean.dupont@corp.fr>'],
  ])('%s', async (from, speaker) => {
    expect((await read(from, 'Proposition de talk : Les index BRIN', 'Bonjour,\n\nJe propose « Les index BRIN en pratique », 30 minutes.\n\nMerci\n')).speakers).toEqual([speaker]);
  });
});

describe('the talks named as the evening\'s moment are not what « je propose » offers (score.ts NOT_A_MOMENT: « … après les talks »)', () => {
  const writer = 'Gaëlle Perrin <gaelle.perrin@wanadoo.fr>';
  it.each([
    ['Afterwork', 'Bonjour,\n\nJe propose : Le Bistrot, rue Oberkampf, après les talks.\n\nGaëlle\n'],
    ['Meetup', "Bonjour,\n\nJe propose qu'on fasse une pause pizza entre les talks.\n\nGaëlle\n"],
    ['Logistics', 'Hello,\n\nI propose a short break for drinks after the talks, then the raffle.\n\nGaëlle\n'],
  ])('%s: %s', async (subject, body) => {
    expect((await read(writer, subject, body)).kind).toBe('other');
  });

  it.each([
    // guards: a talk proposed, its moment in the evening said after it
    ['Proposition', 'Bonjour,\n\nJe vous propose un talk sur pgvector, 20 minutes, après les annonces.\n\nGaëlle\n'],
    ['Proposition', 'Bonjour,\n\nJe propose de parler de pgvector après les talks principaux, en lightning : « pgvector en 5 minutes ».\n\nGaëlle\n'],
  ])('%s (guard): %s', async (subject, body) => {
    expect((await read(writer, subject, body)).kind).toBe('proposal');
  });
});

describe('a title label in the middle of a line naming the talk after it, or with a dash for its colon (prose-title.ts INLINE_LABEL: "Title of my talk - X")', () => {
  const writer = 'Raj Patel <raj.patel@gmail.com>';
  it.each([
    ['talk', 'Hello,\n\nI would like to speak about our migration. Title of my talk - From Oracle to Postgres in 6 months. It takes 40 minutes.\n\nRaj\n', 'From Oracle to Postgres in 6 months'],
    ['talk', 'Hello,\n\nI would like to speak about our migration. Title of my talk: From Oracle to Postgres in 6 months. It takes 40 minutes.\n\nRaj\n', 'From Oracle to Postgres in 6 months'],
    ['Proposition', "Bonjour,\n\nJe voudrais parler de notre migration. Titre de mon intervention — D'Oracle à PostgreSQL en six mois. Environ 40 minutes.\n\nRaj\n", "D'Oracle à PostgreSQL en six mois"],
  ])('%s: %s', async (subject, body, title) => {
    expect(await read(writer, subject, body)).toMatchObject({ kind: 'proposal', title });
  });

  it.each([
    // guard: a job's title with a dash names no talk
    ['talk', 'Hello,\n\nI would like to speak about our migration, 40 minutes. My job title - Senior DBA at Acme.\n\nRaj\n'],
  ])('%s (guard): %s', async (subject, body) => {
    expect(await read(writer, subject, body)).toMatchObject({ kind: 'proposal', title: null });
  });
});
