/** Issue 11, defect 7: what a sender wrote reaches the terminal with its control characters shown, not obeyed. */
import { describe, expect, it } from 'vitest';
import { visible, visibleLines } from '../../src/cli/format/visible.ts';
import { formatParseResult } from '../../src/cli/format/parse-result.ts';
import { proposalDetail, proposalLine } from '../../src/cli/format/proposal.ts';
import type { ParseResult } from '../../src/types.ts';
import type { ProposalRecord } from '../../src/app/proposal-store.ts';

// Anything a terminal acts on: C0 but tab and newline, DEL, C1 (CSI 0x9b), bidi overrides.
const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const EVIL = 'Talk\u001b]0;pwned\u0007 \u001b[2J\rkind: command\u009b31m \u202eevil\u0000';

describe('visible', () => {
  it.each([
    ['\u001b[31mred', '\\x1b[31mred'],
    ['a\rb', 'a\\rb'],
    ['a\nb', 'a\\nb'],
    ['nul\u0000', 'nul\\0'],
    ['bell\u0007', 'bell\\x07'],
    ['del\u007f', 'del\\x7f'],
    ['csi\u009b', 'csi\\x9b'],
    ['rtl\u202eabc', 'rtl\\u202eabc'],
    ['tab\tkept', 'tab\tkept'],
    ['Réplication « logique » — été', 'Réplication « logique » — été'],
  ])('%j → %j', (input, shown) => {
    expect(visible(input)).toBe(shown);
  });

  it('keeps the lines of a multi-line text, CRLF included, and escapes the rest in each', () => {
    expect(visibleLines('one\r\ntwo\u001b\nthree\rx')).toEqual(['one', 'two\\x1b', 'three\\rx']);
  });
});

const result: ParseResult = {
  messageId: '<m\u001b@x>',
  kind: 'proposal',
  from: { name: `Eve${EVIL}`, email: 'eve@example.fr' },
  subject: EVIL,
  language: 'fr',
  proposal: {
    format: 'talk',
    title: EVIL,
    abstract: `line one\n${EVIL}`,
    durationMinutes: 45,
    language: 'fr',
    speakers: [{ name: EVIL, email: 'eve@example.fr' }],
    attachments: [{ filename: `x${EVIL}.pdf`, contentType: 'application/pdf', size: 1, sha256: 'x' }],
  },
  warnings: [EVIL],
} as ParseResult;

const record = {
  ref: 'P-0001',
  status: 'received',
  format: 'talk',
  title: EVIL,
  abstract: `first\n${EVIL}`,
  durationMinutes: 45,
  language: 'fr',
  speakers: [{ name: EVIL, email: 'eve@example.fr' }],
  attachments: [],
  receivedAt: new Date('2026-01-01T00:00:00Z'),
  event: null,
} as unknown as ProposalRecord;

describe('every human-readable printer', () => {
  it.each([
    ['parse', formatParseResult(result)],
    ['proposals list', proposalLine(record)],
    ['proposals show', proposalDetail(record, [{ at: new Date(0), actor: `eve${EVIL}@x`, action: 'filed', detail: null, messageId: 1 }])],
  ])('%s prints no active control character and shows them escaped', (_, out) => {
    expect(out).not.toMatch(ACTIVE);
    expect(out).toContain('Talk\\x1b]0;pwned\\x07 \\x1b[2J\\rkind: command\\x9b31m \\u202eevil\\0');
  });
});
