/**
 * The command grammar, as data: each verb, who it is for, the words (fr and en, folded: lower-case, no accents)
 * that say it, and the argument it takes. read-line.ts applies it; apply-commands decides who may use what.
 * A word claimed twice — by two verbs, or by a verb and `override` — fails at module load.
 */
import type { CommandRole, Verb } from './types.ts';

/** @deprecated the old name of `Verb`, kept for callers of the first grammar. */
export type CommandVerb = Verb;

/**
 * What may follow the verb on its line:
 * - `none`: nothing (a ref aside) — but a remark after a decision that `remarks` (« Accepter, très bon sujet »). "ok, I'll
 *   check the slides" is prose, not `ok` with a comment.
 * - `text`: an optional reason (`decline We already have a BRIN talk this season`).
 * - `text-required`: the text is the point (`note …`, `ask …`); alone, the command reports `text-missing`.
 * - `date`: a date or the next event (`schedule 28/01`, `programmer prochain meetup`).
 */
export type VerbArg = 'none' | 'text' | 'text-required' | 'date';

export interface VerbSpec {
  verb: Verb;
  /**
   * Whose verb it is. In a speaker's reply an organizer's verb is prose, relayed to the organizers ("OK", "Question :
   * y aura-t-il un projecteur ?" answer them, they command nothing); an organizer may use a speaker's verb (a
   * withdrawal or a confirmation given by phone) but for its `speakerWords`. `anyone`: both.
   */
  role: CommandRole | 'anyone';
  arg: VerbArg;
  /** Folded words and phrases; the longest one matching at the start of a line wins. */
  words: readonly string[];
  /**
   * Words that say the verb only from a speaker: an organizer writing "Annuler" under a transcript means "undo",
   * not "withdraw this talk" — from an organizer they are quoted back as not understood.
   */
  speakerWords?: readonly string[];
  /**
   * Words that act only alone: "ok merci" thanks for the news, "Accepté, merci !" accepts. Other words of a verb that
   * takes no argument may carry courtesy after them (read-line.ts COURTESY).
   */
  aloneWords?: readonly string[];
  /**
   * Folded words that may follow a verb taking nothing and say no more than it (« En attente pour l'instant », "Waitlist
   * for now": a waiting list is for now by nature). Other words after such a verb make the line prose.
   */
  qualifiers?: readonly string[];
  /**
   * A verb taking nothing whose line may still carry a remark for the other organizers after a separator (« Accepter,
   * très bon sujet pour les débutants. », "Waitlist — we already have two Patroni talks."): SPEC lets free text follow a
   * verb. read-line.ts takes it only when it decides nothing else (no hedge, question, condition, reservation, deferral
   * or other decision in it); the remark is the writer's comment, never the speaker's to read.
   */
  remarks?: true;
  /**
   * The verb is itself a wait (a waiting list): a remark saying when the talk will be looked at again (« on verra en
   * février », "let's see what else comes in") is what it decides, not the decision put off (read-line.ts remarkOnly).
   */
  waits?: true;
  /**
   * Single words of a date verb that schedule only with the date they lead to (« Reporter au 11 février »); without one the
   * line is prose, as for the verb's phrases (read-line.ts), not an unreadable date quoted back.
   */
  datedOnly?: readonly string[];
}

/** After a format: that one rather than the proposed one (« Lightning plutôt », "talk instead") says no more. */
// and over the other one named (audit Y: « talk plutôt que lightning », "lightning instead of a full talk" changed nothing);
// longest first, so that « plutôt qu'un lightning talk » is not read as « plutôt qu'un lightning » and a word left over
const FORMATS_NAMED = ['lightning', 'lightning talk', 'eclair', 'talk', 'full talk', 'regular talk', 'talk complet', 'conference'];
const FORMAT_QUALIFIERS: readonly string[] = [
  'plutot', 'de preference', 'instead', 'rather', 'preferably',
  ...['plutot que', "plutot qu'un", 'au lieu de', "au lieu d'un", 'instead of', 'instead of a', 'rather than', 'rather than a'].flatMap((w) => FORMATS_NAMED.map((f) => `${w} ${f}`)),
].sort((a, b) => b.length - a.length);

