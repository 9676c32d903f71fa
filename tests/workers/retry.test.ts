/**
 * The worker boundary's retry decisions (workers/retry.ts) and the runner table's policies: a deterministic
 * error parks at the first attempt; deliveries back off like an MTA until delivery.giveUpAfterHours.
 */
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.ts';
import { loadConfig } from '../../src/config/load.ts';
import { SmtpSendError } from '../../src/adapters/smtp/errors.ts';
import { RUNNERS } from '../../workers/runners.ts';
import { checkPolicy, verdict, type RetryPolicy } from '../../workers/retry.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const t0 = Date.UTC(2026, 10, 30, 8, 0, 0);
const withCode = (code: string, message = 'boom') => Object.assign(new Error(message), { code });
const policyOf = (queue: string, over: Record<string, unknown> = {}) => RUNNERS.find((r) => r.queue === queue)!.retry(configSchema.parse(over));

describe('verdict', () => {
  const greylist = new SmtpSendError('ESMTP_TRANSIENT', 'Message failed: 451 4.7.1 greylisted', 451, '451 4.7.1 greylisted');

  it('deliveries follow the MTA schedule (1, 2, 5, 10, 20, 40 min, then hourly) for 48 h by default', () => {
    const policy = policyOf('deliver');
    const waits: number[] = [];
    let now = t0;
    for (let made = 1; ; made++) {
      const v = verdict(greylist, policy, { made, firstAt: t0, now });
      if ('park' in v) {
        expect(v.park).toMatch(/^gave up after 4\d(\.\d)? h and \d+ attempts: .*451 4\.7\.1 greylisted/);
        break;
      }
      waits.push(v.retryInMs);
      now += v.retryInMs;
    }
    expect(waits.slice(0, 8)).toEqual([1, 2, 5, 10, 20, 40, 60, 60].map((m) => m * MIN));
    // The last attempt happens before the 48 h are up, and no later retry would have.
    expect(now - t0).toBeLessThanOrEqual(48 * HOUR);
    expect(now - t0 + HOUR).toBeGreaterThan(48 * HOUR);
    // Far more than the old 8 attempts in 2 minutes.
    expect(waits.length).toBeGreaterThan(40);
  });

  it('the schedule and the give-up time come from the configuration (the last wait repeats)', () => {
    const policy = policyOf('deliver', { delivery: { retryMinutes: [0.5, 1], giveUpAfterHours: 0.05 } });
    expect(verdict(greylist, policy, { made: 1, firstAt: t0, now: t0 })).toEqual({ retryInMs: 30_000 });
    expect(verdict(greylist, policy, { made: 2, firstAt: t0, now: t0 + 30_000 })).toEqual({ retryInMs: MIN });
    expect(verdict(greylist, policy, { made: 3, firstAt: t0, now: t0 + 90_000 })).toEqual({ retryInMs: MIN });
    expect(verdict(greylist, policy, { made: 4, firstAt: t0, now: t0 + 150_000 })).toHaveProperty('park');
  });

  it('a deterministic error parks at the first attempt, naming why', () => {
    const policy = policyOf('classify');
    const nul = withCode('22P05', 'unsupported Unicode escape sequence');
    expect(verdict(nul, policy, { made: 1, firstAt: t0, now: t0 })).toEqual({
      park: 'data the database cannot store, not retried: 22P05: unsupported Unicode escape sequence',
    });
    expect(verdict(withCode('23505', 'duplicate key'), policy, { made: 1, firstAt: t0, now: t0 })).toHaveProperty('park');
    expect(verdict(withCode('42703', 'column does not exist'), policy, { made: 1, firstAt: t0, now: t0 })).toHaveProperty('park');
    const refused = new SmtpSendError('ESMTP_PERMANENT', 'Message failed: 550 5.1.1 no such user', 550, '550 5.1.1 no such user');
    expect(verdict(refused, policyOf('deliver'), { made: 1, firstAt: t0, now: t0 })).toEqual({
      park: 'refused by the mail server, not retried: ESMTP_PERMANENT: Message failed: 550 5.1.1 no such user',
    });
  });

  it('transient and unknown errors are retried: a deadlock, a lost connection, an error without a code', () => {
    const policy = policyOf('classify');
    for (const err of [withCode('40P01', 'deadlock detected'), withCode('57P01', 'terminating connection'), withCode('ECONNREFUSED'), new Error('who knows')]) {
      expect(verdict(err, policy, { made: 1, firstAt: t0, now: t0 }), err.message).toEqual({ retryInMs: 1_000 });
    }
  });

  it('work on stored messages gives up after 8 attempts, 1 s … 64 s apart', () => {
    const policy = policyOf('classify');
    const hiccup = withCode('08006', 'connection failure');
    const waits = [1, 2, 3, 4, 5, 6, 7].map((made) => verdict(hiccup, policy, { made, firstAt: t0, now: t0 }));
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64].map((s) => ({ retryInMs: s * 1000 })));
    expect(verdict(hiccup, policy, { made: 8, firstAt: t0, now: t0 })).toEqual({ park: 'gave up after 8 attempts: 08006: connection failure' });
  });
});

describe('the runner table', () => {
  it('every queue has a retry policy that ends', () => {
    const config = configSchema.parse({});
    for (const r of RUNNERS) expect(() => checkPolicy(r.queue, r.retry(config)), r.queue).not.toThrow();
  });

  it('a policy that would retry forever, or has no schedule, fails at start', () => {
    expect(() => checkPolicy('x', { delaysMs: [1_000] } as RetryPolicy)).toThrow(/retries must end/);
    expect(() => checkPolicy('x', { delaysMs: [], maxAttempts: 3 })).toThrow(/at least one/);
  });

  it('the schedule can come from the environment, as a list', () => {
    const env = { CRIEUR_DELIVERY_RETRYMINUTES: '0.5,1', CRIEUR_DELIVERY_GIVEUPAFTERHOURS: '6' };
    expect(loadConfig({ file: undefined, env }).delivery).toMatchObject({ retryMinutes: [0.5, 1], giveUpAfterHours: 6 });
  });

  it('the configuration refuses an empty or non-positive schedule', () => {
    expect(configSchema.safeParse({ delivery: { retryMinutes: [] } }).success).toBe(false);
    expect(configSchema.safeParse({ delivery: { retryMinutes: [1, 0] } }).success).toBe(false);
    expect(configSchema.safeParse({ delivery: { retryMinutes: ['soon'] } }).success).toBe(false);
    expect(configSchema.safeParse({ delivery: { giveUpAfterHours: 0 } }).success).toBe(false);
  });
});
