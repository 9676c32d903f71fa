/**
 * Review of parse audit 11 (bcca19a, e97933e): what its rules made worse, in mail its own rows did not try — a workshop's
 * participants (its audience), emphasis after a talk word, a rhetorical "How long…" in an abstract, a title that opens on
 * a greeting's word, a subject's accents against a phone's text, a title line with « dos » or "ten". Each row was read
 * wrongly after the audit.
 */
import { describe, expect, it } from 'vitest';
import { fieldSpeakers } from '../../../src/core/extract/speakers.ts';
import { looksLikePersonName } from '../../../src/core/text/names.ts';
import { proposalReader } from './read.ts';
import { growth, LINEAR } from '../../support/growth.ts';


const read = proposalReader(['title', 'abstract', 'minutes', 'speakers']);

describe("a workshop's participants are its audience: « Participants : » lists speakers only when it names people (fields.ts namesPeople)", () => {
  it.each([
    ['Participants : une quarantaine de personnes idéalement, c’est interactif'],
    ['Participants: 15 max, each with a laptop and Docker installed.'],
    ['Participants: beginners welcome'],
    ['Expected participants: around forty'],
    ['Participants : développeurs et DBA'],
  ])('%s', async (line) => {
    const r = await read('Ann Lee <ann@x.example>', 'Workshop proposal: Hands-on query tuning', `Hi,\n\nI'd like to run a 2-hour workshop on query tuning with EXPLAIN ANALYZE.\n\n${line}\n\nBest,\nAnn Lee\n`);
    expect(r.speakers).toEqual(['Ann Lee']);
  });

  it('guard: a round table\'s participants named are its speakers', async () => {
    const r = await read('Théo Martin <theo@x.example>', 'Proposition de table ronde : l’avenir des extensions', 'Bonjour,\n\nJe propose une table ronde d’une heure sur l’avenir des extensions PostgreSQL.\n\nParticipants : Julie Caron (Dalibo), Marc Olivier (OVH)\n\nThéo Martin\n');
    expect(r.speakers).toEqual(['Théo Martin', 'Julie Caron', 'Marc Olivier']);
  });
});

describe('marks that stress words after a talk word name no title (prose-title.ts MARKED_TITLE)', () => {
  it.each([
    ['Proposition de talk : Le sharding avec Citus', 'Je voudrais proposer un talk *en anglais* sur le sharding avec Citus, 30 minutes.', 'Le sharding avec Citus'],
    ['Proposition de talk : Le sharding avec Citus', 'Je propose un talk *pour débutants* sur le sharding avec Citus, 30 minutes.', 'Le sharding avec Citus'],
    ['Talk proposal: Sharding with Citus', "I'd like to give a talk *if there is still room* on sharding with Citus, 30 minutes.", 'Sharding with Citus'],
    ['Talk proposal: Sharding with Citus', "I'd like to propose a talk _in French_ on sharding with Citus, 30 minutes.", 'Sharding with Citus'],
    // guards: a marked title opens on a capital, a digit or an identifier
    ['Talk proposal', "I'd like to present *Query insights with pg_stat_statements*, 30 minutes. The talk is *very* hands-on.", 'Query insights with pg_stat_statements'],
    ['Proposition de talk', 'Je voudrais présenter _Migrer 4 To sans coupure_ au prochain meetup, 30 minutes.', 'Migrer 4 To sans coupure'],
  ])('%s — %s', async (subject, line, title) => {
    expect((await read('Ann Lee <ann@x.example>', subject, `Hi,\n\n${line}\n\nBest,\nAnn Lee\n`)).title).toBe(title);
  });
});

