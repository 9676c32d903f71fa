/**
 * End-to-end harness: one crieur process (`runProcess`, as `crieur start` runs it) against real services —
 * a Dovecot or a Maildir inbox, a recording SMTP listener, Redis under a key prefix of its own, and the
 * store on PostgreSQL (a random schema of the `test` database) or PGlite (a temp dir). Queue timings are
 * short so that retries and recovery happen within a test; every wait is bounded and polls a condition,
 * never a fixed sleep, so a slow machine only makes tests slower, not red.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll } from 'vitest';
import { Redis } from 'ioredis';
import { configSchema, type Config } from '../../src/config/schema.ts';
import { openDb } from '../../src/adapters/db/open.ts';
import { deletePrefix } from '../../src/adapters/queue/redis.ts';
import type { Db } from '../../src/adapters/db/db.ts';
import { readMail } from '../../src/adapters/mailparser.ts';
import type { InboundMessage } from '../../src/app/inbound-store.ts';
import type { Store } from '../../src/app/store.ts';
import type { Mail } from '../../src/types.ts';
import { runProcess, type RunningProcess } from '../../workers/process.ts';
import { dropSchema, PG_URL, randomSchema, removeDir, tempDir } from './db.ts';
import { REDIS_URL } from './services.ts';
import { imapClient, startDovecot, type Dovecot } from './dovecot.ts';

export { imapClient };
import { startSmtpSink, type SinkMessage, type SmtpSink } from './smtp-sink.ts';

export type EngineName = 'pglite' | 'postgres';
export const ENGINE_NAMES: readonly EngineName[] = ['pglite', 'postgres'];

export const TEST_SECRET = 'e2e-secret-0123456789abcdef';
export const PROPOSALS = 'talks@pgug.example.org';
export const ORGANIZERS = ['dim@example.org', 'orga2@example.org'];

// ------------------------------------------------------------------------------------------ database
export interface TestDatabase {
  engine: EngineName;
  /** What goes in config.database.url: a child process or runProcess needs nothing else. */
  url: string;
  /** Drops the schema / removes the directory. Call after the process using it stopped. */
  drop(): Promise<void>;
}

/** PostgreSQL: a random schema named in the URL (`?schema=`), since runProcess opens the store from the URL alone. */
export async function testDatabase(engine: EngineName): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const dir = tempDir('crieur-e2e-');
    return { engine, url: `pglite://${dir}`, drop: async () => removeDir(dir) };
  }
  const schema = randomSchema('e2e');
  return { engine, url: `${PG_URL}?schema=${schema}`, drop: () => dropSchema(schema) };
}

// --------------------------------------------------------------------------------------------- redis
export function redisPrefix(): string {
  return `crieur-e2e-${randomBytes(5).toString('hex')}`;
}

/** Deletes every key under the prefix (SCAN, not KEYS: the Redis is shared with other tests). */
export async function clearRedisPrefix(prefix: string, url = REDIS_URL): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  try {
    await deletePrefix(redis, prefix);
  } finally {
    redis.disconnect();
  }
}

// -------------------------------------------------------------------------------------------- config
export interface ConfigInput {
  inboxUrl?: string;
  smtpUrl: string;
  databaseUrl: string;
  prefix: string;
  /** Merged over the defaults below (one level deep per section). */
  overrides?: Record<string, unknown>;
}

