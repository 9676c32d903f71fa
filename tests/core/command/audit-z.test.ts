/**
 * Audit Z (held-out replies by email, scored end to end by tests/e2e/audit-x/harness.test.ts, AUDIT_X_BATCH=batchZ1…):
 * the reader's side of what it found, line by line — and of the shapes near them, so that the fixes are the grammar's,
 * not one message's.
 */
import { describe, expect, it } from 'vitest';
import { commandReaders } from './read.ts';
import { readCommands } from '../../../src/core/command/read.ts';

const { organizer, speaker, verbs } = commandReaders('2026-12-03T03:30:00Z');

describe('a speaker’s regret said as a sentence before the act (audit Z 44: « Je suis désolé mais je dois retirer ma proposition : … » relayed, the talk left in)', () => {
  it.each([
    ['Je suis désolé mais je dois retirer ma proposition : mon employeur ne me libère pas ce soir-là.', 'withdraw'],
    ['Je suis vraiment désolée, je dois retirer ma proposition.', 'withdraw'],
    ["I'm sorry but I have to withdraw my talk.", 'withdraw'],
    ["I'm really sorry, I need to withdraw my proposal, new job.", 'withdraw'],
  ])('speaker: %s → %s', (text, verb) => {
    expect(verbs(text, speaker)).toEqual([verb]);
  });

  it.each(['Je suis désolé mais je ne retire pas ma proposition.', "I'm sorry, can I withdraw my talk if my boss says no?", 'Je suis désolé, je dois retirer ma proposition si je change de poste.'])('speaker, still a message: %s', (text) => {
    expect(verbs(text, speaker)).toEqual([]);
  });
});

describe('a speaker pulling out (audit Z 52: "I\'m afraid I have to pull out, my company won\'t let me travel that week." relayed, the talk left in)', () => {
  it.each([
    ["Hi, I'm afraid I have to pull out, my company won't let me travel that week. Sorry!", 'withdraw'],
    ['I need to drop out, family reasons.', 'withdraw'],
    ['Sorry, I have to pull out.', 'withdraw'],
    ['Je dois me retirer, désolé.', 'withdraw'],
    ['Je préfère me retirer : trop de travail en ce moment.', 'withdraw'],
  ])('speaker: %s → %s', (text, verb) => {
    expect(verbs(text, speaker)).toEqual([verb]);
  });

  it.each(["I have to pull out the live demo, it's too risky.", 'Pull out the part on Citus please.', "I'm afraid I have to pull out if my boss says no.", 'I may have to pull out, I will tell you next week.', 'Je dois me retirer du panel de fin de soirée.'])(
    'speaker, still a message: %s',
    (text) => {
      expect(verbs(text, speaker)).toEqual([]);
    },
  );
});

describe('a speaker saying he will come, with no verb (audit Z 46: « C\'est tout bon pour moi, je serai là. » relayed unconfirmed)', () => {
  it.each(["C'est tout bon pour moi, je serai là.", 'Parfait, je serai là !', "Great, I'll be there!", 'Nous serons présents, merci !', 'I will attend, thanks.'])('speaker: %s → confirm', (text) => {
    expect(verbs(text, speaker)).toEqual(['confirm']);
  });

  it.each(["Je serai là à 19h30 si mon train arrive à l'heure.", "I'll be there but I may be late, is that ok?", 'Je serai là pour écouter mais je ne pourrai pas présenter.', 'Je serai là ?'])('speaker, still a message: %s', (text) => {
    expect(verbs(text, speaker)).toEqual([]);
  });

  it('an organizer’s « Je serai là. » is his own news', () => {
    expect(verbs('Je serai là.', organizer)).toEqual([]);
  });
});

