/**
 * `crieur call [--list NAME] [--dry-run] [--out DIR] [--force] [--json]` (beyond SPEC, beside `announce`): the call
 * for proposals — the proposals address, what a proposal should say, the next meetups with free slots — to every
 * configured list and every active member, once per month (the group's zone) unless `--force`. `--out` writes each
 * variant's .html, .txt and .eml for review; `--dry-run` says who would get it. Templates are checked first.
 */
import type { Command } from 'commander';
import { loadConfig, requireSecret, requireSmtpUrl } from '../../config/load.ts';
import type { Config } from '../../config/schema.ts';
import { openStore } from '../../adapters/db/open.ts';
import { createCallMailBuilder } from '../../adapters/compose/call.ts';
import { checkTemplates } from '../../adapters/render/check.ts';
import { AnnounceError, announceVariants, dispatchCampaign, unannounced } from '../../app/announce-event.ts';
import { callForProposals, callInput, callLedgerRef, callPeriod } from '../../app/call-for-proposals.ts';
import { MEMBERS_LIST } from '../../app/subscriber-store.ts';
import { chunkSize } from '../../app/send-campaign.ts';
import { systemClock } from '../../app/clock.ts';
import { runProcess } from '../../../workers/process.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { finish, passingLogLevel, previewJson, sayDeferred, watch, writePreviews } from './announce.ts';
import { jsonText, visible } from '../format/visible.ts';

interface Opts {
  list?: string;
  dryRun?: boolean;
  out?: string;
  force?: boolean;
  json?: boolean;
  config?: string;
}

export function registerCall(program: Command): void {
  program
    .command('call')
    .description('send the call for proposals (next meetups, free slots) to the lists and members, once a month')
    .option('--list <name>', 'only this configured list')
    .option('--dry-run', 'check and say who would get it; send nothing')
    .option('--out <dir>', 'write the rendered .html, .txt and .eml here instead of sending')
    .option('--force', 'send again this month (a call of its own, to everyone)')
    .option('--json', "print the campaign's counts as JSON when done")
    .option('--config <file>', 'configuration file')
    .action(async (opts: Opts) => {
      const config = loadConfig({ file: opts.config });
      await checkTemplates(config);
      try {
        announceVariants(config, opts.list);
        if (opts.out || opts.dryRun) await preview(config, opts);
        else await send(config, opts);
      } catch (err) {
        if (err instanceof AnnounceError) throw new CliError(err.message, EXIT.dataErr);
        throw err;
      }
    });
}

async function preview(config: Config, opts: Opts): Promise<void> {
  const store = await openStore(config.database.url);
  try {
    const now = systemClock.now();
    const specs = announceVariants(config, opts.list);
    const built = await createCallMailBuilder(config).build(await callInput({ store, config }, now, 'preview'), specs);
    const members = opts.list ? [] : (await store.subscribers.list({ status: 'active' })).filter((s) => s.lists.includes(MEMBERS_LIST));
    const period = callPeriod(now, config.group.timezone);
    if (opts.out) await writePreviews(config, opts.out, `call-${period}`, built, specs, members);
    // Counted as the real run adds them: the month's ledger, whatever scope sent it (`call --list A`, then `call`,
    // reaches A no more); --force is a call of its own, to everyone in scope.
    const scoped = config.lists.filter((l) => opts.list === undefined || l.name === opts.list);
    // a list's address that is also a member is one row, one mail (the list's), as the real run adds it
    const reach = opts.force
      ? { lists: scoped, members: members.filter((m) => !scoped.some((l) => l.address.toLowerCase() === m.email.toLowerCase())).length }
      : await unannounced({ config, store }, callLedgerRef(period), opts.list, 'call');
    // This month's calls, every scope (`call:2026-12`, `call:2026-12:generale`), forced ones aside
    const month = (await store.campaigns.list()).filter((c) => c.kind === 'call' && (c.key === callLedgerRef(period) || c.key.startsWith(`${callLedgerRef(period)}:`)) && !c.key.includes(':forced-'));
    const campaign = opts.force ? undefined : month.find((c) => c.key === `${callLedgerRef(period)}${opts.list ? `:${opts.list}` : ''}`);
    const had = opts.force ? 0 : month.reduce((n, c) => n + c.sent, 0);
    if (opts.json) {
      const counts = previewJson({ id: campaign?.id ?? null, kind: 'call', event: null, list: opts.list ?? null }, reach.lists.map((l) => l.name), reach.members);
      process.stdout.write(`${jsonText({ ...counts, period, alreadySent: had })}\n`);
    } else {
      const line =
        reach.lists.length === 0 && reach.members === 0
          ? `call for proposals of ${period}: nothing new — every list and member in scope already has it (${had} sent this month); --force sends another`
          : `call for proposals of ${period}: would go to ${reach.lists.length} list(s)${reach.lists.length ? ` (${reach.lists.map((l) => l.address).join(', ')})` : ''}${opts.list ? '' : ` and ${reach.members} active member(s)`}; subject « ${built[0]?.subject ?? ''} »${had > 0 ? ` — already sent this month to ${had}: only who has not had it would get it (--force for everyone)` : ''}`;
      process.stdout.write(`${visible(line)}\n`);
    }
  } finally {
    await store.close();
  }
}

async function send(config: Config, opts: Opts): Promise<void> {
  requireSecret(config);
  requireSmtpUrl(config);
  const running = await runProcess(config, { queues: ['campaign'], watch: false, serveDatabase: false, http: false, logLevel: passingLogLevel(config) });
  let stopped = false;
  for (const s of ['SIGINT', 'SIGTERM'] as const) process.once(s, () => (stopped = true));
  try {
    const { deps } = running.context;
    const c0 = await callForProposals({ config, store: deps.store, builder: createCallMailBuilder(config), clock: deps.clock }, { ...(opts.list ? { list: opts.list } : {}), ...(opts.force ? { force: true } : {}) });
    const before = await deps.store.campaigns.counts(c0.campaign.id);
    if (c0.added === 0 && before.queued === 0) {
      if (!opts.json) process.stderr.write(`nothing new: the call for proposals of ${c0.period} went out already (campaign ${c0.campaign.id}: ${before.sent} sent); --force sends another\n`);
      return finish((await deps.store.campaigns.get(c0.campaign.id))!, before, opts);
    }
    if (c0.campaign.status === 'paused') throw new CliError(`campaign ${c0.campaign.id} is paused (${c0.campaign.pauseReason ?? 'by hand'}): crieur campaigns resume ${c0.campaign.id}`, EXIT.tempFail);
    await dispatchCampaign({ store: deps.store, dispatcher: deps.dispatcher }, c0.campaign.id, chunkSize(config), true);
    const c = await watch(deps.store.campaigns, c0.campaign.id, () => stopped);
    const counts = await deps.store.campaigns.counts(c.id);
    if (stopped) process.stderr.write('stopped: the rest goes out with crieur start, or crieur call again\n');
    else if (c.status === 'sending' && counts.queued > 0) await sayDeferred(deps.store.campaigns, c.id, counts.queued);
    finish(c, counts, opts);
    if (c.status === 'paused') {
      process.stderr.write(`crieur: campaign ${c.id} paused: ${visible(c.pauseReason ?? 'by hand')}\n(fix the cause, then crieur campaigns resume ${c.id})\n`);
      process.exitCode = EXIT.tempFail;
    }
  } finally {
    await running.stop();
  }
}
