/** decodeFlowed: RFC 3676 format=flowed text joined back into its writer's lines (src/core/text/flowed.ts). */
import { describe, expect, it } from 'vitest';
import { decodeFlowed } from '../../../src/core/text/flowed.ts';

const crlf = (lines: string[]) => lines.map((l) => `${l}\r\n`).join('');

describe('decodeFlowed', () => {
  it('joins soft-broken lines (a trailing space) up to the fixed line that ends the paragraph', () => {
    expect(decodeFlowed(crlf(['Retour sur la migration ', "d'une table de 2 To ", 'en production.', 'Jean']), false)).toBe(
      "Retour sur la migration d'une table de 2 To en production.\nJean",
    );
  });

  it('never joins across an empty line: it ends the paragraph, and stays (the held-out audit\'s « Bonjour, ␠⏎⏎Titre : »)', () => {
    const text = crlf(['Bonjour, ', '', 'Titre : Index BRIN en pratique', 'Durée : 30 minutes']);
    expect(decodeFlowed(text, false)).toBe('Bonjour, \n\nTitre : Index BRIN en pratique\nDurée : 30 minutes');
    expect(decodeFlowed(text, true)).toBe('Bonjour, \n\nTitre : Index BRIN en pratique\nDurée : 30 minutes');
  });

  it('reads LF line ends as CRLF ones; the last line has no break (as mailparser\'s decoder gave it)', () => {
    expect(decodeFlowed('Bonjour, \n\nTitre : Index BRIN \nen pratique\n', false)).toBe('Bonjour, \n\nTitre : Index BRIN en pratique');
    expect(decodeFlowed('Titre : Index BRIN\n\n', false)).toBe('Titre : Index BRIN\n');
    expect(decodeFlowed('Titre : Index BRIN \r\nen pratique', false)).toBe('Titre : Index BRIN en pratique');
    // a last line ending in a space has nothing to join
    expect(decodeFlowed('Titre : Index BRIN ', false)).toBe('Titre : Index BRIN ');
  });

  it('DelSp=yes removes the space the client added to break a line, and only then', () => {
    expect(decodeFlowed(crlf(['Index', 'BRIN ', 'en prat', 'ique']), true)).toBe('Index\nBRINen prat\nique');
    expect(decodeFlowed(crlf(['Index BRIN  ', 'en pratique']), true)).toBe('Index BRIN en pratique');
    expect(decodeFlowed(crlf(['Index BRIN  ', 'en pratique']), false)).toBe('Index BRIN  en pratique');
  });

  it('removes space-stuffing: one leading space, on a paragraph\'s first line and on a continuation, with DelSp too', () => {
    expect(decodeFlowed(crlf([' From the start ', ' >not a quote', '  indented']), false)).toBe('From the start >not a quote\n indented');
    expect(decodeFlowed(crlf(['Ligne ', ' From here']), true)).toBe('LigneFrom here');
  });

  it('never flows the signature separator « -- », nor a line into it', () => {
    expect(decodeFlowed(crlf(['Merci, ', '-- ', 'Jean Dupont ', 'DBA']), false)).toBe('Merci, \n-- \nJean Dupont DBA');
    expect(decodeFlowed(crlf(['> Merci, ', '> -- ', '> Jean']), false)).toBe('> Merci, \n> -- \n> Jean');
  });

  it('joins quoted lines of the same depth only, keeping the first line\'s prefix', () => {
    const text = crlf(['>> Le partitionnement ', '>> déclaratif. ', '> Oui, mais ', '> les index ', '>globaux ', 'Réponse ', 'ici.']);
    expect(decodeFlowed(text, false)).toBe('>> Le partitionnement déclaratif. \n> Oui, mais les index globaux \nRéponse ici.');
    // an empty quoted line ends a quoted paragraph as an empty line ends any other
    expect(decodeFlowed(crlf(['> Bonjour, ', '>', '> Titre : BRIN']), false)).toBe('> Bonjour, \n>\n> Titre : BRIN');
  });

  it('leaves fixed text (no trailing space) as it is', () => {
    const text = 'Titre : Index BRIN\n\nRésumé : les index BRIN\n> cité';
    expect(decodeFlowed(`${text}\r\n`, false)).toBe(text);
  });
});
