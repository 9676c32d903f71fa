/**
 * The deliver runner's marks, on PostgreSQL with a real SMTP listener (never-twice review, findings 1, 2, 6):
 * a row accepted by the server is marked sent while a slower sibling of its job is still in flight (a kill then
 * would otherwise park an accepted mail as "may have been delivered"); a digest row whose member check fails goes
 * back to queued instead of staying "transmitting"; and a job's final failure parks only rows still queued — never a
 * row held by another live worker, nor one already parked with another reason.
 */
import { describe, expect, it } from 'vitest';
import { deliverOutboxes } from '../../src/app/deliver-outbox.ts';
import { memberVerp } from '../../src/core/compose/campaign-slots.ts';
import type { NewOutboxItem } from '../../src/app/outbox-store.ts';
import type { Sender } from '../../src/app/sender.ts';
import type { Store } from '../../src/app/store.ts';
import { RUNNERS } from '../../workers/runners.ts';
import type { AppDeps } from '../../src/app/deps.ts';
import { useStoreAndSink } from '../support/store-and-sink.ts';
import { groupConfig, silentLog } from '../support/test-config.ts';
import { claimOne } from '../support/outbox.ts';

/** Addresses the listener refuses at RCPT TO, as a relay that checks its recipients does. */
const refusedAtRcpt = new Map<string, { code: number; message: string }>();
const { store, sink, sender } = useStoreAndSink('marks', { sink: { respondRcpt: (address) => refusedAtRcpt.get(address) ?? null } });
const log = silentLog;
const config = groupConfig('marks', { queue: { sendLeaseSeconds: 0.2 } });
let n = 0;
const item = (recipient: string, over: Partial<NewOutboxItem> = {}): NewOutboxItem => ({
  purpose: 'ack',
  subjectRef: `P-0001/m${++n}`,
  recipient,
  raw: Buffer.from(`From: talks@pgug.example.org\r\nTo: ${recipient}\r\nSubject: test ${n}\r\n\r\nBonjour.\r\n`),
  envelopeFrom: 'bounces@pgug.example.org',
  ...over,
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));


describe('a job of two mails, the second slow', () => {
  it("marks the first sent while the second is still in flight", { timeout: 30_000 }, async () => {
    const [a, b] = (await store.outbox.enqueueAll([item('fast@example.org'), item('slow@example.org')])).map((r) => r!.id);
    // The slow recipient's transaction starts only once the fast one's row reads `sent` (or after 5 s): whether
    // the mark waited for it is then a fact, not a timing.
    let sawFirstSent = false;
    const slow: Sender = {
      ...sender,
      reserve: sender.reserve!,
      connections: sender.connections!,
      send: async (raw, env) => {
        if (env.to[0] === 'slow@example.org') {
          for (const t0 = Date.now(); Date.now() - t0 < 5_000 && !sawFirstSent; await sleep(20)) sawFirstSent = (await store.outbox.get(a!))?.status === 'sent';
        }
        return sender.send(raw, env);
      },
    };
    const d = await deliverOutboxes({ store, sender: slow, log, config }, [a!, b!]);
    expect(d.sent.sort()).toEqual([a, b].sort());
    expect(sawFirstSent).toBe(true);
    expect(await store.outbox.get(b!)).toMatchObject({ status: 'sent' });
  });
});

describe("a digest whose member check fails after the claim", () => {
  it('puts the row back to queued: nothing was sent, nothing is parked as possibly delivered', { timeout: 30_000 }, async () => {
    const to = 'member@example.org';
    const [queued] = await store.outbox.enqueueAll([item(to, { purpose: 'digest', envelopeFrom: memberVerp('bounces@pgug.example.org', config.secret!, 42, to) })]);
    const id = queued!.id;
    // The database failing during the member lookup: a fault no real part produces on demand.
    const failing: Store = { ...store, membership: { ...store.membership, byId: () => Promise.reject(new Error('connection terminated')) } };
    await expect(deliverOutboxes({ store: failing, sender, log, config }, [id])).rejects.toThrow('connection terminated');
    await sleep(300); // past the 200 ms lease
    expect(await store.outbox.parkInterrupted()).toEqual([]);
    expect(await store.outbox.get(id)).toMatchObject({ status: 'queued' });
    expect(sink.messages.filter((m) => m.envelope.to.includes(to))).toEqual([]);
  });
});

