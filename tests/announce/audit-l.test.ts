/**
 * Held-out audit "L" of what crieur sends (announcements, calls, reminders, digests), read as RFCs and mail clients
 * read it. Each block names what was wrong before; the rules are stated generally (any zone, any mail).
 */
import { DateTime } from 'luxon';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { eventIcs, eventsIcs, type IcsEvent } from '../../src/adapters/calendar/ics.ts';
import { createCallMailBuilder } from '../../src/adapters/compose/call.ts';
import { createEventMailBuilder } from '../../src/adapters/compose/announcement.ts';
import { slotValues } from '../../src/core/compose/campaign-slots.ts';
import { configSchema } from '../../src/config/schema.ts';
import type { EventMailInput } from '../../src/app/announce-event.ts';
import { fillMime } from '../../src/adapters/compose/campaign-mime.ts';
import { buildMimeDigest } from '../../src/adapters/render/digest-mime.ts';
import { wrapText } from '../../src/core/render/wrap.ts';
import { announceEvent } from '../../src/app/announce-event.ts';
import { callForProposals } from '../../src/app/call-for-proposals.ts';
import { chunkSize, sendCampaignChunk } from '../../src/app/send-campaign.ts';
import { useStoreAndSink } from '../support/store-and-sink.ts';
import { GENERALE, groupConfig, silentLog } from '../support/test-config.ts';

const OPTS = { timeZone: 'Europe/Paris', domain: 'pgug.example.org', groupName: 'PUG', stamp: new Date('2026-12-01T00:00:00Z') };
const event = (id: number, start: Date, extra: Partial<IcsEvent> = {}): IcsEvent => ({ id, sequence: 0, start, durationMinutes: 150, summary: 'Meetup', description: '', location: 'Paris', url: null, ...extra });
/** The instant a DTSTART;TZID line denotes by RFC 5545 §3.3.5: a repeated local time is its first occurrence. */
function readStart(ics: string, zone: string): number {
  const utc = /^DTSTART:(\d{8}T\d{6})Z\r$/m.exec(ics);
  if (utc) return DateTime.fromFormat(utc[1]!, "yyyyMMdd'T'HHmmss", { zone: 'UTC' }).toMillis();
  const local = /^DTSTART;TZID=([^:]+):(\d{8}T\d{6})\r$/m.exec(ics)!;
  expect(local[1]).toBe(zone);
  const wall = DateTime.fromFormat(local[2]!, "yyyyMMdd'T'HHmmss", { zone: 'UTC' }).toMillis();
  // Every offset the zone uses around that day; the earliest instant showing that wall time.
  const offsets = [-1, 0, 1].map((d) => DateTime.fromMillis(wall + d * 86_400_000, { zone }).offset);
  const hits = offsets.map((o) => wall - o * 60_000).filter((ms) => DateTime.fromMillis(ms, { zone }).toFormat("yyyyMMdd'T'HHmmss") === local[2]);
  return Math.min(...hits);
}

