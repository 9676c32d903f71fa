/**
 * The shared corpus of real mail (shared/corpus beside the checkout): its index and its messages, with mbox
 * files split on their From_ lines. Tests over it fail loudly when it is missing rather than pass on nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

export function corpusDir(): string {
  const candidates = [process.env.CRIEUR_CORPUS, resolve(here, '../../../shared/corpus'), '/work/shared/corpus'];
  const found = candidates.find((c): c is string => typeof c === 'string' && existsSync(join(c, 'index.tsv')));
  if (!found) throw new Error(`corpus not found (tried ${candidates.filter(Boolean).join(', ')}): set CRIEUR_CORPUS`);
  return found;
}

export interface CorpusEntry {
  path: string;
  folder: string;
  tags: string[];
  subject: string;
}

export function corpusIndex(dir = corpusDir()): CorpusEntry[] {
  const lines = readFileSync(join(dir, 'index.tsv'), 'utf8').split('\n').filter((l) => l.trim() !== '');
  const head = lines[0]!.split('\t');
  const col = (name: string): number => head.indexOf(name);
  return lines.slice(1).map((l) => {
    const c = l.split('\t');
    return {
      path: c[col('path')]!,
      folder: c[col('path')]!.split('/')[0]!,
      tags: (c[col('tags')] ?? '').split(',').filter((t) => t !== ''),
      subject: c[col('subject')] ?? '',
    };
  });
}

export interface CorpusMessage {
  /** `folder/file.eml`, or `mbox/file.mbox#3` for the third message of an mbox. */
  id: string;
  entry: CorpusEntry;
  raw: Buffer;
}

/** mbox: one message per From_ line at a line start; the From_ line itself is not part of the message. */
export function splitMbox(raw: Buffer): Buffer[] {
  const text = raw.toString('latin1'); // latin1 round-trips bytes exactly
  const starts: number[] = [];
  const re = /(^|\n)From [^\n]*\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index + m[1]!.length);
  if (starts.length === 0) return [raw];
  return starts.map((s, i) => {
    const body = text.slice(s, starts[i + 1] ?? text.length);
    return Buffer.from(body.slice(body.indexOf('\n') + 1), 'latin1');
  });
}

export function corpusMessages(dir = corpusDir()): CorpusMessage[] {
  return corpusIndex(dir).flatMap((entry) => {
    const raw = readFileSync(join(dir, entry.path));
    if (entry.folder !== 'mbox') return [{ id: entry.path, entry, raw }];
    return splitMbox(raw).map((m, i) => ({ id: `${entry.path}#${i + 1}`, entry, raw: m }));
  });
}
