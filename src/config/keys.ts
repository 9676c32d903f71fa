/**
 * What the schema knows, read from the schema itself: its leaf keys (for `CRIEUR_*` overrides) and the keys a
 * file or the environment names that it does not know. zod's objects drop unknown keys silently, so a typo
 * (`pollSecond`, `smtpp:`) would leave a default in force without a word; the walk below refuses them
 * whatever way each object was declared, so keys added to the schema later need no list kept in step.
 */
import type { ZodType } from 'zod';

export type LeafKind = 'string' | 'number' | 'boolean' | 'array';
export interface Leaf {
  path: string[];
  kind: LeafKind;
  /** An array's items, when they are scalars: what each item of `CRIEUR_X=a,b` becomes (`6,1` → [6, 1]). */
  element?: LeafKind;
}

/** Variables that configure the tooling (tests, bench, corpus), not crieur: never taken for a key. */
const TOOLING_VARS = /^CRIEUR_(TEST_|BENCH_|CORPUS$)/;

/**
 * A schema's definition. Read through `_zod.def` rather than `instanceof`: a part of the schema built by another
 * copy of zod (its ESM build, say) is still understood.
 */
interface Def {
  type: string;
  innerType?: ZodType;
  in?: ZodType;
  element?: ZodType;
  shape?: Record<string, ZodType>;
}
const def = (schema: ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Optional, default, nullable and pipe wrappers off: the schema that says what the value is. */
export function unwrap(schema: ZodType): ZodType {
  let s = schema;
  for (;;) {
    const d = def(s);
    if (d.innerType && ['default', 'optional', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional'].includes(d.type)) s = d.innerType;
    else if (d.type === 'pipe' && d.in) s = d.in;
    else return s;
  }
}

export function leafPaths(schema: ZodType, path: string[] = []): Leaf[] {
  const d = def(unwrap(schema));
  if (d.type === 'object') return Object.entries(d.shape!).flatMap(([k, v]) => leafPaths(v, [...path, k]));
  if (d.type === 'array') {
    const item = def(unwrap(d.element!)).type;
    const element: LeafKind | undefined = item === 'number' || item === 'boolean' || item === 'string' ? item : undefined;
    return [element ? { path, kind: 'array', element } : { path, kind: 'array' }];
  }
  if (d.type === 'number') return [{ path, kind: 'number' }];
  if (d.type === 'boolean') return [{ path, kind: 'boolean' }];
  return [{ path, kind: 'string' }];
}

/**
 * A key whose value is a mapping of keys (`events.defaults`, `dkim`, `smtp`): SPEC makes every key overridable, and its
 * variable takes the mapping as JSON (`CRIEUR_EVENTS_DEFAULTS='{"time":"18:30","venue":"…"}'`), as CRIEUR_LISTS takes a
 * list of entries. `keys` are its own keys, for the error's example.
 */
export interface Section {
  path: string[];
  kind: 'object';
  keys: string[];
}
/** A key a `CRIEUR_*` variable sets: a leaf, or a section as a whole. */
export type EnvKey = Leaf | Section;

/** Every mapping below the top level of `schema`, outermost first. */
export function sectionPaths(schema: ZodType, path: string[] = []): Section[] {
  const d = def(unwrap(schema));
  if (d.type !== 'object') return [];
  const own: Section[] = path.length > 0 ? [{ path, kind: 'object', keys: Object.keys(d.shape!) }] : [];
  return [...own, ...Object.entries(d.shape!).flatMap(([k, v]) => sectionPaths(v, [...path, k]))];
}

export const envName = (path: readonly (string | number)[]): string =>
  `CRIEUR_${path.filter((p) => typeof p === 'string').map((p) => String(p).toUpperCase()).join('_')}`;

/**
 * The names a key's variable goes by: SPEC's (`CRIEUR_TOKENS_MAXAGEDAYS`, each key upper-cased), and the one people
 * write for a camelCase key, its words apart (`CRIEUR_TOKENS_MAX_AGE_DAYS`) — it was refused, « did you mean »
 * naming the other, when nothing could be meant but that key.
 */
export function envNames(path: readonly (string | number)[]): string[] {
  const keys = path.filter((p): p is string => typeof p === 'string');
  const spelled = `CRIEUR_${keys.map((k) => k.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()).join('_')}`;
  const name = envName(path);
  return spelled === name ? [name] : [name, spelled];
}

/** The variable set for a key, under whichever of its names (SPEC's first), and its value. */
export function envSetting(path: readonly (string | number)[], env: NodeJS.ProcessEnv): { name: string; value: string } | undefined {
  for (const name of envNames(path)) {
    const value = env[name];
    if (value !== undefined) return { name, value };
  }
  return undefined;
}

/**
 * Keys set under both their names with different values (CRIEUR_TOKENS_MAXAGEDAYS=7 and CRIEUR_TOKENS_MAX_AGE_DAYS=30,
 * one in a unit file, one in a shell): either could be the one meant, and the other would be dropped without a word.
 */
export function conflictingEnvVars(leaves: readonly EnvKey[], env: NodeJS.ProcessEnv): { path: string[]; names: string[] }[] {
  return leaves.flatMap((l) => {
    const set = envNames(l.path).filter((n) => env[n] !== undefined);
    return set.length > 1 && new Set(set.map((n) => env[n])).size > 1 ? [{ path: l.path, names: set }] : [];
  });
}

export interface UnknownKey {
  /** Dotted key as the user wrote it (`inbox.pollSecond`, `lists.0.adress`), or the variable's name. */
  key: string;
  /** The closest known name at the same place, when one is close enough to be a typo. */
  suggestion: string | undefined;
}

/** Every key of `value` (a parsed YAML document) that the schema has no place for, depth first. */
export function unknownKeys(schema: ZodType, value: unknown, path: (string | number)[] = []): UnknownKey[] {
  const d = def(unwrap(schema));
  if (d.type === 'object' && isMapping(value)) {
    const shape = d.shape!;
    return Object.entries(value).flatMap(([k, v]) =>
      Object.hasOwn(shape, k) ? unknownKeys(shape[k]!, v, [...path, k]) : [{ key: [...path, k].join('.'), suggestion: closest(k, Object.keys(shape)) }],
    );
  }
  if (d.type === 'array' && Array.isArray(value)) return value.flatMap((v, i) => unknownKeys(d.element!, v, [...path, i]));
  // Records, unions and scalars: the schema's own validation speaks for them.
  return [];
}

/** `CRIEUR_*` variables that name no key (a typo there is as silent as one in the file). */
export function unknownEnvVars(leaves: readonly EnvKey[], env: NodeJS.ProcessEnv): UnknownKey[] {
  const known = leaves.flatMap((l) => envNames(l.path));
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
