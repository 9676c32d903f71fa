/**
 * Held-out parse audit 7: mail written before reading the rules, each case below wrongly filed or wrongly read before.
 * Rows vary the wording of what the audit found, so that each shows a rule, not one message.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/core/classify/index.ts';
import { extractProposal } from '../../../src/core/extract/index.ts';
import { mail } from '../classify/build.ts';

const ctx = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: null };

async function read(from: string, subject: string, body: string, html = false) {
  const m = await mail({ from, subject, ...(html ? { mime: { contentType: 'text/html; charset=utf-8', body } } : { body }) });
  const kind = classify(m, ctx).kind;
  return { kind, speakers: kind === 'proposal' ? extractProposal(m, ctx).proposal.speakers.map((s) => `${s.name} <${s.email}>`) : [] };
}

describe("a web form's notification sent by a robot is a proposal (classify noreply-sender, extract/index.ts filledInForm)", () => {
  it.each([
    ['Framaforms <noreply@framaforms.example>', 'Nouvelle soumission sur « Appel à conférenciers »', 'Une nouvelle soumission a été faite.\n\nNom: Aurore Delmas\nEmail: aurore.delmas@gmail.com\nTitre de la présentation: Les index GIN sans mystère\nDurée: 30 min\nLangue: Français\n', 'Aurore Delmas <aurore.delmas@gmail.com>'],
    ['Site PG Paris <no-reply@pgug.example.org>', 'Nouvelle proposition via le site', "Proposition reçue via le formulaire :\n\nNom : Malik Ferhat\nCourriel : malik.ferhat@free.fr\nTitre de l'intervention : pg_stat_statements au quotidien\nType : Talk\nRésumé : lire les requêtes qui coûtent.\n", 'Malik Ferhat <malik.ferhat@free.fr>'],
    ['Forms <do-not-reply@forms.example.com>', 'New response: Speak at PG Paris', 'New response received.\n\nName: Ingrid Holm\nEmail: ingrid.holm@gmail.com\nTalk title: Backups you can actually restore\nDuration: 25 minutes\nLanguage: English\n', 'Ingrid Holm <ingrid.holm@gmail.com>'],
  ])('%s', async (from, subject, body, speaker) => {
    expect(await read(from, subject, body)).toEqual({ kind: 'proposal', speakers: [speaker] });
  });

  it.each([
    // a robot's notice with a title and a date, no form filled in by someone: still a robot's
    ['Meetup <noreply@meetup.example>', 'Nouvel événement : PG Paris de janvier', 'Titre : Meetup PostgreSQL de janvier\nDate : 14 janvier 2027, 19h\nLieu : Paris 11e\n\nInscrivez-vous sur meetup.example.\n'],
    ['Billetterie <no-reply@tickets.example>', 'Your ticket', 'Title: PostgreSQL Paris January meetup\nDuration: 3 hours\nAbstract: talks and pizza.\n\nSee you there.\n'],
  ])('%s stays other', async (from, subject, body) => {
    expect((await read(from, subject, body)).kind).toBe('other');
  });
});

const table = (rows: ReadonlyArray<readonly [string, string]>) =>
  `<html><body><p>Une nouvelle réponse a été enregistrée.</p><table>${rows.map(([l, v]) => `<tr><td><b>${l}</b></td><td>${v}</td></tr>`).join('')}</table></body></html>`;

describe("a form's table names its speaker in a column of its own, and the robot that sent it never speaks (fields.ts separatedLabel, extract/index.ts formFiller)", () => {
  it.each([
    ['Google Forms <forms-receipts-noreply@google.com>', 'Appel à orateurs - nouvelle réponse', table([['Nom', 'Maëlle Dubois'], ['Adresse e-mail', 'maelle.dubois@gmail.com'], ["Titre de l'intervention", 'Observabilité avec OpenTelemetry'], ['Durée', '30 minutes'], ['Langue', 'Français']]), 'Maëlle Dubois <maelle.dubois@gmail.com>'],
    ['Google Forms <forms-receipts-noreply@google.com>', 'CFP - new response', table([['Full name', 'Elena Popescu'], ['Email address', 'elena.popescu@gmail.com'], ['Talk title', 'Running PostgreSQL on Kubernetes'], ['Talk length', '40 minutes']]), 'Elena Popescu <elena.popescu@gmail.com>'],
    ['Tally <notifications@tally.example>', 'New Tally form submission', table([['Name', 'Kenji Sato'], ['Email', 'kenji.sato@gmail.com'], ['Talk title', 'Sharding with Citus, a year later'], ['Duration', '45 min'], ['Talk language', 'English']]), 'Kenji Sato <kenji.sato@gmail.com>'],
    // the same typed as a Markdown table by a site's form
    ['Site <wordpress@pgug.example.org>', 'Nouvelle proposition', "| Prénom | Lou |\n| Nom | Garnier |\n| E-mail | lou.garnier@gmail.com |\n| Titre | Les vues matérialisées |\n| Durée | 20 min |\n", 'Lou Garnier <lou.garnier@gmail.com>'],
  ])('%s', async (from, subject, body, speaker) => {
    expect(await read(from, subject, body, body.startsWith('<html>'))).toEqual({ kind: 'proposal', speakers: [speaker] });
  });

  it.each([
    // labelled with a colon: read right before (guards)
    ['Tally <notifications@tally.example>', 'New Tally form submission', 'Someone submitted your form.\n\nName: Kenji Sato\nEmail: kenji.sato@gmail.com\nTalk title: Sharding with Citus, a year later\nDuration: 45 min\n', 'Kenji Sato <kenji.sato@gmail.com>'],
    ['Formulaires <notifications@typeform.example>', 'Proposer une intervention : nouvelle réponse', 'Nouvelle réponse.\n\nNom : Sophie Leroy\nE-mail : sophie.leroy@gmail.com\nTitre : Le MVCC sans douleur\nDurée : 30 minutes\n', 'Sophie Leroy <sophie.leroy@gmail.com>'],
  ])('%s (colon labels)', async (from, subject, body, speaker) => {
    expect(await read(from, subject, body)).toEqual({ kind: 'proposal', speakers: [speaker] });
  });
});

describe("a form's questions are its labels (labels.ts FILLERS: « Quel est votre nom ? », \"What is the title of your talk?\")", () => {
  it.each([
    ['Typeform <notifications@typeform.example>', 'Proposer une intervention : nouvelle réponse', 'Nouvelle réponse pour Proposer une intervention\n\nQuel est votre nom ?\nSophie Leroy\n\nVotre adresse e-mail\nsophie.leroy@gmail.com\n\nTitre de votre intervention\nLe MVCC sans douleur\n\nDurée\n30 minutes\n\nEn quelle langue ?\nFrançais\n', 'Le MVCC sans douleur', 'fr'],
    ['Typeform <notifications@typeform.example>', 'New response: CFP', 'You have a new response.\n\nWhat is your name?\nOskar Nilsson\n\nWhat is the title of your talk?\nFive things I wish I knew about pg_hba.conf\n\nWhat is the format?\nTalk, 20 minutes\n\nIn which language?\nEnglish\n', 'Five things I wish I knew about pg_hba.conf', 'en'],
    ['Formulaire <forms@pgug.example.org>', 'Nouvelle réponse', 'Nouvelle réponse.\n\nQuel sera le titre de votre talk ?\nLes index couvrants\n\nQuelle est la durée souhaitée ?\n25 minutes\n\nQuel est votre nom ?\nJulie Moreau\n', 'Les index couvrants', null],
  ])('%s: %s', async (from, subject, body, title, language) => {
    const m = await mail({ from, subject, body });
    expect(classify(m, ctx).kind).toBe('proposal');
    const p = extractProposal(m, ctx).proposal;
    expect(p.title).toBe(title);
    if (language) expect(p.language).toBe(language);
  });
});

describe('a quoted title named by its subject or topic (prose-title.ts PROVISIONAL: "Subject is "X"", « le sujet serait « X » »)', () => {
  it.each([
    ['Lightning talk proposition', 'Hello everybody,\n\nI wish to do a lightning talk. Subject is "pg_trgm for Japanese text, is it possible?". 5 minutes, in English.\n\nYuki', 'pg_trgm for Japanese text, is it possible?'],
    ['Talk for the meetup', 'Hi,\n\nI would like to present at the meetup. The topic would be "Read replicas and hot_standby_feedback", around 30 minutes.\n\nMarek', 'Read replicas and hot_standby_feedback'],
    ['Proposition de talk', "Bonjour,\n\nJe voudrais faire un talk au prochain meetup, le sujet serait « Les CTE matérialisées ou pas », 20 minutes.\n\nInès", 'Les CTE matérialisées ou pas'],
  ])('%s', async (subject, body, title) => {
    const m = await mail({ subject, body });
    expect(classify(m, ctx).kind).toBe('proposal');
    expect(extractProposal(m, ctx).proposal.title).toBe(title);
  });
});

describe("a form's answers laid out as a table of four rows are read, not cut as a signature (text/signature.ts trailingBlock)", () => {
  async function fields(body: string) {
    const m = await mail({ from: 'Formulaire <forms-noreply@google.com>', subject: 'Nouvelle réponse : Proposition de talk', body });
    const p = extractProposal(m, ctx).proposal;
    return { title: p.title, speakers: p.speakers.map((s) => `${s.name} <${s.email}>`), duration: p.durationMinutes };
  }
  it.each([
    ['spaces', 'Une nouvelle réponse a été envoyée au formulaire.\n\nNom    Maëlle Dubois\nE-mail    maelle.dubois@exemple.fr\nTitre    PostGIS en pratique pour les collectivités\nDurée    20 minutes\n'],
    ['tabs', 'Une nouvelle réponse a été envoyée au formulaire.\n\nNom\tMaëlle Dubois\nE-mail\tmaelle.dubois@exemple.fr\nTitre\tPostGIS en pratique pour les collectivités\nDurée\t20 minutes\n'],
  ])('%s', async (_layout, body) => {
    expect(await fields(body)).toEqual({ title: 'PostGIS en pratique pour les collectivités', speakers: ['Maëlle Dubois <maelle.dubois@exemple.fr>'], duration: 20 });
  });
});

describe('a proposal sent again after a withdrawal is one, with its quoted title (score.ts DIRECT RESENT_WHAT, prose-title.ts QUOTED_AFTER_RESENDING)', () => {
  async function understood(subject: string, body: string) {
    const m = await mail({ from: 'Lucie Martin <lucie.martin@exemple.fr>', subject, body });
    const kind = classify(m, ctx).kind;
    return { kind, title: kind === 'proposal' ? extractProposal(m, ctx).proposal.title : null };
  }
  it.each([
    ['Ma proposition, à nouveau', "J'avais retiré ma proposition le mois dernier faute de temps, mais je suis disponible en mars. Je la renvoie donc : « Vacuum sans peur », 30 minutes.", 'Vacuum sans peur'],
    ['Resubmitting my talk', 'I withdrew my talk in October, but my schedule cleared up. Resubmitting: "Partitioning without tears", 40 minutes, in English.', 'Partitioning without tears'],
    ['Re-proposition', "Je vous renvoie ma proposition de l'an dernier, mise à jour : « PostgreSQL et les JSON path », 20 minutes.", 'PostgreSQL et les JSON path'],
    ['Again', 'Sorry for the confusion last month. I am re-sending my proposal: "Index-only scans explained", 25 minutes.', 'Index-only scans explained'],
  ])('%s', async (subject, body, title) => {
    expect(await understood(subject, body)).toEqual({ kind: 'proposal', title });
  });

  it.each([
    // a question sent again, the programme one is sent to, another mail sent again: no talk offered
    ['Question', 'Sans réponse de votre part, je vous renvoie ma question : « les talks du meetup sont-ils filmés ? »'],
    ['Programme', 'Je vous renvoie au programme « PGDay Paris 2027 » pour les horaires.'],
    ['Fwd: venue', 'I am re-sending my previous email: "Venue for the January meetup" since nobody answered. Our office can host 60 people.'],
  ])('%s stays other', async (subject, body) => {
    expect((await understood(subject, body)).kind).toBe('other');
  });
});
