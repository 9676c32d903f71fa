/**
 * One decision and its side effects (the transition table's `effects`), for a command mail and for
 * `crieur proposals decide` alike. The status changes under a row lock (first decision wins); the mails it causes
 * are returned as outbox rows with idempotency keys derived from the causing message and the command's position,
 * so that the same decision re-run after a crash (kill -9 between the decision and the mails) queues the very
 * same rows again — never a second copy.
 *
 * Side effects, per transition (core/decision/transitions.ts): speaker mails (held when decisions.hold), a
 * reminder job after an acceptance, an FYI to the other organizers, the event's programme on schedule/withdraw.
 */
import { programmeProblems, type ProgrammeProblem } from '../core/programme.ts';
import { DateTime } from 'luxon';
import type { CommandDate } from '../core/command/types.ts';
import { dropsHeldMail, transition, type Action } from '../core/decision/transitions.ts';
import { decidedWords, stateNote, type DecidedVerb, type Note } from '../core/decision/words.ts';
import type { DecisionKind } from '../core/render/command-data.ts';
import { formatDate } from '../core/render/dates.ts';
import { whyNotSendTo } from '../core/pipeline/loop-guard.ts';
import type { ComposedMail, ThreadInfo } from './composer.ts';
import type { NewOutboxItem, OutboxPurpose } from './outbox-store.ts';
import type { ProposalRecord, ProposalStatus } from './proposal-store.ts';
import type { Address, Language } from '../types.ts';
import type { CommandMails } from './command-mails.ts';
import type { AppDeps } from './deps.ts';
import type { EventRecord } from './event-store.ts';
import type { InboundStore } from './inbound-store.ts';

export interface DecideDeps extends AppDeps {
  mails: CommandMails;
}

/** Outbox rows to queue, speaker mails to hold, reminders to set: what a command mail's handling collects. */
export class Effects {
  readonly rows: NewOutboxItem[] = [];
  readonly held: (NewOutboxItem & { proposalRef: string })[] = [];
  readonly reminders: { ref: string; delayMs: number }[] = [];
  /** Lines for `mail-queued` history entries: every mail is audited on its proposal. */
  readonly audit: { ref: string; purpose: OutboxPurpose; recipient: string; subjectRef: string }[] = [];

  constructor(readonly cause: number | null) {}

  /**
   * `ref`: the proposal the mail is audited on; null for a mail about none (a transcript answering the organizers'
   * digest, whose token names a day, `d20261130`, when no command named a proposal).
   */
  add(purpose: OutboxPurpose, ref: string | null, key: string, m: ComposedMail, hold = false): void {
    const row: NewOutboxItem = { purpose, subjectRef: key, recipient: m.recipient.toLowerCase(), raw: m.raw, envelopeFrom: m.envelopeFrom, causeMessageId: this.cause };
    if (hold && ref !== null) this.held.push({ ...row, proposalRef: ref });
    else this.rows.push(row);
    if (ref !== null) this.audit.push({ ref, purpose, recipient: row.recipient, subjectRef: key });
  }

  /**
   * decisions.hold: the speaker mails this very message held for `ref` so far, given up — a later line of it overruled
   * that decision (« accepter » then « override refuser »), as the store drops those held by earlier messages.
   */
  dropHeld(ref: string): void {
    const gone = new Set(this.held.filter((h) => h.proposalRef === ref).map((h) => `${h.subjectRef}|${h.recipient}`));
    if (gone.size === 0) return;
    this.held.splice(0, this.held.length, ...this.held.filter((h) => h.proposalRef !== ref));
    this.audit.splice(0, this.audit.length, ...this.audit.filter((a) => !(a.ref === ref && gone.has(`${a.subjectRef}|${a.recipient}`))));
  }
}

