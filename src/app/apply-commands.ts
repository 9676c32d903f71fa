/**
 * The command runner: an answer to crieur's mail acts. Organizers accept, decline, waitlist, schedule, question
 * proposals by replying to crieur's notices; speakers confirm, withdraw, correct and answer by replying to theirs.
 * Anyone can forge From, so nothing happens unless the reply token proves the author (core/command/authenticate).
 *
 * In order, each step idempotent so that a crash anywhere and a re-run (recovery sweep, stalled job) end the same:
 *   1. authenticate (token for the From address, not expired, organizer still listed; DKIM/DMARC when required).
 *      Refused → logged with the reason, threaded, nothing executed, nothing sent — except an expired but
 *      otherwise valid token, whose holder is told how to act (the transcript carries a fresh token).
 *   2. admit under the per-sender hourly cap and the replay check (same fingerprint acted on before): the excess
 *      and replays are logged, not executed, not answered.
 *   3. read the commands (core/command/read.ts) and execute each: decisions under a row lock (decide.ts), notes,
 *      questions relayed to the speakers, corrections, status, help, release. Speaker prose is relayed to the
 *      organizers.
 *   4. queue every mail (transcript, speaker mails, FYIs) and mark the message done, in one commit; hold speaker
 *      mails when decisions.hold; set reminder jobs; dispatch.
 * Returns the outcome, counted in /metrics as crieur_jobs_total{queue="command",outcome=…}.
 */
import { createHash } from 'node:crypto';
import { authenticate, type Authentication } from '../core/command/authenticate.ts';
import type { Command, Correction, ReadOptions, ReadResult } from '../core/command/types.ts';
import { withoutAssentTo } from '../core/command/read-line.ts';
import { GRAMMAR } from '../core/command/grammar.ts';
import { mintedOn } from '../core/tokens.ts';
import { whyNotAnswer } from '../core/pipeline/loop-guard.ts';
import { noteText, stateNote, type Note } from '../core/decision/words.ts';
import { resultLine, type ResultLine } from '../core/render/command-data.ts';
import { writtenVerb } from '../core/render/verbs.ts';
import { proposalRef } from '../core/ref.ts';
import { cleanName } from '../core/text/names.ts';
import type { ProposalRecord } from './proposal-store.ts';
import type { ThreadInfo } from './composer.ts';
import type { Language, Mail, ParseResult } from '../types.ts';
import type { CommandMails } from './command-mails.ts';
import { commitEffects, decide, Effects, releaseHeld, speakerLocale, type DecideDeps } from './decide.ts';
import { formatNote, relayQuestion, setFormat, statusOf } from './organizer-verbs.ts';
import type { AppDeps } from './deps.ts';

export type CommandReader = (text: string, opts: ReadOptions) => ReadResult;
/** DKIM or DMARC passes for this From domain (mailauth, or a trusted Authentication-Results header). */
export type MailAuthCheck = (raw: Buffer, fromDomain: string) => Promise<boolean>;

export interface CommandDeps extends AppDeps {
  readCommands: CommandReader;
  mails: CommandMails;
  mailAuth: MailAuthCheck;
}

export type CommandOutcome = 'executed' | 'refused' | 'expired' | 'flood' | 'replay' | 'already-handled';

const HOUR_MS = 3_600_000;

