/**
 * Reads a membership request in a mail written to the group's address: the whole subject (unless the mail is a
 * reply or a forward — "Re: Confirmez votre inscription" is not a request), else the first line of the new text
 * after a greeting. The language is the request word's. Pure; the classify chain calls it after the proposal
 * rule, so a proposal whose text mentions subscribing is still filed.
 */
import type { Cadence } from '../digest/period.ts';
import { INVISIBLE, newTextLines } from '../text/new-text.ts';
import { MAX_SCAN } from '../text/quotes.ts';
import { STARTS_WITH_PREFIX } from '../text/subject-prefixes.ts';
import { GREETING } from '../extract/abstract.ts';
import { fold, squash } from '../text/fold.ts';
import type { Language, Mail, MembershipInfo } from '../../types.ts';
import { CADENCE_WORDS, MEMBERSHIP_GRAMMAR, type MembershipVerb } from './grammar.ts';

/** What was asked (src/types.ts MembershipInfo: `crieur parse` shows it). */
export type MembershipRequestInfo = MembershipInfo & { verb: MembershipVerb };

/** A request line is short; a longer one is prose. */
const MAX_LINE = 60;

/**
 * Every request word, folded, holds one of these (checked at load): a body whose folded text holds none cannot have a
 * request line, and its new text is not worked out. That reading (quotes, attribution, sign-off, each line cleaned)
 * was a sixth of classifying a message, for the nine mails in ten that never mention subscribing (bench/parse).
 */
const STEMS = ['abonn', 'inscri', 'subscri', 'remove', 'resum', 'digest'] as const;
const STEM = new RegExp(STEMS.join('|'));
/** A request word the prefilter would not let through fails at load: add its stem to STEMS. */
export function checkStems(words: readonly string[]): void {
  for (const w of words) if (!STEM.test(w)) throw new Error(`membership grammar: "${w}" holds none of the stems ${STEMS.join(', ')} (request.ts)`);
}
checkStems(MEMBERSHIP_GRAMMAR.flatMap((s) => [...s.words.fr, ...s.words.en]));

/**
 * Could the body hold a request line? Its first MAX_SCAN characters (what newTextLines reads), folded as readLine
 * folds a line, checked for a stem. A line's cleaning only removes invisible characters (removed here too) and turns
 * spaces and entities into spaces, which join no letters: a stem in a cleaned, folded line is a stem here.
 */
export function mayHoldRequest(text: string | null): boolean {
  return text !== null && STEM.test(fold(text.slice(0, MAX_SCAN).replace(INVISIBLE, '')));
}

/** `« Abonner ! »`, `S'abonner.` → `abonner`, `s'abonner`: folded, quotes and end punctuation off, spaces single. */
function normalize(line: string): string {
  return squash(fold(line).replace(/^[\s«"“'*_-]+|[\s»"”'*_.!?;:,-]+$/g, ''));
}

function readLine(line: string): Omit<MembershipRequestInfo, 'where'> | null {
  if (line.length > MAX_LINE) return null;
  const n = normalize(line);
  if (n === '') return null;
  for (const spec of MEMBERSHIP_GRAMMAR) {
    for (const language of ['fr', 'en'] as const) {
      for (const w of spec.words[language]) {
        if (spec.arg === 'none') {
          if (n === w) return { verb: spec.verb, language };
          continue;
        }
        if (!n.startsWith(`${w} `)) continue;
        const rest = n.slice(w.length + 1);
        const cadence = readCadence(rest, language);
        if (cadence) return { verb: spec.verb, language, digest: cadence };
      }
    }
  }
  return null;
}

/** `weekly`, `weekly generale`, `chaque semaine generale` → the cadence and the list named (one word), if any. */
function readCadence(rest: string, language: Language): { cadence: Cadence | null; list: string | null } | null {
  const table = CADENCE_WORDS[language];
  for (const [word, cadence] of Object.entries(table).sort((a, b) => b[0].length - a[0].length)) {
    if (rest === word) return { cadence, list: null };
    if (rest.startsWith(`${word} `)) {
      const list = rest.slice(word.length + 1).trim();
      return /^[a-z0-9][a-z0-9._-]{0,63}$/.test(list) ? { cadence, list } : null;
    }
  }
  return null;
}

export function readMembershipRequest(mail: Pick<Mail, 'subject' | 'text'>): MembershipRequestInfo | null {
  if (!STARTS_WITH_PREFIX.test(mail.subject)) {
    const fromSubject = readLine(mail.subject.trim());
    if (fromSubject) return { ...fromSubject, where: 'subject' };
  }
  if (!mayHoldRequest(mail.text)) return null;
  const lines = newTextLines(mail.text).map((l) => l.trim()).filter((l) => l !== '');
  const first = lines[0] !== undefined && lines[0].length <= 60 && GREETING.test(lines[0]) ? lines[1] : lines[0];
  if (first === undefined) return null;
  const fromBody = readLine(first);
  return fromBody ? { ...fromBody, where: 'body' } : null;
}
