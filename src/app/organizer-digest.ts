/**
 * The organizers' daily digest: what waits for them (proposals without a decision, accepted speakers who have
 * not confirmed, the next meetup's programme gaps), one mail per organizer, nothing when nothing waits. The
 * outbox key (purpose digest, `organizers/<day>`, organizer) makes it one per day whatever runs it how often.
 */
import { speakerConfirmed } from '../core/decision/transitions.ts';
import { organizerDigestData, organizerDigestRef, type OrganizerDigestData, type OrganizerProposal } from '../core/digest/organizers.ts';
import type { ComposedMail } from './composer.ts';
import type { NewOutboxItem } from './outbox-store.ts';
import type { ProposalRecord } from './proposal-store.ts';
import type { Language } from '../types.ts';
import type { AppDeps } from './deps.ts';

export interface OrganizerMailer {
  organizerReplyAddress(organizer: string): string;
  organizers(data: OrganizerDigestData, organizer: string, locale: Language): Promise<ComposedMail>;
}

export type OrganizerDigestDeps = Pick<AppDeps, 'config' | 'store' | 'clock' | 'dispatcher' | 'log'> & { organizerMailer: OrganizerMailer };

export interface OrganizerDigestReport {
  day: string;
  counts: OrganizerDigestData['counts'] | null;
  queued: number;
  already: number;
  /** One per organizer when built (for `--out`). */
  mails: ComposedMail[];
  data: OrganizerDigestData | null;
}

export async function organizerDigestInput(deps: Pick<AppDeps, 'store' | 'clock' | 'config'>) {
  const now = deps.clock.now();
  const [pending, accepted, scheduled, events] = await Promise.all([
    deps.store.proposals.list({ status: 'received' }),
    deps.store.proposals.list({ status: 'accepted' }),
    deps.store.proposals.list({ status: 'scheduled' }),
    deps.store.events.list({ from: now }),
  ]);
  const next = events[0] ?? null;
  const programme = next ? (await Promise.all(next.programme.map((ref) => deps.store.proposals.get(ref)))).filter((p): p is ProposalRecord => p !== null) : [];
  // The meetup each scheduled talk is on (a later one than the next, for those listed apart)
  const dayOf = new Map(events.flatMap((e) => e.programme.map((ref) => [ref, e.date] as const)));
  const withConfirmation = (p: ProposalRecord) => confirmation(deps, p, dayOf.get(p.ref) ?? null);
  const unconfirmed = [...accepted.map(brief), ...(await Promise.all(scheduled.map(withConfirmation))).filter((p) => !p.speakerConfirmed)];
  return {
    now,
    pending: pending.map(brief),
    // Accepted, or scheduled before their speaker confirmed: either way, waiting for the speaker. Those on the next
    // meetup's programme are listed with it.
    unconfirmed: unconfirmed.filter((p) => !next || !next.programme.includes(p.ref)),
    next: next ? { date: next.date, venue: next.venue, title: next.title, programme: await Promise.all(programme.map(withConfirmation)) } : null,
    slots: deps.config.digests.programmeSlots,
  };
}

/** A proposal as the digest shows it, with whether its speaker confirmed: for a scheduled talk, its history tells. */
async function confirmation(deps: Pick<AppDeps, 'store'>, p: ProposalRecord, scheduledFor: Date | null): Promise<OrganizerProposal> {
  const history = p.status === 'scheduled' ? (await deps.store.proposals.history(p.ref)).map((h) => h.action) : [];
  return { ...brief(p), speakerConfirmed: speakerConfirmed(p.status, history), scheduledFor };
}

export async function sendOrganizerDigest(deps: OrganizerDigestDeps, opts: { dryRun?: boolean; build?: boolean } = {}): Promise<OrganizerDigestReport> {
  const { config } = deps;
  const day = organizerDigestRef(deps.clock.now(), config.group.timezone);
  const report: OrganizerDigestReport = { day, counts: null, queued: 0, already: 0, mails: [], data: null };
  if (config.organizers.length === 0) return report;
  const input = await organizerDigestInput(deps);
  const locale = config.group.locale;
  const group = { name: config.group.name, timezone: config.group.timezone };
  const items: NewOutboxItem[] = [];
  for (const organizer of config.organizers) {
    const data = organizerDigestData(input, { locale, group, replyAddress: deps.organizerMailer.organizerReplyAddress(organizer) });
    if (!data) return report;
    report.counts = data.counts;
    report.data ??= data;
    if (opts.dryRun) continue;
    const mail = await deps.organizerMailer.organizers(data, organizer, locale);
    report.mails.push(mail);
    items.push({ purpose: 'digest', subjectRef: `organizers/${day}`, recipient: organizer, raw: mail.raw, envelopeFrom: mail.envelopeFrom });
  }
  if (opts.build || items.length === 0) return report;
  const results = await deps.store.outbox.enqueueAll(items);
  const fresh = results.filter((r): r is { id: number; inserted: boolean } => r !== null && r.inserted).map((r) => r.id);
  report.queued = fresh.length;
  report.already = results.length - fresh.length;
  await deps.dispatcher.dispatchMany('deliver', fresh);
  deps.log.info({ day, queued: report.queued, already: report.already }, 'organizers digest queued');
  return report;
}

function brief(p: ProposalRecord): OrganizerProposal {
  return { ref: p.ref, title: p.title, status: p.status, format: p.format, durationMinutes: p.durationMinutes, speakers: p.speakers, receivedAt: p.receivedAt };
}
