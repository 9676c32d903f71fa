/** The proposal state machine, row by row: who may do what from where, and what `override` changes. */
import { describe, expect, it } from 'vitest';
import { transition, TRANSITIONS } from '../../../src/core/decision/transitions.ts';

describe('transition table', () => {
  it.each([
    ['accept', 'received', 'organizer', false, true],
    ['accept', 'waitlisted', 'organizer', false, true],
    ['accept', 'declined', 'organizer', false, false],
    ['accept', 'declined', 'organizer', true, true],
    ['accept', 'accepted', 'organizer', true, false],
    ['accept', 'received', 'speaker', false, false],
    ['accept', 'received', 'speaker', true, false],
    ['decline', 'accepted', 'organizer', false, false],
    ['waitlist', 'waitlisted', 'organizer', false, false],
    ['confirm', 'accepted', 'speaker', false, true],
    ['confirm', 'received', 'speaker', false, false],
    ['schedule', 'accepted', 'organizer', false, true],
    ['schedule', 'received', 'organizer', false, false],
    ['schedule', 'confirmed', 'operator', false, true],
    ['withdraw', 'scheduled', 'speaker', false, true],
    ['withdraw', 'declined', 'speaker', false, false],
    ['withdraw', 'presented', 'organizer', false, false],
  ] as const)('%s from %s by %s (override %s): %s', (action, from, role, override, ok) => {
    expect(transition(action, from, role, override).ok).toBe(ok);
  });

  it('lists the side effects of every transition; speakers decide nothing', () => {
    for (const row of TRANSITIONS) {
      expect(Array.isArray(row.effects)).toBe(true);
      if (['accept', 'decline', 'waitlist', 'schedule'].includes(row.action)) expect(row.by).not.toContain('speaker');
    }
    expect(TRANSITIONS.find((r) => r.action === 'accept')!.effects).toEqual(['mail-speaker-accepted', 'schedule-reminder', 'fyi-organizers']);
  });
});
