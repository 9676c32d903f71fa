/**
 * Reply and forward prefixes as mail clients write them in the languages of our speakers and their colleagues
 * (Outlook's « RE : » / « TR : », Réf, AW/WG, Antw/Doorst, SV/VB, VS/VL, R/RIF/I, Odp/PD, RES/ENC, Ynt, 回复/转发, Ответ,
 * counted « Re[2]: »): one table (text/subject-prefixes.ts) for the subject's title (extract/subject.ts), the forward's
 * subject (text/forward.ts), auto-replies' subjects and helpdesks' acknowledgements (classify/auto-reply.ts), which had
 * four different lists.
 */
import { describe, expect, it } from 'vitest';
import { titleFromSubject } from '../../../src/core/extract/subject.ts';
import { FORWARD_SUBJECT } from '../../../src/core/text/forward.ts';
import { acknowledgementRule, autoReplySubject } from '../../../src/core/classify/auto-reply.ts';
import { mail } from '../classify/build.ts';
import type { ParseContext } from '../../../src/types.ts';

const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: null };

describe('the title after reply and forward prefixes', () => {
  it.each([
    'Réf : Proposition de talk : Les index BRIN',
    'RE : TR : Proposition de talk : Les index BRIN',
    'Re[2]: Fwd: Proposition de talk : Les index BRIN',
    'RE[3] : Proposition de talk : Les index BRIN',
    'AW: WG: Proposition de talk : Les index BRIN',
    'Antw: Doorst: Proposition de talk : Les index BRIN',
    'SV: VB: Proposition de talk : Les index BRIN',
    'VS: VL: Proposition de talk : Les index BRIN',
    'RIF: I: Proposition de talk : Les index BRIN',
    'Odp: PD: Proposition de talk : Les index BRIN',
    'RES: ENC: Proposition de talk : Les index BRIN',
    'Ynt: Proposition de talk : Les index BRIN',
    '回复：转发：Proposition de talk : Les index BRIN',
    '答复: Proposition de talk : Les index BRIN',
    'Ответ: Proposition de talk : Les index BRIN',
  ])('%s', (subject) => expect(titleFromSubject(subject).title).toBe('Les index BRIN'));
});

describe('a forward’s subject', () => {
  it.each([
    ['Fwd: Talk proposal', true],
    ['RE : TR : Proposition', true],
    ['Re[2]: Fwd: Talk proposal', true],
    ['AW: WG: Vortrag', true],
    ['Antw: Doorst: Talk proposal', true],
    ['SV: VB: Talk proposal', true],
    ['VL: Talk proposal', true],
    ['Odp: PD: Talk proposal', true],
    ['RES: ENC: Talk proposal', true],
    ['Réf : TR : Proposition', true],
    ['转发：Talk proposal', true],
    ['Re: Talk proposal', false],
    ['Réf : Proposition', false],
    ['Information: talk proposal', false],
    ['Fwdable talk', false],
  ])('%s', (subject, forward) => expect(FORWARD_SUBJECT.test(subject)).toBe(forward));
});

describe('an auto-reply’s subject after reply and forward prefixes', () => {
  it.each([
    ['Re[2]: Respuesta automática: Talk proposal', true],
    ['WG: Abwesenheitsnotiz: Vortrag', true],
    ['Antw: Automatisch antwoord: Talk proposal', true],
    ['Odp: Automatyczna odpowiedź: Talk proposal', true],
    ['RE : Réponse automatique : Proposition', true],
    ['Re: Talk proposal', false],
  ])('%s', (subject, auto) => expect(autoReplySubject(subject)).toBe(auto));
});

describe('a person’s reply to a helpdesk’s acknowledgement is no acknowledgement', () => {
  it.each([
    'Re[2]: [Ticket #4821] We received your request',
    'AW: [Ticket #4821] We received your request',
    'Antw: [Ticket #4821] We received your request',
    'Réf : [Ticket #4821] We received your request',
  ])('%s', async (subject) => {
    const m = await mail({ subject, body: 'Thanks, the talk proposal is in the PDF attached to my first mail.\n' });
    expect(acknowledgementRule.test(m, ctx)).toBeNull();
  });

  it('an acknowledgement itself still is', async () => {
    const m = await mail({ subject: '[Ticket #4821] We received your request', body: 'Thanks, your request has been received.\n' });
    expect(acknowledgementRule.test(m, ctx)).not.toBeNull();
  });
});
