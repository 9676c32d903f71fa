/**
 * Reads the YAML file, applies `CRIEUR_*` overrides, validates. An invalid value becomes a ConfigError that
 * names the key and what is expected; the CLI maps it to exit 78.
 */
import { fileErrorMessage } from '../core/text/file-error.ts';
import { readFileSync, existsSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { configSchema, type Config } from './schema.ts';
import { yamlErrorText } from './yaml-error.ts';
import { conflictingEnvVars, envName, envSetting, leafPaths, sectionPaths, unknownEnvVars, unknownKeys, type EnvKey, type LeafKind, type Section, type UnknownKey } from './keys.ts';

export class ConfigError extends Error {
  readonly exitCode = 78;
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Keys the schema leaves optional (`crieur parse` needs none of them) but that some commands cannot run
 * without, with what is expected. A command names the ones it needs to `loadConfig({ require })`, so that a
 * missing one is reported with every other problem of the file in one run.
 */
const REQUIRED = {
  secret: { expected: 'at least 16 characters, the HMAC key for reply tokens (secret: in the file, or CRIEUR_SECRET)' },
  'smtp.url': { expected: 'a URL such as smtp://127.0.0.1:25 (or CRIEUR_SMTP_URL)' },
  'inbox.url': { expected: 'imap://, imaps:// or maildir:/// (or CRIEUR_INBOX_URL)' },
} as const;
export type RequiredKey = keyof typeof REQUIRED;

const missing = (key: RequiredKey) => `${key} is not set — expected ${REQUIRED[key].expected}`;

/** The HMAC key for reply tokens: optional for `crieur parse`, required by whatever composes or sends mail. */
export function requireSecret(config: Config): string {
  if (!config.secret) throw new ConfigError(missing('secret'));
  return config.secret;
}

/** Where mail goes out: required by whatever sends. */
export function requireSmtpUrl(config: Config): string {
  if (!config.smtp.url) throw new ConfigError(missing('smtp.url'));
  return config.smtp.url;
}

/** The schema's leaf keys, each overridable by its `CRIEUR_*` variable. */
const LEAVES = leafPaths(configSchema);
/**
 * Every key a variable sets: the leaves, and the sections as a whole (CRIEUR_EVENTS_DEFAULTS='{…}'), outermost first —
 * the order they apply in, so that a variable of a key inside a section (CRIEUR_EVENTS_DEFAULTS_TIME) adds to the
 * section's JSON the keys it leaves out. Where both give the key, with different values, the run is refused
 * (disagreeingEnvVars): SPEC says no variable wins over another.
 */
const ENV_KEYS: readonly EnvKey[] = [...sectionPaths(configSchema), ...LEAVES].sort((a, b) => a.path.length - b.path.length);

export const DEFAULT_CONFIG_FILE = 'crieur.config.yaml';

export interface LoadOptions {
  /** --config; when absent, ./crieur.config.yaml if it exists, else defaults only. */
  file?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** Optional keys this command cannot run without (`start`: secret, smtp.url, inbox.url). */
  require?: readonly RequiredKey[];
}

/** The file loadConfig reads: --config, else ./crieur.config.yaml when it exists, else none (defaults only). */
export function configFileFor(file: string | undefined): string | undefined {
  return file ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined);
}

/**
 * The warning for a command about to run on built-in defaults alone — no file (--config, ./crieur.config.yaml) and
 * no CRIEUR_* key set — or null. Defaults are right for the demo and for deployments configured by the environment
 * alone; with neither, it is most often an operator in the wrong directory, about to read an empty database or
 * write members into a throwaway one (./data/crieur here).
 */
export function defaultsWarning(file: string | undefined, env: NodeJS.ProcessEnv = process.env): string | null {
  if (configFileFor(file) !== undefined || ENV_KEYS.some((l) => envSetting(l.path, env) !== undefined)) return null;
  const database = configSchema.parse({}).database.url;
  return `no ${DEFAULT_CONFIG_FILE} here and no --config: running on built-in defaults (database ${database}); run crieur init or pass --config FILE`;
}

export function loadConfig(opts: LoadOptions = {}): Config {
  const env = opts.env ?? process.env;
  const file = configFileFor(opts.file);
  let raw: unknown = {};
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new ConfigError(configFileError(err, file));
    }
    try {
      raw = parseYaml(text) ?? {};
    } catch (err) {
      throw new ConfigError(`${file} is not valid YAML: ${yamlErrorText(err, text)} (crieur init writes a valid file to compare with)`);
    }
    if (typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${file}: expected a mapping of keys at the top level`);
  }
  // Every problem at once: a typo, a bad value and a missing secret are three lines of one run, not three runs.
  // Each says where it comes from: a value set by a CRIEUR_* variable is the variable's, not the file's.
  const merged = applyEnv(withoutNulls(raw) as Record<string, unknown>, env);
  const problems: Problem[] = [
    ...unknownKeys(configSchema, raw).map((u) => ({ text: unknownLine(u), from: 'file' as const })),
    // A variable may bring keys of its own (CRIEUR_LISTS='[{…}]'): checked like the file's, naming the variable.
    ...unknownKeys(configSchema, merged).flatMap((u) => {
      const from = setBy(u.key, env);
      return from ? [{ text: unknownLine({ ...u, key: `${u.key} (from ${from})` }), from: 'env' as const }] : [];
    }),
    ...unknownEnvVars(ENV_KEYS, env).map((u) => ({ text: unknownLine(u), from: 'env' as const })),
    ...conflictingEnvVars(ENV_KEYS, env).map(({ path, names }) => ({
      text: `${names.map((n) => `${n}=${shownValue(path.join('.'), env[n]!)}`).join(' and ')} both set ${path.join('.')}: keep one`,
      from: 'env' as const,
    })),
    ...disagreeingEnvVars(env).map((text) => ({ text, from: 'env' as const })),
  ];
  const result = configSchema.safeParse(merged);
  if (!result.success) {
    const lines = issueProblems(result.error.issues, merged, env);
    // A variable's value is said once: CRIEUR_LISTS=a,b is one mistake, not one per item.
    problems.push(...lines.filter((p, i) => lines.findIndex((q) => q.text === p.text) === i));
  }
  // Required keys have no default: absent from file and environment is missing, whatever else is wrong.
  for (const key of opts.require ?? []) if (valueAt(merged, key) === undefined) problems.push({ text: missing(key), from: 'either' });
  if (problems.length > 0 || !result.success) throw new ConfigError(describe(problems, file));
  return file === undefined ? result.data : anchored(result.data, raw as Record<string, unknown>, dirname(resolve(file)), env);
}

/**
 * A relative path written in the file is read from the file's directory, as docker compose reads its own: `crieur
 * proposals list --config /srv/crieur/crieur.config.yaml` run from the home directory (or by cron, from /) otherwise
 * made an empty PGlite database under the current directory (≈ 20 s, ≈ 1 GB) and answered « no proposals ». A value
 * given by a CRIEUR_* variable, and the built-in default (no file said it), stay relative to the current directory.
 */
function anchored(config: Config, raw: Record<string, unknown>, dir: string, env: NodeJS.ProcessEnv): Config {
  const written = (key: string) => valueAt(raw, key) !== undefined && setBy(key, env) === undefined;
  const pglite = /^pglite:\/\/(.+)$/i.exec(config.database.url);
  const database =
    written('database.url') && pglite && !isAbsolute(pglite[1]!.trim()) ? { ...config.database, url: `pglite://${resolve(dir, pglite[1]!.trim())}` } : config.database;
  const templatesDir = config.templates.dir;
  const templates = written('templates.dir') && templatesDir && !isAbsolute(templatesDir) ? { ...config.templates, dir: resolve(dir, templatesDir) } : config.templates;
  return database === config.database && templates === config.templates ? config : { ...config, database, templates };
}

/**
 * One line of a ConfigError, and where the value came from: the file, a CRIEUR_* variable, neither (a key not set), or
 * both (a section the file and variables filled in together).
 */
interface Problem {
  text: string;
  from: 'file' | 'env' | 'either' | 'both';
}

/**
 * The configuration file that cannot be read, with the fix for that cause: under systemd the file `crieur init`
 * wrote (mode 0600, root's) is unreadable by `User=crieur`, and the unit's RestartPreventExitStatus=78 means no retry.
 */
export function configFileError(err: unknown, file: string): string {
  const readable = 'make it readable by the user crieur runs as (chown root:crieur, chmod 640)';
  return fileErrorMessage(err, {
    path: file,
    role: 'config',
    what: 'the configuration file',
    fixes: { ENOENT: 'crieur init writes one; or give --config FILE', EACCES: readable, EPERM: readable, EISDIR: 'give --config the file, not a directory' },
  });
}

/**
 * CRIEUR_SMTP_URL → smtp.url, CRIEUR_EVENTS_DEFAULTS → events.defaults (a section's JSON replaces what the file has
 * under it, as CRIEUR_LISTS replaces the file's lists). Paths come from the schema so that keys with no env var stay
 * unambiguous.
 */
function applyEnv(raw: Record<string, unknown>, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out = structuredClone(raw);
  for (const key of ENV_KEYS) {
    const { path } = key;
    const value = envSetting(path, env)?.value;
    if (value === undefined) continue;
    let target: Record<string, unknown> = out;
    for (const key of path.slice(0, -1)) {
      const next = target[key];
      if (typeof next !== 'object' || next === null || Array.isArray(next)) target[key] = {};
      target = target[key] as Record<string, unknown>;
    }
    target[path[path.length - 1]!] = key.kind === 'object' ? sectionValue(value) : coerce(value, key.kind, key.element);
  }
  return out;
}

/**
 * A key given twice, with different values, by a section's JSON and by the variable of the key inside it
 * (CRIEUR_SMTP='{"url":"smtp://relay:25"}' and CRIEUR_SMTP_URL=smtp://mail:2525, one in a compose file, one in a unit):
 * either could be the one meant, and the inner one won without a word. One line each, naming both: « CRIEUR_SMTP_URL=…
 * and CRIEUR_SMTP's "url" (…) both set smtp.url: keep one ». The same value twice, or a key the JSON leaves out, is no
 * disagreement.
 */
function disagreeingEnvVars(env: NodeJS.ProcessEnv): string[] {
  const lines: string[] = [];
  for (const outer of ENV_KEYS) {
    if (outer.kind !== 'object') continue;
    const whole = envSetting(outer.path, env);
    const json = whole ? sectionValue(whole.value) : undefined;
    if (!whole || typeof json !== 'object' || json === null || Array.isArray(json)) continue;
    for (const inner of ENV_KEYS) {
      if (inner.path.length <= outer.path.length || !outer.path.every((k, i) => inner.path[i] === k)) continue;
      const set = envSetting(inner.path, env);
      const rel = inner.path.slice(outer.path.length);
      const given = valueAt(json as Record<string, unknown>, rel.join('.'));
      if (!set || given === undefined) continue;
      const value = inner.kind === 'object' ? sectionValue(set.value) : coerce(set.value, inner.kind, inner.element);
      if (isDeepStrictEqual(value, given)) continue;
      const dotted = inner.path.join('.');
      const shownGiven = shownValue(dotted, typeof given === 'string' ? given : JSON.stringify(given));
      lines.push(`${set.name}=${shownValue(dotted, set.value)} and ${whole.name}'s "${rel.join('.')}" (${shownGiven}) both set ${dotted}: keep one`);
    }
  }
  return lines;
}

/** A section's variable: its JSON, nulls dropped as the file's are; else the text, which validation then refuses. */
function sectionValue(value: string): unknown {
  try {
    return withoutNulls(JSON.parse(value));
  } catch {
    return value;
  }
}

/**
 * The variable a key's value comes from — the most precise one set on the way to it (CRIEUR_EVENTS_DEFAULTS_TIME, else
 * CRIEUR_EVENTS_DEFAULTS, for events.defaults.time; CRIEUR_LISTS for lists.0.bogus) — or undefined: the file's, or unset.
 */
function setterOf(path: readonly string[], env: NodeJS.ProcessEnv): { key: EnvKey; name: string; value: string } | undefined {
  let found: { key: EnvKey; name: string; value: string } | undefined;
  for (const key of ENV_KEYS) {
    if (key.path.length > path.length || !key.path.every((k, i) => path[i] === k)) continue;
    const set = envSetting(key.path, env);
    if (set) found = { key, ...set };
  }
  return found;
}

/** The variable whose value holds `dotted` (`lists.0.bogus` → CRIEUR_LISTS), if one is set; else the key is the file's. */
function setBy(dotted: string, env: NodeJS.ProcessEnv): string | undefined {
  return setterOf(dotted.split('.'), env)?.name;
}

/** A variable's text as the value the file would hold: `6,1` for a list of numbers is [6, 1], as `[6, 1]` is. */
function coerce(value: string, kind: LeafKind, element?: LeafKind): unknown {
  switch (kind) {
    case 'number':
      return value.trim() === '' ? value : Number(value);
    case 'boolean':
      return /^(1|true|yes|on)$/i.test(value) ? true : /^(0|false|no|off)$/i.test(value) ? false : value;
    case 'array':
      if (value.trim().startsWith('[')) {
        try {
          return JSON.parse(value);
        } catch {
          return value;
        }
      }
      return value
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '')
        .map((v) => (element === 'number' || element === 'boolean' ? coerce(v, element) : v));
    default:
      return value;
  }
}

