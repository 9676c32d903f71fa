/**
 * Held-out audit of `crieur parse` on message kinds and header fields (bounces of many MTAs, auto-replies, list
 * posts, replies, forms; charsets and RFC 2047 names and subjects): what it found wrong, each with the guards that
 * kept their reading.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/core/classify/index.ts';
import type { ParseContext } from '../../../src/types.ts';
import { mail } from './build.ts';

const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org', 'bounces@pgug.example.org'], organizers: ['dim@example.org'], secret: 's3cret' };
const PROPOSAL = 'Bonjour,\n\nJe propose un talk de 20 minutes sur la réplication logique en pratique :\npublications, souscriptions, conflits et surveillance.\n\nAgathe Simon\n';

describe('audit kinds: RFC 2047 words declared utf-8 whose bytes are Latin-1', () => {
  it('a subject word declared utf-8 but written in Latin-1 is read as Windows-1252, and said so', async () => {
    const m = await mail({ subject: '=?utf-8?Q?Proposition_:_r=E9plication_logique_en_pratique?=', body: PROPOSAL });
    expect(m.subject).toBe('Proposition : réplication logique en pratique');
    expect(m.defects).toContain('encoded words declared "utf-8" but not UTF-8: read as windows-1252');
    expect(classify(m, ctx).kind).toBe('proposal');
  });

  it('the same in a display name, in B encoding, and with a true UTF-8 word beside it', async () => {
    const latin1 = Buffer.from('Théo Faure', 'latin1').toString('base64');
    const m = await mail({ from: `=?UTF-8?B?${latin1}?= <theo.faure@example.fr>`, subject: '=?utf-8?q?R=C3=A9sum=C3=A9?= et =?utf-8?q?caf=E9?=', body: PROPOSAL });
    expect(m.from?.name).toBe('Théo Faure');
    expect(m.subject).toBe('Résumé et café');
  });

  it('guards: UTF-8 words stay as written, a character split over two words included, and no warning', async () => {
    const raw = Buffer.from('Partitionnement déclaratif', 'utf8');
    const cut = raw.indexOf(Buffer.from('é', 'utf8')) + 1;
    const w = (b: Buffer): string => `=?UTF-8?B?${b.toString('base64')}?=`;
    const m = await mail({ subject: `${w(raw.subarray(0, cut))}\r\n ${w(raw.subarray(cut))}`, body: PROPOSAL });
    expect(m.subject).toBe('Partitionnement déclaratif');
    const n = await mail({ from: '=?utf-8?q?L=C3=A9a_Roussel?= <lea@example.fr>', subject: '=?utf-8?q?Proposition_=C2=AB_Vacuum_=C2=BB?=', body: PROPOSAL });
    expect(n.from?.name).toBe('Léa Roussel');
    expect(n.subject).toBe('Proposition « Vacuum »');
    expect([...m.defects, ...n.defects].filter((d) => /encoded words/.test(d))).toEqual([]);
  });
});
