/** Table-driven checks of the text helpers: quotes, signatures, forwards, names, language. */
import { describe, expect, it } from 'vitest';
import { stripQuotes } from '../../../src/core/text/quotes.ts';
import { stripSignature } from '../../../src/core/text/signature.ts';
import { findInlineForward } from '../../../src/core/text/forward.ts';
import { cleanName, nameFromLocalPart } from '../../../src/core/text/names.ts';
import { detectLanguage } from '../../../src/core/language.ts';

describe('stripQuotes', () => {
  it.each([
    ['Merci !\n\nLe lun. 3 mars 2025 à 10:00, Jean Dupont <jean@x.fr> a\nécrit :\n> Bonjour\n> test', 'Merci !'],
    ['Thanks\n\nOn Mon, Mar 3, 2025 at 10:00 AM Jean <\njean@x.fr> wrote:\n\n> hi', 'Thanks'],
    ['OK pour moi\r\n\r\n________________________________\r\nDe : Jean\r\nEnvoyé : lundi\r\nÀ : x\r\nObjet : RE: talk\r\n\r\nblah', 'OK pour moi'],
    ['Hello\n-----Original Message-----\nFrom: a\nSent: b\nSubject: c', 'Hello'],
    ['Top\n> quoted\nbottom', 'Top\nbottom'],
    ['Le talk durerait 20 minutes.\nLe titre : X', 'Le talk durerait 20 minutes.\nLe titre : X'],
    // the writer's sentence starting with « Le » / "On" right above an attribution is not its first line
    ['Le 14 janvier me va très bien, je serai là dès 18h30.\nLe 30/11/2026 à 10:58, PostgreSQL Paris a écrit :\n> Bonjour', 'Le 14 janvier me va très bien, je serai là dès 18h30.'],
    ['On second thought, could we make it 20 minutes?\n\nOn Mon, Nov 30, 2026 at 10:58 AM PostgreSQL Paris <\ncfp@pgparis.org> wrote:\n\n> Hello', 'On second thought, could we make it 20 minutes?'],
    ['Le lien corrigé : https://youtu.be/abc123\n\nLe lun. 30 nov. 2026 à 10:58, PostgreSQL Paris <\ncfp@pgparis.org> a écrit :\n\n> Bonjour', 'Le lien corrigé : https://youtu.be/abc123'],
  ])('%#', (text, out) => expect(stripQuotes(text)).toBe(out));
});

