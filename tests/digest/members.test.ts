/**
 * Members' list digests from the roster (store.digests), on both engines, through the outbox, the deliver workers
 * and an SMTP listener: members who chose daily/html, weekly/text and daily/mime each receive the list's digest in
 * their format, once (counted per recipient, runs repeated); each is roster mail — the list's List-Id, their own
 * List-Unsubscribe (mailto + https, their token), one-click, a VERP envelope naming them — in their language (none:
 * the list's). A pending, an unsubscribed and a disabled member with a digest choice get nothing, nor does an
 * active member without one; an empty period sends nothing; the digest's own one-click link ends that member's
 * digests; a member disabled after their digest was queued does not get it.
 */
import { simpleParser } from 'mailparser';
import { describe, expect, it, beforeAll } from 'vitest';
import { readMail } from '../../src/adapters/mailparser.ts';
import { createDigestComposer } from '../../src/adapters/compose/digest-mail.ts';
import { collectListPost } from '../../src/app/collect-list-post.ts';
import { sendListDigests, type DigestDeps } from '../../src/app/send-digests.ts';
import { unsubscribeByToken } from '../../src/app/membership.ts';
import type { DigestChoice } from '../../src/app/digest-recipients.ts';
import type { SubscriberStatus } from '../../src/app/subscriber-store.ts';
import { findMemberToken, verifyMemberToken } from '../../src/core/membership/token.ts';
import type { Clock } from '../../src/app/clock.ts';
import type { Language } from '../../src/types.ts';
import { buildMail, ENGINE_NAMES, quiet, sentTo, TEST_SECRET, useLive, waitFor } from '../support/pipeline.ts';

const LIST = 'pgsql-fr-generale@lists.postgresql.example';
const LIST_ID = 'pgsql-fr-generale.lists.postgresql.example';
const PUBLIC = 'https://pgug.example.org';
/** Monday 29 March 2027, 08:00:05 in Paris: the end of a daily period (Sunday → Monday) and of a weekly one. */
const MONDAY = new Date('2027-03-29T06:00:05Z');

interface Member {
  email: string;
  name: string | null;
  language: Language | null;
  status: SubscriberStatus;
  digest: DigestChoice | null;
}
const MEMBERS: Member[] = [
  { email: 'alice@example.fr', name: 'Alice', language: 'fr', status: 'active', digest: { cadence: 'daily', format: 'html' } },
  { email: 'Bob@Example.fr', name: null, language: null, status: 'active', digest: { cadence: 'weekly', format: 'text' } },
  { email: 'chloe@example.org', name: 'Chloé', language: 'en', status: 'active', digest: { cadence: 'daily', format: 'mime' } },
  { email: 'paula.pending@example.fr', name: null, language: null, status: 'pending', digest: { cadence: 'daily', format: 'html' } },
  { email: 'ursula.left@example.fr', name: null, language: null, status: 'unsubscribed', digest: { cadence: 'daily', format: 'text' } },
  { email: 'diane.disabled@example.fr', name: null, language: null, status: 'disabled', digest: { cadence: 'weekly', format: 'mime' } },
  { email: 'nina.nodigest@example.fr', name: null, language: 'fr', status: 'active', digest: null },
];
const RECEIVING = ['alice@example.fr', 'Bob@Example.fr', 'chloe@example.org'];

