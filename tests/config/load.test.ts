import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load.ts';

const dir = mkdtempSync(join(tmpdir(), 'crieur-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const SPEC_EXAMPLE = `
group:      { name: "Groupe d'Utilisateurs PostgreSQL à Paris", locale: fr, timezone: Europe/Paris }
addresses:
  proposals: talks@pgug.example.org
  from: "PostgreSQL Paris <talks@pgug.example.org>"
  bounces: bounces@pgug.example.org
organizers: [dim@example.org]
inbox:    { url: "imap://user:pass@127.0.0.1:10143/INBOX" }
smtp:     { url: "smtp://127.0.0.1:2525" }
redis:    { url: "redis://127.0.0.1:6379", prefix: crieur }
database: { url: "pglite://./data/crieur" }
secret:   "0123456789abcdef0123"
lists:
  - { name: generale, address: pgsql-fr-generale@lists.postgresql.example, language: fr }
`;

describe('loadConfig', () => {
  it('reads the SPEC example as written', () => {
    const c = loadConfig({ file: file('spec.yaml', SPEC_EXAMPLE), env: {} });
    expect(c.group).toEqual({ name: "Groupe d'Utilisateurs PostgreSQL à Paris", locale: 'fr', timezone: 'Europe/Paris' });
    expect(c.addresses.bounces).toBe('bounces@pgug.example.org');
    expect(c.organizers).toEqual(['dim@example.org']);
    expect(c.inbox.url).toBe('imap://user:pass@127.0.0.1:10143/INBOX');
    expect(c.lists).toEqual([{ name: 'generale', address: 'pgsql-fr-generale@lists.postgresql.example', language: 'fr' }]);
    // defaults fill what the file does not say
    expect(c.inbox.processedFolder).toBe('Crieur/Processed');
    expect(c.limits.acksPerSenderPerDay).toBe(10);
  });

  it('gives zero-setup defaults with no file', () => {
    const c = loadConfig({ file: undefined, env: {} });
    expect(c.database.url).toBe('pglite://./data/crieur');
    expect(c.redis).toEqual({ url: 'redis://127.0.0.1:6379', prefix: 'crieur' });
    expect(c.secret).toBeUndefined();
  });

  it.each([
    ['CRIEUR_SMTP_URL', 'smtp://mail.example.org:587', (c: ReturnType<typeof loadConfig>) => c.smtp.url, 'smtp://mail.example.org:587'],
    ['CRIEUR_REDIS_PREFIX', 'other', (c: ReturnType<typeof loadConfig>) => c.redis.prefix, 'other'],
    ['CRIEUR_SECRET', 'from-the-environment-0123', (c: ReturnType<typeof loadConfig>) => c.secret, 'from-the-environment-0123'],
    ['CRIEUR_ORGANIZERS', 'a@x.org, b@x.org', (c: ReturnType<typeof loadConfig>) => c.organizers, ['a@x.org', 'b@x.org']],
    ['CRIEUR_ORGANIZERS', '["c@x.org"]', (c: ReturnType<typeof loadConfig>) => c.organizers, ['c@x.org']],
    ['CRIEUR_HTTP_PORT', '9999', (c: ReturnType<typeof loadConfig>) => c.http.port, 9999],
    ['CRIEUR_GROUP_LOCALE', 'en', (c: ReturnType<typeof loadConfig>) => c.group.locale, 'en'],
    ['CRIEUR_ADDRESSES_PROPOSALS', 'cfp@x.org', (c: ReturnType<typeof loadConfig>) => c.addresses.proposals, 'cfp@x.org'],
  ])('%s overrides the file', (name, value, pick, expected) => {
    const c = loadConfig({ file: file('base.yaml', SPEC_EXAMPLE), env: { [name]: value } });
    expect(pick(c)).toEqual(expected);
  });

  it.each([
    ['smtp:\n  url: ftp://x\n', 'smtp.url', {}],
    ['group: { timezone: Mars/Olympus }\n', 'group.timezone', {}],
    ['group: { locale: de }\n', 'group.locale', {}],
    ['organizers: [not-an-address]\n', 'organizers.0', {}],
    ['secret: short\n', 'secret', {}],
    ['{}\n', 'http.port', { CRIEUR_HTTP_PORT: 'eighty' }],
    ['{}\n', 'database.url', { CRIEUR_DATABASE_URL: 'mysql://x' }],
  ])('rejects %j naming %s', (yaml, key, env) => {
    const f = file('bad.yaml', yaml);
    let err: unknown;
    try {
      loadConfig({ file: f, env });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).exitCode).toBe(78);
    expect((err as Error).message).toContain(key);
  });

  it('says when the file is missing or not YAML', () => {
    expect(() => loadConfig({ file: join(dir, 'absent.yaml'), env: {} })).toThrow(/cannot read the configuration file .*: no such file — crieur init writes one; or give --config FILE/);
    expect(() => loadConfig({ file: file('broken.yaml', 'a: [1, 2\n'), env: {} })).toThrow(/not valid YAML/);
    expect(() => loadConfig({ file: file('list.yaml', '- a\n- b\n'), env: {} })).toThrow(/mapping/);
  });

  it('a YAML error names the line and the fix, and never quotes the file (audit z: it ended on a dangling colon)', () => {
    const twice = file('twice.yaml', 'secret: not-this-one-0123456789\nsecret: nor-this-one-0123456789\n');
    expect(() => loadConfig({ file: twice, env: {} })).toThrow(
      `${twice} is not valid YAML: Map keys must be unique at line 2, column 1 — correct that line (crieur init writes a valid file to compare with)`,
    );
    expect(() => loadConfig({ file: twice, env: {} })).not.toThrow(/this-one/);
  });

  // Black-box audit: `name: "x` left open said « Missing closing "quote at line 4, column 1 — correct that line » of a
  // three-line file — the parser gives up at the end of the file or the next key, not where the quote or bracket opened.
  it.each([
    ['a quote never closed', 'group:\n  name: "Groupe PostgreSQL\n  locale: fr\nsecret: never-shown-0123456789\n', /line 5, column 1: the quote " opened at line 2, column 9 is never closed — correct line 2 \(/],
    ["a single quote never closed", "group:\n  name: 'Groupe\norganizers: [dim@example.org]\n", /the quote ' opened at line 2, column 9 is never closed — correct line 2 \(/],
    ['a bracket never closed', 'organizers: [dim@example.org, anna@example.org\nsecret: never-shown-0123456789\n', /at line 2, column 1: the bracket \[ opened at line 1, column 13 is never closed — correct line 1 \(/],
    ['a brace never closed', 'log: { level: info\nsecret: never-shown-0123456789\n', /the bracket \{ opened at line 1, column 6 is never closed — correct line 1 \(/],
  ])('%s names the line where it opened', (_, yaml, says) => {
    const f = file(`open-${yaml.length}.yaml`, yaml);
    expect(() => loadConfig({ file: f, env: {} })).toThrow(says);
    expect(() => loadConfig({ file: f, env: {} })).not.toThrow(/never-shown/);
  });
});

describe('a section given a value instead of its keys (audit W)', () => {
  // `smtp: "smtp://…"` said « (set it in the file or with CRIEUR_SMTP) », a variable crieur refuses as unknown.
  it.each([
    ['smtp: "smtp://127.0.0.1:2525"', 'smtp', /smtp — expected object, received string: its keys go under it \(url, pool\), as in smtp: \{ url: … \} \(or CRIEUR_SMTP_URL, CRIEUR_SMTP_POOL\)/],
    ['http: 9464', 'http', /http — expected object, received number: its keys go under it \(host, port, [^)]*…\), as in http: \{ host: … \} \(or CRIEUR_HTTP_HOST, CRIEUR_HTTP_PORT, …\)/],
  ])('%s names its keys and their variables, never a variable that does not exist', (yaml, key, says) => {
    const err = (() => {
      try {
        loadConfig({ file: file(`section-${key}.yaml`, `${yaml}\n`), env: {} });
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(err?.message).toMatch(says);
    expect(err?.message).not.toMatch(new RegExp(`CRIEUR_${key.toUpperCase()}\\b(?!_)`));
  });
});

describe('relative paths written in the file', () => {
  // `crieur proposals list --config /srv/crieur/crieur.config.yaml` run from elsewhere (a home directory, cron's /)
  // made an empty PGlite database in the current directory and answered « no proposals ».
  it('are read from the file’s directory, whatever the current directory', () => {
    const sub = join(dir, 'srv-crieur');
    mkdirSync(sub, { recursive: true });
    const f = join(sub, 'crieur.config.yaml');
    writeFileSync(f, 'database: { url: "pglite://./data/crieur" }\ntemplates: { dir: local-templates }\n');
    const c = loadConfig({ file: f, env: {} });
    expect(c.database.url).toBe(`pglite://${join(sub, 'data', 'crieur')}`);
    expect(c.templates.dir).toBe(join(sub, 'local-templates'));
  });

  it('an absolute path, a postgres:// URL, a CRIEUR_* value and the built-in default are left as they are', () => {
    const f = file('paths.yaml', 'database: { url: "pglite:///var/lib/crieur/db" }\n');
    expect(loadConfig({ file: f, env: {} }).database.url).toBe('pglite:///var/lib/crieur/db');
    expect(loadConfig({ file: file('pg.yaml', 'database: { url: "postgres://u@db.example/crieur" }\n'), env: {} }).database.url).toBe('postgres://u@db.example/crieur');
    expect(loadConfig({ file: f, env: { CRIEUR_DATABASE_URL: 'pglite://./here' } }).database.url).toBe('pglite://./here');
    expect(loadConfig({ file: file('empty.yaml', 'log: { level: warn }\n'), env: {} }).database.url).toBe('pglite://./data/crieur');
  });
});
