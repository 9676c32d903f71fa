/**
 * Campaigns, as the use cases see them: one mail (an announcement, a reminder, a call, a list's digest of a period)
 * to many recipients, and its send ledger — the outbox rows of the campaign, one per recipient, under the outbox's
 * status lock (claim → transmitting → sent | failed). Declared beside its consumers (announce-event.ts,
 * send-campaign.ts, send-digests.ts); implemented by src/adapters/db/campaigns.ts.
 *
 * Two kinds of ledger: an announcement's rows carry only the recipient (the mail is the campaign's parts, filled in
 * by the campaign sender); a digest's rows carry their own bytes (each member's digest in their format) and are
 * sent by the `deliver` queue, which leaves them queued while the campaign is paused.
 */
import type { MimeTemplate } from '../core/compose/mime-template.ts';
import type { AnnouncedVersion } from '../core/programme-changes.ts';
import type { Language } from '../types.ts';

export type CampaignKind = 'announce' | 'reminder' | 'digest' | 'call';
/**
 * sending → done when no row is left queued; paused by hand or after N consecutive failures (with its reason). A
 * digest is never marked done by a sender (the deliver queue keeps no campaign state): it reads as done as soon as
 * none of its rows is queued or sending.
 */
export type CampaignStatus = 'sending' | 'paused' | 'done';

export interface CampaignRecord {
  id: number;
  key: string;
  kind: CampaignKind;
  eventId: number | null;
  /** The configured list it was restricted to (`announce --list`), null for every list and the roster. */
  list: string | null;
  status: CampaignStatus;
  pauseReason: string | null;
  consecutiveFailures: number;
  createdAt: Date;
  /** The event's SEQUENCE this campaign announced (migration 014); null for a campaign not about an event's version. */
  eventSequence: number | null;
}

/** SPEC `campaigns --json` counts. */
export interface CampaignCounts {
  total: number;
  sent: number;
  failed: number;
  queued: number;
}

/** The mail, built once per variant (a list's address, the roster in each language). */
export interface CampaignParts {
  variants: Record<string, MimeTemplate>;
  /** An announcement's: what its mail shows, as a digest (announce-event.ts visibleContent); absent before it existed. */
  content?: string;
  /** An announcement's: what it showed of its meetup, for an update's « Ce qui a changé » (absent before it existed). */
  shown?: AnnouncedVersion;
  /** A `--since` list digest's: the posts it covers (inbound ids), which a later one of the list leaves out. */
  posts?: number[];
}

/** The outbox purpose of a campaign's rows (its ledger key's first part). */
export type LedgerPurpose = 'announce' | 'reminder' | 'call';

export interface NewCampaign {
  key: string;
  kind: CampaignKind;
  eventId: number | null;
  list: string | null;
  parts: CampaignParts;
  eventSequence?: number | null;
}

/** A digest's mail to one member: its own bytes, composed in their format and language. */
export interface CampaignMail {
  subjectRef: string;
  recipient: string;
  raw: Buffer;
  envelopeFrom: string;
}

export interface LedgerRecipient {
  email: string;
  /** The campaign's variant key; a speaker's row adds the proposal it is about (campaign-slots.ts speakerRowVariant). */
  variant: string;
}

/** A ledger row claimed for sending: the row's id and what the per-recipient slots need. */
export interface ClaimedRecipient {
  id: number;
  recipient: string;
  variant: string;
  envelopeFrom: string;
  /** The member's name on the roster, when the recipient is a member. */
  name: string | null;
  attempts: number;
  /** The roster row and status of the recipient when a member (issue 9: tokens, VERP, nothing to the disabled). */
  memberId: number | null;
  memberStatus: string | null;
  /** When the row was written (announce run, member added since): its mail's Date, the same on every attempt. */
  createdAt: Date;
}

/** A row held by a sender: its id and its fence (`attempts` when it was held). */
export interface HeldRow {
  id: number;
  attempts: number;
}