function unknownLine(u: UnknownKey): string {
  const where = u.key.startsWith('CRIEUR_') ? 'environment variable' : 'key';
  return `unknown ${where} ${u.key}${u.suggestion ? ` — did you mean ${u.suggestion}?` : ' — see crieur init for every key'}`;
}

function issueProblem(issue: z.core.$ZodIssue, env: NodeJS.ProcessEnv): Problem {
  const key = issue.path.join('.') || '(top level)';
  const leafPath = untilIndex(issue.path);
  const setter = setterOf(leafPath, env);
  if (setter?.key.kind === 'object') return sectionProblem(issue, setter.key, setter);
  const leaf = LEAVES.find((l) => l.path.join('.') === leafPath.join('.'));
  const set = leaf ? envSetting(leafPath, env) : undefined;
  const name = set?.name ?? envName(leafPath);
  const value = set?.value;
  if (value === undefined) {
    // A section given a value in the file (`smtp: "smtp://…"`, `inbox: maildir:///…`): name its keys and their variables
    // (its own, CRIEUR_SMTP, takes JSON: not what the writer of a URL there meant).
    const inner = leaf ? [] : LEAVES.filter((l) => l.path.length > leafPath.length && leafPath.every((k, i) => l.path[i] === k));
    if (inner.length > 0) {
      const keys = inner.map((l) => l.path.slice(leafPath.length).join('.'));
      const vars = inner.slice(0, 2).map((l) => envName(l.path));
      return { text: `${key} — expected ${expectedOf(issue.message)}: its keys go under it (${keys.slice(0, 4).join(', ')}${keys.length > 4 ? ', …' : ''}), as in ${key}: { ${keys[0]}: … } (or ${vars.join(', ')}${inner.length > 2 ? ', …' : ''})`, from: 'file' };
    }
    // A list of entries, or one of its entries, written as a word (`lists: generale`, `- generale`): an entry has keys.
    const example = LIST_EXAMPLES[leafPath.join('.')];
    if (example && issue.code === 'invalid_type' && issue.path.length <= leafPath.length + 1) {
      const what = issue.path.length > leafPath.length ? 'an entry with its keys' : 'a list of entries with their keys';
      return { text: `${key} — expected ${what}, as in ${leafPath.join('.')}: [${flowEntry(example)}] (set it in the file or with ${name})`, from: 'file' };
    }
    return { text: `${key} — expected ${expectedOf(issue.message)} (set it in the file or with ${name})`, from: 'file' };
  }
  // The variable overrides the file: name it and its value, not the file (CRIEUR_HTTP_PORT=abc: http.port must be a number).
  const shown = `${name}=${shownValue(leafPath.join('.'), value)}`;
  // An entry's own key (`lists.0.language`) is named with what it must be: the variable is a JSON list of entries
  // already (it was told « must be a JSON list of entries », a review found, when one entry's language was « de »).
  if (leaf?.kind === 'array' && leaf.element === undefined && issue.path.length <= leafPath.length + 1) {
    // A list of entries (lists) has no comma form: only JSON says each entry's keys.
    const example = LIST_EXAMPLES[leafPath.join('.')] ?? '[{…}]';
    return { text: `${shown}: ${leafPath.join('.')} must be a JSON list of entries, e.g. ${name}='${example}'`, from: 'env' };
  }
  return { text: `${shown}: ${key} must be ${mustBe(issue.message)}`, from: 'env' };
}

