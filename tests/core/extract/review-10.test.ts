/**
 * Review of parse audit 10 (136f2e6, 7659c3d, c95a9a4): what its rules made worse, in mail its own rows did not try — a
 * speaker pointing to their own slides or recording, a talk wished for and offered in the next breath, a rhetorical
 * question in an abstract, an abstract's last sentence about the writer's business, a co-speaker's job after a comma,
 * emoji bullets in a description. Each row was read wrongly after the audit.
 */
import { describe, expect, it } from 'vitest';
import { proposalReader } from './read.ts';


const read = proposalReader(['title', 'abstract', 'speakers']);

describe("a speaker's own slides or recording is no past talk's asked for (score.ts ABOUT_A_PROPOSAL, given already)", () => {
  it.each([
    ['Meetup de mars', "Bonjour,\n\nJe vous propose un talk sur la réplication logique dans PostgreSQL 17, 40 minutes.\nJe peux vous envoyer les slides à l'avance si besoin.\n\nThéo Martin\n"],
    ['Meetup de mars', 'Bonjour,\n\nJe voudrais proposer un talk de 30 minutes sur pgBackRest : sauvegardes incrémentales et restauration PITR.\nLes slides seront disponibles en ligne après le meetup.\n\nThéo Martin\n'],
    ['Meetup de mars', "Bonjour,\n\nJ'aimerais présenter un talk sur l'autovacuum (30 min), donné au PG Day Lyon. La vidéo de ma présentation est en ligne : https://video.example/vacuum\n\nThéo Martin\n"],
    ['March meetup', "Hi,\n\nI'd like to propose a 25 minute talk on pgaudit: how we audit every session for compliance.\nCould you send me the slides template you use?\n\nBest,\nAnn Lee\n"],
  ])('%s: %s', async (subject, body) => {
    expect((await read('Théo Martin <theo@x.example>', subject, body)).kind).toBe('proposal');
  });

  it.each([
    // guards: a past talk's slides or recording asked for is still no proposal
    ['Lightning talks', 'Bonjour,\n\nPourriez-vous partager les slides des lightning talks de jeudi ?\n\nMerci,\nAisha\n'],
    ['Lightning talks', 'Hi,\n\nWill the recordings of the lightning talks be online soon?\n\nAisha\n'],
  ])('guard: %s', async (subject, body) => {
    expect((await read('Aisha Diallo <aisha@x.example>', subject, body)).kind).toBe('other');
  });
});

describe('a talk wished for and offered, a question in an abstract, are a proposal (score.ts, for someone else to give)', () => {
  it.each([
    ['Talk idea: pgvector in production', 'Hi,\n\nIt would be great to have a talk about pgvector at a meetup. I can give it myself: we run it in production with 40M embeddings, 30 minutes.\n\nBest,\nAnn Lee\n'],
    ['Suggestion de thème : la sécurité', "Bonjour,\n\nCe serait bien d'avoir une présentation sur la sécurité de PostgreSQL. Je peux la faire : 30 minutes sur pg_hba, SCRAM et le chiffrement TLS.\n\nThéo Martin\n"],
    ['Talk idea: internals', "Hi,\n\nIt would be great to have more talks on Postgres internals. I'd like to propose one on the WAL: how a commit reaches the disk, 30 minutes.\n\nBest,\nAnn Lee\n"],
    ['Idée de talk : les internes', "Bonjour,\n\nCe serait bien d'avoir des talks sur les internes de PostgreSQL. Je voudrais en proposer un sur le WAL, 30 minutes.\n\nThéo Martin\n"],
    ['Meetup', "Hi,\n\nI'd like to propose a talk.\n\nDoes anyone actually use logical replication in production? We do, on 200 databases, and this talk shows what broke and how we fixed it. 30 minutes.\n\nBest,\nAnn Lee\n"],
    ['Meetup', "Bonjour,\n\nJe voudrais proposer un talk de 20 minutes.\n\nQuelqu'un utilise encore des colonnes EAV ? Nous avons tout migré en JSONB, et je raconte comment.\n\nThéo Martin\n"],
  ])('%s', async (subject, body) => {
    expect((await read('Ann Lee <ann@x.example>', subject, body)).kind).toBe('proposal');
  });
});

describe("an abstract's last sentence about the writer's business stays (abstract.ts ALSO_OFFERED: offered, with a modal)", () => {
  it.each([
    ['Talk proposal: The database behind our events platform', "Hi,\n\nI'd like to propose a 30 minute talk.\n\nOur platform lets organizers run community events; PostgreSQL stores every RSVP.\n\nI'll show the schema and the queue built on SKIP LOCKED. Today we host meetups for 3,000 groups.\n\nBest,\nAnn Lee\n", 'Today we host meetups for 3,000 groups.'],
    ['Talk proposal: Serving 2M orders a day', "Hi,\n\nI'd like to propose a 30 minute talk.\n\nOur delivery platform runs on one PostgreSQL primary with six replicas.\n\nI'll show the partitioning. Today we provide food and drinks to 40 cities.\n\nBest,\nAnn Lee\n", 'Today we provide food and drinks to 40 cities.'],
    ['Proposition de talk : Billetterie', "Bonjour,\n\nJe voudrais proposer un talk de 30 minutes.\n\nNotre billetterie vend des places pour des concerts ; PostgreSQL tient 5 000 ventes par seconde.\n\nJe montrerai nos verrous. La plateforme permet aussi d'héberger vos soirées d'entreprise.\n\nThéo Martin\n", "La plateforme permet aussi d'héberger vos soirées d'entreprise."],
  ])('%s', async (subject, body, kept) => {
    expect((await read('Ann Lee <ann@x.example>', subject, body)).abstract).toContain(kept);
  });

  it('guard: an offer to host closing the mail is still cut', async () => {
    const body = "Hi,\n\nI'd like to propose a 30 minute talk.\n\nOur platform lets organizers run community events; PostgreSQL stores every RSVP.\n\nI'll show the schema. We could also host one of your next meetups in our office.\n\nBest,\nAnn Lee\n";
    expect((await read('Ann Lee <ann@x.example>', 'Talk proposal: Events on Postgres', body)).abstract).not.toContain('host');
  });
});

