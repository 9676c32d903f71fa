/**
 * The backlog: proposals (fr/en, from tests/fixtures/proposals) made unique — own Message-ID, own sender,
 * a numbered subject so titles vary — mixed with real auto-replies, bounces, list posts and replies from the
 * shared corpus, each with a fresh Message-ID so that the store's deduplication does not swallow repeats.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BenchMessage {
  file: string;
  raw: Buffer;
  messageId: string;
  origin: string;
}

export interface Mix {
  proposals: number;
  autoreplies: number;
  bounces: number;
  lists: number;
  replies: number;
}

/** 70 % proposals, the rest what an inbox of a user group also receives. */
export function mixFor(total: number): Mix {
  const autoreplies = Math.round(total * 0.08);
  const bounces = Math.round(total * 0.1);
  const lists = Math.round(total * 0.08);
  const replies = Math.round(total * 0.04);
  return { proposals: total - autoreplies - bounces - lists - replies, autoreplies, bounces, lists, replies };
}

const emlIn = (dir: string) =>
  readdirSync(dir)
    .filter((n) => n.endsWith('.eml'))
    .sort()
    .map((n) => join(dir, n));

/** Writes the backlog to `dir`, interleaved (not grouped by kind), and returns it. */
export function generateBacklog(dir: string, mix: Mix, opts: { fixtures: string; corpus: string; tag: string }): BenchMessage[] {
  mkdirSync(dir, { recursive: true });
  const pools: { name: keyof Mix; files: string[]; proposal: boolean }[] = [
    { name: 'proposals', files: emlIn(opts.fixtures), proposal: true },
    { name: 'autoreplies', files: emlIn(join(opts.corpus, 'autoreplies')), proposal: false },
    { name: 'bounces', files: emlIn(join(opts.corpus, 'bounces')), proposal: false },
    { name: 'lists', files: emlIn(join(opts.corpus, 'lists')), proposal: false },
    { name: 'replies', files: emlIn(join(opts.corpus, 'replies')), proposal: false },
  ];
  const plan: { pool: (typeof pools)[number]; k: number }[] = [];
  for (const pool of pools) for (let k = 0; k < mix[pool.name]; k++) plan.push({ pool, k });
  // Deterministic interleave: spread each kind evenly over the backlog.
  plan.sort((a, b) => a.k / mix[a.pool.name] - b.k / mix[b.pool.name]);
  const cache = new Map<string, Buffer>();
  return plan.map(({ pool, k }, n) => {
    const source = pool.files[k % pool.files.length]!;
    let original = cache.get(source);
    if (!original) cache.set(source, (original = readFileSync(source)));
    const messageId = `<bench-${opts.tag}-${n}@bench.crieur.invalid>`;
    const edits: HeaderEdits = { messageId };
    if (pool.proposal) {
      edits.from = `speaker${n}@s${n % 97}.bench.invalid`;
      edits.subjectSuffix = ` #${n}`;
    }
    const raw = editHeaders(original, edits);
    const file = join(dir, `${String(n).padStart(5, '0')}.eml`);
    writeFileSync(file, raw);
    return { file, raw, messageId, origin: source };
  });
}

export interface HeaderEdits {
  messageId: string;
  /** Replaces the address in From (the display name stays). */
  from?: string;
  subjectSuffix?: string;
}

/** Edits whole header fields (folded lines included), keeping the message's own line endings and body bytes. */
export function editHeaders(raw: Buffer, edits: HeaderEdits): Buffer {
  const text = raw.toString('latin1');
  const m = /\r?\n\r?\n/.exec(text);
  const split = m ? m.index : text.length;
  const head = text.slice(0, split);
  const rest = text.slice(split);
  const eol = head.includes('\r\n') ? '\r\n' : '\n';
  const fields: string[] = [];
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && fields.length > 0) fields[fields.length - 1] += eol + line;
    else fields.push(line);
  }
  let sawId = false;
  const out = fields.map((f) => {
    const name = /^([!-9;-~]+):/.exec(f)?.[1]?.toLowerCase();
    if (name === 'message-id') {
      sawId = true;
      return `Message-ID: ${edits.messageId}`;
    }
    if (name === 'from' && edits.from) {
      const replaced = f.replace(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+/, edits.from);
      return replaced === f ? `From: ${edits.from}` : replaced;
    }
    if (name === 'subject' && edits.subjectSuffix) return f + edits.subjectSuffix;
    return f;
  });
  // After an mbox envelope line ("From sender date"), if any, so that it stays first.
  if (!sawId) out.splice(out[0]?.startsWith('From ') ? 1 : 0, 0, `Message-ID: ${edits.messageId}`);
  return Buffer.from(out.join(eol) + rest, 'latin1');
}