describe('a waiting list, please, and when it will be looked at again (audit Z 21: "waitlist for now please, we\'ll revisit in February." relayed)', () => {
  it.each(["waitlist for now please, we'll revisit in February.", "En attente pour l'instant svp, on y reviendra en février.", "Waitlist, we'll revisit in March.", 'Attente, on en reparlera en janvier.'])(
    '%s → waitlist',
    (text) => {
      expect(verbs(text, organizer)).toEqual(['waitlist']);
    },
  );

  it.each(["Accept, we'll revisit in February.", 'waitlist for now please, unless Lucie objects', 'waitlist for now please?', "Waitlist, we'll revisit if Lucie agrees."])('organizer, still prose: %s', (text) => {
    expect(verbs(text, organizer)).toEqual([]);
  });
});

describe('the talk put on an evening in the writer’s words (audit Z 09, 22: « On le met au prochain meetup. » relayed, "Please schedule it for the next meetup." unreadable)', () => {
  const read = (text: string) => readCommands(text, organizer).commands.map((c) => [c.verb, c.nextEvent ? 'next' : (c.date?.day ?? c.problem)].filter((x) => x !== null).join(' '));
  it.each([
    ['Please schedule it for the next meetup.', 'schedule next'],
    ['Programmer ce talk au prochain meetup svp', 'schedule next'],
    ['On le met au prochain meetup.', 'schedule next'],
    ['On la programme le 28/01.', 'schedule 2027-01-28'],
    ["Let's put it on the next meetup.", 'schedule next'],
    ['On le met en attente.', 'waitlist'],
  ])('%s → %s', (text, want) => {
    expect(read(text)).toEqual([want]);
  });

  it.each(["On le met de côté pour l'instant.", 'Put it on hold.', 'On le programme ?', 'On la programme le 28 si la salle est libre.', 'On le met où, celui-là ?'])('organizer, still prose: %s', (text) => {
    expect(read(text)).toEqual([]);
  });
});

describe('an acceptance in a format (audit Z 16: « Accepter en lightning talk. » decided nothing)', () => {
  it.each([
    ['Accepter en lightning talk.', 'accept,lightning'],
    ['Accepté, en format éclair.', 'accept,lightning'],
    ['Accept as a lightning talk.', 'accept,lightning'],
    ['On accepte en talk complet, merci', 'accept,talk'],
    ['P-0003 accepter en lightning', 'accept,lightning'],
  ])('%s → %s', (text, want) => {
    expect(verbs(text, organizer).join(',')).toBe(want);
  });

  it('the format acts on the proposal named', () => {
    expect(readCommands('P-0003 accepter en lightning', organizer).commands.map((c) => c.ref)).toEqual(['P-0003', 'P-0003']);
  });

  it.each(['Accepter en lightning ?', "Accepter en lightning si Lucie est d'accord", 'Accept as a lightning talk, unless Lucie objects', 'Accepter en attendant le retour de Lucie'])('organizer, still prose: %s', (text) => {
    expect(verbs(text, organizer)).toEqual([]);
  });
});

describe('the talk taken, in the writer’s words (audit Z 04: « Ok pour moi, on la prend ! » relayed, nothing decided)', () => {
  it.each(['Ok pour moi, on la prend !', 'On le garde, très bon sujet.', "Let's take it.", "Sounds good, we'll take it!"])('%s → accept', (text) => {
    expect(verbs(text, organizer)).toEqual(['accept']);
  });

  it.each(['On la prend en lightning ?', "On la prend si Lucie est d'accord.", 'On le garde pour plus tard, on verra.', "Let's take it offline.", 'On le prend, mais pas en janvier.'])('organizer, still prose: %s', (text) => {
    expect(verbs(text, organizer)).toEqual([]);
  });
});

describe('a decision written as what is to be done (audit Z2 05: « À programmer au meetup du 28 janvier. » relayed, nothing scheduled)', () => {
  it.each([
    ['À programmer au meetup du 28 janvier.', 'schedule'],
    ['À refuser : trop commercial.', 'decline'],
    ['A accepter, très bon sujet.', 'accept'],
    ["À mettre en liste d'attente.", 'waitlist'],
    ['Validé pour moi, à programmer le 14 janvier.', 'accept,schedule'],
  ])('%s → %s', (text, want) => {
    expect(verbs(text, organizer).join(',')).toBe(want);
  });

  it.each(["À accepter je pense, mais je n'ai pas lu le résumé en entier.", 'À refuser ?', 'À demander à Lucie : elle connaît l’orateur.', "À programmer si la salle est libre le 28.", 'À noter : la salle change en janvier.', 'À programmer en mars.'])('organizer, still prose: %s', (text) => {
    expect(verbs(text, organizer)).toEqual([]);
  });
});

