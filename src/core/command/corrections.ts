/**
 * A speaker's corrections, written the way a proposal is (`Titre : …`, `Durée : 20 min`, `Résumé : …` over several
 * lines, `Format : lightning`, `Langue : anglais`), read with the proposal extractor's own label table and value
 * readers, so that a correction and a filing never disagree about what a line says.
 */
import type { Correction } from './types.ts';
import { parseFields } from '../extract/fields.ts';
import { durationFromField } from '../extract/duration.ts';
import { formatFromValue } from '../extract/formats.ts';
import { languageFromValue } from '../extract/talk-language.ts';
import { fold, squash, unquote } from '../text/fold.ts';

const MAX_TITLE = 200;
const MAX_ABSTRACT = 5000;

export interface CorrectionsRead {
  corrections: Correction;
  /** Indexes of the lines the corrections were read from (labels and their values): neither commands nor comment. */
  used: ReadonlySet<number>;
}

export function readCorrections(lines: readonly string[]): CorrectionsRead {
  const { values, spans } = parseFields(lines);
  const corrections: Correction = {};
  const used = new Set<number>();
  const take = (field: keyof typeof spans, until?: number): void => {
    const span = spans[field];
    if (span) for (let i = span[0]; i < Math.min(span[1], until ?? span[1]); i++) used.add(i);
  };
  // « Durée : 30 min questions comprises ? » asks; it corrects nothing
  const asks = (v: string | undefined) => v !== undefined && /[?？]\s*$/.test(v.trim());
  const titleSpan = spans.title;
  if (values.title && !asks(values.title.split('\n\n')[0]) && !(titleSpan && inContactBlock(lines, titleSpan[0]))) {
    const t = quotedTitle(unquote(squash(values.title.split('\n\n')[0] ?? values.title)));
    if (t !== '') {
      corrections.title = t.length > MAX_TITLE ? `${t.slice(0, MAX_TITLE - 1)}…` : t;
      // the title is its first paragraph: « (l'ancien faisait un peu sec) » under it is a remark, relayed
      take('title', titleSpan ? paragraphEnd(lines, titleSpan[0]) : undefined);
    }
  }
  if (values.abstract) {
    // a question under the abstract (« Et pourriez-vous ajouter Marc comme co-orateur ? ») is for the organizers
    const paragraphs = values.abstract.trim().split(/\n\s*\n/);
    while (paragraphs.length > 1 && asks(paragraphs[paragraphs.length - 1])) paragraphs.pop();
    const a = paragraphs.join('\n\n').trim();
    corrections.abstract = a.length > MAX_ABSTRACT ? `${a.slice(0, MAX_ABSTRACT - 1)}…` : a;
    const span = spans.abstract;
    take('abstract', span ? lastLineOf(lines, span, paragraphs[paragraphs.length - 1]!) : undefined);
  }
  // "Format : talk de 30 minutes" says the length too, as it does when filed (extract/index.ts reads it there)
  const d = values.duration && !asks(values.duration) ? durationFromField(values.duration) : null;
  const inFormat = !d && values.format && !asks(values.format) ? durationFromField(values.format) : null;
  if (d) {
    corrections.durationMinutes = d.minutes;
    take('duration');
  } else if (inFormat) corrections.durationMinutes = inFormat.minutes;
  const format = values.format && !asks(values.format) ? formatFromValue(fold(values.format), values.format) : null;
  if (format) {
    corrections.format = format;
    take('format');
  }
  const language = values.language && !asks(values.language) ? languageFromValue(fold(values.language)) : null;
  if (language) {
    corrections.language = language;
    take('language');
  }
  return { corrections, used };
}

/** Labels of a signature's contact block ("Title: Senior DBA / Company: … / Phone: …"): a job title, not the talk's. */
const CONTACT_LABEL = /^\s*[*_]?(?:company|societe|soci[ée]t[ée]|entreprise|employer|employeur|phone|t[ée]l[ée]?phone|t[ée]l|mobile|portable|e-?mail|courriel|address|adresse|department|d[ée]partement|poste|position|role|r[ôo]le|linkedin|twitter|web(?:site)?|site)\b[^:]{0,20}:/i;

function inContactBlock(lines: readonly string[], at: number): boolean {
  for (let i = Math.max(0, at - 2); i <= Math.min(lines.length - 1, at + 2); i++) if (i !== at && CONTACT_LABEL.test(lines[i] ?? '')) return true;
  return false;
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
