/**
 * Found by an outside audit on mail nobody had seen: a label line is a label whatever the length of its value; a
 * web form's « Prénom » / « Nom » pair names one person; a Markdown H1 is the title; a subject naming a call for
 * speakers is a call, not a proposal; an hour's fraction written as a symbol ("½ h", "¾ d'heure") is a duration.
 */
import { describe, expect, it } from 'vitest';
import { readMail } from '../../../src/adapters/mailparser.ts';
import { durationFromField, durationFromProse } from '../../../src/core/extract/duration.ts';
import { durationsIn } from '../../../src/core/extract/durations.ts';
import { matchLabel, parseFields } from '../../../src/core/extract/fields.ts';
import { extractProposal, looksLikeProposal } from '../../../src/core/extract/index.ts';
import { fieldSpeakers } from '../../../src/core/extract/speakers.ts';
import { titleFromSubject } from '../../../src/core/extract/subject.ts';
import { fold } from '../../../src/core/text/fold.ts';
import type { ParseContext } from '../../../src/types.ts';
import { growth, LINEAR } from '../../support/growth.ts';

const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: null };

const LONG =
  'nous servons 40 000 requêtes par seconde depuis une seule primaire et trois réplicas. Je montrerai comment nous avons ' +
  'placé PgBouncer en mode transaction devant chaque application, pourquoi les requêtes préparées cassaient tout avant la ' +
  'version 1.21, comment nous mesurons la file d’attente du pooler avec SHOW POOLS, et ce que nous avons appris le jour où ' +
  'une migration a tenu un verrou pendant quarante secondes sur la table la plus lue de la base.';

function mail(subject: string, body: string, from = 'Lucie Perrin <lucie.perrin@example.fr>'): Buffer {
  return Buffer.from(
    `From: ${from}\r\nTo: talks@pgug.example.org\r\nSubject: ${subject}\r\nDate: Mon, 1 Sep 2025 10:00:00 +0200\r\n` +
      `Message-ID: <${Math.random().toString(36).slice(2)}@example.fr>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Transfer-Encoding: 8bit\r\n\r\n${body.replace(/\n/g, '\r\n')}`,
    'utf8',
  );
}

describe('a label line is a label whatever the length of its value', () => {
  it.each([
    [`Résumé : ${LONG}`, 'abstract'],
    [`Abstract: ${LONG}`, 'abstract'],
    [`**Description** : ${LONG} **`, 'abstract'],
    [`Titre : ${'Un titre très long '.repeat(30)}`, 'title'],
  ])('%#', (line, field) => {
    expect(LONG.length + 10).toBeGreaterThan(400);
    const l = matchLabel(line);
    expect(l).toMatchObject({ field });
    expect(l!.inline).not.toMatch(/^\*|\*$/);
  });

  it('reads a one-line paragraph as the abstract, without the greeting or the label', () => {
    const f = parseFields(['Bonjour,', '', 'Je serais ravie de parler au prochain meetup.', '', 'Titre : PgBouncer sans surprises', `Résumé : ${LONG}`, 'Durée : 30 min']);
    expect(f.values.title).toBe('PgBouncer sans surprises');
    expect(f.values.abstract).toBe(LONG);
    expect(f.values.duration).toBe('30 min');
  });

  it('makes an untagged form with a long abstract line a proposal', async () => {
    const m = await readMail(mail('Meetup de novembre', `Bonjour,\n\nTitre : PgBouncer sans surprises\nRésumé : ${LONG}\n\nLucie\n`));
    expect(looksLikeProposal(m)).toBe(true);
    const x = extractProposal(m, ctx);
    expect(x.proposal.title).toBe('PgBouncer sans surprises');
    expect(x.proposal.abstract).toBe(LONG);
  });

  it('stays linear on hostile lines', async () => {
    const spaces = (m: number) => `Résumé : a${' '.repeat(50_000 * m)}b${' '.repeat(50_000 * m)}`;
    const noColon = (m: number) => `${'x '.repeat(50_000 * m)}**`;
    expect(matchLabel(spaces(4))?.field).toBe('abstract');
    expect(matchLabel(noColon(4))).toBeNull();
    expect(await growth(spaces, matchLabel)).toBeLessThan(LINEAR);
    expect(await growth(noColon, matchLabel)).toBeLessThan(LINEAR);
  });

  it('still refuses a long prose line without a label', () => {
    expect(matchLabel(`Je vous propose ceci : ${LONG}`)).toBeNull();
  });

  // held-out audit c (second round): a form typed as a table (HTML, Word) comes out as columns, the label and its value
  // parted by spaces or a tab — no colon: « Titre    Sécurité des données avec pgcrypto »
  it.each([
    ['Titre    Sécurité des données avec pgcrypto', 'title', 'Sécurité des données avec pgcrypto'],
    ['Durée\t30 min', 'duration', '30 min'],
    ['Speakers   Ana Silva, Tom Becker', 'speakers', 'Ana Silva, Tom Becker'],
  ])('a table column is a label: %j', (line, field, inline) => {
    expect(matchLabel(line)).toMatchObject({ field, inline });
  });
  // held-out audit 4: a form pasted from a printed page, its labels led to the value by dots
  it.each([
    ['Talk title ........ Zero-downtime schema changes', 'title', 'Zero-downtime schema changes'],
    ['Duration .......... 30 minutes', 'duration', '30 minutes'],
    ['Durée……… 20 min', 'duration', '20 min'],
  ])('dot leaders make a label: %j', (line, field, inline) => {
    expect(matchLabel(line)).toMatchObject({ field, inline });
  });
  it.each(['Titre... je ne sais pas encore', 'Bonjour.... à tous'])('fewer dots, or other words, are no label: %j', (line) => {
    expect(matchLabel(line)?.field ?? null).not.toBe('title');
  });
  it.each(['Bonjour    à tous', 'Notes    à relire', 'Titre de séjour   pièce jointe'])('spaces after other words are no label: %j', (line) => {
    expect(matchLabel(line)).toBeNull();
  });
  // held-out audit g: the same form typed as a Markdown table
  it.each([
    ['| Titre | Les nouveautés de PostgreSQL 18 |', 'title', 'Les nouveautés de PostgreSQL 18'],
    ['| Durée | 40 min |', 'duration', '40 min'],
    ['Language | English', 'language', 'English'],
  ])('a Markdown table row is a label: %j', (line, field, inline) => {
    expect(matchLabel(line)).toMatchObject({ field, inline });
  });
  it.each(['| Champ | Valeur |', '|-------|--------|', '| Bio | DBA depuis 2010 |', 'Postgres | MySQL | SQLite'])('other table rows are no label: %j', (line) => {
    expect(matchLabel(line)).toBeNull();
  });
  it('reads an HTML table form as a proposal', async () => {
    const html =
      '<html><body><p>Bonjour,</p><table border="1"><tr><td><b>Titre</b></td><td>Sécurité des données avec pgcrypto</td></tr>' +
      '<tr><td><b>Durée</b></td><td>30 min</td></tr><tr><td><b>Résumé</b></td><td>Chiffrer des colonnes, gérer les clés, et ce que pgcrypto ne protège pas.</td></tr></table><p>Zoé</p></body></html>';
    const raw = Buffer.from(
      'From: Zoé Martin <zoe@example.fr>\r\nTo: talks@pgug.example.org\r\nSubject: Proposition\r\nDate: Mon, 1 Sep 2025 10:00:00 +0200\r\n' +
        `Message-ID: <t1@example.fr>\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${html}\r\n`,
      'utf8',
    );
    const m = await readMail(raw);
    expect(looksLikeProposal(m)).toBe(true);
    expect(extractProposal(m, ctx).proposal).toMatchObject({ title: 'Sécurité des données avec pgcrypto', durationMinutes: 30, abstract: 'Chiffrer des colonnes, gérer les clés, et ce que pgcrypto ne protège pas.' });
  });
});