describe('a comma after a co-speaker names her job, not another speaker (speakers.ts CO_SPEAKER)', () => {
  it.each([
    ["I'd like to propose a 30 minute talk on zero-downtime major upgrades, co-presented with Anna Schmidt, Senior Engineer at Zalando.", ['Ann Lee', 'Anna Schmidt']],
    ['Je propose un talk de 30 minutes sur nos migrations Oracle vers PostgreSQL, co-animé avec Julie Caron, Directrice Technique chez Dalibo.', ['Ann Lee', 'Julie Caron']],
    ["I'd like to propose a 30 minute talk on zero-downtime major upgrades, co-presented with Anna Schmidt and Data Egret Team.", ['Ann Lee', 'Anna Schmidt']],
    // guards: a list closed by « et » / "and" names each one
    ["I'd like to propose a 30 minute talk on upgrades, co-presented with Anna Schmidt, Li Wei and Tom Baker.", ['Ann Lee', 'Anna Schmidt', 'Li Wei', 'Tom Baker']],
  ])('%s', async (text, speakers) => {
    const r = await read('Ann Lee <ann@x.example>', 'Talk proposal: Zero-downtime upgrades', `Hi,\n\n${text}\n\nBest,\nAnn Lee\n`);
    expect(r.speakers).toEqual(speakers);
  });
});

describe('emoji bullets in a description stay in the abstract (extract/index.ts)', () => {
  it('✅ list', async () => {
    const body = "Hi,\n\nI'd like to propose a 30 minute talk on autovacuum tuning. What you'll learn:\n✅ how thresholds work\n✅ how to set cost limits\n✅ how to monitor bloat\n\nBest,\nAnn Lee\n";
    expect((await read('Ann Lee <ann@x.example>', 'Talk proposal: Vacuum without fear', body)).abstract).toContain('✅ how thresholds work\n✅ how to set cost limits');
  });
});

describe("a lightning talk's own question to its audience is no question whether the call has room (score.ts ASKS_ABOUT_CALL)", () => {
  it.each([
    ["Hi,\n\nI'd like to give a lightning talk on replication slots: are there any slots left inactive on your primary? They will fill your disk.\n\nBest,\nAnn Lee\n"],
    ["Hi,\n\nI'd like to give a lightning talk about pg_cron: is the schedule full at 3 am? Most jobs start on the hour, and the talk shows how to spread them.\n\nBest,\nAnn Lee\n"],
  ])('%s', async (body) => {
    expect((await read('Ann Lee <ann@x.example>', 'Lightning talk', body)).kind).toBe('proposal');
  });

  it.each([
    // guards: the call's state asked as the question itself
    ['Hi,\n\nAny slots left for lightning talks in March?\n\nOmar\n'],
    ['Hi,\n\nAre lightning talks still open for the January meetup, or is the programme full?\n\nOmar\n'],
  ])('guard: %s', async (body) => {
    expect((await read('Omar Haddad <omar@x.example>', 'Lightning talks', body)).kind).toBe('other');
  });
});

describe('asking whether one may present is no offer; a speaker passing on their own slides asks for none (score.ts MODAL, given already)', () => {
  it.each([
    ['Meetup de mars', 'Bonjour,\n\nEst-il possible de présenter son entreprise avant les talks ? Nous recrutons.\n\nAisha\n'],
    ['Question', 'Hi,\n\nIs it possible to present a talk remotely, or do speakers have to be in Paris?\n\nBest,\nAnn\n'],
  ])('%s: %s', async (subject, body) => {
    expect((await read('Aisha Diallo <aisha@x.example>', subject, body)).kind).toBe('other');
  });

  it('a speaker asks to pass on their own slides', async () => {
    const body = "Hi,\n\nI'd like to propose a 25 minute talk on pgaudit: how we audit every session for compliance.\nCould you share my slides with the attendees afterwards?\n\nBest,\nAnn Lee\n";
    expect((await read('Ann Lee <ann@x.example>', 'March meetup', body)).kind).toBe('proposal');
  });

  it('guard: "Would it be possible to present it?" with its title still offers it', async () => {
    const body = 'Hello,\n\nI did my thesis on learned cardinality estimation in PostgreSQL. Would it be possible to present it? Title could be "Learning to estimate: ML in the planner".\n\nBest,\nLina\n';
    expect((await read('Lina Park <lina@x.example>', 'Talk', body)).kind).toBe('proposal');
  });
});
