/**
 * `crieur announce EVENT`: the event's announcement as one campaign — built once (a variant per list and per
 * roster language), then a ledger row per recipient. Announcing again finds the same campaign, and the ledger's key
 * (purpose, E-id, recipient) gives nobody a second row: "sends nothing new". Once the event changed (its SEQUENCE
 * went up), announcing again makes an update: « Mise à jour », the .ics with the same UID and the new SEQUENCE.
 * Side effects, in order: the campaign row (idempotent by key), its ledger rows (one statement per list, one for
 * the roster), chunk jobs dispatched.
 * Sending is send-campaign.ts's job.
 */
import { createHash } from 'node:crypto';
import type { Config } from '../config/schema.ts';
import type { EventForMail, TalkForMail } from '../core/render/announce-data.ts';
import type { MimeTemplate } from '../core/compose/mime-template.ts';
import { addressOf } from '../core/address.ts';
import { firstSightVariant } from '../core/compose/campaign-slots.ts';
import { isoDay } from '../core/render/dates.ts';
import { announcedVersion, programmeChanges, type ProgrammeChange } from '../core/programme-changes.ts';
import type { Clock } from './clock.ts';
import type { Dispatcher } from './dispatcher.ts';
import type { ProposalStore } from './proposal-store.ts';
import type { Language } from '../types.ts';
import type { CampaignRecord, CampaignStore, LedgerPurpose } from './campaign-store.ts';
import type { EventRecord, EventStore } from './event-store.ts';
import { MEMBERS_LIST, type SubscriberStore } from './subscriber-store.ts';

export interface VariantSpec {
  /** `list:NAME`, `member:fr`, `speaker:en`… */
  key: string;
  locale: Language;
  /** A list's address; null: each recipient's own (roster mail, with its personal slots). */
  to: string | null;
}

export interface EventMailInput {
  kind: 'announce' | 'reminder';
  event: EventForMail & { sequence: number };
  talks: TalkForMail[];
  next: EventForMail | null;
  daysBefore?: number;
  forSpeakers?: boolean;
  /** A speaker's reminder: the proposal it is about (its title is named in the text). */
  speakerOf?: string;
  /** The event changed since it was announced: the mail says so (and its .ics carries the bumped SEQUENCE). */
  update?: boolean;
  /** An update: what changed since the version its readers had (core/programme-changes.ts); absent when not known. */
  changes?: ProgrammeChange[];
  /** The campaign's date (Date header, DTSTAMP), fixed once so that a rebuild gives the same bytes. */
  date: Date;
  seed: string;
}

export interface BuiltVariant {
  key: string;
  locale: Language;
  subject: string;
  html: string;
  text: string;
  ics: string | null;
  mime: MimeTemplate;
}

/** Renders and builds the event's mail per variant (src/adapters/compose/announcement.ts). */
export interface EventMailBuilder {
  build(input: EventMailInput, specs: readonly VariantSpec[]): Promise<BuiltVariant[]>;
}

export interface AnnounceDeps {
  config: Config;
  store: { events: EventStore; proposals: ProposalStore; campaigns: CampaignStore };
  builder: EventMailBuilder;
  clock: Clock;
}

export class AnnounceError extends Error {
  readonly code = 'EANNOUNCE';
}

/**
 * EVENT as the CLI takes it (`announce`, `events show|schedule|update|unschedule`): an id, or a local day `YYYY-MM-DD`
 * in the group's zone. A day with two events names neither: refused with their ids rather than one picked — as an
 * EVENT that names none, an AnnounceError the commands exit 65 with (SPEC: the argument is well formed, the calendar
 * data does not resolve it to one event; 64 is for a malformed one, checkEventArg's `2027-02-30`).
 */
export async function findEvent(events: EventStore, ref: string, timeZone: string): Promise<EventRecord> {
  const found = /^\d{4}-\d{2}-\d{2}$/.test(ref) ? await events.onDay(ref, timeZone) : /^\d+$/.test(ref) ? [await events.get(Number(ref))].filter((e): e is EventRecord => e !== null) : [];
  if (found.length > 1) {
    const ids = found.map((e) => e.id);
    throw new AnnounceError(`${found.length} events on ${ref} (ids ${ids.join(', ')}): give the one you mean by its id instead of the date`);
  }
  if (!found[0]) throw new AnnounceError(`no event ${ref} (see crieur events list; EVENT is an id or a date YYYY-MM-DD)`);
  return found[0];
}