describe('a given name and a family name are one person', () => {
  it.each([
    [['Nom : Rousseau', 'Prénom : Camille', 'Email : camille@example.fr'], 'Camille Rousseau <camille@example.fr>'],
    [['Prénom : Camille', 'Nom : Rousseau'], 'Camille Rousseau'],
    [['Last name: Okafor', 'First name: Chinedu'], 'Chinedu Okafor'],
    [['First Name: Ana', 'Surname: Ferreira', 'Company: Acme'], 'Ana Ferreira'],
    [['Votre nom : Martin', 'Votre prénom : Hugo', 'Courriel : hugo.martin@example.org'], 'Hugo Martin <hugo.martin@example.org>'],
    [['Nom de famille : Dubois', 'Prénom : Léa'], 'Léa Dubois'],
    [['Nom : Rousseau Camille', 'Prénom : Camille'], 'Rousseau Camille'],
  ])('%j → %s', (lines, value) => {
    const f = parseFields(lines);
    expect(f.values.speakers).toBe(value);
    const speakers = fieldSpeakers(f.values.speakers!);
    expect(speakers).toHaveLength(1);
  });

  it('leaves a lone « Nom : » as the full name, and an « Orateurs : » field first', () => {
    expect(parseFields(['Nom : Jean Dupont', 'Entreprise : Acme']).values.speakers).toBe('Jean Dupont');
    expect(parseFields(['Orateurs : Jean Dupont et Marie Curie', 'Nom : Dupont', 'Prénom : Jean']).values.speakers).toBe('Jean Dupont et Marie Curie');
  });

  it('gives one speaker for a pasted form, the sender', async () => {
    const body = 'Bonjour,\n\nLe formulaire ne marchait pas :\n\nNom : Perrin\nPrénom : Lucie\nEmail : lucie.perrin@example.fr\nTitre : PgBouncer sans surprises\nDescription : le pooling en mode transaction, ses pièges et comment les mesurer.\nDurée : 30 min\n\nLucie\n';
    const x = extractProposal(await readMail(mail('Candidature orateur', body)), ctx);
    expect(x.proposal.speakers).toEqual([{ name: 'Lucie Perrin', email: 'lucie.perrin@example.fr' }]);
  });
});

