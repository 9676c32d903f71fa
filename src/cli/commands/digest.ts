/**
 * `crieur digest [--list NAME] [--since DURATION] [--dry-run] [--out DIR]` (SPEC): builds the list digests of the
 * last daily period (or of the DURATION before now) and queues them for the members who chose a digest; without
 * --list the organizers' digest too. `--out DIR` writes every format of each list digest (`.html`, `.txt` in
 * RFC 1153 form, `.eml` the MIME digest) — a member's copy, as sent: addressed to a member who takes the digest (else
 * a sample address), their unsubscribe links under a sample token — and the organizers' `.eml` instead of sending; `--dry-run` says what
 * would be sent and to whom. Recipients: the members who chose a digest of the list (store.digests, active members
 * only) — the daily ones, or with --since every one. An empty period sends and writes nothing. Sending again for
 * the same period queues nothing; with --since, a window that overlaps an earlier --since digest of the list leaves out
 * the posts that one carried (build-digest.ts listDigest): nothing new sends, writes nothing and says so.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config/load.ts';
import type { Config } from '../../config/schema.ts';
import { openStore } from '../../adapters/db/open.ts';
import { connectRedis } from '../../adapters/queue/redis.ts';
import { BullDispatcher } from '../../adapters/queue/bullmq.ts';
import { silentLogger } from '../../adapters/log/pino.ts';
import { createDigestComposer } from '../../adapters/compose/digest-mail.ts';
import { lastPeriod, SINCE_MAX_MS, sinceDuration, sincePeriod, type Period } from '../../core/digest/period.ts';
import { periodLabel } from '../../core/digest/template-data.ts';
import { formatDate } from '../../core/render/dates.ts';
import { listDigest } from '../../app/build-digest.ts';
import { rawsOf, sendListDigests, type ListDigestReport } from '../../app/send-digests.ts';
import { sendOrganizerDigest } from '../../app/organizer-digest.ts';
import { systemClock } from '../../app/clock.ts';
import type { Dispatcher } from '../../app/dispatcher.ts';
import type { Store } from '../../app/store.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { makeOutputDir } from '../make-dir.ts';
import { domainOf } from '../../core/compose/message.ts';
import { visible, jsonText } from '../format/visible.ts';

interface Options {
  list?: string;
  since?: string;
  dryRun?: boolean;
  out?: string;
  json?: boolean;
  config?: string;
}

export function registerDigest(program: Command): void {
  program
    .command('digest')
    .description('build the list digests (and the organizers\' one) of the last period and send them, or write them with --out')
    .option('--list <name>', 'only this configured list (no organizers\' digest)')
    .option('--since <duration>', 'the period ending now instead of the last daily one: 90m, 36h, 2d, 1w')
    .option('--dry-run', 'say what would be sent, send nothing')
    .option('--out <dir>', 'write each digest as .html, .txt (RFC 1153) and .eml (MIME digest) instead of sending')
    .option('--json', 'one JSON object per digest')
    .option('--config <file>', 'configuration file')
    .action(async (opts: Options) => {
      const config = loadConfig({ file: opts.config });
      if (opts.list !== undefined && !config.lists.some((l) => l.name === opts.list)) {
        const names = config.lists.map((l) => l.name).join(', ') || 'none configured';
        throw new CliError(`no list named "${opts.list}" in the configuration (lists: ${names})`, EXIT.usage);
      }
      const now = systemClock.now();
      let period: Period | undefined;
      if (opts.since !== undefined) {
        const ms = sinceDuration(opts.since);
        if (ms === null) throw new CliError(`--since "${opts.since}" is not a duration: write it as 90m, 36h, 2d or 1w`, EXIT.usage);
        if (ms > SINCE_MAX_MS) throw new CliError(`--since "${opts.since}" is longer than a century: write at most 5200w`, EXIT.usage);
        period = sincePeriod(now, opts.since)!;
      }
      const store = await openStore(config.database.url);
      try {
        if (opts.out !== undefined) await writeOut(config, store, opts, period ?? lastPeriod(now, 'daily', schedule(config)));
        else await send(config, store, opts, period);
      } finally {
        await store.close();
      }
    });
}

function schedule(config: Config) {
  return { hour: config.digests.hour, weeklyDay: config.digests.weeklyDay, timezone: config.group.timezone };
}

const lists = (config: Config, opts: Options) => config.lists.filter((l) => opts.list === undefined || l.name === opts.list);
const print = (opts: Options, human: string, json: object) => process.stdout.write(`${opts.json ? jsonText(json) : human}\n`);

async function writeOut(config: Config, store: Store, opts: Options, period: Period): Promise<void> {
  const dir = opts.out!;
  await makeOutputDir(dir, '--out');
  const composer = createDigestComposer(config);
  // A list digest goes to members only (send-digests.ts): the preview is a member's copy, as sent — their
  // List-Unsubscribe (mailto, and the https page with http.publicUrl), Precedence: bulk, the footer's link — under a
  // sample token (member 0) that unsubscribes nobody, addressed to a member who takes this list's digest when there is one.
  const previews = config.secret ? composer : createDigestComposer({ ...config, secret: 'preview-only-no-secret' });
  const domain = domainOf(config.addresses.proposals);
  for (const list of lists(config, opts)) {
    // what a run would send: with --since, only what no earlier --since digest of the list carried
    const { data, period: keyed, earlier } = await listDigest({ store, config }, list, period);
    if (!data) {
      print(opts, `${list.name}: ${nothingSaid(earlier, period, config.group.timezone)}, nothing written`, { list: list.name, period: keyed.key, earlier, files: [] });
      continue;
    }
    const members = await store.digests.forList(list.name);
    const sample = members.find((m) => (m.language ?? list.language) === list.language);
    const to = { name: sample?.name ?? null, email: sample?.email ?? `member@${domain}`, memberId: 0 };
    const rendered = await previews.render(data, list.language, { members: true });
    const mime = await previews.compose(data, rendered, 'mime', to, await rawsOf({ store }, data));
    const read = previews.forMember(rendered, to);
    const base = join(dir, `${list.name}-${keyed.key}`);
    const files = [`${base}.html`, `${base}.txt`, `${base}.eml`];
    await Promise.all([writeFile(files[0]!, read.html), writeFile(files[1]!, read.text), writeFile(files[2]!, mime.raw)]);
    const c = data.counts;
    print(opts, `${list.name}: ${postCounts(c)} → ${files.join(', ')}`, { list: list.name, period: keyed.key, counts: c, earlier, files });
  }
  if (opts.list === undefined && config.organizers.length > 0) {
    const deps = { config, store, clock: systemClock, dispatcher: nullDispatcher, log: silentLogger, organizerMailer: composer };
    const r = await sendOrganizerDigest(deps, { build: true });
    const mail = r.mails[0];
    if (!mail) print(opts, 'organizers: nothing waits, nothing written', { list: null, organizers: true, files: [] });
    else {
      const file = join(dir, `organizers-${r.day}.eml`);
      await writeFile(file, mail.raw);
      print(opts, `organizers: ${r.counts!.pending} pending, ${r.counts!.unconfirmed} unconfirmed, ${r.counts!.gaps} gaps → ${file}`, { organizers: true, counts: r.counts, files: [file] });
    }
  }
}

const nullDispatcher: Dispatcher = { dispatch: async () => undefined, dispatchMany: async () => undefined };

async function send(config: Config, store: Store, opts: Options, period: Period | undefined): Promise<void> {
  let dispatcher: Dispatcher = nullDispatcher;
  let close = async () => undefined as unknown;
  if (!opts.dryRun) {
    const redis = await connectRedis(config.redis.url, { prefix: config.redis.prefix });
    const bull = new BullDispatcher(redis, config.redis.prefix);
    dispatcher = bull;
    close = async () => {
      await bull.close();
      await redis.quit();
    };
  }
  try {
    const composer = createDigestComposer(config);
    const deps = { config, store, clock: systemClock, dispatcher, log: silentLogger, mailer: composer, organizerMailer: composer, recipients: store.digests };
    const reports = await sendListDigests(deps, { ...(period ? { period } : { cadence: 'daily' as const }), ...(opts.list ? { lists: [opts.list] } : {}), dryRun: opts.dryRun ?? false });
    for (const r of reports) {
      const json = { list: r.list, period: r.period.key, counts: r.counts, recipients: r.recipients, queued: r.queued, already: r.already, earlier: r.earlier, campaign: r.campaign };
      print(opts, human(r, opts.dryRun ?? false, config.group.timezone), opts.dryRun ? { ...json, to: r.to } : json);
    }
    if (opts.list === undefined) {
      const o = await sendOrganizerDigest(deps, { dryRun: opts.dryRun ?? false });
      const what = o.counts ? `${o.counts.pending} pending, ${o.counts.unconfirmed} unconfirmed, ${o.counts.gaps} gaps` : 'nothing waits';
      const json = { organizers: true, day: o.day, counts: o.counts, queued: o.queued, already: o.already };
      if (!opts.dryRun) print(opts, `organizers: ${what}${o.counts ? `; ${o.queued} queued, ${o.already} already sent` : ''}`, json);
      else {
        const to = o.counts ? config.organizers : [];
        print(opts, [`organizers: ${what}${to.length ? ` would go to ${count(to.length, 'organizer')}:` : ''}`, ...to.map((e) => `  ${visible(e)}`)].join('\n'), { ...json, to });
      }
    }
  } finally {
    await close();
  }
}

/**
 * The period an operator line names: a day or a week as the digest itself says it, an ad hoc `--since` as the moment it
 * starts — « no post for Wednesday, December 2 » after `--since 5m` read as if that whole day had none.
 */
