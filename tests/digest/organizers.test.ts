/**
 * The organizers' daily digest on a real store (PostgreSQL): nothing waiting → no mail; pending proposals,
 * unconfirmed speakers and the next meetup's gaps → one mail per organizer, each proposal with the reply lines
 * the command grammar reads (`accepter P-0001`), an organizer reply token in Reply-To and Message-ID that verifies
 * for that organizer only; run twice → still one mail each.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/adapters/db/open.ts';
import { storeOn } from '../../src/adapters/db/store.ts';
import type { Db } from '../../src/adapters/db/db.ts';
import { BullDispatcher } from '../../src/adapters/queue/bullmq.ts';
import { silentLogger } from '../../src/adapters/log/pino.ts';
import { readMail } from '../../src/adapters/mailparser.ts';
import { createDigestComposer } from '../../src/adapters/compose/digest-mail.ts';
import { sendOrganizerDigest } from '../../src/app/organizer-digest.ts';
import { findTokens, verifyToken } from '../../src/core/tokens.ts';
import type { Clock } from '../../src/app/clock.ts';
import type { Store } from '../../src/app/store.ts';
import type { ProposalDraft } from '../../src/types.ts';
import { dropSchema, PG_URL, randomSchema } from '../support/db.ts';
import { REDIS_URL } from '../support/services.ts';
import { buildMail, clearRedisPrefix, e2eConfig, ORGANIZERS, redisPrefix, TEST_SECRET } from '../support/pipeline.ts';

const NOW = new Date('2026-12-01T07:00:00Z');

describe("the organizers' digest", () => {
  const schema = randomSchema('og');
  const prefix = redisPrefix();
  let db: Db;
  let store: Store;
  let redis: Redis;
  const clock: Clock = { now: () => NOW };
  let deps: Parameters<typeof sendOrganizerDigest>[0];

  beforeAll(async () => {
    db = await openDb(PG_URL, { schema });
    store = storeOn(db);
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const config = e2eConfig({ smtpUrl: 'smtp://127.0.0.1:1', databaseUrl: PG_URL, prefix });
    deps = { config, store, clock, dispatcher: new BullDispatcher(redis, prefix), log: silentLogger, organizerMailer: createDigestComposer(config, { clock }) };
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    redis?.disconnect();
    await clearRedisPrefix(prefix);
    await dropSchema(schema);
  }, 60_000);

  const file = async (title: string, email: string) => {
    const { raw } = buildMail({ from: `X <${email}>`, to: 'talks@pgug.example.org', subject: title, body: title });
    const { id } = await store.inbound.saveRaw(raw, { source: 'cli' });
    const draft: ProposalDraft = { format: 'talk', title, abstract: null, durationMinutes: 45, language: 'fr', speakers: [{ name: 'Oratrice Éloïse', email }], attachments: [] };
    return (await store.proposals.fileFromMessage(id, draft, email)).proposal;
  };

  it('sends nothing when nothing waits', async () => {
    const r = await sendOrganizerDigest(deps);
    expect(r.counts).toBeNull();
    expect((await db.query("SELECT id FROM outbox WHERE purpose = 'digest'")).length).toBe(0);
  });

  it('lists pending proposals with their reply lines, unconfirmed speakers and programme gaps; one mail per organizer', async () => {
    const p1 = await file('Partitionnement <déclaratif>', 'a@example.fr');
    const p2 = await file('JSONB en production', 'b@example.fr');
    const p3 = await file('VACUUM sans peur', 'c@example.fr');
    const p4 = await file('Réplication logique', 'd@example.fr');
    await store.proposals.setStatus(p3.ref, 'accepted', 'dim@example.org', null);
    await store.proposals.setStatus(p4.ref, 'accepted', 'dim@example.org', null);
    const ev = await store.events.create({ date: new Date('2026-12-10T18:00:00Z'), venue: 'Chez Dalibo', title: 'Meetup de décembre' });
    await store.events.assign(ev.id, p4.ref);

    const r = await sendOrganizerDigest(deps);
    // two speakers to confirm: p3's, and p4's on the programme
    expect(r.counts).toEqual({ pending: 2, unconfirmed: 2, gaps: 3 });
    expect(r.queued).toBe(ORGANIZERS.length);
    for (const organizer of ORGANIZERS) {
      const row = (await db.query<{ raw: Buffer; subject_ref: string }>("SELECT raw, subject_ref FROM outbox WHERE purpose = 'digest' AND recipient = $1", [organizer]))[0]!;
      expect(row.subject_ref).toBe('organizers/d20261201');
      const mail = await readMail(Buffer.from(row.raw));
      for (const line of [`accepter ${p1.ref}`, `refuser ${p1.ref}`, `accepter ${p2.ref}`, `confirmer ${p3.ref}`, `confirmer ${p4.ref}`]) expect(mail.text).toContain(line);
      expect(mail.text).toMatch(/2 créneaux libres sur 3/);
      expect(mail.text).toMatch(/jeudi 10 décembre 2026 à 19h00/);
      expect(mail.html).toContain('Partitionnement &lt;déclaratif&gt;');
      // The reply token: minted for this organizer, found in Reply-To and in the Message-ID.
      const [token] = findTokens(mail.replyTo[0]!.email);
      expect(token).toMatchObject({ purpose: 'organizer', ref: 'd20261201' });
      expect(verifyToken(TEST_SECRET, token!, organizer)).toBe(true);
      expect(verifyToken(TEST_SECRET, token!, 'intruder@example.org')).toBe(false);
      expect(findTokens(mail.messageId!)[0]?.token).toBe(token!.token);
      expect(mail.headers['auto-submitted']?.[0]).toBe('auto-generated');
    }
  });

  it('run again the same day: no second mail', async () => {
    const r = await sendOrganizerDigest(deps);
    expect(r.queued).toBe(0);
    expect(r.already).toBe(ORGANIZERS.length);
    expect((await db.query("SELECT id FROM outbox WHERE purpose = 'digest'")).length).toBe(ORGANIZERS.length);
  });

  it('a talk scheduled before its speaker confirmed is not confirmed: listed and counted as such, with its confirm line; a confirmed one is not', async () => {
    const before = (await sendOrganizerDigest(deps, { build: true })).counts!;
    const december = (await store.events.list({ from: NOW }))[0]!;
    const january = await store.events.create({ date: new Date('2027-01-14T18:00:00Z'), venue: 'Chez Dalibo', title: null });
    const onNext = await file('Index BRIN', 'e@example.fr');
    const confirmedFirst = await file('pg_cron au quotidien', 'f@example.fr');
    const later = await file('Sharding sans douleur', 'g@example.fr');
    for (const p of [onNext, confirmedFirst, later]) await store.proposals.setStatus(p.ref, 'accepted', 'dim@example.org', null);
    await store.proposals.setStatus(confirmedFirst.ref, 'confirmed', 'f@example.fr', null);
    for (const [p, ev] of [[onNext, december], [confirmedFirst, december], [later, january]] as const) {
      await store.proposals.setStatus(p.ref, 'scheduled', 'dim@example.org', null);
      await store.events.assign(ev.id, p.ref);
    }
    const r = await sendOrganizerDigest(deps, { build: true });
    expect(r.counts!.unconfirmed).toBe(before.unconfirmed + 2);
    const mail = await readMail(r.mails[0]!.raw);
    const text = mail.text!;
    expect(mail.subject).toContain(`${before.unconfirmed + 2} à confirmer`);
    expect(text).toContain(`Programmé, non confirmé par l’orateur : ${onNext.ref} — Index BRIN`);
    expect(text).toContain(`confirmer ${onNext.ref}`);
    expect(text).toMatch(new RegExp(`${later.ref} — Sharding sans douleur\\n.*programmée le jeudi 14 janvier 2027\\n  confirmer ${later.ref}\\n  retirer ${later.ref}`));
    expect(text).not.toContain(confirmedFirst.ref);
  });
});