describe('a speaker’s correction said in a sentence (audit Z 47, 48: « le titre sera plutôt « … » », « je ferai 20 minutes au lieu de 30 » relayed, nothing corrected)', () => {
  const corr = (text: string) => readCommands(text, speaker).corrections;
  it.each([
    ['Bonjour,\n\nPetite correction, le titre sera plutôt « Vacuum, ce mal-aimé ».\n\nMerci,\nJean', { title: 'Vacuum, ce mal-aimé' }],
    ['Bonjour,\n\nFinalement je ferai 20 minutes au lieu de 30.\n\nJean', { durationMinutes: 20 }],
    ['Hi, the new title is "Vacuum demystified". Thanks!', { title: 'Vacuum demystified' }],
    ['Je voudrais renommer mon talk en « Partitionner sans douleur », merci.', { title: 'Partitionner sans douleur' }],
    ["Hello, I'll do 25 minutes instead of 30, the demo got shorter.", { durationMinutes: 25 }],
    ['Finalement ce sera 20 minutes, questions comprises.', { durationMinutes: 20 }],
    ["Oups, le titre n'était pas le bon. Le bon titre est « Partitionnement déclaratif avec PostgreSQL 17 ».", { title: 'Partitionnement déclaratif avec PostgreSQL 17' }],
    // no full stop before the next paragraph: its « si » / "if" asked nothing of the correction (the paragraph ends it)
    ['Bonjour,\n\nPetite correction, le titre sera plutôt « Vacuum, ce mal-aimé »\n\nSi vous avez des questions, je reste disponible\nJean', { title: 'Vacuum, ce mal-aimé' }],
    ['Finalement je ferai 20 minutes au lieu de 30\n\nSi besoin je peux raccourcir encore', { durationMinutes: 20 }],
    ['Bonjour,\n\nFinalement je ferai 20 minutes\n\nJean', { durationMinutes: 20 }],
    ['Hi, the new title is "Vacuum demystified"\n\nLet me know if anything else is needed\nJean', { title: 'Vacuum demystified' }],
  ])('%j → %j', (text, want) => {
    expect(corr(text)).toEqual(want);
  });

  it('the sentence still goes on to the organizers', () => {
    expect(readCommands('Bonjour,\n\nFinalement je ferai 20 minutes au lieu de 30.\n\nJean', speaker).comment).toContain('je ferai 20 minutes');
  });

  it('an organizer’s sentence corrects nothing', () => {
    expect(readCommands('Le titre sera « Vacuum, ce mal-aimé ».', organizer).corrections).toEqual({});
  });

  it.each([
    'Could I have 40 minutes instead of 30? I have a lot of material.',
    'Je ferais 20 minutes si vous préférez.',
    'Le titre pourrait être « Vacuum, ce mal-aimé », qu’en pensez-vous ?',
    'Le titre sera « Vacuum, ce mal-aimé » si Lucie est d’accord.',
    'Est-ce que je ferai 20 minutes ou 30 ?',
    'Le titre du meetup est « Soirée PostgreSQL », je crois ?',
  ])('speaker, nothing corrected: %s', (text) => {
    expect(corr(text)).toEqual({});
  });
});

