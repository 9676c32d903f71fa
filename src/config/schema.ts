/**
 * The one configuration schema (SPEC "Configuration"), with its defaults. Validated once at start;
 * everything downstream receives a typed `Config` and never reads process.env itself.
 */
import type * as Zod from 'zod';
import { z } from './zod.ts';

const email = z.email({ error: 'an email address such as talks@example.org' });

/**
 * An RFC 5322 mailbox, as From: carries it: `addr@domain`, or a display name and `<addr@domain>`. The name is
 * words (atoms, UTF-8 allowed as RFC 6532 does, dots as obs-phrase does) or quoted strings; a comma, `<`, `@`
 * and the other specials only inside quotes. Checked here so that a bad one stops the start (exit 78), not
 * the first send.
 */
const MAILBOX_EXPECTED =
  'a mailbox such as talks@example.org or PostgreSQL Paris <talks@example.org> (quote a display name holding commas or other punctuation: "Dupont, Jean" <jean@example.org>)';
// One character or one whole quoted string per step: no two ways to match the same text, so no backtracking blow-up.
const PHRASE = String.raw`(?:[A-Za-z0-9!#$%&'*+\-/=?^_\x60{|}~. \t]|[^\x00-\x7f]|"(?:[^"\\\r\n]|\\[^\r\n])*")*`;
const NAME_ADDR = new RegExp(String.raw`^(${PHRASE})<([^<>\s]+)>\s*$`, 'u');
export function isMailbox(value: string): boolean {
  const m = NAME_ADDR.exec(value.trim());
  const addr = m ? m[2]! : value.trim();
  return email.safeParse(addr).success;
}
const mailbox = z.string({ error: MAILBOX_EXPECTED }).refine(isMailbox, { error: MAILBOX_EXPECTED });
const urlWith = (schemes: string[], example: string) =>
  z
    .string({ error: `a URL such as ${example}` })
    .refine((u) => schemes.some((s) => u.startsWith(s)), {
      error: `a URL starting with ${schemes.join(' or ')} (e.g. ${example})`,
    })
    .refine((u) => !NETWORK.test(u) || hasHost(u), { error: `a URL with a host name (e.g. ${example})` });

/** Schemes that need a server name (`smtp://` alone is no address); maildir:// and pglite:// name a path, postgres:///db may use a socket. */
const NETWORK = /^(imaps?|smtps?|rediss?):/;
function hasHost(u: string): boolean {
  try {
    return new URL(u).hostname !== '';
  } catch {
    return false;
  }
}

