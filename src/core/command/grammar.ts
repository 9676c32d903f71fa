/**
 * The organizers' command grammar, as data: each verb, the words (fr and en) that say it, and the argument it
 * takes. A later issue extends the table; a word claimed by two verbs fails at module load.
 */

export type CommandVerb = 'accept' | 'decline' | 'waitlist' | 'confirm' | 'withdraw' | 'schedule';

export interface VerbSpec {
  verb: CommandVerb;
  words: readonly string[];
  /** `date`: the verb must be followed by YYYY-MM-DD, reported as `schedule 2025-06-12`. */
  arg?: 'date';
}

export const GRAMMAR: readonly VerbSpec[] = [
  { verb: 'accept', words: ['accept', 'accepter', 'ok'] },
  { verb: 'decline', words: ['decline', 'refuse', 'refuser', 'reject'] },
  { verb: 'waitlist', words: ['waitlist', 'attente'] },
  { verb: 'confirm', words: ['confirm', 'confirmer'] },
  { verb: 'withdraw', words: ['withdraw', 'retirer', 'annuler'] },
  { verb: 'schedule', words: ['schedule', 'programmer'], arg: 'date' },
];

function indexWords(grammar: readonly VerbSpec[]): ReadonlyMap<string, VerbSpec> {
  const byWord = new Map<string, VerbSpec>();
  for (const spec of grammar) {
    for (const w of spec.words) {
      const key = w.toLowerCase();
      const prior = byWord.get(key);
      if (prior) throw new Error(`command grammar: "${w}" is claimed by both ${prior.verb} and ${spec.verb}`);
      byWord.set(key, spec);
    }
  }
  return byWord;
}

export const VERB_BY_WORD = indexWords(GRAMMAR);