describe('"How long…" is a length question when asked of the speaker, not in an abstract (labels.ts LENGTH_QUESTION)', () => {
  it.each([
    ["I'd like to propose a 30 minute talk.\n\nHow long does a restore of 4 TB take: that is what this talk answers, with pgBackRest and our benchmarks.", 'How long does a restore of 4 TB take', 30],
    ["I'd like to propose a talk on restores.\n\nHow long will it take to restore: 2 hours with pgBackRest, 9 with pg_dump. That's what I'll show, in 30 minutes.", 'How long will it take to restore', null],
    ["Je propose un talk de 30 minutes.\n\nCombien de temps pour restaurer 4 To : c'est la question de ce talk, avec pgBackRest et nos mesures.", 'Combien de temps pour restaurer 4 To', 30],
  ])('%s', async (text, kept, minutes) => {
    const r = await read('Ann Lee <ann@x.example>', 'Talk proposal: Restoring 4 TB', `Hi,\n\n${text}\n\nBest,\nAnn Lee\n`);
    expect(r.abstract).toContain(kept);
    // (the second row's « 2 hours … take » was read as its length before the audit too)
    if (minutes !== null) expect(r.minutes).toBe(minutes);
  });
});

describe('a line opening on the title is no greeting (abstract.ts opensOnTitle)', () => {
  it.each([
    ['Talk proposal: Hello World in PL/pgSQL', 'Hello World in PL/pgSQL: a 20 minute talk for beginners writing their first function, with tests.'],
    ['Proposition de talk : Salut les indexes', 'Salut les indexes : un talk de 20 minutes sur les index BRIN, GIN et GiST, avec des mesures.'],
    ["Talk proposal: Hi, I'm a query planner", "Hi, I'm a query planner: a 30 minute talk where the planner explains its own choices, join by join."],
  ])('%s', async (subject, line) => {
    expect((await read('Ann Lee <ann@x.example>', subject, `${line}\n\nBest,\nAnn Lee\n`)).abstract).toBe(line);
  });

  it('guard: a greeting before the text still leaves it', async () => {
    const r = await read('Ann Lee <ann@x.example>', 'Talk proposal: Vacuum without fear', 'Hey folks! Autovacuum on multi-terabyte tables is misunderstood: this 30 minute talk explains its thresholds.\n\nBest,\nAnn Lee\n');
    expect(r.abstract).toBe('Autovacuum on multi-terabyte tables is misunderstood: this 30 minute talk explains its thresholds.');
  });
});

describe("the text's casing wins over the subject's, not the text's missing accents (index.ts shorthandOf)", () => {
  it('« replication logique » typed on a phone', async () => {
    const r = await read('Théo Martin <theo@x.example>', 'Proposition de talk : Réplication logique en production', 'Bonjour,\n\nJe vous propose un talk de 30 minutes : "replication logique en production". On a 200 bases.\n\nThéo Martin\n');
    expect(r.title).toBe('Réplication logique en production');
  });
});

describe('« den », « del », « dos », « ten » stand before a surname, not inside a title (text/names.ts looksLikePersonName)', () => {
  it.each([
    ['Top ten Postgres Settings', false],
    ['Banco dos Dados Abertos', false],
    ['dos', false],
    // guards
    ['Bram van den Broek', true],
    ['Lucía del Río', true],
    ['João dos Santos', true],
    ['Anne ten Brink', true],
  ])('%s', (line, name) => {
    expect(looksLikePersonName(line)).toBe(name);
  });

  it('a title line with "ten" names the talk', async () => {
    const r = await read('Ann Lee <ann@x.example>', 'Talk proposal', "Hi,\n\nI'd like to propose a talk, 30 minutes:\n\nTop ten Postgres Settings\n\nThe settings we change on every new cluster.\n\nBest,\nAnn Lee\n");
    expect(r.title).toBe('Top ten Postgres Settings');
  });
});

describe('a long « Participants : » or "Speakers:" list reads in linear time (speakers.ts fieldSpeakers)', () => {
  it('200,000 characters of names', async () => {
    const value = (m: number) => 'Julie Caron, '.repeat(4000 * m);
    expect(fieldSpeakers(value(4))[0]).toEqual({ name: 'Julie Caron', email: null });
    // quadratic before: each comma's look-ahead ran to the end of the list (about 10 s); now about 0.3 s
    expect(await growth(value, fieldSpeakers)).toBeLessThan(LINEAR);
  });
});
