/**
 * The proposal state machine, as data (pretalx's SubmissionStates, with the side effects of each transition
 * listed beside it). Every state change — by email, by `crieur proposals decide`, by a speaker — goes through
 * `transition()`; the table is checked at module load (unknown states, duplicate rows fail).
 *
 *   received ──accept──▶ accepted ──confirm──▶ confirmed ──schedule──▶ scheduled ──present──▶ presented
 *      │  └──waitlist──▶ waitlisted ─accept/decline─▶              (accepted may be scheduled before it is confirmed)
 *      └──decline──▶ declined
 *   any non-final ──withdraw──▶ withdrawn        `override` lets an organizer overrule an earlier decision.
 */
import type { ProposalStatus } from '../../app/proposal-store.ts';
import type { Role } from '../command/authenticate.ts';

/** What a transition does besides changing the status (the use case performs them, in this order). */
export type SideEffect =
  | 'mail-speaker-accepted' // "action required: confirm", with a reminder job
  | 'schedule-reminder' // BullMQ delayed job, jobId per proposal, outbox key per acceptance
  | 'mail-speaker-declined' // polite, with the reason when given
  | 'mail-speaker-waitlisted' // says what happens next
  | 'mail-speaker-scheduled' // the date, the venue
  | 'mail-speaker-withdrawn' // by an organizer: the speakers learn it was taken back (a speaker's own has its transcript)
  | 'mail-other-speakers' // by a speaker: the proposal's other speakers learn it, one line in the proposal's thread
  | 'assign-event' // the proposal goes on the event's programme
  | 'unassign-event' // off any programme
  | 'fyi-organizers' // the other organizers learn who decided
  | 'mail-organizers'; // organizers learn what the speaker did

export type Action = 'accept' | 'decline' | 'waitlist' | 'confirm' | 'schedule' | 'present' | 'withdraw';

export interface TransitionRow {
  action: Action;
  from: readonly ProposalStatus[];
  to: ProposalStatus;
  by: readonly (Role | 'operator')[];
  effects: readonly SideEffect[];
}

const STATUSES: readonly ProposalStatus[] = ['received', 'accepted', 'waitlisted', 'declined', 'confirmed', 'scheduled', 'presented', 'withdrawn'];
/** No transition leaves these (except by `override`, which only organizers have). */
export const FINAL: readonly ProposalStatus[] = ['declined', 'presented', 'withdrawn'];
const NON_FINAL = STATUSES.filter((s) => !FINAL.includes(s));
/**
 * The states a proposal keeps its place on an event's programme in. Any decision to another state — a withdrawal, and an
 * `override` that declines, waitlists or re-accepts a scheduled talk — takes it off (the store does it with the status).
 */
export const ON_PROGRAMME: readonly ProposalStatus[] = ['scheduled', 'presented'];

/**
 * decisions.hold: does a decision to `to` give up the speaker mails still held for the proposal? An overruling one
 * (override) or a withdrawal: the speaker is told the final word only. One rule for the store (mails held by earlier
 * messages) and decide() (those its own message held so far, Effects.dropHeld).
 */
export function dropsHeldMail(to: ProposalStatus, overridden: boolean): boolean {
  return overridden || to === 'withdrawn';
}
const ORGANIZER = ['organizer', 'operator'] as const;

export const TRANSITIONS: readonly TransitionRow[] = defineTable([
  { action: 'accept', from: ['received', 'waitlisted'], to: 'accepted', by: ORGANIZER, effects: ['mail-speaker-accepted', 'schedule-reminder', 'fyi-organizers'] },
  { action: 'decline', from: ['received', 'waitlisted'], to: 'declined', by: ORGANIZER, effects: ['mail-speaker-declined', 'fyi-organizers'] },
  { action: 'waitlist', from: ['received'], to: 'waitlisted', by: ORGANIZER, effects: ['mail-speaker-waitlisted', 'fyi-organizers'] },
  { action: 'confirm', from: ['accepted'], to: 'confirmed', by: ['speaker', 'organizer', 'operator'], effects: ['mail-organizers', 'mail-other-speakers'] },
  { action: 'schedule', from: ['accepted', 'confirmed', 'scheduled'], to: 'scheduled', by: ORGANIZER, effects: ['assign-event', 'mail-speaker-scheduled', 'fyi-organizers'] },
  { action: 'present', from: ['scheduled'], to: 'presented', by: ORGANIZER, effects: [] },
  { action: 'withdraw', from: NON_FINAL, to: 'withdrawn', by: ['speaker', 'organizer', 'operator'], effects: ['unassign-event', 'mail-speaker-withdrawn', 'mail-organizers', 'mail-other-speakers'] },
]);

/**
 * Has the speaker confirmed since the proposal was (last) accepted? The status says so for `confirmed` and `presented`;
 * a talk scheduled before its speaker confirmed stays `scheduled`, and its confirmation is a history entry (`confirmed`,
 * decide.ts) — so for it the history, oldest first, tells.
 */
export function speakerConfirmed(status: ProposalStatus, history: readonly string[]): boolean {
  if (status === 'confirmed' || status === 'presented') return true;
  if (status !== 'scheduled') return false;
  return history.slice(history.lastIndexOf('status:accepted') + 1).some((a) => a === 'status:confirmed' || a === 'confirmed');
}

export type Verdict =
  | { ok: true; row: TransitionRow; overridden: boolean }
  | { ok: false; why: 'not-allowed-for-role' | 'invalid-from-state'; row: TransitionRow | null };

/**
 * May `role` do `action` on a proposal in `current`? `override` (organizers only) overrules an earlier decision:
 * any state may then go to the action's target, except to the state it is already in.
 */
export function transition(action: Action, current: ProposalStatus, role: Role | 'operator', override = false): Verdict {
  const row = TRANSITIONS.find((r) => r.action === action) ?? null;
  if (!row) return { ok: false, why: 'invalid-from-state', row: null };
  if (!row.by.includes(role)) return { ok: false, why: 'not-allowed-for-role', row };
  if (row.from.includes(current)) return { ok: true, row, overridden: false };
  if (override && role !== 'speaker' && current !== row.to) return { ok: true, row, overridden: true };
  return { ok: false, why: 'invalid-from-state', row };
}

function defineTable(rows: TransitionRow[]): readonly TransitionRow[] {
  const seen = new Set<string>();
  for (const r of rows) {
    if (seen.has(r.action)) throw new Error(`transition table: action ${r.action} listed twice`);
    seen.add(r.action);
    for (const s of [...r.from, r.to]) if (!STATUSES.includes(s)) throw new Error(`transition table: unknown state ${s}`);
  }
  return rows;
}
