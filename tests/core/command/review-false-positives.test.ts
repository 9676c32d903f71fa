/**
 * A second reading of audit Z's additions for what they must not act on: sentences near the new shapes that a human wrote
 * as prose. Each row here was read as an act before its fix (review of d4b3928..).
 */
import { describe, expect, it } from 'vitest';
import { readCommands } from '../../../src/core/command/read.ts';
import type { ReadOptions } from '../../../src/core/command/types.ts';

const speaker: ReadOptions = { now: new Date('2026-12-03T03:30:00Z'), timeZone: 'Europe/Paris', locale: 'fr', role: 'speaker' };
const corr = (text: string) => readCommands(text, speaker).corrections;

describe('other minutes than the talk’s are no length corrected (291678c read « ce sera 20 minutes de retard » as a 20-minute talk)', () => {
  it.each([
    'Finalement ce sera 20 minutes de retard, désolé.',
    'Finalement ce sera 20 minutes plus tard, mon train est en retard.',
    'Je ferai 5 minutes d’intro.',
    'Je ferai 20 minutes de démo et 10 de questions.',
    'Je vais faire 30 minutes de route.',
    'Ce sera 20 minutes à pied depuis la gare.',
    'Ça fera 20 minutes de plus ou de moins, ce n’est pas grave.',
    "I'll do 25 minutes of Q&A instead of 30.",
    "I'll take 10 minutes to set up.",
    'It will be 20 minutes from the station.',
  ])('speaker, nothing corrected: %s', (text) => {
    expect(corr(text)).toEqual({});
  });

  it.each([
    ['Finalement je ferai 20 minutes.', 20],
    ['Finalement ce sera 20 minutes, questions comprises.', 20],
    ['Je ferai 25 minutes au lieu de 30, merci !', 25],
    ["I'll do 25 minutes instead of 30, the demo got shorter.", 25],
    ['Mon talk durera 35 minutes en tout.', 35],
  ])('speaker: %s → %i minutes', (text, minutes) => {
    expect(corr(text)).toEqual({ durationMinutes: minutes });
  });
});

describe('a title reported where it stands, or the wrong one, is no title corrected (291678c took « le titre est « Vacuum » dans l’annonce mais devrait être « … » » as the new title « Vacuum »)', () => {
  it.each([
    'Le titre est « Vacuum » dans l’annonce mais devrait être « Vacuum, ce mal-aimé ».',
    'My talk title is "Vacuum" in the announcement, but it should be "Vacuum demystified".',
    'Le titre de mon talk est « Vacuum » mais je voudrais « Vacuum, ce mal-aimé ».',
    'Pour info, le titre est « Vacuum » dans l’annonce, il manque un mot.',
    'J’ai vu que le titre sera « Vacuum, ce mal-aimé » sur le site, c’est parfait.',
    'I saw the new title is "Vacuum demystified" on the page, thanks.',
    'Le titre sera « Vacuum » sur le site, j’imagine.',
  ])('speaker, nothing corrected: %s', (text) => {
    expect(corr(text)).toEqual({});
  });

  it.each([
    ['Le nouveau titre est « Vacuum demystified », merci !', 'Vacuum demystified'],
    ['Hi, the new title is "Vacuum demystified" now. Thanks!', 'Vacuum demystified'],
    ['Petite correction : le titre sera « Vacuum, ce mal-aimé » plutôt.', 'Vacuum, ce mal-aimé'],
  ])('speaker: %s → %s', (text, title) => {
    expect(corr(text)).toEqual({ title });
  });
});

describe('a speaker leaving the room early is not pulling out of the programme (f235ee4 read « Je dois me retirer, désolé, à 21h j’ai un train. » as a withdrawal)', () => {
  const verbs = (text: string) => readCommands(text, speaker).commands.map((c) => c.verb);
  it.each([
    "Je dois me retirer, désolé, à 21h j'ai un train.",
    'I need to drop out early, around 9pm.',
    "I have to pull out, sorry — I'll leave at 21:30.",
    'Je préfère me retirer, désolé : je partirai avant la fin.',
  ])('speaker, still a message: %s', (text) => {
    expect(verbs(text)).toEqual([]);
  });

  it.each(['Je dois me retirer, désolé.', 'Je préfère me retirer : trop de travail en ce moment.', "Hi, I'm afraid I have to pull out, my company won't let me travel that week. Sorry!", 'Je dois me retirer : mon employeur ne me libère pas le 14.'])(
    'speaker (guard): %s → withdraw',
    (text) => {
      expect(verbs(text)).toEqual(['withdraw']);
    },
  );
});
