/**
 * Reads the YAML file, applies `CRIEUR_*` overrides, validates. An invalid value becomes a ConfigError that
 * names the key and what is expected; the CLI maps it to exit 78.
 */
import { readFileSync, existsSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { configSchema, type Config } from './schema.ts';

export class ConfigError extends Error {
  readonly exitCode = 78;
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** The HMAC key for reply tokens: optional for `crieur parse`, required by whatever composes or sends mail. */
export function requireSecret(config: Config): string {
  if (!config.secret) throw new ConfigError('secret is not set — expected at least 16 characters, the HMAC key for reply tokens (secret: in the file, or CRIEUR_SECRET)');
  return config.secret;
}

/** Where mail goes out: required by whatever sends. */
export function requireSmtpUrl(config: Config): string {
  if (!config.smtp.url) throw new ConfigError('smtp.url is not set — expected a URL such as smtp://127.0.0.1:25 (or CRIEUR_SMTP_URL)');
  return config.smtp.url;
}

export const DEFAULT_CONFIG_FILE = 'crieur.config.yaml';

export interface LoadOptions {
  /** --config; when absent, ./crieur.config.yaml if it exists, else defaults only. */
  file?: string | undefined;
  env?: NodeJS.ProcessEnv;
}

export function loadConfig(opts: LoadOptions = {}): Config {
  const env = opts.env ?? process.env;
  const file = opts.file ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined);
  let raw: unknown = {};
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new ConfigError(`cannot read configuration file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    try {
      raw = parseYaml(text) ?? {};
    } catch (err) {
      throw new ConfigError(`${file} is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
    }
    if (typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${file}: expected a mapping of keys at the top level`);
  }
  const merged = applyEnv(raw as Record<string, unknown>, env);
  const result = configSchema.safeParse(merged);
  if (!result.success) throw new ConfigError(describe(result.error, file));
  return result.data;
}

/** CRIEUR_SMTP_URL → smtp.url. Paths come from the schema so that keys with no env var stay unambiguous. */
function applyEnv(raw: Record<string, unknown>, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out = structuredClone(raw);
  for (const { path, kind } of leafPaths(configSchema, [])) {
    const name = `CRIEUR_${path.map((p) => p.toUpperCase()).join('_')}`;
    const value = env[name];
    if (value === undefined) continue;
    let target: Record<string, unknown> = out;
    for (const key of path.slice(0, -1)) {
      const next = target[key];
      if (typeof next !== 'object' || next === null || Array.isArray(next)) target[key] = {};
      target = target[key] as Record<string, unknown>;
    }
    target[path[path.length - 1]!] = coerce(value, kind);
  }
  return out;
}

type LeafKind = 'string' | 'number' | 'boolean' | 'array';

function leafPaths(schema: z.ZodType, path: string[]): { path: string[]; kind: LeafKind }[] {
  const s = unwrap(schema);
  if (s instanceof z.ZodObject) {
    return Object.entries(s.shape as Record<string, z.ZodType>).flatMap(([k, v]) => leafPaths(v, [...path, k]));
  }
  if (s instanceof z.ZodArray) return [{ path, kind: 'array' }];
  if (s instanceof z.ZodNumber) return [{ path, kind: 'number' }];
  if (s instanceof z.ZodBoolean) return [{ path, kind: 'boolean' }];
  return [{ path, kind: 'string' }];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  for (;;) {
    if (s instanceof z.ZodDefault || s instanceof z.ZodOptional || s instanceof z.ZodPrefault || s instanceof z.ZodNullable) {
      s = (s as unknown as { unwrap(): z.ZodType }).unwrap();
    } else if (s instanceof z.ZodPipe) {
      s = (s as unknown as { in: z.ZodType }).in;
    } else return s;
  }
}

function coerce(value: string, kind: LeafKind): unknown {
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
        .filter((v) => v !== '');
    default:
      return value;
  }
}

function describe(error: z.ZodError, file: string | undefined): string {
  const issue = error.issues[0]!;
  const key = issue.path.join('.') || '(top level)';
  const where = file ? ` in ${file}` : '';
  const envName = `CRIEUR_${issue.path.filter((p) => typeof p === 'string').map((p) => String(p).toUpperCase()).join('_')}`;
  return `invalid configuration${where}: ${key} — expected ${issue.message.replace(/^Invalid input: /, '')} (set it in the file or with ${envName})`;
}