export interface Decision {
  ref: string;
  action: 'accept' | 'decline' | 'waitlist' | 'schedule' | 'confirm' | 'withdraw';
  role: 'organizer' | 'speaker' | 'operator';
  /** Address (or operator@host) for the history; `actorName` for the FYI's « Dimitri a accepté ». */
  actor: string;
  actorName: string;
  override: boolean;
  text: string | null;
  /** schedule: the day asked for, or the next event. */
  date?: CommandDate | null;
  nextEvent?: boolean;
  /** schedule: this very event (`crieur events schedule EVENT REF`), instead of a day or the next one. */
  eventId?: number;
  /** schedule: the one event of this month (`YYYY-MM`, « la soirée de février »). */
  eventMonth?: string;
  messageId: number | null;
  step: number;
  /** Prefix of every outbox key this decision makes (`m<inbound>/<step>` or `cli-<uuid>`). */
  key: string;
  /** The language notes are written in (the transcript's). */
  locale: Language;
  /**
   * A speaker's own words in the mail that confirms or withdraws (« withdraw / Sorry, my company won't let me
   * travel »): quoted in the organizers' update, which is then the one mail they get about it — not an update and a
   * relayed message besides.
   */
  words?: string | null;
}

export interface DecisionResult {
  ok: boolean;
  note: Note;
  proposal: ProposalRecord | null;
  /** ok, and nothing to do: said so (« était déjà confirmée »), nothing recorded nor sent. */
  unchanged?: boolean;
}

const DAY_MS = 86_400_000;
/**
 * The speakers' mail of an organizer's decision. `withdraw` too: a proposal the organizers take back (its speaker said so
 * by phone, `crieur proposals decide P withdraw`) is news to its speakers, as pretalx tells them — a speaker's own
 * withdrawal is answered by its transcript, and told to the fellow speakers (tellFellowSpeakers).
 */
const SPEAKER_MAIL: Partial<Record<Decision['action'], DecisionKind>> = { accept: 'accepted', decline: 'declined', waitlist: 'waitlisted', schedule: 'scheduled', withdraw: 'withdrawn' };

export async function decide(deps: DecideDeps, d: Decision, fx: Effects): Promise<DecisionResult> {
  const { store, config } = deps;
  const tz = config.group.timezone;
  const before = await store.proposals.get(d.ref);
  if (!before) return { ok: false, note: { k: 'no-proposal', ref: d.ref }, proposal: null };
  if (d.action === 'confirm' && before.status === 'scheduled' && !d.override) return confirmScheduled(deps, d, before, fx);
  // A second « confirmer » (the reminder crossed the first, a reply sent from two devices) asks for what is so: said so,
  // as once scheduled — not « [refusé] … n'est pas possible dans cet état », which reads as if the talk were off.
  if (d.action === 'confirm' && before.status === 'confirmed' && !d.override) {
    return { ok: true, unchanged: true, note: { k: 'already-done', ref: d.ref, status: 'confirmed' }, proposal: before };
  }
  // Checked first without the lock, so that a schedule that cannot happen creates no event; checked again under it.
  const pre = transition(d.action as Action, before.status, d.role, d.override);
  if (!pre.ok) return refusal(deps, d, before, pre.why);

  let event: EventRecord | null = null;
  if (d.action === 'schedule') {
    const found = await findOrCreateEvent(deps, d);
    if (!found.ok) return { ok: false, note: found.note, proposal: before };
    event = found.event;
    // Already on that very programme, and the speaker was told its present day and place: said so, nothing recorded
    // nor sent — a second `schedule` for the same day (a reply sent twice, `crieur events schedule` run again) mailed
    // the speaker « programmée » and the FYI once more. Once the event moved (`events update --date/--venue`),
    // scheduling again is how the speaker hears of it. `override` still re-sends, on purpose.
    if (before.status === 'scheduled' && !d.override && event.programme.includes(d.ref) && (await toldOf(deps, d.ref, event))) {
      return { ok: true, unchanged: true, note: { k: 'already-done', ref: d.ref, status: 'scheduled' }, proposal: before };
    }
  }
  const to = transition(d.action as Action, before.status, d.role, d.override).row!.to;
  const result = await store.commands.decide({
    ref: d.ref,
    to,
    actor: d.actor,
    messageId: d.messageId,
    step: d.step,
    allowed: (current) => {
      const v = transition(d.action as Action, current, d.role, d.override);
      return v.ok ? { ok: true, overridden: v.overridden } : { ok: false };
    },
    // The day and place the speaker is told (the « programmée » mail): what a later `schedule` compares with.
    detail: { via: d.action, ...(d.text ? { reason: d.text } : {}), ...(event ? { event: event.id, date: event.date.toISOString(), venue: event.venue } : {}) },
  });
  if (result.outcome === 'refused') {
    // Lost the race to another decision (first decision wins): say who took it, and when.
    const state = stateNote(d.ref, result.current, d.locale, tz);
    return { ok: false, note: invalidNote(d, result.current.status, state), proposal: result.proposal };
  }
  let p = result.proposal;
  // as the store did for mails held by earlier messages (an overruling decision, a withdrawal)
  const verdict = transition(d.action as Action, result.from, d.role, d.override);
  if (dropsHeldMail(to, verdict.ok && verdict.overridden)) fx.dropHeld(d.ref);
  if (event) {
    await store.events.assign(event.id, d.ref);
    p = (await store.proposals.get(d.ref)) ?? p;
  }
  // (a withdrawn talk left its programme in the status change's own transaction: store.commands.decide)
  await effectsOf(deps, d, p, event, fx);
  const note: Note = event ? { k: 'scheduled', ref: d.ref, when: formatDate(event.date, d.locale, tz), over: await overfull(deps, event.id) } : { k: 'done', ref: d.ref, status: p.status };
  return { ok: true, note, proposal: p };
}