describe('the .ics (RFC 5545)', () => {
  it('ends its last line, END:VCALENDAR, with CRLF like every other content line (the feed too)', () => {
    const one = eventIcs(event(1, new Date('2027-01-21T18:00:00Z')), OPTS);
    const feed = eventsIcs([event(1, new Date('2027-01-21T18:00:00Z')), event(2, new Date('2027-02-18T18:00:00Z'))], OPTS);
    for (const ics of [one, feed]) {
      expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
      expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    }
  });

  it.each([
    // The night clocks go back: 02:30 happens twice; the second (CET) one was written as local 02:30, read as the first.
    ['Europe/Paris', '2026-10-25T01:30:00Z'],
    ['Europe/Paris', '2026-10-25T00:30:00Z'],
    ['Europe/Paris', '2027-10-31T01:59:00Z'],
    ['America/New_York', '2027-11-07T06:30:00Z'],
    ['America/New_York', '2027-11-07T05:30:00Z'],
    ['Australia/Lord_Howe', '2027-04-03T15:15:00Z'],
    // Ordinary times stay local with their TZID.
    ['Europe/Paris', '2027-01-21T18:00:00Z'],
    ['Europe/Paris', '2027-03-28T01:30:00Z'],
  ] as const)('%s %s: DTSTART denotes the event’s own instant', (zone, iso) => {
    const start = new Date(iso);
    const ics = eventIcs(event(3, start), { ...OPTS, timeZone: zone });
    expect(readStart(ics, zone)).toBe(start.getTime());
    // DTEND in the same form as DTSTART, 150 minutes later.
    const utc = /^DTSTART:\d{8}T\d{6}Z\r$/m.test(ics);
    expect(/^DTEND:\d{8}T\d{6}Z\r$/m.test(ics)).toBe(utc);
    if (!utc) expect(ics).toMatch(new RegExp(`^DTSTART;TZID=${zone}:`, 'm'));
  });

  it('in a feed, only the event in the repeated hour is written in UTC', () => {
    const feed = eventsIcs([event(1, new Date('2026-10-25T01:30:00Z')), event(2, new Date('2027-01-21T18:00:00Z'))], OPTS);
    const blocks = feed.split('BEGIN:VEVENT').slice(1);
    expect(blocks[0]).toMatch(/^DTSTART:20261025T013000Z\r$/m);
    expect(blocks[0]).toMatch(/^DTEND:20261025T040000Z\r$/m);
    expect(blocks[1]).toMatch(/^DTSTART;TZID=Europe\/Paris:20270121T190000\r$/m);
  });
});


const { store, sink, sender } = useStoreAndSink('audit_l');
const ENGLISH = { name: 'english', address: 'pgsql-en@lists.example.org', language: 'en' };
const twoLists = groupConfig('audit-l', { lists: [GENERALE, ENGLISH] });
const clock = { now: () => new Date('2026-12-01T10:00:00Z') };
async function sendAll(campaignId: number): Promise<void> {
  for (const first of await store.campaigns.pendingChunks(campaignId, chunkSize(twoLists))) {
    await sendCampaignChunk({ config: twoLists, store, sender, log: silentLog, clock, fill: fillMime }, first);
  }
}
const received = () => {
  const per: Record<string, number> = {};
  for (const m of sink.messages) per[m.envelope.to[0]!] = (per[m.envelope.to[0]!] ?? 0) + 1;
  return per;
};

describe('campaigns over two lists and the roster, scoped by --list', () => {
  it('a call for proposals reaches each list once a month, whether sent to one list first or to all first', { timeout: 120_000 }, async () => {
    await store.subscribers.upsert([{ email: 'jean@example.fr', name: 'Jean', language: 'fr', status: 'active', source: 'test' }]);
    const deps = { config: twoLists, store, builder: createCallMailBuilder(twoLists), clock };
    const before = sink.messages.length;
    const one = await callForProposals(deps, { list: 'generale' });
    await sendAll(one.campaign.id);
    const all = await callForProposals(deps);
    await sendAll(all.campaign.id);
    // Was: generale twice (its own call, then the full one), english twice (the full one, then its own).
    const other = await callForProposals(deps, { list: 'english' });
    await sendAll(other.campaign.id);
    expect([one.added, all.added, other.added]).toEqual([1, 2, 0]);
    const calls = sink.messages.slice(before).map((m) => m.envelope.to[0]!);
    expect(calls.sort()).toEqual(['jean@example.fr', 'pgsql-en@lists.example.org', 'pgsql-fr-generale@lists.example.org']);
    // The campaign that had nobody left to reach is done, not sending for ever.
    expect(await store.campaigns.get(other.campaign.id)).toMatchObject({ status: 'done' });
  });

  it('an announcement to a list that had it already through the full one leaves a done campaign, and sends nothing', { timeout: 120_000 }, async () => {
    const ev = await store.events.create({ date: new Date('2027-01-21T18:00:00Z'), venue: 'Chez Dalibo', title: 'Meetup de janvier' });
    const deps = { config: twoLists, store, builder: createEventMailBuilder(twoLists), clock };
    const first = await announceEvent(deps, ev, { list: 'generale' });
    await sendAll(first.campaign.id);
    const all = await announceEvent(deps, ev);
    await sendAll(all.campaign.id);
    const n = sink.messages.length;
    const again = await announceEvent(deps, ev, { list: 'english' });
    expect(again).toMatchObject({ created: true, added: 0 });
    await sendAll(again.campaign.id);
    expect(sink.messages.length).toBe(n);
    expect(await store.campaigns.get(again.campaign.id)).toMatchObject({ status: 'done' });
    expect(received()['pgsql-en@lists.example.org']).toBe(2); // the call, then the announcement: once each
  });
});

