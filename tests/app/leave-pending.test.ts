/**
 * A pending member who writes « désabonner » (audit V): imported without --consented, or a join never confirmed. The
 * request was answered with nothing and the member stayed pending, so a later `crieur subscribers import
 * --consented` or `add` of the same roster made them active — mailed against the no they had written. A pending
 * member now gets the same confirmation as an active one; its blank reply (their List-Unsubscribe mailto) records
 * them unsubscribed, and the roster's CLI never re-activates an unsubscribed member. A stranger still gets nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMail } from '../../src/adapters/mailparser.ts';
import type { JoinDeps } from '../../src/app/join.ts';
import { requestLeave } from '../../src/app/leave.ts';
import { actOnMembership, type MembershipDeps } from '../../src/app/membership.ts';
import { configSchema } from '../../src/config/schema.ts';
import { openMembershipEnv, type MembershipEnv } from '../support/membership-env.ts';
import type { Clock } from '../../src/app/clock.ts';
import type { Store } from '../../src/app/store.ts';
import type { ParseResult } from '../../src/types.ts';

const config = configSchema.parse({
  group: { name: 'PostgreSQL Paris', locale: 'fr', timezone: 'Europe/Paris' },
  addresses: { proposals: 'talks@pgug.example.org', from: 'PostgreSQL Paris <talks@pgug.example.org>', bounces: 'bounces@pgug.example.org' },
  organizers: ['dim@example.org'],
  secret: 'leave-pending-secret-0123456789',
});
let store: Store;
const clock: Clock = { now: () => new Date() };
let deps: MembershipDeps & JoinDeps;

let env: MembershipEnv | undefined;
beforeAll(async () => {
  env = await openMembershipEnv(config, clock, 'leavep');
  ({ store, deps } = env);
}, 60_000);

afterAll(() => env?.close());

const mailsTo = async (email: string) => (await store.outbox.list()).filter((r) => r.purpose === 'membership' && r.recipient === email);

describe('a pending member asking to leave', () => {
  it('gets the confirmation; its blank reply records them unsubscribed, and an import --consented keeps them so', async () => {
    await store.subscribers.upsert([{ email: 'pend@example.fr', name: 'Pend', language: 'fr', status: 'pending', source: 'import:roster.csv' }]);
    expect(await requestLeave(deps, 'pend@example.fr', 'mail (inbound 1)', 'inbound:1', 'fr')).toBe('confirmation-sent');
    expect(await requestLeave(deps, 'stranger@example.fr', 'mail (inbound 2)', 'inbound:2', 'fr')).toBe('not-member');
    expect(await mailsTo('stranger@example.fr')).toHaveLength(0);
    const [confirm] = await mailsTo('pend@example.fr');
    const replyTo = (await readMail(confirm!.raw)).replyTo[0]!.email;
    expect(replyTo).toMatch(/^talks\+u-\d+-[a-z2-7]{16}@pgug\.example\.org$/);

    const raw = Buffer.from(`From: Pend <pend@example.fr>\r\nTo: ${replyTo}\r\nSubject: Re: Confirmez\r\nMessage-ID: <pend-3@client.example>\r\n\r\n\r\n`);
    const mail = await readMail(raw);
    const result: ParseResult = { messageId: mail.messageId, kind: 'other', from: mail.from, subject: mail.subject, language: null, warnings: [] };
    expect(await actOnMembership(deps, 3, result, mail)).toBe('mailto unsubscribed');
    expect((await store.subscribers.get('pend@example.fr'))!.status).toBe('unsubscribed');

    // What `crieur subscribers import --consented` does with the same roster: the member stays unsubscribed.
    const again = await store.subscribers.upsert([{ email: 'pend@example.fr', name: 'Pend', language: 'fr', status: 'active', consentedAt: new Date(), source: 'import:roster.csv' }]);
    expect(again.activated).toBe(0);
    expect((await store.subscribers.get('pend@example.fr'))!.status).toBe('unsubscribed');
  });
});
