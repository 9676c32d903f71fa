/**
 * `crieur announce EVENT [--list NAME] [--dry-run] [--out DIR] [--json]` (SPEC). Templates are checked first: a
 * broken override is refused here, before anything is queued. `--out` writes each variant's .html, .txt, .ics and
 * .eml for review and sends nothing; `--dry-run` says who would get it. Otherwise the campaign is created (or
 * found again), its ledger filled, and sent from this process — a progress bar on a terminal — while any running
 * `crieur start` shares the work under the same status lock. Exits with the campaign's counts.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadConfig, requireSecret, requireSmtpUrl } from '../../config/load.ts';
import type { Config } from '../../config/schema.ts';
import { openStore } from '../../adapters/db/open.ts';
import { createEventMailBuilder } from '../../adapters/compose/announcement.ts';
import { fillMime, fillPart } from '../../adapters/compose/campaign-mime.ts';
import { checkTemplates } from '../../adapters/render/check.ts';
import {
  AnnounceError,
  announceEvent,
  announcement,
  announceVariants,
  announceWarnings,
  dispatchCampaign,
  findEvent,
  refusePast,
  unannounced,
  type BuiltVariant,
  type VariantSpec,
} from '../../app/announce-event.ts';
import type { EventRecord, EventStore } from '../../app/event-store.ts';
import type { CampaignRecord, CampaignStore } from '../../app/campaign-store.ts';
import { MEMBERS_LIST, type Subscriber } from '../../app/subscriber-store.ts';
import { chunkSize } from '../../app/send-campaign.ts';
import { slotValues } from '../../core/compose/campaign-slots.ts';
import { domainOf } from '../../core/compose/message.ts';
import { systemClock } from '../../app/clock.ts';
import { runProcess } from '../../../workers/process.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { explainStoredDeferral } from '../../adapters/smtp/errors.ts';
import { checkEventArg } from '../event-arg.ts';
import { makeOutputDir } from '../make-dir.ts';
import { campaignJson } from './campaigns.ts';
import { progressLine } from '../format/progress.ts';
import { jsonText, visible } from '../format/visible.ts';

interface Opts {
  list?: string;
  dryRun?: boolean;
  out?: string;
  json?: boolean;
  force?: boolean;
  config?: string;
}

export function registerAnnounce(program: Command): void {
  program
    .command('announce')
    .description('announce an event to every configured list and every active member, once each')
    .argument('<event>', 'event id, or its date YYYY-MM-DD')
    .option('--list <name>', 'only this configured list')
    .option('--dry-run', 'check and say who would get it; send nothing')
    .option('--out <dir>', 'write the rendered .html, .txt, .ics and .eml here instead of sending')
    .option('--json', "print the campaign's counts as JSON when done")
    .option('--force', 'announce an event whose date has gone by all the same')
    .option('--config <file>', 'configuration file')
    .action(async (eventRef: string, opts: Opts) => {
      checkEventArg(eventRef);
      const config = loadConfig({ file: opts.config });
      await checkTemplates(config);
      try {
        announceVariants(config, opts.list);
      } catch (err) {
        // --list naming no configured list: a usage error, as `crieur digest --list` says it.
        if (err instanceof AnnounceError) throw new CliError(err.message, EXIT.usage);
        throw err;
      }
      try {
        if (opts.out || opts.dryRun) await preview(config, eventRef, opts);
        else await send(config, eventRef, opts);
      } catch (err) {
        // 65, not 64: the command line is right; what it names (no such event, an event in the past) is the data
        // that cannot be announced — fixed in the event (crieur events update), not in how the command is typed.
        if (err instanceof AnnounceError) throw new CliError(err.message, EXIT.dataErr);
        throw err;
      }
    });
}

/** The event to announce, once it may be: past events refused (unless --force), what is missing said on stderr. */
async function announceable(events: EventStore, eventRef: string, config: Config, opts: Opts): Promise<EventRecord> {
  const ev = await findEvent(events, eventRef, config.group.timezone);
  refusePast(ev, systemClock.now(), config.group.timezone, opts.force === true);
  for (const w of announceWarnings(ev)) process.stderr.write(`crieur: warning: ${visible(w)}\n`);
  return ev;
}