describe('an evening named by its month (audit Z 08: « Programmer à la soirée de février » refused as unreadable, one meetup standing in February)', () => {
  const month = (text: string) => readCommands(text, organizer).commands.map((c) => `${c.verb} ${c.eventMonth ?? c.problem}`);
  it.each([
    ['Programmer à la soirée de février', 'schedule 2027-02'],
    ['programmer le meetup de janvier', 'schedule 2027-01'],
    ['Schedule for the February meetup', 'schedule 2027-02'],
    ['programmer la session de décembre', 'schedule 2026-12'],
    ['programmer ce talk à la rencontre de mars 2027', 'schedule 2027-03'],
  ])('%s → %s', (text, want) => {
    expect(month(text)).toEqual([want]);
  });

  it.each([
    ['programmer en février', 'schedule date-unreadable'],
  ])('no month’s event: %s', (text, want) => {
    expect(month(text)).toEqual([want]);
  });

  it.each(['Programmer à la soirée de février ?', 'programmer à la soirée de février ou de mars'])('still prose: %s', (text) => {
    expect(month(text)).toEqual([]);
  });
});

describe('a decision, then another in a sentence of its own (audit Z 19: "Looks good, accepted. Let\'s put it on the Jan 28 meetup." relayed)', () => {
  it.each([
    ["Looks good, accepted. Let's put it on the Jan 28 meetup.", 'accept,schedule'],
    ['Accepté. Programmer le 28/01.', 'accept,schedule'],
    ['Ok. Refuser : hors sujet.', 'decline'],
    ['Looks good to me, accept.', 'accept'],
  ])('%s → %s', (text, want) => {
    expect(verbs(text, organizer).join(',')).toBe(want);
  });

  it.each(['Accepter. Programmer le 28/01 ?', "Looks good. Let's discuss it Thursday.", 'Accepté. Je relis ce soir.', 'Looks good, but ask Lucie.'])('organizer, still prose: %s', (text) => {
    expect(verbs(text, organizer)).toEqual([]);
  });
});

describe('a day of a month in English written abroad (audit Y1 55 again, after "schedule it": "on 28 of January" read as 28 December)', () => {
  const day = (text: string) => readCommands(text, organizer).commands.map((c) => `${c.verb} ${c.date?.day ?? c.problem}`);
  it.each([
    ['Schedule it on 28 of January please', 'schedule 2027-01-28'],
    ['schedule on 28 of January', 'schedule 2027-01-28'],
    ['Schedule the 14th of Feb', 'schedule 2027-02-14'],
    ['schedule the 14th Feb', 'schedule 2027-02-14'],
    ['Schedule on February 11th', 'schedule 2027-02-11'],
  ])('%s → %s', (text, want) => {
    expect(day(text)).toEqual([want]);
  });
});

// The review of audit Z: a decision taken back or doubted right after it — in the next sentence on its line, or on the
// next line — acted, the speaker told (read-line.ts takesBack). Nothing is decided now; remarks still leave it taken.
describe('a decision taken back or doubted right after it decides nothing', () => {
  it.each([
    'Accepter. Enfin, je ne sais pas.',
    'Accepter.\nEnfin, je ne sais pas.',
    'On la prend, enfin je crois.',
    'Accept. Just kidding.',
    'Accept. After Dim confirms.',
    'Accept. Once Dim confirms the room, schedule it.',
    'Accepter. Quand Lucie aura confirmé la salle, on programme.',
    'Accepter.\nAttendez, je vérifie la salle.',
    'Accept. Nevermind.',
    'Accept. Actually no.',
    'Refuser. Je plaisante.',
    'Refuser, trop commercial. Oubliez ça, je relis.',
    'Attente. Hmm, je ne sais pas.',
  ])('organizer: %j', (text) => {
    expect(verbs(text, organizer)).toEqual([]);
  });

  it.each([
    ['Accepter, enfin un talk sur pgvector !', ['accept']],
    ['Accepter. Bon sujet.', ['accept']],
    ['Accepter. Bon, ça fera du bien aux débutants.', ['accept']],
    ['Accept. Well done to the speaker.', ['accept']],
    ['Accepter. Après le talk de Paul ce serait bien.', ['accept']],
    ['Refuser hors sujet, désolé.', ['decline']],
    ['Accepter. Merci !', ['accept']],
  ])('organizer, still decided (guard): %j', (text, want) => {
    expect(verbs(text, organizer)).toEqual(want);
  });
});
