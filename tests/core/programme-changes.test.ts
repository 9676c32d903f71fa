/** What changed between two announced versions of a meetup (core/programme-changes.ts), and its words (announce-data.ts). */
import { describe, expect, it } from 'vitest';
import { announcedVersion, programmeChanges } from '../../src/core/programme-changes.ts';
import { changeLines } from '../../src/core/render/announce-data.ts';

const talk = (ref: string, title: string, format: 'talk' | 'lightning' = 'lightning', name = 'Léa') => ({ ref, title, format, speakers: [{ name }] });
const JUNE = new Date('2027-06-10T17:00:00Z');
const main = talk('P-0001', 'VACUUM', 'talk');

describe('programmeChanges', () => {
  it('nothing changed: nothing to say', () => {
    const v = announcedVersion(JUNE, 'Chez Dalibo', [main, talk('P-0002', 'pg_cron')]);
    expect(programmeChanges(v, v)).toEqual([]);
  });

  it('a talk added or taken off moves nobody; the order of the talks kept is what is compared', () => {
    const before = announcedVersion(JUNE, 'Chez Dalibo', [main, talk('P-0002', 'pg_cron'), talk('P-0003', 'pgBadger')]);
    const after = announcedVersion(JUNE, 'Chez Dalibo', [talk('P-0003', 'pgBadger'), main, talk('P-0004', 'BRIN', 'lightning', 'Zoé')]);
    expect(programmeChanges(before, after)).toEqual([
      { k: 'added', title: 'BRIN', speakers: ['Zoé'] },
      { k: 'removed', title: 'pg_cron', speakers: ['Léa'] },
    ]);
  });

  it('the talks kept in another order: the new running order, whole', () => {
    const before = announcedVersion(JUNE, 'Chez Dalibo', [main, talk('P-0002', 'pg_cron'), talk('P-0003', 'pgBadger')]);
    const after = announcedVersion(JUNE, 'Chez Dalibo', [main, talk('P-0003', 'pgBadger'), talk('P-0002', 'pg_cron')]);
    expect(programmeChanges(before, after)).toEqual([{ k: 'order', titles: ['VACUUM', 'pgBadger', 'pg_cron'] }]);
  });

  it('the day and the venue first, worded in each language', () => {
    const before = announcedVersion(JUNE, 'Chez Dalibo', [main]);
    const after = announcedVersion(new Date('2027-06-17T17:00:00Z'), 'Chez Data Bene', [main]);
    const changes = programmeChanges(before, after);
    expect(changes.map((c) => c.k)).toEqual(['date', 'venue']);
    expect(changeLines(changes, 'fr', 'Europe/Paris')).toEqual(['Date : jeudi 10 juin 2027 à 19h00 → jeudi 17 juin 2027 à 19h00', 'Lieu : Chez Dalibo → Chez Data Bene']);
    expect(changeLines(changes, 'en', 'Europe/Paris')[1]).toBe('Venue: Chez Dalibo → Chez Data Bene');
  });
});
