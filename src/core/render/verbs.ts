/**
 * The reply verbs crieur's mails teach, per locale: the words a speaker or an organizer writes, alone on a
 * line, in a reply. The command grammar must accept every `word` below in either language (an organizer may
 * answer a French notice in English); this table is what the mails promise.
 */
import type { Language } from '../../types.ts';

export type SpeakerVerb = 'withdraw';
export type OrganizerVerb = 'accept' | 'decline' | 'waitlist' | 'confirm' | 'schedule';

export interface VerbHelp {
  verb: string; // canonical (English) name
  word: string; // what to type in this locale
  /** How it is written with its argument, e.g. "programmer AAAA-MM-JJ"; equals word when none. */
  usage: string;
  help: string;
}

export const SPEAKER_VERBS: Record<Language, Record<SpeakerVerb, VerbHelp>> = {
  fr: { withdraw: { verb: 'withdraw', word: 'retirer', usage: 'retirer', help: 'retirer la proposition' } },
  en: { withdraw: { verb: 'withdraw', word: 'withdraw', usage: 'withdraw', help: 'withdraw the proposal' } },
};

const ORGANIZER: Record<Language, VerbHelp[]> = {
  fr: [
    { verb: 'accept', word: 'accepter', usage: 'accepter', help: 'accepter la proposition (l’orateur est prévenu)' },
    { verb: 'decline', word: 'refuser', usage: 'refuser', help: 'refuser la proposition (l’orateur est prévenu)' },
    { verb: 'waitlist', word: 'attente', usage: 'attente', help: 'la mettre en liste d’attente' },
    { verb: 'confirm', word: 'confirmer', usage: 'confirmer', help: 'noter que l’orateur a confirmé sa venue' },
    { verb: 'schedule', word: 'programmer', usage: 'programmer AAAA-MM-JJ', help: 'la programmer à la rencontre de cette date' },
  ],
  en: [
    { verb: 'accept', word: 'accept', usage: 'accept', help: 'accept the proposal (the speaker is told)' },
    { verb: 'decline', word: 'decline', usage: 'decline', help: 'decline the proposal (the speaker is told)' },
    { verb: 'waitlist', word: 'waitlist', usage: 'waitlist', help: 'put it on the waiting list' },
    { verb: 'confirm', word: 'confirm', usage: 'confirm', help: 'record that the speaker confirmed' },
    { verb: 'schedule', word: 'schedule', usage: 'schedule YYYY-MM-DD', help: 'schedule it for the meetup on that date' },
  ],
};

export function organizerVerbs(locale: Language): VerbHelp[] {
  return ORGANIZER[locale];
}