/**
 * Whether the last scheduling of `ref` was onto this event as it stands (same day and venue): what the speaker was
 * mailed. A scheduling recorded without them (before they were recorded) counts as not told: better a mail again
 * than a speaker left with the old date.
 */
async function toldOf(deps: DecideDeps, ref: string, event: EventRecord): Promise<boolean> {
  const last = (await deps.store.proposals.history(ref)).filter((h) => h.action === 'status:scheduled').at(-1);
  const detail = (last?.detail ?? {}) as { event?: unknown; date?: unknown; venue?: unknown };
  return detail.event === event.id && detail.date === event.date.toISOString() && detail.venue === event.venue;
}

/**
 * A confirmation of a talk scheduled before its speaker confirmed (by mail or `crieur proposals decide P confirm`):
 * recorded, the status stays — and the organizers are told, as of any confirmation. Confirmed before it was scheduled
 * (or since): said so, nothing recorded nor sent again, as a second « confirmer » on a confirmed one. The writer of a
 * command mail has its transcript: the update goes to the others, as a decision's FYI.
 */
async function confirmScheduled(deps: DecideDeps, d: Decision, p: ProposalRecord, fx: Effects): Promise<DecisionResult> {
  const history = await deps.store.proposals.history(d.ref);
  const accepted = history.map((h) => h.action).lastIndexOf('status:accepted');
  const earlier = (h: (typeof history)[number]) => d.messageId === null || h.messageId !== d.messageId;
  if (history.slice(accepted + 1).some((h) => (h.action === 'status:confirmed' || h.action === 'confirmed') && earlier(h))) {
    return { ok: true, unchanged: true, note: { k: 'already-done', ref: d.ref, status: 'confirmed' }, proposal: p };
  }
  // once per (message, step): a command mail's re-run after a crash writes it no second time
  const written = d.messageId !== null && history.some((h) => h.messageId === d.messageId && h.action === 'confirmed' && h.detail?.step === d.step);
  if (!written) await deps.store.proposals.note(d.ref, d.actor, 'confirmed', { step: d.step }, d.messageId);
  const told = d.role === 'speaker' ? deps.config.organizers : deps.config.organizers.filter((o) => o.toLowerCase() !== d.actor.toLowerCase());
  for (const o of told) {
    fx.add('notify-organizer', d.ref, `${d.ref}/confirm/${d.key}`, await deps.mails.update('confirmed', p, o, { actor: d.actorName, text: d.words ?? null }));
  }
  if (d.role === 'speaker') await tellFellowSpeakers(deps, d, p, fx);
  return { ok: true, note: { k: 'confirmed-scheduled', ref: d.ref }, proposal: p };
}

