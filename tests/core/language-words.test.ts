/**
 * bodyLanguage cuts a legal notice or a list's footer only when the author wrote four words (WORD: lower-case letters)
 * above it; language.ts counts them up to four, line by line (issue 12), where it matched the whole sample. The same
 * answer on each side of four, a word alone on its line or not, in upper case (no word), and for a second message after
 * a first whose count stopped early.
 */
import { describe, expect, it } from 'vitest';
import { bodyLanguage } from '../../src/core/language.ts';

const FR_NOTICE =
  "Ce message et toutes les pièces jointes sont confidentiels et établis à l'intention exclusive de ses destinataires. Toute utilisation ou diffusion non autorisée est interdite. Tout message électronique est susceptible d'altération. La banque décline toute responsabilité au titre de ce message s'il a été altéré, déformé ou falsifié.";
const FOOTER =
  '-- \nYou received this message because you are subscribed to the Google Groups "pgparis" group.\nPour vous désabonner de ce groupe et ne plus recevoir d\'e-mails le concernant, envoyez un e-mail à pgparis+unsubscribe@googlegroups.com.';

describe('four words above a notice or a footer cut it, three do not', () => {
  it.each([
    // three words (« I » is no WORD): the French notice is all there is to read
    ['I have the slides', 'fr'],
    ['I have\nthe slides', 'fr'],
    ['I have the', 'fr'],
    // four: the author's English
    ['I have the slides here', 'en'],
    ['I have\nthe slides\nhere', 'en'],
    ['the slides you asked', 'en'],
    // capitals are no WORD: nothing written above
    ['THE SLIDES YOU ASKED FOR', 'fr'],
  ])('%j', (top, lang) => {
    for (const tail of [FR_NOTICE, FOOTER, `${FOOTER}\n\n${FR_NOTICE}`]) expect(bodyLanguage(`${top}\n\n${tail}\n`)).toBe(lang);
  });

  it('a count stopped early leaves nothing for the next message', () => {
    const texts = ['the slides you asked and more words on one line', 'I have the slides', 'I have the slides here', 'I have the'];
    const alone = texts.map((t) => bodyLanguage(`${t}\n\n${FR_NOTICE}\n`));
    expect(alone).toEqual(['en', 'fr', 'en', 'fr']);
    for (let i = 0; i < 3; i++) expect(texts.map((t) => bodyLanguage(`${t}\n\n${FR_NOTICE}\n`))).toEqual(alone);
  });
});
