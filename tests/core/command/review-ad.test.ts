/**
 * Review of audit AD (ef41fa4, 73c94b6): 87 replies written near its new rules, each with its expected outcome, before
 * running them — the rows the reader got wrong (those caused by the audit's « de mon côté / pour moi / on my end » set
 * aside, and older ones near it), and guards that must still decide.
 */
import { describe, expect, it } from 'vitest';
import { commandReaders } from './read.ts';
import { growth, LINEAR } from '../../support/growth.ts';

const { speaker, verbs, read } = commandReaders('2026-12-03T07:00:00Z');

describe('after the writer’s own say, another organizer’s say or a closing hedge holds the decision (caused by 73c94b6’s FOR_MYSELF_THEN)', () => {
  it.each([
    'Accepté pour moi : à toi de voir, Lucie',
    'Accepted on my end - Bob has the final say.',
    'Accepté pour moi, c’est Lucie qui tranche',
    'Accepter pour moi : c’est un bon sujet mais Lucie décide',
    'Accepté de mon côté, Lucie aussi je crois',
    'Accept, up to you Bob.',
  ])('organizer, nothing decided: %j', (text) => {
    expect(read(text)).toEqual({ commands: [], comment: text });
  });
  it.each([
    ['Accepté pour moi, très bon sujet.', [['accept', null]], 'très bon sujet.'],
    ['Validé pour ma part, en lightning.', [['accept', null], ['lightning', null]], ''],
    ['Refusé de mon côté, trop commercial', [['decline', 'trop commercial']], ''],
    ['Accepter, c’est décidé.', [['accept', null]], 'c’est décidé.'],
  ])('organizer: %j → %j', (text, commands, comment) => {
    expect(read(text)).toEqual({ commands, comment });
  });
});

describe('a decline’s reason on its line that waits on someone or ends unsure is no reason for the speaker (older)', () => {
  it.each([
    'Refuser : hors sujet, sous réserve de l’avis de Lucie',
    'Refuser : hors sujet, à voir avec Claire',
    'Refuser : finalement, à voir avec Lucie',
    'Declined on my end: too salesy, but Bob may disagree.',
    'Refuser pour moi — trop commercial, pour Lucie je ne sais pas',
    'Decline: off topic, I think',
  ])('organizer, nothing decided: %j', (text) => {
    expect(verbs(text)).toEqual([]);
  });
  it.each([
    ['Refuser : le sujet pending depuis des mois', 'le sujet pending depuis des mois'],
    ['Decline: too close to the pending talk on Patroni', 'too close to the pending talk on Patroni'],
    ['Decline: on second thought, too salesy', 'on second thought, too salesy'],
    ['Refuser : trop proche du talk de Lucie', 'trop proche du talk de Lucie'],
  ])('organizer: %j → decline %j', (text, reason) => {
    expect(read(text).commands).toEqual([['decline', reason]]);
  });
});

describe('the line under a decision: a change of mind or a reservation that defers, another answer after « finalement » (older)', () => {
  it.each([
    'On prend\nmais je préviens Lucie d’abord',
    'LGTM, accept.\nBut let’s wait for Bob before telling him.',
    'Refuser : le sujet a déjà été traité en mars\nmais je préfère qu’on en parle avant',
    'Accept.\nOn second thought, let’s talk Thursday.',
    'Accepter\nFinalement c’est Lucie qui décide.',
    'Refuser\nFinalement oui, accepter',
    'Accepter\nFinalement oui.',
    'Accepté.\nEnfin, c’est à confirmer avec Lucie.',
  ])('organizer, nothing decided: %j', (text) => {
    expect(verbs(text)).toEqual([]);
  });
  it.each([
    ['Accept\nAfter all, it’s a good fit for beginners.', 'After all, it’s a good fit for beginners.'],
    ['Accepter\nMais un peu long pour des débutants.', 'Mais un peu long pour des débutants.'],
    ['Accepter\n\nFinalement un sujet sur la réplication, il était temps.', 'Finalement un sujet sur la réplication, il était temps.'],
  ])('organizer: %j → accept, the line the comment', (text, comment) => {
    expect(read(text)).toEqual({ commands: [['accept', null]], comment });
  });
});

describe('« Question à Lucie : », « Question aux orgas : » are for the other organizers (older: mailed to the speaker)', () => {
  it.each(['Question aux orgas : on le prend ?', 'Question à Lucie : il a déjà présenté ?', 'Question au bureau : on a le budget ?'])('organizer: %j → no ask', (text) => {
    expect(read(text)).toEqual({ commands: [], comment: text });
  });
  it.each([
    ['Question à l’orateur : a-t-il des slides ?', 'a-t-il des slides ?'],
    ['Question pour l’oratrice : peut-elle venir à 19h ?', 'peut-elle venir à 19h ?'],
    ['Question : à quelle heure arrivez-vous ?', 'à quelle heure arrivez-vous ?'],
  ])('organizer: %j → ask %j', (text, q) => {
    expect(read(text).commands).toEqual([['ask', q]]);
  });
});

describe('courtesy after the verb: « pas de souci », "see you on Thursday the 28th" (older)', () => {
  it.each(['On prend, pas de souci.', 'Accepté, pas de souci.', 'Accepted, no worries!'])('organizer: %j → accept', (text) => {
    expect(read(text)).toEqual({ commands: [['accept', null]], comment: '' });
  });
  it.each(['Je confirme, pas de souci !', 'I confirm, see you on Thursday the 28th!', 'Confirmed — see you on Thursday, January 28th.'])('speaker: %j → confirm', (text) => {
    expect(verbs(text, speaker)).toEqual(['confirm']);
  });
  it.each([
    ['Ok, pas de souci', speaker],
    ['Ok, pas de souci', undefined],
    ['Je confirme, à jeudi 28, mais je dois partir à 20h', speaker],
    ['I confirm, see you on Thursday the 28th if my train runs', speaker],
  ] as const)('nothing: %j', (text, o) => {
    expect(verbs(text, o)).toEqual([]);
  });
  it('a hedge closing a speaker’s withdrawal is about coming back: « Je retire ma proposition, désolé : je reviendrai l’an prochain peut-être »', () => {
    expect(verbs('Je retire ma proposition, désolé : je reviendrai l’an prochain peut-être', speaker)).toEqual(['withdraw']);
  });
});

describe('a reviewer’s yes said for himself before the decision (older)', () => {
  it.each([
    ['LGTM from me, accept', ['accept']],
    ['Looks good to me too — accept.', ['accept']],
    ['Sounds good to us as well, decline: off topic', ['decline']],
  ])('organizer: %j → %j', (text, want) => {
    expect(verbs(text)).toEqual(want);
  });
  it.each(['LGTM but let’s wait for Bob', 'LGTM from me', 'Looks good to me too'])('organizer, nothing decided: %j', (text) => {
    expect(verbs(text)).toEqual([]);
  });
});

describe('the review’s phrases on long lines', () => {
  it('50,000 characters of « mais », « je crois », « pas de souci », "LGTM from me" read in linear time', async () => {
    for (const [head, unit] of [
      ['Accepter\n', 'mais on attend '],
      ['Refuser : trop commercial', ' je crois'],
      ['Accepter, ', 'pas de souci '],
      ['Accepter\n', 'Finalement c’est Lucie qui '],
      ['', 'LGTM from me, '],
    ] as const) {
      const text = (m: number) => `${head}${unit.repeat(Math.ceil((12_500 * m) / unit.length))} ?`;
      expect(await growth(text, (t) => verbs(t)), `${head}${unit}`).toBeLessThan(LINEAR);
    }
  });
});
