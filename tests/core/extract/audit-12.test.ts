/**
 * Held-out parse audit 12 (co-speakers signing together, two talks offered in prose, HTML-only mail with bold or heading
 * titles, « Intervenant : moi », lightning talks and keynotes, duration ranges, outlines, bios, civilities, replies in a
 * list's thread, covering notes over attachments, bare « Proposition » / "CFP" subjects, bilingual mail, signatures,
 * phones): mail written before reading the rules, each case below wrongly read before. Rows vary the wording of what the
 * audit found, so that each shows a rule, not one message; guards keep the nearby shapes' reading.
 */
import { describe, expect, it } from 'vitest';
import { cleanName } from '../../../src/core/text/names.ts';
import { proposalReader } from './read.ts';

const read = proposalReader(['title', 'abstract', 'minutes', 'format', 'speakers']);
const withAddresses = proposalReader(['speakers'], { speakers: 'addresses' });

describe('a keynote is offered as a talk is: its lead-in names no title (subject.ts LEAD, TAG, BARE_NOUN; prose-title.ts talk nouns)', () => {
  it.each([
    ['Keynote proposal: Thirty years of PostgreSQL', 'Thirty years of PostgreSQL'],
    ['Proposition de keynote : L’avenir de PostgreSQL', 'L’avenir de PostgreSQL'],
    ['[Keynote] Ce que le planificateur ne sait pas', 'Ce que le planificateur ne sait pas'],
    ['Keynote: Postgres in the age of vectors', 'Postgres in the age of vectors'],
  ])('%s', async (subject, title) => {
    const body = 'Hello,\n\nI would be glad to open the evening: a look back at what changed and what comes next, for about 50 minutes with questions.\n\nDavid Klein\n';
    const r = await read('David Klein <d.klein@univ.example.edu>', subject, body);
    expect(r).toMatchObject({ kind: 'proposal', title, format: 'talk', minutes: 50 });
  });

  it('a keynote offered in prose names its quoted title', async () => {
    const r = await read('Marc Fontaine <marc.fontaine@contrib.example>', 'Pour le meetup anniversaire', 'Bonjour,\n\nJe pourrais donner une keynote « Vingt ans de contributions à PostgreSQL », une heure environ.\n\nMarc\n');
    expect(r).toMatchObject({ kind: 'proposal', title: 'Vingt ans de contributions à PostgreSQL', minutes: 60 });
  });

  // (a format's name joined by a hyphen to the next word is a compound, no second lead-in: subject.ts SEPARATOR)
  it.each([['Talk proposal: Keynote-worthy EXPLAIN plans', 'Keynote-worthy EXPLAIN plans'], ['Talk proposal: Lightning-fast COPY', 'Lightning-fast COPY'], ['Proposition : Talk-show et PostgreSQL', 'Talk-show et PostgreSQL']])(
    'guard: the word inside a title after a talk lead-in stays in it: %s',
    async (subject, title) => {
      const r = await read('Ana Souza <ana@x.example>', subject, 'Hi,\n\nI would like to show five plans that tell a whole story, 20 minutes.\n\nAna\n');
      expect(r.title).toBe(title);
    },
  );

  it('guard: a spaced hyphen still separates the lead-in again: Proposition - Talk proposal - X', async () => {
    const r = await read('Ana Souza <ana@x.example>', 'Proposition - Talk proposal - Fast COPY', 'Hi,\n\nI would like to show five plans that tell a whole story, 20 minutes.\n\nAna\n');
    expect(r.title).toBe('Fast COPY');
  });
});