export async function applyCommands(deps: CommandDeps, inboundId: number): Promise<CommandOutcome | null> {
  const { store } = deps;
  const [inbound, raw] = await Promise.all([store.inbound.get(inboundId), store.inbound.getRaw(inboundId)]);
  if (inbound?.state === 'done') {
    // Handled already: a stale job, or the retry of one whose mails were queued but not dispatched.
    await deps.dispatcher.dispatchMany('deliver', await store.outbox.queuedFor(inboundId), { together: true });
    return 'already-handled';
  }
  if (!inbound || raw === null || !inbound.parsed) {
    await store.inbound.setState(inboundId, 'failed', 'reply not classified: retry it (crieur failed retry)');
    return null;
  }
  const parsed = inbound.parsed;
  const mail = await deps.reader.read(raw);
  const now = deps.clock.now();
  const auth = authenticate(mail, { secret: deps.config.secret ?? null, organizers: deps.config.organizers, now, maxAgeDays: deps.config.tokens.maxAgeDays });
  const threadRef = parsed.command?.proposal ?? (auth.token && /^P-\d+$/.test(auth.token.ref) ? auth.token.ref : null);

  if (!auth.ok) return refuse(deps, inboundId, mail, parsed, auth, auth.reason, threadRef);
  if (auth.role === 'organizer' && deps.config.commands.requireDkim) {
    const domain = auth.sender.slice(auth.sender.lastIndexOf('@') + 1);
    if (!(await deps.mailAuth(raw, domain))) return refuse(deps, inboundId, mail, parsed, auth, 'dkim-failed', threadRef);
  }
  const admission = await store.commands.admit(
    { messageId: inboundId, sender: auth.sender, role: auth.role, tokenRef: auth.token.ref, fingerprint: fingerprint(auth, mail) },
    { limit: deps.config.commands.perSenderPerHour, since: new Date(now.getTime() - HOUR_MS) },
  );
  if (admission.first) await thread(deps, inboundId, parsed, threadRef, auth.sender, { authenticated: true, role: auth.role, outcome: admission.outcome });
  if (admission.outcome !== 'admitted') {
    await store.inbound.setState(inboundId, 'done');
    deps.log.warn({ inbound: inboundId, sender: auth.sender, outcome: admission.outcome }, 'command mail not executed');
    return admission.outcome;
  }

  const locale = await answerLocale(deps, parsed, auth.role, auth.token.ref);
  // Read as the authenticated role's reply: a speaker's "OK" or "Question : …" is a message for the organizers.
  const read0 = deps.readCommands(mail.text ?? '', { timeZone: deps.config.group.timezone, locale: deps.config.group.locale, now, role: auth.role });
  // « OK, refuser P-0004 » in P-0004's thread agrees with the decline; accepting P-0004 first made the decline fail
  const read = { ...read0, commands: withoutAssentTo(read0.commands, auth.token.ref) };
  const fx = new Effects(inboundId);
  const words = auth.role === 'speaker' ? read.comment.trim() || null : null;
  const run: Run = { deps, auth, mail, inboundId, locale, fx, results: [], showHelp: false, actorName: cleanName(mail.from?.name) ?? auth.sender, words, wordsCarried: false };
  let acted = 0;
  for (const [step, cmd] of read.commands.entries()) acted += (await execute(run, cmd, step)) ? 1 : 0;
  for (const line of read.unknown) run.results.push(resultLine('unknown', line, noteText({ k: 'unknown' }, locale)));
  if (auth.role === 'speaker') await speakerText(run, read);
  else await organizerComment(run, read);

  const understood = read.commands.length > 0 || Object.keys(read.corrections).length > 0;
  // a speaker's « Durée : 600 » or empty « Titre : » changed nothing: answered, or they would believe it done
  const unread = auth.role === 'speaker' ? (read.unread ?? []) : [];
  // « Merci ! », "Thank you 👍", « Merci beaucoup, bonne journée » and nothing else (core/command/courtesy.ts): nothing
  // acts and nothing is sent — no help to an organizer (noise, and a reply to it could bounce back and forth), nothing
  // relayed (the comment is empty). The mail stays stored, threaded on the proposal (command-received) and logged.
  const courtesy = read.courtesy === true && !understood && read.unknown.length === 0;
  if (!understood && auth.role === 'organizer' && !courtesy) run.showHelp = true;
  // A transcript for every command mail (a speaker's plain message is relayed, not answered); never to a robot,
  // an auto-reply or our own mail (loop guards).
  // The list's copy of a reply-all (the list in Cc, written to crieur too) may come first and act: its transcript goes to the
  // authenticated writer alone, never to the list — it was not sent at all, and the copy written to crieur was then a
  // replay (an audit's organizer got no transcript). Every other guard holds.
  const guard = whyNotAnswer({ kind: 'command', mail: { from: mail.from, headers: withoutListMarks(mail.headers) }, ownAddresses: deps.ctx.ownAddresses });
  if ((understood || read.unknown.length > 0 || unread.length > 0 || (auth.role === 'organizer' && !courtesy)) && !guard) {
    const named = run.results.length > 0 && auth.role === 'organizer' ? firstRef(read.commands, auth.token.ref) : auth.token.ref;
    // « P-9999 refuser » (a typo, a ref from another installation) names no proposal: its transcript, « aucune proposition
    // P-9999 », keeps the thread's ref in its subject, not « [P-9999] » as if there were one
    const transcriptRef = named !== auth.token.ref && !(await store.proposals.get(named)) ? auth.token.ref : named;
    const m = await deps.mails.transcript(
      { name: mail.from?.name ?? null, email: auth.sender },
      locale,
      { purpose: auth.role, ref: /^P-\d+$/.test(transcriptRef) ? transcriptRef : auth.token.ref },
      { results: run.results, showHelp: run.showHelp },
      threadOf(mail, parsed),
    );
    // Audited on the token's proposal; a digest's token names a day, not a proposal: then on the first one named.
    fx.add('command-result', proposalRefOf(auth.token.ref) ?? proposalRefOf(transcriptRef), `m${inboundId}/transcript`, m);
  }
  // The log says executed before the commit that marks the message done: a reader who sees the message done sees
  // the final outcome, and a crash in between only re-runs the (idempotent) effects — never a log stuck "admitted".
  await store.commands.finish(inboundId, { commands: read.commands.length, acted, unknown: read.unknown.length, results: run.results.map((r) => r.line), ...(courtesy ? { courtesy: true } : {}) });
  await commitEffects(deps, fx, inboundId);
  deps.log.info({ inbound: inboundId, sender: auth.sender, role: auth.role, commands: read.commands.length, acted, ...(courtesy ? { courtesy: true } : {}) }, 'commands applied');
  return 'executed';
}

