/**
 * A speaker's name, a title or a venue carrying a direction override (U+202E, as in « علي العلي ‮ evil », a display
 * name that came in a proposal's From) must not reorder crieur's own words set after it on the same line: the
 * announcement showed « setunim 5 — live » for « evil — 5 minutes » in Chromium and in a text reader, and the
 * override ran on through the Subject's date, the .ics description and the member's greeting. Every line that opens
 * an override closes it (PDF) where the user's value ends; the HTML isolates the names in <bdi>, as the public pages do.
 */
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.ts';
import { createEventMailBuilder } from '../../src/adapters/compose/announcement.ts';
import { slotValues } from '../../src/core/compose/campaign-slots.ts';
import { closeBidi } from '../../src/core/text/bidi.ts';
import { simpleParser } from 'mailparser';
import { ackData, noticeData } from '../../src/core/render/data.ts';
import { renderAck, renderOrganizerNotice } from '../../src/adapters/render/messages.ts';
import { changeLines } from '../../src/core/render/announce-data.ts';
import { organizerDigestData } from '../../src/core/digest/organizers.ts';
import { buildDigest } from '../../src/core/digest/build.ts';
import { decisionData } from '../../src/core/render/command-data.ts';
import { composeMessage } from '../../src/core/compose/message.ts';
import { buildRaw } from '../../src/adapters/smtp/build-raw.ts';

const RLO = '\u202e';
const PDF = '\u202c';
const config = configSchema.parse({
  group: { name: 'Groupe d’Utilisateurs PostgreSQL à Paris', locale: 'fr', timezone: 'Europe/Paris' },
  addresses: { proposals: 'talks@pgug.example.org', from: 'PostgreSQL Paris <talks@pgug.example.org>' },
});

const input = (kind: 'announce' | 'reminder', forSpeakers = false) => ({
  kind,
  forSpeakers,
  daysBefore: kind === 'reminder' ? 1 : undefined,
  event: { id: 3, sequence: 1, date: new Date('2027-01-28T18:00:00Z'), venue: `Salle ${RLO}Nord`, title: `Soirée ${RLO}RTL`, venueAddress: '12 rue de Paris', mapUrl: 'https://osm.example/x', registrationUrl: null, capacity: null },
  talks: [
    { ref: 'P-0001', format: 'talk' as const, title: `Partitionnement ${RLO}abc`, abstract: `Ligne ${RLO}un\nLigne deux`, durationMinutes: 40, speakers: [{ name: `علي العلي ${RLO} evil`, email: 'ali@example.com' }] },
    { ref: 'P-0002', format: 'lightning' as const, title: 'pg_stat_statements', abstract: null, durationMinutes: 5, speakers: [{ name: `Zoé ${RLO}x`, email: 'z@example.fr' }] },
  ],
  next: null,
  date: new Date('2026-11-30T10:00:00Z'),
  seed: 'bidi',
});

/** An override left open on a line: more RLO/LRO/RLE/LRE than PDF after them (the test's own count, not closeBidi). */
function openOverrides(line: string): number {
  let open = 0;
  for (const c of line) {
    if ('\u202a\u202b\u202d\u202e'.includes(c)) open++;
    else if (c === PDF && open > 0) open--;
  }
  return open;
}
const unclosed = (s: string) => s.split(/\r?\n/).filter((l) => openOverrides(l) > 0);

