/**
 * `crieur campaigns list|show ID|pause ID|resume ID [--json]` (SPEC): announcements, reminders, calls and list digests
 * being sent, with `{id, kind, event, list, total, sent, failed, queued, status}`. Pause stops new claims (mails
 * already handed to SMTP finish); resume dispatches what is left — sent by `crieur start`, or by `crieur announce
 * EVENT` again. A digest's rows go back to the deliver queue, an announcement's chunks to the campaign queue.
 */
import type { Command } from 'commander';
import type { Config } from '../../config/schema.ts';
import type { CampaignCounts, CampaignRecord } from '../../app/campaign-store.ts';
import { dispatchCampaign } from '../../app/announce-event.ts';
import { chunkSize } from '../../app/send-campaign.ts';
import { dispatchDigestCampaign } from '../../app/send-digests.ts';
import type { Store } from '../../app/store.ts';
import { connectRedis } from '../../adapters/queue/redis.ts';
import { BullDispatcher } from '../../adapters/queue/bullmq.ts';
import { withStore } from '../with-store.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { jsonText, visible } from '../format/visible.ts';

export function campaignJson(c: CampaignRecord & CampaignCounts) {
  return {
    id: c.id,
    kind: c.kind,
    event: c.eventId,
    list: c.list,
    total: c.total,
    sent: c.sent,
    failed: c.failed,
    queued: c.queued,
    status: c.status,
    reason: c.pauseReason,
    /** Beside SPEC's keys: what the campaign is (`digest:<list>:<period>` names a digest's period). */
    key: c.key,
  };
}

export function registerCampaigns(program: Command): void {
  const cmd = program.command('campaigns').description('announcements, reminders, calls and digests being sent');
  cmd
    .command('list')
    .option('--json', 'JSON array')
    .option('--config <file>', 'configuration file')
    .action(async (opts: { json?: boolean; config?: string }) => {
      await withStore(opts.config, async (store) => {
        const list = (await store.campaigns.list()).map(campaignJson);
        if (opts.json) process.stdout.write(`${jsonText(list)}\n`);
        else if (list.length === 0) process.stdout.write('no campaigns\n');
        else for (const c of list) process.stdout.write(`${line(c)}\n`);
      });
    });
  campaignVerb(cmd, 'show', async (c, store) => ({ record: { ...c, ...(await store.campaigns.counts(c.id)) }, said: '' }));
  campaignVerb(cmd, 'pause', async (c, store) => {
    if (c.status === 'done') throw new CliError(`campaign ${c.id} is done: nothing to pause`, EXIT.dataErr);
    const after = (await store.campaigns.setStatus(c.id, 'paused', 'paused by hand'))!;
    return { record: { ...after, ...(await store.campaigns.counts(c.id)) }, said: 'paused: ' };
  });
  campaignVerb(cmd, 'resume', async (c, store, config) => {
    if (c.status === 'done') throw new CliError(`campaign ${c.id} is done: nothing to resume`, EXIT.dataErr);
    const after = (await store.campaigns.setStatus(c.id, 'sending', null))!;
    const redis = await connectRedis(config.redis.url, { prefix: config.redis.prefix });
    const dispatcher = new BullDispatcher(redis, config.redis.prefix);
    try {
      if (c.kind === 'digest') await dispatchDigestCampaign({ store, dispatcher }, c.id);
      else await dispatchCampaign({ store, dispatcher }, c.id, chunkSize(config), true);
    } finally {
      await dispatcher.close();
      await redis.quit();
    }
    return { record: { ...after, ...(await store.campaigns.counts(c.id)) }, said: 'resumed: ', after: ' (crieur start sends the rest)' };
  });
}

/** `crieur campaigns VERB ID [--json] [--config F]`: the campaign found by id, the verb's work, then one line or JSON. */
function campaignVerb(
  cmd: Command,
  verb: string,
  run: (c: CampaignRecord, store: Store, config: Config) => Promise<{ record: Parameters<typeof campaignJson>[0]; said: string; after?: string }>,
): void {
  cmd
    .command(verb)
    .argument('<id>', 'campaign id')
    .option('--json', 'JSON object')
    .option('--config <file>', 'configuration file')
    .action(async (id: string, opts: { json?: boolean; config?: string }) => {
      await withStore(opts.config, async (store, config) => {
        const r = await run(await get(store.campaigns, id), store, config);
        const j = campaignJson(r.record);
        process.stdout.write(opts.json ? `${jsonText(j)}\n` : `${r.said}${line(j)}${r.after ?? ''}\n`);
      });
    });
}

async function get(campaigns: { get(id: number): Promise<CampaignRecord | null> }, id: string): Promise<CampaignRecord> {
  // Malformed (not a number) is bad usage, as `events show abc` and `failed retry abc` are; a number that names no
  // campaign is bad input.
  if (!/^\d+$/.test(id)) throw new CliError(`"${id}" is not a campaign id: give the number crieur campaigns list shows`, EXIT.usage);
  const c = await campaigns.get(Number(id));
  if (!c) throw new CliError(`no campaign ${id} (see crieur campaigns list)`, EXIT.dataErr);
  return c;
}

function line(c: ReturnType<typeof campaignJson>): string {
  // A digest is about a list's period, not an event: its key names both.
  const what = c.kind === 'digest' ? c.key : `event ${c.event ?? '-'}${c.list ? ` list ${c.list}` : ''}`;
  // The pause reason may quote an SMTP server's answer: shown with its controls escaped.
  return visible(`${String(c.id).padStart(4)}  ${c.kind.padEnd(8)} ${what}  ${c.sent}/${c.total} sent, ${c.failed} failed, ${c.queued} queued  ${c.status}${c.reason ? ` (${c.reason})` : ''}`);
}