interface Run {
  deps: CommandDeps;
  auth: Extract<Authentication, { ok: true }>;
  mail: Mail;
  inboundId: number;
  locale: Language;
  fx: Effects;
  results: ResultLine[];
  showHelp: boolean;
  actorName: string;
  /** A speaker's own words (the reply's prose), and whether an organizers' update already quotes them: one mail, not two. */
  words: string | null;
  wordsCarried: boolean;
}

/**
 * What a speaker's reply may do: the grammar's speaker verbs and those for anyone (help) — one table. The reader
 * already reads a speaker's organizer words as prose; this holds for a reader told no role.
 */
const SPEAKER_VERBS: ReadonlySet<string> = new Set(GRAMMAR.filter((s) => s.role !== 'organizer').map((s) => s.verb));
const DECISIONS = new Set(['accept', 'decline', 'waitlist', 'schedule', 'confirm', 'withdraw']);

/** One command line; true when it changed something. */
async function execute(run: Run, cmd: Command, step: number): Promise<boolean> {
  const { deps, auth, locale } = run;
  const push = (status: 'done' | 'refused' | 'ignored', note: Note) => run.results.push(resultLine(status, cmd.line, noteText(note, locale)));
  const ref = cmd.ref ?? auth.token.ref;
  if (auth.role === 'speaker') {
    if (!SPEAKER_VERBS.has(cmd.verb)) return push('refused', { k: 'speaker-verb', verb: cmd.verb }), false;
    if (ref !== auth.token.ref) return push('refused', { k: 'other-proposal', ref, own: auth.token.ref }), false;
  }
  if (cmd.problem) return push('refused', { k: 'problem', problem: cmd.problem, date: cmd.date?.text ?? null, word: writtenVerb(cmd, locale), ...(cmd.date?.readings ? { readings: cmd.date.readings, override: cmd.override } : {}) }), false;
  if (cmd.verb === 'help') return ((run.showHelp = true), push('done', { k: 'help' }), false);
  if (cmd.verb === 'release') {
    const n = await releaseHeld(deps);
    return push('done', { k: 'released', n }), n > 0;
  }
  if (!/^P-\d+$/.test(ref)) return push('refused', { k: 'no-proposal', ref }), false;
  const p = await deps.store.proposals.get(ref);
  if (!p) return push('refused', { k: 'no-proposal', ref }), false;
  const key = `m${run.inboundId}/${step}`;

  if (DECISIONS.has(cmd.verb)) {
    const r = await decide(run.deps as DecideDeps, {
      ref,
      action: cmd.verb as 'accept',
      role: auth.role,
      actor: auth.sender,
      actorName: run.actorName,
      override: cmd.override,
      text: cmd.text,
      date: cmd.date,
      nextEvent: cmd.nextEvent,
      ...(cmd.eventId !== null ? { eventId: cmd.eventId } : {}),
      ...(cmd.eventMonth ? { eventMonth: cmd.eventMonth } : {}),
      messageId: run.inboundId,
      step,
      key,
      locale,
      // Quoted in the organizers' update of a speaker's confirm/withdraw: taken only once the decision went through
      ...(auth.role === 'speaker' && !run.wordsCarried ? { words: run.words } : {}),
    }, run.fx);
    if (r.ok && !r.unchanged && auth.role === 'speaker' && run.words !== null) run.wordsCarried = true;
    push(r.ok ? 'done' : 'refused', r.note);
    return r.ok && !r.unchanged;
  }
  switch (cmd.verb) {
    case 'status':
      return push('done', await statusOf(deps, p, locale)), false;
    case 'note':
      if (!cmd.text) return push('refused', { k: 'problem', problem: 'text-missing', date: null, word: writtenVerb(cmd, locale) }), false;
      await noteOnce(run, ref, 'note', step, { text: cmd.text });
      return push('done', { k: 'noted', ref }), true;
    case 'ask': {
      if (!cmd.text) return push('refused', { k: 'problem', problem: 'text-missing', date: null, word: writtenVerb(cmd, locale) }), false;
      await noteOnce(run, ref, 'question', step, { text: cmd.text });
      const n = await relayQuestion(run.deps as DecideDeps, p, cmd.text, key, run.fx);
      return push('done', { k: 'asked', ref, n }), true;
    }
    case 'talk':
    case 'lightning': {
      const changed = await setFormat(deps, p, cmd.verb, auth.sender, run.inboundId);
      return push('done', formatNote(p, cmd.verb, locale)), changed;
    }
    default:
      return push('ignored', { k: 'unknown' }), false;
  }
}

