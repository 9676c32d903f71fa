/** `crieur start` (watcher + all workers) and `crieur worker QUEUE…` (only those runners, to scale out). */
import type { Command } from 'commander';
import { loadConfig, type RequiredKey } from '../../config/load.ts';
import type { Config } from '../../config/schema.ts';
import { QUEUE_NAMES, type QueueName } from '../../app/dispatcher.ts';
import { runProcess } from '../../../workers/process.ts';
import { StartupStopped } from '../../../workers/phases.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { stopRequested } from '../stop-signal.js';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('watch the inbox and run every worker in this process (SIGTERM drains and exits 0)')
    .option('--config <file>', 'configuration file')
    .action(async (opts: { config?: string }) => {
      const config = loadConfig({ file: opts.config, require: requiredForRunning(true) });
      await runUntilSignal(config, QUEUE_NAMES, true);
    });
  program
    .command('worker')
    .description(`run only these workers (${QUEUE_NAMES.join(', ')}); several processes or machines can share one Redis + PostgreSQL`)
    .argument('<queues...>', 'queue names')
    .option('--config <file>', 'configuration file')
    .action(async (queues: string[], opts: { config?: string }) => {
      const unknown = queues.filter((q) => !QUEUE_NAMES.includes(q as QueueName));
      if (unknown.length) throw new CliError(`unknown queue ${unknown.join(', ')}: expected ${QUEUE_NAMES.join(', ')}`, EXIT.usage);
      const config = loadConfig({ file: opts.config, require: requiredForRunning(false) });
      await runUntilSignal(config, queues as QueueName[], false);
    });
}

/** Keys that are optional for `crieur parse` but required to run; missing ones are bad configuration (78), all named at once. */
export function requiredForRunning(watch: boolean): RequiredKey[] {
  return watch ? ['secret', 'smtp.url', 'inbox.url'] : ['secret', 'smtp.url'];
}

async function runUntilSignal(config: Config, queues: readonly QueueName[], watch: boolean): Promise<void> {
  // The bin listens from its first line (stop-signal.js): a SIGTERM that arrived while starting (a deploy, a
  // test) still ends in a clean stop and exit 0, not in the default handler's 143 — and during start-up it
  // aborts the phase under way, so the stop does not wait for a slow service first.
  const stop = stopRequested();
  const abort = new AbortController();
  void stop.then(() => abort.abort());
  try {
    let running;
    try {
      running = await runProcess(config, { queues, watch, serveDatabase: true, signal: abort.signal });
    } catch (err) {
      // Stopped while starting: everything opened was closed; that is a clean stop (exit 0).
      if (err instanceof StartupStopped) return;
      throw err;
    }
    const signalled = await stop;
    running.context.deps.log.info({ signal: signalled }, 'signal received');
    await running.stop().catch(() => undefined);
  } finally {
    // Stopped and closed, or failed to start and closed. When a service vanished, a client library may still
    // hold a reconnect timer that nothing can reach; it must not keep the process alive — a half-started
    // process taking jobs after its start-up failed was issue 11's defect 1 (unref: a clean end exits before).
    setTimeout(() => process.exit(), EXIT_GRACE_MS).unref();
  }
}

const EXIT_GRACE_MS = 2_000;
