/**
 * The watcher's header-first question (kindFromHeaders) over the whole corpus of real mail and the proposal
 * fixtures: where the headers answer, the message's move (out of the inbox, or left for humans) must be the one the
 * full decode and classification decide — and they must answer for a large share (bounces, auto-replies, lists).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kindFromHeaders, parseRawMessage, type MailReader } from '../../src/app/parse-message.ts';
import { mailparserReader } from '../../src/adapters/mailparser.ts';
import type { ParseContext } from '../../src/types.ts';
import { corpusMessages } from '../support/corpus.ts';

const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: 'corpus-sweep-secret' };
const fixtures = new URL('../fixtures/proposals/', import.meta.url).pathname;

/** mailparserReader, counting full decodes. */
function countingReader(): MailReader & { reads: number } {
  const r = { reads: 0, read: (raw: Buffer) => (r.reads++, mailparserReader.read(raw)), readHeaders: mailparserReader.readHeaders, textWithLinks: mailparserReader.textWithLinks };
  return r;
}

const moves = (kind: string | null) => kind !== null && kind !== 'other';

describe('header-first kind for the inbox move', () => {
  it('where the headers alone decide, moves every corpus message and proposal fixture as the full classification would', async () => {
    const raws = [
      ...corpusMessages().map((m) => ({ name: m.id, raw: m.raw })),
      ...readdirSync(fixtures)
        .filter((f) => f.endsWith('.eml'))
        .map((f) => ({ name: f, raw: readFileSync(join(fixtures, f)) })),
    ];
    expect(raws.length).toBeGreaterThan(100);
    const reader = countingReader();
    const differ: string[] = [];
    let undecided = 0;
    for (const { name, raw } of raws) {
      const full = await parseRawMessage(raw, ctx, mailparserReader);
      const fullKind = full.ok ? full.result.kind : null;
      const fast = await kindFromHeaders(raw, ctx, reader);
      if (fast === undefined) undecided++;
      else if (moves(fast) !== moves(fullKind)) differ.push(`${name}: header-first ${fast}, full ${fullKind}`);
    }
    expect(differ).toEqual([]);
    expect(reader.reads).toBe(0);
    // Bounces, auto-replies and list posts are a large share of the corpus: the headers decided them.
    expect(undecided).toBeLessThan(raws.length * 0.8);
    expect(undecided).toBeGreaterThan(0);
  }, 300_000);

  it('names a list post and an auto-reply from their headers, and leaves a proposal to its body', async () => {
    const reader = countingReader();
    const list = Buffer.from('From: a@example.org\r\nTo: pgug@lists.example.org\r\nList-Id: <pgug.lists.example.org>\r\nSubject: hello\r\nMessage-ID: <l@x>\r\n\r\nbody\r\n');
    const auto = Buffer.from('From: b@example.org\r\nTo: talks@pgug.example.org\r\nAuto-Submitted: auto-replied\r\nSubject: Absent\r\nMessage-ID: <a@x>\r\n\r\nI am away.\r\n');
    expect(await kindFromHeaders(list, ctx, reader)).toBe('list-post');
    expect(await kindFromHeaders(auto, ctx, reader)).toBe('auto-reply');
    const proposal = readFileSync(join(fixtures, readdirSync(fixtures).find((f) => f.endsWith('.eml'))!));
    expect(await kindFromHeaders(proposal, ctx, reader)).toBeUndefined();
    expect(await kindFromHeaders(Buffer.alloc(0), ctx, reader)).toBeNull();
    expect(reader.reads).toBe(0);
  });
});