export function e2eConfig(input: ConfigInput): Config {
  const base: Record<string, Record<string, unknown> | unknown> = {
    group: { name: 'PostgreSQL Paris', locale: 'fr', timezone: 'Europe/Paris' },
    addresses: { proposals: PROPOSALS, from: `PostgreSQL Paris <${PROPOSALS}>`, bounces: 'bounces@pgug.example.org' },
    organizers: ORGANIZERS,
    inbox: { ...(input.inboxUrl ? { url: input.inboxUrl } : {}), processedFolder: 'Crieur/Processed', pollSeconds: 1 },
    smtp: { url: input.smtpUrl, pool: 2 },
    redis: { url: REDIS_URL, prefix: input.prefix },
    database: { url: input.databaseUrl },
    secret: TEST_SECRET,
    lists: [{ name: 'generale', address: 'pgsql-fr-generale@lists.postgresql.example', language: 'fr' }],
    http: { port: 0 },
    queue: { stalledSeconds: 2, recoverySeconds: 1, sendLeaseSeconds: 3, staleSeconds: 2 },
    limits: { acksPerSenderPerDay: 10 },
    // Retries within a test: 0.01 min = 600 ms between delivery attempts.
    delivery: { retryMinutes: [0.01], giveUpAfterHours: 1 },
    log: { level: process.env.CRIEUR_TEST_LOG ?? 'silent' },
  };
  for (const [k, v] of Object.entries(input.overrides ?? {})) {
    const was = base[k];
    base[k] = isPlainObject(was) && isPlainObject(v) ? { ...was, ...v } : v;
  }
  return configSchema.parse(base);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// ------------------------------------------------------------------------------------------- process
export interface Pipeline {
  config: Config;
  running: RunningProcess;
  store: Store;
  /** Ad-hoc SQL on the same database (PGlite: through the process's served endpoint). */
  db: Db;
  stop(): Promise<void>;
}

export interface PipelineOptions {
  watch?: boolean;
  /** The campaign runner too (announcements, the reminders its recovery sweep starts), beside the mail pipeline's. */
  campaigns?: boolean;
}

/** Starts every runner (and the watcher when the config has an inbox) and waits for the first catch-up. */
export async function startPipeline(config: Config, opts: PipelineOptions = {}): Promise<Pipeline> {
  const watch = opts.watch ?? config.inbox.url !== undefined;
  const running = await runProcess(config, {
    queues: ['classify', 'file', 'command', 'deliver', 'remind', ...(opts.campaigns ? (['campaign'] as const) : [])],
    watch,
    serveDatabase: true,
    http: false,
  });
  let db: Db | null = null;
  try {
    await running.ready;
    db = await openDb(config.database.url);
  } catch (err) {
    await running.stop();
    throw err;
  }
  const probe = db;
  let stopped: Promise<void> | null = null;
  return {
    config,
    running,
    store: running.context.deps.store,
    db: probe,
    stop: () =>
      (stopped ??= (async () => {
        await probe.close().catch(() => undefined);
        await running.stop();
      })()),
  };
}

// ---------------------------------------------------------------------------------------- a test file's set-up
export interface LiveOptions {
  /** An SMTP listener of the test's own (e.g. scripted answers); a plain recording one otherwise. */
  sink?: SmtpSink;
  inboxUrl?: string;
  overrides?: ConfigInput['overrides'];
  watch?: boolean;
  campaigns?: boolean;
}
export interface Live {
  sink: SmtpSink;
  db: TestDatabase;
  p: Pipeline;
}
export interface LiveImap extends Live {
  dc: Dovecot;
  imap: ImapFlow;
}

/** Listener, database and running pipeline for one test file; what was started is stopped again if a step fails. */
export async function startLive(engine: EngineName, prefix: string, o: LiveOptions = {}): Promise<Live> {
  const [sink, db] = await Promise.all([o.sink ?? startSmtpSink(), testDatabase(engine)]);
  try {
    const config = e2eConfig({ inboxUrl: o.inboxUrl, smtpUrl: sink.url, databaseUrl: db.url, prefix, overrides: o.overrides });
    const p = await startPipeline(config, { ...(o.watch === undefined ? {} : { watch: o.watch }), ...(o.campaigns ? { campaigns: true } : {}) });
    return { sink, db, p };
  } catch (err) {
    await stopLive({ sink, db }, prefix);
    throw err;
  }
}

/** The same with a private Dovecot as the watched inbox, and an IMAP client to APPEND to it. */
export async function startLiveImap(engine: EngineName, prefix: string, o: Omit<LiveOptions, 'inboxUrl'> = {}): Promise<LiveImap> {
  const dc = await startDovecot();
  try {
    const imap = await imapClient(dc);
    const live = await startLive(engine, prefix, { ...o, inboxUrl: dc.url('INBOX') }).catch(async (err: unknown) => {
      await imap.logout().catch(() => undefined);
      throw err;
    });
    return { ...live, dc, imap };
  } catch (err) {
    await dc.stop();
    throw err;
  }
}

type Options<O> = O | (() => O | Promise<O>);
const resolveOptions = async <O>(o: Options<O>): Promise<O> => (typeof o === 'function' ? await (o as () => O | Promise<O>)() : o);

/**
 * startLive in the enclosing describe's beforeAll and stopLive in its afterAll, on a Redis prefix of its own.
 * The returned object's fields are there once beforeAll has run: use them in tests and hooks. Options may be
 * a function, run in beforeAll (for what must be started first, e.g. a scripted listener).
 */
export function useLive(engine: EngineName, o: Options<LiveOptions> = {}): Live {
  const prefix = redisPrefix();
  const live = {} as Live;
  beforeAll(async () => void Object.assign(live, await startLive(engine, prefix, await resolveOptions(o))), 60_000);
  afterAll(() => stopLive(live, prefix), 60_000);
  return live;
}

/** useLive with a private Dovecot as the watched inbox (startLiveImap). */
export function useLiveImap(engine: EngineName, o: Options<Omit<LiveOptions, 'inboxUrl'>> = {}): LiveImap {
  const prefix = redisPrefix();
  const live = {} as LiveImap;
  beforeAll(async () => void Object.assign(live, await startLiveImap(engine, prefix, await resolveOptions(o))), 60_000);
  afterAll(() => stopLive(live, prefix), 60_000);
  return live;
}

/** Stops whatever a test file started, pipeline first; tolerant of a set-up that failed half-way. */
export async function stopLive(parts: Partial<LiveImap>, prefix: string): Promise<void> {
  await parts.p?.stop();
  await parts.imap?.logout().catch(() => undefined);
  await Promise.all([parts.dc?.stop(), parts.sink?.close()]);
  await parts.db?.drop();
  await clearRedisPrefix(prefix);
}

// --------------------------------------------------------------------------------------------- waits
/** Polls until `check` returns a truthy value, which it returns; throws naming `what` after `timeoutMs`. */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 15_000, everyMs = 50): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  let last: unknown = null;
  for (;;) {
    try {
      const v = await check();
      if (v) return v as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * The stored message with this Message-ID (the first, if several copies differ), or with exactly these bytes.
 * Bytes that went through IMAP come back with CRLF line ends: look those up as `toCrlf(raw)`.
 */
export async function findInbound(p: Pipeline, key: string | Buffer): Promise<InboundMessage | null> {
  const rows =
    typeof key === 'string'
      ? await p.db.query<{ id: number }>('SELECT id FROM inbound_messages WHERE message_id = $1 ORDER BY id LIMIT 1', [key])
      : await p.db.query<{ id: number }>('SELECT id FROM inbound_messages WHERE sha256 = $1 ORDER BY id LIMIT 1', [createHash('sha256').update(key).digest('hex')]);
  return rows[0] ? p.store.inbound.get(rows[0].id) : null;
}

/** Waits until the message (Message-ID or raw bytes) is stored and out of received/classified: done or failed. */
export async function settled(p: Pipeline, key: string | Buffer, timeoutMs = 15_000): Promise<InboundMessage> {
  const what = typeof key === 'string' ? key : `${key.length}-byte message`;
  return waitFor(
    async () => {
      const m = await findInbound(p, key);
      return m && (m.state === 'done' || m.state === 'failed') ? m : null;
    },
    `${what} to be done or failed`,
    timeoutMs,
  );
}

/** Nothing queued or being sent, and no message between received and done. */
export async function quiet(p: Pipeline): Promise<boolean> {
  const rows = await p.db.query<{ n: number }>(
    `SELECT ((SELECT count(*) FROM inbound_messages WHERE state IN ('received', 'classified'))
           + (SELECT count(*) FROM outbox WHERE status IN ('queued', 'sending')))::int AS n`,
  );
  return rows[0]?.n === 0;
}

// ---------------------------------------------------------------------------------------------- sink
export interface SentMail {
  raw: Buffer;
  envelope: SinkMessage['envelope'];
  mail: Mail;
}

/** Accepted messages addressed (envelope) to `email`, decoded. */
export async function sentTo(sink: SmtpSink, email: string): Promise<SentMail[]> {
  const mine = sink.messages.filter((m) => m.envelope.to.some((t) => t.toLowerCase() === email.toLowerCase()));
  return Promise.all(mine.map(async (m) => ({ raw: m.raw, envelope: m.envelope, mail: await readMail(m.raw) })));
}

export async function waitSentTo(sink: SmtpSink, email: string, n = 1, timeoutMs = 15_000): Promise<SentMail[]> {
  await waitFor(() => sink.messages.filter((m) => m.envelope.to.some((t) => t.toLowerCase() === email.toLowerCase())).length >= n, `${n} mail(s) to ${email}`, timeoutMs);
  return sentTo(sink, email);
}

// ---------------------------------------------------------------------------------------------- IMAP
/** What Dovecot delivers for a bare-LF file: IMAP speaks CRLF (latin1 round-trips every byte). */
export function toCrlf(raw: Buffer): Buffer {
  return Buffer.from(raw.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
}

/** The test's own IMAP client (a second session, as a user's mail client or the MTA would be). */

export async function appendRaw(client: ImapFlow, raw: Buffer | string, mailbox = 'INBOX'): Promise<void> {
  const r = await client.append(mailbox, typeof raw === 'string' ? Buffer.from(raw) : raw);
  if (!r) throw new Error(`APPEND to ${mailbox} failed`);
}

/** UIDs in `mailbox` whose Message-ID header is `messageId` (empty when the mailbox does not exist). */
export async function findInMailbox(client: ImapFlow, mailbox: string, messageId: string): Promise<number[]> {
  let lock;
  try {
    lock = await client.getMailboxLock(mailbox);
  } catch {
    return [];
  }
  try {
    const r = await client.search({ header: { 'message-id': messageId } }, { uid: true });
    return r || [];
  } finally {
    lock.release();
  }
}

// ---------------------------------------------------------------------------------------------- mail
export interface MailSpec {
  from: string;
  to?: string;
  cc?: string;
  subject: string;
  body: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string;
  /** Extra header lines, e.g. 'Auto-Submitted: auto-replied'. */
  headers?: string[];
}

export function uniqueId(domain = 'example.fr'): string {
  return `<e2e-${randomBytes(8).toString('hex')}@${domain}>`;
}

/** A plain UTF-8 message as a mail client sends it, CRLF line ends. */
export function buildMail(s: MailSpec): { raw: Buffer; messageId: string } {
  const messageId = s.messageId ?? uniqueId();
  const lines = [
    `From: ${s.from}`,
    `To: ${s.to ?? PROPOSALS}`,
    ...(s.cc ? [`Cc: ${s.cc}`] : []),
    `Subject: ${encodeWord(s.subject)}`,
    `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: ${messageId}`,
    ...(s.inReplyTo ? [`In-Reply-To: ${s.inReplyTo}`] : []),
    ...(s.references ? [`References: ${s.references}`] : []),
    ...(s.headers ?? []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    ...s.body.split('\n'),
    '',
  ];
  return { raw: Buffer.from(lines.join('\r\n'), 'utf8'), messageId };
}

function encodeWord(s: string): string {
  return /^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`;
}

export interface ProposalSpec {
  lang: 'fr' | 'en';
  name: string;
  email: string;
  title: string;
  minutes?: number;
  /** Co-speakers named in the body (and in Cc). */
  coSpeakers?: { name: string; email: string }[];
  messageId?: string;
  headers?: string[];
}

/** A labelled talk proposal, as a speaker writes one, in French or English. */
export function proposalMail(p: ProposalSpec): { raw: Buffer; messageId: string } {
  const minutes = p.minutes ?? 30;
  const all = [{ name: p.name, email: p.email }, ...(p.coSpeakers ?? [])];
  const speakers = all.map((s) => `${s.name} <${s.email}>`).join(', ');
  const cc = p.coSpeakers?.length ? p.coSpeakers.map((s) => `${s.name} <${s.email}>`).join(', ') : undefined;
  const body =
    p.lang === 'fr'
      ? [
          'Bonjour,',
          '',
          'Je vous propose une présentation pour le prochain meetup.',
          '',
          `Titre : ${p.title}`,
          ...(p.coSpeakers?.length ? [`Orateurs : ${speakers}`] : []),
          `Durée : ${minutes} minutes`,
          'Résumé : Retour d’expérience sur la mise en production, les mesures faites avant et après,',
          'et les pièges rencontrés en chemin sur une base de 2 To.',
          '',
          'Cordialement,',
          p.name,
        ]
      : [
          'Hi,',
          '',
          'I would like to propose a talk for the next meetup.',
          '',
          `Title: ${p.title}`,
          ...(p.coSpeakers?.length ? [`Speakers: ${speakers}`] : []),
          `Duration: ${minutes} minutes`,
          'Abstract: What we learned running this in production, the measurements we took before',
          'and after, and the traps we fell into on a 2 TB database.',
          '',
          'Best regards,',
          p.name,
        ];
  const subject = p.lang === 'fr' ? `Proposition de conférence : ${p.title}` : `Talk proposal: ${p.title}`;
  return buildMail({
    from: `${p.name} <${p.email}>`,
    ...(cc ? { cc } : {}),
    subject,
    body: body.join('\n'),
    ...(p.messageId ? { messageId: p.messageId } : {}),
    ...(p.headers ? { headers: p.headers } : {}),
  });
}

// ------------------------------------------------------------------------------------ scripted SMTP
/**
 * A sink whose answers are scripted per recipient: `script('x@y', [451, 250])` makes the first DATA for x@y
 * get a 451, the next a 250; recipients without a script are accepted.
 */
export async function scriptedSink(): Promise<{ sink: SmtpSink; script(recipient: string, codes: number[]): void }> {
  const scripts = new Map<string, number[]>();
  const sink = await startSmtpSink({
    respond: (envelope) => {
      for (const to of envelope.to) {
        const codes = scripts.get(to.toLowerCase());
        const code = codes?.shift();
        if (code === undefined) continue;
        if (code >= 500) return { code, message: `5.1.1 <${to}>: mailbox unavailable (scripted ${code})` };
        if (code >= 400) return { code, message: `4.3.0 try again later (scripted ${code})` };
      }
      return null;
    },
  });
  return { sink, script: (recipient, codes) => void scripts.set(recipient.toLowerCase(), [...codes]) };
}
