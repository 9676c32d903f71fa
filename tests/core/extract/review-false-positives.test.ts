/**
 * A second reading of parse audit 8's additions for look-alikes they must not file: mail near the new shapes that offers
 * no talk of its writer's. Each row here was filed as a proposal before its fix (review of d4b3928..).
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/core/classify/index.ts';
import { extractProposal } from '../../../src/core/extract/index.ts';
import { cleanName } from '../../../src/core/text/names.ts';
import { mail, withAttachment } from '../classify/build.ts';

const ctx = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: null };
const writer = 'Marc Lefèvre <marc.lefevre@example.com>';

async function read(subject: string, body: string) {
  const m = await mail({ from: writer, subject, body });
  const kind = classify(m, ctx).kind;
  return kind === 'proposal' ? { kind, title: extractProposal(m, ctx).proposal.title } : { kind };
}

describe('someone else’s talk, then asked whether it suits, is no offer (54ee996 filed « Un petit talk de Lucie sur pgvector, ça vous dirait ? » as its writer’s)', () => {
  it.each([
    ['Re: Meetup de janvier', 'Salut,\n\nUn petit talk de Lucie sur pgvector, ça vous dirait ? Elle m’en a parlé hier.\n\nMarc\n'],
    ['Pour mars', 'Bonjour,\n\nUne présentation de Thomas Roux sur le partitionnement, ça vous irait ?\n\nMarc\n'],
    ['Pour mars', 'Hello,\n\nUn talk by Anna about logical replication, ça vous dirait ?\n\nMarc\n'],
  ])('%s: %s', async (subject, body) => {
    expect((await read(subject, body)).kind).toBe('other');
  });

  it.each([
    ['Idée', 'Bonjour,\n\nUn éclair de cinq minutes sur « pg_cron pour les nuls », ça vous irait ?\n\nMarc\n', 'pg_cron pour les nuls'],
    ['talk', 'Bonjour\n\nun talk de 5 min sur "pg_hint_plan en pratique" ca vous tente ?\n\nMarc\n', 'pg_hint_plan en pratique'],
    ['Idée', 'Bonjour,\n\nUne présentation « Patroni sans larmes », cela vous conviendrait ?\n\nMarc\n', 'Patroni sans larmes'],
  ])('%s (guard, the writer’s): %s', async (subject, body, title) => {
    expect(await read(subject, body)).toMatchObject({ kind: 'proposal', title });
  });
});

/** A covering note and a text file attached. */
async function withDocument(subject: string, note: string, filename: string, doc: string, type = 'text/markdown') {
  const m = await mail({ from: writer, subject, mime: withAttachment(note, filename, type, doc) });
  const kind = classify(m, ctx).kind;
  if (kind !== 'proposal') return { kind };
  const p = extractProposal(m, ctx).proposal;
  return { kind, title: p.title, speakers: p.speakers.map((x) => `${x.name} <${x.email}>`) };
}

describe('the notes of a talk given, attached, are no proposal (d6f2661 read the file as one: « ci-joint les notes de mon talk d’hier » over notes.md)', () => {
  const notes = '# Vacuum en profondeur\n\nNotes du talk donné le 2 décembre. Durée : 30 minutes.\nMerci à tous.\n';
  it.each([
    ['Slides', 'Bonjour,\n\nComme promis, ci-joint les notes de mon talk d’hier.\n\nMarc\n'],
    ['Notes', 'Hi,\n\nPlease find attached the notes from last night’s talk.\n\nMarc\n'],
    ['Support', 'Bonjour,\n\nCi-joint le support de ma présentation d’hier soir, pour ceux qui l’ont demandé.\n\nMarc\n'],
  ])('%s: %s', async (subject, note) => {
    expect((await withDocument(subject, note, 'notes.md', notes)).kind).toBe('other');
  });

  it('guard: a proposal in the attached file under a note pointing to it', async () => {
    const doc = '# Vacuum en profondeur\n\nCe que fait autovacuum, pourquoi il prend du retard et comment le régler. Durée : 30 minutes.\n';
    expect(await withDocument('Proposition de talk', 'Bonjour,\n\nVous trouverez ci-joint ma proposition de talk.\n\nMarc\n', 'proposition.md', doc)).toMatchObject({ kind: 'proposal', title: 'Vacuum en profondeur' });
  });
});