describe('a question mark ending the line ends an inline title label, not its sentence (prose-title.ts INLINE_LABEL)', () => {
  it.each([
    ['Salut, je peux faire un talk de 20 min sur timescaledb si ça vous dit. Titre : TimescaleDB ou partitionnement natif ?', 'TimescaleDB ou partitionnement natif ?'],
    ['Hi, happy to do a short talk on queues, 20 minutes. Working title: Is Postgres a good queue?', 'Is Postgres a good queue?'],
    ['Je propose un talk de 30 minutes sur les index. Titre provisoire : Faut-il indexer toutes les clés étrangères ?', 'Faut-il indexer toutes les clés étrangères ?'],
    ['I can do 15 minutes on SERIAL. Title: Stop using SERIAL!', 'Stop using SERIAL!'],
  ])('%s', async (line, title) => {
    expect((await read('Kevin Nguyen <kevin@x.example>', 'Talk', `${line}\n\nKevin\n`)).title).toBe(title);
  });

  it('guard: a full stop still ends the title and its sentence', async () => {
    const r = await read('Kevin Nguyen <kevin@x.example>', 'Talk', 'Salut, je peux faire un talk de 20 min si ça vous dit. Titre : Vacuum sans peur. Je montre les réglages table par table.\n\nKevin\n');
    expect(r.title).toBe('Vacuum sans peur');
  });
});

describe('a length offered on a subject may be a range (score.ts DIRECT, prose-title.ts SPOKEN_LENGTH)', () => {
  it.each([
    ['Talk for the January meetup', 'Hi folks,\n\nI could do about 20-25 minutes on "Leaderboards in Postgres": ranking 10 million players with window functions.\n\nNina\n', 'Leaderboards in Postgres', 25],
    ['Pour janvier', 'Bonjour,\n\nJe peux faire 20 à 30 minutes sur « Les classements avec les fonctions fenêtres » : dix millions de joueurs.\n\nNina\n', 'Les classements avec les fonctions fenêtres', 30],
    ['Meetup', 'Hello,\n\nI can give 15-20 min on "pg_cron in anger", the jobs we moved in and back out.\n\nNina\n', 'pg_cron in anger', 20],
  ])('%s', async (subject, body, title, minutes) => {
    expect(await read('Nina Kowalski <nina@games.example>', subject, body)).toMatchObject({ kind: 'proposal', title, minutes });
  });

  it("guard: a range on the evening's own business offers no talk", async () => {
    const r = await read('Nina Kowalski <nina@games.example>', 'Meetup de janvier', "Bonjour,\n\nJe peux faire 5 à 10 minutes sur l'accueil et les annonces en début de soirée.\n\nNina\n");
    expect(r.kind).not.toBe('proposal');
  });
});

describe('civilities before a name are no part of it (text/names.ts HONORIFIC)', () => {
  it.each([
    ['M. Pierre Vidal', 'Pierre Vidal'],
    ['Monsieur Jean-Marc Dupuis', 'Jean-Marc Dupuis'],
    ['Madame Anne Caron', 'Anne Caron'],
    ['Miss Olivia Brown', 'Olivia Brown'],
    ['Mx. Sam Lee', 'Sam Lee'],
  ])('%s', (raw, name) => {
    expect(cleanName(raw)).toBe(name);
  });

  it.each([
    ['M Pierre Vidal', 'M Pierre Vidal'],
    ['M. et Mme Martin', 'M. et Mme Martin'],
    ['Monsieur Martin', 'Monsieur Martin'],
  ])('guard: %s', (raw, name) => {
    expect(cleanName(raw)).toBe(name);
  });

  it('a speakers field with civilities', async () => {
    const body = 'Bonjour,\n\nTitre : PostgreSQL au laboratoire\nIntervenants : Dr Anne Caron (CNRS), M. Pierre Vidal (Inria)\nDurée : 30 min\nRésumé : Vingt ans de mesures dans PostgreSQL.\n\nAnne Caron\n';
    expect((await read('Anne Caron <anne.caron@cnrs.example>', 'Proposition de talk', body)).speakers).toEqual(['Anne Caron', 'Pierre Vidal']);
  });
});

