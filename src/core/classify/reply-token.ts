/**
 * Answers to crieur's own mail, recognised by the reply token crieur puts in the plus-tag of its Reply-To
 * (`talks+o-p0007-<mac>@…`, seen again in To/Cc/Delivered-To) and in its Message-IDs (`<TOKEN.nonce@…>`,
 * seen again in In-Reply-To/References). Such a message is a `command` when its author typed grammar verbs
 * above the quote, else a `reply`. It is `authenticated` only when a token's MAC was minted for the From
 * address, is younger than tokens.maxAgeDays (and, for organizer tokens, that address still organizes): a forged
 * From header proves nothing. Announcement tokens are not answers to a proposal's mail: the answer to a call for
 * talks is a proposal, so those tokens leave the message to the rules below.
 */
import type { CommandInfo, Mail, ParseContext } from '../../types.ts';
import { checkToken, findTokens, tokenRecipient, verifyToken, type FoundToken } from '../tokens.ts';
import { splitPlus } from '../address.ts';
import { parseCommands } from '../command/parse.ts';
import type { Rule, Verdict } from './chain.ts';
import { fromEmail } from './signals.ts';
import { REPLY_PREFIX_SOURCE } from '../text/subject-prefixes.ts';

const ADDRESS_HEADERS = ['delivered-to', 'x-original-to', 'envelope-to'] as const;

export function tokensInAddresses(mail: Mail): FoundToken[] {
  const addrs = [...mail.to, ...mail.cc].map((a) => a.email);
  for (const h of ADDRESS_HEADERS) addrs.push(...(mail.headers[h] ?? []));
  return addrs.flatMap((a) => {
    const tag = splitPlus(a.replace(/^.*</, '').replace(/>.*$/, '').trim()).tag;
    return tag ? findTokens(tag) : [];
  });
}

export function tokensInThread(mail: Mail): FoundToken[] {
  const ids = [mail.inReplyTo, ...mail.references].filter((id): id is string => id !== null);
  // Only the local part of a Message-ID carries a token: `<TOKEN.nonce@domain>`.
  return ids.flatMap((id) => findTokens(id.replace(/^<|>$/g, '').split('@')[0] ?? ''));
}

/** refusal's answer when there is no secret to check a token with (understand.ts says so in its own words). */
const NO_SECRET = 'no secret configured';

/**
 * Why a token found in an answer proves nothing of its From, in words an operator running `crieur parse` can act on
 * (authenticated: false alone does not say whether the mail is forged, old, or an organizer's who left); null when it
 * proves it: a MAC minted for that address, younger than tokens.maxAgeDays, and for an organizer token, an address that
 * still organizes.
 */
function refusal(t: FoundToken, from: string | null, ctx: ParseContext): string | null {
  if (ctx.secret === null || ctx.secret === '') return NO_SECRET;
  if (from === null) return 'the message has no From address';
  const sender = tokenRecipient(from);
  const now = ctx.now?.() ?? null;
  const maxAge = ctx.tokenMaxAgeDays ?? DEFAULT_MAX_AGE_DAYS;
  // Without a clock (a parse outside any configuration) only the MAC is checked.
  const check = now ? checkToken(ctx.secret, t, sender, now, maxAge) : verifyToken(ctx.secret, t, sender) ? 'valid' : 'bad-mac';
  if (check === 'bad-mac') return `it was not written to ${sender} (a forged From, an address other than the one crieur wrote to, or an altered token)`;
  if (check === 'expired') return `it is older than ${maxAge} days (tokens.maxAgeDays)`;
  if (t.purpose === 'organizer' && !ctx.organizers.some((o) => tokenRecipient(o) === sender)) return `${sender} is not an organizer (organizers in the configuration)`;
  return null;
}

const DEFAULT_MAX_AGE_DAYS = 120;
/** Tokens that make a message an answer to a proposal's mail (announcement tokens do not). */
const answerTokens = (tokens: FoundToken[]): FoundToken[] => tokens.filter((t) => t.purpose !== 'announce');

