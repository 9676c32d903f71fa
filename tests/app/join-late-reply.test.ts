/**
 * A reply to a join confirmation that comes after the request expired (audit V): the person did what the mail said,
 * a week late, and got nothing — no membership, no word — believing they were on the list. From the address asked
 * for, it now gets a fresh confirmation (same name, language and digest choice; capped and keyed like any request, so
 * the classify job run twice mails once); from another address it still gets nothing. PostgreSQL, a real Redis queue,
 * the real templates; the message as the classify chain leaves a reply (kind `other`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMail } from '../../src/adapters/mailparser.ts';
import { requestSubscription, type JoinDeps } from '../../src/app/join.ts';
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
  secret: 'late-reply-secret-0123456789',
});
let store: Store;
let now = new Date('2026-11-30T10:00:00Z');
const clock: Clock = { now: () => now };
let deps: MembershipDeps & JoinDeps;

let env: MembershipEnv | undefined;
beforeAll(async () => {
  env = await openMembershipEnv(config, clock, 'late');
  ({ store, deps } = env);
}, 60_000);

afterAll(() => env?.close());

const confirmations = async (email: string) => (await store.outbox.list()).filter((r) => r.purpose === 'membership' && r.recipient === email);

/** A blank reply from `from` to the confirmation's Reply-To, as the classify chain hands it over. */
async function reply(from: string, to: string, n: number, messageId = `<late-${n}@client.example>`) {
  const raw = Buffer.from(`From: ${from}\r\nTo: ${to}\r\nSubject: Re: Confirm your subscription\r\nMessage-ID: ${messageId}\r\n\r\n\r\n`);
  const mail = await readMail(raw);
  const result: ParseResult = { messageId: mail.messageId, kind: 'other', from: mail.from, subject: mail.subject, language: null, warnings: [] };
  return actOnMembership(deps, n, result, mail);
}

describe('a late reply to a join confirmation', () => {
  it('from the address asked for: a fresh confirmation with the same choices, once; from another: nothing', async () => {
    expect(await requestSubscription(deps, { email: 'tom@example.org', name: 'Tom', language: 'en', source: 'mail', cause: 'mail (inbound 1)', key: 'inbound:1' })).toBe('confirmation-sent');
    const [first] = await confirmations('tom@example.org');
    const replyTo = (await readMail(first!.raw)).replyTo[0]!.email;
    now = new Date(now.getTime() + (config.membership.confirmDays + 1) * 86_400_000);

    expect(await reply('Eve <eve@example.net>', replyTo, 2)).toBe('confirm invalid');
    expect(await confirmations('tom@example.org')).toHaveLength(1);

    expect(await reply('Tom <tom@example.org>', replyTo, 3)).toBe('confirm expired, confirmation-sent');
    // The same mail handled twice (a classify job retried): still one fresh confirmation.
    expect(await reply('Tom <tom@example.org>', replyTo, 3)).toBe('confirm expired, confirmation-sent');
    const rows = await confirmations('tom@example.org');
    expect(rows).toHaveLength(2);
    const fresh = await readMail(rows[1]!.raw);
    expect(fresh.subject).toMatch(/^Confirm your subscription/);
    const freshReplyTo = fresh.replyTo[0]!.email;
    expect(freshReplyTo).not.toBe(replyTo);
    expect((await store.subscribers.get('tom@example.org'))!.status).toBe('pending');

    // Its reply confirms, with the name and language first asked for.
    expect(await reply('Tom <tom@example.org>', freshReplyTo, 4)).toBe('confirm confirmed');
    expect(await store.subscribers.get('tom@example.org')).toMatchObject({ status: 'active', name: 'Tom', language: 'en' });
  });

  it('one late reply delivered twice (two inbound rows, one Message-ID): one fresh confirmation', async () => {
    expect(await requestSubscription(deps, { email: 'ann@example.org', name: 'Ann', language: 'en', source: 'mail', cause: 'mail (inbound 10)', key: 'inbound:10' })).toBe('confirmation-sent');
    const [first] = await confirmations('ann@example.org');
    const replyTo = (await readMail(first!.raw)).replyTo[0]!.email;
    now = new Date(now.getTime() + (config.membership.confirmDays + 1) * 86_400_000);
    // The same mail through a second route (an alias, ingest beside IMAP): its trace headers make it another row.
    expect(await reply('Ann <ann@example.org>', replyTo, 11, '<ann-late@client.example>')).toBe('confirm expired, confirmation-sent');
    expect(await reply('Ann <ann@example.org>', replyTo, 12, '<ann-late@client.example>')).toBe('confirm expired, confirmation-sent');
    expect(await confirmations('ann@example.org')).toHaveLength(2);
  });
});