/**
 * `--out DIR`: each variant's `.html`, `.txt`, `.ics` (events) and `.eml` for review, the `.eml` filled for a real
 * member of that language when there is one (else a sample address), never sent.
 */
export async function writePreviews(config: Config, dir: string, prefix: string, built: readonly BuiltVariant[], specs: readonly VariantSpec[], members: readonly Subscriber[]): Promise<void> {
  await makeOutputDir(dir, '--out');
  const domain = domainOf(config.addresses.proposals);
  for (const b of built) {
    const base = join(dir, `${prefix}.${b.key.replace(/[^\w-]+/g, '-')}`);
    const spec = specs.find((s) => s.key === b.key)!;
    const sample = spec.to ?? members.find((m) => `member:${m.language ?? config.group.locale}` === b.key)?.email ?? `member@${domain}`;
    const name = spec.to ? null : (members.find((m) => m.email === sample)?.name ?? null);
    // A member's copy carries a member's links, as sent (send-campaign.ts): List-Unsubscribe by mail and, with
    // http.publicUrl, the https page the footer shows — under a sample token (member 0) that unsubscribes nobody.
    const member = spec.to ? {} : { memberId: 0, publicUrl: config.http.publicUrl };
    const values = slotValues({ campaignId: 0, recipient: sample, name, domain, inbox: config.addresses.proposals, secret: config.secret ?? 'preview-only-no-secret', ...member });
    const eml = fillMime(b.mime, values);
    // The parts as the sample recipient reads them: the slots (greeting, unsubscribe link) filled as in the .eml.
    await writeFile(`${base}.html`, fillPart(b.html, 'html', values));
    await writeFile(`${base}.txt`, fillPart(b.text, 'text', values));
    if (b.ics) await writeFile(`${base}.ics`, b.ics);
    await writeFile(`${base}.eml`, eml);
    process.stderr.write(`wrote ${base}.{html,txt${b.ics ? ',ics' : ''},eml}\n`);
  }
}

async function preview(config: Config, eventRef: string, opts: Opts): Promise<void> {
  const store = await openStore(config.database.url);
  try {
    const ev = await announceable(store.events, eventRef, config, opts);
    const builder = createEventMailBuilder(config);
    const specs = announceVariants(config, opts.list);
    // The same decision and the same mail as announcing (announceEvent): an update only when what the mail shows
    // changed, saying what changed.
    const { input, key, subjectRef, update } = await announcement({ store, config }, ev, opts.list, systemClock.now());
    const sent = (await store.campaigns.list()).find((c) => c.key === key) ?? null;
    const built = await builder.build(input, specs);
    const members = opts.list ? [] : (await store.subscribers.list({ status: 'active' })).filter((s) => s.lists.includes(MEMBERS_LIST));
    if (opts.out) await writePreviews(config, opts.out, `E-${ev.id}`, built, specs, members);
    // Counted as the real run adds them: only who has not had this version yet.
    const { lists, members: count } = await unannounced({ config, store }, subjectRef, opts.list);
    const state = sent
      ? ` (already announced (campaign ${sent.id}: ${sent.sent} sent): only who has not had it would get it)`
      : update
        ? ` (changed since announced: an update, SEQUENCE ${ev.sequence})`
        : '';
    const summary =
      lists.length === 0 && count === 0
        ? noAudience(config, opts.list, members.length)
          ? `event ${ev.id}: ${NOBODY}`
          : `event ${ev.id}: nothing new — everyone already has the ${update ? 'update' : 'announcement'}${sent ? ` (campaign ${sent.id}: ${sent.sent} sent)` : ''}`
        : `event ${ev.id}${state}: would go to ${lists.length} list(s)${lists.length ? ` (${lists.map((l) => l.address).join(', ')})` : ''}${opts.list ? '' : ` and ${count} active member(s)`}; subject « ${built[0]?.subject ?? ''} »`;
    if (opts.json) process.stdout.write(`${jsonText(previewJson({ id: sent?.id ?? null, kind: 'announce', event: ev.id, list: opts.list ?? null }, lists.map((l) => l.name), count))}\n`);
    else process.stdout.write(`${visible(summary)}\n`);
  } finally {
    await store.close();
  }
}

/**
 * No list configured and no active member: nobody the announcement could reach. Said as such — « nothing new —
 * everyone already has it » read as if it had gone out. (With --list, the list named is configured: someone.)
 */
