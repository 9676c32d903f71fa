/** CSV files as spreadsheets write them: the bytes decoded whatever the encoding Excel or a meetup site chose. */
import { describe, expect, it } from 'vitest';
import { decodeCsv, parseCsv } from '../../src/core/csv.ts';

describe('decodeCsv', () => {
  it('reads UTF-8, with or without a BOM', () => {
    expect(decodeCsv(Buffer.from('email,name\nf@x.fr,Françoise Lévêque\n', 'utf8'))).toEqual({ text: 'email,name\nf@x.fr,Françoise Lévêque\n', encoding: 'utf-8' });
    expect(decodeCsv(Buffer.from('\uFEFFemail\n', 'utf8')).text).toBe('email\n');
  });
  it('reads French Excel’s Windows-1252 (and ISO-8859-1) instead of replacing its accents', () => {
    const latin1 = Buffer.from([...Buffer.from('email;nom\nlatin@exemple.fr;Fran'), 0xe7, ...Buffer.from('oise L'), 0xe9, ...Buffer.from('v'), 0xea, ...Buffer.from('que '), 0x80, 0x0a]);
    const d = decodeCsv(latin1);
    expect(d.encoding).toBe('windows-1252');
    expect(parseCsv(d.text)[1]).toEqual(['latin@exemple.fr', 'Françoise Lévêque €']);
  });
  it('reads UTF-16 by its BOM (Excel’s "Unicode text")', () => {
    const text = 'email\tname\nz@x.fr\tZoé\n';
    expect(decodeCsv(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])).text).toBe(text);
  });
});