/**
 * A problem with a value a section's variable set (CRIEUR_EVENTS_DEFAULTS='{"time":"7pm"}'): the variable is named, and
 * the key inside it; a value that is no JSON object gets the form it takes.
 */
function sectionProblem(issue: z.core.$ZodIssue, section: Section, set: { name: string; value: string }): Problem {
  const shown = `${set.name}=${shownValue(section.path.join('.'), set.value)}`;
  const dotted = section.path.join('.');
  if (issue.path.length > section.path.length) return { text: `${shown}: ${issue.path.join('.')} must be ${mustBe(issue.message)}`, from: 'env' };
  let json = true;
  try {
    JSON.parse(set.value);
  } catch {
    json = false;
  }
  const example = SECTION_EXAMPLES[dotted] ?? `{${section.keys.map((k) => `"${k}":…`).join(',')}}`;
  return { text: `${shown}: ${json ? '' : 'not valid JSON; '}${dotted} must be a JSON object of its keys, e.g. ${set.name}='${example}'`, from: 'env' };
}

/** The JSON a section's variable takes, where a real value says more than its keys (README, Configuration). */
const SECTION_EXAMPLES: Readonly<Record<string, string>> = {
  'events.defaults': '{"time":"19:00","venue":"Salle Paul Langevin, Paris"}',
  dkim: '{"domain":"pgug.example.org","selector":"crieur","keyFile":"/etc/crieur/dkim.pem"}',
};

