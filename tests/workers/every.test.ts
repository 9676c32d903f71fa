/**
 * Audit W: `crieur start` whose inbox phase failed (a Maildir that does not exist) closed the database while the
 * recovery sweep's first round was still running, and logged « recovery sweep failed: Cannot use a pool after calling
 * end on the pool » above the one line that said what was wrong; a SIGTERM did the same (« Connection is closed. »).
 * The periodic task's stop now settles once the round under way has, so the phases after it close under nothing.
 */
import { describe, expect, it } from 'vitest';
import { every } from '../../workers/every.ts';

describe('every', () => {
  it('stop waits for the round under way, and no round starts after it', async () => {
    const events: string[] = [];
    let finish!: () => void;
    let rounds = 0;
    const task = () => {
      rounds++;
      events.push('round started');
      return new Promise<void>((resolve) => {
        finish = () => {
          events.push('round finished');
          resolve();
        };
      });
    };
    const timer = every(5, task, () => events.push('error'));
    const stopped = timer.stop().then(() => events.push('stopped'));
    await new Promise((r) => setTimeout(r, 30));
    expect(events).toEqual(['round started']);
    finish();
    await stopped;
    await new Promise((r) => setTimeout(r, 30));
    expect(events).toEqual(['round started', 'round finished', 'stopped']);
    expect(rounds).toBe(1);
  });

  it('a round that fails is reported, and stop still settles', async () => {
    const errors: string[] = [];
    const timer = every(1_000, () => Promise.reject(new Error('database gone')), (err) => errors.push(err.message));
    await timer.stop();
    expect(errors).toEqual(['database gone']);
  });
});