/**
 * After an acceptance, the format it is accepted in (folded, longest first): « Accepter en lightning talk », « Accepté, en
 * format éclair », "Accept as a lightning talk" (audit Z: decided nothing) accept and set the format (read-line.ts).
 */
const FORMAT_WORDS: Readonly<Record<'lightning' | 'talk', readonly string[]>> = {
  lightning: ['lightning', 'lightning talk', 'eclair', 'format eclair', 'format lightning', 'talk eclair'],
  talk: ['talk', 'talk complet', 'full talk', 'regular talk', 'conference', 'talk normal', 'format talk', 'format long'],
};
/**
 * The format switched to in the writer's words (audit AB: « Passer en lightning talk » was relayed as a comment, the format
 * left): « passer en lightning », "switch to a lightning talk", "make it a full talk".
 */
const SWITCHED_TO = ['passer en', 'passer au format', 'on passe en', 'on le passe en', 'on la passe en', 'switch to', 'switch to a', 'switch it to', 'switch it to a', 'change to', 'change to a', 'change it to', 'change it to a', 'make it a', 'convert to', 'convert to a'];
const switchedTo = (v: 'lightning' | 'talk'): string[] => SWITCHED_TO.flatMap((p) => FORMAT_WORDS[v].filter((w) => !w.startsWith('format ') || p.endsWith(' en')).map((w) => `${p} ${w}`));
export const ACCEPTED_AS: ReadonlyMap<string, 'lightning' | 'talk'> = new Map(
  (['lightning', 'talk'] as const)
    .flatMap((v) => ['en', 'au', 'comme', 'as a', 'as an', 'as', 'in', 'in the'].flatMap((p) => FORMAT_WORDS[v].map((w) => [`${p} ${w}`, v] as const)))
    .sort((a, b) => b[0].length - a[0].length),
);

/** What an organizer's decision is about, after its verb: « accepter cette proposition », "decline this talk", "accept this one". */
const DECIDED_OBJECTS: Readonly<Record<'fr' | 'en', readonly string[]>> = {
  fr: ['la proposition', 'cette proposition', 'ce talk', 'le talk', 'cette presentation', 'la presentation', 'ce sujet', 'cette intervention', 'celle-ci', 'celui-ci'],
  // "Accept it please.", "Decline it: off topic" (audit Y, non-native English): the pronoun, as a talk's object
  en: ['the proposal', 'this proposal', 'the talk', 'this talk', 'this one', 'this submission', 'the submission', 'it'],
};
function decided(verbs: { fr: readonly string[]; en: readonly string[] }): string[] {
  return [...verbs.fr.flatMap((v) => DECIDED_OBJECTS.fr.map((o) => `${v} ${o}`)), ...verbs.en.flatMap((v) => DECIDED_OBJECTS.en.map((o) => `${v} ${o}`))];
}

/**
 * A speaker taking himself out of the evening, said with what he leaves (audit AB: "Unfortunately I need to drop out of the
 * meetup, sorry." was relayed, the talk left in): "pull out of the meetup", « me retirer du programme ».
 */
const OUT_OF: readonly string[] = [
  ...['pull out', 'drop out'].flatMap((v) => ['meetup', 'event', 'evening', 'programme', 'program', 'lineup', 'line-up', 'schedule'].map((o) => `${v} of the ${o}`)),
  ...['me retirer', 'me desister'].flatMap((v) => ['du programme', 'du meetup', 'de la soiree', "de l'evenement"].map((o) => `${v} ${o}`)),
];

/** A talk moved to another date, in the writer's words (folded): schedule words that need the date they lead to. */
const MOVED: readonly string[] = [
  'reprogrammer', 'reporter', 'decaler', 'deplacer', 'on le reporte', 'on la reporte', 'on le decale', 'on la decale', 'on le deplace', 'on la deplace', 'on le reprogramme', 'on la reprogramme',
  'reschedule', 'reschedule it', "let's reschedule it", 'move it to', "let's move it to", 'push it to',
];

