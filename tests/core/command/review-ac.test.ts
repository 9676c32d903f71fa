/**
 * Review of audit AC's reader changes (d8ffdae: a bare decline's reason on the next lines, French months cut short;
 * 30e82c3: "see you on January 28th" after a confirmation), with rows written for the review as organizers and speakers
 * write them — the shapes near each change that must not be read the new way, and those that should.
 */
import { describe, expect, it } from 'vitest';
import { commandReaders } from './read.ts';
import { readCommands } from '../../../src/core/command/read.ts';
import { readDate } from '../../../src/core/command/dates.ts';
import { growth, LINEAR } from '../../support/growth.ts';

const { organizer, speaker, read } = commandReaders('2026-12-03T07:00:00Z');

describe('a bare decline over a line for the other organizers: never mailed to the speaker as the reason', () => {
  it.each([
    // asides between organizers
    ['Refuser\nEntre nous : trop commercial, et son employeur est un sponsor.', 'Entre nous : trop commercial, et son employeur est un sponsor.'],
    ['Refuser\n(entre nous, il a déjà parlé 3 fois cette année)', '(entre nous, il a déjà parlé 3 fois cette année)'],
    ['Refuser\nPour info, c’est le troisième talk de sa boîte.', 'Pour info, c’est le troisième talk de sa boîte.'],
    ['Decline\nFYI he’s been rejected twice already.', 'FYI he’s been rejected twice already.'],
    ['Decline\nBetween us, the guy is a pain to work with.', 'Between us, the guy is a pain to work with.'],
    ['Refuser\nNB pour l’équipe : déjà refusé en juin.', 'NB pour l’équipe : déjà refusé en juin.'],
    // the writer's next step, organizers agreeing, their own notes
    ['Refuser\nJe préviens la salle.', 'Je préviens la salle.'],
    ['Decline\nI’ll let the venue know.', 'I’ll let the venue know.'],
    ['Decline\nCc’ing Bob so he knows.', 'Cc’ing Bob so he knows.'],
    ['Decline\n+1 with Lucie', '+1 with Lucie'],
    ['Refuser\nd’accord avec Lucie', 'd’accord avec Lucie'],
    ['Refuser\nClaire et Bob sont d’accord.', 'Claire et Bob sont d’accord.'],
    ['Decline\nAs discussed.', 'As discussed.'],
    ['Refuser\nComme convenu jeudi.', 'Comme convenu jeudi.'],
    ['Decline\nDiscussed with Bob and Alice, we all agree.', 'Discussed with Bob and Alice, we all agree.'],
    ['Decline\nSee my notes in the doc.', 'See my notes in the doc.'],
    ['Refuser\nVoir le fil Slack.', 'Voir le fil Slack.'],
    ['Decline\n@bob please notify them', '@bob please notify them'],
    ['Decline\nJIRA-1234', 'JIRA-1234'],
    // the quoted notice's own lines, when the client leaves no blank line
    ['Decline\nProposal P-0004: Partitioning without pain (Jean Dupont)', 'Proposal P-0004: Partitioning without pain (Jean Dupont)'],
    ['Refuser\nRépondez par : accepter, refuser, attente, programmer DATE', 'Répondez par : accepter, refuser, attente, programmer DATE'],
    // a reason, then an aside or a question in the same paragraph (on its line, or after a hard wrap)
    ['Refuser\nLe sujet a déjà été traité en septembre.\nEntre nous, il a déjà parlé trois fois.', 'Le sujet a déjà été traité en septembre.\nEntre nous, il a déjà parlé trois fois.'],
    ['Decline\nToo commercial.\nFYI his company is a sponsor.', 'Too commercial.\nFYI his company is a sponsor.'],
    ['Refuser\nTrop commercial, et entre\nnous son employeur est sponsor.', 'Trop commercial, et entre\nnous son employeur est sponsor.'],
    ['Refuser\nTrop commercial.\nOn en parle jeudi ?', 'Trop commercial.\nOn en parle jeudi ?'],
  ])('organizer: %j → decline, no reason, the rest the organizers’ comment', (text, comment) => {
    expect(read(text)).toEqual({ commands: [['decline', null]], comment });
  });

  it('an Outlook rule over the quoted notice is no reason', () => {
    expect(read('Refuser\n________________________________\nDe : crieur <crieur@example.org>').commands).toEqual([['decline', null]]);
  });
});