describe('a digest whose sender stops during the member check', () => {
  it('is not transmitting: claimable again once its lease runs out, never parked; the stalled sender sends nothing', { timeout: 30_000 }, async () => {
    const to = 'stalled@example.org';
    const [queued] = await store.outbox.enqueueAll([item(to, { purpose: 'digest', envelopeFrom: memberVerp('bounces@pgug.example.org', config.secret!, 43, to) })]);
    const id = queued!.id;
    // The member lookup hangs, as a process stopped (a kill, a paused VM) in the middle of it.
    let resume!: () => void;
    const stalled: Store = { ...store, membership: { ...store.membership, byId: () => new Promise((r) => (resume = () => r(null))) } };
    const delivery = deliverOutboxes({ store: stalled, sender, log, config }, [id]);
    await sleep(300); // past the 200 ms lease
    expect(await store.outbox.parkInterrupted()).toEqual([]);
    expect(await store.outbox.pending(1000)).toContain(id);
    // Another worker takes it over; the stalled one wakes up: its claim is no longer its own.
    expect(await claimOne(store.outbox, id, 60_000)).toMatchObject({ id, attempts: 2 });
    resume();
    expect(await delivery).toMatchObject({ sent: [], skipped: [id], failed: [] });
    expect(sink.messages.filter((m) => m.envelope.to.includes(to))).toEqual([]);
  });
});

describe("a deliver job's final failure", () => {
  const deliver = RUNNERS.find((r) => r.queue === 'deliver')!;
  it('parks the rows still queued, not one held by another worker nor one parked already', { timeout: 30_000 }, async () => {
    const [queued, held, parked] = (await store.outbox.enqueueAll([item('q@example.org'), item('h@example.org'), item('p@example.org')])).map((r) => r!.id);
    await claimOne(store.outbox, held!, 60_000, { transmitting: true });
    await store.outbox.markFailed(parked!, 'interrupted (RFC 1047)', null, false);
    const deps = { store, log } as unknown as AppDeps;
    for (const id of [queued!, held!, parked!]) await deliver.park(deps, id, new Error('job stalled more than allowable limit'));
    expect(await store.outbox.get(queued!)).toMatchObject({ status: 'failed', lastError: 'job stalled more than allowable limit' });
    expect(await store.outbox.get(held!)).toMatchObject({ status: 'sending' });
    expect(await store.outbox.get(parked!)).toMatchObject({ status: 'failed', lastError: 'interrupted (RFC 1047)' });
  });

  it('leaves a row a worker claimed between the read and the park', async () => {
    const [raced] = (await store.outbox.enqueueAll([item('r@example.org')])).map((r) => r!.id);
    // The sweep's job claims the row just after the park read it as queued.
    const read = async (id: number) => {
      const row = await store.outbox.get(id);
      await claimOne(store.outbox, id, 60_000);
      return row;
    };
    const racing: Store = { ...store, outbox: { ...store.outbox, get: read } };
    await deliver.park({ store: racing, log } as unknown as AppDeps, raced!, new Error('job stalled more than allowable limit'));
    expect(await store.outbox.get(raced!)).toMatchObject({ status: 'sending', attempts: 1 });
  });
});

describe("a member's digest whose address the relay refuses (550 5.1.1 at RCPT TO)", () => {
  it('is a hard bounce of the member its VERP sender names; an acknowledgement refused alike names no member', { timeout: 30_000 }, async () => {
    await store.subscribers.upsert([
      { email: 'gone@example.org', status: 'active', source: 'cli' },
      { email: 'speaker-gone@example.org', status: 'active', source: 'cli' },
    ]);
    const member = (await store.membership.byEmail('gone@example.org'))!;
    for (const a of ['gone@example.org', 'speaker-gone@example.org']) refusedAtRcpt.set(a, { code: 550, message: `5.1.1 <${a}>: Recipient address rejected: User unknown` });
    const [digest, ack] = (
      await store.outbox.enqueueAll([
        item('gone@example.org', { purpose: 'digest', envelopeFrom: memberVerp('bounces@pgug.example.org', config.secret!, member.id, 'gone@example.org') }),
        item('speaker-gone@example.org'),
      ])
    ).map((r) => r!.id);
    const d = await deliverOutboxes({ store, sender, log, config }, [digest!, ack!]);
    expect(d.failed.map((f) => f.id).sort()).toEqual([digest!, ack!].sort());
    expect((await store.subscribers.get('gone@example.org'))!).toMatchObject({ status: 'disabled', bounces: 1, lastBounce: { what: 'hard 5.1.1' } });
    expect((await store.membership.history(member.id)).at(-1)!.cause).toBe(`hard 5.1.1 bounce (refused at send, outbox ${digest})`);
    // The acknowledgement's envelope names no member: the roster is left alone.
    expect((await store.subscribers.get('speaker-gone@example.org'))!).toMatchObject({ status: 'active', bounces: 0 });
  });
});