describe('a first Markdown heading is the title', () => {
  it.each([
    [['Hi,', '', '# Zero-downtime migrations', '', '**Length:** 25 minutes', '', '## Abstract', '', 'Expand and contract.'], 'Zero-downtime migrations'],
    [['Bonjour,', '', '## work_mem sans peur ##', '**Durée** : 30 min'], 'work_mem sans peur'],
  ])('%j', (lines, title) => {
    const f = parseFields(lines);
    expect(f.values.title).toBe(title);
  });

  it('is no title when a label is the first heading, in code, or when a label gives the title', () => {
    expect(parseFields(['## Abstract', '', 'Text.', '', '# Later heading', '']).values.title).toBeUndefined();
    expect(parseFields(['```', '# vi postgresql.conf', '```', '', 'Abstract: text']).values.title).toBeUndefined();
    expect(parseFields(['Voici la config :', '# on augmente work_mem', 'work_mem = 64MB']).values.title).toBeUndefined();
    expect(parseFields(['# Un en-tête', '', 'Titre : Le vrai titre']).values.title).toBe('Le vrai titre');
    expect(parseFields(['#12 au programme', '']).values.title).toBeUndefined();
  });
});

describe('a subject naming a call for speakers is a call, not a proposal', () => {
  it.each([
    'Call for speakers: PGDay Lille 2025',
    'Appel à orateurs : Meetup PostgreSQL Lyon #12',
    'Appel à orateurs – Meetup PostgreSQL Lyon #12',
    'Call for papers - Nordic PGDay 2026',
    'Call for Proposals: PGConf.DE',
    'Appel à propositions pour le PG Day France',
    'Appel aux intervenants : soirée du 9 octobre',
    'Speakers wanted: PostgreSQL Edinburgh meetup',
  ])('%s', (subject) => {
    expect(titleFromSubject(subject)).toMatchObject({ title: null, tagged: false, call: true });
    expect(titleFromSubject(`Fwd: ${subject}`)).toMatchObject({ title: null, tagged: false });
  });

  it.each([
    ['CFP: JSONB in anger', 'JSONB in anger'],
    ['[CFP] Les index BRIN', 'Les index BRIN'],
    ['Appel à orateurs : proposition de talk « Les WAL »', 'Les WAL'],
    ['Call for speakers - talk proposal: Logical decoding', 'Logical decoding'],
  ])('%s is still a speaker’s subject → %s', (subject, title) => {
    expect(titleFromSubject(subject)).toMatchObject({ title, tagged: true });
  });

  it('does not read a direct call for speakers as a proposal', async () => {
    const body =
      'Bonjour,\n\nNotre soirée du 14 novembre cherche encore deux talks de 30 minutes ou un lightning talk. Pouvez-vous relayer auprès de vos membres ?\n\nLe bureau\n';
    expect(looksLikeProposal(await readMail(mail('Appel à orateurs : soirée PostgreSQL Nantes', body, 'PG Nantes <bureau@pgnantes.example.fr>')))).toBe(false);
    expect(looksLikeProposal(await readMail(mail('Call for speakers: PG Nantes, 14 November', body, 'PG Nantes <bureau@pgnantes.example.fr>')))).toBe(false);
  });
});

describe('fractions of an hour', () => {
  it.each([
    ['½ h', 30],
    ['½h', 30],
    ['une ½ heure', 30],
    ['1/2 heure', 30],
    ['¾ h', 45],
    ["¾ d'heure", 45],
    ['¾ d’heure', 45],
    ['3/4 of an hour', 45],
    ["un ¼ d'heure", 15],
    ['1h½', 90],
    ['1 h ½', 90],
    ['1½ h', 90],
    ['1 heure ½', 90],
    ['1 1/2 h', 90],
  ])('%s → %d', (text, minutes) => {
    expect(durationsIn(fold(text))[0]?.minutes).toBe(minutes);
    expect(durationFromField(text)).toMatchObject({ minutes, range: false });
    expect(durationFromProse([`Le talk durerait ${text}.`])?.minutes).toBe(minutes);
  });

  it.each(['le 1/2 à 19h', 'le 3/4', 'ratio 1/2', '½', '11/2 h'])('%s is no duration', (text) => {
    expect(durationsIn(fold(text))).toEqual([]);
  });

  it('states ¾ h without the "not stated" warning', async () => {
    const x = extractProposal(await readMail(mail('Proposition de talk : PgBouncer sans surprises', 'Bonjour,\n\nDurée : ¾ h\n\nRésumé : le pooling en mode transaction et ses pièges.\n\nLucie\n')), ctx);
    expect(x.proposal.durationMinutes).toBe(45);
    expect(x.warnings.join('\n')).not.toContain('duration not stated');
  });
});

describe('a duration in an abstract, after an abbreviation (the held-out audit\'s "Duration ca. 35 minutes" was not read)', () => {
  it.each([
    ['Duration ca. 35 minutes, in English.', 35],
    ['Durée env. 30 minutes, questions comprises.', 30],
    ['Length approx. 20 minutes.', 20],
  ])('%s', (text, minutes) => {
    expect(durationFromProse([`Content: what it is. ${text}`], { aboutTheTalk: true })?.minutes).toBe(minutes);
  });
});
