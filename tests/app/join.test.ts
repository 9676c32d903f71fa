/**
 * Joining by double opt-in (src/app/join.ts) on PostgreSQL, a real Redis queue and the real templates: one
 * confirmation mail per request whatever replays, neutral for members and strangers alike, capped per address;
 * the token confirms once, only for its own address (and, by reply, only from it), and not after expiry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMail } from '../../src/adapters/mailparser.ts';
import { confirmSubscription, requestSubscription, type JoinDeps } from '../../src/app/join.ts';
import { configSchema } from '../../src/config/schema.ts';
import { openMembershipEnv, type MembershipEnv } from '../support/membership-env.ts';
import type { Clock } from '../../src/app/clock.ts';
import type { Store } from '../../src/app/store.ts';

const PUBLIC = 'https://pgug.example.org/membres';
const config = configSchema.parse({
  group: { name: 'PostgreSQL Paris', locale: 'fr', timezone: 'Europe/Paris' },
  addresses: { proposals: 'talks@pgug.example.org', from: 'PostgreSQL Paris <talks@pgug.example.org>', bounces: 'bounces@pgug.example.org' },
  organizers: ['dim@example.org'],
  secret: 'join-test-secret-0123456789',
  http: { publicUrl: PUBLIC },
  lists: [{ name: 'generale', address: 'pgsql-fr-generale@lists.postgresql.example' }],
});
let store: Store;
let now = new Date('2026-11-30T10:00:00Z');
const clock: Clock = { now: () => now };
let deps: JoinDeps;

let env: MembershipEnv | undefined;
beforeAll(async () => {
  env = await openMembershipEnv(config, clock, 'join');
  ({ store, deps } = env);
}, 60_000);

afterAll(() => env?.close());

const mailsTo = async (email: string) => (await store.outbox.list()).filter((r) => r.purpose === 'membership' && r.recipient === email);

/** The confirmation mail's token (from Reply-To) and what the person reads. */
async function confirmation(email: string) {
  const rows = (await mailsTo(email)).filter((r) => r.subjectRef.startsWith('join:'));
  const mail = await readMail(rows.at(-1)!.raw);
  const replyTo = mail.replyTo[0]!.email;
  const token = /^talks\+(c-\d+-[a-z2-7]{16})@pgug\.example\.org$/.exec(replyTo)![1]!;
  return { rows, mail, token, raw: rows.at(-1)!.raw.toString() };
}