describe('direction overrides in user text end with it', () => {
  it.each([
    ['announce', false],
    ['reminder', false],
    ['reminder', true],
  ] as const)('%s (speakers: %s): subject, text, HTML and .ics close each override on its line', async (kind, forSpeakers) => {
    const specs = [
      { key: 'member:fr', locale: 'fr' as const, to: null },
      { key: 'member:en', locale: 'en' as const, to: null },
      { key: 'list:generale', locale: 'fr' as const, to: 'pgsql-fr-generale@lists.postgresql.example' },
    ];
    const built = await createEventMailBuilder(config).build(input(kind, forSpeakers), specs);
    for (const b of built) {
      expect(unclosed(b.subject), `${b.key} subject`).toEqual([]);
      expect(unclosed(b.text), `${b.key} text`).toEqual([]);
      expect(unclosed(b.html), `${b.key} html`).toEqual([]);
      if (b.ics) expect(unclosed(b.ics.replace(/\r\n[ \t]/g, '')), `${b.key} ics`).toEqual([]);
      // the name's override ends before our words, which keep their order
      expect(b.text).toContain(`evil${PDF}`);
      expect(b.html).toMatch(/<bdi>علي العلي \u202e evil\u202c<\/bdi>/);
    }
  });

  it('the announcement reads « evil » then « (conférence, 40 minutes) »', async () => {
    const [b] = await createEventMailBuilder(config).build(input('announce'), [{ key: 'list:generale', locale: 'fr', to: 'l@x.org' }]);
    expect(b!.text).toContain(`  علي العلي ${RLO} evil${PDF} (conférence, 40 minutes)`);
    expect(b!.subject).toContain(`Soirée ${RLO}RTL${PDF}, jeudi 28 janvier 2027 à 19h00`);
  });

  it("a member's name in the greeting closes its override before the comma", () => {
    const v = slotValues({ campaignId: 1, recipient: 'a@x.fr', name: `Ali ${RLO}evil`, domain: 'x.fr', inbox: 'talks@x.fr', secret: 'secret-0123456789abcdef' });
    expect(v.greeting).toBe(` Ali ${RLO}evil${PDF}`);
  });

  it('closeBidi: closes embeddings and isolates in order, leaves balanced and plain text alone', () => {
    expect(closeBidi('plain text')).toBe('plain text');
    expect(closeBidi(`a${RLO}b${PDF}c`)).toBe(`a${RLO}b${PDF}c`);
    expect(closeBidi(`a\u2067b${RLO}c`)).toBe(`a\u2067b${RLO}c${PDF}\u2069`);
    expect(closeBidi(`a${RLO}b\u2068c\u2069d`)).toBe(`a${RLO}b\u2068c\u2069d${PDF}`);
    expect(closeBidi(`x${RLO}1\ny${RLO}2\r\nz`)).toBe(`x${RLO}1${PDF}\ny${RLO}2${PDF}\r\nz`);
    // a stray terminator closes nothing and adds nothing
    expect(closeBidi(`a${PDF}\u2069b${RLO}`)).toBe(`a${PDF}\u2069b${RLO}${PDF}`);
  });
});

/**
 * Held-out audit of every kind of mail: where crieur joined a user-written piece to more text before the template
 * closed the whole value, the override ran on past the piece — the speaker's address in the acknowledgement and in
 * the organizers' notice read « >moc.elpmaxe@ila< », the organizers' digest showed the next meetup's date and venue
 * reversed after its title, a co-speaker's name after the first one's, « → new venue » in an update, and the
 * speaker's address after their display name in the To header. Each piece now closes its own overrides.
 */
