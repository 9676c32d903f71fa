/**
 * Audit AD (held-out replies by email, scored end to end by tests/e2e/audit-x/harness.test.ts, AUDIT_X_BATCH=batchAD1…):
 * clients not emulated before (Proton Mail web, Fastmail, Gmail on iOS, Outlook for iOS / Android, an iPad, Apple Mail and
 * Thunderbird in HTML only, Roundcube in English, Zimbra in HTML, HCL Notes, Outlook in plain text), organizers' own
 * wordings, a decision taken back, a question addressed to the other organizers — the reader's side of what it found, and
 * the shapes near them that must still act on nothing or keep the writer's comment for the organizers.
 */
import { describe, expect, it } from 'vitest';
import { commandReaders } from './read.ts';
import { growth, LINEAR } from '../../support/growth.ts';

const { speaker, verbs, read } = commandReaders('2026-12-03T07:00:00Z');

describe('an assent in reviewers’ shorthand before the decision (audit AD1 03: "LGTM, accept" relayed, nothing decided)', () => {
  it.each([
    ['LGTM, accept', ['accept']],
    ['LGTM — accept.', ['accept']],
    ['lgtm, accepter', ['accept']],
    ['SGTM, waitlist', ['waitlist']],
    ['LGTM, decline: off topic', ['decline']],
  ])('organizer: %j → %j', (text, want) => {
    expect(verbs(text)).toEqual(want);
  });
  it.each(['LGTM', 'LGTM!', 'LGTM, but let me check the slides first', 'lgtm, ok', 'LGTM, accept?'])('organizer, nothing decided: %j', (text) => {
    expect(verbs(text)).toEqual([]);
  });
  it('a speaker’s « LGTM, je confirme » confirms; his « LGTM, accept » is prose', () => {
    expect(verbs('LGTM, je confirme', speaker)).toEqual(['confirm']);
    expect(verbs('LGTM, accept', speaker)).toEqual([]);
  });
});

describe('« On prend. »: the organizers taking the talk, bare (audit AD1 05: relayed, nothing decided)', () => {
  it.each([
    ['On prend.', ['accept']],
    ['On prend !', ['accept']],
    ['on prend, très bon sujet', ['accept']],
    ['On la retient.', ['accept']],
    ['On le retient, merci !', ['accept']],
  ])('organizer: %j → %j', (text, want) => {
    expect(verbs(text)).toEqual(want);
  });
  it.each([
    'On prend le temps d’en parler jeudi.',
    'On prend une décision jeudi.',
    'On prend ?',
    'On retient la date du 28 ?',
    'On prend, mais en attendant l’avis de Claire',
    'On prend… enfin je crois',
  ])('organizer, nothing decided: %j', (text) => {
    expect(verbs(text)).toEqual([]);
  });
});

describe('a decision taken back on the next line (audit AD1 32: « Accepter » / « Finalement non, refuser » accepted)', () => {
  it.each([
    'Accepter\nFinalement non, refuser',
    'Accepter.\nFinalement, non.',
    'Accept\nActually no, decline.',
    'Accept.\nOn second thought, decline.',
    'Accepter\nÀ la réflexion, plutôt attente.',
    'Accepter\nRéflexion faite, non.',
    'Accepter\nTout compte fait, refuser.',
    'Accepté, finalement non',
    // under a decline, « Finalement non. » may say no again or take it back: nothing decided
    'Refuser\nFinalement non.',
    'Refuser : trop commercial\nTout compte fait, attente.',
  ])('organizer, nothing decided: %j', (text) => {
    expect(verbs(text)).toEqual([]);
  });
  it.each([
    // « Enfin » / « finalement » opening a remark on the talk, not the decision
    ['Accepter\n\nEnfin un talk sur pgvector !', ['accept']],
    ['Accepter\n\nFinalement un sujet sur la réplication, il était temps.', ['accept']],
    ['Refuser : finalement trop proche du talk de mars.', ['decline']],
    // in a decline's reason, « finalement non » is the no said again; a reason after reflection is a reason
    ['Refuser : finalement non', ['decline']],
    ['Refuser : après réflexion, trop commercial.', ['decline']],
    ['Refuser : finalement pas assez technique.', ['decline']],
  ])('organizer: %j → %j', (text, want) => {
    expect(verbs(text)).toEqual(want);
  });
});

