/** `crieur doctor` — one line per configured service: ok, or what is wrong and how to fix it. */
import type { Command } from 'commander';
import { configFileFor, loadConfig } from '../../config/load.ts';
import type { Config } from '../../config/schema.ts';
import { openStore } from '../../adapters/db/open.ts';
import { RedisDatabaseError, RedisLoginError, RedisPermissionError, RedisUnavailableError, connectRedis, redisLabel } from '../../adapters/queue/redis.ts';
import { createSender } from '../../adapters/smtp/sender.ts';
import { checkInbox } from '../../adapters/inbox/check.ts';
import { EXIT } from '../exit-codes.ts';
import { announceChecks } from './doctor-announce.ts';
import { parseDbUrl, redact } from '../../adapters/db/url.ts';
import { pgliteCreated } from '../../adapters/db/pglite-open.ts';
import { InboxError, isPermanent } from '../../adapters/inbox/types.ts';
import { DbError } from '../../adapters/db/db.ts';
import { existsSync } from 'node:fs';
import { access, constants } from 'node:fs/promises';
import { dirname } from 'node:path';

interface Check {
  name: string;
  target: string;
  run(): Promise<string | void>;
  /** What to do about a failure; a function when the cause decides it. */
  fix: string | ((err: unknown) => string);
  /**
   * Whether a failure is the configuration's to fix (what `crieur start` exits 78 for: a missing key, a login
   * refused, a missing Maildir) rather than a service not there (1). Default: the error's own exit code says 78.
   */
  isConfig?: (err: unknown) => boolean;
}

/** A failure that is the configuration's (exit 78), thrown by the checks below. */
class ConfigFailure extends Error {
  readonly exitCode = EXIT.config;
}
/** Redis let crieur's user in but its ACL refuses a command or key crieur needs: the configuration's too. */
class PermissionFailure extends ConfigFailure {}
/** redis.url names a database number the server does not have: the configuration's too. */
class DatabaseNumberFailure extends ConfigFailure {}
/** The ACL user redis.url names, `default` when none. */
function redisUser(url: string): string {
  try {
    return decodeURIComponent(new URL(url).username) || 'default';
  } catch {
    return 'default';
  }
}
const saysConfig = (err: unknown) => (err as { exitCode?: unknown } | null)?.exitCode === EXIT.config;

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check every configured service and print one line each')
    .option('--config <file>', 'configuration file')
    .action(async (opts: { config?: string }) => {
      const config = loadConfig({ file: opts.config });
      // Names the file actually read: ./crieur.config.yaml counts even without --config.
      process.stdout.write(`ok    config     ${configFileFor(opts.config) ?? 'defaults + environment'} (group ${config.group.name})\n`);
      let failed = 0;
      let unreachable = 0;
      for (const c of checks(config)) {
        try {
          const note = await c.run();
          process.stdout.write(`ok    ${c.name.padEnd(10)} ${c.target}${note ? ` (${note})` : ''}\n`);
        } catch (err) {
          failed++;
          if (!(c.isConfig ?? saysConfig)(err)) unreachable++;
          const [cause, fix] = causeAndFix((err as Error).message.split('\n')[0]!, (typeof c.fix === 'function' ? c.fix(err) : c.fix).split('\n')[0]!);
          // One line a check (SPEC): the cause, then its fix after « — fix: », on the same line.
          process.stdout.write(`FAIL  ${c.name.padEnd(10)} ${c.target}: ${cause} — fix: ${fix}\n`);
        }
      }
      // As `crieur start` would exit: 78 when every failure is the configuration's (not worth a restart), 1 when a
      // service is not there (it may come back).
      if (failed) process.exitCode = unreachable ? EXIT.failure : EXIT.config;
    });
}

/**
 * The cause and the fix, each said once: an error `crieur start` prints alone carries its own fix after the cause
 * (« cannot log in as bob at …: correct database.url (or create the role: createuser bob) », « Maildir /x does not
 * exist: create it (mkdir -p /x/{new,cur,tmp}) or correct inbox.url »), which on the doctor's one line read twice,
 * before « — fix: » and after. The cause's own fix is taken off it — and kept as the fix when it is the more
 * precise one (it names the path, the command) than the check's by code.
 */