/** What the mail shows: the programme's proposals in running order, and the next meetup after this one. */
export async function eventMailInput(
  deps: Pick<AnnounceDeps, 'store' | 'config'>,
  ev: EventRecord,
  kind: EventMailInput['kind'],
  date: Date,
  extra: { daysBefore?: number; forSpeakers?: boolean; update?: boolean } = {},
): Promise<EventMailInput> {
  const talks = await programmeTalks(deps.store.proposals, ev);
  const later = await deps.store.events.list({ from: new Date(ev.date.getTime() + 1) });
  const next = later.find((e) => e.id !== ev.id && isoDay(e.date, deps.config.group.timezone) !== isoDay(ev.date, deps.config.group.timezone)) ?? null;
  return { kind, event: ev, talks, next, ...extra, date, seed: `${kind}:E-${ev.id}:${ev.sequence}` };
}

/** The event's programme as the mails and pages show it: its proposals in running order. */
export async function programmeTalks(proposals: ProposalStore, ev: EventRecord): Promise<TalkForMail[]> {
  const talks: TalkForMail[] = [];
  for (const ref of ev.programme) {
    const p = await proposals.get(ref);
    if (p) talks.push({ ref: p.ref, format: p.format, title: p.title, abstract: p.abstract, durationMinutes: p.durationMinutes, speakers: p.speakers });
  }
  return talks;
}

/** The variants of an announcement: each configured list (or the one named), and the roster in each language. */
export function announceVariants(config: Config, list: string | undefined): VariantSpec[] {
  const lists = list === undefined ? config.lists : config.lists.filter((l) => l.name === list);
  if (list !== undefined && lists.length === 0) {
    throw new AnnounceError(`no list named "${list}" in the configuration (lists: ${config.lists.map((l) => l.name).join(', ') || 'none'})`);
  }
  const specs: VariantSpec[] = lists.map((l) => ({ key: `list:${l.name}`, locale: l.language, to: l.address }));
  if (list === undefined) for (const locale of ['fr', 'en'] as const) specs.push({ key: `member:${locale}`, locale, to: null });
  return specs;
}

/** The configured lists an announcement goes to: every one, or the one named (announceVariants refused an unknown name). */
function targetLists(config: Config, list: string | undefined): Config['lists'] {
  return config.lists.filter((l) => list === undefined || l.name === list);
}

/**
 * An event whose date has gone by is not announced: to every member, a meetup that is over is a mass mail nobody
 * wants, and a date typed a year wrong looks the same. `force` is the operator saying it is meant.
 */
export function refusePast(ev: EventRecord, now: Date, timeZone: string, force: boolean): void {
  if (force || ev.date.getTime() >= now.getTime()) return;
  throw new AnnounceError(
    `event ${ev.id} was on ${isoDay(ev.date, timeZone)}, in the past: not announced — correct its date with crieur events update ${ev.id} --date ISO, or announce it all the same with --force`,
  );
}

/** What the operator should know before an announcement goes out, though it may: a meetup with no place to go to. */
export function announceWarnings(ev: EventRecord): string[] {
  return ev.venue.trim() === '' ? [`event ${ev.id} has no venue: the announcement will not say where to go (crieur events update ${ev.id} --venue TEXT)`] : [];
}

/**
 * Who announceEvent (or callForProposals, with purpose `call`) would add now, adding nothing (`--dry-run`): the same
 * ledger key, so nobody who already has this version of the announcement, or this month's call, is counted.
 */
export async function unannounced(
  deps: { config: Config; store: { campaigns: CampaignStore; subscribers?: Pick<SubscriberStore, 'get'> } },
  subjectRef: string,
  list: string | undefined,
  purpose: LedgerPurpose = 'announce',
): Promise<{ lists: Config['lists']; members: number }> {
  const lists = targetLists(deps.config, list);
  const left = await deps.store.campaigns.unreached(purpose, subjectRef, lists.map((l) => l.address), list === undefined ? MEMBERS_LIST : null);
  const unreached = lists.filter((l) => left.recipients.includes(l.address));
  // A list's address that is also an active member is one row of the ledger (the list's, added first), one mail:
  // counted once, as the real run adds it.
  let members = left.members;
  if (list === undefined && deps.store.subscribers) {
    for (const l of unreached) {
      const m = await deps.store.subscribers.get(l.address);
      if (m && m.email === l.address && m.status === 'active' && m.lists.includes(MEMBERS_LIST)) members--;
    }
  }
  return { lists: unreached, members: Math.max(0, members) };
}