export const GRAMMAR: readonly VerbSpec[] = [
  // « J'accepte », « Validé », « Je valide », "Approved": how organizers answer a notice in their own words
  {
    verb: 'accept',
    role: 'organizer',
    arg: 'none',
    // « On accepte », "We accept": the organizers' decision said in the first person plural
    words: ['accept', 'accepted', 'accepter', 'accepte', 'acceptee', "j'accepte", 'on accepte', 'nous acceptons', 'we accept', 'i accept', 'valide', 'validee', 'je valide', 'on valide', 'nous validons', 'approve', 'approved', 'we approve', 'i approve', 'ok', 'okay',
      // the verb and what it decides (audit X: « Accepter la proposition », "Accept this talk" were relayed as comments)
      // and in the first person, as the writer's decision (« On valide cette proposition », "We accept this talk")
      ...decided({ fr: ['accepter', 'valider', "j'accepte", 'on accepte', 'nous acceptons', 'je valide', 'on valide', 'nous validons'], en: ['accept', 'approve', 'i accept', 'we accept', 'i approve', 'we approve'] }),
      // the talk taken or kept, by the organizers (audit Z: « Ok pour moi, on la prend ! » relayed, nothing decided) — not
      // « je le prends », which is as often "I'll take care of it"
      'on la prend', 'on le prend', 'on la garde', 'on le garde', "we'll take it", "let's take it", 'we will take it',
      // bare, or the talk kept from the lot (audit AD: « On prend. » relayed, nothing decided); a word after them reads on as
      // a sentence (« On prend le temps d'en parler », « On retient la date du 28 ? »: prose)
      'on prend', 'nous prenons', 'on la retient', 'on le retient'],
    aloneWords: ['ok', 'okay'],
    remarks: true,
  },
  {
    verb: 'decline',
    role: 'organizer',
    arg: 'text',
    // « Refus : hors sujet »: the noun, as a form's answer
    // « Décliner » (an offer is declined in French too)
    words: ['decline', 'declined', 'refus', 'refuse', 'refused', 'refuser', 'refusee', 'je refuse', 'on refuse', 'nous refusons', 'we decline', 'i decline', 'we reject', 'reject', 'rejected', 'rejeter', 'rejete', 'rejetee', 'decliner',
      ...decided({ fr: ['refuser', 'rejeter', 'decliner', 'je refuse', 'on refuse', 'nous refusons'], en: ['decline', 'reject', 'i decline', 'we decline', 'we reject'] })],
  },
  {
    verb: 'waitlist',
    role: 'organizer',
    arg: 'none',
    words: ['waitlist', 'wait-list', 'waitlisted', 'waiting list', 'attente', 'en attente', "liste d'attente", "en liste d'attente", "sur liste d'attente", 'mettre en attente', "mettre sur liste d'attente", "mettre en liste d'attente", 'put on the waiting list', 'put on the waitlist', 'put on waitlist',
      // what is put there (audit Y: "Please put it on waiting list." relayed, nothing decided)
      'put on waiting list', 'put it on the waiting list', 'put it on waiting list', 'put it on the waitlist', 'put it on waitlist', 'waitlist it',
      // « On le met en attente » (audit Z: not « on le met » + a date)
      // the noun or the participle, as a form's answer (audit AA: « mise en liste d'attente svp » relayed, nothing decided)
      'mise en attente', "mise en liste d'attente", "mise sur liste d'attente", 'mis en attente', "mis en liste d'attente", "mis sur liste d'attente",
      'on le met en attente', 'on la met en attente', "on le met sur liste d'attente", "on la met sur liste d'attente", "on le met en liste d'attente", "on la met en liste d'attente", 'waitlist this one', 'waitlist this talk', 'waitlist this proposal', 'waitlist the proposal'],
    qualifiers: ["pour l'instant", 'pour le moment', "pour l'heure", 'en attendant', 'for now', 'for the moment', 'for the time being', 'in the meantime'],
    remarks: true,
    waits: true,
  },
  {
    verb: 'schedule',
    role: 'organizer',
    arg: 'date',
    words: ['schedule', 'scheduled', 'programmer', 'planifier',
      // the talk put on an evening in the writer's words (audit Z: « On le met au prochain meetup. » relayed); a date these
      // do not lead to is prose, not an unreadable date (read-line.ts: « On le met de côté », "Put it on hold")
      'on le met', 'on la met', 'on le programme', 'on la programme', 'je le programme', 'je la programme', 'schedule it', "let's schedule it", 'put it on', "let's put it on",
      // a talk moved to another evening (audit AF: « Reporter au meetup de février », "Reschedule for the February meetup please"
      // were relayed, the talk left on the 28 January): these too lead to a date or are prose (« Reporter ? », "move it to Lucie's list")
      ...MOVED],
    datedOnly: MOVED.filter((w) => !w.includes(' ')),
  },
  // « Lightning plutôt, 45 min c'est long pour ce sujet »: the format chosen instead, and why, for the other organizers
  { verb: 'talk', role: 'organizer', arg: 'none', words: ['talk', 'format talk', 'regular talk', ...switchedTo('talk')], qualifiers: FORMAT_QUALIFIERS, remarks: true },
  { verb: 'lightning', role: 'organizer', arg: 'none', words: ['lightning', 'lightning talk', 'eclair', 'format eclair', 'format lightning', ...switchedTo('lightning')], qualifiers: FORMAT_QUALIFIERS, remarks: true },
  { verb: 'note', role: 'organizer', arg: 'text-required', words: ['note', 'nota', 'note interne', 'internal note'] },
  { verb: 'ask', role: 'organizer', arg: 'text-required', words: ['ask', 'question', 'demander'] },
  { verb: 'status', role: 'organizer', arg: 'none', words: ['status', 'statut', 'etat'] },
  { verb: 'help', role: 'anyone', arg: 'none', words: ['help', 'aide'] },
  { verb: 'release', role: 'organizer', arg: 'none', words: ['release', 'liberer', 'publier'] },
  { verb: 'confirm', role: 'speaker', arg: 'none', words: ['confirm', 'confirmed', 'confirmer', 'confirme', 'confirmee', 'je confirme', 'i confirm', 'je confirme ma venue', 'je confirme ma presence', 'je confirme ma participation', 'i confirm my talk', 'i confirm my participation', 'je confirme notre venue', 'je confirme notre presence', 'je confirme notre participation', 'je confirme pour nous deux', 'nous confirmons', 'nous confirmons notre venue', 'nous confirmons notre participation', "c'est confirme", "c'est confirme de mon cote", 'confirming', 'confirming my talk', 'confirming my participation', 'happy to confirm', 'glad to confirm',
    // the infinitive and its object, after a wish or a request (read-line.ts WISH): « je souhaite confirmer ma participation »
    'confirmer ma venue', 'confirmer ma presence', 'confirmer ma participation', 'confirmer mon intervention', 'confirm my talk', 'confirm my participation', 'confirm my attendance',
    // the noun of « ma venue » / « ma présence » in a French speaker's English (audit Y: "I confirm my coming." relayed unconfirmed)
    'i confirm my coming', 'i confirm my presence', 'i confirm my attendance', 'confirm my coming', 'confirm my presence'] },
  // No reason after withdraw: "Annuler la réunion de demain" must not withdraw a proposal.
  {
    verb: 'withdraw',
    role: 'speaker',
    arg: 'none',
    words: ['withdraw', 'withdrawn', 'retirer', 'retire', 'annuler', 'cancel', 'je retire', 'je me retire', 'je retire ma proposition', 'je retire ma candidature', 'i withdraw my proposal', 'i withdraw my talk', 'je dois annuler', 'je vais devoir annuler', 'je dois annuler ma venue', 'je dois annuler ma participation', 'je dois annuler mon talk', 'je dois annuler ma presentation', 'je dois me desister', 'je me desiste', 'i have to cancel', 'i need to cancel', 'i have to withdraw', 'i need to withdraw', 'i have to cancel my talk', 'i must withdraw',
      // the infinitive and its object, alone or after a wish or a request (read-line.ts WISH): "Please withdraw my proposal"
      'retirer ma proposition', 'retirer ma candidature', 'retirer mon talk', 'retirer ma presentation', 'retirer mon intervention', 'retirer notre proposition',
      'withdraw my proposal', 'withdraw my talk', 'withdraw my submission', 'withdraw our proposal', 'withdraw our talk',
      'annuler ma participation', 'annuler mon intervention', 'annuler ma presentation', 'annuler mon talk', 'cancel my talk', 'cancel my participation',
      // « Je suis obligé d'annuler ma venue » (audit AE2 22: relayed, the talk left in), as « je dois annuler ma venue »
      'annuler ma venue',
      // after a wish or an obligation (read-line.ts WISH), the speaker taking himself out (audit Z: "I'm afraid I have to pull
      // out, my company won't let me travel that week." relayed, the talk left in): « je dois me retirer », "I need to drop out"
      'me retirer', 'pull out', 'drop out', 'me desister', ...OUT_OF],
    speakerWords: ['me retirer', 'pull out', 'drop out', 'me desister', ...OUT_OF, 'annuler', 'cancel', 'annuler ma participation', 'annuler ma venue', 'annuler mon intervention', 'annuler ma presentation', 'annuler mon talk', 'cancel my talk', 'cancel my participation'],
  },
];

