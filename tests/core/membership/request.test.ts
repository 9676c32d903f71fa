/**
 * Requests to join or leave written to the group's address (src/core/membership/grammar.ts, request.ts) and
 * their place in the classify chain: verbs in French and English, in the subject or the first line of the new
 * text, the digest cadences; replies, questions and proposals that merely mention subscribing are not requests;
 * robots and list traffic never reach the rule.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/core/classify/index.ts';
import { checkStems, mayHoldRequest, readMembershipRequest } from '../../../src/core/membership/request.ts';
import { MEMBERSHIP_GRAMMAR } from '../../../src/core/membership/grammar.ts';
import { newTextLines } from '../../../src/core/text/new-text.ts';
import { fold } from '../../../src/core/text/fold.ts';
import { mailparserReader } from '../../../src/adapters/mailparser.ts';
import { corpusMessages, hasCorpus } from '../../support/corpus.ts';
import type { ParseContext } from '../../../src/types.ts';
import { mail, type Draft } from '../classify/build.ts';

const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: 'request-test-secret' };

describe('membership requests, read', () => {
  it.each([
    // subject
    ['subscribe', '', { verb: 'subscribe', language: 'en', where: 'subject' }],
    ['Abonner', '', { verb: 'subscribe', language: 'fr', where: 'subject' }],
    ["S'abonner", '', { verb: 'subscribe', language: 'fr', where: 'subject' }],
    ['S’abonner !', '', { verb: 'subscribe', language: 'fr', where: 'subject' }],
    ['Inscription', '', { verb: 'subscribe', language: 'fr', where: 'subject' }],
    ['  UNSUBSCRIBE  ', '', { verb: 'unsubscribe', language: 'en', where: 'subject' }],
    ['Désabonner', '', { verb: 'unsubscribe', language: 'fr', where: 'subject' }],
    ['se désabonner.', '', { verb: 'unsubscribe', language: 'fr', where: 'subject' }],
    ['digest weekly', '', { verb: 'digest', language: 'en', where: 'subject', digest: { cadence: 'weekly', list: null } }],
    ['digest off', '', { verb: 'digest', language: 'en', where: 'subject', digest: { cadence: null, list: null } }],
    ['Résumé quotidien', '', { verb: 'digest', language: 'fr', where: 'subject', digest: { cadence: 'daily', list: null } }],
    ['résumé hebdomadaire generale', '', { verb: 'digest', language: 'fr', where: 'subject', digest: { cadence: 'weekly', list: 'generale' } }],
    ['résumé non', '', { verb: 'digest', language: 'fr', where: 'subject', digest: { cadence: null, list: null } }],
    // first line of the new text, after a greeting; the subject says nothing
    ['', 'subscribe\n', { verb: 'subscribe', language: 'en', where: 'body' }],
    ['Bonjour', 'Bonjour,\n\nabonner\n\nMerci,\nJean\n', { verb: 'subscribe', language: 'fr', where: 'body' }],
    ['(sans objet)', 'Désabonnement\n-- \nJean Dupont\n', { verb: 'unsubscribe', language: 'fr', where: 'body' }],
    ['hello', 'Hi,\ndigest daily\n', { verb: 'digest', language: 'en', where: 'body', digest: { cadence: 'daily', list: null } }],
  ])('%j / %j', async (subject, body, expected) => {
    expect(readMembershipRequest(await mail({ subject, body }))).toEqual(expected);
  });

  it.each([
    // a reply or a forward: its subject is the mail it answers, not a request
    ['Re: Confirmez votre inscription à PostgreSQL Paris', 'Merci !\n'],
    ['TR: Inscription', 'Voir ci-dessous.\n'],
    // a word inside a sentence is a question for humans
    ['How do I subscribe to the list?', 'Thanks\n'],
    ['Question', 'Comment puis-je me désabonner de la liste générale ?\n'],
    ['Inscription au meetup du 28 janvier', 'Bonjour, est-il nécessaire de s’inscrire ?\n'],
    // a digest without a cadence is not a request
    ['digest', ''],
    ['résumé de la soirée', ''],
    ['', 'Bonjour,\n\nJe voudrais proposer un talk.\nsubscribe\n'],
  ])('not a request: %j / %j', async (subject, body) => {
    expect(readMembershipRequest(await mail({ subject, body }))).toBeNull();
  });
});

describe('membership requests in the classify chain', () => {
  it('a request is kind other with the request; the reason names it', async () => {
    const c = classify(await mail({ subject: 'abonner', body: '' }), ctx);
    expect(c).toMatchObject({ kind: 'other', membership: { verb: 'subscribe', language: 'fr', where: 'subject' }, reasons: ['membership-request', 'subscribe (fr, subject)'] });
  });

  it('a proposal whose text says "subscribe" is still a proposal', async () => {
    const body = [
      'Bonjour,',
      '',
      'Je souhaite proposer une conférence pour le prochain meetup.',
      '',
      'Titre : Logical replication: subscribe to what you need',
      'Durée : 30 minutes',
      'Résumé : Comment créer une publication et s’abonner (CREATE SUBSCRIPTION) à un sous-ensemble des tables,',
      'avec les pièges de la réplication logique en production.',
      '',
      'Jean Dupont',
    ].join('\n');
    expect(classify(await mail({ subject: 'subscribe', body }), ctx)).toMatchObject({ kind: 'proposal' });
    expect(classify(await mail({ subject: 'Proposition : subscribe', body: `subscribe\n\n${body}` }), ctx).kind).toBe('proposal');
  });

  it('robots, auto-replies, list traffic and our own mail never make a request', async () => {
    const cases: Draft[] = [
      { from: 'MAILER-DAEMON@mx.example.fr', subject: 'subscribe' },
      { from: 'noreply@example.fr', subject: 'subscribe' },
      { subject: 'subscribe', headers: { 'Auto-Submitted': 'auto-replied' } },
      { subject: 'subscribe', headers: { 'List-Id': '<generale.lists.example.org>' } },
      { from: 'talks@pgug.example.org', subject: 'subscribe' },
    ];
    for (const d of cases) {
      const c = classify(await mail({ ...d, body: '' }), ctx);
      expect(c.membership, JSON.stringify(d)).toBeUndefined();
    }
  });
});

describe('membership grammar', () => {
  it('fails at load on a word claimed by two requests, or a word not folded', async () => {
    const { defineGrammar } = await import('../../../src/core/membership/grammar.ts');
    expect(() =>
      defineGrammar([
        { verb: 'subscribe', arg: 'none', words: { fr: ['abonner'], en: ['stop'] } },
        { verb: 'unsubscribe', arg: 'none', words: { fr: ['stop'], en: [] } },
      ]),
    ).toThrow(/"stop" claimed by subscribe and unsubscribe/);
    expect(() => defineGrammar([{ verb: 'unsubscribe', arg: 'none', words: { fr: ['Désabonner'], en: [] } }])).toThrow(/not folded/);
  });
});

describe('the prefilter (mayHoldRequest): a body it turns away has no request line', () => {
  it('lets through requests written with accents, capitals, decomposed accents, invisible characters, entities', async () => {
    for (const body of ['DÉSABONNER\n', 'De\u0301sabonnement\n', 'sub\u200bscribe\n', 'Bonjour,\n\nRÉSUMÉ hebdomadaire\n', '&nbsp;se&nbsp;désabonner\n', "S\u2019ABONNER\n", 'remove\u00a0me\n']) {
      expect(mayHoldRequest(body), JSON.stringify(body)).toBe(true);
      expect(readMembershipRequest(await mail({ subject: '(sans objet)', body })), JSON.stringify(body)).not.toBeNull();
    }
  });

  it.skipIf(!hasCorpus)('turns away no corpus message whose new text has a line with a request word in it', async () => {
    const words = MEMBERSHIP_GRAMMAR.flatMap((s) => [...s.words.fr, ...s.words.en]);
    const messages = corpusMessages();
    let turnedAway = 0;
    for (const m of messages) {
      const text = (await mailparserReader.read(m.raw)).text;
      if (mayHoldRequest(text)) continue;
      turnedAway++;
      const lines = newTextLines(text).map((l) => fold(l));
      expect(lines.filter((l) => words.some((w) => l.includes(w))), m.id).toEqual([]);
    }
    // The filter does turn most mail away (else it would cost without saving).
    expect(turnedAway).toBeGreaterThan(messages.length / 2);
  });

  it('a grammar word without a stem fails at load', () => {
    expect(() => checkStems(['abonner', 'inscrivez-moi', 'opt out'])).toThrow(/"opt out" holds none of the stems/);
  });
});