/**
 * Each of zod's issues as a Problem (issueProblem), but keys a section lacks when what it holds was set by variables
 * (only CRIEUR_DKIM_DOMAIN=example.org, the file saying nothing of dkim): that problem is the variables', not the file's —
 * it was reported as « invalid configuration in crieur.config.yaml, 2 problems: dkim.selector … dkim.keyFile ». Such a
 * section's missing keys are one line, where its first one was, naming the variables, what is missing and both fixes.
 * A section the file alone filled in keeps a line per key, as before.
 */
function issueProblems(issues: readonly z.core.$ZodIssue[], merged: Record<string, unknown>, env: NodeJS.ProcessEnv): Problem[] {
  // the section (dotted) of each issue that is a key absent from a section that holds others
  const sectionOf = issues.map((issue) => {
    const path = issue.path;
    // a key of a section, or of a list's entry (lists.0.name: the index is a key of the list as written)
    if (issue.code !== 'invalid_type' || path.length < 2 || typeof path.at(-1) !== 'string' || !path.every((p) => typeof p === 'string' || typeof p === 'number')) return undefined;
    const holder = lookup(merged, path.slice(0, -1).map(String));
    const absent = typeof holder === 'object' && holder !== null && !Array.isArray(holder) && !Object.hasOwn(holder, path.at(-1) as string);
    return absent ? path.slice(0, -1).join('.') : undefined;
  });
  const lines = new Map<string, Problem | undefined>();
  for (const at of new Set(sectionOf)) {
    if (at !== undefined) lines.set(at, missingKeys(at.split('.'), issues.filter((_, j) => sectionOf[j] === at).map((m) => m.path.at(-1) as string), merged, env));
  }
  const said = new Set<string>();
  return issues.flatMap((issue, i) => {
    const at = sectionOf[i];
    const line = at === undefined ? undefined : lines.get(at);
    if (line === undefined) return [issueProblem(issue, env)];
    if (said.has(at!)) return [];
    said.add(at!);
    return [line];
  });
}