describe('a question for the other organizers is no question to the speaker (audit AD1 30: « Question pour vous deux : quelqu’un le connaît ? » mailed to him)', () => {
  it.each([
    'Question pour vous deux : quelqu’un le connaît ?',
    'Question pour vous : quelqu’un l’a déjà vu présenter ?',
    'Question pour l’équipe : on a encore de la place en janvier ?',
    'Question pour les orgas : il a déjà présenté chez nous ?',
    'Question for you both: has anyone seen him speak?',
    'Question for the team: do we still have room in January?',
    'Question entre nous : il est sérieux ?',
    'Ask everyone: do we know him?',
  ])('organizer: %j → no ask', (text) => {
    expect(read(text).commands).toEqual([]);
    expect(read(text).comment).toBe(text);
  });
  it.each([
    ['Question pour l’orateur : pouvez-vous venir avec un collègue ?', 'pouvez-vous venir avec un collègue ?'],
    ['Question pour lui : a-t-il une démo ?', 'a-t-il une démo ?'],
    ['Question : pouvez-vous raccourcir à 20 minutes ?', 'pouvez-vous raccourcir à 20 minutes ?'],
    ['Ask: could you shorten it to 20 minutes?', 'could you shorten it to 20 minutes?'],
  ])('organizer: %j → ask %j', (text, q) => {
    expect(read(text).commands).toEqual([['ask', q]]);
  });
  it('under the decision, nothing is decided (a question right under it, as « qu’en pensez-vous ? »)', () => {
    expect(verbs('Accepter\n\nQuestion pour vous deux : quelqu’un le connaît ?')).toEqual([]);
  });
});

describe('the new phrases on long lines', () => {
  it('50,000 characters of « finalement » / "on second thought" under a decision read in linear time', async () => {
    for (const unit of ['Finalement, ', 'On second thought ', 'LGTM, ', 'Question pour ']) {
      const text = (m: number) => `Accepter\n${unit.repeat(Math.ceil((12_500 * m) / unit.length))}non`;
      expect(await growth(text, (t) => verbs(t)), unit).toBeLessThan(LINEAR);
    }
  });
});

// Audit AD2 (35 fresh rows written after the AD1 fixes, scored before any change: 31/35)
describe('audit AD2: an assent, a deferral under the decision, a day with « à jeudi », the writer’s own say before a format', () => {
  it.each([
    ['Sounds good to me — accept.', ['accept']],
    ['Sounds good to us, decline: off topic', ['decline']],
    // « Validé de mon côté, en lightning talk. » decided nothing
    ['Validé de mon côté, en lightning talk.', ['accept', 'lightning']],
    ['Accepté pour moi, très bon sujet.', ['accept']],
    ['Accepted on my end — as a lightning talk.', ['accept', 'lightning']],
  ])('organizer: %j → %j', (text, want) => {
    expect(verbs(text)).toEqual(want);
  });
  it('« Refusé pour moi : hors sujet »: the reason is « hors sujet », not « pour moi : hors sujet »', () => {
    expect(read('Refusé pour moi : hors sujet').commands).toEqual([['decline', 'hors sujet']]);
    expect(read('Declined on my end: not a fit.').commands).toEqual([['decline', 'not a fit.']]);
  });
  it.each([
    // a deferral opening the line under the decision holds it, as on its line (« Accepté, à confirmer avec Lucie »)
    'Accepté.\nEnfin, à confirmer avec Lucie.',
    'Accepté.\nÀ confirmer avec Lucie.',
    'Accept\nTBC with Bob.',
    'Accept.\nPending Bob’s review.',
    'Attente\nsous réserve de la salle',
    'Accepté pour moi, à confirmer',
    'Sounds good to me',
    'Pour moi, accepter',
    'Validé de mon côté, mais en lightning ce serait trop court ?',
  ])('organizer, nothing decided: %j', (text) => {
    expect(verbs(text)).toEqual([]);
  });
  it.each([
    // a remark that is no deferral stays a remark
    ['Accepter\n\nÀ noter : il parle aussi à PGConf.', ['accept']],
    ['Refuser : à voir l’an prochain peut-être', []],
  ])('organizer: %j → %j', (text, want) => {
    expect(verbs(text)).toEqual(want);
  });
  it.each([
    ['Oui je confirme, à jeudi 28 !', ['confirm']],
    ['Je confirme, à jeudi 28 janvier !', ['confirm']],
    ['Confirmé, à jeudi soir !', ['confirm']],
    ['Je confirme, à jeudi', ['confirm']],
  ])('speaker: %j → %j', (text, want) => {
    expect(verbs(text, speaker)).toEqual(want);
  });
  it.each(['Je confirme, à jeudi 28 si le train roule', 'Je confirme, à jeudi 28 ?', 'à jeudi 28 !'])('speaker, no confirmation: %j', (text) => {
    expect(verbs(text, speaker)).toEqual([]);
  });
});

describe('the AD2 phrases on long lines', () => {
  it('50,000 characters of « à jeudi 28 », « de mon côté, », « à confirmer » read in linear time', async () => {
    for (const [head, unit, o] of [
      ['Je confirme', ', à jeudi 28', speaker],
      ['Validé', ' de mon côté,', undefined],
      ['Accepté.\n', 'Enfin, à confirmer ', undefined],
      ['Accepter', ' sounds good to me,', undefined],
    ] as const) {
      const text = (m: number) => `${head}${unit.repeat(Math.ceil((12_500 * m) / unit.length))} ?`;
      expect(await growth(text, (t) => verbs(t, o)), `${head}${unit}`).toBeLessThan(LINEAR);
    }
  });
});