export interface CampaignStore {
  /** Idempotent by key: a second call returns the first campaign (`created` false) and ignores `parts`. */
  create(c: NewCampaign): Promise<{ campaign: CampaignRecord; created: boolean }>;
  get(id: number): Promise<CampaignRecord | null>;
  /** The campaign a ledger row belongs to (a chunk job carries its first row's id). */
  ofRow(rowId: number): Promise<CampaignRecord | null>;
  list(): Promise<(CampaignRecord & CampaignCounts)[]>;
  counts(id: number): Promise<CampaignCounts>;
  parts(id: number): Promise<CampaignParts>;
  /**
   * Ledger rows for these recipients, keyed (purpose, subjectRef, recipient) like every outbox row: a recipient who
   * already has this mail — from this campaign or an earlier one with the same subjectRef — gets no new row.
   * Returns how many rows were added.
   */
  addRecipients(id: number, purpose: LedgerPurpose, subjectRef: string, envelopeFrom: string, recipients: readonly LedgerRecipient[]): Promise<number>;
  /**
   * Rows of a campaign whose mails carry their own bytes (a list digest), keyed (purpose, subjectRef, recipient)
   * like every outbox row: a mail already queued under its key — by an earlier run — gets no new row. Returns the
   * ids added, for the deliver queue.
   */
  addMails(id: number, purpose: 'digest', mails: readonly CampaignMail[]): Promise<number[]>;
  /**
   * The `--since` digests of a list that got their rows (a campaign made by a run that stopped before it added any
   * covers nothing), each with its key and the posts it covers — null for one made before they were recorded.
   */
  sinceDigests(list: string): Promise<{ key: string; posts: number[] | null }[]>;
  /** The event's first announcement, whatever its scope (every list and the roster, or one list), if any. */
  firstAnnouncement(eventId: number): Promise<CampaignRecord | null>;
  /**
   * The event's announcement of the highest SEQUENCE (the version last announced), whatever its scope, if any; with
   * `below`, the last one of a SEQUENCE below it (what an update's readers had before).
   */
  lastAnnouncement(eventId: number, below?: number): Promise<CampaignRecord | null>;
  /**
   * An update's recipients: everyone an earlier announcement of the event was sent to, with one of `variants`'s keys
   * (the variant they had), in the variant it maps to (`member:fr+first` had the event first through an update: this
   * update is `member:fr` to them), but a member no longer active. Returns how many rows were added.
   */
  addPreviousRecipients(id: number, subjectRef: string, envelopeFrom: string, eventId: number, variants: ReadonlyMap<string, string>): Promise<number>;
  /**
   * An update supersedes the earlier announcements of its event: their rows still queued with one of `variants` are
   * not sent ("superseded by SEQUENCE n") — those recipients get only the update. Returns the rows superseded.
   */
  supersede(id: number, eventId: number, sequence: number, variants: readonly string[]): Promise<number>;
  /**
   * addRecipients for every active member of the roster list `list`, in their language (else `fallback`): variant
   * `member:<language>`, or what `variantOf` makes of it (an update's firstSightVariant).
   */
  addMembers(id: number, purpose: LedgerPurpose, subjectRef: string, envelopeFrom: string, list: string, fallback: Language, variantOf?: (variant: string) => string): Promise<number>;
  /**
   * What addRecipients and addMembers would add, adding nothing (`--dry-run`): of `recipients`, those with no row
   * under (purpose, subjectRef) yet, and how many active members of `list` (when given) have none.
   */
  unreached(purpose: LedgerPurpose, subjectRef: string, recipients: readonly string[], list: string | null): Promise<{ recipients: string[]; members: number }>;
  /** The first row id of each chunk of rows still to send (claimable), chunks tiling ids by `size`. */
  pendingChunks(id: number, size: number): Promise<number[]>;
  /** Several rows sent, one commit. */
  markSent(rows: readonly { id: number; response: string }[]): Promise<void>;
  /**
   * The first half of the status lock, for many rows in one statement: claimable rows of the campaign with ids in
   * [from, from + size), at most `limit`, → sending under a lease, *not* transmitting — until `transmit`, another
   * sender may take a row whose lease ran out (it was not sent). `attempts` of each row is its fence: a row taken
   * over has a higher count, so its first holder's `transmit` and `renew` no longer match it.
   */
  hold(id: number, from: number, size: number, limit: number, leaseMs: number): Promise<ClaimedRecipient[]>;
  /**
   * The second half, one round trip per batch: `sent` rows recorded as sent; of `rows`, those still held under the
   * fence with a lease not yet run out become transmitting (their lease renewed) and are `granted` — only those may
   * go to the SMTP server; a row whose lease ran out may be another sender's now. A held row whose recipient is a
   * member no longer active (they left or were disabled since the hold, even a moment before) is `stopped` in the
   * same statement: failed `not sent: member STATUS`, never transmitted — not a list's row, nor a speaker's (a
   * reminder of their own talk, sent whatever the roster says: send-campaign.ts memberGated).
   */
  transmit(rows: readonly HeldRow[], leaseMs: number, sent: readonly { id: number; response: string }[]): Promise<{ granted: number[]; stopped: number[] }>;
  /** Extends the lease of rows still held under their fence (sending, transmitting or not); how many were. */
  renew(rows: readonly HeldRow[], leaseMs: number): Promise<number>;
  /** Held rows that never reached the SMTP server go back to queued (their attempt not counted). */
  release(rows: readonly HeldRow[]): Promise<void>;
  /**
   * Counts one chunk's outcome: consecutive failures reset on a success; at `pauseAfter` the campaign pauses with
   * `reason`. A campaign whose rows are all sent or failed becomes done. Returns the campaign after the change.
   */
  record(id: number, outcome: { sent: number; failed: number }, pauseAfter: number, reason: string): Promise<CampaignRecord>;
  setStatus(id: number, status: CampaignStatus, reason: string | null): Promise<CampaignRecord | null>;
  /** Announcement, reminder and call mails sent since `since` (the hourly cap; digests are not counted). */
  sentSince(since: Date): Promise<number>;
  /** Campaigns still sending that have rows to send, digests aside (the outbox sweep has their rows). */
  unfinished(): Promise<number[]>;
  /**
   * Why the campaign's rows still queued were deferred, from the latest one tried: the error, and the server's reply
   * (null when none answered: refused, timeout) — announce says which, and exits 1 for a server not there.
   */
  lastDeferral(id: number): Promise<{ error: string; response: string | null } | null>;
  /**
   * The campaign's rows a sender holds under its lease (status `sending`, not a 4xx's wait): announce, once its own part is over, says
   * these are another sender's (a running `crieur start`, or a run killed mid-send), not the server's deferrals.
   */
  held(id: number): Promise<number>;
}