function windowOf(period: Period, tz: string): string {
  return period.cadence === 'since' ? `since ${formatDate(period.from, 'en', tz)}` : periodLabel({ period }, 'en', tz);
}

/**
 * An empty digest, said: no post in the window, or (`--since`) nothing new — every post of the window was in an earlier
 * digest, which a run from cron over an overlapping window meets every time.
 */
function nothingSaid(earlier: number, period: Period, tz: string): string {
  const when = windowOf(period, tz);
  if (earlier === 0) return `no post ${when}`;
  return `nothing new ${when}: ${earlier === 1 ? 'its 1 message was' : `its ${earlier} messages were`} in an earlier digest`;
}

/** « 1 message », « 2 messages »: counts said as a person would. */
function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function postCounts(c: { messages: number; threads: number; posters: number }): string {
  return `${count(c.messages, 'message')}, ${count(c.threads, 'thread')}, ${count(c.posters, 'poster')}`;
}

function human(r: ListDigestReport, dryRun: boolean, tz: string): string {
  const members = r.recipients.html + r.recipients.text + r.recipients.mime;
  // the period in words (« from Saturday 28 to Monday 30 November 2026 »), never its outbox key (`since-2026-11-28T1336-…`)
  const when = windowOf(r.period, tz);
  if (members === 0) return `${r.list}: no member takes a digest ${when}, nothing sent`;
  if (!r.counts) return `${r.list}: ${nothingSaid(r.earlier, r.period, tz)}, nothing sent`;
  const c = r.counts;
  const what = postCounts(c);
  if (!dryRun) return `${r.list}: ${what}; ${r.queued} queued, ${r.already} already sent${r.campaign ? ` (crieur campaigns show ${r.campaign})` : ''}`;
  // Addresses come from the roster (typed by people): shown with controls escaped, never raw on a terminal.
  const lines = r.to.map((t) => `  ${t.format.padEnd(4)} ${t.cadence.padEnd(6)} ${visible(t.email)}`);
  return [`${r.list}: ${what} would go to ${count(members, 'member')} (html ${r.recipients.html}, text ${r.recipients.text}, mime ${r.recipients.mime}):`, ...lines].join('\n');
}