describe('the MIME digest (RFC 2045 §6, RFC 2046 §5.2.1)', () => {
  const digest = (...messages: string[]) =>
    buildMimeDigest({ headers: { from: 'PUG <talks@pgug.example.org>', to: 'jean@example.fr', subject: 'Résumé', date: new Date('2026-12-01T08:00:00Z'), messageId: '<d@pgug.example.org>' }, toc: 'Thèmes du jour', messages: messages.map((m) => Buffer.from(m, 'utf8')) }).toString('utf8');
  /** Each message/rfc822 part's header block, in order. */
  const partHeads = (raw: string) => [...raw.matchAll(/\r\n--dig-[^\r]*\r\n((?:[^\r]+\r\n)*)\r\n/g)].map((m) => m[1]!);
  const eightBit = 'From: =?utf-8?q?Zo=C3=AB?= <zoe@example.pl>\r\nSubject: =?utf-8?q?R=C3=A9plication?=\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nÇa marche, l’été aussi.\r\n';
  const ascii = 'From: jean@example.fr\r\nSubject: Re: Replication\r\n\r\nOK.\r\n';

  it('labels a post kept with 8-bit bytes, and the multiparts holding it, 8bit; an ASCII post keeps the 7bit default', () => {
    const raw = digest(eightBit, ascii);
    expect(raw.split('\r\n\r\n')[0]).toMatch(/^Content-Transfer-Encoding: 8bit$/m);
    expect(raw).toMatch(/Content-Type: multipart\/digest;\r\n boundary="[^"]+"\r\nContent-Transfer-Encoding: 8bit\r\n/);
    const [first, second] = partHeads(raw);
    expect(first).toBe('Content-Type: message/rfc822\r\nContent-Transfer-Encoding: 8bit\r\n');
    expect(second).toBe('Content-Type: message/rfc822\r\n');
    // The post's bytes are untouched.
    expect(raw).toContain(eightBit);
    // The lines the digest writes itself stay within 78 columns (RFC 5322 §2.1.1): here the posts' are short too.
    for (const line of raw.split('\r\n')) expect(line.length, line).toBeLessThanOrEqual(78);
  });

  it('an all-ASCII digest declares nothing', () => {
    expect(digest(ascii)).not.toMatch(/Content-Transfer-Encoding: (8bit|binary)/);
  });

  /**
   * Held-out audit: a post with a line over 998 octets made the digest `binary`, which no relay takes over DATA
   * (RFC 5321 §4.5.3.1.6; binary needs BINARYMIME and BDAT, RFC 3030) and Exim refuses (« lines too long for
   * transport »): the member's digest bounced. The leaf holding such a line is re-encoded quoted-printable, its
   * headers and the post's other parts byte for byte; the post reads the same.
   */
  it('a post with a line over 998 octets: that part re-encoded quoted-printable, no line past 998, nothing binary', async () => {
    const html = `<p>${'é'.repeat(700)}</p>`;
    const multi = [
      'From: news@example.org', 'Subject: Newsletter', 'MIME-Version: 1.0', 'Content-Type: multipart/alternative;', ' boundary="b1"', '',
      '--b1', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', 'Bonjour, l’été.', '',
      '--b1', 'Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', html, '--b1--', '',
    ].join('\r\n');
    const bare = `Subject: x\r\n\r\n${'a'.repeat(1200)}\r\n`;
    const raw = digest(ascii, multi, bare);
    for (const line of raw.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
    expect(raw).not.toMatch(/Content-Transfer-Encoding: binary/);
    expect(partHeads(raw)[1]).toBe('Content-Type: message/rfc822\r\nContent-Transfer-Encoding: 8bit\r\n');
    expect(partHeads(raw)[2]).toBe('Content-Type: message/rfc822\r\n');
    // the text part as it came; the HTML one now quoted-printable, reading the same
    expect(raw).toContain('--b1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nBonjour, l’été.\r\n');
    const posts = raw.split(/\r\n--dig-[^\r]*\r\nContent-Type: message\/rfc822\r\n(?:Content-Transfer-Encoding: \w+\r\n)?\r\n/).slice(1);
    const m = await simpleParser(Buffer.from(posts[1]!, 'utf8'));
    expect(m.html).toBe(html);
    expect(m.text?.trim()).toBe('Bonjour, l’été.');
    const b = await simpleParser(Buffer.from(posts[2]!.split('\r\n--dig-')[0]!, 'utf8'));
    expect(b.text?.trim()).toBe('a'.repeat(1200));
  });

  it('no line the digest encodes begins « From » (an mbox would make it « >From »): the TOC, a re-encoded part', () => {
    const long = `Subject: x\r\n\r\nFrom ${'a'.repeat(1200)}\r\n`;
    const raw = buildMimeDigest({ headers: { from: 'PUG <talks@pgug.example.org>', to: 'jean@example.fr', subject: 'R', date: new Date(0), messageId: '<d@x>' }, toc: 'Thèmes\nFrom the list', messages: [Buffer.from(long)] }).toString('utf8');
    expect(raw.split('\r\n').filter((l) => l.startsWith('From '))).toEqual([]);
    expect(raw).toContain('\r\n=46rom the list');
  });
});

describe('the text part: an abstract’s list (wrapText)', () => {
  it('keeps each item of a dash, bullet or numbered list on its own line, continued under its text', () => {
    const abstract = 'Deuxième paragraphe avec des « guillemets » :\n- point un\n- point deux, assez long pour passer à la ligne suivante du texte\n\nLes étapes :\n1. sauvegarder\n2) restaurer\n• vérifier';
    expect(wrapText(abstract, 40, '    ')).toBe(
      [
        // « stays with its word (tests/render/wrap-french-marks.test.ts)
        '    Deuxième paragraphe avec des',
        '    « guillemets » :',
        '    - point un',
        '    - point deux, assez long pour',
        '      passer à la ligne suivante du',
        '      texte',
        '',
        '    Les étapes :',
        '    1. sauvegarder',
        '    2) restaurer',
        '    • vérifier',
      ].join('\n'),
    );
  });
  it('still re-flows a hard-wrapped paragraph, and an item wrapped by its writer', () => {
    expect(wrapText('Un retour d’expérience sur Patroni\net etcd, en production.\n- un point écrit\n  sur deux lignes', 72)).toBe('Un retour d’expérience sur Patroni et etcd, en production.\n- un point écrit sur deux lignes');
    // A hyphen inside a line, or a dash starting no item (no space after it), is prose.
    expect(wrapText('pg_dump -Fc\n-Fd aussi', 72)).toBe('pg_dump -Fc -Fd aussi');
  });
});

describe('reminders: the speakers’ variant is not roster mail', () => {
  const config = groupConfig('audit-l', { lists: [GENERALE], http: { publicUrl: 'https://pgug.example.org' } });
  const input = (forSpeakers: boolean) => ({
    kind: 'reminder' as const,
    event: { id: 12, sequence: 1, date: new Date('2027-01-21T18:00:00Z'), venue: 'Chez Dalibo', title: 'Meetup de janvier', venueAddress: null, mapUrl: null, registrationUrl: null, capacity: null },
    talks: [{ ref: 'P-0001', format: 'talk' as const, title: 'Vacuum', abstract: null, durationMinutes: 45, speakers: [{ name: 'Zoë', email: 'zoe@example.pl' }] }],
    next: null,
    daysBefore: 6,
    forSpeakers,
    date: new Date('2027-01-15T10:00:00Z'),
    seed: 'audit-l-reminder',
  });
  const mail = async (forSpeakers: boolean, locale: 'fr' | 'en') => {
    const [v] = await createEventMailBuilder(config).build(input(forSpeakers), [{ key: `${forSpeakers ? 'speaker' : 'member'}:${locale}`, locale, to: null }]);
    const values = slotValues({ campaignId: 4, recipient: 'zoe@example.pl', name: 'Zoë', domain: 'pgug.example.org', inbox: 'talks@pgug.example.org', secret: config.secret!, memberId: forSpeakers ? null : 7, publicUrl: 'https://pgug.example.org' });
    const raw = fillMime(v!.mime, values).toString('utf8');
    return { head: raw.split('\r\n\r\n')[0]!.replace(/\r\n[ \t]/g, ' '), text: v!.text };
  };

  it.each(['fr', 'en'] as const)('%s: a speaker is not told they subscribed, nor given List-Id / List-Unsubscribe; members still are', async (locale) => {
    const speaker = await mail(true, locale);
    expect(speaker.text).toMatch(locale === 'fr' ? /vous présentez/ : /you are speaking/);
    expect(speaker.text).not.toMatch(/inscrit|subscribed|désabonner|Unsubscribe/i);
    expect(speaker.head).not.toMatch(/^(List-Id|List-Unsubscribe|List-Unsubscribe-Post|Precedence):/im);
    expect(speaker.head).toMatch(/^Auto-Submitted: auto-generated$/m);
    const member = await mail(false, locale);
    expect(member.text).toMatch(locale === 'fr' ? /inscrit\(e\) aux annonces/ : /subscribed to the announcements/);
    expect(member.head).toMatch(/^List-Id: <members\.pgug\.example\.org>$/m);
    expect(member.head).toMatch(/^List-Unsubscribe: <mailto:/m);
    expect(member.head).toMatch(/^Precedence: bulk$/m);
  });
});

const publicConfig = (publicUrl: string) =>
  configSchema.parse({
    group: { name: 'Groupe d’Utilisateurs PostgreSQL à Paris', locale: 'fr', timezone: 'Europe/Paris' },
    addresses: { proposals: 'talks@pgug.example.org', from: 'PostgreSQL Paris <talks@pgug.example.org>', bounces: 'bounces@pgug.example.org' },
    secret: 'audit-l-secret-0123456789',
    http: { publicUrl },
  });
const announceInput = (over: Partial<EventMailInput> = {}): EventMailInput => ({
  kind: 'announce',
  event: { id: 12, sequence: 1, date: new Date('2027-01-21T18:00:00Z'), venue: 'Chez Dalibo', title: 'Meetup de janvier', venueAddress: null, mapUrl: null, registrationUrl: null, capacity: null },
  talks: [],
  next: null,
  date: new Date('2026-12-01T10:00:00Z'),
  seed: 'audit-l',
  ...over,
});
const member = (memberId: number, recipient: string, publicUrl: string) =>
  slotValues({ campaignId: 3, recipient, name: 'Jean', domain: 'pgug.example.org', inbox: 'talks@pgug.example.org', secret: 'audit-l-secret-0123456789', memberId, publicUrl });

describe('roster mail headers (RFC 5322 §2.1.1)', () => {
  it.each(['https://pgug.example.org', 'https://paris.postgresql-user-group.example.org/crieur/'])('List-Unsubscribe is folded within 78 columns and unfolds to both links (%s)', async (publicUrl) => {
    const [v] = await createEventMailBuilder(publicConfig(publicUrl)).build(announceInput(), [{ key: 'member:fr', locale: 'fr', to: null }]);
    const values = member(123456, 'jean-remi.dupont-de-la-tour@example.fr', publicUrl);
    const raw = fillMime(v!.mime, values);
    const head = raw.toString('utf8').split('\r\n\r\n')[0]!;
    // Within 78 columns, or a lone word that cannot be folded (a long link).
    for (const line of head.split('\r\n')) if (line.length > 78) expect(line, line).toMatch(/^[ \t]\S+$/);
    const unfolded = head.replace(/\r\n[ \t]/g, ' ');
    expect(unfolded).toContain(`\r\nList-Unsubscribe: ${values.listUnsubscribe}\r\n`);
    const parsed = await simpleParser(raw);
    expect(parsed.headerLines.find((h) => h.key === 'list-unsubscribe')?.line.replace(/\r\n[ \t]/g, ' ')).toBe(`List-Unsubscribe: ${values.listUnsubscribe}`);
    expect(parsed.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
  });
});

describe('the text part\'s unsubscribe line, once a member\'s link is filled in', () => {
  // The text is wrapped at 72 with the link's slot in place; filled, « Se désabonner : <https://…/unsubscribe/…> »
  // was a line of 90 to 130 columns. Each line fits now, a link longer than a line alone on its own, whole.
  const fits = (text: string, link: string) => {
    for (const line of text.split('\n')) if ([...line].length > 72) expect(line, line).toMatch(/^<\S+>$/);
    expect(text).toContain(`<${link}>`);
    expect(text).not.toMatch(/\u0001/);
  };
  const digestConfig = (publicUrl: string) => ({ ...publicConfig(publicUrl), lists: [{ ...GENERALE }] });

  it.each([
    ['a long https link', 'https://paris.postgresql-user-group.example.org/crieur/', 'jean@example.fr'],
    ['a mailto with a long address (no public page)', '', 'jean-remi.dupont-de-la-tour@example.fr'],
  ])('announcement, call and digest to a member (%s)', async (_name, publicUrl, recipient) => {
    const config = publicUrl ? publicConfig(publicUrl) : configSchema.parse({ ...publicConfig('https://x.example.org'), http: {} });
    const values = slotValues({ campaignId: 3, recipient, name: 'Jean', domain: 'pgug.example.org', inbox: 'talks@pgug.example.org', secret: 'audit-l-secret-0123456789', memberId: 123456, publicUrl: publicUrl || undefined });
    expect(`Se désabonner : <${values.unsubscribe}>`.length).toBeGreaterThan(72);
    const [announce] = await createEventMailBuilder(config).build(announceInput(), [{ key: 'member:fr', locale: 'fr', to: null }]);
    const [call] = await createCallMailBuilder(config).build({ meetups: [], date: new Date('2026-12-01T10:00:00Z'), seed: 'audit-l' }, [{ key: 'member:en', locale: 'en', to: null }]);
    for (const v of [announce!, call!]) {
      const parsed = await simpleParser(fillMime(v.mime, values));
      fits(parsed.text!, values.unsubscribe);
      expect(parsed.text).toMatch(v === announce ? /\nSe désabonner :\n</ : /\nUnsubscribe:\n</);
    }
    const { createDigestComposer } = await import('../../src/adapters/compose/digest-mail.ts');
    const { buildDigest } = await import('../../src/core/digest/build.ts');
    const { lastPeriod } = await import('../../src/core/digest/period.ts');
    const period = lastPeriod(new Date('2026-11-30T09:00:00Z'), 'daily', { hour: 8, weeklyDay: 1, timezone: 'Europe/Paris' });
    const post = { inboundId: 1, messageId: '<m1@x>', references: [], subject: 'Apéro', fromName: 'Jean', fromEmail: 'jean@example.fr', sentAt: new Date(period.to.getTime() - 3_600_000), receivedAt: new Date(period.to.getTime() - 3_600_000), body: 'Qui vient ?', archivedAt: null, listArchive: null, threadId: 1 };
    const digest = buildDigest({ list: { name: 'generale', address: GENERALE.address }, period, posts: [post], context: [post], threads: [{ id: 1, subject: post.subject, startedAt: post.sentAt }], excerptChars: 200 })!;
    const composer = createDigestComposer(configSchema.parse(publicUrl ? digestConfig(publicUrl) : { ...digestConfig('https://x.example.org'), http: {} }));
    const mine = composer.forMember(await composer.render(digest, 'fr', { members: true }), { email: recipient, memberId: 123456 });
    fits(mine.text, values.unsubscribe);
  });
});