/** Before a verb: overrule an earlier decision (`override accept`, `forcer accepter`). */
export const OVERRIDE_WORDS: readonly string[] = ['override', 'forcer', 'force'];

/** A schedule argument that names the next event on the calendar rather than a date. */
export const NEXT_EVENT_PHRASES: readonly string[] = [
  'next meetup', 'next event', 'next session', 'next meeting', 'the next meetup', 'the next event', 'the next session',
  'prochain meetup', 'prochaine session', 'prochaine rencontre', 'prochain evenement', 'prochaine soiree', 'prochaine date',
  'le prochain meetup', 'la prochaine session', 'la prochaine rencontre', 'au prochain meetup', 'a la prochaine session',
  'a la prochaine rencontre', 'pour le prochain meetup', 'pour la prochaine session',
];

export type WordTarget = { kind: 'verb'; spec: VerbSpec } | { kind: 'override' };

/**
 * What a verb's word is in a reply from `role` (unknown when the reader is not told whose reply it is: both
 * readings are then open, and apply-commands decides): the verb, prose, or an attempt quoted back as not understood.
 */
export function heardAs(spec: VerbSpec, word: string, role: CommandRole | undefined): 'verb' | 'prose' | 'unknown' {
  if (role === 'speaker' && spec.role === 'organizer') return 'prose';
  if (role === 'organizer' && spec.speakerWords?.includes(word)) return 'unknown';
  return 'verb';
}