describe('the writer named in a speakers field by a pronoun (speakers.ts WRITER_ITEM, fieldItems)', () => {
  it.each([
    ['Intervenant : moi'],
    ['Oratrice : moi-même'],
    ['Speaker: just me'],
    ['Speaker: me'],
    ['Intervenante : juste moi'],
  ])('%s', async (line) => {
    const body = `Bonjour,\n\nTitre : Les triggers d'événements pour auditer le DDL\n${line}\nDurée : 20 minutes\nRésumé : Qui a supprimé cette colonne ? Nous journalisons chaque DROP.\n\nJulie\n`;
    expect((await read('Julie Garnier <julie.garnier@laposte.example>', 'Proposition', body)).speakers).toEqual(['Julie Garnier']);
  });

  it.each([
    ['Speakers: me + my colleague Sam Rivera', ['Jordan Lee', 'Sam Rivera']],
    ['Intervenants : moi et ma collègue Inès Roy', ['Jordan Lee', 'Inès Roy']],
    ['Speakers: Sam Rivera <sam.rivera@bank.example>, myself', ['Jordan Lee', 'Sam Rivera']],
  ])('%s', async (line, speakers) => {
    const body = `Hello,\n\nTitle: Patroni at a bank\n${line}\nDuration: 40 min\n\nDescription:\nWe run 120 Patroni clusters across two data centres.\n\nJordan\n`;
    expect((await read('Jordan Lee <jordan.lee@bank.example>', 'CFP submission', body)).speakers).toEqual(speakers);
  });

  it('guard: a field naming someone else with an address still names them alone', async () => {
    const body = 'Hello,\n\nTitle: Patroni at a bank\nSpeaker: Priya Nair <priya.nair@bank.example>\nDuration: 40 min\n\nDescription:\nWe run 120 Patroni clusters across two data centres.\n\nMark\n';
    expect((await read('Mark Stone <mark.stone@bank.example>', 'CFP submission', body)).speakers).toEqual(['Priya Nair']);
  });
});

describe('co-speakers signing together under the sign-off (speakers.ts coSigners)', () => {
  const text = 'Bonjour,\n\nNous aimerions présenter notre migration de PostgreSQL 12 à 17 : 2 To, la réplication logique et une bascule en 40 secondes.\n\nDurée : 30 minutes\n\n';
  it.each([
    ['À bientôt,\nAlice Martin & Bruno Keller\nDataFlow\n', ['Alice Martin', 'Bruno Keller']],
    ['Best regards,\nAlice Martin and Bruno Keller\n', ['Alice Martin', 'Bruno Keller']],
    ['Cordialement,\nBruno Keller et Alice Martin\n', ['Alice Martin', 'Bruno Keller']],
    ['--\nAlice Martin, Bruno Keller & Chloé Roy\nDataFlow\n', ['Alice Martin', 'Bruno Keller', 'Chloé Roy']],
  ])('%s', async (signature, speakers) => {
    expect((await read('Alice Martin <alice.martin@dataflow.example>', 'Proposition de talk : Migrer sans coupure', text + signature)).speakers).toEqual(speakers);
  });

  it('a first name signed is the person the text names in full, with the address given there', async () => {
    const body = 'Bonjour,\n\nNous aimerions présenter pg_partman au quotidien : 3 000 partitions par mois. Paul Renaud (paul.renaud@hebergeur.example) fera la démo.\n\nClaire et Paul\n';
    expect(await withAddresses('Claire Dubois <claire.dubois@hebergeur.example>', 'Proposition : pg_partman au quotidien', body)).toMatchObject({
      speakers: ['Claire Dubois <claire.dubois@hebergeur.example>', 'Paul Renaud <paul.renaud@hebergeur.example>'],
    });
  });

  it.each([
    ['Cordialement,\nAlice Martin\nMartin & Fils\n'],
    ["Cordialement,\nAlice Martin & l'équipe DataFlow\n"],
    ['Cordialement,\nClaire & Paul\n'],
    ['Merci,\nTom & Jerry\n'],
  ])('guard: %s names no co-speaker', async (signature) => {
    expect((await read('Alice Martin <alice.martin@dataflow.example>', 'Proposition de talk : Migrer sans coupure', text + signature)).speakers).toEqual(['Alice Martin']);
  });
});

