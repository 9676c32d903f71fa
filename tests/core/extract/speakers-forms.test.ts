/**
 * Web-form notifications: the site's robot sends them (wordpress@, noreply@, forms@, webmaster@, an address of the
 * receiving domain), the person who filled the form in is in Reply-To or in the form's fields. An audit's WordPress
 * notification was credited to "PostgreSQL Paris <wordpress@…>", and a WPForms HTML table gave the robot, the name
 * without its address, and "E-mail" as a third speaker.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/core/classify/index.ts';
import { isNoReplySender, replyToPerson } from '../../../src/core/classify/signals.ts';
import { extractProposal } from '../../../src/core/extract/index.ts';
import { fieldSpeakers } from '../../../src/core/extract/speakers.ts';
import type { ParseContext } from '../../../src/types.ts';
import { mail, type Draft } from '../classify/build.ts';

const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: null };
const FIELDS = 'Talk title: Running PostgreSQL on ZFS\nTalk format: Full talk (40 min)\nAbstract:\nRecordsize, compression, snapshots for CI clones and full_page_writes on a copy-on-write filesystem.\n';
const speakers = async (d: Draft) => extractProposal(await mail({ subject: '[PostgreSQL Paris] New talk submission', ...d }), ctx).proposal.speakers;
const hiroshi = { name: 'Hiroshi Tanaka', email: 'hiro.tanaka@example.jp' };

describe('a form notification sent by the site', () => {
  it.each([
    ['PostgreSQL Paris <wordpress@pgug.example.org>'],
    ['Site web <webmaster@pgug.example.org>'],
    ['Formulaires <forms@pgug.example.org>'],
    ['www-data@web01.pgug.example.org'],
    ['PostgreSQL Paris <bureau@pgug.example.org>'],
    ['Meetup CFP <cfp@some-other-site.example.com>'],
  ])('from %s: the speaker is the Reply-To person', async (from) => {
    expect(await speakers({ from, headers: { 'Reply-To': 'Hiroshi Tanaka <hiro.tanaka@example.jp>' }, body: `From: Hiroshi Tanaka <hiro.tanaka@example.jp>\n\n${FIELDS}` })).toEqual([hiroshi]);
  });

  it('takes the person when the site shows their name in From', async () => {
    const from = '"Hiroshi Tanaka via PostgreSQL Paris" <wordpress@pgug.example.org>';
    expect(await speakers({ from, headers: { 'Reply-To': 'Hiroshi Tanaka <hiro.tanaka@example.jp>' }, body: FIELDS })).toEqual([hiroshi]);
  });

  it('takes the form’s fields when there is no Reply-To', async () => {
    const body = `Name: Hiroshi Tanaka\nEmail: hiro.tanaka@example.jp\n${FIELDS}\n--\nSent from the contact form of PostgreSQL Paris\n`;
    expect(await speakers({ from: 'PostgreSQL Paris <wordpress@pgug.example.org>', body })).toEqual([hiroshi]);
  });

  it('reads labels marked required', async () => {
    const body = `Your Name (required)\nHiroshi Tanaka\nYour Email (required)\nhiro.tanaka@example.jp\n${FIELDS}`;
    expect(await speakers({ from: 'PostgreSQL Paris <webmaster@pgug.example.org>', body })).toEqual([hiroshi]);
  });

  it('takes the name from the form when Reply-To is a bare address', async () => {
    const body = `Votre nom : Hiroshi Tanaka\nVotre e-mail : hiro.tanaka@example.jp\n${FIELDS}`;
    expect(await speakers({ from: 'PostgreSQL Paris <wordpress@pgug.example.org>', headers: { 'Reply-To': 'hiro.tanaka@example.jp' }, body })).toEqual([hiroshi]);
  });

  it('trusts the form’s address field over a Reply-To set to someone else (the site’s admin)', async () => {
    const body = `Name: Hiroshi Tanaka\nEmail: hiro.tanaka@example.jp\n${FIELDS}`;
    expect(await speakers({ from: 'PostgreSQL Paris <wordpress@pgug.example.org>', headers: { 'Reply-To': 'Claire Martin <claire.martin@example.org>' }, body })).toEqual([hiroshi]);
  });

  it('reads a WPForms HTML table: one person, with the address', async () => {
    const row = (label: string, value: string) => `<tr><td><strong>${label}</strong></td></tr><tr><td>${value}</td></tr>`;
    const html = `<html><body><table>${row('Nom', 'Camille Rousseau')}${row('E-mail', 'camille.rousseau.pg@gmail.example.com')}${row('Titre de la présentation', 'Row Level Security dans une application multi-tenant')}${row('Description', 'Comment nous isolons les données de 300 clients avec les politiques RLS.')}${row('Durée', '30 minutes')}</table><p>Envoyé depuis PostgreSQL Paris</p></body></html>`;
    const camille = { name: 'Camille Rousseau', email: 'camille.rousseau.pg@gmail.example.com' };
    const replyTo: Array<Record<string, string>> = [{ 'Reply-To': 'Camille Rousseau <camille.rousseau.pg@gmail.example.com>' }, {}];
    for (const headers of replyTo) {
      const got = await speakers({ from: 'PostgreSQL Paris <wordpress@pgug.example.org>', subject: 'Nouvelle entrée : Proposer un talk', headers, mime: { contentType: 'text/html; charset=utf-8', body: html } });
      expect(got).toEqual([camille]);
    }
  });

  it('keeps a person’s own mail theirs, whatever Reply-To says', async () => {
    const from = 'Jean Dupont <jean.dupont@example.fr>';
    expect(await speakers({ from, headers: { 'Reply-To': 'Marie Curie <marie.curie@example.org>' }, body: FIELDS })).toEqual([{ name: 'Jean Dupont', email: 'jean.dupont@example.fr' }]);
  });

  it('leaves a person’s pasted fields alone, even when they write to someone of their own domain', async () => {
    const body = `Hello,\n\nI would like to give a talk with my co-speaker:\nName: Lars Berg\nEmail: lars.berg@gmail.example.com\n\n${FIELDS}`;
    const from = 'Hiroshi Tanaka <hiro.tanaka@gmail.example.com>';
    const got = await speakers({ from, to: 'talks@pgug.example.org, Aiko Sato <aiko.sato@gmail.example.com>', body });
    expect(got[0]).toEqual({ name: 'Hiroshi Tanaka', email: 'hiro.tanaka@gmail.example.com' });
  });

  it('does not take a role account or the sender itself in Reply-To for a person', async () => {
    for (const r of ['PostgreSQL Paris <contact@pgug.example.org>', 'PostgreSQL Paris <wordpress@pgug.example.org>', 'noreply@pgug.example.org', 'PostgreSQL Paris <events@pgug.example.org>', 'talks+s-p0001-abcdefghijklmnop@pgug.example.org']) {
      const m = await mail({ from: 'PostgreSQL Paris <wordpress@pgug.example.org>', headers: { 'Reply-To': r }, body: FIELDS });
      expect(replyToPerson(m)).toBeNull();
    }
  });
});

describe('a noreply sender relaying a person', () => {
  const PROPOSAL_BODY =
    "Nom : Jean Dupont\nTitre : Partitionnement déclaratif en production\nDurée : 45 minutes\n\nRésumé : retour d'expérience sur la migration d'une table de 2 To vers le partitionnement déclaratif, les pièges rencontrés et les gains mesurés.\n";
  const draft = (headers: Record<string, string>): Draft => ({ from: 'Plateforme CFP <noreply@cfp.example.net>', subject: 'Proposition de talk : partitionnement', headers, body: PROPOSAL_BODY });

  it('is a proposal by the Reply-To person', async () => {
    const m = await mail(draft({ 'Reply-To': 'Jean Dupont <jean.dupont@example.fr>' }));
    expect(isNoReplySender(m)).toBe(false);
    expect(classify(m, ctx).kind).toBe('proposal');
    expect(extractProposal(m, ctx).proposal.speakers).toEqual([{ name: 'Jean Dupont', email: 'jean.dupont@example.fr' }]);
  });

  it('is still a robot without one, or with a robot’s Reply-To', async () => {
    const replyTo: Array<Record<string, string>> = [{}, { 'Reply-To': 'Plateforme CFP <noreply@cfp.example.net>' }, { 'Reply-To': 'Support <support@cfp.example.net>' }];
    for (const headers of replyTo) {
      const m = await mail(draft(headers));
      expect(isNoReplySender(m)).toBe(true);
      expect(classify(m, ctx).kind).not.toBe('proposal');
    }
  });
});

describe('a contact label inside the speakers’ field', () => {
  it.each([
    ['Camille Rousseau\nE-mail\ncamille.rousseau@example.com'],
    ['Camille Rousseau\nEmail : camille.rousseau@example.com'],
    ['Camille Rousseau\nCourriel : camille.rousseau@example.com\nTéléphone : 06 12 34 56 78'],
  ])('%s is one person', (value) => {
    expect(fieldSpeakers(value)).toEqual([{ name: 'Camille Rousseau', email: 'camille.rousseau@example.com' }]);
  });
});

describe('review: a name paired with the writer, no address, in a sentence that says the writer presents alone (18417fd)', () => {
  const from = 'Vincent Dubois <vincent.dubois@mutuelle-exemple.fr>';
  const vincent = { name: 'Vincent Dubois', email: 'vincent.dubois@mutuelle-exemple.fr' };
  const body = (s: string) => `Bonjour,\n\nJe voudrais proposer un talk. ${s}\n\nTitre : De SQL Server à PostgreSQL : migrer 200 procédures stockées\nNous raconterons la conversion T-SQL vers PL/pgSQL.\n\n45 minutes\n\nVincent`;
  it('« Claire Martin (ma collègue) et moi avons écrit l’outil, mais je serai seul sur scène »: the writer alone', async () => {
    expect(await speakers({ from, subject: 'Proposition : migrer 200 procédures stockées', body: body("Claire Martin (ma collègue) et moi avons écrit l'outil, mais je serai seul sur scène.") })).toEqual([vincent]);
  });
  it('« je ne serai pas seul sur scène : Claire Martin et moi présenterons ensemble »: two', async () => {
    const s = await speakers({ from, subject: 'Proposition : migrer 200 procédures stockées', body: body('Je ne serai pas seul sur scène : Claire Martin et moi présenterons ensemble.') });
    expect(s.map((x) => x.name)).toEqual(['Vincent Dubois', 'Claire Martin']);
  });
});

// held-out audit 4: the co-speaker named after the writer (« moi-même et Sophie Bernard »), « nous serions deux »
describe('a name paired after the writer, in a sentence that says they present', () => {
  const from = 'Paul Durand <paul.durand@exemple.fr>';
  const subject = 'Proposition : Déployer PostgreSQL sur Kubernetes';
  const body = (s: string) => `Bonjour,\n\n${s}\nUne heure nous semble nécessaire.\n\nNous montrerons l'opérateur et les sauvegardes.\n\nPaul`;
  it.each([
    ['Nous serions deux à présenter : moi-même et Sophie Bernard, de la même équipe.'],
    ['Nous serons deux : moi et Sophie Bernard présenterons ensemble.'],
    ["We'd be two speakers: myself and Sophie Bernard."],
  ])('%s', async (s) => {
    expect((await speakers({ from, subject, body: body(s) })).map((x) => x.name)).toEqual(['Paul Durand', 'Sophie Bernard']);
  });
  it.each([
    ["I'll present it myself and Sophie Bernard from our team will come along to watch."],
    ['Je le présenterai moi-même et Sophie Bernard, ma responsable, viendra dans la salle.'],
  ])('not the emphatic « moi-même », "myself" after a verb: %s', async (s) => {
    expect((await speakers({ from, subject, body: body(s) })).map((x) => x.name)).toEqual(['Paul Durand']);
  });
  it('not when the pair wrote and the writer presents alone', async () => {
    expect((await speakers({ from, subject, body: body("Moi et Sophie Bernard avons écrit l'outil, mais je serai seul sur scène.") })).map((x) => x.name)).toEqual(['Paul Durand']);
  });
});
