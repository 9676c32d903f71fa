/**
 * Template data for the mails commands cause: the speaker's decision mails (decision.*), the organizers'
 * updates (organizer-update.*) and the transcript every command mail gets (transcript.*). Like data.ts: every
 * field exists (null when nothing to say), flags choose the template's wording, user text arrives escaped by the
 * renderer ({{x}}) or as HTML built here from escaped text ({{{xHtml}}}).
 */
import type { Language } from '../../types.ts';
import { textToHtml } from './escape.ts';
import { layoutData, type LayoutData, type ProposalForMail } from './data.ts';
import { formatDate } from './dates.ts';
import { LABELS } from './labels.ts';
import { wrapText } from './wrap.ts';
import { squash } from '../text/fold.ts';
import { closeBidi } from '../text/bidi.ts';
import { cleanName } from '../text/names.ts';

/**
 * `withdrawn`: the organizers took the proposal back (a speaker who said so by phone); `co-confirmed`, `co-withdrawn`: a
 * fellow speaker of the same proposal did (pretalx shows every speaker of a submission its state) — one line each.
 */
export type DecisionKind = 'accepted' | 'reminder' | 'declined' | 'waitlisted' | 'scheduled' | 'question' | 'withdrawn' | 'co-confirmed' | 'co-withdrawn';
export type UpdateKind = 'fyi' | 'confirmed' | 'withdrawn' | 'corrected' | 'answered' | 'message';

interface Base extends LayoutData {
  ref: string;
  title: string;
  replyAddress: string;
}

export interface DecisionData extends Base {
  kind: DecisionKind;
  isAccepted: boolean;
  isReminder: boolean;
  isDeclined: boolean;
  isWaitlisted: boolean;
  isScheduled: boolean;
  isQuestion: boolean;
  isWithdrawn: boolean;
  isCoConfirmed: boolean;
  isCoWithdrawn: boolean;
  /** co-confirmed, co-withdrawn: the fellow speaker who did it. */
  actor: string | null;
  greetingName: string | null;
  /** decline reason or question, as written by the organizer. */
  text: string | null;
  textHtml: string | null;
  textQuoted: string | null;
  /** scheduled: « jeudi 28 janvier 2027 à 19h00 », and the venue. */
  when: string | null;
  venue: string | null;
  confirmWord: string;
  withdrawWord: string;
  /** reminder: when the acceptance was sent. */
  acceptedOn: string | null;
}

export interface UpdateData extends Base {
  kind: UpdateKind;
  isFyi: boolean;
  isConfirmed: boolean;
  isWithdrawn: boolean;
  isCorrected: boolean;
  isAnswered: boolean;
  isMessage: boolean;
  /** Who did it: « Dimitri », « Jean Dupont <jean@…> ». */
  actor: string;
  /** fyi: what was decided, in words (« a accepté », « a programmé pour le … »). */
  decided: string | null;
  text: string | null;
  textHtml: string | null;
  textQuoted: string | null;
  changes: { field: string; value: string }[];
}

export type ResultStatus = 'done' | 'refused' | 'unknown' | 'ignored';
export interface ResultLine {
  line: string;
  note: string;
  isDone: boolean;
  isRefused: boolean;
  isUnknown: boolean;
  isIgnored: boolean;
}

export interface TranscriptData extends LayoutData {
  subjectRef: string;
  replyAddress: string;
  results: ResultLine[];
  hasResults: boolean;
  /** Nothing understood (or `help`): the verbs this sender may use. */
  showHelp: boolean;
  isOrganizer: boolean;
  expired: boolean;
  /** expired: the day the token was minted. */
  mintedOn: string | null;
}

export interface CommonInput {
  group: { name: string; timezone: string };
  locale: Language;
  replyAddress: string;
}

const WORDS = {
  fr: { confirm: 'confirmer', withdraw: 'retirer' },
  en: { confirm: 'confirm', withdraw: 'withdraw' },
} as const;

/**
 * A person as crieur's mails name them: a display name from mail cleaned as the proposals' speakers are
 * ("Raman, Priya" → "Priya Raman", "MARTIN Claire" → "Claire Martin"); what is no name (an address, `dim@host` of
 * the shell) is shown as it is.
 */
