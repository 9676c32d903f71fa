/**
 * What a person writes to the group's address to join or leave (issue 9), as data: each request, its words in
 * French and English (folded: lower-case, no accents, plain apostrophes), and the digest cadences. A request is a
 * whole subject or a whole first line, never a word inside a sentence, so "how do I subscribe to the list?" is a
 * question for humans. A word claimed twice (by two requests, or as two cadences) fails at module load.
 */
import type { Cadence } from '../digest/period.ts';
import type { Language } from '../../types.ts';

export type MembershipVerb = 'subscribe' | 'unsubscribe' | 'digest';

export interface MembershipVerbSpec {
  verb: MembershipVerb;
  words: Readonly<Record<Language, readonly string[]>>;
  /** `cadence`: a digest cadence follows (`digest weekly`, `résumé hebdomadaire`), then optionally a list's name. */
  arg: 'none' | 'cadence';
}

export const MEMBERSHIP_GRAMMAR: readonly MembershipVerbSpec[] = defineGrammar([
  {
    verb: 'subscribe',
    arg: 'none',
    words: {
      fr: ['abonner', "s'abonner", "m'abonner", 'abonnement', 'inscription', "s'inscrire", "m'inscrire", "je veux m'abonner", "je souhaite m'abonner", 'abonnez-moi', 'inscrivez-moi',
        // the subject French mail gives such a request (« Demande d'inscription »)
        "demande d'inscription", "demande d'abonnement"],
      en: ['subscribe', 'subscribe me', 'please subscribe me', 'subscribe please', 'please subscribe', 'subscription'],
    },
  },
  {
    verb: 'unsubscribe',
    arg: 'none',
    words: {
      fr: ['desabonner', 'se desabonner', 'me desabonner', 'desabonnement', 'desinscription', 'se desinscrire', 'me desinscrire', 'je veux me desabonner', 'je souhaite me desabonner', 'desabonnez-moi', 'desinscrivez-moi',
        // the bare verb beside « désabonner », and the subject French mail gives such a request
        'desinscrire', 'demande de desinscription', 'demande de desabonnement'],
      en: ['unsubscribe', 'unsubscribe me', 'please unsubscribe me', 'unsubscribe please', 'please unsubscribe', 'remove me'],
    },
  },
  { verb: 'digest', arg: 'cadence', words: { fr: ['resume', 'resumes'], en: ['digest', 'digests'] } },
]);

/** After `digest`/`résumé`: the cadence, or null to stop the digest (back to nothing). */
export const CADENCE_WORDS: Readonly<Record<Language, Readonly<Record<string, Cadence | null>>>> = defineCadences({
  fr: { quotidien: 'daily', journalier: 'daily', 'chaque jour': 'daily', hebdomadaire: 'weekly', 'chaque semaine': 'weekly', non: null, aucun: null, arret: null, stop: null },
  en: { daily: 'daily', weekly: 'weekly', off: null, none: null, no: null, stop: null },
});

export function defineGrammar(specs: readonly MembershipVerbSpec[]): readonly MembershipVerbSpec[] {
  const seen = new Map<string, MembershipVerb>();
  for (const s of specs) {
    for (const w of [...s.words.fr, ...s.words.en]) {
      if (w !== w.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '')) throw new Error(`membership grammar: "${w}" is not folded`);
      const other = seen.get(w);
      // The same word in both languages for one verb is fine ("stop"); for two verbs it would be ambiguous.
      if (other !== undefined && other !== s.verb) throw new Error(`membership grammar: "${w}" claimed by ${other} and ${s.verb}`);
      seen.set(w, s.verb);
    }
  }
  return Object.freeze(specs.map((s) => Object.freeze(s)));
}

function defineCadences<T extends Record<Language, Record<string, Cadence | null>>>(t: T): T {
  for (const lang of Object.keys(t) as Language[]) {
    for (const w of Object.keys(t[lang])) {
      if (w !== w.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '')) throw new Error(`membership grammar: cadence "${w}" is not folded`);
    }
  }
  return Object.freeze(t);
}
