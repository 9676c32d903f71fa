/**
 * Every fixture in tests/fixtures/proposals is a raw message with an expected subset of the SPEC result;
 * every fixture in tests/fixtures/not-proposals must not look like a proposal.
 * Expected files: { kind, proposal: {subset}, abstractIncludes?, abstractExcludes?: [substring…], warningsInclude?: [substring…] }.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRawMessage } from '../../../src/app/parse-message.ts';
import { mailparserReader } from '../../../src/adapters/mailparser.ts';
import { readMail } from '../../../src/adapters/mailparser.ts';
import { extractProposal, looksLikeProposal } from '../../../src/core/extract/index.ts';
import type { ParseContext, ProposalDraft } from '../../../src/types.ts';

const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: null };
const root = new URL('../../fixtures/', import.meta.url).pathname;

interface Expected {
  kind: string;
  proposal: Partial<ProposalDraft>;
  abstractIncludes?: string;
  /** What a closing, a signature or a legal footer would have put in the abstract. */
  abstractExcludes?: string[];
  warningsInclude?: string[];
}

const proposals = readdirSync(join(root, 'proposals')).filter((f) => f.endsWith('.eml')).sort();
const notProposals = readdirSync(join(root, 'not-proposals')).filter((f) => f.endsWith('.eml')).sort();

describe('proposal fixtures', () => {
  it('has at least 40 of them', () => {
    expect(proposals.length).toBeGreaterThanOrEqual(40);
  });

  it.each(proposals)('%s', async (file) => {
    const raw = readFileSync(join(root, 'proposals', file));
    const expected = JSON.parse(readFileSync(join(root, 'proposals', file.replace(/\.eml$/, '.expected.json')), 'utf8')) as Expected;
    // the live pipeline's sweep (tests/e2e/pipeline-corpus.test.ts) reads these two from every expected file
    expect(Array.isArray(expected.proposal.speakers) && Array.isArray(expected.proposal.attachments), 'expected speakers and attachments').toBe(true);
    const mail = await readMail(raw);
    expect(looksLikeProposal(mail)).toBe(true);
    const x = extractProposal(mail, ctx);
    expect(x.proposal).toMatchObject(expected.proposal);
    if (expected.abstractIncludes) expect(x.proposal.abstract ?? '').toContain(expected.abstractIncludes);
    for (const t of expected.abstractExcludes ?? []) expect(x.proposal.abstract ?? '').not.toContain(t);
    for (const w of expected.warningsInclude ?? []) expect(x.warnings.join('\n')).toContain(w);
    // the description as typed: no sentence left cut where the client hard-wrapped it (a long line ending on no
    // punctuation, the next going on in lower case)
    const lines = (x.proposal.abstract ?? '').split('\n');
    const cut = lines.filter((l, i) => l.trim().length >= 60 && !/[.!?;:…»"”)]\s*$/.test(l) && /^\s*\p{Ll}/u.test(lines[i + 1] ?? ''));
    expect(cut, 'abstract lines the mail client cut').toEqual([]);
    // through the whole parse (classification chain included)
    const out = await parseRawMessage(raw, ctx, mailparserReader);
    expect(out.ok).toBe(true);
    if (out.ok) {
      expect(out.result.kind).toBe(expected.kind);
      expect(out.result.proposal).toMatchObject(expected.proposal);
    }
  });
});

describe('not-proposal fixtures', () => {
  it.each(notProposals)('%s', async (file) => {
    const mail = await readMail(readFileSync(join(root, 'not-proposals', file)));
    expect(looksLikeProposal(mail)).toBe(false);
  });
});
