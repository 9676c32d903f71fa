/**
 * Review of this session's parse-audit-6 rules: plausible mail nobody had tested, that a rule read too widely.
 */
import { describe, expect, it } from 'vitest';
import { extractProposal, looksLikeProposal } from '../../../src/core/extract/index.ts';
import { mail } from '../classify/build.ts';

const ctx = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: null };

async function proposal(subject: string, body: string, from?: string) {
  const m = await mail({ subject, body, ...(from ? { from } : {}) });
  expect(looksLikeProposal(m)).toBe(true);
  return extractProposal(m, ctx).proposal;
}

describe('a title or a length still to find is no missing topic (score.ts NO_TOPIC_YET, NOT_OF_TOPIC)', () => {
  it.each([
    ['Proposition de talk', "Bonjour,\n\nJe voudrais faire un talk sur pg_stat_statements et comment nous l'utilisons pour trouver les requêtes lentes en production. Je n'ai pas d'idée de titre pour l'instant.\n\nPaul"],
    ['Proposition de talk', "Bonjour,\n\nJe souhaite proposer un talk sur la réplication logique entre PostgreSQL 13 et 17. Je n'ai pas encore d'idée précise de titre, ni de durée.\n\nPaul"],
    ['Talk proposal', "Hi,\n\nI'd like to propose a talk about pgvector in production. I don't have any idea of the usual length, so tell me what fits.\n\nJane"],
    ['Talk proposal', "Hi,\n\nI'd like to propose a talk about pgvector in production. I don't have any idea yet how long it should be.\n\nJane"],
  ])('%s — %s', async (subject, body) => {
    expect(await proposal(subject, body)).not.toBeNull();
  });
});

describe('a greeting before a list of presenters names no presenter (speakers.ts LISTED_BEFORE)', () => {
  it.each([
    ['Bonjour Marc, Inès Roy et moi aimerions présenter « Partitionnement en production », 30 minutes.\n\nLéa Martin', ['Inès Roy']],
    ['Hi Tom Baker,\nAna Silva and I would like to present "Partitioning in production", 30 minutes.\n\nLea Martin', ['Ana Silva']],
  ])('%s', async (body, named) => {
    const p = await proposal('Proposition de talk', body, 'Léa Martin <lea@example.com>');
    const names = p!.speakers.map((s) => s.name);
    for (const n of named) expect(names).toContain(n);
    expect(names.some((n) => /^(?:bonjour|hi)\b/i.test(n ?? ''))).toBe(false);
  });
});

describe('« et j’aimerais » / "and I’d" before the version offered opens its own clause (duration.ts describesAnotherEvent)', () => {
  it.each([
    ['Talk proposal', 'Hi,\n\nI gave this talk at PGConf.EU (50 min) and I\'d happily do a 30-minute version for you: "Vacuum in the wild".\n\nJane', 30],
    ['Proposition', "Bonjour,\n\nJe l'ai présenté au PGDay Paris (45 min) et j'aimerais en faire une version de 20 minutes pour vous : « Vacuum en production ».\n\nJane", 20],
  ])('%s', async (subject, body, minutes) => {
    expect((await proposal(subject, body))!.durationMinutes).toBe(minutes);
  });
});

describe('a later date in the description puts off no offer (score.ts offersLater)', () => {
  it.each([
    ['Proposition de talk', "Bonjour,\n\nJe voudrais proposer un talk sur notre migration d'Oracle vers PostgreSQL.\n\nNous avons commencé il y a deux ans avec ora2pg, puis réécrit 800 procédures stockées en PL/pgSQL, en gardant les deux bases synchronisées pendant six mois grâce à la réplication logique. La bascule finale est prévue l'année prochaine, mais nous avons déjà beaucoup à raconter : les pièges, les outils, les chiffres.\n\nPaul"],
    ['Talk proposal', 'Hi,\n\nI would like to propose a talk on our move from MySQL to PostgreSQL.\n\nWe started two years ago, rewrote the ORM layer, moved 3 TB with pgloader and ran both databases side by side for six months. The last services move next year, but there is a lot to tell already: traps, tools and numbers.\n\nJane'],
  ])('%s', async (subject, body) => {
    expect(await proposal(subject, body)).not.toBeNull();
  });
});

describe('a job title is no talk title (prose-title.ts INLINE_LABEL)', () => {
  it('"My job title: Staff Engineer at Acme."', async () => {
    const p = await proposal('Talk idea', "Hi,\n\nI'd like to propose a talk on how we run PostgreSQL on Kubernetes with CloudNativePG, 40 clusters, what broke and what we tuned. My job title: Staff Engineer at Acme.\n\nJane");
    expect(p!.title).not.toBe('Staff Engineer at Acme');
  });
});

describe('« nous vous proposons « X » » of a programme put on by others offers no talk (score.ts NOT_PROGRAMME)', () => {
  it.each([
    ['Webinaire gratuit le 15 décembre', "Bonjour,\n\nCe mois-ci, nous vous proposons « Les nouveautés de PostgreSQL 18 », un webinaire gratuit animé par nos experts, le 15 décembre à 11h.\n\nInscrivez-vous : https://datacorp.example/webinaire\n\nL'équipe DataCorp"],
    ['Soirée commune ?', "Bonjour,\n\nPour notre soirée du 28 janvier au PUG de Nantes, nous proposons « PostgreSQL et l'IA » par Alice Martin. Seriez-vous partants pour une soirée commune ?\n\nL'équipe"],
  ])('%s', async (subject, body) => {
    expect(looksLikeProposal(await mail({ subject, body }))).toBe(false);
  });

  it('« Avec Marc, on vous propose « Citus en production : retour d’expérience », 30 minutes. » is still offered', async () => {
    expect((await proposal('Idée pour le meetup', "Bonjour,\n\nAvec Marc, on vous propose « Citus en production : retour d'expérience », 30 minutes.\n\nLéa"))!.title).toBe("Citus en production : retour d'expérience");
  });
});
