/**
 * A speaker's corrections, written the way a proposal is (`Titre : …`, `Durée : 20 min`, `Résumé : …` over several
 * lines, `Format : lightning`, `Langue : anglais`), read with the proposal extractor's own label table and value
 * readers, so that a correction and a filing never disagree about what a line says.
 */
import { unwrapProse, valueColumn, wrapWidth } from '../text/unwrap-prose.ts';
import type { Correction } from './types.ts';
import { matchLabel, parseFields } from '../extract/fields.ts';
import { durationFromField } from '../extract/duration.ts';
import { formatFromValue } from '../extract/formats.ts';
import { languageFromValue } from '../extract/talk-language.ts';
import { fold, squash, unquote } from '../text/fold.ts';
import { JOB_TITLE, looksLikePersonName } from '../text/names.ts';

const MAX_TITLE = 200;
const MAX_ABSTRACT = 5000;

export interface CorrectionsRead {
  corrections: Correction;
  /** Indexes of the lines the corrections were read from (labels and their values): neither commands nor comment. */
  used: ReadonlySet<number>;
  /**
   * Labelled lines that try to correct and give nothing usable: « Titre : » with no title, « Durée : 0 », « Durée : 600 »,
   * « Durée : dix heures » (no length from 1 to 240 minutes, the extractor's bounds). Nothing is changed; the speaker is
   * told (the line stays in the comment, relayed). A question, an approval or a sentence about the value is none.
   */
  unread: UnreadCorrection[];
}

export interface UnreadCorrection {
  field: 'title' | 'duration';
  /** The line as written. */
  line: string;
}

export function readCorrections(lines: readonly string[]): CorrectionsRead {
  const { values, spans } = parseFields(lines);
  const corrections: Correction = {};
  const used = new Set<number>();
  const take = (field: keyof typeof spans, until?: number): void => {
    const span = spans[field];
    if (span) for (let i = span[0]; i < Math.min(span[1], until ?? span[1]); i++) used.add(i);
  };
  // « Durée : 30 min questions comprises ? » asks, « Titre : OK », "Abstract: unchanged", "The title: I'd like to keep it
  // as is." approve: none of them corrects anything (and they are relayed as the speaker wrote them)
  const asks = (v: string | undefined) => v !== undefined && /[?？]\s*$/.test(v.trim());
  const keeps = (v: string | undefined) => v !== undefined && KEEPS.test(fold(v.trim()));
  const idle = (v: string | undefined) => asks(v) || keeps(v);
  const titleSpan = spans.title;
  const titleValue = values.title?.split('\n\n')[0];
  // « Sujet : question sur le matériel » (a reply's own subject line, Zimbra's quoted header) names no talk title, nor
  // does « Proposition : on décale en avril ? » — in a proposal it labels the title ("Proposal: …"), in a reply a suggestion
  const subjectLine = titleSpan !== undefined && /^[\s*_>]*(?:sujet|subject|objet|proposition|proposal|soumission|submission)\b/i.test(lines[titleSpan[0]] ?? '');
  // a Markdown heading names a proposal's title when it is filed (extract/fields.ts), not a correction in a reply
  const heading = titleSpan !== undefined && /^\s*#{1,6}\s/.test(lines[titleSpan[0]] ?? '');
  if (values.title && !idle(titleValue) && !subjectLine && !heading && !(titleSpan && inContactBlock(lines, titleSpan[0]))) {
    const t = quotedTitle(unquote(squash(values.title.split('\n\n')[0] ?? values.title)));
    if (t !== '') {
      corrections.title = t.length > MAX_TITLE ? `${t.slice(0, MAX_TITLE - 1)}…` : t;
      // the title is its first paragraph: « (l'ancien faisait un peu sec) » under it is a remark, relayed
      take('title', titleSpan ? paragraphEnd(lines, titleSpan[0]) : undefined);
    }
  }
  // a question under the abstract (« Et pourriez-vous ajouter Marc comme co-orateur ? ») is for the organizers, and the
  // writer's name under it is no part of it
  const paragraphs = (values.abstract ?? '').trim().split(/\n\s*\n/);
  while (paragraphs.length > 1 && (asks(paragraphs[paragraphs.length - 1]) || isName(paragraphs[paragraphs.length - 1]!))) paragraphs.pop();
  if (values.abstract && !idle(paragraphs.join('\n\n'))) {
    // as typed, not as the mail client wrapped it (src/core/text/unwrap-prose.ts), like the abstract filed first
    const span = spans.abstract;
    const joined = paragraphs.join('\n\n').trim();
    const a = unwrapProse(joined, wrapWidth(lines), valueColumn(span ? lines[span[0]] : undefined, joined));
    corrections.abstract = a.length > MAX_ABSTRACT ? `${a.slice(0, MAX_ABSTRACT - 1)}…` : a;
    take('abstract', span ? lastLineOf(lines, span, paragraphs[paragraphs.length - 1]!) : undefined);
  }
  // "Format : talk de 30 minutes" says the length too, as it does when filed (extract/index.ts reads it there)
  // « Durée : j'ai mis 45 minutes mais je peux faire 30 si ça arrange » is a sentence about it, not a value: relayed
  const sentence = (v: string | undefined) => v !== undefined && v.trim().split(/\s+/).length > MAX_VALUE_WORDS && HEDGE.test(fold(v));
  const d = values.duration && !idle(values.duration) && !sentence(values.duration) ? durationFromField(values.duration) : null;
  const inFormat = !d && values.format && !idle(values.format) && !sentence(values.format) ? durationFromField(values.format) : null;
  if (d) {
    corrections.durationMinutes = d.minutes;
    take('duration');
  } else if (inFormat) corrections.durationMinutes = inFormat.minutes;
  const format = values.format && !idle(values.format) && !sentence(values.format) ? formatFromValue(fold(values.format), values.format) : null;
  if (format) {
    corrections.format = format;
    take('format');
  }
  const language = values.language && !idle(values.language) && !sentence(values.language) ? languageFromValue(fold(values.language)) : null;
  if (language) {
    corrections.language = language;
    take('language');
  }
  const unread: (UnreadCorrection & { at: number })[] = [];
  // a length that is none, or none a talk has (« Durée : 0 », « 600 », « 10 heures »): said, never set
  const durationSpan = spans.duration;
  if (values.duration && !d && !inFormat && !idle(values.duration) && !sentence(values.duration) && durationSpan) {
    unread.push({ field: 'duration', line: lines[durationSpan[0]]!.trim(), at: durationSpan[0] });
  }
  // « Titre : » with nothing after it (nor under it): the speaker meant to give one
  if (values.title === undefined) {
    const at = lines.findIndex((l) => {
      const label = matchLabel(l);
      return label?.field === 'title' && label.inline === '' && /[:：][\s*_]*$/.test(l) && !/^[\s*_>]*(?:sujet|subject|objet|proposition|proposal|soumission|submission)\b/i.test(l);
    });
    if (at >= 0 && !inContactBlock(lines, at)) unread.push({ field: 'title', line: lines[at]!.trim(), at });
  }
  // in the order they were written
  return { corrections, used, unread: unread.sort((a, b) => a.at - b.at).map(({ field, line }) => ({ field, line })) };
}