export function causeAndFix(message: string, fix: string): [string, string] {
  const trimmed = (cause: string) => cause.replace(/[\s:;,—-]+$/, '');
  if (fix && message.endsWith(fix) && message.length > fix.length) return [trimmed(message.slice(0, -fix.length)), fix];
  const own = /^(.+?): ((?:create|correct|make|set|give|start|choose|name)\b[^:]*\b(?:inbox|database|redis|smtp)\.url)\.?$/.exec(message);
  return own ? [own[1]!, own[2]!] : [message, fix];
}

/** RFC 2606's reserved top-level domain: crieur's defaults use it, and no mail reaches it. */
const isInvalid = (address: string) => /\.invalid>?\s*$/i.test(address.trim()) || /@invalid>?\s*$/i.test(address.trim());

function checks(config: Config): Check[] {
  const list: Check[] = [
    {
      name: 'database',
      target: redact(config.database.url),
      run: async () => {
        // Doctor looks, it does not create: a PGlite directory that does not exist yet is `crieur start`'s to make.
        const notYet = await pgliteNotCreated(config.database.url);
        if (notYet) return notYet;
        const store = await openStore(config.database.url);
        try {
          await store.proposals.list({ status: 'received' });
          return describedBeyondLabel(store.describe(), parseDbUrl(config.database.url).label);
        } finally {
          await store.close();
        }
      },
      fix: (err) => {
        // Classified where the database was opened (malformed URL, login refused, missing database, directory): its fix.
        if (err instanceof DbError && err.fix) return err.fix;
        const createdb = /createdb \S+/.exec((err as Error).message)?.[0];
        if (createdb) return `${createdb} (or correct database.url)`;
        return config.database.url.startsWith('pglite')
          ? 'check that the directory is writable, or that the `crieur start` serving it is healthy'
          : 'start PostgreSQL (e.g. apt-get install postgresql), check the URL, or use pglite://./data/crieur';
      },
    },
    {
      name: 'redis',
      target: redisLabel(config.redis.url),
      run: async () => {
        let r;
        try {
          // As long as the SMTP check waits: at 2 s a Redis that answers, on a loaded machine, was called « not reachable »
          // and its operator told to start it (a CI run saw it on an ACL check that should have said NOPERM).
          r = await connectRedis(config.redis.url, { timeoutMs: DOCTOR_REDIS_TIMEOUT_MS, prefix: config.redis.prefix });
        } catch (err) {
          // The cause alone: the fix is on the line below (the error's own text carries it too, for start).
          if (err instanceof RedisLoginError) throw new ConfigFailure(`login refused (${err.reason})`);
          if (err instanceof RedisDatabaseError) throw new DatabaseNumberFailure(`no such database (${err.reason})`);
          if (err instanceof RedisPermissionError) throw new PermissionFailure(`permission refused to ${redisUser(config.redis.url)} (${err.reason})`);
          if (err instanceof RedisUnavailableError) throw new Error(`not reachable (${err.reason})`);
          throw err;
        }
        await r.quit();
      },
      fix: (err) =>
        err instanceof PermissionFailure
          ? `give the ACL user crieur's commands and keys (ACL SETUSER ${redisUser(config.redis.url)} +@all ~${config.redis.prefix}:* &*), or name another user in redis.url`
          : err instanceof DatabaseNumberFailure
          ? "correct the database number in redis.url (redis://host:port/N, N below the server's `databases`, 16 by default) or CRIEUR_REDIS_URL"
          : err instanceof ConfigFailure
          ? 'correct the password in redis.url (redis://:PASSWORD@host:port) or CRIEUR_REDIS_URL'
          : 'start Redis (apt-get install redis-server; redis-server) or set redis.url / CRIEUR_REDIS_URL',
    },
    {
      name: 'secret',
      target: config.secret ? 'set' : 'missing',
      run: async () => {
        if (!config.secret) throw new ConfigFailure('no HMAC key for reply tokens');
      },
      fix: 'set secret: (≥ 16 random characters) in the file, or CRIEUR_SECRET',
    },
    {
      // The built-in defaults (talks@crieur.invalid) let crieur start, and reach nobody: nobody can write to or
      // answer a .invalid address (crieur init leaves them for the operator to set).
      name: 'addresses',
      target: [config.addresses.proposals, config.addresses.from, config.addresses.bounces].filter((a) => a !== undefined).join(', '),
      run: async () => {
        const placeholders = (['proposals', 'from', 'bounces'] as const).filter((k) => {
          const a = config.addresses[k];
          return a !== undefined && isInvalid(a);
        });
        if (placeholders.length > 0) {
          throw new ConfigFailure(`${placeholders.map((k) => `addresses.${k}`).join(', ')} still at a .invalid placeholder: no mail reaches it, nobody can answer it`);
        }
      },
      fix: "set addresses.proposals (the watched inbox's address), addresses.from and addresses.bounces to your group's own (or CRIEUR_ADDRESSES_PROPOSALS, …)",
      isConfig: () => true,
    },
    {
      name: 'organizers',
      target: config.organizers.length ? config.organizers.join(', ') : 'none',
      run: async () => {
        if (config.organizers.length === 0) throw new ConfigFailure('no organizer: nobody gets the notices of new proposals, nobody may decide on them');
        const invalid = config.organizers.filter(isInvalid);
        if (invalid.length) throw new ConfigFailure(`${invalid.join(', ')}: a .invalid placeholder, no mail reaches it`);
      },
      fix: 'set organizers: [you@example.org] in the file (or CRIEUR_ORGANIZERS=a@example.org,b@example.org)',
      isConfig: () => true,
    },
  ];
  if (config.smtp.url) {
    const url = config.smtp.url;
    list.push({
      name: 'smtp',
      target: redact(url),
      run: async () => {
        // The socket's idle timeout outlasts the greeting's: both started together, and a silent server must be named by
        // its missing greeting (NO_GREETING_FIX), not by a bare « Timeout » when the machine is loaded.
        const s = createSender(url, { pool: 1, timeoutMs: DOCTOR_SMTP_TIMEOUT_MS, replyTimeoutMs: DOCTOR_SMTP_TIMEOUT_MS + 5_000 });
        try {
          await s.verify();
        } finally {
          await s.close();
        }
      },
      fix: (err) =>
        smtpLoginRefused(err)
          ? 'correct the user and password in smtp.url (or CRIEUR_SMTP_URL)'
          : ((err as { fix?: string }).fix ?? (NO_GREETING.test((err as Error).message) ? NO_GREETING_FIX : 'start the mail server or correct smtp.url / CRIEUR_SMTP_URL')),
      // A refused login, a TLS mismatch: the sender's error carries the fix (src/adapters/smtp/errors.ts).
      isConfig: (err) => smtpLoginRefused(err) || typeof (err as { fix?: unknown } | null)?.fix === 'string',
    });
  } else list.push({ name: 'smtp', target: 'not configured', run: () => Promise.reject(new ConfigFailure('smtp.url missing')), fix: 'set smtp.url (e.g. smtp://127.0.0.1:25)' });
  if (config.inbox.url) {
    const url = config.inbox.url;
    // Login refused, mailbox or Maildir missing: what `crieur start` exits 78 for.
    list.push({ name: 'inbox', target: redact(url), run: () => checkInbox(url), fix: inboxFix, isConfig: isPermanent });
  } else list.push({ name: 'inbox', target: 'not configured', run: () => Promise.reject(new ConfigFailure('inbox.url missing')), fix: 'set inbox.url (imap://user:pass@host/INBOX or maildir:///path)' });
  // Templates and DKIM are the configuration's (a template file, a key file, a DNS record to publish), except DNS
  // that cannot be reached, which checkDkim reports as ok.
  list.push(...announceChecks(config).map((c) => ({ ...c, isConfig: () => true })));
  return list;
}