/**
 * The one line for keys `missing` from the section at `parent`, naming the section's missing keys together, and who set
 * the rest: the file alone (« dkim.selector and dkim.keyFile are missing (the file sets dkim.domain): add them under dkim
 * in the file, or set CRIEUR_DKIM_SELECTOR and CRIEUR_DKIM_KEYFILE » — it was a line per key, « expected string,
 * received undefined »), variables, or both.
 */
function missingKeys(parent: string[], missing: string[], merged: Record<string, unknown>, env: NodeJS.ProcessEnv): Problem {
  if (parent.some((k) => /^\d+$/.test(k))) return missingFromEntry(parent, missing, merged, env);
  const at = parent.join('.');
  const present = Object.keys(lookup(merged, parent) as Record<string, unknown>).map((k) => ({ key: `${at}.${k}`, by: setterOf([...parent, k], env)?.name }));
  const vars = [...new Set(present.flatMap((p) => (p.by ? [p.by] : [])))];
  const keys = missing.map((k) => `${at}.${k}`);
  const are = keys.length > 1 ? 'are' : 'is';
  const missingVars = missing.map((k) => envName([...parent, k]));
  const inFile = present.filter((p) => !p.by).map((p) => p.key);
  if (vars.length === 0) {
    const sets = inFile.length > 0 ? ` (the file sets ${and(inFile)})` : '';
    return { text: `${and(keys)} ${are} missing${sets}: add ${keys.length > 1 ? 'them' : 'it'} under ${at} in the file, or set ${and(missingVars)}`, from: 'file' };
  }
  const setters = vars.map((v) => `${v} sets ${present.filter((p) => p.by === v).map((p) => p.key).join(', ')}`);
  if (inFile.length === 0) return { text: `${and(setters)}, but ${and(keys)} ${are} missing: set ${and(missingVars)}, or remove ${and(vars)}`, from: 'env' };
  // filled in partly by the file, partly by variables: either may be the one to complete
  return { text: `${and(keys)} ${are} missing (${and(setters)}; the file sets ${inFile.join(', ')}): set ${keys.length > 1 ? 'them' : 'it'} in the file or with ${and(missingVars)}`, from: 'both' };
}

