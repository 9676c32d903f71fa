/**
 * An announced event that changes (issue 8): `announce` again after `events update` (or a programme change) sends an
 * update — « Mise à jour » / "Updated" — to everyone who had the announcement, with the .ics under the same UID
 * and a higher SEQUENCE (calendars replace the entry); announcing again when nothing changed sends nothing new,
 * before and after the update. PostgreSQL and a real SMTP listener (the SQL on both engines:
 * tests/store/announce.test.ts).
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { createEventMailBuilder } from '../../src/adapters/compose/announcement.ts';
import { fillMime } from '../../src/adapters/compose/campaign-mime.ts';
import { announceEvent } from '../../src/app/announce-event.ts';
import { chunkSize, sendCampaignChunk } from '../../src/app/send-campaign.ts';
import type { EventRecord } from '../../src/app/event-store.ts';
import { useStoreAndSink } from '../support/store-and-sink.ts';
import { GENERALE, groupConfig, silentLog } from '../support/test-config.ts';

const { store, sink, sender } = useStoreAndSink('upd');
const silent = silentLog;
const config = groupConfig('update', { lists: [GENERALE] });
const clock = { now: () => new Date('2026-12-01T10:00:00Z') };


/** `crieur announce EVENT` without the CLI: the campaign, then every chunk sent as the campaign queue would. */
async function announce(ev: EventRecord, opts: { list?: string } = {}) {
  const a = await announceEvent({ config, store, builder: createEventMailBuilder(config), clock }, (await store.events.get(ev.id))!, opts);
  for (const first of await store.campaigns.pendingChunks(a.campaign.id, chunkSize(config))) {
    await sendCampaignChunk({ config, store, sender, log: silent, clock, fill: fillMime }, first);
  }
  return a;
}

const mailsTo = (to: string) => Promise.all(sink.messages.filter((m) => m.envelope.to[0] === to).map((m) => simpleParser(m.raw)));
const icsOf = (m: Awaited<ReturnType<typeof simpleParser>>) => m.attachments.find((x) => x.contentType === 'text/calendar')!.content.toString('utf8');

