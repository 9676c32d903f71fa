/**
 * Review of parse audit 12: fresh mail near its rules, where they could misfire — a couple signing a personal mail,
 * "up for it" / « ça me tente » that offer nothing now, a titled question followed by another sentence. Each describe
 * names the rule; guards keep the audit's readings.
 */
import { describe, expect, it } from 'vitest';
import { proposalReader } from './read.ts';

const read = proposalReader(['title', 'minutes', 'speakers']);

describe('a couple signing a personal mail is one speaker unless the text says we (speakers.ts coSigners, sharesFamilyName)', () => {
  it.each([
    ['Sophie Laurent <sophie@perso.example>', "Bonjour à tous,\n\nMon mari est venu au dernier meetup et m'a convaincue : je propose 20 minutes sur pg_stat_statements et la chasse aux requêtes lentes.\n\nBises à toute l'équipe,\nSophie et Marc Laurent\n", ['Sophie Laurent']],
    ['Tom Baker <tom@home.example>', 'Hi all,\n\nI would like to give a 15 minute talk on running Postgres on a Raspberry Pi cluster at home.\n\nLove,\nTom & Jenny Baker\n', ['Tom Baker']],
  ])('%s', async (from, body, speakers) => {
    expect(await read(from, 'Proposition de talk : Postgres à la maison', body)).toMatchObject({ kind: 'proposal', speakers });
  });

  it.each([
    // the same couple saying « nous » present together
    ['Sophie Laurent <sophie@perso.example>', 'Bonjour,\n\nNous aimerions présenter 20 minutes sur pg_stat_statements, à deux voix.\n\nSophie et Marc Laurent\n', ['Sophie Laurent', 'Marc Laurent']],
    // the audit's own: two family names sign together
    ['Alice Martin <alice@x.example>', 'Bonjour,\n\nJe propose 20 minutes sur les index BRIN.\n\nÀ bientôt,\nAlice Martin & Bruno Keller\n', ['Alice Martin', 'Bruno Keller']],
  ])('guard: %s', async (from, body, speakers) => {
    expect(await read(from, 'Proposition de talk : Index BRIN', body)).toMatchObject({ kind: 'proposal', speakers });
  });
});

describe('volunteering words that offer nothing now, in answer to a call (score.ts VOLUNTEERING, DECLINING)', () => {
  it.each([
    ["Hi,\n\nWould anyone be happy to do one on pgBouncer? I'm not up for it myself this time.\n\nGreg\n"],
    ["Hi,\n\nI'm not up for it this season, sorry. Ask me again in the spring.\n\nGreg\n"],
    ["Hi,\n\nI'd be up for it, but not before the autumn: I'll write again in September.\n\nGreg\n"],
    ["Bonjour,\n\nÇa me tente bien, mais pas avant l'automne, je vous recontacte à la rentrée.\n\nAnne\n"],
  ])('%s', async (body) => {
    expect((await read('Greg Hall <greg@x.example>', 'Re: Call for speakers', body)).kind).not.toBe('proposal');
  });

  it.each([
    ['Hi,\n\nHappy to do one! I\'d show how we debug slow queries with auto_explain, about 20 minutes.\n\nGreg\n'],
    ["Hi,\n\nSure. Happy to do one on pgBouncer's transaction pooling, 20 minutes.\n\nGreg\n"],
    ['Bonjour,\n\nÇa me tente : « Les extensions que j’utilise tous les jours », 20 minutes.\n\nAnne Colin\n'],
  ])('guard: an offer still is: %s', async (body) => {
    expect(await read('Greg Hall <greg@x.example>', 'Re: Call for speakers', body)).toMatchObject({ kind: 'proposal', minutes: 20 });
  });
});

describe('a labelled title ending on ? or ! keeps it when another sentence follows on the line (prose-title.ts INLINE_LABEL)', () => {
  it.each([
    ["Hi,\n\nI'd like to talk about ORMs, 20 minutes. Title: Do you really need an ORM? Let me know if that fits.\n\nRita Moss\n", 'Do you really need an ORM?'],
    ['Bonjour,\n\nJe propose 20 minutes. Titre : Faut-il encore utiliser un ORM ? Dites-moi si ça convient.\n\nRita Moss\n', 'Faut-il encore utiliser un ORM ?'],
    ["Hi,\n\nI'd like a 20 minute slot. Title: Stop running VACUUM FULL! Happy to rename it.\n\nRita Moss\n", 'Stop running VACUUM FULL!'],
  ])('%s', async (body, title) => {
    expect((await read('Rita Moss <rita@x.example>', 'Talk proposal', body)).title).toBe(title);
  });

  it('guard: a full stop still ends the title', async () => {
    const body = "Hi,\n\nI'd like to talk about ORMs, 20 minutes. Title: Raw SQL beats your ORM. Let me know if that fits.\n\nRita Moss\n";
    expect((await read('Rita Moss <rita@x.example>', 'Talk proposal', body)).title).toBe('Raw SQL beats your ORM');
  });
});

describe('a labelled title that names none yet is no title (index.ts statedTitle, NO_TITLE_YET)', () => {
  const form = (value: string) => `Bonjour,\n\nTitre : ${value}\nDurée : 20 minutes\n\nJe parlerai des ORM et des requêtes qu'ils écrivent.\n\nRita Moss\n`;
  it.each([['à définir, vous préférez un sujet sur les ORM ou sur les index ?'], ['à définir'], ['pas encore trouvé'], ['à préciser (ORM ou index)'], ['TBD'], ['À définir'], ['Not yet sure (something on ORMs)'], ['Tbd – ideas welcome']])('%s', async (value) => {
    expect(await read('Rita Moss <rita@x.example>', 'Proposition de talk', form(value))).toMatchObject({ kind: 'proposal', title: null, minutes: 20 });
  });

  it('guard: a title opening on the same words is one', async () => {
    expect((await read('Rita Moss <rita@x.example>', 'Proposition de talk', form('À venir : ce que PostgreSQL 18 change')))?.title).toBe('À venir : ce que PostgreSQL 18 change');
  });

  it('guard: the prose then names the title', async () => {
    const body = 'Bonjour,\n\nTitre : à définir\nDurée : 20 minutes\n\nJe propose « Les ORM et leurs requêtes », un tour des requêtes qu’ils écrivent.\n\nRita Moss\n';
    expect((await read('Rita Moss <rita@x.example>', 'Proposition de talk', body)).title).toBe('Les ORM et leurs requêtes');
  });
});