/**
 * The one line for keys `missing` from an entry of a list (`lists: [{ address: … }]`): it was zod's « lists.0.name —
 * expected string, received undefined », beside « lists.0.address — expected an email address » for an address left
 * out (contract audit of the CLI). Which entry, what it lacks, what it sets, and an entry as it should be; a list a
 * variable set (CRIEUR_LISTS) is that variable's to fix.
 */
function missingFromEntry(parent: string[], missing: string[], merged: Record<string, unknown>, env: NodeJS.ProcessEnv): Problem {
  const at = parent.join('.');
  const list = parent.slice(0, parent.findIndex((k) => /^\d+$/.test(k)));
  const keys = missing.map((k) => `${at}.${k}`);
  const are = keys.length > 1 ? 'are' : 'is';
  const has = Object.keys(lookup(merged, parent) as Record<string, unknown>);
  const sets = has.length > 0 ? `sets ${and(has)}` : 'is empty';
  const example = LIST_EXAMPLES[list.join('.')];
  const set = setterOf(list, env);
  if (set) {
    const shown = `${set.name}=${shownValue(list.join('.'), set.value)}`;
    return { text: `${shown}: ${and(keys)} ${are} missing (the entry ${sets}): add ${and(missing)} to it${example ? `, e.g. ${set.name}='${example}'` : ''}`, from: 'env' };
  }
  const entry = example ? `, as in ${list.join('.')}: [${flowEntry(example)}]` : '';
  return { text: `${and(keys)} ${are} missing (the entry ${sets}): add ${keys.length > 1 ? 'them' : 'it'} to that entry in the file${entry}`, from: 'file' };
}

/** A JSON list's first entry as YAML writes it in a line: `{ name: generale, address: …, language: fr }`. */
function flowEntry(json: string): string {
  const first = (JSON.parse(json) as Record<string, unknown>[])[0] ?? {};
  return `{ ${Object.entries(first).map(([k, v]) => `${k}: ${String(v)}`).join(', ')} }`;
}