export function indexWords(grammar: readonly VerbSpec[], override: readonly string[]): ReadonlyMap<string, WordTarget> {
  const byWord = new Map<string, WordTarget>();
  const claim = (word: string, target: WordTarget, name: string): void => {
    const key = word.toLowerCase();
    const prior = byWord.get(key);
    if (prior) throw new Error(`command grammar: "${word}" is claimed by both ${prior.kind === 'verb' ? prior.spec.verb : 'override'} and ${name}`);
    byWord.set(key, target);
  };
  for (const spec of grammar) {
    for (const w of [...(spec.speakerWords ?? []), ...(spec.aloneWords ?? [])]) {
      if (!spec.words.includes(w)) throw new Error(`command grammar: "${w}" of ${spec.verb}'s speakerWords or aloneWords is not one of its words`);
    }
    for (const w of spec.datedOnly ?? []) {
      if (!spec.words.includes(w)) throw new Error(`command grammar: "${w}" of ${spec.verb}'s datedOnly is not one of its words`);
    }
    for (const w of spec.words) claim(w, { kind: 'verb', spec }, spec.verb);
  }
  for (const w of override) claim(w, { kind: 'override' }, 'override');
  return byWord;
}

/** Every word and phrase of the grammar (folded), to what it says. */
export const WORDS = indexWords(GRAMMAR, OVERRIDE_WORDS);

/** Verb words only, as the first grammar exposed them. */
export const VERB_BY_WORD: ReadonlyMap<string, VerbSpec> = new Map(
  [...WORDS].flatMap(([w, t]) => (t.kind === 'verb' ? [[w, t.spec] as const] : [])),
);

export const SPEC_OF: ReadonlyMap<Verb, VerbSpec> = new Map(GRAMMAR.map((s) => [s.verb, s]));

/** Longest phrase first, so "liste d'attente" is tried before "attente" would leave "liste d'" behind. */
export const PHRASES_LONGEST_FIRST: readonly string[] = [...WORDS.keys()].sort((a, b) => b.length - a.length);

/** The grammar's single words, for spotting a misspelt attempt (`acept P-0003`). */
export const SINGLE_WORDS: readonly string[] = [...WORDS.keys()].filter((w) => !/\s/.test(w));
