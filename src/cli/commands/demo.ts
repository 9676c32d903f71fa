/**
 * `crieur demo` (npm run demo): the main job end to end on embedded defaults, no configuration. A Maildir
 * seeded with sample mail, PGlite in ./data/demo, an in-process SMTP listener writing ./outbox, Redis from
 * REDIS_URL or a private redis-server. Prints what happened and exits 0.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { configSchema } from '../../config/schema.ts';
import { startSmtpSink } from '../../adapters/smtp/sink.ts';
import { demoSamples } from '../../demo/samples.ts';
import { demoRedis } from '../../demo/redis.ts';
import { connectRedis, deletePrefix } from '../../adapters/queue/redis.ts';
import { runProcess } from '../../../workers/process.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { visible } from '../format/visible.ts';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run the whole pipeline once on sample mail, with embedded services (writes ./data/demo and ./outbox)')
    .option('--timeout <seconds>', 'give up after this long', '90')
    .action(async (opts: { timeout: string }) => {
      const root = resolve('data/demo');
      const outDir = resolve('outbox');
      await rm(root, { recursive: true, force: true });
      await rm(outDir, { recursive: true, force: true });
      const maildir = join(root, 'inbox');
      for (const sub of ['new', 'cur', 'tmp']) await mkdir(join(maildir, sub), { recursive: true });
      const samples = demoSamples();
      for (const [i, s] of samples.entries()) await writeFile(join(maildir, 'new', `${Date.now()}.${i}_${s.name}.demo`), s.raw);
      process.stdout.write(`crieur demo: ${samples.length} messages in the Maildir ${maildir}\n`);

      const redis = await demoRedis().catch((err: unknown) => {
        throw new CliError((err as Error).message, EXIT.failure);
      });
      const sink = await startSmtpSink({ dir: outDir });
      const prefix = `crieur-demo-${process.pid}`;
      const config = configSchema.parse({
        group: { name: "Groupe d'Utilisateurs PostgreSQL à Paris", locale: 'fr', timezone: 'Europe/Paris' },
        addresses: { proposals: 'talks@pgug.example.org', from: 'PostgreSQL Paris <talks@pgug.example.org>', bounces: 'bounces@pgug.example.org' },
        organizers: ['orga@pgug.example.org'],
        inbox: { url: `maildir://${maildir}`, pollSeconds: 1 },
        smtp: { url: sink.url, pool: 2 },
        redis: { url: redis.url, prefix },
        database: { url: `pglite://${join(root, 'db')}` },
        secret: randomBytes(24).toString('hex'),
        http: { port: 0 },
        log: { level: process.env.CRIEUR_LOG_LEVEL ?? 'warn' },
      });
      // Opened inside the try: a start-up that fails (REDIS_URL not answering) must still close the listener and the
      // private redis-server, or they keep the process alive after its error — the demo printed it and never exited.
      let running: Awaited<ReturnType<typeof runProcess>> | undefined;
      try {
        running = await runProcess(config, { queues: ['classify', 'file', 'command', 'deliver', 'remind'], watch: true, serveDatabase: true, http: false, recoveryIntervalMs: 2000 });
        const { store } = running.context.deps;
        await running.ready;
        const deadline = Date.now() + Number(opts.timeout) * 1000;
        // Done when every message left the received/classified states and nothing waits in the outbox.
        for (;;) {
          const unsent = (await store.outbox.list({ status: 'queued' })).length + (await store.outbox.list({ status: 'sending' })).length;
          const busy = (await store.inbound.stale(new Date(Date.now() + 3_600_000), 1)).length + unsent;
          const stored = await store.inbound.summary();
          if (busy === 0 && stored.reduce((n, r) => n + r.count, 0) >= samples.length) break;
          if (Date.now() > deadline) throw new CliError('the demo did not finish in time (see the logs with CRIEUR_LOG_LEVEL=info)', EXIT.failure);
          await new Promise((r) => setTimeout(r, 200));
        }
        const summary = await store.inbound.summary();
        const proposals = await store.proposals.list();
        const sent = await store.outbox.list({ status: 'sent' });
        process.stdout.write('\nmessages stored, by kind:\n');
        for (const r of summary) process.stdout.write(`  ${String(r.count).padStart(3)}  ${r.kind ?? '(unparsed)'} (${r.state})\n`);
        process.stdout.write(`\nproposals filed: ${proposals.length}\n`);
        for (const p of proposals) {
          process.stdout.write(`  ${p.ref}  ${p.format.padEnd(9)} ${String(p.durationMinutes).padStart(3)} min  ${p.language ?? '?'}  ${visible(p.title ?? '(untitled)')}\n`);
          process.stdout.write(`         ${visible(p.speakers.map((s) => (s.name ? `${s.name} <${s.email ?? '?'}>` : (s.email ?? '?'))).join(', '))}\n`);
        }
        process.stdout.write(`\nmails sent: ${sent.length} (written to ${outDir} as .eml + .html)\n`);
        for (const o of sent) process.stdout.write(`  ${o.purpose.padEnd(17)} → ${visible(o.recipient)}\n`);
        process.stdout.write('\nnot answered (loop guards): auto-replies, bounces and list posts are stored, never acknowledged.\n');
      } finally {
        await running?.stop();
        await sink.close();
        // Only what the demo made; a Redis that never answered has nothing of it (and its error is already the one said).
        if (process.env.REDIS_URL && running) await clearPrefix(redis.url, prefix);
        await redis.stop();
      }
    });
}

/** A shared Redis (REDIS_URL) is left as found: the demo's queues are deleted. */
async function clearPrefix(url: string, prefix: string): Promise<void> {
  const r = await connectRedis(url);
  try {
    await deletePrefix(r, prefix);
  } finally {
    await r.quit();
  }
}