describe('the writer paired with a colleague proposing in the infinitive (speakers.ts PRESENT_VERB)', () => {
  it.each([
    ["Paul Renaud et moi voudrions proposer un talk d'environ 25 minutes sur pg_partman et ses 3 000 partitions par mois."],
    ['Paul Renaud et moi aimerions soumettre une présentation sur pg_partman et ses 3 000 partitions par mois.'],
    ['Paul Renaud and I would like to propose a talk on pg_partman and its 3,000 partitions a month.'],
  ])('%s', async (line) => {
    expect((await read('Claire Dubois <claire.dubois@hebergeur.example>', 'Proposition : pg_partman au quotidien', `Bonjour,\n\n${line}\n\nClaire\n`)).speakers).toEqual(['Claire Dubois', 'Paul Renaud']);
  });
});

describe('offered in the third person, the address given further on (source.ts thirdPersonAuthor)', () => {
  it.each([
    [
      'Secrétariat DSI <secretariat.dsi@mairie.example>',
      "Madame, Monsieur,\n\nM. Jacques Bernard, directeur des systèmes d'information de la ville, souhaiterait présenter « Une ville qui passe à PostgreSQL » lors d'un prochain meetup.\n\nVous pouvez le joindre à jacques.bernard@mairie.example.\n\nLe secrétariat de la DSI\n",
      'Jacques Bernard <jacques.bernard@mairie.example>',
    ],
    [
      'Research Office <office@lab.example>',
      'Hello,\n\nDr. Lena Fischer, our head of research, would like to present "Genomes in PostgreSQL" at one of your meetups.\n\nYou can reach her at lena.fischer@lab.example.\n\nThe research office\n',
      'Lena Fischer <lena.fischer@lab.example>',
    ],
    [
      'Accueil <accueil@startup.example>',
      'Bonjour,\n\nKarim Benali aimerait présenter « pgvector en production », une vingtaine de minutes.\n\nSon adresse : karim.benali@startup.example\n\nL’accueil\n',
      'Karim Benali <karim.benali@startup.example>',
    ],
  ])('%s', async (from, body, speaker) => {
    expect((await withAddresses(from, 'Proposition de présentation', body)).speakers).toEqual([speaker]);
  });

  it("guard: the writer's own offer first keeps the writer the speaker", async () => {
    const body = 'Bonjour,\n\nJe voudrais présenter « pgvector en production », 20 minutes.\n\nKarim Benali pourrait faire la démo avec moi ; karim.benali@startup.example\n\nAlice\n';
    const r = await withAddresses('Alice Martin <alice.martin@startup.example>', 'Proposition de présentation', body);
    expect(r.speakers?.[0]).toBe('Alice Martin <alice.martin@startup.example>');
  });
});

describe("an opening clause about the call leaves the sentence's talk in the abstract (abstract.ts withoutMeta)", () => {
  it.each([
    ["Suite à votre appel, j'aimerais parler de l'autovacuum : pourquoi il prend du retard sur les grosses tables et comment le régler table par table.", "J'aimerais parler de l'autovacuum : pourquoi il prend du retard sur les grosses tables et comment le régler table par table."],
    ["Following your call for speakers, I'd like to talk about autovacuum: why it falls behind on big tables and how to tune it per table.", "I'd like to talk about autovacuum: why it falls behind on big tables and how to tune it per table."],
    ["Suite à l'appel sur la liste, je propose de raconter notre migration de 40 bases Oracle vers PostgreSQL en deux ans.", 'Je propose de raconter notre migration de 40 bases Oracle vers PostgreSQL en deux ans.'],
  ])('%s', async (line, abstract) => {
    const r = await read('Anne Mercier <anne.mercier@x.example>', 'Proposition', `Bonjour,\n\n${line} Le titre pourrait être « Vacuum, ce mal-aimé ». Comptez 40 minutes.\n\nAnne Mercier\n`);
    expect(r.abstract?.startsWith(abstract)).toBe(true);
  });

  it.each([
    ['Suite à votre appel, voici ma proposition.'],
    ['Following your call, here is my submission.'],
  ])('guard: a clause over the mail itself goes whole: %s', async (line) => {
    const body = `Bonjour,\n\n${line}\n\nJe parlerai de l'autovacuum et de ses réglages table par table, avec des exemples de production.\n\nAnne Mercier\n`;
    const r = await read('Anne Mercier <anne.mercier@x.example>', 'Proposition de talk : Vacuum, ce mal-aimé', body);
    expect(r.abstract).toBe("Je parlerai de l'autovacuum et de ses réglages table par table, avec des exemples de production.");
  });
});