/** A speaker's corrections and prose: the proposal updated (audited), the organizers told; prose relayed. */
async function speakerText(run: Run, read: ReadResult): Promise<void> {
  const { deps, auth, locale } = run;
  const p = await deps.store.proposals.get(auth.token.ref);
  if (!p) return;
  const stated = correctionFields(read.corrections);
  const closed = ['withdrawn', 'declined', 'presented'].includes(p.status);
  // A correction restating what the proposal already says (« Le titre sera « … », comme convenu ») changes nothing: the
  // organizers are not told of a change, the transcript says so. Once this message has updated it (a replay), every
  // field it stated counts, as the first run's did.
  const already = stated.length > 0 && !closed && (await deps.store.proposals.findByMessage(run.inboundId))?.ref === p.ref;
  const fields = already ? stated : stated.filter((f) => !sameValue(p[f], read.corrections[f]));
  if (!already && !closed && stated.length > 0 && fields.length === 0) {
    run.results.push(resultLine('done', stated.map((f) => `${LABEL_OF[f][locale]} : …`).join(' / '), noteText({ k: 'unchanged', ref: p.ref, fields: stated.map((f) => LABEL_OF[f][locale]) }, locale)));
  }
  // Nothing corrected on a closed proposal — said in the transcript, which otherwise answered with nothing at all
  if (stated.length > 0 && closed) {
    const state = stateNote(p.ref, { status: p.status, actor: null, at: null }, locale, deps.config.group.timezone);
    run.results.push(resultLine('refused', stated.map((f) => `${LABEL_OF[f][locale]} : …`).join(' / '), noteText({ k: 'closed', state }, locale)));
  }
  if (fields.length > 0 && !closed) {
    const updated = already ? p : await deps.store.proposals.update(p.ref, { ...p, ...read.corrections }, auth.sender, run.inboundId);
    const changes = fields.map((f) => ({ field: LABEL_OF[f][deps.config.group.locale], value: String(updated[f] ?? '') }));
    const words = carryWords(run);
    for (const o of deps.config.organizers) {
      run.fx.add('notify-organizer', p.ref, `${p.ref}/corrected/m${run.inboundId}`, await deps.mails.update('corrected', updated, o, { actor: run.actorName, changes, text: words }));
    }
    run.results.push(resultLine('done', fields.map((f) => `${LABEL_OF[f][locale]} : …`).join(' / '), noteText({ k: 'corrected', ref: p.ref, fields: fields.map((f) => LABEL_OF[f][locale]) }, locale)));
  }
  for (const u of read.unread ?? []) run.results.push(resultLine('refused', u.line, noteText({ k: 'unread-correction', field: u.field }, locale)));
  const comment = read.comment.trim();
  // Already quoted in the update a confirm, a withdraw or a correction sent the organizers: relayed, but not twice.
  if (comment !== '' && !run.wordsCarried) {
    const history = await deps.store.proposals.history(p.ref);
    const kind = history.some((h) => h.action === 'question') ? 'answered' : 'message';
    for (const o of deps.config.organizers) {
      run.fx.add('notify-organizer', p.ref, `${p.ref}/${kind}/m${run.inboundId}`, await deps.mails.update(kind, p, o, { actor: run.actorName, text: comment }, threadOf(run.mail, null)));
    }
  }
  if (comment !== '' && (read.commands.length > 0 || fields.length > 0 || (read.unread ?? []).length > 0)) run.results.push(resultLine('done', comment.split('\n')[0]!, noteText({ k: 'relayed' }, locale)));
}