async function refusal(deps: DecideDeps, d: Decision, p: ProposalRecord, why: 'not-allowed-for-role' | 'invalid-from-state'): Promise<DecisionResult> {
  if (why === 'not-allowed-for-role') return { ok: false, note: { k: 'speaker-verb', verb: d.action }, proposal: p };
  // The current state, who set it and when: « P-0007 est acceptée (par dim@…, lundi …) ».
  const current = (await deps.store.commands.setter(d.ref)) ?? { status: p.status, actor: null, at: null };
  return { ok: false, note: invalidNote(d, current.status, stateNote(d.ref, current, d.locale, deps.config.group.timezone)), proposal: p };
}

/**
 * A decision the state does not allow, with what its writer can do about it: an organizer is shown `override` only when
 * it would change something (not « accepter » on a proposal accepted already); a speaker never (it is no speaker's
 * verb) — one who confirms too early is told to wait for the acceptance.
 */
export function invalidNote(d: Decision, status: ProposalStatus, state: string): Note {
  const note: Note = { k: 'invalid', state, verb: d.action };
  if (d.role === 'speaker') return d.action === 'confirm' && (status === 'received' || status === 'waitlisted') ? { ...note, hint: 'once-accepted' } : note;
  return transition(d.action as Action, status, d.role, true).ok ? { ...note, hint: 'override' } : note;
}

/** What the event's programme has too many of, now that a talk is on it (no main talk yet is no news when scheduling). */
async function overfull(deps: DecideDeps, eventId: number): Promise<ProgrammeProblem[]> {
  const ev = await deps.store.events.get(eventId);
  if (!ev) return [];
  const talks = (await Promise.all(ev.programme.map((r) => deps.store.proposals.get(r)))).filter((p): p is ProposalRecord => p !== null);
  return programmeProblems(talks).filter((w) => w.k !== 'no-talk');
}

async function findOrCreateEvent(deps: DecideDeps, d: Decision): Promise<{ ok: true; event: EventRecord } | { ok: false; note: Note }> {
  const { events } = deps.store;
  const tz = deps.config.group.timezone;
  if (d.eventId !== undefined) {
    const ev = await events.get(d.eventId);
    if (!ev) return { ok: false, note: { k: 'unknown-event', id: d.eventId } };
    // A meetup already held: refused as a past date is (the speaker would be told of a talk on a day gone by)
    if (ev.date.getTime() < deps.clock.now().getTime()) return { ok: false, note: { k: 'problem', problem: 'date-past', date: formatDate(ev.date, d.locale, tz) } };
    return { ok: true, event: ev };
  }
  // « la soirée de février »: the one meetup to come that month; none, or two, are said back
  if (d.eventMonth) {
    const inMonth = (await events.list({ from: deps.clock.now() })).filter((e) => DateTime.fromJSDate(e.date, { zone: tz }).toFormat('yyyy-MM') === d.eventMonth);
    if (inMonth.length === 1) return { ok: true, event: inMonth[0]! };
    const month = DateTime.fromISO(`${d.eventMonth}-01`, { zone: tz }).setLocale(d.locale).toFormat('LLLL yyyy');
    return { ok: false, note: inMonth.length === 0 ? { k: 'no-event-in', month } : { k: 'several-events-in', month, ids: inMonth.map((e) => e.id) } };
  }
  if (d.nextEvent) {
    const next = (await events.list({ from: deps.clock.now() }))[0];
    return next ? { ok: true, event: next } : { ok: false, note: { k: 'no-event' } };
  }
  if (!d.date) return { ok: false, note: { k: 'problem', problem: 'date-missing', date: null } };
  const existing = await events.onDay(d.date.day, tz);
  // Two meetups that day: the date names neither, and the organizer is told their ids to write « programmer événement N ».
  if (existing.length > 1) return { ok: false, note: { k: 'several-events', day: d.date.text, ids: existing.map((e) => e.id) } };
  if (existing[0]) return { ok: true, event: existing[0] };
  const defaults = deps.config.events.defaults;
  const time = d.date.time ?? defaults.time;
  const start = DateTime.fromISO(`${d.date.day}T${time}`, { zone: tz });
  if (!start.isValid) return { ok: false, note: { k: 'problem', problem: 'date-unreadable', date: d.date.text } };
  const event = await events.create({ date: start.toJSDate(), venue: defaults.venue, title: defaults.title ?? null });
  return { ok: true, event };
}

