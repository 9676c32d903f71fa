/**
 * A list's digest of a period as a campaign (migration 015), the same on both engines: its rows keep their own bytes
 * and are the deliver queue's (outbox claim and recovery sweep), not the campaign sender's; queued again by key they
 * add nothing; paused, the deliver queue leaves them queued and the sweep does not dispatch them; resumed, each is
 * claimed once. Its counts come from the campaign queries, and it reads as done once no row is queued or sending.
 * Migration 015 turns the list digests queued before it into campaigns, the organizers' digest left outside.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/adapters/db/open.ts';
import type { Db } from '../../src/adapters/db/db.ts';
import { loadMigrations, migrate } from '../../src/adapters/db/migrate.ts';
import { storeOn } from '../../src/adapters/db/store.ts';
import type { CampaignMail } from '../../src/app/campaign-store.ts';
import type { Store } from '../../src/app/store.ts';
import { dropSchema, PG_URL, randomSchema, removeDir, tempDir } from '../support/db.ts';
import { ENGINES, useStore } from './engines.ts';

const LEASE = 60_000;
const mail = (list: string, period: string, format: string, to: string): CampaignMail => ({
  subjectRef: `${list}/${period}/${format}`,
  recipient: to,
  raw: Buffer.from(`To: ${to}\r\nSubject: ${list} ${period} ${format}\r\n\r\nRésumé é\r\n`),
  envelopeFrom: 'bounces@pgug.example.org',
});
const digest = (store: Store, list: string, period: string) =>
  store.campaigns.create({ key: `digest:${list}:${period}`, kind: 'digest', eventId: null, list, parts: { variants: {} } });

describe.each(ENGINES)('digest campaigns on $name', (engine) => {
  const store = useStore(engine);

  it('keeps each row’s bytes, adds nothing twice, counts like an announcement and is done once nothing is queued', async () => {
    const { campaign: c, created } = await digest(store, 'generale', 'daily-2027-03-29');
    expect(created).toBe(true);
    expect(c).toMatchObject({ kind: 'digest', list: 'generale', eventId: null });
    const mails = [mail('generale', 'daily-2027-03-29', 'html', 'alice@example.fr'), mail('generale', 'daily-2027-03-29', 'text', 'bob@example.fr'), mail('generale', 'daily-2027-03-29', 'mime', 'chloe@example.org')];
    const ids = await store.campaigns.addMails(c.id, 'digest', mails);
    expect(ids).toHaveLength(3);
    expect(await store.campaigns.get(c.id)).toMatchObject({ status: 'sending' });
    // Run again (a restart, a second scheduler): the same campaign, no new row.
    const again = await digest(store, 'generale', 'daily-2027-03-29');
    expect(again).toMatchObject({ created: false, campaign: { id: c.id } });
    expect(await store.campaigns.addMails(c.id, 'digest', mails)).toEqual([]);
    expect(await store.campaigns.counts(c.id)).toEqual({ total: 3, sent: 0, failed: 0, queued: 3 });
    // Byte-exact, one row per mail.
    for (const [i, id] of ids.entries()) expect((await store.outbox.get(id))!.raw.equals(mails[i]!.raw)).toBe(true);

    // The deliver queue's rows: the recovery sweep sees them, the outbox claim takes them; the campaign sweep does not.
    expect(await store.outbox.pending(1000)).toEqual(expect.arrayContaining(ids));
    expect(await store.campaigns.unfinished()).not.toContain(c.id);
    const claimed = await store.outbox.claimAll(ids, LEASE, { transmitting: true });
    expect(claimed.map((r) => r?.id)).toEqual(ids);
    expect(claimed[1]).toMatchObject({ purpose: 'digest', subjectRef: 'generale/daily-2027-03-29/text', recipient: 'bob@example.fr' });
    await Promise.all([store.outbox.markSent(ids[0]!, '250 ok'), store.outbox.markSent(ids[1]!, '250 ok')]);
    await store.outbox.markFailed(ids[2]!, '450 try later', '450 try later', true);
    expect(await store.campaigns.counts(c.id)).toEqual({ total: 3, sent: 2, failed: 0, queued: 1 });
    expect((await store.campaigns.get(c.id))!.status).toBe('sending');
    await store.outbox.claimAll([ids[2]!], LEASE, { transmitting: true });
    await store.outbox.markFailed(ids[2]!, '550 no such user', '550 no such user', false);
    const listed = (await store.campaigns.list()).find((x) => x.id === c.id);
    expect(listed).toMatchObject({ kind: 'digest', list: 'generale', eventId: null, total: 3, sent: 2, failed: 1, queued: 0, status: 'done' });
    expect(await store.campaigns.get(c.id)).toMatchObject({ status: 'done' });
    // `crieur failed retry`: a row queued again makes the digest sending again, until it went.
    await store.outbox.requeue(ids[2]!);
    expect(await store.campaigns.get(c.id)).toMatchObject({ status: 'sending' });
    await store.outbox.claimAll([ids[2]!], LEASE, { transmitting: true });
    await store.outbox.markSent(ids[2]!, '250 ok');
    expect(await store.campaigns.get(c.id)).toMatchObject({ status: 'done' });
    // Digests are not announcement mail: the hourly cap does not count them.
    expect(await store.campaigns.sentSince(new Date(Date.now() - 3_600_000))).toBe(0);
  });

  it('paused, the deliver queue leaves its rows queued and the sweep does not dispatch them; resumed, each is claimed once', async () => {
    const { campaign: c } = await digest(store, 'generale', 'daily-2027-03-30');
    const ids = await store.campaigns.addMails(c.id, 'digest', ['a', 'b', 'c', 'd'].map((x) => mail('generale', 'daily-2027-03-30', 'html', `${x}@example.fr`)));
    const [first, ...rest] = ids;
    expect(await store.outbox.claimAll([first!], LEASE, { transmitting: true })).toHaveLength(1);
    await store.outbox.markSent(first!, '250 ok');

    expect(await store.campaigns.setStatus(c.id, 'paused', 'paused by hand')).toMatchObject({ status: 'paused', pauseReason: 'paused by hand' });
    expect(await store.outbox.claimAll(rest, LEASE, { transmitting: true })).toEqual([null, null, null]);
    expect(await store.outbox.pending(1000)).not.toEqual(expect.arrayContaining([rest[0]]));
    expect(await store.campaigns.counts(c.id)).toEqual({ total: 4, sent: 1, failed: 0, queued: 3 });
    // Paused is paused, whatever is queued: not done.
    expect(await store.campaigns.get(c.id)).toMatchObject({ status: 'paused' });

    await store.campaigns.setStatus(c.id, 'sending', null);
    // What `campaigns resume` dispatches again: every row still to send, and only those.
    expect(await store.campaigns.pendingChunks(c.id, 1)).toEqual(rest);
    expect(await store.outbox.pending(1000)).toEqual(expect.arrayContaining(rest));
    const won = await Promise.all([store.outbox.claimAll(rest, LEASE, { transmitting: true }), store.outbox.claimAll(rest, LEASE, { transmitting: true })]);
    expect(won.flat().filter((r) => r !== null).map((r) => r!.id).sort((a, b) => a - b)).toEqual(rest);
  });

  it('an announcement’s ledger rows stay the campaign sender’s (no bytes of their own)', async () => {
    const { campaign: a } = await store.campaigns.create({ key: 'announce:E-9', kind: 'announce', eventId: null, list: null, parts: { variants: { 'member:fr': { pieces: ['x'] } } } });
    await store.campaigns.addRecipients(a.id, 'announce', 'E-9', 'b@x', [{ email: 'zoe@example.fr', variant: 'member:fr' }]);
    const [row] = await store.campaigns.pendingChunks(a.id, 1);
    expect(await store.outbox.claimAll([row!], LEASE)).toEqual([null]);
    expect(await store.outbox.pending(1000)).not.toContain(row);
    expect(await store.campaigns.unfinished()).toContain(a.id);
  });
});

// Migration 015 over a database that has list digests and an organizers' digest queued before it.
const OPENERS = [
  {
    name: 'pglite',
    async open(): Promise<{ db: Db; schema: string | null; cleanup: () => Promise<void> }> {
      const dir = tempDir();
      const db = await openDb(`pglite://${dir}`);
      return { db, schema: null, cleanup: async () => (await db.close(), removeDir(dir)) };
    },
  },
  {
    name: 'postgres',
    async open(): Promise<{ db: Db; schema: string | null; cleanup: () => Promise<void> }> {
      const schema = randomSchema();
      const db = await openDb(PG_URL, { schema });
      return { db, schema, cleanup: async () => (await db.close(), await dropSchema(schema)) };
    },
  },
];

describe.each(OPENERS)('migration 015 on $name', (engine) => {
  let opened: Awaited<ReturnType<(typeof OPENERS)[number]['open']>>;
  beforeAll(async () => {
    opened = await engine.open();
  }, 240_000);
  afterAll(async () => {
    await opened?.cleanup();
  }, 60_000);

  it('makes the list digests queued before it campaigns, one per list and period; the organizers’ digest stays outside', async () => {
    const { db } = opened;
    const store = storeOn(db);
    const m015 = loadMigrations().filter((m) => m.version === 15);
    expect(m015).toHaveLength(1);
    // As before 015: digest rows queued with no campaign (enqueueAll), one of them sent already.
    const rows = await store.outbox.enqueueAll([
      { purpose: 'digest', subjectRef: 'generale/daily-2027-03-29/html', recipient: 'alice@example.fr', raw: Buffer.from('a'), envelopeFrom: 'b@x' },
      { purpose: 'digest', subjectRef: 'generale/daily-2027-03-29/mime', recipient: 'chloe@example.org', raw: Buffer.from('c'), envelopeFrom: 'b@x' },
      { purpose: 'digest', subjectRef: 'generale/weekly-2027-03-29/text', recipient: 'bob@example.fr', raw: Buffer.from('b'), envelopeFrom: 'b@x' },
      { purpose: 'digest', subjectRef: 'pgsql/fr/daily-2027-03-29/text', recipient: 'bob@example.fr', raw: Buffer.from('b'), envelopeFrom: 'b@x' },
      { purpose: 'digest', subjectRef: 'organizers/2027-03-29', recipient: 'dim@example.org', raw: Buffer.from('o'), envelopeFrom: 'b@x' },
    ]);
    const ids = rows.map((r) => r!.id);
    await store.outbox.claimAll([ids[0]!], LEASE, { transmitting: true });
    await store.outbox.markSent(ids[0]!, '250 ok');
    await db.query('DELETE FROM schema_migrations WHERE version = 15');
    expect(await migrate(db, opened.schema, m015)).toEqual([15]);

    const byKey = new Map((await store.campaigns.list()).filter((c) => c.kind === 'digest').map((c) => [c.key, c]));
    expect([...byKey.keys()].sort()).toEqual(['digest:generale:daily-2027-03-29', 'digest:generale:weekly-2027-03-29', 'digest:pgsql/fr:daily-2027-03-29']);
    expect(byKey.get('digest:generale:daily-2027-03-29')).toMatchObject({ list: 'generale', eventId: null, total: 2, sent: 1, queued: 1, status: 'sending' });
    expect(byKey.get('digest:pgsql/fr:daily-2027-03-29')).toMatchObject({ list: 'pgsql/fr', total: 1 });
    const organizers = await db.query<{ campaign_id: number | null }>('SELECT campaign_id FROM outbox WHERE id = $1', [ids[4]]);
    expect(organizers[0]!.campaign_id).toBeNull();
    // The digest run again for that period finds its campaign and its rows: nothing new.
    const again = await store.campaigns.create({ key: 'digest:generale:daily-2027-03-29', kind: 'digest', eventId: null, list: 'generale', parts: { variants: {} } });
    expect(again.created).toBe(false);
    expect(await store.campaigns.addMails(again.campaign.id, 'digest', [{ subjectRef: 'generale/daily-2027-03-29/html', recipient: 'alice@example.fr', raw: Buffer.from('a'), envelopeFrom: 'b@x' }])).toEqual([]);
    // Still the deliver queue's.
    expect(await store.outbox.pending(1000)).toEqual(expect.arrayContaining([ids[1], ids[2], ids[3], ids[4]]));
  });
});
