/**
 * The command reader's contract: what a reply to crieur's mail asks for, read from its new text (no IO, no clock
 * but the one passed in). The grammar table (grammar.ts) says which words name which verb and what argument each
 * takes; `readCommands` (read.ts) applies it to the lines at the top of a reply. The use case that acts on the
 * result (src/app/apply-commands.ts) checks who may do what (tokens, roles, the transition table) — the reader
 * only says what was written.
 */
import type { Language, TalkFormat } from '../../types.ts';

/** Who a verb is for: organizers decide, speakers answer for their own proposal. */
export type CommandRole = 'organizer' | 'speaker';

export type OrganizerVerb =
  | 'accept'
  | 'decline'
  | 'waitlist'
  | 'schedule'
  | 'talk'
  | 'lightning'
  | 'note'
  | 'ask'
  | 'status'
  | 'help'
  | 'release';
export type SpeakerVerb = 'confirm' | 'withdraw';
export type Verb = OrganizerVerb | SpeakerVerb;

/** A date as the writer meant it, resolved in the group's time zone. */
export interface CommandDate {
  /** The local calendar day, `YYYY-MM-DD`. */
  day: string;
  /** Local time `HH:MM` when the writer gave one ("à 19h"), else null (the event default applies). */
  time: string | null;
  /** What was written, for the transcript ("28 janvier"). */
  text: string;
  /**
   * date-ambiguous: each thing the writer may have meant, for the refusal to say how to write it so it has one reading
   * (« programmer 2026-12-03 » or « programmer 2026-12-10 »; « programmer événement 12 » for a bare 12). None when
   * the reader cannot tell what they are (a weekday that is not the date's).
   */
  readings?: readonly DateChoice[];
}

/** One reading of an ambiguous date: a day (and the time written), or the event of that number. */
export type DateChoice = { day: string; time: string | null } | { eventId: number };

/** Why a line that looked like a command could not be acted on as written. */
export type CommandProblem =
  | 'date-missing' // schedule without a date
  | 'date-unreadable' // schedule with words that are not a date
  | 'date-past' // the date understood is before today (echoed in `date`)
  | 'date-ambiguous' // e.g. "03/04" where the locale cannot tell (echoed)
  | 'text-missing'; // note / ask / question without text

export interface Command {
  verb: Verb;
  /** The proposal the line names (`accept P-0007`, `P-7: refuser`), normalised to P-0007; null: the token's. */
  ref: string | null;
  /** `override accept …`: overrules an earlier decision. */
  override: boolean;
  /** Free text after the verb: a decline reason, a note, a question. Trimmed; null when none. */
  text: string | null;
  /** schedule: the date understood, or null with `problem` set; `next meetup` sets `nextEvent` instead. */
  date: CommandDate | null;
  /** schedule: `next meetup` / `prochain meetup` / `prochaine session`: the next event on the calendar. */
  nextEvent: boolean;
  /** schedule: `event 2`, « l'événement 2 »: the event of that id (SPEC: `schedule DATE|EVENT`). */
  eventId: number | null;
  /** schedule: « la soirée de février », "the February meetup": the one event of that month (`YYYY-MM`). */
  eventMonth?: string;
  /** Set when the line is recognisably this verb but cannot be acted on as written. */
  problem: CommandProblem | null;
  /** The verb as the writer wrote it (« Note », "question"): a refusal names it back, in the writer's own word. */
  word?: string;
  /**
   * The line as written (control characters already removed), to quote back in the transcript. Several commands
   * on one line (`accept, schedule 28/01`) each carry their own piece; one line naming several refs
   * (`accept P-0003, P-0004`) gives one command per ref, each with the whole line.
   */
  line: string;
  /**
   * « OK, refuser P-0004 »: an « OK, » before a decision that names a proposal — the writer agreeing when that
   * proposal is the token's, else an acceptance of the token's (read-line.ts withoutAssentTo decides, knowing it).
   */
  assent?: true;
}

/** A speaker's labelled correction (`Titre : …`, `Durée : 20 min`, `Résumé : …`), read by the proposal extractor. */
export interface Correction {
  title?: string;
  abstract?: string;
  durationMinutes?: number;
  format?: TalkFormat;
  language?: Language;
}

export interface ReadOptions {
  /**
   * Whose reply it is, when known (the authenticated token's role): a speaker's organizer verbs are then prose, an
   * organizer's speaker-only words not understood (grammar.ts heardAs). Left out, both are read as verbs and the use
   * case filters (apply-commands refuses what the role may not do).
   */
  role?: CommandRole | undefined;
  timeZone: string;
  /** Locale of the group, for numeric dates (fr: 03/04 is 3 April). */
  locale: Language;
  /** The instant "today" and "jeudi" are resolved against. */
  now: Date;
}

export interface ReadResult {
  /** Command lines from the top, in order, up to the first line that is not a command. */
  commands: Command[];
  /**
   * A speaker's corrections: labelled lines in the new text, or what an unlabelled corrected proposal states
   * (resubmission.ts; read as a speaker's only); {} when none.
   */
  corrections: Correction;
  /**
   * The new text that is not a command: the first non-command line and what follows it, with quotes,
   * attribution lines, signatures and anything after a closing word removed. A speaker's message or answer.
   */
  comment: string;
  /** Lines that look like an attempt at a command but were not understood (quoted back in the transcript). */
  unknown: string[];
  /**
   * Labelled corrections that give nothing usable (« Titre : » empty, « Durée : 600 »; corrections.ts): nothing changed,
   * said in a speaker's transcript. Absent when none.
   */
  unread?: { field: 'title' | 'duration'; line: string }[];
  /**
   * The new text says nothing but courtesy (« Merci ! », "Thank you 👍", « Merci beaucoup, bonne journée », the writer's
   * name and signature under it; courtesy.ts): no command, no correction, comment ''. Nothing to answer or relay.
   */
  courtesy?: boolean;
}