export function personName(raw: string): string {
  // set before crieur's words (« X a confirmé… », a preheader): the name's direction overrides end with it
  return closeBidi(cleanName(raw) ?? squash(raw));
}

/**
 * How a corrected field's value reads in the organizers' notice, by the field's label in the group's language (the
 * label the notice shows): a duration with its unit — « Durée : 20 » said nothing —, a format or a language in words.
 * A field not listed here (title, abstract) is shown as written. Keyed by label because that is what the use case
 * hands over (apply-commands' LABEL_OF, with the stored value as a string); tests/e2e/commands-speakers.test.ts
 * checks the two still meet.
 */
const CHANGE_VALUE: Record<Language, Record<string, (value: string) => string>> = {
  fr: {
    Durée: (v) => (/^\d+$/.test(v) ? LABELS.fr.minutes(Number(v)) : v),
    Format: (v) => wordOf(LABELS.fr.format, v),
    Langue: (v) => wordOf(LABELS.fr.language, v),
  },
  en: {
    Duration: (v) => (/^\d+$/.test(v) ? LABELS.en.minutes(Number(v)) : v),
    Format: (v) => wordOf(LABELS.en.format, v),
    Language: (v) => wordOf(LABELS.en.language, v),
  },
};

function wordOf(words: Readonly<Record<string, string>>, code: string): string {
  return Object.hasOwn(words, code) ? words[code]! : code;
}

export function changeValue(field: string, value: string, locale: Language): string {
  const shown = CHANGE_VALUE[locale];
  const v = squash(value);
  return Object.hasOwn(shown, field) ? shown[field]!(v) : v;
}

function titleOf(p: Pick<ProposalForMail, 'title'>, locale: Language): string {
  return p.title && p.title.trim() !== '' ? squash(p.title) : LABELS[locale].untitled;
}

function quoted(text: string | null): { text: string | null; textHtml: string | null; textQuoted: string | null } {
  const t = text && text.trim() !== '' ? text.trim() : null;
  return { text: t, textHtml: t ? textToHtml(t) : null, textQuoted: t ? wrapText(t, 70, '  > ').replace(/[ \t]+$/gm, '') : null };
}

export function decisionData(
  kind: DecisionKind,
  p: Pick<ProposalForMail, 'ref' | 'title'>,
  c: CommonInput & { greetingName: string | null; text?: string | null; event?: { date: Date; venue: string } | null; acceptedAt?: Date | null; actor?: string | null },
): DecisionData {
  const fr = c.locale === 'fr';
  const title = titleOf(p, c.locale);
  const actor = c.actor ? personName(c.actor) : fr ? 'Un autre orateur' : 'Another speaker';
  const preheader: Record<DecisionKind, string> = fr
    ? {
        accepted: `Action requise : confirmez votre intervention (${p.ref}).`,
        reminder: `Rappel — action requise : confirmez votre intervention (${p.ref}).`,
        declined: `Réponse des organisateurs à votre proposition ${p.ref}.`,
        waitlisted: `Votre proposition ${p.ref} est sur liste d’attente.`,
        scheduled: `Votre intervention ${p.ref} est programmée.`,
        question: `Une question des organisateurs sur ${p.ref}.`,
        withdrawn: `Les organisateurs ont retiré votre proposition ${p.ref}.`,
        'co-confirmed': `${actor} a confirmé votre intervention commune ${p.ref}.`,
        'co-withdrawn': `${actor} a retiré votre proposition commune ${p.ref}.`,
      }
    : {
        accepted: `Action required: confirm your talk (${p.ref}).`,
        reminder: `Reminder — action required: confirm your talk (${p.ref}).`,
        declined: `The organizers' answer to your proposal ${p.ref}.`,
        waitlisted: `Your proposal ${p.ref} is on the waiting list.`,
        scheduled: `Your talk ${p.ref} is scheduled.`,
        question: `A question from the organizers about ${p.ref}.`,
        withdrawn: `The organizers withdrew your proposal ${p.ref}.`,
        'co-confirmed': `${actor} confirmed your joint talk ${p.ref}.`,
        'co-withdrawn': `${actor} withdrew your joint proposal ${p.ref}.`,
      };
  return {
    ...layoutData(c.locale, c.group, {
      preheader: preheader[kind],
      footerNote: fr ? `Message des organisateurs au sujet de votre proposition.` : `From the organizers of ${c.group.name} about your proposal.`,
    }),
    ref: p.ref,
    title,
    replyAddress: c.replyAddress,
    kind,
    isAccepted: kind === 'accepted',
    isReminder: kind === 'reminder',
    isDeclined: kind === 'declined',
    isWaitlisted: kind === 'waitlisted',
    isScheduled: kind === 'scheduled',
    isQuestion: kind === 'question',
    isWithdrawn: kind === 'withdrawn',
    isCoConfirmed: kind === 'co-confirmed',
    isCoWithdrawn: kind === 'co-withdrawn',
    actor: kind === 'co-confirmed' || kind === 'co-withdrawn' ? actor : null,
    greetingName: c.greetingName ? personName(c.greetingName) : null,
    ...quoted(c.text ?? null),
    when: c.event ? formatDate(c.event.date, c.locale, c.group.timezone) : null,
    venue: c.event?.venue ? squash(c.event.venue) : null,
    confirmWord: WORDS[c.locale].confirm,
    withdrawWord: WORDS[c.locale].withdraw,
    acceptedOn: c.acceptedAt ? formatDate(c.acceptedAt, c.locale, c.group.timezone) : null,
  };
}

