/**
 * Generated replies (a seeded generator, so a failure replays): whatever is written, the reader does not throw,
 * and what it returns keeps the contract's shapes — refs normalised, dates as calendar days, a schedule that acts
 * has a date or the next event, no control character in a line quoted back.
 */
import { describe, expect, it } from 'vitest';
import { readCommands } from '../../../src/core/command/read.ts';
import { PHRASES_LONGEST_FIRST } from '../../../src/core/command/grammar.ts';
import type { ReadOptions } from '../../../src/core/command/types.ts';

const opts: ReadOptions = { now: new Date('2026-11-30T10:00:00Z'), timeZone: 'Europe/Paris', locale: 'fr' };
const PIECES = [
  ...PHRASES_LONGEST_FIRST, 'P-0007', 'p7', 'P-12345', '[P-0003]', ':', ',', ';', '-', '?', '!', '*', '_', '>', '&nbsp;', '\u00a0', '\u0007', '\u202e',
  '28/01', '03/04', '00/13', '31/02/2027', '2027-01-28', '2027-13-45', 'jeudi 28', 'le 28', '28 janvier', 'à 19h', 'next meetup', 'prochain meetup',
  'We already have one', "c'est noté", 'merci', 'Cordialement,', '-- ', 'Envoyé de mon iPhone', 'Le lun. 30 nov. 2026 à 10:02, X <x@y> a écrit :',
  'On Mon, Nov 30, 2026 at 10:02 AM X <x@y> wrote:', 'Titre : Un titre', 'Durée : 20 min', 'Résumé :', 'De : X', 'Envoyé : lundi', 'Objet : Y', '',
  '12', '99', 'éclair', 'ÉCLAIR', 'İ', 'ß', '😀', 'ok', 'OK', 'Ok', '\t', '\r', '\n', '\n\n',
];

function generator(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('generated replies', () => {
  it('never throw and keep the contract shapes', () => {
    const rnd = generator(20261130);
    for (let n = 0; n < 3000; n++) {
      const lines = Array.from({ length: 1 + Math.floor(rnd() * 6) }, () =>
        Array.from({ length: 1 + Math.floor(rnd() * 5) }, () => PIECES[Math.floor(rnd() * PIECES.length)]!).join(rnd() < 0.7 ? ' ' : ''),
      );
      const text = lines.join('\n');
      const r = readCommands(text, opts);
      for (const c of r.commands) {
        if (c.ref !== null) expect(c.ref, text).toMatch(/^P-\d{4,}$/);
        if (c.date !== null) expect(c.date.day, text).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (c.date?.time) expect(c.date.time, text).toMatch(/^\d{2}:\d{2}$/);
        if (c.verb === 'schedule' && c.problem === null) expect(c.date !== null || c.nextEvent, text).toBe(true);
        if (c.verb !== 'schedule') expect([c.date, c.nextEvent], text).toEqual([null, false]);
        expect(c.line, text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
        expect(c.line.trim(), text).toBe(c.line);
      }
      for (const u of r.unknown) expect(u, text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    }
  });

  it('commands read alone are read the same above a quote and a signature', () => {
    const rnd = generator(7);
    for (let n = 0; n < 500; n++) {
      const line = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => PIECES[Math.floor(rnd() * 40)]!).join(' ').replace(/\n/g, ' ').trim();
      if (line === '') continue;
      const alone = readCommands(line, opts).commands;
      const inMail = readCommands(`${line}\n\n-- \nDim\n\nLe lun. 30 nov. 2026 à 10:02, X <x@y> a écrit :\n> accept\n> decline\n`, opts).commands;
      expect(inMail, line).toEqual(alone);
    }
  });
});
