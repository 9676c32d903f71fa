/**
 * looksLikeProposal asks score.ts's offersNoTalk of the sender's own text before source.ts looks for another author (a
 * form's filler, a colleague passed on) — issue 12: most mail never mentions a talk. Its answer must be the full score's:
 * the answer to a call or an invitation that proposes with no talk word (its subject's bump and a yes), and a proposal
 * passed on whose text, cut under the words that pass it on, reads fields beyond the first SAMPLE characters of the whole
 * are proposals still; over every fixture, the gate and the full score agree.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mailparserReader } from '../../../src/adapters/mailparser.ts';
import { looksLikeProposal } from '../../../src/core/extract/index.ts';
import { offersNoTalk, proposalScore, THRESHOLD } from '../../../src/core/extract/score.ts';
import { proposalSource, proposalSourceUnless } from '../../../src/core/extract/source.ts';
import type { Mail } from '../../../src/types.ts';
import { mail } from '../classify/build.ts';

const FROM = 'Grace Hopper <grace.hopper@example.com>';
/** The score in full, on a mail of its own (proposalSource keeps its answer per Mail). */
const fullScore = async (read: () => Promise<Mail>) => {
  const m = await read();
  return proposalScore(m, proposalSource(m)).score;
};

describe('the no-talk gate before the source’s author', () => {
  it.each([
    ['Re: Appel à intervenants', 'Count me in!\n\nGrace\n'],
    ['Re: CFP', 'Count me in!\n\nGrace\n'],
    ['Re: Aimeriez-vous intervenir en juin ?', 'Avec plaisir !\n\nGrace\n'],
  ])('« %s » answered with no talk word is a proposal', async (subject, body) => {
    const read = () => mail({ from: FROM, subject, body });
    expect(await fullScore(read)).toBeGreaterThanOrEqual(THRESHOLD);
    expect(looksLikeProposal(await read())).toBe(true);
  });

  it('a proposal passed on, its fields past the first 4000 characters of the whole text, is a proposal', async () => {
    const lead = 'On behalf of my colleague Jane Roe (jane.roe@example.org):\n\n';
    const notes = Array.from({ length: 70 }, (_, i) => `Line ${i} of the notes we keep about the evening and the room.`).join('\n');
    // cut under the lead, the text is 3,994 characters: its fields are read; the whole's first 4,000 name no talk
    const body = `${lead}${notes.slice(0, 4002 - lead.length - 2)}\n\nTitle: Backups\nAbstract: Restores.\nDuration: 30 min\n`;
    const read = () => mail({ from: FROM, subject: 'For the next evening', body });
    expect((await read()).text?.indexOf('Title:')).toBe(4002);
    expect(await fullScore(read)).toBeGreaterThanOrEqual(THRESHOLD);
    expect(looksLikeProposal(await read())).toBe(true);
  });

  it('a mail that names no talk is none, and the gate says so', async () => {
    const m = await mail({ from: FROM, subject: 'Re: dinner on Friday', body: 'Fine by me, see you there.\n\nGrace\n' });
    expect(offersNoTalk(m, m.text ?? '')).toBe(true);
    expect(looksLikeProposal(m)).toBe(false);
  });

  it('agrees with the full score over every fixture', async () => {
    const files = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? files(join(d, n)) : n.endsWith('.eml') ? [join(d, n)] : []));
    const all = files(join(__dirname, '../../fixtures'));
    expect(all.length).toBeGreaterThan(100);
    let gated = 0;
    for (const f of all) {
      const raw = readFileSync(f);
      const m = await mailparserReader.read(raw);
      const full = proposalScore(m, proposalSource(m)).score >= THRESHOLD;
      expect(looksLikeProposal(await mailparserReader.read(raw)), f).toBe(full);
      const fresh = await mailparserReader.read(raw);
      if (proposalSourceUnless(fresh, (own) => offersNoTalk(fresh, own)) === null) {
        gated++;
        expect(full, f).toBe(false);
      }
    }
    // the gate answered for some of them
    expect(gated).toBeGreaterThan(20);
  });
});
