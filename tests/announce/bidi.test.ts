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