describe('stripSignature', () => {
  it.each([
    ['Corps\n\nCordialement,\nJean Dupont\nDSI', 'Corps', 'Jean Dupont'],
    ['Body\n\nRegards,\nPriya', 'Body', 'Priya'],
    ['Body\n-- \nAlice Nguyen\nhttps://x', 'Body', 'Alice Nguyen'],
    ['Un LT ?\n\nEnvoyé de mon iPhone', 'Un LT ?', null],
    ['Merci d\'avance,\nClaire Fontaine', '', 'Claire Fontaine'],
    // held-out audit x: two who sign together stayed at the end of the abstract
    ['Nous aimerions présenter notre migration. 40 minutes.\n\nPaul & Marie', 'Nous aimerions présenter notre migration. 40 minutes.', null],
    ['We would like to present it together.\n\nTom Becker and Ana Silva', 'We would like to present it together.', null],
    ['Corps.\n\nPaul et Marie Durand\nAcme', 'Corps.', null],
    // held-out audit c: a name signed after a dash ("-- Bea Schulz", "- Ana", « — Hugo ») stayed at the end of the abstract
    ['A small script around it.\n\n-- Bea Schulz', 'A small script around it.', 'Bea Schulz'],
    ['We will write a small extension together.\n\n- Ana', 'We will write a small extension together.', 'Ana'],
    ['Un retour sur deux ans de production.\n\n— Hugo Marin\nConsultant PostgreSQL', 'Un retour sur deux ans de production.', 'Hugo Marin'],
    // fourth round: thanks in the writer's own language close as « Merci » does (« Obrigado, Pedro » became two speakers)
    ['4. Speaker: Pedro Alves\n\nObrigado,\nPedro', '4. Speaker: Pedro Alves', 'Pedro'],
    ['Corps.\n\nGracias,\nLucía', 'Corps.', 'Lucía'],
    ['Corps.\n\nGrazie mille!\nMarco', 'Corps.', 'Marco'],
    ['Corps.\n\nDanke und viele Grüße\nJonas', 'Corps.', 'Jonas'],
    // held-out audit 4: mobile footers the table did not know stayed in abstracts, and the sign-off above them
    ['Un sujet : les index. 45 min si possible.\n\nIsabelle\n\nObtenir Outlook pour Android<https://aka.ms/AAb9ysg>', 'Un sujet : les index. 45 min si possible.', 'Isabelle'],
    ['What it costs in query plans.\n\nAlex\n\nSent from Proton Mail mobile', 'What it costs in query plans.', 'Alex'],
    ['Corps.\n\nEnvoyé à partir de Outlook pour iOS', 'Corps.', null],
    ['Corps.\n\nVon meinem iPhone gesendet', 'Corps.', null],
  ])('%#', (text, body, name) => expect(stripSignature(text)).toEqual({ body, name }));
  // A sign-off then a legal footer (an audit: disclaimers and company registers ended up in abstracts)
  it.each([
    ['Corps du texte.\n\nThanks,\nBrian\n\nBrian O\'Connor | Staff Engineer\n\nThis e-mail and any attachments are confidential and intended solely for the addressee. If you have received it in error, please notify the sender.', 'Corps du texte.', 'Brian'],
    ['Corps.\n\nKind regards,\nHannah Schulz\nLogistik Example GmbH · Amtsgericht Hamburg HRB 123456 · Geschäftsführer: Max Mustermann', 'Corps.', 'Hannah Schulz'],
    ['Corps.\n\nMerci de transmettre !\nHélène', 'Corps.', 'Hélène'],
    ['Corps.\n\nMerci et à bientôt,\nChloé Marchand', 'Corps.', 'Chloé Marchand'],
  ])('a sign-off and its footer: %#', (text, body, name) => expect(stripSignature(text)).toEqual({ body, name }));
  // A review: "Merci de transmettre ma proposition…" opened a proposal and cut all of it; a paragraph that reads like a
  // footer without a sign-off above it is the writer's
  it.each([
    "Bonjour,\n\nMerci de transmettre ma proposition aux organisateurs :\n\nTitre : Les index BRIN en pratique\nDurée : 20 min\n\nUn retour d'expérience sur les index BRIN.",
    "Hi,\n\nThanks and see you at the meetup, here is my talk:\n\nTitle: BRIN indexes in practice\nDuration: 20 min\n\nBRIN indexes on 3 TB of time series.",
    'Hello,\n\nA talk on logical replication.\n\nThis talk is intended for developers only, no DBA background needed.',
    // review of fe4dfc0: a title the text announces, two names joined by « et » / "and", is no pair signing
    'Bonjour,\n\nJe voudrais proposer un talk de 30 minutes sur la haute disponibilité. Le titre serait :\n\nPatroni et Kubernetes',
    "Hi,\n\nI'd like to give a 20 minute talk on Postgres next to a message queue. My working title:\n\nPostgres and Kafka",
    // a list that ends the text is no dash signature, nor an item the line above announces
    'Au programme :\n\n- Patroni\n- Kubernetes',
    'The tools I will show:\n\n- Patroni',
    // review of d55fe53: one dash under a heading without a colon is the list's item, no signature
    'Je voudrais présenter le vacuum en détail.\n\nLes sujets abordés\n\n- Freeze Maps',
    'I will show failover slots.\n\nAgenda\n\n– Logical Decoding',
  ])('keeps the text: %#', (text) => expect(stripSignature(text).body).toBe(text));
  it('keeps a "Merci" that is followed by a long body', () => {
    const text = `Merci pour l'appel.\n${'ligne de contenu assez longue pour compter\n'.repeat(12)}`;
    expect(stripSignature(text).body).toContain('ligne de contenu');
  });
});

