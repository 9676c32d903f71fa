/**
 * The shared corpus of real mail (shared/corpus beside the checkout): its index and its messages, with mbox
 * files split on their From_ lines (src/core/mbox.ts). Tests over it are skipped, and say so, when it is missing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { splitMbox } from '../../src/core/mbox.ts';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Where the corpus is: CRIEUR_CORPUS, else shared/corpus beside the checkout; null when neither exists. */
export function findCorpus(): string | null {
  const candidates = [process.env.CRIEUR_CORPUS, resolve(here, '../../../shared/corpus')];
  return candidates.find((c): c is string => typeof c === 'string' && existsSync(join(c, 'index.tsv'))) ?? null;
}

/**
 * Someone who cloned the project alone has no corpus: the tests over it are skipped (not failed), and the
 * global set-up says so in one line of the summary (tests/support/global-setup.ts).
 */
export const hasCorpus = findCorpus() !== null;
export const NO_CORPUS = 'corpus sweep did not run: no corpus at ../shared/corpus (beside the checkout) and CRIEUR_CORPUS not set';

export function corpusDir(): string {
  const found = findCorpus();
  if (!found) throw new Error(NO_CORPUS);
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

export function corpusMessages(dir = corpusDir()): CorpusMessage[] {
  return corpusIndex(dir).flatMap((entry) => {
    const raw = readFileSync(join(dir, entry.path));
    if (entry.folder !== 'mbox') return [{ id: entry.path, entry, raw }];
    return splitMbox(raw).map((m, i) => ({ id: `${entry.path}#${i + 1}`, entry, raw: m }));
  });
}
