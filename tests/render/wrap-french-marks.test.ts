/**
 * The text part's lines never open on a French closing mark nor close on an opening guillemet (held-out audit of
 * subscriber mail): a speaker's reminder read « Petit rappel : vous présentez « Partitionnement déclaratif en
 * production⏎» au prochain meetup, », and an abstract or a title could put « : » or « ? » at a line's start — French
 * sets a space inside « » and before : ; ? ! that no line is broken at. The wrappers (wrapLongLines for the finished
 * part, wrapText for user text) now keep such a mark with the word before it, « with the word after it.
 */
import { describe, expect, it } from 'vitest';
import { createEventMailBuilder } from '../../src/adapters/compose/announcement.ts';
import type { EventMailInput } from '../../src/app/announce-event.ts';
import { wrapLongLines, wrapText } from '../../src/core/render/wrap.ts';
import { GENERALE, groupConfig } from '../support/test-config.ts';

const config = groupConfig('wrap-french-marks', { lists: [GENERALE] });
const WORDS = 'Partitionnement déclaratif en production avec pg_partman : trois ans de retours sur une base de quarante téraoctets ?'.split(' ');
/** A line opening on a closing mark, or ending on an opening guillemet. */
const BAD = /^\s*(?:[-*] )?[»:;?!]|«$/m;

function input(title: string, abstract: string): EventMailInput {
  return {
    kind: 'reminder',
    event: { id: 4, sequence: 0, date: new Date('2027-02-25T18:00:00Z'), venue: 'Chez Dalibo', title: 'Meetup de février', venueAddress: null, mapUrl: null, registrationUrl: null, capacity: null },
    talks: [{ ref: 'P-0001', format: 'talk', title, abstract, durationMinutes: 30, speakers: [{ name: 'Jeanne Martin', email: 'jeanne@example.fr' }] }],
    next: null,
    date: new Date('2027-02-24T18:00:00Z'),
    seed: 'wrap-french-marks',
    daysBefore: 1,
  };
}

describe('French marks in the text part', () => {
  it('a speaker’s reminder keeps « » with the title, whatever its length', async () => {
    const builder = createEventMailBuilder(config);
    for (let n = 1; n <= WORDS.length; n++) {
      const title = WORDS.slice(0, n).join(' ');
      const [v] = await builder.build({ ...input(title, 'Résumé.'), forSpeakers: true, speakerOf: 'P-0001' }, [{ key: 'speaker:fr', locale: 'fr', to: null }]);
      expect(v!.text, `title of ${n} words`).toContain('Petit rappel');
      expect(v!.text, `title of ${n} words:\n${v!.text}`).not.toMatch(BAD);
    }
  });

  it('an announcement’s abstract keeps : ? ! and « » with their words', async () => {
    const builder = createEventMailBuilder(config);
    for (let n = 1; n <= 12; n++) {
      const lead = 'Nous verrons '.repeat(n);
      const abstract = `${lead}pourquoi « le planificateur » se trompe : estimations, statistiques ; et que faire ? Beaucoup !`;
      const [v] = await builder.build({ ...input('Le planificateur', abstract), kind: 'announce' }, [{ key: 'list:generale', locale: 'fr', to: GENERALE.address }]);
      expect(v!.text, `abstract ${n}:\n${v!.text}`).not.toMatch(BAD);
    }
  });

  it('wrapLongLines and wrapText: the marks go with their word, the text unchanged but for the breaks', () => {
    const line = 'Petit rappel : vous présentez « Partitionnement déclaratif en production » au prochain meetup,';
    expect(wrapLongLines(line, 72)).toBe('Petit rappel : vous présentez « Partitionnement déclaratif en\nproduction » au prochain meetup,');
    expect(wrapLongLines(line, 72).replace(/\n/g, ' ')).toBe(line);
    expect(wrapText(`${'a '.repeat(35)}b : c`, 72)).toBe(`${'a '.repeat(34)}a\nb : c`);
    expect(wrapText(`${'a '.repeat(35)}« b »`, 72)).toBe(`${'a '.repeat(34)}a\n« b »`);
    // English is unchanged: no space before its marks
    expect(wrapLongLines(`${'word '.repeat(13)}end: next`, 72)).toBe(`${'word '.repeat(13)}end:\nnext`);
  });
});
