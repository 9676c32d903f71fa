/**
 * `crieur call`: the standalone call for proposals — where proposals go, what one should say, the next meetups with
 * their free slots — to every configured list and every active member (or one list), as a campaign like an
 * announcement. Once per period: the campaign's key is the month in the group's zone, so calling again the same
 * month finds the same campaign and the ledger's key (purpose `call`, the period, recipient) gives nobody a second
 * row — only members who joined since get it. `force` makes a campaign of its own (a new call the same month).
 * Side effects, in order: the campaign row (idempotent by key), its ledger rows. Sending is send-campaign.ts's.
 */
import type { Config } from '../config/schema.ts';
import type { MeetupForCall } from '../core/render/call-data.ts';
import { isoDay } from '../core/render/dates.ts';
import type { Clock } from './clock.ts';
import type { ProposalStore } from './proposal-store.ts';
import type { TalkFormat } from '../types.ts';
import { announceVariants, envelopeSender, settleCampaign, type BuiltVariant, type VariantSpec } from './announce-event.ts';
import type { CampaignRecord, CampaignStore } from './campaign-store.ts';
import type { EventStore } from './event-store.ts';
import { MEMBERS_LIST } from './subscriber-store.ts';

export interface CallMailInput {
  /** The meetups from now on, soonest first, with the formats on their programme. */
  meetups: MeetupForCall[];
  /** The campaign's date (Date header), fixed once. */
  date: Date;
  seed: string;
}

/** Renders and builds the call per variant (src/adapters/compose/call.ts). */
export interface CallMailBuilder {
  build(input: CallMailInput, specs: readonly VariantSpec[]): Promise<BuiltVariant[]>;
}

export interface CallDeps {
  config: Config;
  store: { events: EventStore; proposals: ProposalStore; campaigns: CampaignStore };
  builder: CallMailBuilder;
  clock: Clock;
}

export interface Called {
  campaign: CampaignRecord;
  created: boolean;
  added: number;
  /** `YYYY-MM` in the group's zone: one call per period unless forced. */
  period: string;
}

/**
 * The ledger's key of a period's call, whatever the scope: a list that had it through `crieur call --list NAME` gets
 * nothing from `crieur call` the same month, nor the other way round (a forced call is a call of its own).
 */
export function callLedgerRef(period: string): string {
  return `call:${period}`;
}

/** The period a call belongs to: the local month. */
export function callPeriod(now: Date, timeZone: string): string {
  return isoDay(now, timeZone).slice(0, 7);
}

export async function callInput(deps: Pick<CallDeps, 'store' | 'config'>, now: Date, seed: string): Promise<CallMailInput> {
  const meetups: MeetupForCall[] = [];
  for (const ev of await deps.store.events.list({ from: now })) {
    const formats: TalkFormat[] = [];
    for (const ref of ev.programme) {
      const p = await deps.store.proposals.get(ref);
      if (p?.format === 'talk' || p?.format === 'lightning') formats.push(p.format);
    }
    meetups.push({ date: ev.date, venue: ev.venue, title: ev.title, formats });
  }
  return { meetups, date: now, seed };
}

export async function callForProposals(deps: CallDeps, opts: { list?: string; force?: boolean } = {}): Promise<Called> {
  const now = deps.clock.now();
  const specs = announceVariants(deps.config, opts.list);
  const period = callPeriod(now, deps.config.group.timezone);
  const base = `call:${period}${opts.list ? `:${opts.list}` : ''}`;
  // Forced: a campaign and ledger key of its own, so that everyone gets this one too.
  const key = opts.force ? `${base}:forced-${now.toISOString()}` : base;
  const built = await deps.builder.build(await callInput(deps, now, key), specs);
  const { campaign, created } = await deps.store.campaigns.create({
    key,
    kind: 'call',
    eventId: null,
    list: opts.list ?? null,
    parts: { variants: Object.fromEntries(built.map((b) => [b.key, b.mime])) },
  });
  const from = envelopeSender(deps.config);
  const ref = opts.force ? key : callLedgerRef(period);
  let added = 0;
  for (const l of deps.config.lists.filter((x) => opts.list === undefined || x.name === opts.list)) {
    added += await deps.store.campaigns.addRecipients(campaign.id, 'call', ref, from, [{ email: l.address, variant: `list:${l.name}` }]);
  }
  if (opts.list === undefined) added += await deps.store.campaigns.addMembers(campaign.id, 'call', ref, from, MEMBERS_LIST, deps.config.group.locale);
  await settleCampaign(deps.store.campaigns, campaign, added, deps.config.delivery.pauseAfterFailures);
  return { campaign, created, added, period };
}