describe('a proposal passed on in an attached file names its speaker there (d6f2661 read its title and length, and filed it as the forwarder’s)', () => {
  it.each([
    ['Fwd: Proposition', 'Bonjour,\n\nJe vous transfère la proposition de Lucie, ci-jointe.\n\nMarc\n', 'Titre : Vacuum sans peur\nDurée : 20 minutes\nOratrice : Lucie Martin <lucie.martin@example.com>\n'],
    ['Talk proposal from a colleague', 'Hi,\n\nMy colleague asked me to send you her proposal, attached.\n\nMarc\n', 'Title: Vacuum without fear\nLength: 20 min\nSpeaker: Lucie Martin <lucie.martin@example.com>\n'],
  ])('%s: %s', async (subject, note, doc) => {
    expect((await withDocument(subject, note, 'proposal.txt', doc, 'text/plain')).speakers).toEqual(['Lucie Martin <lucie.martin@example.com>']);
  });

  it('guard: the writer’s own file with no speaker named is still the writer’s', async () => {
    const r = await withDocument('Proposition', 'Bonjour,\n\nMa proposition est en pièce jointe.\n\nMarc\n', 'proposition.txt', 'Titre : Vacuum sans peur\nDurée : 20 minutes\nRésumé : autovacuum expliqué.\n', 'text/plain');
    expect(r.speakers).toEqual([writer]);
  });
});

describe('a hyphen joins a name: no directory mark is cut from it (5ab6e2c cut « Dupont-Ext » to « Dupont »)', () => {
  it.each([
    ['Jean Dupont-Ext', 'Jean Dupont-Ext'],
    ['Marie Durand-Externe', 'Marie Durand-Externe'],
    ['Paul Martin–Extern', 'Paul Martin–Extern'],
    // guards: the marks set apart, as 5ab6e2c reads them
    ['Anna WEBER - EXT', 'Anna Weber'],
    ['Anna Weber -EXT', 'Anna Weber'],
    ['Jean Dupont | External', 'Jean Dupont'],
    ['Jean Dupont|Prestataire', 'Jean Dupont'],
    ['Jean Dupont [Externe]', 'Jean Dupont'],
  ])('%s → %s', (raw, name) => {
    expect(cleanName(raw)).toBe(name);
  });
});

describe('a count heading over items that are no talks offers none (b95dca2 filed « Trois sujets : » over « 1. La salle / 2. Le traiteur » as a proposal)', () => {
  it.each([
    ['Idées', 'Bonjour,\n\nTrois sujets :\n1. La salle\n2. Le traiteur\n3. Les sponsors\nOn en parle jeudi ?\n\nMarc\n'],
    ['Re: Appel à orateurs', "Bonjour,\n\nDeux propositions :\n- décaler le meetup d'une semaine\n- ouvrir un Discord\n\nMarc\n"],
    ['Organisation', 'Hello,\n\nA few ideas:\n- a bigger room\n- more pizza\n- name badges\n\nMarc\n'],
  ])('%s: %s', async (subject, body) => {
    expect((await read(subject, body)).kind).toBe('other');
  });

  it.each([
    ['Deux sujets', 'Bonjour,\n\nDeux idées :\n\n1. Les index partiels, 20 minutes\n2. Le JIT en pratique, en lightning\n\nMarc\n'],
    ['Pour le meetup', 'Hello,\n\nTwo ideas for the next meetup:\n\n- "Partial indexes"\n- "JIT in practice"\n\nMarc\n'],
    ['Sujets', 'Bonjour,\n\nQuelques sujets possibles :\n\n- un talk sur les index partiels\n- une démo du JIT\n\nMarc\n'],
  ])('%s (guard, talks listed): %s', async (subject, body) => {
    expect((await read(subject, body)).kind).toBe('proposal');
  });
});

