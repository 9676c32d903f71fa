/**
 * What each configuration key means, for the commented file `crieur init` writes (config/sample.ts). A key may
 * instead carry its text in the schema (`.describe('…')`), which wins. Sections have a line too. A key with no
 * text here nor in the schema fails tests/config/sample.test.ts: the sample cannot fall behind the schema.
 * `example` is written, commented out, for a key that has no default.
 */
export interface KeyText {
  text: string;
  example?: string;
}

export const DESCRIPTIONS: Record<string, KeyText> = {
  group: { text: 'The user group crieur speaks for.' },
  'group.name': { text: 'Its name, as mails and announcements show it.' },
  'group.locale': { text: 'Language of the mails crieur writes when the speaker\'s is unknown: fr or en.' },
  'group.timezone': { text: 'IANA time zone of the events (dates in mails, « jeudi 28 janvier 2027 à 19h00 »).' },
  addresses: { text: 'crieur\'s own addresses.' },
  'addresses.proposals': { text: 'The watched inbox\'s address: speakers write here.' },
  'addresses.from': { text: 'From: of the mails crieur sends.' },
  'addresses.bounces': { text: 'Envelope sender (Return-Path) of outgoing mail, where bounces go.', example: 'bounces@pgug.example.org' },
  organizers: { text: 'Who may decide on proposals by replying to crieur\'s mails.', example: '[dim@example.org]' },
  inbox: { text: 'The mailbox crieur watches.' },
  'inbox.url': { text: 'imap://user:pass@host:port/INBOX, imaps://…, or maildir:///path (required by start).', example: 'imap://user:pass@127.0.0.1:143/INBOX' },
  'inbox.processedFolder': { text: 'IMAP folder handled mail is moved to (created if missing).' },
  'inbox.pollSeconds': { text: 'Poll interval when the server has no IDLE, and for a Maildir.' },
  smtp: { text: 'Where mail goes out.' },
  'smtp.url': { text: 'smtp://host:port or smtps://user:pass@host:465 (required by start and worker deliver).', example: 'smtp://127.0.0.1:25' },
  'smtp.pool': { text: 'Connections to the MTA, and so mails in flight per sending process.' },
  redis: { text: 'Redis, for the queues.' },
  'redis.url': { text: 'redis://host:port or rediss://… (TLS).' },
  'redis.prefix': { text: 'Key prefix: several crieur instances can share one Redis.' },
  database: { text: 'Where proposals, messages and the outbox are kept.' },
  'database.url': { text: 'pglite://DIR (embedded, one machine) or postgres://user@host/db (several processes or machines).' },
  secret: { text: 'HMAC key for reply tokens, at least 16 characters (required by start; or CRIEUR_SECRET).', example: 'a-long-random-string' },
  lists: { text: 'Mailing lists crieur announces to; their posts are recognised by List-Id.', example: '[{ name: generale, address: pgsql-fr-generale@lists.postgresql.example, language: fr }]' },
  http: { text: 'The HTTP listener: /healthz, /metrics, and the queue dashboard.' },
  'http.host': { text: 'Address it binds to (127.0.0.1: this machine only).' },
  'http.port': { text: 'Its port; 0 disables the listener.' },
  queue: { text: 'Queue timings.' },
  'queue.stalledSeconds': { text: 'How soon a job whose worker died (SIGKILL, power loss) runs again.' },
  'queue.recoverySeconds': { text: 'How often work the queues lost is looked for in the database.' },
  'queue.sendLeaseSeconds': { text: 'How long a sender may hold an outbox row before another assumes it died.' },
  'queue.staleSeconds': { text: 'Age after which work the queues lost is dispatched again.' },
  limits: { text: 'Loop guards.' },
  'limits.acksPerSenderPerDay': { text: 'Acknowledgements one sender can trigger per day.' },
  events: { text: 'Events (meetups) and their programme.' },
  'events.defaults': { text: 'What an event created by an organizer\'s `schedule DATE` starts with.' },
  'events.defaults.time': { text: 'Local start time, HH:MM.' },
  'events.defaults.venue': { text: 'Venue, until an organizer sets it.' },
  'events.defaults.title': { text: 'Title, until an organizer sets it.', example: 'Meetup PostgreSQL Paris' },
  log: { text: 'Logging (JSON lines on stderr).' },
  'log.level': { text: 'trace, debug, info, warn, error, fatal or silent.' },
  'http.admin': { text: 'The queue dashboard (Bull Board) at /admin/queues, off unless a password is set.' },
  'http.admin.password': { text: 'Basic-auth password of the dashboard (any user name), at least 12 characters.', example: 'another-long-random-string' },
  delivery: { text: 'Outgoing mail, when the receiving server answers "try again later".' },
  'delivery.retryMinutes': { text: 'Waits between delivery attempts after a temporary failure, in minutes; the last one repeats.' },
  'delivery.giveUpAfterHours': { text: 'A mail still not accepted this long after it was queued is parked with the last answer.' },
};
