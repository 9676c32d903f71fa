/**
 * The standalone call for proposals (issue 8), on PostgreSQL and a real SMTP listener: the lists and every active
 * member get it once, in their language, with the proposals address, what a proposal should say, and the next
 * meetups with their free slots (a full programme is not offered); calling again the same month sends nothing new
 * (a member who joined since gets it), `force` sends a call of its own, and the next month is a new call. The text
 * part stays within 72 columns; the HTML escapes what organizers typed.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { createCallMailBuilder } from '../../src/adapters/compose/call.ts';
import { fillMime } from '../../src/adapters/compose/campaign-mime.ts';
import { callForProposals } from '../../src/app/call-for-proposals.ts';
import { chunkSize, sendCampaignChunk } from '../../src/app/send-campaign.ts';
import { useStoreAndSink } from '../support/store-and-sink.ts';
import { GENERALE, groupConfig, silentLog } from '../support/test-config.ts';

const { store, sink, sender } = useStoreAndSink('call');
const silent = silentLog;
const config = groupConfig('call', { lists: [GENERALE] });


async function call(iso: string, opts: { force?: boolean } = {}) {
  const clock = { now: () => new Date(iso) };
  const c = await callForProposals({ config, store, builder: createCallMailBuilder(config), clock }, opts);
  for (const first of await store.campaigns.pendingChunks(c.campaign.id, chunkSize(config))) {
    await sendCampaignChunk({ config, store, sender, log: silent, clock, fill: fillMime }, first);
  }
  return c;
}

async function schedule(eventId: number, format: 'talk' | 'lightning') {
  const { id } = await store.inbound.saveRaw(Buffer.from(`Message-ID: <${randomBytes(6).toString('hex')}@x>\r\nSubject: s\r\n\r\nx\r\n`), { source: 'cli' });
  const draft = { format, title: `Sujet ${format}`, abstract: null, durationMinutes: format === 'talk' ? 45 : 5, language: 'fr' as const, speakers: [{ name: 'Jeanne', email: 'jeanne@example.fr' }], attachments: [] };
  await store.events.assign(eventId, (await store.proposals.fileFromMessage(id, draft, 'test')).proposal.ref);
}

const count = () => {
  const per = new Map<string, number>();
  for (const m of sink.messages) per.set(m.envelope.to[0]!, (per.get(m.envelope.to[0]!) ?? 0) + 1);
  return Object.fromEntries(per);
};

describe('the call for proposals', () => {
  it('goes once a month to the lists and members, with the next meetups and their free slots', { timeout: 120_000 }, async () => {
    const past = await store.events.create({ date: new Date('2026-11-20T18:00:00Z'), venue: 'Passé' });
    const feb = await store.events.create({ date: new Date('2027-02-04T18:00:00Z'), venue: 'Chez <Dalibo> & co', title: 'Meetup de février' });
    const mar = await store.events.create({ date: new Date('2027-03-18T18:00:00Z'), venue: 'Complet' });
    await store.events.create({ date: new Date('2027-04-29T17:00:00Z'), venue: 'Chez Data Bene' });
    await schedule(feb.id, 'talk');
    await schedule(feb.id, 'lightning');
    for (const f of ['talk', 'lightning', 'lightning', 'lightning'] as const) await schedule(mar.id, f);
    await store.subscribers.upsert([
      { email: 'jean@example.fr', name: 'Jean', language: 'fr', status: 'active', source: 'test' },
      { email: 'alice@example.org', name: 'Alice', language: 'en', status: 'active', source: 'test' },
      { email: 'left@example.org', name: 'Left', language: 'fr', status: 'unsubscribed', source: 'test' },
    ]);

    const first = await call('2026-12-01T10:00:00Z');
    expect(first).toMatchObject({ created: true, added: 3, period: '2026-12', campaign: { kind: 'call', key: 'call:2026-12' } });
    expect(count()).toEqual({ 'pgsql-fr-generale@lists.example.org': 1, 'jean@example.fr': 1, 'alice@example.org': 1 });

    const jean = await simpleParser(sink.messages.find((m) => m.envelope.to[0] === 'jean@example.fr')!.raw);
    expect(jean.subject).toBe('[Groupe de test] Appel à présentations');
    expect(jean.replyTo?.text).toBe('talks@pgug.example.org');
    const text = jean.text!;
    expect(text).toMatch(/^Bonjour Jean,/);
    expect(text).toContain('talks@pgug.example.org');
    expect(text).toContain('jeudi 4 février 2027 à 19h00 — Meetup de février');
    expect(text).toContain('Libre : 2 présentations éclair (5 min)');
    expect(text).toContain('jeudi 29 avril 2027 à 19h00');
    expect(text).toMatch(/Libre : la présentation principale \(45 min\) et 3 présentations éclair\s+\(5 min\)/);
    expect(text).not.toContain('Complet'); // a full programme is not offered
    expect(text).not.toContain('Passé');
    expect(text).toContain('un résumé de quelques lignes');
    // Wrapped at 72, but a link is never broken (the footer's unsubscribe address, filled per recipient).
    for (const line of text.split('\n').filter((l) => !/<(mailto|https?):/.test(l))) expect(line.length, line).toBeLessThanOrEqual(72);
    expect(jean.html).toContain('Chez &lt;Dalibo&gt; &amp; co');
    expect(jean.html).not.toContain('<Dalibo>');
    expect(jean.attachments).toEqual([]);
    const alice = await simpleParser(sink.messages.find((m) => m.envelope.to[0] === 'alice@example.org')!.raw);
    expect(alice.subject).toBe('[Groupe de test] Call for proposals');
    expect(alice.text).toContain('Free: 2 lightning talks (5 min)');
    const list = await simpleParser(sink.messages.find((m) => m.envelope.to[0] === 'pgsql-fr-generale@lists.example.org')!.raw);
    expect(list.text).not.toMatch(/^Bonjour/);
    expect(list.headers.get('list-id')).toBeUndefined();

    // Again this month: nothing new; a member who joined since gets it, and only them.
    expect(await call('2026-12-15T10:00:00Z')).toMatchObject({ created: false, added: 0, campaign: { id: first.campaign.id } });
    await store.subscribers.upsert([{ email: 'zoe@example.fr', name: 'Zoé', language: 'fr', status: 'active', source: 'test' }]);
    expect(await call('2026-12-31T22:30:00Z')).toMatchObject({ created: false, added: 1, period: '2026-12' }); // 23:30 in Paris
    expect(count()).toEqual({ 'pgsql-fr-generale@lists.example.org': 1, 'jean@example.fr': 1, 'alice@example.org': 1, 'zoe@example.fr': 1 });

    // Forced: a call of its own, to everyone; the next (local) month: a new call.
    expect(await call('2026-12-20T10:00:00Z', { force: true })).toMatchObject({ created: true, added: 4 });
    expect(await call('2026-12-31T23:30:00Z')).toMatchObject({ created: true, added: 4, period: '2027-01' }); // 00:30 in Paris
    expect(count()).toEqual({ 'pgsql-fr-generale@lists.example.org': 3, 'jean@example.fr': 3, 'alice@example.org': 3, 'zoe@example.fr': 3 });
    expect(past.id).toBeGreaterThan(0);
  });
});
