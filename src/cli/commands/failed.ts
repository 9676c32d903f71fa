/**
 * `crieur failed list [--json]` and `crieur failed retry ID…|--all` — Mailman's shunt/unshunt. Parked
 * messages (m12) are classified again from their stored raw bytes; parked mails (o7) are queued again.
 */
import type { Command } from 'commander';
import { withServices } from '../with-services.ts';
import type { Dispatcher } from '../../app/dispatcher.ts';
import type { Store } from '../../app/store.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { withStore } from '../with-store.ts';
import { visible, jsonText } from '../format/visible.ts';

interface FailedRow {
  id: string;
  type: 'message' | 'mail';
  at: string;
  what: string;
  error: string | null;
}

export function registerFailed(program: Command): void {
  const cmd = program.command('failed').description('messages and mails parked after an error');
  cmd
    .command('list')
    .option('--json', 'JSON array')
    .option('--config <file>', 'configuration file')
    .action(async (opts: { json?: boolean; config?: string }) => {
      await withStore(opts.config, async (store) => {
        const rows = await failedRows(store);
        if (opts.json) process.stdout.write(`${jsonText(rows)}\n`);
        else if (rows.length === 0) process.stdout.write('nothing failed\n');
        else for (const r of rows) process.stdout.write(`${r.id.padEnd(6)} ${r.at}  ${visible(r.what)}\n       ${visible(r.error ?? '')}\n`);
      });
    });
  cmd
    .command('retry')
    .argument('[ids...]', 'ids from `crieur failed list` (m12 for a message, o7 for a mail; a bare number is a message)')
    .option('--all', 'everything that failed')
    .option('--config <file>', 'configuration file')
    .action(async (ids: string[], opts: { all?: boolean; config?: string }) => {
      if (!opts.all && ids.length === 0) throw new CliError('name what to retry (ids from `crieur failed list`) or use --all', EXIT.usage);
      await withServices(opts.config, async ({ store, dispatcher }) => {
        const targets = opts.all ? (await failedRows(store)).map((r) => r.id) : ids;
        let n = 0;
        for (const id of targets) n += await retryOne(store, dispatcher, id);
        process.stdout.write(`${n} queued again\n`);
      });
    });
}

export async function failedRows(store: Store): Promise<FailedRow[]> {
  const messages = await store.inbound.listFailed();
  const mails = await store.outbox.list({ status: 'failed' });
  return [
    ...messages.map((m) => ({
      id: `m${m.id}`,
      type: 'message' as const,
      at: m.receivedAt.toISOString(),
      what: `message ${m.messageId ?? '(no Message-ID)'} from ${m.source}${m.parsed?.subject ? `: ${m.parsed.subject}` : ''}`,
      error: m.error,
    })),
    ...mails.map((o) => ({
      id: `o${o.id}`,
      type: 'mail' as const,
      at: o.createdAt.toISOString(),
      what: `${o.purpose} to ${o.recipient} (${o.subjectRef})`,
      error: o.smtpResponse ?? o.lastError,
    })),
  ];
}

async function retryOne(store: Store, dispatcher: Dispatcher, id: string): Promise<number> {
  const m = /^(m|o)?(\d+)$/i.exec(id.trim());
  if (!m) throw new CliError(`"${id}" is not an id from crieur failed list (m12, o7)`, EXIT.usage);
  const n = Number(m[2]);
  if ((m[1] ?? 'm').toLowerCase() === 'o') {
    const item = await store.outbox.get(n);
    if (!item) throw new CliError(`no mail o${n}`, EXIT.dataErr);
    if (item.status === 'sent') return 0;
    await store.outbox.requeue(n);
    await dispatcher.dispatch('deliver', n, { again: true });
    return 1;
  }
  const msg = await store.inbound.get(n);
  if (!msg) throw new CliError(`no message m${n}`, EXIT.dataErr);
  await store.inbound.setState(n, 'received', null);
  await dispatcher.dispatch('classify', n, { again: true });
  return 1;
}
