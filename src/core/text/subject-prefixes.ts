/**
 * Reply and forward prefixes of a subject, as mail clients write them in the languages of our speakers, organizers and
 * their colleagues: "Re:", Outlook's « RE : » / « TR : » (French spacing), counted "Re[2]:", « 回复： » (a full-width
 * colon). One table for everything that reads a subject — its title (extract/subject.ts), whether it forwards
 * (text/forward.ts), an auto-reply's or a helpdesk's subject (classify/auto-reply.ts), a membership request
 * (membership/request.ts) — each wraps it where it must stand.
 *
 * A prefix is written once: Finnish « VS: » (vastaus) answers, and is also the Danish and Norwegian forward
 * (videresendt); it is read as a reply.
 */
import { alternation, type Phrases } from './phrases.ts';

export const REPLY_PREFIXES: Phrases = {
  en: ['re'],
  fr: ['r[ée]f'],
  de: ['aw'],
  nl: ['antw'],
  sv: ['sv'],
  fi: ['vs'],
  it: ['r', 'rif'],
  pt: ['res'],
  pl: ['odp'],
  tr: ['ynt'],
  zh: ['回复', '答复', '回覆'],
  ru: ['ответ'],
};

export const FORWARD_PREFIXES: Phrases = {
  en: ['fwd?'],
  fr: ['tr'],
  de: ['wg'],
  es: ['rv'],
  pt: ['enc'],
  it: ['i'],
  nl: ['doorst'],
  sv: ['vb'],
  fi: ['vl'],
  pl: ['pd'],
  zh: ['转发', '轉寄'],
};

/** One prefix, a reply's or a forward's, with its count and colon: `(?:re|fwd?|…)\s*(?:\[\d+\])?\s*[:：]`. */
const prefix = (words: string): string => `(?:${words})\\s*(?:\\[\\d+\\])?\\s*[:：]`;
const REPLY = alternation('REPLY_PREFIXES', REPLY_PREFIXES, 'i');
const FORWARD = alternation('FORWARD_PREFIXES', FORWARD_PREFIXES, 'i');
// one table of both, so that a word written in both fails at load
alternation('SUBJECT_PREFIXES', [...Object.values(REPLY_PREFIXES).flat(), ...Object.values(FORWARD_PREFIXES).flat()], 'i');

/** A reply's prefix (regex source, no anchor). */
export const REPLY_PREFIX_SOURCE = prefix(REPLY);
/** A forward's prefix (regex source, no anchor). */
export const FORWARD_PREFIX_SOURCE = prefix(FORWARD);
/** A reply's or a forward's prefix (regex source, no anchor). */
export const ANY_PREFIX_SOURCE = prefix(`${REPLY}|${FORWARD}`);

/** The subject starts with a reply's or a forward's prefix: « RE : … », "Fwd: …", "AW[2]: …". */
export const STARTS_WITH_PREFIX = new RegExp(`^\\s*${ANY_PREFIX_SOURCE}`, 'i');
