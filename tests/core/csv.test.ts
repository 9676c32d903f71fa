/** CSV files as spreadsheets write them: the bytes decoded whatever the encoding Excel or a meetup site chose. */
import { describe, expect, it } from 'vitest';
import { csvTable, decodeCsv, parseCsv } from '../../src/core/csv.ts';

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

describe('csvTable', () => {
  it('takes the separator Excel\'s sep= line names, and skips that line', () => {
    expect(csvTable('sep=;\r\nemail;name\r\na@x.fr;Dupont, Jean\r\n')).toEqual({ separator: ';', header: ['email', 'name'], headerLine: 2, rows: [{ line: 3, cells: ['a@x.fr', 'Dupont, Jean'] }] });
    expect(csvTable('"sep=,"\nemail;x\n').separator).toBe(',');
  });
  it('skips blank lines (and a spreadsheet\'s empty rows) above the header, counting them in line numbers', () => {
    const t = csvTable('\n  \n,,\nemail,name\n\nb@x.fr,"two\nlines"\nc@x.fr,C\n');
    expect(t.header).toEqual(['email', 'name']);
    expect(t.headerLine).toBe(4);
    expect(t.rows).toEqual([{ line: 5, cells: [''] }, { line: 6, cells: ['b@x.fr', 'two\nlines'] }, { line: 8, cells: ['c@x.fr', 'C'] }]);
  });
  it('reads tab-separated files (Excel\'s "Unicode text"), a comma inside a cell kept', () => {
    expect(parseCsv('name\temail\nDupont, Jean\tj@x.fr\n')).toEqual([['name', 'email'], ['Dupont, Jean', 'j@x.fr']]);
  });
  it('guesses from the header row outside quotes: commas, unless it has more ; or tabs', () => {
    expect(csvTable('"a;b;c",email\n').separator).toBe(',');
    expect(csvTable('email;name,first\n').separator).toBe(',');
    expect(csvTable('email;name;lang\n').separator).toBe(';');
    expect(csvTable('email\n').separator).toBe(',');
    expect(csvTable('')).toEqual({ separator: ',', header: [], headerLine: 0, rows: [] });
  });
  // Audit V: `long@x.org,"unterminated` over `next@x.org,Next` imported one member named « unterminated next@x.org,Next »:
  // next@x.org was lost, unsaid. The table says where the quote opened that swallowed the rest.
  it('says on which line a quote that is never closed opened (the rest of the file fell into its cell)', () => {
    const t = csvTable('email,name\nok@x.fr,Ok\nlong@x.fr,"unterminated\nnext@x.fr,Next\n');
    expect(t.unclosedQuoteLine).toBe(3);
    expect(t.rows.map((r) => r.cells[0])).toEqual(['ok@x.fr', 'long@x.fr']);
    expect(csvTable('email,name\r\na@x.fr,"Dupont, ""JD""\r\nJean"\r\nb@x.fr,B\r\n').unclosedQuoteLine).toBeUndefined();
  });
});