/** The speaker's words for the first organizers' update this mail causes (null once one carries them). */
function carryWords(run: Run): string | null {
  if (run.wordsCarried || run.words === null) return null;
  run.wordsCarried = true;
  return run.words;
}

/**
 * An organizer's words under the commands (the notice invites a comment on the following lines): kept in the history
 * and passed on to the other organizers — never to the speaker, whom a reason reaches only from the verb's line
 * (« refuser, trop proche du talk de mars »): a remark meant for colleagues (« on en parle jeudi ») must not land in
 * a speaker's mail. The transcript says where it went, and how to give a speaker a reason when a decline had none.
 */
async function organizerComment(run: Run, read: ReadResult): Promise<void> {
  const comment = read.comment.trim();
  // (no command at all too: « Je dirais refuser, qu'en pensez-vous ? », an answer to a relayed question — the colleagues
  // read it, as the mail it answers invites; an audit's were lost)
  if (comment === '') return;
  const ref = firstRef(read.commands, run.auth.token.ref);
  const p = /^P-\d+$/.test(ref) ? await run.deps.store.proposals.get(ref) : null;
  if (!p) return;
  await noteOnce(run, ref, 'note', read.commands.length, { text: comment, comment: true });
  const others = run.deps.config.organizers.filter((o) => o.toLowerCase() !== run.auth.sender.toLowerCase());
  for (const o of others) {
    run.fx.add('notify-organizer', ref, `${ref}/comment/m${run.inboundId}`, await run.deps.mails.update('message', p, o, { actor: run.actorName, text: comment }, threadOf(run.mail, null)));
  }
  const reasonHint = read.commands.some((c) => c.verb === 'decline' && !c.text);
  // The line that opens with a decision, wherever it stands: under a greeting (« Bonjour, / Accepter et programmer le
  // 28/01 ») the transcript quoted « Bonjour, » under [fait] — read at a glance, done (audit Z).
  const lines = comment.split('\n').filter((l) => l.trim() !== '');
  const opening = read.commands.length === 0 ? lines.find((l) => opensWithDecision(run, l)) : undefined;
  const undecided = opening !== undefined;
  const first = opening ?? lines[0] ?? '';
  run.results.push(resultLine(undecided ? 'ignored' : 'done', first, noteText({ k: 'relayed-organizers', n: others.length, reasonHint, undecided }, run.locale)));
}