function noAudience(config: Config, list: string | undefined, activeMembers: number): boolean {
  return list === undefined && config.lists.length === 0 && activeMembers === 0;
}

const NOBODY = 'nobody to announce to — no list is configured (lists: in the configuration) and no member is active (crieur subscribers add|import)';

/**
 * `--dry-run --json` and `--out --json`: SPEC's campaign counts `{id, kind, event, list, total, sent, failed, queued,
 * status}` as this run would leave them — `id` the campaign it would add to (null: a new one), nothing sent, `queued`
 * (and `total`) who would get it, status `dry-run` — with the lists and the members count beside them.
 */
export function previewJson(c: { id: number | null; kind: CampaignRecord['kind']; event: number | null; list: string | null }, lists: string[], members: number) {
  const queued = lists.length + members;
  return { ...c, total: queued, sent: 0, failed: 0, queued, status: 'dry-run' as const, lists, members, dryRun: true };
}

async function send(config: Config, eventRef: string, opts: Opts): Promise<void> {
  requireSecret(config);
  requireSmtpUrl(config);
  const running = await runProcess(config, { queues: ['campaign'], watch: false, serveDatabase: false, http: false, logLevel: passingLogLevel(config) });
  const stopSignal = new Promise<string>((resolve) => {
    for (const s of ['SIGINT', 'SIGTERM'] as const) process.once(s, () => resolve(s));
  });
  let stopped = false;
  void stopSignal.then(() => (stopped = true));
  try {
    const { deps } = running.context;
    const ev = await announceable(deps.store.events, eventRef, config, opts);
    const a = await announceEvent({ config, store: deps.store, builder: createEventMailBuilder(config), clock: deps.clock }, ev, opts.list ? { list: opts.list } : {});
    const before = await deps.store.campaigns.counts(a.campaign.id);
    if (a.added === 0 && before.queued === 0) {
      const c = (await deps.store.campaigns.get(a.campaign.id))!;
      // (the roster counted only when no list is configured: otherwise there is someone)
      const nobody = noAudience(config, opts.list, 0) && noAudience(config, opts.list, (await deps.store.subscribers.list({ status: 'active' })).filter((m) => m.lists.includes(MEMBERS_LIST)).length);
      if (nobody && !opts.json) process.stderr.write(`event ${ev.id}: ${NOBODY}\n`);
      else if (!opts.json) process.stderr.write(`nothing new: everyone already has the ${a.update ? 'update' : 'announcement'} of event ${ev.id} (campaign ${c.id}: ${before.sent} sent, ${before.failed} failed)\n`);
      return finish(c, before, opts);
    }
    if (a.update && a.created && !opts.json) process.stderr.write(`event ${ev.id} changed since it was announced: sending an update (SEQUENCE ${ev.sequence}) to everyone who had it\n`);
    if (a.campaign.status === 'paused') throw new CliError(`campaign ${a.campaign.id} is paused (${a.campaign.pauseReason ?? 'by hand'}): crieur campaigns resume ${a.campaign.id}`, EXIT.tempFail);
    await dispatchCampaign({ store: deps.store, dispatcher: deps.dispatcher }, a.campaign.id, chunkSize(config), true);
    const c = await watch(deps.store.campaigns, a.campaign.id, () => stopped);
    const counts = await deps.store.campaigns.counts(c.id);
    if (stopped) process.stderr.write(`stopped: the rest goes out with crieur start, or crieur announce ${eventRef} again\n`);
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

/**
 * The JSON log level of the campaign worker announce and call run while they send: errors only — their own lines say
 * what was sent, deferred or paused — unless --verbose asks for the configuration's.
 */
export function passingLogLevel(config: Config): string {
  return process.argv.includes('--verbose') ? config.log.level : 'error';
}

/** What announce and call say of the mails a server deferred (4xx) when they end: who sends them, and when. */
export function deferredLine(queued: number): string {
  return `${queued} mail(s) deferred by the server (4xx): crieur start tries them again after delivery.retryMinutes, until delivery.giveUpAfterHours\n`;
}

/** What announce and call say of the rows another sender holds (status sending): whose they are, and what becomes of them. */
export function heldLine(held: number): string {
  return (
    `${held} mail(s) held by another sender (a crieur start sending them, or an earlier run that was stopped or killed): ` +
    `once its lease (queue.sendLeaseSeconds) is over, crieur start sends those it never handed to the server and parks for review (crieur failed list) those caught in transmission — none twice\n`
  );
}

/**
 * The end of announce and call with mails left queued. A server that answered 4xx deferred them: that is mail as
 * usual (exit 0, crieur start retries). No server answering at all (refused, timeout) is a service unreachable —
 * SPEC's runtime failure, exit 1 —, and a login the server refuses is the configuration's, exit 78: each said with
 * its cause and fix, rather than as « deferred by the server (4xx) ».
 */
export async function sayDeferred(campaigns: CampaignStore, id: number, left: number): Promise<void> {
  // Rows another sender holds under its lease are no deferral (black-box audit: an announce killed mid-send, run
  // again, said its 40 rows in flight were « deferred by the server (4xx) »).
  const held = Math.min(await campaigns.held(id), left);
  if (held > 0) process.stderr.write(heldLine(held));
  const queued = left - held;
  if (queued === 0) return;
  const why = await campaigns.lastDeferral(id);
  const said = why && explainStoredDeferral(why.error, why.response);
  if (!why || !said || said.kind === 'deferred') {
    process.stderr.write(deferredLine(queued));
    return;
  }
  const cause = said.kind === 'unreachable' ? `no mail server answered (${visible(why.error)})` : `the mail server answered « ${visible(why.response ?? why.error)} »`;
  const fix = said.fix ?? 'start it, or correct smtp.url';
  process.stderr.write(`crieur: ${queued} mail(s) not sent: ${cause} — ${fix}\n(they stay queued: crieur start sends them once the server takes them)\n`);
  process.exitCode = said.kind === 'unreachable' ? EXIT.failure : EXIT.config;
}

/** How long announce waits, nothing left queued, for the campaign to say it is done. */
const IN_FLIGHT_WAIT_MS = 15_000;

/** Until nothing is left queued (or the campaign pauses, or a signal): the bar on a terminal, nothing otherwise. */
export async function watch(campaigns: CampaignStore, id: number, stop: () => boolean): Promise<CampaignRecord> {
  const tty = process.stderr.isTTY === true;
  const t0 = Date.now();
  const start = await campaigns.counts(id);
  // Nothing queued while the campaign still says 'sending': its last mails are in flight (another process — a running
  // `crieur start` — may be the one sending them), and the counts printed must be the campaign's end: waited for, a while.
  let drainedAt: number | null = null;
  // Rows left that nobody may send yet — each deferred by a 4xx, waiting for its next try (send-campaign.ts
  // deferral) — and no progress for a while: the run's part is over; `crieur start` sends them when their time comes.
  let progress = -1;
  let progressAt = Date.now();
  for (;;) {
    const [c, n] = await Promise.all([campaigns.get(id), campaigns.counts(id)]);
    if (tty) process.stderr.write(`\r${progressLine(n, start.sent + start.failed, (Date.now() - t0) / 1000)}`);
    if (n.queued === 0) drainedAt ??= Date.now();
    if (n.sent + n.failed !== progress) {
      progress = n.sent + n.failed;
      progressAt = Date.now();
    }
    const waiting = n.queued > 0 && Date.now() - progressAt >= IN_FLIGHT_WAIT_MS && (await campaigns.pendingChunks(id, Number.MAX_SAFE_INTEGER)).length === 0;
    const settled = (drainedAt !== null && Date.now() - drainedAt >= IN_FLIGHT_WAIT_MS) || waiting;
    if (!c || c.status !== 'sending' || settled || stop()) {
      if (tty) process.stderr.write('\n');
      return c!;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

export function finish(c: CampaignRecord, counts: { total: number; sent: number; failed: number; queued: number }, opts: { json?: boolean }): void {
  const j = campaignJson({ ...c, ...counts });
  if (opts.json) process.stdout.write(`${jsonText(j)}\n`);
  else process.stdout.write(`campaign ${j.id} (${j.kind}${j.event !== null ? ` of event ${j.event}` : ''}${j.list ? `, list ${visible(j.list)}` : ''}): ${j.sent} sent, ${j.failed} failed, ${j.queued} queued of ${j.total} — ${j.status}\n`);
}