describe.each(ENGINE_NAMES)("members' digests from the roster (%s)", (engine) => {
  const live = useLive(engine, { watch: false, overrides: { http: { port: 0, publicUrl: PUBLIC } } });
  let clockNow = MONDAY;
  const clock: Clock = { now: () => clockNow };
  const ids = new Map<string, number>();
  let deps: DigestDeps;

  beforeAll(async () => {
    const store = live.p.store;
    for (const m of MEMBERS) {
      await store.subscribers.upsert([{ email: m.email, name: m.name, language: m.language, status: m.status === 'pending' ? 'pending' : 'active', source: 'cli' }]);
      const row = (await store.membership.byEmail(m.email))!;
      ids.set(m.email, row.id);
      if (m.status === 'unsubscribed' || m.status === 'disabled') await store.membership.setStatus(row.id, m.status, 'test');
      if (m.digest) await store.digests.set(row.id, 'generale', m.digest);
    }
    // A thread of two posts on Sunday, in both the daily and the weekly period ending Monday 08:00.
    const headers = [`List-Id: Liste générale <${LIST_ID}>`, 'Precedence: list'];
    const root = buildMail({ from: 'Jean <jean@example.fr>', to: LIST, subject: '[generale] Apéro de mars', body: 'Qui vient jeudi ?', headers });
    const reply = buildMail({ from: 'Marie <marie@example.fr>', to: LIST, subject: 'RE : [generale] Apéro de mars', body: 'Moi !', references: root.messageId, inReplyTo: root.messageId, headers });
    for (const [m, at] of [[root, '2027-03-28T09:00:00Z'], [reply, '2027-03-28T10:00:00Z']] as const) {
      const { id } = await store.inbound.saveRaw(m.raw, { source: 'cli' });
      await live.p.db.query('UPDATE inbound_messages SET received_at = $2 WHERE id = $1', [id, at]);
      await collectListPost({ ...live.p.running.context.deps, clock: { now: () => new Date(at) } }, id, await readMail(m.raw));
    }
    deps = { ...live.p.running.context.deps, clock, mailer: createDigestComposer(live.p.config, { clock }), recipients: store.digests };
  }, 60_000);

  const received = (email: string) => sentTo(live.sink, email);

  it('the roster lists only active members who chose a digest', async () => {
    const r = await live.p.store.digests.forList('generale');
    expect(r.map((m) => m.email).sort()).toEqual([...RECEIVING].sort());
    expect(r.find((m) => m.email === 'Bob@Example.fr')).toMatchObject({ memberId: ids.get('Bob@Example.fr'), cadence: 'weekly', format: 'text', language: null });
  });

  it('each member gets the digest of their cadence in their format, once, whatever runs it how often', async () => {
    for (let i = 0; i < 3; i++) {
      const [daily] = await sendListDigests(deps, { cadence: 'daily' });
      const [weekly] = await sendListDigests(deps, { cadence: 'weekly' });
      expect(daily).toMatchObject({ queued: i === 0 ? 2 : 0, already: i === 0 ? 0 : 2, recipients: { html: 1, text: 0, mime: 1 } });
      expect(weekly).toMatchObject({ queued: i === 0 ? 1 : 0, already: i === 0 ? 0 : 1, recipients: { html: 0, text: 1, mime: 0 } });
    }
    await waitFor(() => quiet(live.p), 'the outbox to drain', 30_000);
    await waitFor(async () => ((await Promise.all(RECEIVING.map(received))).every((s) => s.length >= 1) ? true : null), 'a digest to each member', 30_000);
    await new Promise((r) => setTimeout(r, 500));
    for (const email of RECEIVING) expect((await received(email)).length, email).toBe(1);
    for (const m of MEMBERS.filter((x) => !RECEIVING.includes(x.email))) expect(await received(m.email), m.email).toEqual([]);
  }, 60_000);

  it('each digest is roster mail in the member’s format and language', async () => {
    const [alice] = await received('alice@example.fr');
    const [bob] = await received('Bob@Example.fr');
    const [chloe] = await received('chloe@example.org');
    // Formats: HTML with the RFC 1153 text as its plain part; RFC 1153 alone; multipart/digest of the posts.
    expect(alice!.mail.html).toContain('Apéro de mars');
    expect(alice!.mail.text).toContain('-'.repeat(30));
    expect(bob!.mail.html).toBeNull();
    // No language of his own: the list's (fr). Weekly: the week in words, never the period's key (weekly-2027-03-29).
    expect(bob!.mail.text).toMatch(/^Résumé de la liste generale du lundi 22 au lundi 29 mars 2027$/m);
    expect(bob!.mail.text).toMatch(/^Thèmes de la semaine :$/m);
    expect(bob!.mail.subject).toContain('du lundi 22 au lundi 29 mars 2027');
    for (const s of [alice!, bob!, chloe!]) expect(`${s.mail.subject}\n${s.mail.text}\n${s.mail.html ?? ''}`).not.toMatch(/(daily|weekly)-2027/);
    expect(alice!.mail.text).toMatch(/^Thèmes du jour :$/m);
    expect(chloe!.raw.toString('latin1')).toMatch(/Content-Type: multipart\/digest/i);
    expect((await simpleParser(chloe!.raw)).attachments.filter((a) => a.contentType === 'message/rfc822')).toHaveLength(2);
    expect(alice!.mail.subject).toMatch(/Résumé/);
    expect(chloe!.mail.subject).toMatch(/Digest/);
    expect(chloe!.mail.text).toMatch(/Today's Topics/);
    for (const [email, s] of [['alice@example.fr', alice!], ['Bob@Example.fr', bob!], ['chloe@example.org', chloe!]] as const) {
      const id = ids.get(email)!;
      const h = (name: string) => (s.mail.headers[name] ?? []).join('\n');
      expect(h('list-id'), email).toBe(`<${LIST_ID}>`);
      const unsub = h('list-unsubscribe');
      const m = /^<mailto:talks\+(u-\d+-[a-z2-7]{16})@pgug\.example\.org\?subject=unsubscribe>, <https:\/\/pgug\.example\.org\/unsubscribe\/(u-\d+-[a-z2-7]{16})>$/.exec(unsub);
      expect(m, `${email}: ${unsub}`).not.toBeNull();
      expect(m![1]).toBe(m![2]);
      const token = findMemberToken(m![1]!)!;
      expect(token.id).toBe(id);
      expect(verifyMemberToken(TEST_SECRET, token, 'unsubscribe', email)).toBe(true);
      expect(verifyMemberToken(TEST_SECRET, token, 'unsubscribe', 'alice@example.fr' === email ? 'chloe@example.org' : 'alice@example.fr')).toBe(false);
      expect(h('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      // The VERP envelope sender names the member (a bounce scores them whatever the DSN says).
      const verp = /^bounces\+(b-\d+-[a-z2-7]{16})@pgug\.example\.org$/.exec(s.envelope.from);
      expect(verp, `${email}: ${s.envelope.from}`).not.toBeNull();
      expect(verifyMemberToken(TEST_SECRET, findMemberToken(verp![1]!)!, 'bounce', email)).toBe(true);
      // The body's link is the member's own page (the text part; the HTML footer too when there is one).
      expect(s.mail.text ?? '', email).toContain(`${PUBLIC}/unsubscribe/${m![1]}`);
      if (s.mail.html) expect(s.mail.html).toContain(`${PUBLIC}/unsubscribe/${m![1]}`);
      expect(h('auto-submitted')).toBe('auto-generated');
    }
  });

  it('an empty period sends nothing', async () => {
    const before = live.sink.messages.length;
    const rows = async () => (await live.p.db.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE purpose = 'digest'"))[0]!.n;
    const n = await rows();
    clockNow = new Date('2027-03-30T06:00:05Z'); // Monday 08:00 → Tuesday 08:00: nothing posted
    try {
      const [daily] = await sendListDigests(deps, { cadence: 'daily' });
      expect(daily).toMatchObject({ counts: null, queued: 0, already: 0, to: [] });
      expect(daily!.period.key).toBe('daily-2027-03-30');
    } finally {
      clockNow = MONDAY;
    }
    expect(await rows()).toBe(n);
    await new Promise((r) => setTimeout(r, 300));
    expect(live.sink.messages.length).toBe(before);
  });

  it("the digest's own one-click link unsubscribes that member: the next digest goes to the others only", async () => {
    const [alice] = await received('alice@example.fr');
    const https = /<https:\/\/pgug\.example\.org\/unsubscribe\/([^>]+)>/.exec((alice!.mail.headers['list-unsubscribe'] ?? []).join(''))![1]!;
    expect(await unsubscribeByToken(live.p.running.context.deps, https, 'one-click https')).toBe('unsubscribed');
    const post = buildMail({ from: 'Jean <jean@example.fr>', to: LIST, subject: '[generale] Salle du jeudi', body: 'Salle 2.', headers: [`List-Id: <${LIST_ID}>`] });
    const at = '2027-03-30T12:00:00Z';
    const { id } = await live.p.store.inbound.saveRaw(post.raw, { source: 'cli' });
    await live.p.db.query('UPDATE inbound_messages SET received_at = $2 WHERE id = $1', [id, at]);
    await collectListPost({ ...live.p.running.context.deps, clock: { now: () => new Date(at) } }, id, await readMail(post.raw));
    clockNow = new Date('2027-03-31T06:00:05Z');
    try {
      const [daily] = await sendListDigests(deps, { cadence: 'daily' });
      expect(daily).toMatchObject({ queued: 1, to: [{ email: 'chloe@example.org', format: 'mime', cadence: 'daily' }] });
    } finally {
      clockNow = MONDAY;
    }
    await waitFor(async () => ((await received('chloe@example.org')).length === 2 ? true : null), "Chloé's second digest", 30_000);
    await waitFor(() => quiet(live.p), 'the outbox to drain', 30_000);
    // (She is told she left: that notice is not a digest.)
    const digestsTo = async (email: string) => (await received(email)).filter((m) => m.mail.headers['x-crieur-digest']);
    expect(await digestsTo('alice@example.fr')).toHaveLength(1);
  }, 60_000);

  it('a member disabled between queueing and delivery gets nothing: the row is parked with the reason', async () => {
    const post = buildMail({ from: 'Jean <jean@example.fr>', to: LIST, subject: '[generale] Compte rendu', body: 'Merci à tous.', headers: [`List-Id: <${LIST_ID}>`] });
    const at = '2027-03-31T12:00:00Z';
    const { id } = await live.p.store.inbound.saveRaw(post.raw, { source: 'cli' });
    await live.p.db.query('UPDATE inbound_messages SET received_at = $2 WHERE id = $1', [id, at]);
    await collectListPost({ ...live.p.running.context.deps, clock: { now: () => new Date(at) } }, id, await readMail(post.raw));
    // Queued, not yet handed to the senders.
    const held: number[] = [];
    const holding = { dispatch: async () => undefined, dispatchMany: async (_q: string, ids: number[]) => void held.push(...ids) };
    clockNow = new Date('2027-04-01T06:00:05Z');
    try {
      const [daily] = await sendListDigests({ ...deps, dispatcher: holding }, { cadence: 'daily' });
      expect(daily).toMatchObject({ queued: 1, to: [{ email: 'chloe@example.org' }] });
    } finally {
      clockNow = MONDAY;
    }
    expect(held).toHaveLength(1);
    await live.p.store.membership.setStatus(ids.get('chloe@example.org')!, 'disabled', 'hard 5.1.1 bounce (test)');
    await live.p.running.context.dispatcher.dispatchMany('deliver', held);
    const rowOf = async () => (await live.p.db.query<{ status: string; last_error: string | null }>('SELECT status, last_error FROM outbox WHERE id = $1', [held[0]]))[0];
    const row = await waitFor(async () => ((await rowOf())?.status === 'failed' ? rowOf() : null), 'the row to be parked', 30_000);
    expect(row.last_error).toBe('not sent: member disabled');
    // not undelivered mail: the organizers' daily summary does not list it
    expect((await live.p.store.undelivered.unreported(1000, { refPrefix: 'none:' })).filter((m) => m.id === held[0])).toEqual([]);
    expect(await received('chloe@example.org')).toHaveLength(2);
  }, 60_000);
});