describe('an announced event that changes', () => {
  it('sends an update with the same UID and a higher SEQUENCE to everyone who had it; nothing new otherwise', { timeout: 120_000 }, async () => {
    const ev = await store.events.create({ date: new Date('2027-01-28T18:00:00Z'), venue: 'Chez Dalibo', title: 'Meetup de janvier' });
    const { id } = await store.inbound.saveRaw(Buffer.from(`Message-ID: <${randomBytes(6).toString('hex')}@x>\r\nSubject: s\r\n\r\nx\r\n`), { source: 'cli' });
    const draft = { format: 'talk' as const, title: 'Vacuum', abstract: null, durationMinutes: 45, language: 'fr' as const, speakers: [{ name: 'Jeanne', email: 'jeanne@example.fr' }], attachments: [] };
    await store.events.assign(ev.id, (await store.proposals.fileFromMessage(id, draft, 'test')).proposal.ref);
    await store.subscribers.upsert([
      { email: 'jean@example.fr', name: 'Jean', language: 'fr', status: 'active', source: 'test' },
      { email: 'alice@example.org', name: 'Alice', language: 'en', status: 'active', source: 'test' },
    ]);
    const everyone = ['pgsql-fr-generale@lists.example.org', 'jean@example.fr', 'alice@example.org'];

    const first = await announce(ev);
    expect(first).toMatchObject({ created: true, added: 3, update: false });
    expect(await announce(ev)).toMatchObject({ created: false, added: 0, update: false });
    const [jean1] = await mailsTo('jean@example.fr');
    expect(jean1!.subject).toBe('[Groupe de test] Meetup de janvier, jeudi 28 janvier 2027 à 19h00');
    const seq1 = Number(/SEQUENCE:(\d+)/.exec(icsOf(jean1!))![1]);

    // Saying the same thing again is no change: no SEQUENCE bump, nothing new.
    expect(await store.events.update(ev.id, { venue: 'Chez Dalibo' })).toMatchObject({ changed: false, event: { sequence: ev.sequence + 1 } });
    expect(await announce(ev)).toMatchObject({ created: false, added: 0, update: false });

    const moved = await store.events.update(ev.id, { venue: 'Chez Data Bene', date: new Date('2027-02-04T18:00:00Z') });
    expect(moved).toMatchObject({ changed: true });
    const upd = await announce(ev);
    expect(upd).toMatchObject({ created: true, added: 3, update: true });
    expect(upd.campaign.key).toBe(`announce:E-${ev.id}:S${moved!.event.sequence}`);
    // Again: the update is made once too; a member who joins now gets the event as it stands — as a first
    // announcement, not « Mise à jour » of a version she never had (same UID, the update's SEQUENCE).
    expect(await announce(ev)).toMatchObject({ created: false, added: 0, update: true });
    await store.subscribers.upsert([{ email: 'zoe@example.fr', name: 'Zoé', language: 'fr', status: 'active', source: 'test' }]);
    expect(await announce(ev)).toMatchObject({ campaign: { id: upd.campaign.id }, added: 1, update: true });

    const per = new Map<string, number>();
    for (const m of sink.messages) per.set(m.envelope.to[0]!, (per.get(m.envelope.to[0]!) ?? 0) + 1);
    expect(Object.fromEntries(per)).toEqual({ ...Object.fromEntries(everyone.map((r) => [r, 2])), 'zoe@example.fr': 1 });

    const [, jean2] = await mailsTo('jean@example.fr');
    expect(jean2!.subject).toBe('[Groupe de test] Mise à jour : Meetup de janvier, jeudi 4 février 2027 à 19h00');
    expect(jean2!.text).toMatch(/^MISE À JOUR — /);
    expect(jean2!.html).toContain('Mise à jour');
    expect(jean2!.messageId).not.toBe(jean1!.messageId);
    const ics1 = icsOf(jean1!);
    const ics2 = icsOf(jean2!);
    expect(/UID:(.*)/.exec(ics2)![1]).toBe(/UID:(.*)/.exec(ics1)![1]);
    expect(Number(/SEQUENCE:(\d+)/.exec(ics2)![1])).toBeGreaterThan(seq1);
    expect(ics2).toContain('DTSTART;TZID=Europe/Paris:20270204T190000');
    expect(ics2).toContain('Chez Data Bene');
    const [, alice2] = await mailsTo('alice@example.org');
    expect(alice2!.subject).toMatch(/^\[Groupe de test\] Updated: Meetup de janvier, Thursday, February 4, 2027/);
    const [, list2] = await mailsTo('pgsql-fr-generale@lists.example.org');
    expect(list2!.subject).toMatch(/^\[Groupe de test\] Mise à jour : /);
    const [zoe] = await mailsTo('zoe@example.fr');
    expect(zoe!.subject).toBe('[Groupe de test] Meetup de janvier, jeudi 4 février 2027 à 19h00');
    expect(zoe!.text).not.toMatch(/MISE À JOUR|Ce qui a changé/);
    expect(zoe!.html).not.toContain('Mise à jour');
    expect(icsOf(zoe!)).toContain(`SEQUENCE:${/SEQUENCE:(\d+)/.exec(ics2)![1]}`);

    // A programme change is a change too: the next announce is a second update, to the four who had a version —
    // Zoé, who had the event first through the update, gets this one as an update.
    const { id: id2 } = await store.inbound.saveRaw(Buffer.from(`Message-ID: <${randomBytes(6).toString('hex')}@x>\r\nSubject: s\r\n\r\nx\r\n`), { source: 'cli' });
    await store.events.assign(ev.id, (await store.proposals.fileFromMessage(id2, { ...draft, format: 'lightning', title: 'pg_stat_io', durationMinutes: 5 }, 'test')).proposal.ref);
    expect(await announce(ev)).toMatchObject({ created: true, added: 4, update: true });
    expect(sink.messages).toHaveLength(11);
    const [, zoe2] = await mailsTo('zoe@example.fr');
    expect(zoe2!.subject).toMatch(/^\[Groupe de test\] Mise à jour : /);
  });

  it('across scopes: a list announced alone gets the update through the full announcement, and nothing more', { timeout: 120_000 }, async () => {
    const ev = await store.events.create({ date: new Date('2027-03-11T18:00:00Z'), venue: 'Chez Dalibo', title: 'Meetup de mars' });
    const before = sink.messages.length;
    expect(await announce(ev, { list: 'generale' })).toMatchObject({ created: true, added: 1, update: false });
    const moved = await store.events.update(ev.id, { venue: 'Chez Data Bene' });
    const upd = await announce(ev);
    // The list (from the list's own campaign) and the three active members.
    expect(upd).toMatchObject({ created: true, added: 4, update: true, campaign: { key: `announce:E-${ev.id}:S${moved!.event.sequence}` } });
    expect(await announce(ev, { list: 'generale' })).toMatchObject({ created: true, added: 0, update: true, campaign: { key: `announce:E-${ev.id}:generale:S${moved!.event.sequence}` } });
    const per = new Map<string, number>();
    for (const m of sink.messages.slice(before)) per.set(m.envelope.to[0]!, (per.get(m.envelope.to[0]!) ?? 0) + 1);
    expect(Object.fromEntries(per)).toEqual({ 'pgsql-fr-generale@lists.example.org': 2, 'jean@example.fr': 1, 'alice@example.org': 1, 'zoe@example.fr': 1 });
    const list = await Promise.all(sink.messages.slice(before).filter((m) => m.envelope.to[0] === 'pgsql-fr-generale@lists.example.org').map((m) => simpleParser(m.raw)));
    expect(list.map((m) => m.subject)).toEqual(['[Groupe de test] Meetup de mars, jeudi 11 mars 2027 à 19h00', '[Groupe de test] Mise à jour : Meetup de mars, jeudi 11 mars 2027 à 19h00']);
  });

  it('while the first announcement is still sending: those it has not reached get only the event as it stands, once', { timeout: 120_000 }, async () => {
    const ev = await store.events.create({ date: new Date('2027-04-08T17:00:00Z'), venue: 'Chez Dalibo', title: "Meetup d'avril" });
    const before = sink.messages.length;
    // Announced, then nothing sent yet (rate-limited, or paused) when the event moves.
    const deps = { config, store, builder: createEventMailBuilder(config), clock };
    const first = await announceEvent(deps, (await store.events.get(ev.id))!);
    expect(first).toMatchObject({ created: true, added: 4, update: false });
    const moved = await store.events.update(ev.id, { venue: 'Chez Data Bene' });
    const upd = await announceEvent(deps, (await store.events.get(ev.id))!);
    // Every member gets it; nobody had the first version: it is their first announcement (no « Mise à jour »).
    expect(upd).toMatchObject({ created: true, added: 4, update: true });
    // Then the campaign queue sends what both campaigns still have.
    for (const c of [first.campaign.id, upd.campaign.id]) {
      for (const start of await store.campaigns.pendingChunks(c, chunkSize(config))) await sendCampaignChunk({ config, store, sender, log: silent, clock, fill: fillMime }, start);
    }
    const got = await Promise.all(sink.messages.slice(before).map((m) => simpleParser(m.raw)));
    expect(got).toHaveLength(4);
    for (const m of got) expect(m.subject).toMatch(/^\[Groupe de test\] Meetup d'avril/);
    for (const m of got) expect(icsOf(m)).toContain(`SEQUENCE:${moved!.event.sequence}`);
    expect(await store.campaigns.counts(first.campaign.id)).toMatchObject({ total: 4, sent: 0, queued: 0 });
    const stale = (await store.outbox.list({ status: 'failed' })).filter((r) => r.subjectRef === `E-${ev.id}`);
    expect(stale.map((r) => r.lastError)).toEqual(Array(4).fill(`superseded by SEQUENCE ${moved!.event.sequence}`));
    // Not undelivered mail: the organizers' daily summary does not list them.
    const unreported = await store.undelivered.unreported(100, { refPrefix: 'none:' });
    expect(unreported.filter((m) => stale.some((r) => r.id === m.id))).toEqual([]);
  });

  it('a programme moved away and back changes nothing visible: no update', { timeout: 120_000 }, async () => {
    const ev = await store.events.create({ date: new Date('2027-05-06T17:00:00Z'), venue: 'Chez Dalibo', title: 'Meetup de mai' });
    const first = await announce(ev);
    expect(first).toMatchObject({ created: true, update: false });
    const before = sink.messages.length;
    const { id } = await store.inbound.saveRaw(Buffer.from(`Message-ID: <${randomBytes(6).toString('hex')}@x>\r\nSubject: s\r\n\r\nx\r\n`), { source: 'cli' });
    const draft = { format: 'talk' as const, title: 'Index BRIN', abstract: null, durationMinutes: 30, language: 'fr' as const, speakers: [{ name: 'Léa', email: 'lea@example.fr' }], attachments: [] };
    const { ref } = (await store.proposals.fileFromMessage(id, draft, 'test')).proposal;
    await store.events.assign(ev.id, ref);
    await store.events.unassign(ref);
    expect((await store.events.get(ev.id))!.sequence).toBeGreaterThan(ev.sequence);
    expect(await announce(ev)).toMatchObject({ campaign: { id: first.campaign.id }, created: false, added: 0, update: false });
    expect(sink.messages.length).toBe(before);
    // A visible change after that is an update again.
    await store.events.assign(ev.id, ref);
    expect(await announce(ev)).toMatchObject({ created: true, update: true });
    expect(sink.messages.length).toBeGreaterThan(before);
  });

  it('an update says what changed since the version its readers had (« Ce qui a changé »): talks added, taken off, moved; the day — text and HTML, escaped', { timeout: 120_000 }, async () => {
    const ev = await store.events.create({ date: new Date('2027-06-10T17:00:00Z'), venue: 'Chez Dalibo', title: 'Meetup de juin' });
    const file = async (title: string, name: string, format: 'talk' | 'lightning' = 'talk') => {
      const { id } = await store.inbound.saveRaw(Buffer.from(`Message-ID: <${randomBytes(6).toString('hex')}@x>\r\nSubject: s\r\n\r\nx\r\n`), { source: 'cli' });
      const draft = { format, title, abstract: null, durationMinutes: format === 'talk' ? 45 : 5, language: 'fr' as const, speakers: [{ name, email: `${name.toLowerCase()}@example.fr` }], attachments: [] };
      return (await store.proposals.fileFromMessage(id, draft, 'test')).proposal.ref;
    };
    const vacuum = await file('VACUUM <sans> peur', 'Léa');
    const [a, b, c] = [await file('pg_cron', 'Omar', 'lightning'), await file('pgBadger', 'Ines', 'lightning'), await file('pg_repack', 'Yann', 'lightning')];
    for (const ref of [vacuum, a, b, c]) await store.events.assign(ev.id, ref);
    await announce(ev);
    const before = sink.messages.length;
    // Taken off, added, pgBadger moved after pg_repack, and the day moved.
    await store.events.unassign(a);
    await store.events.unassign(b);
    await store.events.assign(ev.id, b);
    await store.events.assign(ev.id, await file('Index & BRIN', 'Zoé', 'lightning'));
    await store.events.update(ev.id, { date: new Date('2027-06-17T17:00:00Z') });
    expect(await announce(ev)).toMatchObject({ created: true, update: true });
    const got = await Promise.all(sink.messages.slice(before).map((m) => simpleParser(m.raw)));
    const jean = got.find((m) => m.to && JSON.stringify(m.to).includes('jean@example.fr'))!;
    const block = /Ce qui a changé :\n([\s\S]*?)\n\n/.exec(jean.text!)![1]!.replace(/\u00a0/g, ' ');
    expect(block.split('\n')).toEqual([
      '  - Date : jeudi 10 juin 2027 à 19h00 → jeudi 17 juin 2027 à 19h00',
      '  - Ajouté au programme : « Index & BRIN » (Zoé)',
      '  - Retiré du programme : « pg_cron » (Omar)',
      '  - Nouvel ordre de passage : « VACUUM <sans> peur », « pg_repack »,',
      '    « pgBadger », « Index & BRIN »',
    ]);
    const html = String(jean.html).replace(/&nbsp;|\u00a0/g, ' ');
    expect(html).toContain('<li>Ajouté au programme : « Index &amp; BRIN » (Zoé)</li>');
    expect(html).toContain('<li>Nouvel ordre de passage : « VACUUM &lt;sans&gt; peur », « pg_repack »');
    const alice = got.find((m) => m.to && JSON.stringify(m.to).includes('alice@example.org'))!;
    expect(alice.text).toContain('What changed:\n  - Date: Thursday, June 10, 2027');
    expect(alice.text).toContain('  - Taken off the programme: "pg_cron" (Omar)');
  });
  it('an update goes to nobody who left since the announcement: no row, nothing « failed », nothing in the undelivered summary', { timeout: 120_000 }, async () => {
    const ev = await store.events.create({ date: new Date('2027-09-09T17:00:00Z'), venue: 'Chez Dalibo', title: 'Meetup de septembre' });
    await store.subscribers.upsert([{ email: 'leaving@example.fr', name: 'Léa', language: 'fr', status: 'active', source: 'test' }]);
    const before = sink.messages.length;
    const first = await announce(ev);
    // everyone but her: the list and the members still active
    const stay = first.added - 1;
    expect(sink.messages.slice(before).some((m) => m.envelope.to[0] === 'leaving@example.fr')).toBe(true);
    expect(await store.subscribers.remove('leaving@example.fr')).toBe(true);
    await store.events.update(ev.id, { venue: 'Chez Data Bene' });
    const upd = await announce(ev);
    // not the one who unsubscribed, though an earlier version reached her
    expect(upd).toMatchObject({ created: true, added: stay, update: true });
    expect(await store.campaigns.counts(upd.campaign.id)).toMatchObject({ total: stay, sent: stay, failed: 0 });
    expect(sink.messages.slice(before).filter((m) => m.envelope.to[0] === 'leaving@example.fr')).toHaveLength(1);
    const unreported = await store.undelivered.unreported(100, { refPrefix: 'none:' });
    expect(unreported.filter((m) => m.recipient === 'leaving@example.fr')).toEqual([]);
  });
});