/** The transition's side effects: speaker mail (held or not), reminder, FYI to the other organizers, organizers' update. */
async function effectsOf(deps: DecideDeps, d: Decision, p: ProposalRecord, event: EventRecord | null, fx: Effects): Promise<void> {
  const { config, mails } = deps;
  const kind = d.role === 'speaker' ? undefined : SPEAKER_MAIL[d.action];
  if (kind) {
    const locale = await speakerLocale(deps, p);
    for (const s of speakersOf(p, deps.ctx.ownAddresses)) {
      const m = await mails.decision(kind, p, s, locale, { text: d.text, event: event ? { date: event.date, venue: event.venue } : null });
      fx.add('command-result', p.ref, `${p.ref}/${kind}/${d.key}`, m, config.decisions.hold);
    }
  }
  if (d.action === 'accept') fx.reminders.push({ ref: p.ref, delayMs: config.reminders.confirmAfterDays * DAY_MS });
  if (d.role !== 'speaker') {
    const when = event ? formatDate(event.date, config.group.locale, config.group.timezone) : null;
    const decided = decidedWords(d.action as DecidedVerb, config.group.locale, when);
    for (const o of config.organizers.filter((o) => o.toLowerCase() !== d.actor.toLowerCase())) {
      // the reason the speaker is given, quoted under the FYI: the other organizers read what was said in their name
      fx.add('notify-organizer', p.ref, `${p.ref}/fyi/${d.key}`, await mails.update('fyi', p, o, { actor: d.actorName, decided, ...(d.action === 'decline' && d.text ? { text: d.text } : {}) }));
    }
  } else if (d.action === 'confirm' || d.action === 'withdraw') {
    for (const o of config.organizers) {
      fx.add('notify-organizer', p.ref, `${p.ref}/${d.action}/${d.key}`, await mails.update(d.action === 'confirm' ? 'confirmed' : 'withdrawn', p, o, { actor: d.actorName, text: d.words ?? null }));
    }
    await tellFellowSpeakers(deps, d, p, fx);
  }
}

/**
 * A speaker's confirm or withdraw, told to the proposal's other speakers (pretalx: every speaker of a submission sees
 * its state): one line, in the proposal's thread — the one their acknowledgement is in —, each in their own language.
 * Never held (it is no organizers' decision); keyed per causing command, so a re-run queues the same rows.
 */
async function tellFellowSpeakers(deps: DecideDeps, d: Decision, p: ProposalRecord, fx: Effects): Promise<void> {
  const others = speakersOf(p, deps.ctx.ownAddresses).filter((s) => s.email.toLowerCase() !== d.actor.toLowerCase());
  if (others.length === 0) return;
  const kind: DecisionKind = d.action === 'confirm' ? 'co-confirmed' : 'co-withdrawn';
  const parent = await proposalThread(deps, p);
  for (const s of others) {
    const locale = await speakerLocaleOf(deps, p, s.email);
    fx.add('command-result', p.ref, `${p.ref}/${kind}/${d.key}`, await deps.mails.decision(kind, p, s, locale, { actor: d.actorName, parent }));
  }
}

/** The thread a proposal's speakers have from crieur: the proposal's own message, which their acknowledgements answer. */
async function proposalThread(deps: Pick<AppDeps, 'store'>, p: ProposalRecord): Promise<ThreadInfo | null> {
  const filed = await deps.store.inbound.get(p.messageId);
  if (!filed?.messageId) return null;
  return { messageId: filed.messageId, references: [], subject: filed.parsed?.subject ?? '' };
}

