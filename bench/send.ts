/**
 * bench/send (`npm run bench:send`): one announcement to 20,000 members through a local SMTP listener, in one run —
 * crieur (campaign built once per variant, ledger rows in PostgreSQL, chunks on the BullMQ campaign queue, slots
 * filled per recipient, the outbox status lock per batch) next to a bare nodemailer pool that composes the same
 * announcement for each recipient (the usual newsletter loop). Prints mails/s for both, the ratio (goal ≥ 1.5),
 * peak RSS and MJML compiles (goal: one per template × language). The last line is `ratio: X.XX`.
 *
 * Same process, same listener, same pool size for both, two sends in flight per connection on the bare side (as
 * crieur keeps two batches in flight): what differs is only what is done per recipient.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { PLAIN_LISTENER } from '../src/adapters/smtp/sink.ts';
import { configSchema } from '../src/config/schema.ts';
import { openStore } from '../src/adapters/db/open.ts';
import { mjmlCompileCount } from '../src/adapters/render/mjml.ts';
import { createEventMailBuilder } from '../src/adapters/compose/announcement.ts';
import { announceEvent, dispatchCampaign, eventMailInput } from '../src/app/announce-event.ts';
import { chunkSize } from '../src/app/send-campaign.ts';
import { connectRedis, deletePrefix } from '../src/adapters/queue/redis.ts';
import { runProcess } from '../workers/process.ts';
import { createDatabase, PG_ADMIN_URL, REDIS_URL } from './ingest/services.ts';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 20_000);
const POOL = Number(process.env.BENCH_POOL ?? 10);
let peakRss = 0;
const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

/** A listener that counts what it accepts and keeps nothing (20,000 × 20 KB would be the bench's own RSS). */
async function countingListener(): Promise<{ port: number; count: () => number; close: () => Promise<void> }> {
  let n = 0;
  const server = new SMTPServer({
    ...PLAIN_LISTENER,
    disabledCommands: [...PLAIN_LISTENER.disabledCommands],
    onData(stream, _session, cb) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        n++;
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.server.address() as { port: number }).port;
  return { port, count: () => n, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

async function main(): Promise<void> {
  const load0 = loadavg().map((l) => l.toFixed(2)).join(' ');
  const tag = randomBytes(4).toString('hex');
  const dbName = `crieur_bench_send_${tag}`;
  const db = await createDatabase(dbName);
  const prefix = `crieur-bench-send-${tag}`;
  const smtp = await countingListener();
  const config = configSchema.parse({
    group: { name: 'Groupe d’Utilisateurs PostgreSQL à Paris', locale: 'fr', timezone: 'Europe/Paris' },
    addresses: { proposals: 'talks@pgug.example.org', from: 'PostgreSQL Paris <talks@pgug.example.org>', bounces: 'bounces@pgug.example.org' },
    secret: 'bench-secret-0123456789abcdef',
    smtp: { url: `smtp://127.0.0.1:${smtp.port}`, pool: POOL },
    redis: { url: REDIS_URL, prefix },
    database: { url: db.url },
    lists: [],
    log: { level: 'warn' },
    queue: { recoverySeconds: 3600 },
  });
  try {
    // ------------------------------------------------------------------ set-up: a programme and the roster
    const store = await openStore(db.url);
    const ev = await store.events.create({ date: new Date('2027-01-28T18:00:00Z'), venue: 'Chez Dalibo', title: 'Meetup de janvier', venueAddress: '43 rue du Faubourg Montmartre, Paris', mapUrl: 'https://www.openstreetmap.org/', registrationUrl: 'https://www.meetup.com/pgparis/' });
    for (const [i, format] of (['talk', 'lightning', 'lightning'] as const).entries()) {
      const { id } = await store.inbound.saveRaw(Buffer.from(`Message-ID: <b${i}.${tag}@x>\r\n\r\nx\r\n`), { source: 'cli' });
      const draft = { format, title: `Sujet ${i} : partitionnement déclaratif en production`, abstract: 'Retour d’expérience sur le partitionnement déclaratif, ses pièges et ses mesures. '.repeat(4), durationMinutes: format === 'talk' ? 45 : 5, language: 'fr' as const, speakers: [{ name: `Orateur ${i}`, email: `o${i}@example.fr` }], attachments: [] };
      await store.events.assign(ev.id, (await store.proposals.fileFromMessage(id, draft, 'bench')).proposal.ref);
    }
    const members = Array.from({ length: MEMBERS }, (_, i) => ({ email: `member${i}@example.${i % 7 === 0 ? 'org' : 'fr'}`, name: `Membre ${i}`, language: (i % 5 === 0 ? 'en' : 'fr') as 'fr' | 'en', status: 'active' as const, source: 'bench' }));
    await store.subscribers.upsert(members);
    const event = (await store.events.get(ev.id))!;
    await store.close();

    // ------------------------------------------------------------------ crieur
    const compiles0 = mjmlCompileCount();
    const running = await runProcess(config, { queues: ['campaign'], watch: false, serveDatabase: false, http: false });
    const deps = running.context.deps;
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const a = await announceEvent({ config, store: deps.store, builder: createEventMailBuilder(config), clock: deps.clock }, event);
    await dispatchCampaign({ store: deps.store, dispatcher: deps.dispatcher }, a.campaign.id, chunkSize(config));
    // Done when the ledger says so (every row sent or failed), not when the listener has counted them: the last
    // batch's sent marks are part of crieur's work.
    for (;;) {
      const c = await deps.store.campaigns.counts(a.campaign.id);
      if (c.queued === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const crieurSecs = (performance.now() - t0) / 1000;
    const crieurCpu = cpuMs(process.cpuUsage(cpu0));
    const counts = await deps.store.campaigns.counts(a.campaign.id);
    const compiles = mjmlCompileCount() - compiles0;
    const crieurRss = peakRss;
    const input = await eventMailInput({ store: deps.store, config }, event, 'announce', new Date());
    await running.stop();
    const crieurRate = counts.sent / crieurSecs;
    console.log(`crieur: ${counts.sent} sent, ${counts.failed} failed in ${crieurSecs.toFixed(1)} s — ${crieurRate.toFixed(0)} mails/s (ledger + queue + status lock included); MJML compiles: ${compiles} (2 templates × language: announce fr, en)`);
    console.log(`crieur: peak RSS ${(crieurRss / 2 ** 20).toFixed(0)} MB; this process's CPU ${(crieurCpu / counts.sent).toFixed(2)} ms per mail (the listener's share included)`);

    // ------------------------------------------------------------------ bare nodemailer pool, compose per recipient
    peakRss = 0;
    const before = smtp.count();
    const builder = createEventMailBuilder(config);
    const built = Object.fromEntries((await builder.build(input, [{ key: 'fr', locale: 'fr', to: null }, { key: 'en', locale: 'en', to: null }])).map((b) => [b.key, b]));
    const transport = nodemailer.createTransport({ pool: true, host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true, maxConnections: POOL });
    const t1 = performance.now();
    const cpu1 = process.cpuUsage();
    let bareFailed = 0;
    // The usual loop: a few sends in flight per connection (not 20,000 sendMail calls at once, whose composed
    // messages would all wait in memory and measure the garbage collector rather than the pool).
    let next = 0;
    const sendOne = async (m: (typeof members)[number]) => {
      const b = built[m.language]!;
      try {
        await transport.sendMail({
          from: config.addresses.from,
          to: m.email,
          subject: b.subject,
          text: b.text.replace(/\u0001greeting\u0001/g, ` ${m.name}`).replace(/\u0001unsubscribe\u0001/g, `mailto:talks+u-${m.email}`),
          html: b.html.replace(/\u0001greeting\u0001/g, ` ${m.name}`).replace(/\u0001unsubscribe\u0001/g, `mailto:talks+u-${m.email}`),
          headers: { 'List-Id': '<members.pgug.example.org>', 'List-Unsubscribe': `<mailto:talks+u-${m.email}>` },
          icalEvent: { method: 'PUBLISH', content: b.ics! },
          envelope: { from: config.addresses.bounces!, to: m.email },
        });
      } catch {
        bareFailed++;
      }
    };
    await Promise.all(
      Array.from({ length: POOL * 2 }, async () => {
        while (next < members.length) await sendOne(members[next++]!);
      }),
    );
    const bareSecs = (performance.now() - t1) / 1000;
    const bareCpu = cpuMs(process.cpuUsage(cpu1));
    transport.close();
    const bareRate = (smtp.count() - before) / bareSecs;
    console.log(`bare nodemailer pool (${POOL} connections, composing each mail): ${smtp.count() - before} sent, ${bareFailed} failed in ${bareSecs.toFixed(1)} s — ${bareRate.toFixed(0)} mails/s; peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB; CPU ${(bareCpu / Math.max(1, smtp.count() - before)).toFixed(2)} ms per mail`);
    // Other processes on the machine (PostgreSQL, Redis, anything else) share its cores: the ratio is only as
    // good as the load was steady; CPU per mail is this process's own work, less sensitive to the neighbours.
    console.log(`load average: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (at the start: ${load0})`);
    console.log(`members: ${MEMBERS}, pool: ${POOL}, database: ${PG_ADMIN_URL.replace(/\/\/[^@]*@/, '//')}, Redis ${REDIS_URL}`);
    console.log(`ratio: ${(crieurRate / bareRate).toFixed(2)}`);
  } finally {
    clearInterval(rssTimer);
    await smtp.close();
    const r = await connectRedis(REDIS_URL);
    await deletePrefix(r, prefix);
    await r.quit();
    await db.drop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
