/**
 * Labels that are not labels (a parenthesis continuing a sentence), Cc'd people who are not co-speakers, and the
 * signature's fuller name over a one-word display name. The reviewer's mails are fixtures 50 and 51.
 */
import { describe, expect, it } from 'vitest';
import { matchLabel, parseFields } from '../../../src/core/extract/fields.ts';
import { findSpeakers, type SpeakerInputs } from '../../../src/core/extract/speakers.ts';

describe('a label inside a parenthesis', () => {
  it.each([
    ['(talk title: "Leaving MySQL after ten years"), around 30 minutes.', 'title', 'Leaving MySQL after ten years'],
    ['(titre : « Les verrous expliqués ») pour une vingtaine de minutes', 'title', 'Les verrous expliqués'],
    ['(Title: Logical replication at scale) if that works for you', 'title', 'Logical replication at scale'],
    ["(working title: 'Postgres's hidden costs'), maybe 20 min", 'title', "Postgres's hidden costs"],
    ['- (durée : 20 min)', 'duration', '20 min'],
  ])('%s gives only the parenthesised value', (line, field, inline) => {
    expect(matchLabel(line)).toMatchObject({ field, inline, aside: true });
  });

  it.each([
    'Our talk (title: Leaving MySQL) would take 30 minutes',
    '(title: Leaving MySQL after ten years, around 30 minutes',
    '(talk title: "Leaving MySQL after',
    'I would present it (Title: X) next month',
  ])('%s is not a label', (line) => {
    expect(matchLabel(line)).toBeNull();
  });

  it('keeps ordinary labels, and a closed parenthesis inside one', () => {
    expect(matchLabel('Durée (en minutes) : 20')).toMatchObject({ field: 'duration', inline: '20' });
    expect(matchLabel('- **Title:** Foo')).toMatchObject({ field: 'title', inline: 'Foo' });
    expect(matchLabel('Title: Foo (part 2)')).toMatchObject({ field: 'title', inline: 'Foo (part 2)' });
  });

  it('reads the aside as the title, leaving the wrapped sentence to the prose', () => {
    const lines = ['Hello,', '', "I'd like to present our migration at the next meetup", '(talk title: "Leaving MySQL after ten years"), around 30 minutes.', '', 'Thanks'];
    const f = parseFields(lines);
    expect(f.values.title).toBe('Leaving MySQL after ten years');
    expect(f.used.has(3)).toBe(false);
  });

  it('lets a labelled field win over an aside, and does not cut a labelled abstract', () => {
    const lines = ['Abstract:', 'We moved off MySQL', '(title: Not this one) and it went well', 'over two years.', '', 'Title: The real title'];
    const f = parseFields(lines);
    expect(f.values.title).toBe('The real title');
    expect(f.values.abstract).toBe('We moved off MySQL\n(title: Not this one) and it went well\nover two years.');
  });
});

const author = { name: 'Diego Alvarez', email: 'diego@x.example' };
const base: SpeakerInputs = { author, signatureName: null, field: null, body: '', cc: [], exclude: new Set(), own: new Set() };
const laura = { name: 'Laura Chen', email: 'laura@x.example' };
const names = (x: Partial<SpeakerInputs>) => findSpeakers({ ...base, ...x }).speakers.map((s) => s.name);

