/**
 * A feedback loop's complaint (ARF, RFC 5965) names the member it is about only in the message it returns: it comes to
 * the address registered with the loop, not to the member's VERP address, and AOL, Yahoo or Comcast write the recipient
 * redacted. The returned original's Return-Path (the member's VERP address) or List-Unsubscribe carries crieur's token:
 * the complaint counts against that member. The original marked `Content-Disposition: inline`, as AOL's are, was parsed
 * into the report's text by mailparser and its headers lost (src/adapters/mailparser.ts REPORT_OPTIONS).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMail } from '../../src/adapters/mailparser.ts';
import { actOnMembership, type MembershipDeps } from '../../src/app/membership.ts';
import { classify } from '../../src/core/classify/index.ts';
import { mintMemberToken } from '../../src/core/membership/token.ts';
import { configSchema } from '../../src/config/schema.ts';
import { openMembershipEnv, type MembershipEnv } from '../support/membership-env.ts';
import type { Clock } from '../../src/app/clock.ts';
import type { Store } from '../../src/app/store.ts';
import type { ParseResult } from '../../src/types.ts';

const SECRET = 'complaint-returned-secret-0123456789';
const config = configSchema.parse({
  group: { name: 'PostgreSQL Paris', locale: 'fr', timezone: 'Europe/Paris' },
  addresses: { proposals: 'talks@pgug.example.org', from: 'PostgreSQL Paris <talks@pgug.example.org>', bounces: 'bounces@pgug.example.org' },
  organizers: ['dim@example.org'],
  secret: SECRET,
});
let store: Store;
const clock: Clock = { now: () => new Date() };
let deps: MembershipDeps;
let env: MembershipEnv | undefined;
beforeAll(async () => {
  env = await openMembershipEnv(config, clock, 'complaint');
  ({ store, deps } = env);
}, 60_000);
afterAll(() => env?.close());

/** AOL's ARF: the report to the loop's address, the original returned inline, its To redacted. */
function arf(originalHeaders: string, disposition = 'Content-Disposition: inline\r\n'): Buffer {
  return Buffer.from(
    [
      'From: scomp@aol.net',
      'To: fbl@pgug.example.org',
      'Subject: Email Feedback Report for IP 192.0.2.25',
      'Message-ID: <fbl-1@aol.net>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=feedback-report; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset="US-ASCII"',
      '',
      'This is an email abuse report for an email message received from IP 192.0.2.25.',
      '',
      '--b1',
      'Content-Disposition: inline',
      'Content-Type: message/feedback-report',
      '',
      'Feedback-Type: abuse',
      'User-Agent: AOL SComp',
      'Version: 0.1',
      'Redacted-Address: redacted@',
      '',
      '--b1',
      `Content-Type: message/rfc822\r\n${disposition}`,
      `${originalHeaders}Date: Thu, 3 Dec 2026 10:00:00 +0100`,
      'From: PostgreSQL Paris <talks@pgug.example.org>',
      'To: redacted@aol.com',
      'Subject: Meetup PostgreSQL de janvier',
      '',
      'Bonjour, au programme…',
      '',
      '--b1--',
      '',
    ].join('\r\n'),
  );
}

async function act(raw: Buffer, inboundId: number): Promise<string | null> {
  const mail = await readMail(raw);
  const c = classify(mail, { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: SECRET });
  expect(c.kind).toBe('bounce');
  const result: ParseResult = { messageId: mail.messageId, kind: 'bounce', from: mail.from, subject: mail.subject, language: null, bounce: c.bounce, warnings: [] };
  return actOnMembership(deps, inboundId, result, mail);
}

async function member(email: string) {
  await store.subscribers.upsert([{ email, name: null, language: 'fr', status: 'active', consentedAt: new Date(), source: 'test' }]);
  return (await store.membership.byEmail(email))!;
}

describe('a complaint names its member in the returned original', () => {
  it.each([
    ['inline', 'Content-Disposition: inline\r\n'],
    ['with no disposition', ''],
    ['as an attachment', 'Content-Disposition: attachment\r\n'],
  ])('the Return-Path (the member’s VERP address), the original %s: counted against that member', async (_how, disposition) => {
    const m = await member(`verp-${disposition.length}@aol.example`);
    const verp = `talks+${mintMemberToken(SECRET, 'bounce', m.id, m.email)}@pgug.example.org`;
    const done = await act(arf(`Return-Path: <${verp}>\r\n`, disposition), 100 + disposition.length);
    expect(done).toMatch(/^bounce complaint/);
    expect((await store.membership.byId(m.id))!.status).not.toBe('active');
  });

  it('the List-Unsubscribe mailto and link alone: counted against that member', async () => {
    const m = await member('lu@aol.example');
    const u = mintMemberToken(SECRET, 'unsubscribe', m.id, m.email);
    const done = await act(arf(`List-Unsubscribe: <mailto:talks+${u}@pgug.example.org>, <https://pgug.example.org/u/${u}>\r\n`), 200);
    expect(done).toMatch(/^bounce complaint/);
    expect((await store.membership.byId(m.id))!.status).not.toBe('active');
  });

  it('a token whose MAC is not ours, or another member’s token for this address: nobody', async () => {
    const m = await member('forged@aol.example');
    const other = await member('other@aol.example');
    const forged = `talks+b-${m.id}-aaaaaaaaaaaaaaaa@pgug.example.org`;
    expect(await act(arf(`Return-Path: <${forged}>\r\n`), 300)).toBeNull();
    const foreign = mintMemberToken(SECRET, 'bounce', other.id, m.email);
    expect(await act(arf(`Return-Path: <talks+${foreign}@pgug.example.org>\r\n`), 301)).toBeNull();
    expect((await store.membership.byId(m.id))!.status).toBe('active');
    expect((await store.membership.byId(other.id))!.status).toBe('active');
  });
});