// (audit AC had made these the reason mailed to the speaker; the README's contract keeps them the comment: audit-ac.test.ts)
describe('a bare decline over what reads as a reason for the speaker: still the organizers’ comment', () => {
  it.each([
    ['Refuser\nMerci pour la proposition, mais le sujet a déjà été traité deux fois cette année. Nous\npréférons laisser la place à d’autres thèmes pour la saison prochaine. N’hésitez pas à\nnous proposer autre chose !\n\nCordialement,\nClaire', 'Merci pour la proposition, mais le sujet a déjà été traité deux fois cette année. Nous préférons laisser la place à d’autres thèmes pour la saison prochaine. N’hésitez pas à nous proposer autre chose !'],
    ['Decline\nThanks for the proposal, but it’s too close to last month’s talk.', 'Thanks for the proposal, but it’s too close to last month’s talk.'],
    ['Refuser\nDésolé, le sujet a déjà été traité en septembre.', 'Désolé, le sujet a déjà été traité en septembre.'],
    ['Decline\nUnfortunately, the program for this season is full.', 'Unfortunately, the program for this season is full.'],
    ['Decline.\nThe topic overlaps heavily with the talk we had in September, and the abstract\ndoesn’t say what’s new since then. We’d love to see a proposal on the migration\nitself instead.\n\nBest,\nDim', 'The topic overlaps heavily with the talk we had in September, and the abstract doesn’t say what’s new since then. We’d love to see a proposal on the migration itself instead.'],
    ['Decline\nNot a fit: we focus on Postgres internals, not on ORMs.', 'Not a fit: we focus on Postgres internals, not on ORMs.'],
  ])('organizer: %j → decline, no reason, the paragraph a comment', (text, reason) => {
    expect(read(text).commands).toEqual([['decline', null]]);
    expect(read(text).comment.replace(/\s+/g, ' ')).toBe(reason);
  });
});

describe('a decline’s reason below it that doubts the decision after its first words: nothing decided, nothing mailed', () => {
  it.each([
    'Refuser\nTrop commercial.\nEnfin, je ne sais pas.',
    'Decline\nToo commercial.\nJust kidding.',
    'Decline\nToo commercial. Not sure though.',
    'Refuser\nHors sujet pour nous, à voir avec Claire.',
    'Refuser\nRaison : trop commercial.\nEnfin, je crois.',
  ])('organizer, nothing decided: %j', (text) => {
    expect(read(text).commands).toEqual([]);
  });
  it.each([
    ['Decline\nToo long; if you can cut it to 20 minutes, resubmit.', 'Too long; if you can cut it to 20 minutes, resubmit.'],
    ['Refuser\nTrop long. Si vous pouvez le réduire à 20 minutes, n’hésitez pas à le reproposer.', 'Trop long. Si vous pouvez le réduire à 20 minutes, n’hésitez pas à le reproposer.'],
    ['Refuser\nDésolé, le sujet a déjà été traité en septembre, mais revenez avec un retour d’expérience.', 'Désolé, le sujet a déjà été traité en septembre, mais revenez avec un retour d’expérience.'],
  ])('organizer: %j → decline (a condition or a « mais » for the speaker doubts nothing), the paragraph a comment', (text, comment) => {
    expect(read(text)).toEqual({ commands: [['decline', null]], comment });
  });
  it('50,000 characters of a reason’s clauses read in linear time', async () => {
    expect(await growth((m) => `Refuser\n${'trop long, '.repeat(1136 * m)}`, (t) => readCommands(t, organizer))).toBeLessThan(LINEAR);
    expect(await growth((m) => `Decline\n${'Too long. '.repeat(1250 * m)}`, (t) => readCommands(t, organizer))).toBeLessThan(LINEAR);
  });
});

describe('a French weekday cut short before a day and a month: checked against the date, as written out', () => {
  const ref = { now: new Date('2026-12-03T07:00:00Z'), timeZone: 'Europe/Paris', locale: 'fr' as const };
  // 11 February 2027 is a Thursday, 9 February a Tuesday, 11 March a Thursday
  it.each(['mar. 11 fév.', 'mer. 11 février', 'mar. 11 mars', 'le mer. 11 fév. à 19h'])('%s: which day? (ambiguous, as « mercredi 11 février »)', (text) => {
    expect(readDate(text, ref).problem).toBe('date-ambiguous');
  });
  it.each([
    ['mar. 9 fév.', '2027-02-09'],
    ['jeu. 11 fév.', '2027-02-11'],
    ['lun. 1er févr.', '2027-02-01'],
    ['mar. 9 mars', '2027-03-09'],
    ['le 3 mar.', '2027-03-03'],
  ])('%s → %s', (text, day) => {
    expect(readDate(text, ref)).toMatchObject({ date: { day }, problem: null });
  });
});

describe('"see you" after a confirmation: the evening’s day, not any word', () => {
  it.each([
    'Confirmed, see you someday.',
    'Confirmed, see you yesterday',
    'Confirmed, see you on the 28th of never',
    'Confirmed, see you on probably January 28',
    'Confirmed, see you never.',
    'Confirmed — see you when the slides are ready?',
  ])('speaker, a message: %j', (text) => {
    expect(readCommands(text, speaker).commands).toEqual([]);
  });
  it.each(['Confirmed, see you on Thursday, January 28th!', 'Confirmed! See you on Jan 28th', 'Confirmed, see you on the 28th of Jan.', 'Confirmed, see you Wednesday'])('speaker: %j → confirm', (text) => {
    expect(readCommands(text, speaker).commands.map((c) => c.verb)).toEqual(['confirm']);
  });
});
