/**
 * Who is answering, proven by the reply token and not by the From header (anyone can forge From). A token counts
 * only when its MAC was minted for the From address (display name and plus-tag ignored), it is young enough, and
 * — for an organizer token — its holder is still listed in `organizers`. The strongest token of a mail wins: an
 * organizer's over a speaker's, a valid one over an expired one. Pure: the secret, the clock and the organizer
 * list are passed in.
 */
import type { Mail } from '../../types.ts';
import { checkToken, tokenRecipient, type FoundToken } from '../tokens.ts';
import { tokensInAddresses, tokensInThread } from '../classify/reply-token.ts';

export type Role = 'organizer' | 'speaker';

/** Why a mail proves nothing about its author (audited, counted; no mail goes back). */
export type Refusal =
  | 'no-from' // nothing to bind a token to
  | 'no-token' // answers none of crieur's mails
  | 'no-secret' // crieur has no key to check tokens with
  | 'forged' // tokens present, none minted for this From
  | 'not-organizer' // an organizer token of someone no longer listed
  | 'expired'; // the right From and MAC, but too old: the one refusal that is answered

export type Authentication =
  | { ok: true; sender: string; role: Role; token: FoundToken }
  | { ok: false; sender: string | null; reason: Refusal; token: FoundToken | null };

export interface AuthInput {
  secret: string | null;
  organizers: readonly string[];
  now: Date;
  maxAgeDays: number;
}

/** Tokens of the mail: first those of the address it was sent to, then those of the thread it answers. */
export function tokensOf(mail: Mail): FoundToken[] {
  return [...tokensInAddresses(mail), ...tokensInThread(mail)].filter((t) => t.purpose !== 'announce');
}

export function authenticate(mail: Mail, input: AuthInput): Authentication {
  const sender = mail.from?.email ? tokenRecipient(mail.from.email) : null;
  const tokens = tokensOf(mail);
  if (sender === null) return { ok: false, sender, reason: 'no-from', token: tokens[0] ?? null };
  if (tokens.length === 0) return { ok: false, sender, reason: 'no-token', token: null };
  if (!input.secret) return { ok: false, sender, reason: 'no-secret', token: tokens[0]! };
  const checked = tokens.map((t) => ({ t, check: checkToken(input.secret!, t, sender, input.now, input.maxAgeDays) }));
  const isOrganizer = input.organizers.some((o) => tokenRecipient(o) === sender);
  const valid = checked.filter((c) => c.check === 'valid').map((c) => c.t);
  const organizerToken = valid.find((t) => t.purpose === 'organizer');
  if (organizerToken && isOrganizer) return { ok: true, sender, role: 'organizer', token: organizerToken };
  const speakerToken = valid.find((t) => t.purpose === 'speaker');
  if (speakerToken) return { ok: true, sender, role: 'speaker', token: speakerToken };
  if (organizerToken) return { ok: false, sender, reason: 'not-organizer', token: organizerToken };
  const expired = checked.find((c) => c.check === 'expired' && (c.t.purpose !== 'organizer' || isOrganizer));
  if (expired) return { ok: false, sender, reason: 'expired', token: expired.t };
  const exOrganizer = checked.find((c) => c.check === 'expired');
  if (exOrganizer) return { ok: false, sender, reason: 'not-organizer', token: exOrganizer.t };
  return { ok: false, sender, reason: 'forged', token: tokens[0]! };
}
