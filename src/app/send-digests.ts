/**
 * The digest runner: for each configured list, the last period's posts (build-digest) rendered once per locale
 * and composed for each member who chose that cadence, in their format, into the outbox. The outbox key
 * (purpose digest, `<list>/<period>/<format>`, recipient) makes it exactly one digest per list, period and
 * format for each member — a job run again after a restart, or by a second process running the scheduler,
 * queues nothing new. An empty period sends nothing.
 *
 * Each list's digest of a period (all formats and members) is a campaign of kind `digest` (SPEC `crieur campaigns`),
 * created idempotently by key `digest:<list>:<period>`; its rows keep their own bytes and go through the deliver
 * queue, which leaves them queued while the campaign is paused (`crieur campaigns pause|resume`).
 */
import type { DigestData } from '../core/digest/build.ts';
import { lastPeriod, type Cadence, type Period } from '../core/digest/period.ts';
import type { ComposedMail } from './composer.ts';
import type { Dispatcher } from './dispatcher.ts';
import type { Address, Language } from '../types.ts';
import type { AppDeps } from './deps.ts';
import type { CampaignMail, CampaignStore } from './campaign-store.ts';
import { listDigest } from './build-digest.ts';
import type { DigestFormat, DigestRecipients } from './digest-recipients.ts';

export interface RenderedDigest {
  subject: string;
  html: string;
  /** RFC 1153. */
  text: string;
}

/**
 * What the use case needs to turn digest data into mail (src/adapters/compose/digest-mail.ts). Rendered once per
 * locale — `members: true` leaves a slot for each member's unsubscribe link — then composed per recipient: with a
 * `memberId`, roster mail (List-Unsubscribe with the member's token, one-click, VERP envelope sender).
 */
export interface DigestMailer {
  render(d: DigestData, locale: Language, opts?: { members?: boolean }): Promise<RenderedDigest>;
  compose(d: DigestData, r: RenderedDigest, format: DigestFormat, to: Address & { memberId?: number }, raws: ReadonlyMap<number, Buffer>): Promise<ComposedMail>;
}

export type DigestDeps = Pick<AppDeps, 'config' | 'store' | 'clock' | 'dispatcher' | 'log'> & { mailer: DigestMailer; recipients: DigestRecipients };

export interface ListDigestReport {
  list: string;
  period: Period;
  counts: DigestData['counts'] | null;
  /** The digest's campaign (`crieur campaigns show ID`); null when nothing was queued (empty period, dry run). */
  campaign: number | null;
  /** Mails queued now; `already`: queued by an earlier run for this period. */
  queued: number;
  already: number;
  /** `--since`: posts of the window an earlier `--since` digest of the list carried (left out of this one). */
  earlier: number;
  recipients: Record<DigestFormat, number>;
  /** Who gets it (or would, with dryRun): empty when the period is. */
  to: { email: string; format: DigestFormat; cadence: Cadence }[];
}

export interface SendOptions {
  /** The scheduled cadence (members who chose it), or an explicit period for every digest member (`--since`). */
  cadence?: Cadence;
  period?: Period;
  lists?: readonly string[];
  dryRun?: boolean;
}

export function digestRef(list: string, period: Period, format: DigestFormat): string {
  return `${list}/${period.key}/${format}`;
}

/** The campaign key of a list's digest of a period: one campaign for all its formats and members. */
export function digestCampaignKey(list: string, period: Period): string {
  return `digest:${list}:${period.key}`;
}

export async function sendListDigests(deps: DigestDeps, opts: SendOptions): Promise<ListDigestReport[]> {
  const { config } = deps;
  const reports: ListDigestReport[] = [];
  const schedule = { hour: config.digests.hour, weeklyDay: config.digests.weeklyDay, timezone: config.group.timezone };
  const lists = config.lists.filter((l) => !opts.lists || opts.lists.includes(l.name));
  for (const list of lists) {
    const window = opts.period ?? lastPeriod(deps.clock.now(), opts.cadence ?? 'daily', schedule);
    const members = (await deps.recipients.forList(list.name)).filter((m) => !opts.cadence || m.cadence === opts.cadence);
    const recipients: Record<DigestFormat, number> = { html: 0, text: 0, mime: 0 };
    for (const m of members) recipients[m.format]++;
    const report: ListDigestReport = { list: list.name, period: window, counts: null, campaign: null, queued: 0, already: 0, earlier: 0, recipients, to: [] };
    reports.push(report);
    if (members.length === 0) continue;
    // a `--since` window: what an earlier `--since` digest of the list did not carry, keyed by its posts (build-digest.ts)
    const { data, period, earlier } = await listDigest(deps, list, window);
    report.period = period;
    report.earlier = earlier;
    if (!data) continue;
    report.counts = data.counts;
    report.to = members.map((m) => ({ email: m.email, format: m.format, cadence: m.cadence }));
    if (opts.dryRun) continue;
    const rendered = new Map<Language, Promise<RenderedDigest>>();
    const renderFor = (locale: Language) => {
      let r = rendered.get(locale);
      if (!r) rendered.set(locale, (r = deps.mailer.render(data, locale, { members: true })));
      return r;
    };
    const raws = members.some((m) => m.format === 'mime') ? await rawsOf(deps, data) : new Map<number, Buffer>();
    const items: CampaignMail[] = [];
    for (const m of members) {
      const r = await renderFor(m.language ?? list.language);
      const mail = await deps.mailer.compose(data, r, m.format, { name: m.name, email: m.email, memberId: m.memberId }, raws);
      items.push({ subjectRef: digestRef(list.name, period, m.format), recipient: m.email, raw: mail.raw, envelopeFrom: mail.envelopeFrom });
    }
    // Created before its rows (they point to it); found again by key when the period's digest was queued before.
    const parts = period.cadence === 'since' ? { variants: {}, posts: data.entries.map((e) => e.inboundId) } : { variants: {} };
    const { campaign } = await deps.store.campaigns.create({ key: digestCampaignKey(list.name, period), kind: 'digest', eventId: null, list: list.name, parts });
    report.campaign = campaign.id;
    const fresh = await deps.store.campaigns.addMails(campaign.id, 'digest', items);
    report.queued = fresh.length;
    report.already = items.length - fresh.length;
    // Paused: the rows wait, queued, for `crieur campaigns resume` (the deliver queue would leave them anyway).
    if (campaign.status !== 'paused') await deps.dispatcher.dispatchMany('deliver', fresh);
    deps.log.info({ list: list.name, period: period.key, campaign: campaign.id, queued: report.queued, already: report.already }, 'list digest queued');
  }
  return reports;
}

/**
 * `crieur campaigns resume` of a digest: every row still to send goes to the deliver queue again, one job each
 * (`again`: the jobs that found them paused have completed). The claim sends each once, whoever else dispatches it.
 */
export async function dispatchDigestCampaign(deps: { store: { campaigns: CampaignStore }; dispatcher: Dispatcher }, campaignId: number): Promise<number> {
  const rows = await deps.store.campaigns.pendingChunks(campaignId, 1);
  for (const id of rows) await deps.dispatcher.dispatch('deliver', id, { again: true });
  return rows.length;
}

/** The stored raw bytes of every post shown, for the MIME digest. */
export async function rawsOf(deps: Pick<AppDeps, 'store'>, data: DigestData): Promise<Map<number, Buffer>> {
  const raws = new Map<number, Buffer>();
  for (const e of data.entries) {
    const raw = await deps.store.inbound.getRaw(e.inboundId);
    if (raw) raws.set(e.inboundId, raw);
  }
  return raws;
}
