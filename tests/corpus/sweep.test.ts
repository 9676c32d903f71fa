/**
 * Every message of the shared corpus of real mail through `parseRawMessage`: none may throw or hang, each is
 * either understood or refused with a reason, and the classification rates per folder must hold.
 * ARF feedback reports are classified `bounce` (action "complained"), so they stay in the bounces/ denominator.
 */
import { describe, expect, it } from 'vitest';
import { parseRawMessage, type ParseOutcome } from '../../src/app/parse-message.ts';
import { mailparserReader } from '../../src/adapters/mailparser.ts';
import type { Kind, ParseContext } from '../../src/types.ts';
import { corpusMessages, hasCorpus, type CorpusMessage } from '../support/corpus.ts';

const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: 'corpus-sweep-secret' };
const PER_MESSAGE_MS = 5_000;

type Outcome = ParseOutcome | { ok: false; error: string };

async function bounded(m: CorpusMessage): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, error: `timed out after ${PER_MESSAGE_MS} ms` }), PER_MESSAGE_MS);
  });
  try {
    return await Promise.race([parseRawMessage(m.raw, ctx, mailparserReader).catch((err: unknown) => ({ ok: false as const, error: `threw: ${String(err)}` })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

interface Row {
  message: CorpusMessage;
  outcome: Outcome;
}

describe.skipIf(!hasCorpus)('corpus sweep', () => {
  let rows: Row[] = [];

  it('parses every message without a throw or a hang, or reports why not', async () => {
    rows = [];
    for (const message of corpusMessages()) rows.push({ message, outcome: await bounded(message) });
    expect(rows.length).toBeGreaterThan(500);
    for (const { message, outcome } of rows) {
      if (!outcome.ok) {
        expect(outcome.error, message.id).toMatch(/\w{3,}/);
        expect(outcome.error, message.id).not.toMatch(/^(threw|timed out)/);
      }
    }
    const table: Record<string, Record<string, number>> = {};
    for (const { message, outcome } of rows) {
      const col = outcome.ok ? outcome.result.kind : 'error';
      const row = (table[message.entry.folder] ??= { total: 0 });
      row.total = (row.total ?? 0) + 1;
      row[col] = (row[col] ?? 0) + 1;
    }
    console.table(table);
  }, 300_000);

  const kindOf = (r: Row): Kind | 'error' => (r.outcome.ok ? r.outcome.result.kind : 'error');
  const rate = (folder: string, kind: Kind): number => {
    const inFolder = rows.filter((r) => r.message.entry.folder === folder);
    expect(inFolder.length, folder).toBeGreaterThan(0);
    return inFolder.filter((r) => kindOf(r) === kind).length / inFolder.length;
  };

  it.each([
    ['bounces', 'bounce', 0.95],
    ['autoreplies', 'auto-reply', 0.9],
    ['lists', 'list-post', 0.9],
  ] as const)('%s/ is at least that share of %s', (folder, kind, min) => {
    const r = rate(folder, kind);
    console.log(`${folder}/: ${(r * 100).toFixed(1)} % ${kind}`);
    expect(r).toBeGreaterThanOrEqual(min);
  });

  it('never takes spam or plain MIME samples for talk proposals', () => {
    const wrong = rows.filter((r) => ['spam', 'mime'].includes(r.message.entry.folder) && kindOf(r) === 'proposal').map((r) => r.message.id);
    expect(wrong).toEqual([]);
  });

  it('reads recipient and status from at least 90 % of DSN-style bounces', () => {
    const dsn = rows.filter((r) => r.message.entry.folder === 'bounces' && r.message.entry.tags.includes('dsn'));
    expect(dsn.length).toBeGreaterThan(50);
    const complete = dsn.filter((r) => r.outcome.ok && r.outcome.result.bounce?.recipient && r.outcome.result.bounce.status);
    const missing = dsn.filter((r) => !complete.includes(r)).map((r) => r.message.id);
    console.log(`DSN bounces with recipient + status: ${complete.length}/${dsn.length}; missing: ${missing.join(', ')}`);
    expect(complete.length / dsn.length).toBeGreaterThanOrEqual(0.9);
  });
});