/**
 * A line that opens with a decision's words (« Accepter et programmer le 17 décembre », « Je valide et je programme pour
 * janvier », « Accepter, mais seulement si Lucie est d'accord ») yet read as a comment: its first one to three words
 * alone are a decision, by the same reader. Marked [ignoré], not [fait], in the transcript.
 */
const DECISION_VERBS = new Set(['accept', 'decline', 'waitlist', 'schedule', 'confirm', 'withdraw', 'talk', 'lightning']);
function opensWithDecision(run: Run, line: string): boolean {
  const words = line.trim().split(/\s+/).slice(0, 3);
  const opts = { timeZone: run.deps.config.group.timezone, locale: run.deps.config.group.locale, now: run.deps.clock.now(), role: run.auth.role };
  for (let n = words.length; n >= 1; n--) {
    const prefix = words.slice(0, n).join(' ').replace(/[\s,;:.!\-–—]+$/, '');
    if (run.deps.readCommands(prefix, opts).commands.some((c) => DECISION_VERBS.has(c.verb))) return true;
  }
  return false;
}

type Field = 'title' | 'abstract' | 'durationMinutes' | 'format' | 'language';
const LABEL_OF: Record<Field, Record<Language, string>> = {
  title: { fr: 'Titre', en: 'Title' },
  abstract: { fr: 'Résumé', en: 'Abstract' },
  durationMinutes: { fr: 'Durée', en: 'Duration' },
  format: { fr: 'Format', en: 'Format' },
  language: { fr: 'Langue', en: 'Language' },
};
/** A field's new value the same as the proposal's: text compared without its outer spaces. */
function sameValue(current: unknown, next: unknown): boolean {
  return typeof current === 'string' && typeof next === 'string' ? current.trim() === next.trim() : current === next;
}
function correctionFields(c: Correction): Field[] {
  return (Object.keys(c) as Field[]).filter((k) => c[k] !== undefined && k in LABEL_OF);
}

/** A token's or a command's ref when it names a proposal (P-0007); null for another ref (a digest's day). */
function proposalRefOf(ref: string | null): string | null {
  return ref !== null && /^P-\d+$/.test(ref) ? ref : null;
}

/** A history entry written once per (message, step), so that a re-run does not write it twice. */
async function noteOnce(run: Run, ref: string, action: string, step: number, detail: Record<string, unknown>): Promise<void> {
  const history = await run.deps.store.proposals.history(ref);
  if (history.some((h) => h.messageId === run.inboundId && h.action === action && h.detail?.step === step)) return;
  await run.deps.store.proposals.note(ref, run.auth.sender, action, { ...detail, step }, run.inboundId);
}

/** Refused: logged and threaded once; only an expired token of the right sender gets an answer. */
async function refuse(
  deps: CommandDeps,
  inboundId: number,
  mail: Mail,
  parsed: ParseResult,
  auth: Authentication,
  reason: string,
  threadRef: string | null,
): Promise<CommandOutcome> {
  const sender = auth.sender;
  const { first } = await deps.store.commands.refuse({ messageId: inboundId, sender, tokenRef: auth.token?.ref ?? null, reason });
  if (first) await thread(deps, inboundId, parsed, threadRef, sender ?? 'unknown', { authenticated: false, reason });
  const fx = new Effects(inboundId);
  const guard = whyNotAnswer({ kind: 'command', mail, ownAddresses: deps.ctx.ownAddresses });
  if (reason === 'expired' && auth.token && sender && !guard) {
    const purpose = auth.token.purpose === 'organizer' ? 'organizer' : 'speaker';
    // « withdraw » alone on an English proposal's old mail: told in English, as a fresh token's answer would be
    const locale = await answerLocale(deps, parsed, purpose, auth.token.ref);
    const m = await deps.mails.transcript({ name: mail.from?.name ?? null, email: sender }, locale, { purpose, ref: auth.token.ref }, { results: [], showHelp: false, expiredMintedOn: mintedOn(auth.token) }, threadOf(mail, parsed));
    fx.add('command-result', proposalRefOf(auth.token.ref), `m${inboundId}/transcript`, m);
  }
  await commitEffects(deps, fx, inboundId);
  deps.log.warn({ inbound: inboundId, sender, reason }, 'command mail refused');
  return reason === 'expired' ? 'expired' : 'refused';
}

