/**
 * The short sentences a transcript line and an FYI are made of, per locale: what was done, why a command was
 * refused (with the current state, who set it and when), what "decided" reads like. Templates hold the mails'
 * wording; these are the computed fragments they show.
 */
import type { ProgrammeProblem } from '../programme.ts';
import type { ProposalStatus } from '../../app/proposal-store.ts';
import type { Language } from '../../types.ts';
import type { CommandProblem, DateChoice } from '../command/types.ts';
import { formatDate } from '../render/dates.ts';
import { verbWord } from '../render/verbs.ts';

export type DecidedVerb = 'accept' | 'decline' | 'waitlist' | 'schedule' | 'withdraw' | 'confirm';

const STATUS: Record<Language, Record<ProposalStatus, string>> = {
  fr: {
    received: 'reçue',
    accepted: 'acceptée',
    waitlisted: 'en liste d’attente',
    declined: 'refusée',
    confirmed: 'confirmée',
    scheduled: 'programmée',
    presented: 'présentée',
    withdrawn: 'retirée',
  },
  en: {
    received: 'received',
    accepted: 'accepted',
    waitlisted: 'waitlisted',
    declined: 'declined',
    confirmed: 'confirmed',
    scheduled: 'scheduled',
    presented: 'presented',
    withdrawn: 'withdrawn',
  },
};

export function statusWord(s: ProposalStatus, locale: Language): string {
  return STATUS[locale][s];
}

/** « a accepté » / "accepted", for « Dimitri a accepté P-0007 ». */
export function decidedWords(verb: DecidedVerb, locale: Language, when?: string | null): string {
  const fr: Record<DecidedVerb, string> = {
    accept: 'a accepté',
    decline: 'a refusé',
    waitlist: 'a mis en liste d’attente',
    schedule: when ? `a programmé pour le ${when}` : 'a programmé',
    withdraw: 'a retiré',
    confirm: 'a confirmé',
  };
  const en: Record<DecidedVerb, string> = {
    accept: 'accepted',
    decline: 'declined',
    waitlist: 'waitlisted',
    schedule: when ? `scheduled for ${when}` : 'scheduled',
    withdraw: 'withdrew',
    confirm: 'confirmed',
  };
  return (locale === 'fr' ? fr : en)[verb];
}

/** « P-0007 est déjà acceptée (par dim@example.org, lundi 30 novembre 2026 à 11h00) ». */
export function stateNote(
  ref: string,
  current: { status: ProposalStatus; actor: string | null; at: Date | null },
  locale: Language,
  timeZone: string,
): string {
  const by = current.actor && current.at ? ` (${locale === 'fr' ? 'par' : 'by'} ${current.actor}, ${formatDate(current.at, locale, timeZone)})` : '';
  return locale === 'fr' ? `${ref} est ${statusWord(current.status, locale)}${by}` : `${ref} is ${statusWord(current.status, locale)}${by}`;
}

export type Note =
  | { k: 'done'; ref: string; status: ProposalStatus }
  | { k: 'already-done'; ref: string; status: ProposalStatus }
  /** hint: what the writer may do about it — an organizer's override, a speaker's wait for the acceptance; none said when neither helps. */
  /**
   * shell: the command that overrules from where the writer is, named whole instead of the mail's « override VERB » — a
   * shell's `crieur events schedule` knows no mail verb (decide-by-operator.ts overrideCommand).
   */
  | { k: 'invalid'; state: string; verb: string; hint?: 'override' | 'once-accepted'; shell?: string }
  | { k: 'speaker-verb'; verb: string }
  | { k: 'other-proposal'; ref: string; own: string }
  | { k: 'no-proposal'; ref: string }
  /** word: the verb as the writer wrote it (render/verbs.ts writtenVerb), named back where the problem is what follows it (text-missing). */
  /** readings: an ambiguous date's possible meanings (dates.ts), each said back as the line that names it alone. */
  | { k: 'problem'; problem: CommandProblem; date: string | null; word?: string; readings?: readonly DateChoice[]; override?: boolean }
  | { k: 'no-event' }
  | { k: 'unknown-event'; id: number }
  | { k: 'several-events'; day: string; ids: number[] }
  | { k: 'no-event-in'; month: string }
  | { k: 'several-events-in'; month: string; ids: number[] }
  | { k: 'scheduled'; ref: string; when: string; over?: ProgrammeProblem[] }
  | { k: 'format'; ref: string; format: string }
  | { k: 'noted'; ref: string }
  | { k: 'asked'; ref: string; n: number }
  | { k: 'status'; state: string }
  | { k: 'help' }
  | { k: 'released'; n: number }
  | { k: 'corrected'; ref: string; fields: string[] }
  | { k: 'unchanged'; ref: string; fields: string[] }
  /** A correction of a withdrawn, declined or presented proposal. */
  | { k: 'closed'; state: string }
  | { k: 'unknown' }
  /** A speaker's labelled correction that gives nothing usable (« Titre : » empty, « Durée : 600 »): nothing changed. */
  | { k: 'unread-correction'; field: 'title' | 'duration' }
  | { k: 'relayed' }
  | { k: 'relayed-organizers'; n: number; reasonHint: boolean; undecided?: boolean }
  | { k: 'confirmed-scheduled'; ref: string };