describe('join by double opt-in', () => {
  it('a request queues one confirmation mail, in the language asked, with a token-bearing Reply-To and the /confirm link; a replay queues nothing more', async () => {
    const req = { email: 'ana@example.fr', name: 'Ana', language: 'en' as const, source: 'mail' as const, cause: 'mail (inbound 1)', key: 'inbound:1' };
    expect(await requestSubscription(deps, req)).toBe('confirmation-sent');
    expect(await requestSubscription(deps, req)).toBe('confirmation-sent');
    const c = await confirmation('ana@example.fr');
    expect(c.rows).toHaveLength(1);
    expect(c.rows[0]!.subjectRef).toMatch(/^join:\d+$/);
    expect(c.rows[0]!.envelopeFrom).toBe('bounces@pgug.example.org');
    expect(c.mail.subject).toBe('Confirm your subscription to PostgreSQL Paris');
    expect(c.mail.text).toContain(`${PUBLIC}/confirm/${c.token}`);
    expect(c.mail.html).toContain(`href="${PUBLIC}/confirm/${c.token}"`);
    expect(c.raw).toMatch(/^Auto-Submitted: auto-generated\r$/m);
    expect((await store.subscribers.get('ana@example.fr'))!.status).toBe('pending');
  });

  it('the token confirms once: active, consent recorded, cause in the history, digest set', async () => {
    expect(
      await requestSubscription(deps, { email: 'ben@example.org', source: 'web', cause: 'web (203.0.113.7)', digest: { list: 'generale', choice: { cadence: 'weekly', format: 'html' } } }),
    ).toBe('confirmation-sent');
    const { token, mail } = await confirmation('ben@example.org');
    expect(mail.subject).toBe('Confirmez votre inscription : PostgreSQL Paris');
    expect(mail.text).toContain('La demande choisit aussi le résumé hebdomadaire de la liste generale.');
    expect(mail.html).toContain('La demande choisit aussi le résumé hebdomadaire de la liste generale.');
    expect(await confirmSubscription(deps, token, 'link https')).toBe('confirmed');
    expect(await confirmSubscription(deps, token, 'link https')).toBe('already');
    const ben = (await store.subscribers.get('ben@example.org'))!;
    expect(ben.status).toBe('active');
    expect(ben.consentedAt).not.toBeNull();
    const id = (await store.membership.byEmail('ben@example.org'))!.id;
    expect((await store.membership.history(id)).map((h) => h.cause)).toEqual([expect.stringMatching(/^link https, confirming request \d+ \(web \(203\.0\.113\.7\)\)$/)]);
    expect(await store.digests.get(id, 'generale')).toEqual({ cadence: 'weekly', format: 'html' });
  });

  // listmonk and Mailman send one: nothing told a newcomer what they had joined, nor how to leave, until the first
  // announcement — weeks later.
  it('a confirmation that makes the member active is followed by one welcome, in their language, as roster mail: List-Id, their own List-Unsubscribe, VERP', async () => {
    for (const [email, language] of [['wen@example.org', 'en'], ['wil@example.fr', 'fr']] as const) {
      const digest = language === 'en' ? { list: 'generale', choice: { cadence: 'daily' as const, format: 'html' as const } } : null;
      await requestSubscription(deps, { email, name: 'Hostile https://evil.example', language, source: 'mail', cause: 'mail (inbound 60)', key: `welcome-${email}`, digest });
      const { token } = await confirmation(email);
      expect(await mailsTo(email)).toHaveLength(1);
      expect(await confirmSubscription(deps, token, 'link https')).toBe('confirmed');
      expect(await confirmSubscription(deps, token, 'link https')).toBe('already');
      const welcomes = (await mailsTo(email)).filter((r) => r.subjectRef.startsWith('welcome:'));
      expect(welcomes).toHaveLength(1);
      const member = (await store.membership.byEmail(email))!;
      const w = welcomes[0]!;
      expect(w.envelopeFrom).toMatch(new RegExp(`^bounces\\+b-${member.id}-[a-z2-7]{16}@pgug\\.example\\.org$`));
      const raw = w.raw.toString();
      const mail = await readMail(w.raw);
      const u = new RegExp(`u-${member.id}-[a-z2-7]{16}`).exec(raw)![0];
      expect(raw).toMatch(/^List-Id: <members\.pgug\.example\.org>\r$/im);
      expect(raw.replace(/\r\n[ \t]+/g, ' ')).toContain(`List-Unsubscribe: <mailto:talks+${u}@pgug.example.org?subject=unsubscribe>, <${PUBLIC}/unsubscribe/${u}>\r\n`);
      expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
      expect(raw).not.toContain('evil.example');
      if (language === 'en') {
        expect(mail.subject).toBe('Welcome: you will receive PostgreSQL Paris’s announcements');
        expect(mail.text!.replace(/\s+/g, ' ')).toContain('You will also receive the daily digest of the generale list');
        expect(mail.text).toMatch(new RegExp(`- this link:\\s+<${PUBLIC}/unsubscribe/${u}>`));
        expect(mail.text).toContain(`- a mail, even blank, to talks+${u}@pgug.example.org`);
      } else {
        expect(mail.subject).toBe('Inscription confirmée : PostgreSQL Paris');
        const text = mail.text!.replace(/\s+/g, ' ');
        expect(text).toContain("l’adresse wil@example.fr est inscrite à nos annonces");
        expect(text).toContain(`- un courriel, même vide, à talks+${u}@pgug.example.org`);
        expect(mail.html).toContain(`href="${PUBLIC}/unsubscribe/${u}"`);
      }
    }
    // Already active, confirming a digest choice: no newcomer, no welcome.
    await requestSubscription(deps, { email: 'wen@example.org', source: 'web', cause: 'web', digest: { list: 'generale', choice: null } });
    const again = (await mailsTo('wen@example.org')).filter((r) => r.subjectRef.startsWith('join:'));
    const second = /talks\+(c-\d+-[a-z2-7]{16})@/.exec((await readMail(again.at(-1)!.raw)).replyTo[0]!.email)![1]!;
    expect(await confirmSubscription(deps, second, 'link https')).toBe('confirmed');
    expect((await mailsTo('wen@example.org')).filter((r) => r.subjectRef.startsWith('welcome:'))).toHaveLength(1);
  });

  it('a forged confirmation does nothing: another request\'s id with this MAC, a made-up MAC, a reply from another address', async () => {
    await requestSubscription(deps, { email: 'cid@example.org', source: 'mail', cause: 'mail (inbound 3)' });
    await requestSubscription(deps, { email: 'eve@example.org', source: 'mail', cause: 'mail (inbound 4)' });
    const cid = await confirmation('cid@example.org');
    const eve = await confirmation('eve@example.org');
    const cidId = cid.token.split('-')[1]!;
    expect(await confirmSubscription(deps, eve.token.replace(/^c-\d+-/, `c-${cidId}-`), 'link https')).toBe('invalid');
    expect(await confirmSubscription(deps, `c-${cidId}-aaaaaaaaaaaaaaaa`, 'link https')).toBe('invalid');
    expect(await confirmSubscription(deps, cid.token, 'reply (inbound 5)', { from: 'eve@example.org' })).toBe('invalid');
    expect((await store.subscribers.get('cid@example.org'))!.status).toBe('pending');
    expect(await confirmSubscription(deps, cid.token, 'reply (inbound 6)', { from: 'CID@example.org' })).toBe('confirmed');
  });

  it('an expired request does nothing and says so', async () => {
    await requestSubscription(deps, { email: 'dan@example.org', source: 'mail', cause: 'mail (inbound 7)' });
    const { token } = await confirmation('dan@example.org');
    const saved = now;
    now = new Date(now.getTime() + config.membership.confirmDays * 86_400_000);
    try {
      expect(await confirmSubscription(deps, token, 'link https')).toBe('expired');
    } finally {
      now = saved;
    }
    expect((await store.subscribers.get('dan@example.org'))!.status).toBe('pending');
  });

  /** Runs `f` with the clock moved on by `ms` each call to `step` (requests minutes apart are not one double click). */
  async function minutesApart<T>(f: (step: () => void) => Promise<T>): Promise<T> {
    const saved = now;
    try {
      return await f(() => void (now = new Date(now.getTime() + 11 * 60_000)));
    } finally {
      now = saved;
    }
  }

  it('caps confirmation mails per address and day (mail-bombing a third party)', async () => {
    const ask = () => requestSubscription(deps, { email: 'victim@example.org', source: 'web', cause: 'web (198.51.100.1)' });
    await minutesApart(async (step) => {
      for (let i = 0; i < config.membership.requestsPerDay; i++, step()) expect(await ask()).toBe('confirmation-sent');
      expect(await ask()).toBe('capped');
    });
    expect(await mailsTo('victim@example.org')).toHaveLength(config.membership.requestsPerDay);
  });

  it('the cap counts the mailbox, not the address string: plus-addresses and case share one cap', async () => {
    const variants = ['mbox+1@example.org', 'mbox+2@example.org', 'MBox+3@example.org', 'mbox@example.org', 'mbox+x+y@example.org'];
    const outcomes: string[] = [];
    for (const email of variants) outcomes.push(await requestSubscription(deps, { email, source: 'web', cause: 'web (198.51.100.2)' }));
    const rows = (await store.outbox.list()).filter((r) => r.purpose === 'membership' && /^mbox(\+.*)?@example\.org$/i.test(r.recipient));
    expect(rows).toHaveLength(config.membership.requestsPerDay);
    expect(outcomes.filter((o) => o === 'capped')).toHaveLength(variants.length - config.membership.requestsPerDay);
    // Another mailbox of the same domain keeps its own cap.
    expect(await requestSubscription(deps, { email: 'mbox2+1@example.org', source: 'web', cause: 'web (198.51.100.2)' })).toBe('confirmation-sent');
  });

  it('the confirmation never carries the name typed in the request (neither To nor greeting); confirming applies it', async () => {
    const hostile = 'URGENT votre compte est suspendu appelez https://evil.example';
    await requestSubscription(deps, { email: 'gil@example.org', name: hostile, language: 'fr', source: 'web', cause: 'web (198.51.100.3)' });
    await requestSubscription(deps, { email: 'hal@example.org', name: hostile, language: 'en', source: 'mail', cause: 'mail (inbound 40)', key: 'inbound:40' });
    for (const email of ['gil@example.org', 'hal@example.org']) {
      const c = await confirmation(email);
      expect(c.raw).not.toContain('evil.example');
      expect(c.raw).not.toContain('URGENT');
      expect(c.mail.text).not.toContain('evil.example');
      expect(c.mail.html).not.toContain('evil.example');
      expect(c.mail.text).toMatch(/^(Bonjour|Hello),$/m);
    }
    // The pending member has no name nor language until someone confirms (the request row keeps them).
    expect(await store.subscribers.get('gil@example.org')).toMatchObject({ status: 'pending', name: null, language: null });
    expect(await confirmSubscription(deps, (await confirmation('gil@example.org')).token, 'link https')).toBe('confirmed');
    expect(await store.subscribers.get('gil@example.org')).toMatchObject({ status: 'active', name: hostile, language: 'fr' });
  });

  it('the same page request twice (double click, browser retry) mails once; another choice, or minutes later, is a new request', async () => {
    const req = { email: 'ivy@example.org', name: 'Ivy', language: 'fr' as const, source: 'web' as const, cause: 'web (198.51.100.4)' };
    expect(await Promise.all([requestSubscription(deps, req), requestSubscription(deps, req)])).toEqual(['confirmation-sent', 'confirmation-sent']);
    expect(await requestSubscription(deps, req)).toBe('confirmation-sent');
    expect(await mailsTo('ivy@example.org')).toHaveLength(1);
    expect(await requestSubscription(deps, { ...req, language: 'en' })).toBe('confirmation-sent');
    expect(await mailsTo('ivy@example.org')).toHaveLength(2);
    await minutesApart(async (step) => {
      step();
      expect(await requestSubscription(deps, req)).toBe('confirmation-sent');
    });
    expect(await mailsTo('ivy@example.org')).toHaveLength(3);
  });

  it('a member asking again gets the same neutral mail as a stranger; our own addresses and non-addresses are refused', async () => {
    await store.subscribers.upsert([{ email: 'zoe@example.fr', status: 'active', source: 'cli' }]);
    await requestSubscription(deps, { email: 'zoe@example.fr', source: 'web', cause: 'web' });
    await requestSubscription(deps, { email: 'yan@example.fr', source: 'web', cause: 'web' });
    const neutral = (t: string, email: string, token: string) => t.replaceAll(email, 'X').replaceAll(token, 'T');
    const zoe = await confirmation('zoe@example.fr');
    const yan = await confirmation('yan@example.fr');
    expect(neutral(zoe.mail.text!, 'zoe@example.fr', zoe.token)).toBe(neutral(yan.mail.text!, 'yan@example.fr', yan.token));
    expect(zoe.mail.subject).toBe(yan.mail.subject);
    expect((await store.subscribers.get('zoe@example.fr'))!.status).toBe('active');
    for (const bad of ['talks@pgug.example.org', 'Talks+x@PGUG.example.org', 'pgsql-fr-generale@lists.postgresql.example', 'not an address', 'a@b', 'a@@b.fr', '<a@b.fr>', 'a\r\nBcc: x@y.fr']) {
      expect(await requestSubscription(deps, { email: bad, source: 'web', cause: 'web' }), bad).toBe('invalid-address');
    }
  });
});