/**
 * The language of a command mail's answer: its text's, and where too little text tells (« help », « withdraw »), a
 * speaker's proposal's, an organizer's group's (two reads, only when the text told nothing: most replies say enough).
 */
async function answerLocale(deps: CommandDeps, parsed: ParseResult, role: 'organizer' | 'speaker', tokenRef: string): Promise<Language> {
  if (parsed.language) return parsed.language;
  const own = role === 'speaker' && /^P-\d+$/.test(tokenRef) ? await deps.store.proposals.get(tokenRef) : null;
  return own ? speakerLocale(deps, own) : deps.config.group.locale;
}

/** The answer keeps its proposal's thread: a history line per mail, authenticated or not (who, via which message). */
async function thread(deps: AppDeps, inboundId: number, parsed: ParseResult, ref: string | null, actor: string, detail: Record<string, unknown>): Promise<void> {
  const p = ref ? await deps.store.proposals.get(ref) : null;
  if (!p) return;
  await deps.store.proposals.note(
    p.ref,
    actor,
    parsed.kind === 'command' ? 'command-received' : 'reply-received',
    { verbs: parsed.command?.verbs ?? [], subject: parsed.subject, ...detail },
    inboundId,
  );
}

/**
 * The same mail again under a new Message-ID is a replay: sender, token, the mail it answers, its Date and the text,
 * with whitespace folded (a relay may re-wrap). A copy keeps the Date its writer's client set; the writer sending the
 * same words again later (« statut » on Monday and on Thursday, « confirmer » refused before the acceptance and sent
 * again after it) writes a new mail, with a new Date — acted on and answered (an audit's second « confirmer » was
 * dropped as a replay, unanswered).
 */
function fingerprint(auth: Extract<Authentication, { ok: true }>, mail: Mail): string {
  const text = (mail.text ?? '').replace(/\s+/g, ' ').trim();
  const date = mail.headers['date']?.[0]?.trim() ?? '';
  return createHash('sha256').update(`${auth.sender}\n${auth.token.token}\n${mail.inReplyTo ?? ''}\n${date}\n${text}`).digest('hex');
}

/** A mail's headers without what a list adds to its copy (List-Id, List-Post, Precedence: list). */
function withoutListMarks(headers: Mail['headers']): Mail['headers'] {
  const { 'list-id': _id, 'list-post': _post, ...rest } = headers;
  if (rest['precedence']?.some((v) => /^\s*list\s*$/i.test(v))) delete rest['precedence'];
  return rest;
}

/**
 * The proposal a reply is about: its first command's — the ref it names, else the token's proposal. A reply to P-0003's
 * notice that also acts on P-0005 is answered in P-0003's thread (it was P-0005's, and a bare follow-up there acted on
 * P-0005). A digest's token names a day: then the first ref named.
 */
function firstRef(commands: Command[], tokenRef: string): string {
  const own = /^P-\d+$/.test(tokenRef) ? tokenRef : null;
  return commands[0]?.ref ?? own ?? commands.find((c) => c.ref)?.ref ?? tokenRef;
}

function threadOf(mail: Mail, parsed: ParseResult | null): ThreadInfo {
  return { messageId: mail.messageId, references: mail.references, subject: mail.subject, language: parsed?.language ?? null };
}

/** The remind runner's ref from its job id (the proposal's number: job ids carry numbers only). */
export function refOfNumber(n: number): string {
  return proposalRef(String(n));
}

export type { ProposalRecord };