describe('findInlineForward', () => {
  it.each([
    ['FYI\n\n---------- Forwarded message ---------\nFrom: Jean Martin <jean@x.fr>\nDate: Mon\nSubject: Talk: X\nTo: <d@y>\n\nBody here', false, 'jean@x.fr', 'Talk: X'],
    ['-------- Message transféré --------\nSujet : \tS\nDate : \tD\nDe : \tCamille Petit <c@x.fr>\nPour : \td@y\n\nCorps', false, 'c@x.fr', 'S'],
    ['Début du message réexpédié :\n\nDe: Hugo <h@x.fr>\nObjet: O\nDate: D\nÀ: d@y\n\nCorps', false, 'h@x.fr', 'O'],
    ['Pour info\n\n________________________________\nDe : Garnier Élodie <e@x.fr>\nEnvoyé : vendredi\nÀ : d@y\nObjet : Proposition\n\nCorps', true, 'e@x.fr', 'Proposition'],
    ['----- Forwarded message from Ann Lee <ann@x.org> -----\n\nDate: D\nSubject: S\n\nBody\n\n----- End forwarded message -----', false, 'ann@x.org', 'S'],
  ])('%#', (text, hint, email, subject) => {
    const f = findInlineForward(text, hint);
    expect(f?.from?.email).toBe(email);
    expect(f?.subject).toBe(subject);
    expect(f?.body).toMatch(/^(Body|Corps)/);
  });
  // held-out audit x: the forwarded message's « Cc : » was dropped, so the co-speaker its author copied lost her address
  it.each([
    ['Reçu.\n\n-----Message d\'origine-----\nDe : Thierry Vidal <t@x.fr>\nEnvoyé : mardi\nÀ : d@y\nCc : Sonia Mercier <s@x.fr>; Dupont, Jean <j@x.fr>\nObjet : Talk\n\nCorps', true, [{ name: 'Sonia Mercier', email: 's@x.fr' }, { name: 'Jean Dupont', email: 'j@x.fr' }]],
    ['FYI\n\n---------- Forwarded message ---------\nFrom: Ann Lee <ann@x.org>\nDate: Mon\nSubject: S\nTo: <d@y>\nCc: bob@x.org, Carla Diaz <carla@x.org>\n\nBody', false, [{ name: null, email: 'bob@x.org' }, { name: 'Carla Diaz', email: 'carla@x.org' }]],
    ['FYI\n\n---------- Forwarded message ---------\nFrom: Ann Lee <ann@x.org>\nSubject: S\n\nBody', false, []],
  ])('reads the forwarded Cc line %#', (text, hint, cc) => {
    expect(findInlineForward(text, hint)?.cc).toEqual(cc);
  });
  // held-out audit x: Gmail's bold sender name, « De : *Samia Benali* <…> », kept a star in the speaker's name
  it.each([
    ['Pour info.\n\n---------- Forwarded message ---------\nDe : *Samia Benali* <samia@x.fr>\nDate: mar.\nSubject: Talk\n\nCorps', 'Samia Benali'],
    ['FYI\n\n---------- Forwarded message ---------\nFrom: **Ann Lee** <ann@x.org>\nSubject: S\n\nBody', 'Ann Lee'],
  ])('a bold sender name loses its stars %#', (text, name) => {
    expect(findInlineForward(text, false)?.from?.name).toBe(name);
  });
  it('ignores an Outlook reply block without a forward hint', () => {
    expect(findInlineForward('OK\n\nDe : A <a@x>\nEnvoyé : lundi\nObjet : RE: x\n\nold', false)).toBeNull();
  });
  it('ignores a forward marker inside quoted history', () => {
    expect(findInlineForward('Merci\n\nOn Mon, Jean <j@x> wrote:\n> ---------- Forwarded message ---------\n> From: B <b@x>\n>\n> hi', false)).toBeNull();
  });
});

