/**
 * Reminders once at J-6 and J-1, with a test clock, on PostgreSQL and a real SMTP listener: nothing before the
 * day, the campaign and its ledger at J-6, nothing more on a second tick (a restart), again at J-1; each
 * recipient (speakers and active members) gets each reminder exactly once, speakers in the speakers' wording.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { createEventMailBuilder } from '../../src/adapters/compose/announcement.ts';
import { fillMime } from '../../src/adapters/compose/campaign-mime.ts';
import { sendDueReminders } from '../../src/app/send-reminders.ts';
import { sendCampaignChunk, chunkSize } from '../../src/app/send-campaign.ts';
import type { Dispatcher } from '../../src/app/dispatcher.ts';
import { useStoreAndSink } from '../support/store-and-sink.ts';
import { groupConfig, silentLog } from '../support/test-config.ts';
import { findTokens, mintedOn, verifyToken } from '../../src/core/tokens.ts';

const { store, sink, sender } = useStoreAndSink('rem');
const silent = silentLog;
const dispatched: number[] = [];
const dispatcher: Dispatcher = { dispatch: async (_q, id) => void dispatched.push(id), dispatchMany: async (_q, ids) => void dispatched.push(...ids) };
const config = groupConfig('reminders');
const EVENT = new Date('2027-01-28T18:00:00Z');
const at = (iso: string) => ({ now: () => new Date(iso) });


async function tick(iso: string) {
  const deps = { config, store, builder: createEventMailBuilder(config), clock: at(iso), dispatcher };
  const started = await sendDueReminders(deps);
  // What the campaign queue would run: every chunk of each campaign started.
  for (const c of started) {
    for (const first of await store.campaigns.pendingChunks(c.id, chunkSize(config))) {
      await sendCampaignChunk({ config, store, sender, log: silent, clock: at(iso), fill: fillMime }, first);
    }
  }
  return started;
}

describe('reminders', () => {
  it('go out once at J-6 and once at J-1, to the speakers and the active members', { timeout: 120_000 }, async () => {
    const ev = await store.events.create({ date: EVENT, venue: 'Chez Dalibo', title: 'Meetup de janvier' });
    const raw = Buffer.from(`Message-ID: <${randomBytes(6).toString('hex')}@x>\r\nSubject: s\r\n\r\nBonjour.\r\n`);
    const { id } = await store.inbound.saveRaw(raw, { source: 'cli' });
    const draft = { format: 'talk' as const, title: 'Vacuum', abstract: null, durationMinutes: 45, language: 'fr' as const, speakers: [{ name: 'Jeanne', email: 'jeanne@example.fr' }], attachments: [] };
    const ref = (await store.proposals.fileFromMessage(id, draft, 'test')).proposal.ref;
    await store.events.assign(ev.id, ref);
    // A talk proposed in English: its speaker is reminded in English, though the group writes French.
    const { id: id2 } = await store.inbound.saveRaw(Buffer.from(`Message-ID: <${randomBytes(6).toString('hex')}@x>\r\nSubject: s\r\n\r\nHello.\r\n`), { source: 'cli' });
    const ref2 = (await store.proposals.fileFromMessage(id2, { ...draft, title: 'Logical replication', language: 'en', speakers: [{ name: 'Bob', email: 'bob@example.com' }] }, 'test')).proposal.ref;
    await store.events.assign(ev.id, ref2);
    await store.subscribers.upsert([
      { email: 'jean@example.fr', name: 'Jean', language: 'fr', status: 'active', source: 'test' },
      { email: 'alice@example.org', name: 'Alice', language: 'en', status: 'active', source: 'test' },
      { email: 'pending@example.org', status: 'pending', source: 'test' },
      // A speaker who is also a member: the speakers' reminder, once.
      { email: 'jeanne@example.fr', name: 'Jeanne', language: 'fr', status: 'active', source: 'test' },
    ]);

    expect(await tick('2027-01-21T12:00:00Z')).toEqual([]); // J-7
    const j6 = await tick('2027-01-22T19:00:00Z'); // J-6, an hour into its day
    expect(j6.map((c) => c.key)).toEqual([`reminder:E-${ev.id}:J-6`]);
    expect(await tick('2027-01-22T20:00:00Z')).toEqual([]); // a second tick (a restart): nothing new
    expect(await tick('2027-01-25T12:00:00Z')).toEqual([]); // J-3: none due
    const j1 = await tick('2027-01-27T18:30:00Z');
    expect(j1.map((c) => c.key)).toEqual([`reminder:E-${ev.id}:J-1`]);
    expect(await tick('2027-01-27T23:00:00Z')).toEqual([]);
    expect(await tick('2027-01-28T19:00:00Z')).toEqual([]); // the event started

    const per = new Map<string, number>();
    for (const m of sink.messages) per.set(m.envelope.to[0]!, (per.get(m.envelope.to[0]!) ?? 0) + 1);
    expect(Object.fromEntries(per)).toEqual({ 'jean@example.fr': 2, 'alice@example.org': 2, 'jeanne@example.fr': 2, 'bob@example.com': 2 });
    const bob = await simpleParser(sink.messages.find((m) => m.envelope.to[0] === 'bob@example.com')!.raw);
    expect(bob.subject).toMatch(/Reminder/);
    expect(bob.text!.replace(/\s+/g, ' ')).toContain('A reminder: you are giving \u201cLogical replication\u201d at the next meetup');
    const jeanne = await Promise.all(sink.messages.filter((m) => m.envelope.to[0] === 'jeanne@example.fr').map((m) => simpleParser(m.raw)));
    expect(jeanne.map((m) => m.subject)).toEqual(['[Groupe de test] Rappel : Meetup de janvier, dans 6 jours', '[Groupe de test] Rappel : Meetup de janvier, demain']);
    expect(jeanne[0]!.text).toContain('vous présentez');
    const alice = await simpleParser(sink.messages.find((m) => m.envelope.to[0] === 'alice@example.org')!.raw);
    expect(alice.text).toMatch(/^Hello Alice,/);
    expect(alice.text).toContain('Thursday, January 28, 2027 at 7:00 PM');
    for (const c of [...j6, ...j1]) expect(await store.campaigns.get(c.id)).toMatchObject({ status: 'done' });

    // A speaker's copy answers to their reply token for their talk (as the acknowledgement), in Reply-To and the
    // Message-ID; minted on the campaign's day, not the send's (the clock here says 2027): a retry sends the same
    // bytes. A member's copy has none.
    const campaign = (await store.campaigns.get(j6[0]!.id))!;
    const [bobToken, ...more] = findTokens(bob.replyTo?.value[0]?.address ?? '');
    expect(more).toEqual([]);
    expect(bobToken).toMatchObject({ purpose: 'speaker', ref: ref2 });
    expect(verifyToken(config.secret!, bobToken!, 'bob@example.com')).toBe(true);
    expect(mintedOn(bobToken!).toISOString().slice(0, 10)).toBe(campaign.createdAt.toISOString().slice(0, 10));
    expect(bob.messageId).toMatch(new RegExp(`^<${bobToken!.token}\\.`));
    expect(findTokens(jeanne[0]!.replyTo?.value[0]?.address ?? '')).toMatchObject([{ purpose: 'speaker', ref }]);
    expect(alice.replyTo).toBeUndefined();
    expect(findTokens(alice.messageId ?? '')).toEqual([]);
  });

  it('a speaker of two talks at one event gets one reminder per talk, each naming it with its own token, never twice (it was one mail, the first talk\'s token)', { timeout: 120_000 }, async () => {
    const ev = await store.events.create({ date: new Date('2027-05-27T17:00:00Z'), venue: 'Chez Dalibo', title: 'Meetup de mai' });
    const file = async (title: string, speakers: { name: string; email: string }[], language: 'fr' | 'en' = 'fr') => {
      const { id } = await store.inbound.saveRaw(Buffer.from(`Message-ID: <${randomBytes(6).toString('hex')}@x>\r\nSubject: s\r\n\r\nBonjour.\r\n`), { source: 'cli' });
      const ref = (await store.proposals.fileFromMessage(id, { format: 'talk', title, abstract: null, durationMinutes: 20, language, speakers, attachments: [] }, 'test')).proposal.ref;
      await store.events.assign(ev.id, ref);
      return ref;
    };
    const marie = { name: 'Marie', email: 'marie.two@example.fr' };
    const first = await file('Index BRIN en pratique', [marie]);
    const other = await file('Partitionnement', [{ name: 'Paul', email: 'paul.two@example.fr' }]);
    // her second talk, with a co-speaker, proposed in English; her address written otherwise there
    const second = await file('Logical decoding', [{ name: 'Marie', email: 'Marie.Two@example.fr' }, { name: 'Ravi', email: 'ravi.two@example.com' }], 'en');
    await store.subscribers.upsert([{ email: 'marie.two@example.fr', name: 'Marie', language: 'fr', status: 'active', source: 'test' }]);

    const before = sink.messages.length;
    const started = await tick('2027-05-21T19:00:00Z'); // J-6
    expect(started).toHaveLength(1);
    expect(await tick('2027-05-21T20:00:00Z')).toEqual([]); // a second tick: nothing more
    const sent = sink.messages.slice(before);
    const to = async (email: string) => Promise.all(sent.filter((m) => m.envelope.to[0]!.toLowerCase() === email).map((m) => simpleParser(m.raw)));
    const hers = await to('marie.two@example.fr');
    // one per talk, no member copy beside them
    expect(hers).toHaveLength(2);
    const byRef = new Map(hers.map((m) => [findTokens(m.replyTo?.value[0]?.address ?? '')[0]?.ref, m]));
    expect([...byRef.keys()].sort()).toEqual([first, second].sort());
    const flat = (m: { text?: string | false }) => (m.text || '').replace(/\s+/g, ' ');
    expect(flat(byRef.get(first)!)).toContain('vous présentez « Index BRIN en pratique » au prochain meetup');
    expect(flat(byRef.get(second)!)).toContain('A reminder: you are giving \u201cLogical decoding\u201d at the next meetup');
    for (const [ref, m] of byRef) {
      const [token] = findTokens(m.replyTo?.value[0]?.address ?? '');
      expect(token).toMatchObject({ purpose: 'speaker', ref });
      expect(m.messageId).toMatch(new RegExp(`^<${token!.token}\\.`));
    }
    expect(new Set(hers.map((m) => m.messageId)).size).toBe(2);
    // the others: one each, their own talk named
    const ravi = await to('ravi.two@example.com');
    expect(ravi.map((m) => findTokens(m.replyTo?.value[0]?.address ?? '')[0]?.ref)).toEqual([second]);
    const paul = await to('paul.two@example.fr');
    expect(paul.map((m) => findTokens(m.replyTo?.value[0]?.address ?? '')[0]?.ref)).toEqual([other]);
    expect(flat(paul[0]!)).toContain('vous présentez « Partitionnement » au prochain meetup');
    expect(await store.campaigns.get(started[0]!.id)).toMatchObject({ status: 'done' });
    const rows = (await store.outbox.list()).filter((r) => r.recipient.toLowerCase() === 'marie.two@example.fr' && r.purpose === 'reminder');
    expect(rows.map((r) => [r.subjectRef, r.status]).sort()).toEqual([[`E-${ev.id}/J-6`, 'sent'], [`E-${ev.id}/J-6/${second}`, 'sent']]);
  });

  it("reach a speaker who left the roster's mail (unsubscribed, disabled), never a member who left", { timeout: 120_000 }, async () => {
    const ev = await store.events.create({ date: new Date('2027-03-25T18:00:00Z'), venue: 'Chez Dalibo', title: 'Meetup de mars' });
    const draft = { format: 'talk' as const, title: 'Vacuum', abstract: null, durationMinutes: 45, language: 'fr' as const, attachments: [] };
    // Three talks whose speakers are on the roster: unsubscribed from the announcements before, disabled by a hard
    // bounce before, and unsubscribing between the ledger and the send (the roster re-check at transmit time).
    const speakers = ['zoe@example.fr', 'dead@example.fr', 'yann@example.fr'];
    for (const email of speakers) {
      const { id } = await store.inbound.saveRaw(Buffer.from(`Message-ID: <${randomBytes(6).toString('hex')}@x>\r\nSubject: s\r\n\r\nBonjour.\r\n`), { source: 'cli' });
      const ref = (await store.proposals.fileFromMessage(id, { ...draft, title: `Talk ${email}`, speakers: [{ name: email, email }] }, 'test')).proposal.ref;
      await store.events.assign(ev.id, ref);
    }
    const members = ['marc@example.fr', 'lea@example.fr', 'sam@example.fr'];
    await store.subscribers.upsert([...speakers, ...members].map((email) => ({ email, language: 'fr' as const, status: 'active' as const, source: 'test' })));
    const setStatus = async (email: string, to: 'unsubscribed' | 'disabled', cause: string) => store.membership.setStatus((await store.membership.byEmail(email))!.id, to, cause);
    await setStatus('zoe@example.fr', 'unsubscribed', 'one-click https');
    await setStatus('dead@example.fr', 'disabled', 'hard 5.1.1 bounce (test)');
    await setStatus('lea@example.fr', 'unsubscribed', 'one-click https');

    const iso = '2027-03-19T19:00:00Z'; // J-6
    const [c] = await sendDueReminders({ config, store, builder: createEventMailBuilder(config), clock: at(iso), dispatcher });
    // Between the ledger and the send: a speaker and a member (both with rows) unsubscribe.
    await setStatus('yann@example.fr', 'unsubscribed', 'one-click https');
    await setStatus('marc@example.fr', 'unsubscribed', 'one-click https');
    for (const first of await store.campaigns.pendingChunks(c!.id, chunkSize(config))) {
      await sendCampaignChunk({ config, store, sender, log: silent, clock: at(iso), fill: fillMime }, first);
    }

    const to = (email: string) => sink.messages.filter((m) => m.envelope.to[0] === email);
    for (const email of speakers) {
      const got = await Promise.all(to(email).map((m) => simpleParser(m.raw)));
      expect(got.map((m) => m.text?.includes('vous présentez')), email).toEqual([true]);
    }
    expect(members.map((email) => to(email).length)).toEqual([0, 0, 1]);
    const rows = (await store.outbox.list()).filter((r) => r.subjectRef === `E-${ev.id}/J-6` && [...speakers, ...members].includes(r.recipient));
    expect(Object.fromEntries(rows.map((r) => [r.recipient, [r.status, r.lastError]]))).toEqual({
      'zoe@example.fr': ['sent', null],
      'dead@example.fr': ['sent', null],
      'yann@example.fr': ['sent', null],
      'marc@example.fr': ['failed', 'not sent: member unsubscribed'],
      'sam@example.fr': ['sent', null],
    });
    // The member's withheld reminder is no undelivered mail: the organizers' daily summary does not list it.
    const marc = rows.find((r) => r.recipient === 'marc@example.fr')!;
    expect((await store.undelivered.unreported(1000, { refPrefix: 'none:' })).filter((m) => m.id === marc.id)).toEqual([]);
    expect(await store.campaigns.get(c!.id)).toMatchObject({ status: 'done' });
  });
});