describe('the talk described after « je propose : » is no title (2512607 titled a proposal « Une présentation courte sur pg_cron, si vous avez un créneau »)', () => {
  it.each([
    ['Proposition', 'Bonjour,\n\nJe propose : Une présentation courte sur pg_cron, si vous avez un créneau.\n\nMarc\n'],
    ['Proposition', 'Bonjour,\n\nJe vous propose : Un talk sur la réplication logique, une vingtaine de minutes.\n\nMarc\n'],
    ['Talk', 'Hi,\n\nI propose: A short talk about logical replication, 20 minutes or so.\n\nMarc\n'],
  ])('%s: %s', async (subject, body) => {
    // filed, with no title or the topic (« la réplication logique »), not the line describing the offer
    const r = await read(subject, body);
    expect(r.kind).toBe('proposal');
    expect(r.title ?? '').not.toMatch(/^(?:une?|a)\s/i);
  });

  it.each([
    ['Proposition', 'Bonjour,\n\nJe propose : Une introduction à pgvector\nDurée : 20 minutes\n\nMarc\n', 'Une introduction à pgvector'],
    ['Proposition', 'Bonjour,\n\nJe propose : Mise en œuvre de la haute disponibilité avec pg_auto_failover\nDurée : 25 minutes\n\nMarc\n', 'Mise en œuvre de la haute disponibilité avec pg_auto_failover'],
  ])('%s (guard, a title): %s', async (subject, body, title) => {
    expect(await read(subject, body)).toMatchObject({ kind: 'proposal', title });
  });
});

describe('a contact named with a comma and an address is no co-speaker (6fcbc6d added whoever « avec » / "with" named so)', () => {
  const speakers = async (subject: string, body: string) => {
    const m = await mail({ from: writer, subject, body });
    return extractProposal(m, ctx).proposal.speakers.map((x) => `${x.name} <${x.email}>`);
  };
  it.each([
    ['Proposition de talk', 'Bonjour,\n\nJe voudrais présenter « Le MVCC expliqué ». Pour la facture du déplacement, voyez avec Claire Martin, claire.martin@datalyse.fr.\n\nMarc\n'],
    ['Talk proposal', 'Hi,\n\nI\'d like to present "MVCC explained". For travel expenses please get in touch with Claire Martin, claire.martin@datalyse.fr.\n\nMarc\n'],
  ])('%s: %s', async (subject, body) => {
    expect(await speakers(subject, body)).toEqual([writer]);
  });

  it.each([
    ['Proposition de talk', 'Bonjour,\n\nJe présenterais avec Claire Martin, claire.martin@datalyse.fr, le sujet « Le MVCC expliqué ».\n\nMarc\n'],
    ['Talk proposal', 'Hi,\n\nI would present "MVCC explained" with Claire Martin, claire.martin@datalyse.fr.\n\nMarc\n'],
  ])('%s (guard, the co-speaker): %s', async (subject, body) => {
    expect(await speakers(subject, body)).toEqual([writer, 'Claire Martin <claire.martin@datalyse.fr>']);
  });
});

describe('a journey’s minutes are no talk’s length (eda2c7a / 35c7b39 read « à 10 petites minutes de la salle » as a 10-minute lightning talk, « une heure trente de route » as 90 minutes)', () => {
  const minutes = async (body: string) => {
    const m = await mail({ from: writer, subject: 'Proposition de talk', body });
    return extractProposal(m, ctx).proposal.durationMinutes;
  };
  it.each([
    'Bonjour,\n\nJe voudrais présenter « Vacuum en profondeur ». Nos bureaux sont à 10 petites minutes de la salle, je peux venir tôt.\n\nMarc\n',
    "Bonjour,\n\nJe voudrais présenter « Vacuum en profondeur ». J'ai une heure trente de route, donc je préfère passer en premier.\n\nMarc\n",
    'Hi,\n\nI\'d like to present "Vacuum deep dive". Our office is 10 minutes from the venue.\n\nMarc\n',
    'Hi,\n\nI\'d like to present "Vacuum deep dive". I live a 20 minutes drive away, happy to come early.\n\nMarc\n',
  ])('%s → the default length', async (body) => {
    expect(await minutes(body)).toBe(45);
  });

  it.each([
    ['Bonjour,\n\nJe voudrais présenter « Vacuum en profondeur », 20 bonnes minutes.\n\nMarc\n', 20],
    ['Hi,\n\nI\'d like to present "Vacuum deep dive", a 20 minute walk-through of autovacuum.\n\nMarc\n', 20],
    ['Bonjour,\n\nJe voudrais présenter « Vacuum en profondeur », il me faudrait une heure trente.\n\nMarc\n', 90],
  ])('guard: %s → %i', async (body, want) => {
    expect(await minutes(body)).toBe(want);
  });
});