/**
 * doctor's own patience with the mail server: one that accepts the connection and never greets (smtp:// to a TLS-first
 * port 465, a hung server) is reported in seconds — the sender's 30 s, for mail, made doctor take ≈ 40 s (audit W).
 */
const DOCTOR_SMTP_TIMEOUT_MS = 10_000;
const DOCTOR_REDIS_TIMEOUT_MS = 10_000;
/** nodemailer's words for that, and the fix « start the mail server » would miss: the server runs. */
const NO_GREETING = /Greeting never received/i;
const NO_GREETING_FIX = 'the server accepted the connection but sent no SMTP greeting: a TLS port (465) takes smtps://; else check the host and port in smtp.url, or the server itself';

/** The SMTP server refused the login (nodemailer's EAUTH): the user and password in smtp.url are wrong. */
function smtpLoginRefused(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'EAUTH';
}

/**
 * A server that answers, but not in the way inbox.url says (TLS against plain text, or the reverse, or a certificate
 * it cannot prove): « start the IMAP server » would send the operator after a server that runs.
 */
const CONNECT_FIXES: readonly { test: RegExp; fix: string }[] = [
  {
    test: /WRONG_VERSION_NUMBER|wrong version number|packet length too long|unknown protocol/i,
    fix: 'imaps:// is for TLS from the first byte (port 993); a server that starts in plain text (port 143) takes imap:// — correct inbox.url',
  },
  {
    test: /GREETING_TIMEOUT/,
    fix: 'the server sent no IMAP greeting: a TLS port (993) takes imaps://, not imap://; else check the host and port in inbox.url',
  },
  {
    test: /CERT|certificate|self[- ]signed|UNABLE_TO_VERIFY|ALTNAME/i,
    fix: "the server's TLS certificate is not trusted for that name: give it one from a known authority, or name the host the certificate is for in inbox.url",
  },
];