export function updateData(
  kind: UpdateKind,
  p: Pick<ProposalForMail, 'ref' | 'title'>,
  c: CommonInput & { actor: string; decided?: string | null; text?: string | null; changes?: { field: string; value: string }[] },
): UpdateData {
  const fr = c.locale === 'fr';
  const actor = personName(c.actor);
  return {
    ...layoutData(c.locale, c.group, {
      preheader: c.decided ? `${actor} ${c.decided} ${p.ref}` : `${p.ref} : ${actor}`,
      footerNote: fr ? `Message envoyé aux organisateurs du groupe.` : `Sent to the organizers of ${c.group.name}.`,
    }),
    ref: p.ref,
    title: titleOf(p, c.locale),
    replyAddress: c.replyAddress,
    kind,
    isFyi: kind === 'fyi',
    isConfirmed: kind === 'confirmed',
    isWithdrawn: kind === 'withdrawn',
    isCorrected: kind === 'corrected',
    isAnswered: kind === 'answered',
    isMessage: kind === 'message',
    actor,
    decided: c.decided ?? null,
    ...quoted(c.text ?? null),
    changes: (c.changes ?? []).map((ch) => ({ field: ch.field, value: changeValue(ch.field, ch.value, c.locale) })),
  };
}

export function resultLine(status: ResultStatus, line: string, note: string): ResultLine {
  return { line: squash(line).slice(0, 200), note, isDone: status === 'done', isRefused: status === 'refused', isUnknown: status === 'unknown', isIgnored: status === 'ignored' };
}

export function transcriptData(
  c: CommonInput & { subjectRef: string; results: ResultLine[]; showHelp: boolean; isOrganizer: boolean; expiredMintedOn?: Date | null },
): TranscriptData {
  const fr = c.locale === 'fr';
  return {
    ...layoutData(c.locale, c.group, {
      preheader: fr ? 'Ce que crieur a fait de votre message.' : 'What crieur did with your message.',
      footerNote: fr ? `Réponse automatique à vos commandes.` : `Automatic answer from ${c.group.name} to your commands.`,
    }),
    subjectRef: c.subjectRef,
    replyAddress: c.replyAddress,
    results: c.results,
    hasResults: c.results.length > 0,
    showHelp: c.showHelp,
    isOrganizer: c.isOrganizer,
    expired: !!c.expiredMintedOn,
    mintedOn: c.expiredMintedOn ? formatDate(c.expiredMintedOn, c.locale, c.group.timezone).replace(/ (à|at) .*$/, '') : null,
  };
}