/** `a`, `a and b`, `a, b and c`. */
function and(words: readonly string[]): string {
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words.at(-1)}` : (words[0] ?? '');
}

/** The value at `path`, as written (no empty-string rule: see valueAt). */
function lookup(root: Record<string, unknown>, path: readonly string[]): unknown {
  let v: unknown = root;
  for (const k of path) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

/** The JSON a variable holding a list of entries takes (README, Configuration). */
const LIST_EXAMPLES: Readonly<Record<string, string>> = {
  lists: '[{"name":"generale","address":"pgsql-fr-generale@lists.postgresql.example","language":"fr"}]',
};

/** A variable's value as the error line shows it: never a secret or a password, never a whole page. */
function shownValue(key: string, value: string): string {
  if (ENV_KEYS.some((k) => k.kind === 'object' && k.path.join('.') === key)) return shownSection(key, value);
  // The leaf's name says what is secret: `tokens.maxAgeDays` is a number of days, shown (it was hidden for « token »).
  if (SECRET_NAME.test(key.split('.').pop() ?? key)) return '(hidden)';
  // A URL's credentials, however written (a slash missing, no user, an @ in the password): everything between the
  // scheme and the last @ is hidden (a review: `smtp:/user:pass@host` printed the password).
  const safe = /^[a-z][a-z0-9+.-]*:/i.test(value) || /url$/i.test(key) ? value.replace(/^((?:[a-z][a-z0-9+.-]*:)?\/*)[^]*@/i, '$1***@') : value;
  const cut = safe.length > 80 ? `${safe.slice(0, 77)}…` : safe;
  return cut === '' || /[\s'"]/.test(cut) ? JSON.stringify(cut) : cut;
}

/** A leaf whose name says its value is secret. */
const SECRET_NAME = /secret|password|token$|key$/i;

/**
 * A section's JSON as the error line shows it: hidden whole when one of its keys may hold a secret or a URL's
 * credentials (CRIEUR_HTTP_ADMIN, CRIEUR_SMTP), since the JSON may put them anywhere; else as the shell takes it.
 */
function shownSection(key: string, value: string): string {
  const risky = LEAVES.some((l) => l.path.join('.').startsWith(`${key}.`) && (SECRET_NAME.test(l.path.at(-1)!) || /url$/i.test(l.path.at(-1)!)));
  if (risky) return '(hidden)';
  const cut = value.length > 80 ? `${value.slice(0, 77)}…` : value;
  if (cut !== '' && !/[\s'"]/.test(cut)) return cut;
  return cut.includes("'") ? JSON.stringify(cut) : `'${cut}'`;
}

/**
 * What a value must be, from zod's message: `Invalid input: expected number, received NaN` → `a number`, `Too small:
 * expected number to be >=0` → `a number >=0`; the schema's own phrases (`fr or en`, `a URL starting with …`) as they are.
 */
function mustBe(message: string): string {
  const t = expectedOf(message).replace(/, received .*$/, '');
  // zod's enum: `one of "fr"|"en"` → `fr or en`, as the schema's own messages say it (group.locale)
  const choices = /^one of ((?:"[^"]*"\|?)+)$/.exec(t);
  if (choices) {
    const words = [...choices[1]!.matchAll(/"([^"]*)"/g)].map((c) => c[1]!);
    return words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words.at(-1)}` : words.join('');
  }
  const m = /^(number|string|boolean|object|array|int|integer)(?: to (?:be|have) (.*))?$/.exec(t);
  if (!m) return t;
  const noun: Record<string, string> = { number: 'a number', string: 'a text', boolean: 'true or false', object: 'an entry with keys', array: 'a list', int: 'a whole number', integer: 'a whole number' };
  return m[2] ? `${noun[m[1]!]} ${m[2]}` : noun[m[1]!]!;
}

/**
 * What a zod message says is expected, without zod's heading: `Invalid input: expected number, received
 * string` → `number, received string` (the line says "expected" itself); the schema's own messages as they are.
 */
function expectedOf(message: string): string {
  return message.replace(/^(Invalid [a-z ]+|Too (small|big)): /, '').replace(/^expected /, '');
}

/** `admin:` with nothing under it (every line commented out, as `crieur init` writes it) is a key not set. */
function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, withoutNulls(x)]));
}

function valueAt(root: Record<string, unknown>, dotted: string): unknown {
  let v: unknown = root;
  for (const k of dotted.split('.')) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined;
  return v === '' || v === null ? undefined : v;
}

/** `lists.0.address` is set by CRIEUR_LISTS as a whole: the variable stops at the first array index. */
function untilIndex(path: readonly PropertyKey[]): string[] {
  const i = path.findIndex((p) => typeof p !== 'string');
  return (i < 0 ? path : path.slice(0, i)) as string[];
}

function describe(problems: Problem[], file: string | undefined): string {
  // The file is named only when a problem is in it: a bad CRIEUR_* value is not the file's to fix.
  const inFile = file !== undefined && problems.some((p) => p.from !== 'env');
  const inEnv = problems.some((p) => p.from === 'env' || p.from === 'both');
  const where = inFile && inEnv ? ` in ${file} and the environment` : inFile ? ` in ${file}` : inEnv ? ' in the environment' : '';
  if (problems.length === 1) return `invalid configuration${where}: ${problems[0]!.text}`;
  // Every problem of the run, in two lines: SPEC's errors are one or two lines (a line each made three to a dozen).
  const [first, ...rest] = problems.map((p) => p.text);
  return `invalid configuration${where}, ${problems.length} problems: ${first}\n  also: ${rest.join('; ')}`;
}