function answer(mail: Mail, ctx: ParseContext, tokens: FoundToken[]): Verdict {
  const from = fromEmail(mail);
  // each token checked once: the first that proves its From, else the first found and why it proves nothing
  const checked = tokens.map((t) => ({ t, why: refusal(t, from, ctx) }));
  const trusted = checked.find((c) => c.why === null)?.t ?? null;
  const token = trusted ?? tokens[0]!;
  // dates in commands are read as of when the mail was written, in the group's zone; an authenticated reply's verbs
  // as its role writes them (a speaker's "OK" is a message, not a command), as the command worker reads them
  const role = trusted?.purpose === 'organizer' || trusted?.purpose === 'speaker' ? trusted.purpose : undefined;
  // a speaker's labelled corrections are commands too (SPEC); an organizer's « Titre : » lines correct nothing
  const parsed = parseCommands(mail.text, { now: mail.date, timeZone: ctx.timeZone, locale: ctx.locale, role, corrections: token.purpose === 'speaker' });
  const command: CommandInfo = {
    verbs: parsed.verbs,
    // An explicit ref typed by the author names the proposal meant; the token's ref is the thread's.
    proposal: parsed.ref ?? (/^P-\d+$/.test(token.ref) ? token.ref : null),
    authenticated: trusted !== null,
  };
  const reasons = [`token ${token.purpose} ${token.ref}`];
  const why = trusted ? null : checked[0]!.why;
  if (why && why !== NO_SECRET) reasons.push(`${TOKEN_REFUSED}${why}`);
  return { kind: parsed.verbs.length > 0 ? 'command' : 'reply', command, reasons };
}

/** The reason's prefix that says why a token found proves nothing (understand.ts turns it into a warning). */
export const TOKEN_REFUSED = 'token refused: ';

export const tokenAddressRule: Rule = {
  name: 'reply-token-address',
  test(mail, ctx) {
    const tokens = answerTokens(tokensInAddresses(mail));
    return tokens.length > 0 ? answer(mail, ctx, [...tokens, ...answerTokens(tokensInThread(mail))]) : null;
  },
};

export const tokenThreadRule: Rule = {
  name: 'reply-token-thread',
  test(mail, ctx) {
    const tokens = answerTokens(tokensInThread(mail));
    return tokens.length > 0 ? answer(mail, ctx, tokens) : null;
  },
};

/** A ref as crieur writes them in its subjects (`[P-0007] …`) and organizers type them (`accept P-0007`). */
const SUBJECT_REF = /\bP-\d+\b/i;
/** Anything the command grammar could read as a ref (command/read-line.ts REF: « P-0007 », « p7 », « [P 7] »). */
const TEXT_REF = /\bp\s?-?\s?\d{1,6}/i;
/** A reply's subject, in the languages mail clients write it (« Re: », « RE : », « Réf : », "AW:", "SV:"…: the shared table). */
const REPLY_SUBJECT = new RegExp(`^\\s*${REPLY_PREFIX_SOURCE}`, 'i');

/**
 * A reply that carries no token of crieur's (a client or a relay dropped the plus-tag and the Message-IDs, or the
 * writer answered a copy of the mail) but is plainly an answer about a proposal: reply-shaped (In-Reply-To,
 * References or a « Re: » subject), naming a proposal (`[P-0007]` in the subject, or a ref on a command line), with
 * verbs above any quote. SPEC's `command` with `authenticated: false`: what it asks is said (`crieur parse`), and the
 * command worker refuses it as proving nobody (authenticate: `no-token`) — From alone is forgeable. Without a verb it
 * stays what the rules below make of it (a question for humans, 'other').
 */
export const unprovenReplyRule: Rule = {
  name: 'reply-without-token',
  test(mail, ctx) {
    if (mail.text === null) return null;
    const replyShaped = mail.inReplyTo !== null || mail.references.length > 0 || REPLY_SUBJECT.test(mail.subject);
    if (!replyShaped) return null;
    // No ref in the subject, nothing in the text a command line could read as one (« accept P-0007 », « p7 ok »): the
    // command reading (the costly part: bench:parse 0.84 → 0.77 with it run on every reply) cannot name one.
    if (!SUBJECT_REF.test(mail.subject) && !TEXT_REF.test(mail.text)) return null;
    const parsed = parseCommands(mail.text, { now: mail.date, timeZone: ctx.timeZone, locale: ctx.locale });
    if (parsed.verbs.length === 0) return null;
    const ref = parsed.ref ?? SUBJECT_REF.exec(mail.subject)?.[0]?.toUpperCase() ?? null;
    if (ref === null) return null;
    const command: CommandInfo = { verbs: parsed.verbs, proposal: ref, authenticated: false };
    return { kind: 'command', command, reasons: ['no reply token'] };
  },
};