describe('Cc and co-speakers', () => {
  it.each([
    ["I'd like to present our migration.\n\nI've copied my manager, Laura Chen, who approved the talk."],
    ["We'd like to present our migration to PostgreSQL.\nI've copied my manager, Laura Chen, who approved the talk."],
    ['I would like to give a talk on partitioning. Laura (my boss) is in Cc, FYI.'],
    ['Je souhaiterais présenter un talk sur le partitionnement. Je mets Laura Chen, ma responsable, en copie.'],
    ['Nous aimerions présenter notre migration. Laura Chen a validé le sujet et est en copie.'],
    ["I'd like to give a talk on VACUUM. Laura Chen is cc'd."],
    ["I'd like to give a talk on VACUUM. Laura knows the details of the setup."],
    ["We'd like to present our migration to PostgreSQL. I've copied my manager, who approved the talk."],
    ['Nous aimerions présenter notre migration. Je mets mon chef en copie pour validation.'],
  ])('%s: the Cc is not a speaker', (body) => {
    expect(names({ body, cc: [laura] })).toEqual(['Diego Alvarez']);
  });

  it.each([
    ['Laura and I would like to give a talk together at the next meetup.'],
    ['My colleague Laura Chen (in Cc) and I ran pg_upgrade on a 12 TB cluster. We would like to compare both.'],
    ["I've copied Laura Chen, my co-speaker."],
    ['Laura Chen et moi présenterons la migration.'],
    ['Nous serons deux : Laura et moi.'],
    ['I would like to give a talk together with my colleague Laura Chen.'],
    ['My manager Laura Chen and I will co-present our migration.'],
    ["We'd like to present our migration; Laura will do the demo part."],
    ['I would like to give a talk on our migration. Laura Chen will be presenting it with me.'],
    ['I would like to give a talk on our migration, Laura is joining me on stage.'],
    ['Je souhaiterais présenter notre migration ; Laura me rejoindra pour la démo.'],
    ["We'd like to present our migration to PostgreSQL at the next meetup."],
  ])('%s: the Cc is a co-speaker', (body) => {
    expect(names({ body, cc: [laura] })).toEqual(['Diego Alvarez', 'Laura Chen']);
  });

  it('does not take an unnamed Cc for a third speaker once the co-speaker is named', () => {
    const body = 'I would like to submit a talk co-presented with Elena Rossi. We run monthly drills.';
    const cc = [{ name: 'Elena Rossi', email: 'elena@x.example' }, { name: 'Dimitri Organisateur', email: 'dim@x.example' }];
    expect(names({ body, cc })).toEqual(['Diego Alvarez', 'Elena Rossi']);
  });
});

describe('the signature fills out a short display name', () => {
  const priya = (name: string, signatureName: string | null) =>
    findSpeakers({ ...base, author: { name, email: 'priya.raman@gmail.com' }, signatureName, body: 'I would like to give a talk.' }).speakers[0]?.name;
  it.each([
    ['priya', 'Priya Raman', 'Priya Raman'],
    ['Priya', 'Priya Raman', 'Priya Raman'],
    ['elodie', 'Élodie Garnier', 'Élodie Garnier'],
    ['priya r.', 'Priya Raman', 'Priya Raman'],
    ['Priya', 'Sam Patel', 'Priya'],
    ['Priya R', 'Priya Raman', 'Priya R'],
    ['Priya Raman', 'Priya', 'Priya Raman'],
    ['Garnier Élodie', 'Élodie Garnier', 'Élodie Garnier'],
    ['priya', null, 'Priya'],
  ])('From %s, signed %s → %s', (name, sig, expected) => {
    expect(priya(name, sig)).toBe(expected);
  });

  // the signature's word order wins, not its capitals: "Prénom NOM" is cleaned like a display name
  it.each([
    ['MOREAU Thierry', 'Thierry MOREAU', 'Thierry Moreau'],
    ['Dupont, Jean', 'Jean DUPONT', 'Jean Dupont'],
    ['Garnier Élodie', 'ÉLODIE GARNIER', 'Élodie Garnier'],
    ['Jean-Pierre Le Gall', 'LE GALL Jean-Pierre', 'Jean-Pierre Le Gall'],
    ['priya', 'Priya RAMAN', 'Priya Raman'],
  ])('From %s, signed %s → %s (cleaned)', (name, sig, expected) => {
    expect(priya(name, sig)).toBe(expected);
  });
});

// held-out audit x: a family's shared address (« Famille Martin ») was filed as the speaker's name, the signer ignored
describe('a household display name', () => {
  it.each([
    ['Famille Martin', 'Julie Martin', 'Julie Martin'],
    ['famille martin', 'Julie Martin', 'Julie Martin'],
    ['Martin Family', 'Paul Martin', 'Paul Martin'],
    ['M. et Mme Martin', 'Paul Martin', 'Paul Martin'],
    ['Famille Martin', null, 'Famille Martin'],
    // a person called Les, or whose surname is Family, keeps the name they send with
    ['Les Paul', 'Les', 'Les Paul'],
    ['Julie Martin', 'Paul Martin', 'Julie Martin'],
  ])('From %s, signed %s → %s', (name, sig, expected) => {
    expect(findSpeakers({ ...base, author: { name, email: 'famille.martin@free.example.fr' }, signatureName: sig }).speakers[0]?.name).toBe(expected);
  });
});