/**
 * « « programmer 2026-12-03 » ou « programmer 2026-12-10 » », "schedule 2026-12-12" or "schedule event 12": each reading
 * of an ambiguous date as the line that means it alone — an ISO day (the meetup of that day, if there is one), or the
 * event by its number as `crieur events list` gives it (dates.ts EVENT_ID reads both).
 */
function choiceText(readings: readonly DateChoice[], word: string, locale: Language): string {
  const fr = locale === 'fr';
  const verb = word.toLowerCase();
  const lines = readings.map((r) => {
    const line = 'eventId' in r ? `${verb} ${fr ? 'événement' : 'event'} ${r.eventId}` : `${verb} ${r.day}${r.time ? ` ${r.time}` : ''}`;
    return fr ? `« ${line} »` : `"${line}"`;
  });
  return lines.join(fr ? ' ou ' : ' or ');
}

export function noteText(n: Note, locale: Language): string {
  const fr = locale === 'fr';
  switch (n.k) {
    case 'done':
      return fr ? `${n.ref} est maintenant ${statusWord(n.status, locale)}.` : `${n.ref} is now ${statusWord(n.status, locale)}.`;
    case 'already-done':
      return fr ? `${n.ref} était déjà ${statusWord(n.status, locale)}.` : `${n.ref} was already ${statusWord(n.status, locale)}.`;
    // A note carries the verb's name (`decline`); the reader is shown the word of their language, one they can type back.
    case 'invalid': {
      const w = verbWord(n.verb, locale);
      if (n.hint === 'once-accepted') {
        return fr ? `${n.state} : vous pourrez confirmer une fois la proposition acceptée par les organisateurs.` : `${n.state}: you can confirm once the organizers have accepted the proposal.`;
      }
      const how = n.shell ?? `override ${w}`;
      const hint = n.hint === 'override' ? (fr ? ` (« ${how} » pour revenir sur la décision)` : ` ("${how}" overrules the decision)`) : '';
      return fr ? `${n.state} : « ${w} » n’est pas possible dans cet état${hint}.` : `${n.state}: "${w}" is not possible in this state${hint}.`;
    }
    case 'speaker-verb':
      return fr ? `« ${verbWord(n.verb, locale)} » est réservé aux organisateurs.` : `"${verbWord(n.verb, locale)}" is for organizers only.`;
    case 'other-proposal':
      return fr ? `vous ne pouvez agir que sur votre proposition ${n.own}, pas sur ${n.ref}.` : `you may act on your proposal ${n.own} only, not on ${n.ref}.`;
    case 'no-proposal':
      return fr ? `aucune proposition ${n.ref}.` : `no proposal ${n.ref}.`;
    case 'problem': {
      const d = n.date ? (fr ? ` (compris : ${n.date})` : ` (understood: ${n.date})`) : '';
      const why: Record<CommandProblem, [string, string]> = {
        'date-missing': ['il manque la date (ex. « programmer 28/01 »)', 'the date is missing (e.g. "schedule 2027-01-28")'],
        'date-unreadable': ['date illisible (ex. « programmer 28 janvier »)', 'unreadable date (e.g. "schedule January 28")'],
        'date-past': ['cette date est passée', 'that date is in the past'],
        'date-ambiguous': ['date ambiguë : écrivez-la AAAA-MM-JJ', 'ambiguous date: write it YYYY-MM-DD'],
        'text-missing': n.word
          ? [`il manque le texte après « ${n.word} » : écrivez-le à la suite du mot`, `the text after "${n.word}" is missing: write it after the word`]
          : ['il manque le texte après le verbe', 'the text after the verb is missing'],
      };
      const choices = n.problem === 'date-ambiguous' && n.readings?.length ? choiceText(n.readings, `${n.override ? 'override ' : ''}${n.word ?? verbWord('schedule', locale)}`, locale) : null;
      if (choices) return fr ? `date ambiguë : écrivez ${choices}${d}.` : `ambiguous date: write ${choices}${d}.`;
      return `${why[n.problem][fr ? 0 : 1]}${d}.`;
    }
    case 'no-event':
      return fr ? 'aucune rencontre à venir : donnez une date.' : 'no upcoming meetup: give a date.';
    case 'unknown-event':
      return fr ? `pas de rencontre n° ${n.id} (crieur events list) : donnez son numéro ou une date.` : `no event ${n.id} (crieur events list): give its number or a date.`;
    case 'no-event-in':
      return fr ? `aucune rencontre en ${n.month} : donnez une date.` : `no meetup in ${n.month}: give a date.`;
    case 'several-events-in':
      return fr
        ? `${n.ids.length} rencontres en ${n.month} (${n.ids.join(', ')}) : nommez-en une, « programmer événement ${n.ids[0]} ».`
        : `${n.ids.length} events in ${n.month} (${n.ids.join(', ')}): name one, "schedule event ${n.ids[0]}".`;
    case 'several-events':
      return fr
        ? `${n.ids.length} rencontres le ${n.day} (${n.ids.join(', ')}) : nommez-en une, « programmer événement ${n.ids[0]} ».`
        : `${n.ids.length} events on ${n.day} (${n.ids.join(', ')}): name one, "schedule event ${n.ids[0]}".`;
    case 'scheduled': {
      // Scheduling by mail onto a full meetup is allowed (the organizers may mean it), and said at once
      const over = (n.over ?? []).map((w) =>
        w.k === 'talks' ? (fr ? `la rencontre a maintenant ${w.n} présentations principales (un programme en a une)` : `that meetup now has ${w.n} main talks (a programme has one)`)
        : w.k === 'lightning' ? (fr ? `la rencontre a maintenant ${w.n} présentations éclair (${w.max} au plus)` : `that meetup now has ${w.n} lightning talks (at most ${w.max})`)
        : '',
      ).filter((w) => w !== '');
      const said = fr ? `${n.ref} est programmée le ${n.when}.` : `${n.ref} is scheduled for ${n.when}.`;
      return over.length > 0 ? `${said} ${fr ? 'Attention : ' : 'Note: '}${over.join(' ; ')}.` : said;
    }
    case 'format':
      return fr ? `${n.ref} est maintenant au format ${n.format}.` : `${n.ref} is now a ${n.format}.`;
    case 'noted':
      return fr ? `note ajoutée à ${n.ref}.` : `note added to ${n.ref}.`;
    case 'asked':
      return fr ? `question transmise (${n.n} destinataire${n.n > 1 ? 's' : ''}).` : `question relayed (${n.n} recipient${n.n === 1 ? '' : 's'}).`;
    case 'status':
      return n.state;
    case 'help':
      return fr ? 'la liste des commandes est ci-dessous.' : 'the commands are listed below.';
    case 'released':
      return fr ? `${n.n} courriel${n.n > 1 ? 's' : ''} retenu${n.n > 1 ? 's' : ''} envoyé${n.n > 1 ? 's' : ''}.` : `${n.n} held mail${n.n === 1 ? '' : 's'} sent.`;
    case 'corrected':
      return fr ? `${n.ref} corrigée (${n.fields.join(', ')}) ; les organisateurs sont prévenus.` : `${n.ref} corrected (${n.fields.join(', ')}); the organizers are told.`;
    case 'unchanged':
      return fr ? `${n.ref} le dit déjà (${n.fields.join(', ')}) : rien n’est changé.` : `${n.ref} already says so (${n.fields.join(', ')}): nothing changed.`;
    case 'closed':
      return fr ? `${n.state} : elle ne peut plus être corrigée.` : `${n.state}: it can no longer be corrected.`;
    case 'unknown':
      return fr ? 'commande inconnue (« help » pour la liste).' : 'unknown command ("help" lists them).';
    case 'unread-correction':
      return n.field === 'title'
        ? fr ? 'titre vide : rien n’est changé. Écrivez le nouveau titre après « Titre : ».' : 'empty title: nothing changed. Write the new title after "Title:".'
        : fr ? 'durée non comprise : rien n’est changé. Donnez-la en minutes, de 1 à 240 (« Durée : 20 min »).' : 'duration not understood: nothing changed. Give it in minutes, 1 to 240 ("Duration: 20 min").';
    case 'relayed':
      return fr ? 'votre message est transmis aux organisateurs.' : 'your message is passed on to the organizers.';
    case 'relayed-organizers': {
      // The speaker never reads it: a reason meant for them goes on the verb's line, which the FYI and the speaker's mail carry.
      const to = fr
        ? n.n > 0 ? `votre commentaire est transmis aux autres organisateurs (${n.n}), pas à l’orateur ; il est noté dans l’historique.` : 'votre commentaire est noté dans l’historique (l’orateur ne le reçoit pas).'
        : n.n > 0 ? `your comment is passed on to the other organizers (${n.n}), not to the speaker, and kept in the history.` : 'your comment is kept in the history (the speaker does not get it).';
      const hint = fr
        ? ' Pour donner une raison à l’orateur, écrivez-la sur la ligne (« refuser raison ») ou juste sous « refuser : ».'
        : ' To give the speaker a reason, write it on the line ("decline reason") or right under "decline:".';
      // « Accepter et programmer le 17 décembre », « Accepter, mais seulement si… »: it opens with a decision and decided
      // nothing — said first, for a writer who would otherwise read the line under [fait] as done
      const undecided = fr
        ? 'rien n’a été décidé : la ligne ne se lit pas comme une commande (une par ligne, sans condition ni suite) ; '
        : 'nothing was decided: the line does not read as a command (one per line, with no condition or follow-up); ';
      return `${n.undecided ? undecided : ''}${n.reasonHint ? `${to}${hint}` : to}`;
    }
    case 'confirmed-scheduled':
      return fr ? `confirmation enregistrée ; ${n.ref} reste programmée, les organisateurs sont prévenus.` : `confirmation recorded; ${n.ref} stays scheduled, the organizers are told.`;
  }
}