describe('cleanName', () => {
  it.each([
    ['"Raman, Priya"', 'Priya Raman'],
    ['DUPONT Jean', 'Jean Dupont'],
    ['Jean DUPONT', 'Jean Dupont'],
    ["'Jean Dupont (via Google Groups)'", 'Jean Dupont'],
    ['JEAN-PIERRE MARTIN', 'Jean-Pierre Martin'],
    ['jean dupont', 'Jean Dupont'],
    ['Marie-Claire Lefèvre', 'Marie-Claire Lefèvre'],
    // held-out audit c: two capitals before a name are initials or an acronym, no surname set first ("PG Vendor News"
    // became "Vendor News Pg", « RH Société » « Société Rh »)
    ['JP Martin', 'JP Martin'],
    ['PG Vendor News', 'PG Vendor News'],
    ['RH Société', 'RH Société'],
    ['LE GALL Yann', 'Yann Le Gall'],
    // review of 6842aed: a two-letter surname set first is still one (a vowel and a consonant: a syllable, no initials)
    ['LE Minh', 'Minh Le'],
    ['DO Anh', 'Anh Do'],
    ['LY Thomas', 'Thomas Ly'],
    // a nickname in quotes: two capitals are initials there too (the quote was counted as a third letter: « "jm" »)
    ['Jeanne "JM" Martin', 'Jeanne "JM" Martin'],
    ['Jean « JP » DUPONT', 'Jean « JP » Dupont'],
    ['jean@x.fr', null],
    ['', null],
    // a nickname in quotes at the end or the start keeps its closing quote (was « Robert "Bob », « Jeanne "JM »)
    ['Robert "Bob"', 'Robert "Bob"'],
    ['"Robert "Bob""', 'Robert "Bob"'],
    ['Jeanne "JM"', 'Jeanne "JM"'],
    ['‘Bob’ Smith', '‘Bob’ Smith'],
    ['« Jean Dupont »', 'Jean Dupont'],
    ['Jean Dupont"', 'Jean Dupont'],
  ])('%s → %s', (raw, name) => expect(cleanName(raw)).toBe(name));
  it.each([
    ['jean.dupont@x.fr', 'Jean Dupont'],
    ['jean-luc.perrin@x.fr', 'Jean-Luc Perrin'],
    ['j_martin42@x.fr', 'J Martin'],
    ['info@x.fr', null],
  ])('local part %s → %s', (email, name) => expect(nameFromLocalPart(email)).toBe(name));
});

describe('detectLanguage', () => {
  it.each([
    ['Bonjour, je voudrais proposer un talk sur le partitionnement pour le prochain meetup.', 'fr'],
    ['Hello, I would like to give a talk about partitioning at the next meetup.', 'en'],
    ['Hallo, ich möchte gerne einen Vortrag über Partitionierung beim nächsten Treffen halten, wenn das möglich ist.', null],
    ['ok', null],
    [null, null],
    // held-out audit 4: a short English note with few of the commonest function words was read as French
    ['I can do 20 minutes on "Partition pruning gotchas". Let me know.', 'en'],
    ['Could this look more spammy? Check out the attached file.', 'en'],
    ['Je peux faire 20 minutes sur « Les pièges du partitionnement ». Dites-moi.', 'fr'],
    // English contractions count as their pronoun: "We'll show how we run…" read as French before
    ["Speakers: Jane Doe & John Roe\nLength: 30 minutes\n\nWe'll show how we run blue-green deployments with logical replication.\n\nJane", 'en'],
    ["Bonjour, aujourd'hui c'est l'équipe d'Anne qui présente, qu'il pleuve ou non.", 'fr'],
    // a proposal's form says little besides its labels
    ['Bonjour,\n\nTitre : Atelier pgbench\nFormat : atelier\nDurée : 1h', 'fr'],
    ['Hello,\n\nTitle: Making sense of pg_stat_wal\nLength: 15 minutes', 'en'],
  ])('%s → %s', (text, lang) => expect(detectLanguage(text)).toBe(lang));
});