describe('direction overrides end with each user-written piece, not with the line', () => {
  const ali = `علي ${RLO}evil`;
  const proposal = { ref: 'P-0007', format: 'talk' as const, title: `Titre ${RLO}abc`, abstract: null, durationMinutes: 45, language: 'fr' as const, speakers: [{ name: ali, email: 'ali@example.com' }], attachments: [] };
  const ctx = { group: { name: 'PostgreSQL Paris', timezone: 'Europe/Paris' }, locale: 'fr' as const, replyAddress: 'talks+x@pgug.example.org', receivedAt: new Date('2026-11-28T18:00:00Z') };

  it("the acknowledgement's and the notice's speaker line: the address after the name reads as written", async () => {
    const ack = await renderAck(ackData(proposal, { ...ctx, recipient: { name: ali, email: 'ali@example.com' } }), 'fr');
    const notice = await renderOrganizerNotice(noticeData(proposal, { ...ctx, submittedBy: { name: ali, email: 'ali@example.com' } }), 'fr');
    for (const m of [ack, notice]) {
      expect(m.text).toContain(`${ali}${PDF} <ali@example.com>`);
      expect(m.html).toContain(`${ali}${PDF} &lt;ali@example.com&gt;`);
    }
  });

  it("an announcement's second speaker and an update's new venue are not reversed by the first piece", async () => {
    const two = { ...input('announce'), talks: [{ ...input('announce').talks[0]!, speakers: [{ name: ali, email: 'ali@example.com' }, { name: 'Zoé Martin', email: 'z@example.fr' }] }] };
    const [b] = await createEventMailBuilder(config).build(two, [{ key: 'list:generale', locale: 'fr', to: 'l@x.org' }]);
    expect(b!.text).toContain(`${ali}${PDF}, Zoé Martin`);
    expect(b!.ics!.replace(/\r\n[ \t]/g, '')).toContain(`${ali}${PDF}\\, Zoé Martin`);
    const lines = changeLines([{ k: 'venue', from: `Salle ${RLO}Nord`, to: 'Salle Sud' }, { k: 'added', title: `T ${RLO}x`, speakers: [ali, 'Zoé'] }], 'fr', 'Europe/Paris');
    expect(lines[0]).toBe(`Lieu : Salle ${RLO}Nord${PDF} → Salle Sud`);
    expect(lines[1]).toBe(`Ajouté au programme : «\u00a0T ${RLO}x${PDF}\u00a0» (${ali}${PDF}, Zoé)`);
  });

  it("the organizers' digest: the next meetup's date and venue after its title, a second speaker after the first", () => {
    const p = { ref: 'P-0007', title: 'T', status: 'accepted' as const, format: 'talk' as const, durationMinutes: 45, speakers: [{ name: ali, email: 'a@x.org' }, { name: 'Zoé', email: 'z@x.org' }], receivedAt: new Date('2026-11-20T10:00:00Z') };
    const d = organizerDigestData(
      { now: new Date('2026-12-01T08:00:00Z'), pending: [p], unconfirmed: [], next: { date: new Date('2027-01-28T18:00:00Z'), venue: `Salle ${RLO}Nord`, title: `Soirée ${RLO}RTL`, programme: [] }, slots: 3 },
      { locale: 'fr', group: ctx.group, replyAddress: 'talks+o@x.org' },
    )!;
    expect(d.event!.label).toBe(`Soirée ${RLO}RTL${PDF}, jeudi 28 janvier 2027 à 19h00 — Salle ${RLO}Nord${PDF}`);
    expect(d.pending[0]!.speakers).toBe(`${ali}${PDF}, Zoé`);
  });

  it("a list digest's poster, a co-speaker's decision, and the To header's display name", async () => {
    const post = { inboundId: 1, messageId: '<m1@x>', references: [], subject: 'Apéro', fromName: ali, fromEmail: 'ali@example.com', sentAt: new Date('2026-11-30T10:00:00Z'), receivedAt: new Date('2026-11-30T10:00:00Z'), body: 'Qui vient ?', archivedAt: null, listArchive: null, threadId: 1 };
    const period = { cadence: 'daily' as const, from: new Date('2026-11-30T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z'), key: 'k' };
    const digest = buildDigest({ list: { name: 'g', address: 'g@x.org' }, period, posts: [post], context: [post], threads: [{ id: 1, subject: 'Apéro', startedAt: post.sentAt }], excerptChars: 100 })!;
    expect(digest.entries[0]!.fromLabel).toBe(`${ali}${PDF} <ali@example.com>`);
    const co = decisionData('co-confirmed', { ref: 'P-0007', title: 'T' }, { ...ctx, greetingName: 'Zoé', actor: ali });
    expect(co.preheader).toBe(`${ali}${PDF} a confirmé votre intervention commune P-0007.`);
    const raw = (await buildRaw(composeMessage({ from: 'G <g@x.org>', to: { name: ali, email: 'ali@example.com' }, subject: 's', html: '<p>x</p>', text: 'x', messageId: '<m@x.org>', date: new Date(), autoSubmitted: 'auto-replied' }))).toString();
    const to = (await simpleParser(Buffer.from(raw))).to as { value: { name: string; address: string }[] };
    expect(to.value[0]).toEqual({ name: `${ali}${PDF}`, address: 'ali@example.com' });
  });
});