export function envelopeSender(config: Config): string {
  return config.addresses.bounces ?? addressOf(config.addresses.from);
}

export interface Announced {
  campaign: CampaignRecord;
  /** false: this announcement was made before (its campaign and first date kept). */
  created: boolean;
  /** Ledger rows added by this call: 0 when everyone already has it. */
  added: number;
  /** This campaign is an update: the event changed (its SEQUENCE went up) since its last announcement. */
  update: boolean;
}

/**
 * Which version of the event's announcement this call is about. The version first announced (in any scope: every
 * list and the roster, or one list) is the announcement itself, keyed `E-ID`; once the event's SEQUENCE went up
 * (a change of date, venue or programme), the event as it stands is an update, keyed by its SEQUENCE — the same key
 * in every scope, so that a list that had an update through one campaign gets nothing new through another.
 * Announcing a version again finds its campaign: nothing new.
 */
export async function whichAnnouncement(
  campaigns: CampaignStore,
  ev: EventRecord,
  list: string | null,
  content?: string,
): Promise<{ key: string; subjectRef: string; update: boolean }> {
  const base = `announce:E-${ev.id}${list ? `:${list}` : ''}`;
  const version = (sequence: number, first: number | null) =>
    first === null || first >= sequence ? { key: base, subjectRef: `E-${ev.id}`, update: false } : { key: `${base}:S${sequence}`, subjectRef: `E-${ev.id}:S${sequence}`, update: true };
  const first = await campaigns.firstAnnouncement(ev.id);
  if (!first) return version(ev.sequence, null);
  // SEQUENCE went up but the mail would show what was last announced (the programme moved away and back): that
  // version again, nothing new — not an update that changes nothing.
  if (content !== undefined && first.eventSequence !== null && first.eventSequence < ev.sequence) {
    const last = await campaigns.lastAnnouncement(ev.id);
    if (last?.eventSequence != null && (await campaigns.parts(last.id)).content === content) return version(last.eventSequence, first.eventSequence);
  }
  return version(ev.sequence, first.eventSequence);
}

/**
 * What an announcement's mail shows, as a digest: the event, its programme and the next meetup — not its SEQUENCE,
 * the campaign's date (Date, DTSTAMP) nor the update marker, which change without anything visible changing.
 */
export function visibleContent(input: EventMailInput): string {
  const shown = (e: EventForMail | null) =>
    e && { id: e.id, date: e.date.toISOString(), venue: e.venue, title: e.title, venueAddress: e.venueAddress, mapUrl: e.mapUrl, registrationUrl: e.registrationUrl, capacity: e.capacity };
  return createHash('sha256')
    .update(JSON.stringify({ event: shown(input.event), talks: input.talks, next: shown(input.next) }))
    .digest('base64url');
}

/**
 * The announcement of the event as it stands, as announceEvent builds it — which version (key, update or not), what
 * its mail shows (an update's « Ce qui a changé » included) — and as `announce --dry-run` and `--out` preview it: one
 * function, so that the preview is the mail sent (the preview once left the changes out: its update said that
 * something changed, never what).
 */
export async function announcement(
  deps: Pick<AnnounceDeps, 'store' | 'config'>,
  ev: EventRecord,
  list: string | undefined,
  now: Date,
): Promise<{ input: EventMailInput; plain: EventMailInput; content: string; key: string; subjectRef: string; update: boolean; shown: ReturnType<typeof announcedVersion> }> {
  const plain = await eventMailInput(deps, ev, 'announce', now);
  const content = visibleContent(plain);
  const { key, subjectRef, update } = await whichAnnouncement(deps.store.campaigns, ev, list ?? null, content);
  const shown = announcedVersion(ev.date, ev.venue, plain.talks);
  const changes = update ? await changesSince(deps.store.campaigns, ev, shown) : undefined;
  const input = update ? { ...plain, update, ...(changes ? { changes } : {}) } : plain;
  return { input, plain, content, key, subjectRef, update, shown };
}