export const configSchema = z.object({
  group: z
    .object({
      name: z.string().min(1).default('crieur'),
      locale: z.enum(['fr', 'en'], { error: 'fr or en' }).default('fr'),
      timezone: z
        .string()
        .refine((tz) => isTimeZone(tz), { error: 'an IANA time zone such as Europe/Paris' })
        .default('Europe/Paris'),
    })
    .prefault({}),
  addresses: z
    .object({
      proposals: email.default('talks@crieur.invalid'),
      from: mailbox.default('crieur <talks@crieur.invalid>'),
      bounces: email.optional(),
    })
    .prefault({}),
  organizers: z.array(email).default([]),
  inbox: z
    .object({
      url: urlWith(['imap://', 'imaps://', 'maildir://'], 'imap://user:pass@127.0.0.1:10143/INBOX').optional(),
      /** Where handled mail is moved (IMAP folder name, created if missing). */
      processedFolder: z.string().min(1).default('Crieur/Processed'),
      /** Poll interval when the server has no IDLE, and for Maildir. */
      pollSeconds: z.number().positive().default(30),
    })
    .prefault({}),
  smtp: z
    .object({
      url: urlWith(['smtp://', 'smtps://'], 'smtp://127.0.0.1:2525').optional(),
      // Connections to the MTA, and so mails in flight per sending process (one deliver job per connection).
      // bench/ingest: with 5 the outbox fell behind filing on a backlog; 10 is what listmonk and most relays allow.
      pool: z.number().int().positive().default(10),
    })
    .prefault({}),
  redis: z
    .object({
      url: urlWith(['redis://', 'rediss://'], 'redis://127.0.0.1:6379').default('redis://127.0.0.1:6379'),
      prefix: z.string().min(1).regex(/^[A-Za-z0-9_.-]+$/, { error: 'letters, digits, _ . - only' }).default('crieur'),
    })
    .prefault({}),
  database: z
    .object({
      url: urlWith(['pglite://', 'postgres://', 'postgresql://'], 'pglite://./data/crieur').default('pglite://./data/crieur'),
    })
    .prefault({}),
  secret: z.string().min(16, { error: 'at least 16 characters (HMAC key for reply tokens)' }).optional(),
  lists: z
    .array(
      z.object({
        name: z.string().min(1),
        address: email,
        language: z.enum(['fr', 'en']).default('fr'),
        /** The list's List-Id (RFC 2919) when it is not its address with `@` replaced by `.`. */
        listId: z.string().min(3).optional(),
      }),
    )
    .default([]),
  http: z
    .object({
      host: z.string().default('127.0.0.1'),
      /** /healthz and /metrics; 0 disables the listener. */
      port: z.number().int().min(0).max(65535).default(9464),
      /** The https base of the links in members' mail (one-click unsubscribe, confirmation), as the world sees it. */
      publicUrl: z.url({ protocol: /^https?$/ }).optional(),
      /** Bull Board at /admin/queues: off unless a password is set (basic auth). */
      admin: z.object({ password: z.string().min(12, { error: 'at least 12 characters' }).optional() }).prefault({}),
      /** The public pages (programme, calendar feed, subscribe form): off unless true. Links in mail work either way. */
      public: z.boolean().default(false),
      /** Requests per client address to the pages (token bucket): `burst` at once, refilled at `perMinute`. */
      rateLimit: z
        .object({
          perMinute: z.number().positive().default(30),
          burst: z.number().int().positive().default(20),
          /** Behind a reverse proxy every request comes from the proxy: take the client from X-Forwarded-For. */
          forwardedFor: z.boolean().default(false),
        })
        .prefault({}),
    })
    .prefault({}),
  queue: z
    .object({
      /** How soon a job whose worker died (SIGKILL, power loss) is noticed and run again. */
      stalledSeconds: z.number().positive().default(30),
      /** How often the recovery sweep re-dispatches work the queues lost, from the database. */
      recoverySeconds: z.number().positive().default(15),
      /** How long a sender may hold an outbox row before another assumes it died (and sends it). */
      sendLeaseSeconds: z.number().positive().default(60),
      /** Work the queues lost is looked for once it is this old (a live job finishes well within it). */
      staleSeconds: z.number().positive().default(60),
    })
    .prefault({}),
  bounces: z
    .object({
      /** Soft bounces (mailbox full, 4.x.x) within the window that disable a member; a hard one disables at once. */
      softThreshold: z.number().int().positive().default(3),
      windowDays: z.number().positive().default(30),
    })
    .prefault({}),
  membership: z
    .object({
      /** An unconfirmed join request expires after this many days; its token then does nothing. */
      confirmDays: z.number().positive().default(7),
      /** Membership mails (join or leave confirmations) one address may be sent per day: no mail-bombing a third party. */
      requestsPerDay: z.number().int().positive().default(3),
    })
    .prefault({}),
  limits: z
    .object({
      /** Loop guard: acknowledgements one sender can trigger per day. */
      acksPerSenderPerDay: z.number().int().positive().default(10),
    })
    .prefault({}),
  events: z
    .object({
      /** What an event created by an organizer's `schedule DATE` (no event that day yet) starts with. */
      defaults: z
        .object({
          time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'a local time such as 19:00' }).default('19:00'),
          venue: z.string().default(''),
          title: z.string().optional(),
        })
        .prefault({}),
    })
    .prefault({}),
  digests: z
    .object({
      /** Local hour (group.timezone) at which the day's or the week's digests are built and sent. */
      hour: z.number().int().min(0).max(23).default(8),
      /** ISO weekday of the weekly digests: 1 Monday … 7 Sunday. */
      weeklyDay: z.number().int().min(1).max(7).default(1),
      /** How far back a post is looked for to thread a new one (a reply to an older post starts a new thread). */
      threadWindowDays: z.number().int().positive().default(60),
      /** Characters of each post shown in the HTML digest (the text and MIME digests carry more). */
      excerptChars: z.number().int().min(80).default(400),
      /** The organizers' daily digest (pending decisions, unconfirmed speakers, programme gaps). */
      organizers: z.boolean().default(true),
      /** Talks a meetup's programme is meant to hold: fewer is a gap the organizers' digest names. */
      programmeSlots: z.number().int().min(0).default(3),
    })
    .prefault({}),
  tokens: z
    .object({
      /** A reply token older than this proves nothing; its bearer is told to answer the latest mail instead. */
      maxAgeDays: z.number().int().positive().default(120),
    })
    .prefault({}),
  commands: z
    .object({
      /** Organizer commands must also pass DKIM or DMARC for the From domain (mailauth, or a trusted Authentication-Results). */
      requireDkim: z.boolean().default(false),
      /** authserv-ids (RFC 8601) of the receiving hosts whose Authentication-Results header is believed. */
      trustedAuthserv: z.array(z.string().min(1)).default([]),
      /** Command mails one address may have acted on per hour; the excess is recorded, not executed. */
      perSenderPerHour: z.number().int().positive().default(30),
    })
    .prefault({}),
  decisions: z
    .object({
      /** Speaker mails about decisions wait for an organizer's `release` (or `crieur release`). */
      hold: z.boolean().default(false),
    })
    .prefault({}),
  reminders: z
    .object({
      /** An accepted speaker who has not confirmed after this many days is reminded, once. */
      confirmAfterDays: z.number().positive().default(5),
      /** Reminders of an event to the roster and to its speakers, this many days before (each sent once; issue 8). */
      beforeEventDays: z.array(z.number().int().positive()).default([6, 1]),
    })
    .prefault({}),
  delivery: z
    .object({
      /**
       * Waits between delivery attempts after a temporary failure (4xx, connection trouble), in minutes; the
       * last one repeats. Like an MTA's queue: greylisting passes at the first retries, an outage is waited out.
       */
      // coerce: CRIEUR_DELIVERY_RETRYMINUTES=1,2,5 arrives as strings.
      retryMinutes: z.array(z.coerce.number().positive({ error: 'minutes, more than 0' })).min(1).default([1, 2, 5, 10, 20, 40, 60]),
      /** A mail still not accepted this long after it was queued is parked with the server's last answer. */
      giveUpAfterHours: z.number().positive().default(48),
      /** Campaign mails per second (BullMQ limiter on the campaign queue); unset: as fast as the SMTP pool goes. */
      ratePerSecond: z.number().positive().optional(),
      /** Campaign mails per rolling hour, all campaigns together (a relay's quota); unset: no cap. */
      hourlyCap: z.number().int().positive().optional(),
      /** A campaign pauses itself after this many failures in a row (a relay refusing everything), saying why. */
      pauseAfterFailures: z.number().int().positive().default(20),
    })
    .prefault({}),
  log: z.object({ level: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info') }).prefault({}),
  // ------------------------------------------------------------------ announcements (issue 8)
  /** DKIM signing of every mail crieur sends (nodemailer's signer); the key file holds the PEM private key. */
  dkim: z.object({ domain: z.string().min(1), selector: z.string().min(1), keyFile: z.string().min(1) }).optional(),
  templates: z
    .object({
      /** A folder whose files replace crieur's own templates of the same name (layout, partials, messages). */
      dir: z.string().min(1).optional(),
    })
    .prefault({}),
});

export type Config = Zod.infer<typeof configSchema>;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