/** The inbox's fix by cause: the same failure codes `crieur start` decides on (login refused and a missing mailbox exit 78 there). */
export function inboxFix(err: unknown): string {
  if (err instanceof InboxError && err.fix) return err.fix;
  switch (err instanceof InboxError ? err.code : undefined) {
    case 'EINBOX_AUTH':
      return 'correct the user and password in inbox.url (or CRIEUR_INBOX_URL)';
    case 'EINBOX_MAILBOX':
      return 'create the mailbox (or the Maildir), or correct inbox.url';
    case 'EINBOX_CONNECT':
      return CONNECT_FIXES.find((f) => f.test.test((err as Error).message))?.fix ?? 'start the IMAP server, or correct the host and port in inbox.url';
    default:
      return 'check the IMAP server, credentials and mailbox, or the Maildir path';
  }
}

/**
 * What the store's own description adds to the database's label (« served by pid 4242 », « serving on
 * 127.0.0.1:5433 », « schema crieur_test »), or nothing: describe() begins with that label, which the line already
 * shows as its target — returned whole, it printed the URL twice on one line.
 */
export function describedBeyondLabel(described: string, label: string): string {
  if (!described.startsWith(label)) return described;
  return described.slice(label.length).trim().replace(/^\((.*)\)$/, '$1');
}

/** For a pglite:// URL whose directory holds no database yet: the note to print instead of creating it; else null. */
async function pgliteNotCreated(url: string): Promise<string | null> {
  const target = parseDbUrl(url);
  if (target.engine !== 'pglite' || pgliteCreated(target.dir)) return null;
  // Where `crieur start` would create it: the nearest existing parent must be writable.
  let parent = target.dir;
  while (!existsSync(parent) && dirname(parent) !== parent) parent = dirname(parent);
  try {
    await access(parent, constants.W_OK);
  } catch {
    const fix = `make ${parent} writable by the user crieur runs as, or choose another directory in database.url`;
    throw new DbError('EDB_PATH', `${target.dir} does not exist and ${parent} is not writable: crieur start could not create it`, { fix });
  }
  return 'not created yet: crieur start creates it';
}