export async function announceEvent(deps: AnnounceDeps, ev: EventRecord, opts: { list?: string } = {}): Promise<Announced> {
  const specs = announceVariants(deps.config, opts.list);
  const { input, plain, content, key, subjectRef, update, shown } = await announcement(deps, ev, opts.list, deps.clock.now());
  const built = await deps.builder.build(input, specs);
  // An update's readers who had no earlier version get the event as it stands as a first announcement (firstSightVariant).
  const firstSight = update ? (await deps.builder.build(plain, specs)).map((b) => ({ key: firstSightVariant(b.key), mime: b.mime })) : [];
  const { campaign, created } = await deps.store.campaigns.create({
    key,
    kind: 'announce',
    eventId: ev.id,
    list: opts.list ?? null,
    parts: { variants: Object.fromEntries([...built, ...firstSight].map((b) => [b.key, b.mime])), content, shown },
    eventSequence: ev.sequence,
  });
  const from = envelopeSender(deps.config);
  // Past the rows of those who had an earlier version, an update's rows are for readers who had none
  const newcomer = update ? firstSightVariant : (v: string) => v;
  let added = 0;
  if (update) {
    // Whoever an earlier version has not reached yet (rate-limited, paused) gets only this one, not the stale one
    // first; then the update goes to whoever had an earlier version, in the variant they had (a list, a language) —
    // as an update also to whoever had the event first through an earlier update's first-sight variant.
    const had = new Map(specs.flatMap((s) => [[s.key, s.key] as const, [firstSightVariant(s.key), s.key] as const]));
    await deps.store.campaigns.supersede(campaign.id, ev.id, campaign.eventSequence ?? ev.sequence, [...had.keys()]);
    added += await deps.store.campaigns.addPreviousRecipients(campaign.id, subjectRef, from, ev.id, had);
  }
  for (const l of targetLists(deps.config, opts.list)) {
    added += await deps.store.campaigns.addRecipients(campaign.id, 'announce', subjectRef, from, [{ email: l.address, variant: newcomer(`list:${l.name}`) }]);
  }
  if (opts.list === undefined) added += await deps.store.campaigns.addMembers(campaign.id, 'announce', subjectRef, from, MEMBERS_LIST, deps.config.group.locale, newcomer);
  await settleCampaign(deps.store.campaigns, campaign, added, deps.config.delivery.pauseAfterFailures);
  return { campaign, created, added, update };
}

/**
 * What changed since the version last announced before this one — what most of an update's readers had: its snapshot
 * against this one. Unknown (undefined: the mail keeps its one general line) when that announcement predates snapshots.
 */
async function changesSince(campaigns: CampaignStore, ev: EventRecord, shown: ReturnType<typeof announcedVersion>): Promise<ProgrammeChange[] | undefined> {
  const before = await campaigns.lastAnnouncement(ev.id, ev.sequence);
  const was = before ? (await campaigns.parts(before.id)).shown : undefined;
  return was ? programmeChanges(was, shown) : undefined;
}

/**
 * A campaign's status once its rows are added: a finished one that got new rows (members who joined since) sends
 * again, to them only; one with nothing left to send — made for a list that had it already through another
 * campaign — is done, not `sending` for ever in `crieur campaigns list` (the same statement that ends a campaign
 * after its last chunk: done only when no row is queued or sending).
 */
export async function settleCampaign(campaigns: CampaignStore, campaign: CampaignRecord, added: number, pauseAfter: number): Promise<void> {
  if (added > 0 && campaign.status === 'done') await campaigns.setStatus(campaign.id, 'sending', null);
  else if (added === 0 && campaign.status === 'sending') await campaigns.record(campaign.id, { sent: 0, failed: 0 }, pauseAfter, '');
}

/** Chunk jobs for whatever the campaign still has to send (idempotent: job ids are the chunks' first rows). */
export async function dispatchCampaign(deps: { store: { campaigns: CampaignStore }; dispatcher: Dispatcher }, campaignId: number, chunk: number, again = false): Promise<number> {
  const starts = await deps.store.campaigns.pendingChunks(campaignId, chunk);
  if (again) for (const s of starts) await deps.dispatcher.dispatch('campaign', s, { again: true });
  else await deps.dispatcher.dispatchMany('campaign', starts);
  return starts.length;
}
