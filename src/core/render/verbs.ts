/**
 * The reply verbs crieur's mails teach, per locale: the words a speaker or an organizer writes, alone on a
 * line, in a reply. The command grammar must accept every `word` below in either language (an organizer may
 * answer a French notice in English); this table is what the mails promise.
 */
import type { Language } from '../../types.ts';
import type { Command, Verb } from '../command/types.ts';
import { transition, TRANSITIONS, type Action } from '../decision/transitions.ts';
import type { ProposalStatus } from '../../app/proposal-store.ts';

export type SpeakerVerb = 'withdraw';
export type OrganizerVerb = 'accept' | 'decline' | 'waitlist' | 'confirm' | 'schedule';

export interface VerbHelp {
  verb: string; // canonical (English) name
  word: string; // what to type in this locale
  /** How it is written with its argument, e.g. "programmer AAAA-MM-JJ"; equals word when none. */
  usage: string;
  help: string;
  /** The help shortened, for a mail that teaches the verb after « accepter » (organizerVerbsFor): the line stays within 72 columns. */
  helpAfter?: string;
}

/**
 * The one word a mail names each verb by, per locale: a digest's « refuser P-0012 », a transcript's « « refuser »
 * n'est pas possible dans cet état » — the word the reader can type back, so a French mail never names a verb in
 * English. Where the French help teaches the English word (`talk`, `lightning`, `status`, `help`, `release`), so
 * does this table. Every word is read by the command grammar as its verb (tests/render/data.test.ts).
 */
const WORD: Record<Language, Record<Verb, string>> = {
  fr: {
    accept: 'accepter',
    decline: 'refuser',
    waitlist: 'attente',
    schedule: 'programmer',
    talk: 'talk',
    lightning: 'lightning',
    note: 'note',
    ask: 'question',
    status: 'status',
    help: 'help',
    release: 'release',
    confirm: 'confirmer',
    withdraw: 'retirer',
  },
  en: {
    accept: 'accept',
    decline: 'decline',
    waitlist: 'waitlist',
    schedule: 'schedule',
    talk: 'talk',
    lightning: 'lightning',
    note: 'note',
    ask: 'ask',
    status: 'status',
    help: 'help',
    release: 'release',
    confirm: 'confirm',
    withdraw: 'withdraw',
  },
};

/** The verb as the writer wrote it (« Note », "ask"), to name it back to them; the locale's word when the line did not keep it. */
export function writtenVerb(cmd: Pick<Command, 'verb' | 'word'>, locale: Language): string {
  return cmd.word?.trim() || verbWord(cmd.verb, locale);
}

/** The word for `verb` in `locale`; a name that is no verb of the grammar is shown as it is. */
export function verbWord(verb: string, locale: Language): string {
  const words: Readonly<Record<string, string>> = WORD[locale];
  return Object.hasOwn(words, verb) ? words[verb]! : verb;
}

export const SPEAKER_VERBS: Record<Language, Record<SpeakerVerb, VerbHelp>> = {
  fr: { withdraw: { verb: 'withdraw', word: WORD.fr.withdraw, usage: 'retirer', help: 'retirer la proposition' } },
  en: { withdraw: { verb: 'withdraw', word: WORD.en.withdraw, usage: 'withdraw', help: 'withdraw the proposal' } },
};

const ORGANIZER: Record<Language, VerbHelp[]> = {
  fr: [
    { verb: 'accept', word: WORD.fr.accept, usage: 'accepter', help: 'accepter la proposition (l’orateur est prévenu)' },
    { verb: 'decline', word: WORD.fr.decline, usage: 'refuser', help: 'refuser la proposition (l’orateur est prévenu)' },
    { verb: 'waitlist', word: WORD.fr.waitlist, usage: 'attente', help: 'la mettre en liste d’attente' },
    { verb: 'confirm', word: WORD.fr.confirm, usage: 'confirmer', help: 'noter que l’orateur a confirmé sa venue', helpAfter: 'l’orateur a confirmé' },
    { verb: 'schedule', word: WORD.fr.schedule, usage: 'programmer AAAA-MM-JJ', help: 'la programmer à la rencontre de cette date', helpAfter: 'la programmer à cette date' },
  ],
  en: [
    { verb: 'accept', word: WORD.en.accept, usage: 'accept', help: 'accept the proposal (the speaker is told)' },
    { verb: 'decline', word: WORD.en.decline, usage: 'decline', help: 'decline the proposal (the speaker is told)' },
    { verb: 'waitlist', word: WORD.en.waitlist, usage: 'waitlist', help: 'put it on the waiting list' },
    { verb: 'confirm', word: WORD.en.confirm, usage: 'confirm', help: 'record that the speaker confirmed', helpAfter: 'the speaker confirmed' },
    { verb: 'schedule', word: WORD.en.schedule, usage: 'schedule YYYY-MM-DD', help: 'schedule it for the meetup on that date', helpAfter: 'schedule it for that date' },
  ],
};

export function organizerVerbs(locale: Language): VerbHelp[] {
  return ORGANIZER[locale];
}

/**
 * The verbs a mail about a proposal in `status` teaches, as the transition table allows them: those an organizer may
 * give now, then those allowed once it is accepted, each taught after the word of `accept` (`after`) — a new
 * proposal's « programmer 2027-01-28 » or « confirmer » alone is refused, it is not accepted yet; written under
 * « accepter » it acts (the mailto writes both lines). Black-box audit: the notice of every new proposal offered both.
 */
export function organizerVerbsFor(locale: Language, status: ProposalStatus): (VerbHelp & { after: string | null })[] {
  const allowed = (verb: string, from: ProposalStatus) => transition(verb as Action, from, 'organizer').ok;
  const accepted = TRANSITIONS.find((r) => r.action === 'accept')!.to;
  const now = ORGANIZER[locale].filter((v) => allowed(v.verb, status)).map((v) => ({ ...v, after: null }));
  if (!allowed('accept', status)) return now;
  const afterWord = WORD[locale].accept;
  const lead = locale === 'fr' ? `après « ${afterWord} » : ` : `after "${afterWord}": `;
  const later = ORGANIZER[locale]
    .filter((v) => !allowed(v.verb, status) && allowed(v.verb, accepted))
    .map((v) => ({ ...v, help: lead + (v.helpAfter ?? v.help), after: afterWord }));
  return [...now, ...later];
}