/**
 * One speaker's language: that of the last mail they wrote crieur about this proposal (a co-speaker who answers in
 * English is written to in English), else the proposal's (speakerLocale).
 */
export async function speakerLocaleOf(deps: Pick<AppDeps, 'store' | 'config'>, p: ProposalRecord, email: string): Promise<Language> {
  const theirs = (await deps.store.proposals.history(p.ref)).filter((h) => h.messageId !== null && h.actor.toLowerCase() === email.toLowerCase() && /^(command|reply)-received$/.test(h.action));
  for (const h of theirs.reverse()) {
    const lang = (await deps.store.inbound.get(h.messageId!))?.parsed?.language;
    if (lang) return lang;
  }
  return speakerLocale(deps, p);
}

/**
 * decisions.hold's release: every held speaker mail goes out, and each acceptance among them gets its reminder to
 * confirm counted from now — the reminder set at the decision skipped it while the speaker had not been told (remind.ts),
 * and `again` replaces that finished job — or moves it, when the release comes before it ran. The mail verb `release` and
 * `crieur release` both come here.
 */
export async function releaseHeld(deps: Pick<AppDeps, 'store' | 'dispatcher' | 'config'>): Promise<number> {
  const { ids, keys } = await deps.store.commands.release();
  await deps.dispatcher.dispatchMany('deliver', ids, { together: true });
  const accepted = new Set(keys.map((k) => /^P-(\d+)\/accepted\//.exec(k)?.[1]).filter((n): n is string => n !== undefined));
  for (const n of accepted) await deps.dispatcher.dispatch('remind', Number(n), { delayMs: deps.config.reminders.confirmAfterDays * DAY_MS, again: true });
  return ids.length;
}

/**
 * Held speaker mails, then every other row in one commit — with the inbound message marked done in it when
 * `completes` is given, so that its mails and the end of its handling land together —, the audit lines, the
 * reminders, the dispatch.
 */
export async function commitEffects(deps: AppDeps, fx: Effects, completes?: number): Promise<number[]> {
  const { store } = deps;
  await store.commands.hold(fx.held);
  const results = await store.outbox.enqueueAll(fx.rows, completes === undefined ? {} : { completes });
  const held = new Set(fx.held.map((h) => `${h.subjectRef}|${h.recipient}`));
  for (const a of fx.audit) {
    const action = held.has(`${a.subjectRef}|${a.recipient}`) ? 'mail-held' : 'mail-queued';
    await store.proposals.note(a.ref, 'crieur', action, { purpose: a.purpose, to: a.recipient, key: a.subjectRef }, fx.cause);
  }
  // `again`: an acceptance after an earlier one's reminder ran (« override attente », then « override accepter ») gets its
  // own — the finished job under the proposal's id would make the new one a no-op. The outbox key, per acceptance,
  // still sends each reminder once, a replayed command job included.
  for (const r of fx.reminders) await deps.dispatcher.dispatch('remind', Number(r.ref.slice(2)), { delayMs: r.delayMs, again: true });
  const ids = results.flatMap((r) => (r ? [r.id] : []));
  await deps.dispatcher.dispatchMany('deliver', ids, { together: true });
  return ids;
}

/** The speakers crieur may write to: every one with an address that is neither ours nor a robot's. */
export function speakersOf(p: ProposalRecord, own: string[]): Address[] {
  const seen = new Set<string>();
  return p.speakers.flatMap((s) => {
    if (!s.email || seen.has(s.email.toLowerCase()) || whyNotSendTo(s.email, own)) return [];
    seen.add(s.email.toLowerCase());
    return [{ name: s.name, email: s.email }];
  });
}

/** The language the speaker wrote the proposal in (as the acknowledgement), else the talk's, else the group's. */
export async function speakerLocale(deps: { store: { inbound: Pick<InboundStore, 'get'> }; config: Pick<AppDeps['config'], 'group'> }, p: ProposalRecord): Promise<Language> {
  const filed = await deps.store.inbound.get(p.messageId);
  return filed?.parsed?.language ?? p.language ?? deps.config.group.locale;
}