// batch 2: fresh mail on the same themes, scored before any change (held-out: 112/118 fields, 24/26 mails)
describe('two lengths as the ends of one range, in words (durations.ts rangesJoined)', () => {
  it.each([
    ["Entre une demi-heure et trois quarts d'heure selon vos créneaux.", 45],
    ['Between half an hour and an hour, depending on your schedule.', 60],
    ['De 20 minutes à une demi-heure selon le créneau.', 30],
    ['Between twenty minutes and half an hour, as you prefer.', 30],
  ])('%s', async (line, minutes) => {
    const body = `Bonjour,\n\nJe voudrais présenter notre pipeline Debezium : slots, heartbeats et la gestion du schéma. ${line}\n\nGaël\n`;
    expect((await read('Gaël Martin <gael.martin@orange.example>', 'Proposition de talk : Debezium et PostgreSQL', body)).minutes).toBe(minutes);
  });

  it.each([
    ["Le talk dure 20 minutes, et une demi-heure de questions si vous voulez.", 20],
    ["Je pense à 40 minutes ; la démo de 5 minutes à une heure près.", 40],
  ])('guard: %s', async (line, minutes) => {
    const body = `Bonjour,\n\nJe voudrais présenter notre pipeline Debezium : slots, heartbeats et la gestion du schéma. ${line}\n\nGaël\n`;
    expect((await read('Gaël Martin <gael.martin@orange.example>', 'Proposition de talk : Debezium et PostgreSQL', body)).minutes).toBe(minutes);
  });
});

describe('volunteering in answer to a call, then the quoted title (score.ts VOLUNTEERING, prose-title.ts QUOTED_AFTER_OFFER)', () => {
  it.each([
    ['Re: [PG Paris] Call for speakers: March meetup', 'Hi Dimitri,\n\nI\'d be up for it: "Debugging slow queries with auto_explain", 20 minutes. I\'ll show the settings we use in production.\n\nLukas\n', 'Debugging slow queries with auto_explain'],
    ['Re: Call for speakers', 'Hi,\n\nI\'m up for that: "Debugging slow queries with auto_explain". Twenty minutes with three plans it caught.\n\nLukas\n', 'Debugging slow queries with auto_explain'],
    ['Re: Appel à orateurs pour mars', 'Salut,\n\nÇa me tente : « Déboguer les requêtes lentes avec auto_explain », 20 minutes.\n\nLukas\n', 'Déboguer les requêtes lentes avec auto_explain'],
  ])('%s', async (subject, body, title) => {
    expect(await read('Lukas Schneider <lukas.schneider@shop.example>', subject, body)).toMatchObject({ kind: 'proposal', title, minutes: 20 });
  });

  it.each([
    ["Hi,\n\nI'd be up for it! I could show how we debug slow queries with auto_explain in production, about 20 minutes.\n\nLukas\n"],
    ['Salut,\n\nÇa me tente ! Je montrerais comment on débogue les requêtes lentes avec auto_explain, 20 minutes.\n\nLukas\n'],
    ["Hi,\n\nHappy to do one! I'd show how we debug slow queries with auto_explain in production, about 20 minutes.\n\nLukas\n"],
  ])('volunteering with no title yet: %s', async (body) => {
    expect(await read('Lukas Schneider <lukas.schneider@shop.example>', 'Re: Call for speakers', body)).toMatchObject({ kind: 'proposal', minutes: 20 });
  });

  it('guard: the same words answering anything else offer no talk', async () => {
    const r = await read('Lukas Schneider <lukas.schneider@shop.example>', 'Re: Pizza after the meetup?', 'Hi,\n\nI\'d be up for it: "Chez Gino", 20 minutes from the venue.\n\nLukas\n');
    expect(r.kind).not.toBe('proposal');
  });
});