/** A value that approves or keeps what was filed (folded): « OK », « parfait, merci ! », "unchanged", "keep it as is". */
const KEEPS =
  /^(?:ok|okay|oui|yes|parfait|perfect|correct|bon|bien|tres bien|fine|good|great|super|nickel|top|idem|same|unchanged|inchange|identique|pas de changement|sans changement|no change|rien a changer|ras|c'est bon|ca me va|tout bon|valide|approved|lgtm)\b[\s\p{P}]*(?:merci|thanks|thank you)?[\s\p{P}]*$|\b(?:keep (?:it|them|this)|as is|tel quel|telle quelle|je (?:le |la |les )?garde|ne change pas|inchange|unchanged)\b/u;
/** A duration, format or language value is a few words (« 20 min », « lightning talk (5 min) »); a longer one that
 * hedges (« j'ai mis 45 minutes mais je peux faire 30 si ça arrange ») is a sentence about it, not a value. */
const MAX_VALUE_WORDS = 8;
const HEDGE = /\b(?:mais|but|si|if|ou|or|peux|pourrais|peut-etre|can|could|maybe|perhaps|prefere|prefer|a vous de voir|up to you)\b/;

const isName = (p: string) => !p.includes('\n') && looksLikePersonName(p);

/** Labels of a signature's contact block ("Title: Senior DBA / Company: … / Phone: …"): a job title, not the talk's. */
const CONTACT_LABEL = /^\s*[*_]?(?:company|societe|soci[ée]t[ée]|entreprise|employer|employeur|phone|t[ée]l[ée]?phone|t[ée]l|mobile|portable|e-?mail|courriel|address|adresse|department|d[ée]partement|poste|position|role|r[ôo]le|linkedin|twitter|web(?:site)?|site|name|nom|pr[ée]nom|bio|biograph\w*|fonction|job(?: title)?|intitul[ée] de poste)\b[^:]{0,20}:/i;

/**
 * A "Title:" line of a signature: beside a contact label (Company, Phone…), or right under the writer's name line
 * ("Julia Schmidt / Title: Lead Database Engineer / Example GmbH | Berlin" — an audit's Outlook signature renamed the
 * talk "Lead Database Engineer"), or a job title with the company's line under it.
 */
function inContactBlock(lines: readonly string[], at: number): boolean {
  for (let i = Math.max(0, at - 2); i <= Math.min(lines.length - 1, at + 2); i++) if (i !== at && CONTACT_LABEL.test(lines[i] ?? '')) return true;
  const above = (lines[at - 1] ?? '').trim();
  if (above !== '' && !above.includes(':') && looksLikePersonName(above)) return true;
  const value = (lines[at] ?? '').replace(/^[^:：]*[:：]/, '').trim();
  const below = (lines[at + 1] ?? '').trim();
  return value.split(/\s+/).length <= 6 && JOB_TITLE.test(value) && below !== '' && !below.includes(':');
}

/** « il faudrait plutôt « Index BRIN : quand et pourquoi » » → the quoted title, when words stand around the quotes. */
function quotedTitle(value: string): string {
  const m = /«\s*([^»]+?)\s*»|“([^”]+)”|"([^"]+)"/.exec(value);
  if (!m) return value;
  const outside = (value.slice(0, m.index) + value.slice(m.index + m[0].length)).replace(/[\s.,;:!]+/g, ' ').trim();
  return outside.split(' ').filter((w) => w !== '').length >= 2 ? (m[1] ?? m[2] ?? m[3]!).trim() : value;
}

/** The index after the last line of the paragraph starting at `from` (its value may start on the label's line). */
function paragraphEnd(lines: readonly string[], from: number): number {
  let i = from + 1;
  while (i < lines.length && (lines[i] ?? '').trim() !== '') i++;
  return i;
}

/** The index after the line of `span` where the paragraph `lastParagraph` ends (the abstract kept). */
function lastLineOf(lines: readonly string[], span: readonly [number, number], lastParagraph: string): number {
  const tail = lastParagraph.trim().split('\n').pop()!.trim();
  for (let i = span[1] - 1; i >= span[0]; i--) if ((lines[i] ?? '').includes(tail)) return i + 1;
  return span[1];
}
