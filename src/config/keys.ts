/**
 * What the schema knows, read from the schema itself: its leaf keys (for `CRIEUR_*` overrides) and the keys a
 * file or the environment names that it does not know. zod's objects drop unknown keys silently, so a typo
 * (`pollSecond`, `smtpp:`) would leave a default in force without a word; the walk below refuses them
 * whatever way each object was declared, so keys added to the schema later need no list kept in step.
 */
import { z } from 'zod';

export type LeafKind = 'string' | 'number' | 'boolean' | 'array';
export interface Leaf {
  path: string[];
  kind: LeafKind;
}

/** Variables that configure the tooling (tests, bench, corpus), not crieur: never taken for a key. */
const TOOLING_VARS = /^CRIEUR_(TEST_|BENCH_|CORPUS$)/;

/** Optional, default, nullable and pipe wrappers off: the schema that says what the value is. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  for (;;) {
    if (s instanceof z.ZodDefault || s instanceof z.ZodOptional || s instanceof z.ZodPrefault || s instanceof z.ZodNullable) {
      s = (s as unknown as { unwrap(): z.ZodType }).unwrap();
    } else if (s instanceof z.ZodPipe) {
      s = (s as unknown as { in: z.ZodType }).in;
    } else return s;
  }
}

export function leafPaths(schema: z.ZodType, path: string[] = []): Leaf[] {
  const s = unwrap(schema);
  if (s instanceof z.ZodObject) {
    return Object.entries(s.shape as Record<string, z.ZodType>).flatMap(([k, v]) => leafPaths(v, [...path, k]));
  }
  if (s instanceof z.ZodArray) return [{ path, kind: 'array' }];
  if (s instanceof z.ZodNumber) return [{ path, kind: 'number' }];
  if (s instanceof z.ZodBoolean) return [{ path, kind: 'boolean' }];
  return [{ path, kind: 'string' }];
}

export const envName = (path: readonly (string | number)[]): string =>
  `CRIEUR_${path.filter((p) => typeof p === 'string').map((p) => String(p).toUpperCase()).join('_')}`;

export interface UnknownKey {
  /** Dotted key as the user wrote it (`inbox.pollSecond`, `lists.0.adress`), or the variable's name. */
  key: string;
  /** The closest known name at the same place, when one is close enough to be a typo. */
  suggestion: string | undefined;
}

/** Every key of `value` (a parsed YAML document) that the schema has no place for, depth first. */
export function unknownKeys(schema: z.ZodType, value: unknown, path: (string | number)[] = []): UnknownKey[] {
  const s = unwrap(schema);
  if (s instanceof z.ZodObject && isMapping(value)) {
    const shape = s.shape as Record<string, z.ZodType>;
    return Object.entries(value).flatMap(([k, v]) =>
      k in shape ? unknownKeys(shape[k]!, v, [...path, k]) : [{ key: [...path, k].join('.'), suggestion: closest(k, Object.keys(shape)) }],
    );
  }
  if (s instanceof z.ZodArray && Array.isArray(value)) {
    const element = (s as unknown as { element: z.ZodType }).element;
    return value.flatMap((v, i) => unknownKeys(element, v, [...path, i]));
  }
  // Records, unions and scalars: the schema's own validation speaks for them.
  return [];
}

/** `CRIEUR_*` variables that name no key (a typo there is as silent as one in the file). */
export function unknownEnvVars(leaves: Leaf[], env: NodeJS.ProcessEnv): UnknownKey[] {
  const known = leaves.map((l) => envName(l.path));
  return Object.keys(env)
    .filter((name) => name.startsWith('CRIEUR_') && !TOOLING_VARS.test(name) && !known.includes(name))
    .sort()
    .map((name) => ({ key: name, suggestion: closest(name, known) }));
}

/** The candidate within typo distance (a third of the word, at least 2 edits), case ignored; none if far. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (!best || d < best.d) best = { c, d };
  }
  return best && best.d <= Math.max(2, Math.floor(word.length / 3)) ? best.c : undefined;
}

/** Levenshtein distance (insert, delete, substitute), one row at a time. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
