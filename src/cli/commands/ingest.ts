/**
 * `crieur ingest [FILE…|-]` — for an MTA alias `"|crieur ingest"` or a backlog. Stores each message and queues
 * it. When the store or Redis is unreachable it exits 75 (EX_TEMPFAIL): the MTA keeps the mail and retries,
 * so nothing is lost. A refused login, a missing database — the configuration's — exits 78 (SPEC): no retry mends
 * it; the MTA returns the message to its sender, and the operator is told by the MTA's log and the bounce. An mbox (a list archive, an old proposals folder) goes in message by message.
 */
import type { Command } from 'commander';
import { loadConfig } from '../../config/load.ts';
import { openStore } from '../../adapters/db/open.ts';
import { connectRedis } from '../../adapters/queue/redis.ts';
import { BullDispatcher } from '../../adapters/queue/bullmq.ts';
import { silentLogger } from '../../adapters/log/pino.ts';
import { ingestMany } from '../../app/ingest-message.ts';
import type { Store } from '../../app/store.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { checkInputsGiven, inputLabel, readInputs } from '../inputs.ts';
import { visible } from '../format/visible.ts';
import { hasMailHeader } from '../../adapters/mailparser.ts';
import { NOT_MAIL } from '../../core/understand.ts';

/** Messages per commit for a backlog, and a bound on the bytes held in memory for one. */
const BATCH = 200;
const BATCH_BYTES = 32 * 1024 * 1024;

/** Why these bytes are not a mail message, or null: the header fields parse's notMailReason asks for, read in the bytes. */
function notMailInput(raw: Buffer): string | null {
  return hasMailHeader(raw) ? null : NOT_MAIL;
}

/**
 * The store or Redis could not be opened: 75 when it may come back (unreachable: the MTA keeps the mail and retries),
 * 78 when the configuration is at fault (a login refused, a database missing: the error says 78 and its fix) —
 * SPEC's 75 is for temporary failures only; retrying a wrong password for days helps nobody.
 */
function notTaken(err: unknown): CliError {
  const message = (err as Error).message;
  if ((err as { exitCode?: unknown } | null)?.exitCode === EXIT.config) {
    return new CliError(`${message} — the message was not taken (a configuration error: the MTA returns it to its sender)`, EXIT.config);
  }
  return new CliError(`${message} — the message was not taken; the sender will retry`, EXIT.tempFail);
}

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('store raw messages and queue them (MTA pipe: "|crieur ingest"; or files of a backlog)')
    .argument('[files...]', 'message files or mbox files (every message); - or nothing reads stdin')
    .option('--config <file>', 'configuration file')
    .option('--quiet', 'print nothing on success')
    .action(async (files: string[], opts: { config?: string; quiet?: boolean }) => {
      checkInputsGiven(files, 'ingest');
      const config = loadConfig({ file: opts.config });
      let store: Store;
      try {
        store = await openStore(config.database.url);
      } catch (err) {
        throw notTaken(err);
      }
      let redis;
      try {
        redis = await connectRedis(config.redis.url, { prefix: config.redis.prefix });
      } catch (err) {
        await store.close();
        throw notTaken(err);
      }
      const dispatcher = new BullDispatcher(redis, config.redis.prefix);
      const deps = { store, dispatcher, log: silentLogger };
      // Each input counts once, in one bucket: bytes that are not mail are kept (stored or already known) but are
      // counted as not mail, not as stored too — the summary adds up to the inputs given.
      let stored = 0;
      let duplicates = 0;
      let notMail = 0;
      let unreadable = 0;
      // A backlog goes in batches (one commit and one queue round trip each); an MTA pipe is a batch of one.
      let batch: { file: string; raw: Buffer; mail: boolean; pipe: boolean }[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        const items = batch;
        batch = [];
        try {
          const results = await ingestMany(deps, items.map(({ raw, pipe }) => ({ raw, loc: { source: pipe ? 'pipe' : 'cli' } })));
          results.forEach((r, i) => {
            if (!items[i]!.mail) notMail++;
            else if (r.inserted) stored++;
            else duplicates++;
          });
        } catch (err) {
          const which = items.length === 1 ? items[0]!.file : `${items[0]!.file} … ${items[items.length - 1]!.file}`;
          throw new CliError(`cannot store ${which}: ${(err as Error).message} — try again later`, EXIT.tempFail);
        }
      };
      try {
        for await (const input of readInputs(files)) {
          if ('error' in input) {
            unreadable++;
            process.stderr.write(`crieur: ${visible(input.error)}\n`);
            continue;
          }
          if (input.raw.length === 0) {
            unreadable++;
            process.stderr.write(`crieur: ${visible(inputLabel(input))}: empty input, not a mail message\n`);
            continue;
          }
          // What `crieur parse` refuses with 65 (bytes with no mail header at all) is kept all the same — stored, then
          // parked with its reason by the classify worker (`crieur failed list`) — and the exit code says 65: through
          // an MTA pipe, its sender is told.
          const why = notMailInput(input.raw);
          if (why) process.stderr.write(`crieur: ${visible(inputLabel(input))}: ${visible(why)} — kept for review (crieur failed list)\n`);
          batch.push({ file: inputLabel(input), raw: input.raw, mail: why === null, pipe: input.file === '-' });
          if (batch.length >= BATCH || batch.reduce((n, b) => n + b.raw.length, 0) >= BATCH_BYTES) await flush();
        }
        await flush();
      } finally {
        await dispatcher.close();
        await redis.quit();
        await store.close();
      }
      if (!opts.quiet) process.stdout.write(`${stored} stored, ${duplicates} already known${notMail ? `, ${notMail} not mail (kept for review)` : ''}${unreadable ? `, ${unreadable} unreadable` : ''}\n`);
      if (unreadable + notMail > 0) process.exitCode = EXIT.dataErr;
    });
}
