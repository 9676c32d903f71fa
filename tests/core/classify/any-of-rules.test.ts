/**
 * The phrase tables asked only yes or no, split into one RegExp per alternative (text/any-of.ts, issue 12): each
 * alternative still answers, with the table's flags (case-blind; `^` at any line's start for the absence), wherever it
 * stands in the text — the first, a middle and the last phrase of each table.
 */
import { describe, expect, it } from 'vitest';
import { mayTellAnAbsence } from '../../../src/core/classify/auto-reply.ts';
import { looksLikeTextBounce } from '../../../src/core/classify/bounce-text.ts';
import { proposalScore } from '../../../src/core/extract/score.ts';
import { proposalSource } from '../../../src/core/extract/source.ts';
import { mail } from './build.ts';

const filler = 'Merci pour la soirée de jeudi, les pizzas étaient très bonnes. '.repeat(8);

describe('mayTellAnAbsence: every alternative of AWAY_NOW and AWAY_LATER, anywhere in the sample', () => {
  it.each([
    ['fr, first phrase', 'Je suis actuellement absente.'],
    ['fr, upper case', 'JE SUIS EN CONGÉS JUSQU’AU 4.'],
    ['en, contraction', "Hello,\nI'm out of the office."],
    ['heading on a later line (multiline ^)', `${filler}\nBonjour,\n   Absente du bureau jusqu'au 10 mars.`],
    ['en heading after a stop', `${filler} Out of office until Monday.`],
    ['address no longer read', `${filler} This mailbox is no longer monitored.`],
    ['Japanese, last of the unread', `${filler}\n休暇を取得しております。`],
    ['Danish, the table’s last phrase', `${filler}\nJeg holder juleferie og er tilbage den 5.`],
    ['later: fr', `${filler}\nJe serai absent du 3 au 17 mars.`],
    ['later: vacation(1)', `${filler}\nI will not be reading my mail for a while.`],
    ['later: the last phrase', `${filler}\nJe ne lirai pas mes e-mails avant lundi.`],
  ])('%s', (_, text) => expect(mayTellAnAbsence(text)).toBe(true));

  it.each([
    ['a proposal', 'Bonjour, je vous propose un talk sur VACUUM. Durée : 20 minutes.'],
    ['an absence in the past', `${filler} I was out of office last week.`],
    ['no stop before the heading', 'Il a dit out of office until Monday'],
  ])('%s: no', (_, text) => expect(mayTellAnAbsence(text)).toBe(false));
});

describe('MTA_SIGNATURE: any of its phrases, case-blind, deep in the text', () => {
  it.each([
    ['qmail, the first', 'Hi. This is the qmail-send program at mx.example.org.'],
    ['Gmail, the last English one', 'Delivery to the following recipient failed permanently:\n\n  x@example.org'],
    ['French, the last', "Ceci est le programme de messagerie de l'hôte mx1.example.fr."],
  ])('%s', async (_, notice) => {
    const m = await mail({ from: 'Jean Dupont <jean.dupont@example.fr>', subject: 'Bonjour', body: `${'Une ligne sans rapport.\n'.repeat(20)}${notice}\n` });
    expect(looksLikeTextBounce(m)).toBe('mta wording');
  });
  it('an ordinary mail: none', async () => {
    const m = await mail({ subject: 'Bonjour', body: 'The mail system at our office is slow today.\n' });
    expect(looksLikeTextBounce(m)).toBe(null);
  });
});

describe('ABOUT_A_PROPOSAL: its phrases, wherever they stand', () => {
  it.each([
    ['the first (fr)', 'Bonjour, avez-vous bien reçu ma proposition de talk sur pgvector ?'],
    ['a later one (en)', 'Hello, did you get my talk proposal about pgvector? I sent it last week.'],
    ['after a long opening', `${filler} Merci pour l’accueil hier soir, le talk sur pgvector était vraiment super.`],
  ])('%s', async (_, body) => {
    const m = await mail({ subject: 'Question', body });
    expect(proposalScore(m, proposalSource(m)).signals).toContain('about a proposal, not one -4');
  });
});
