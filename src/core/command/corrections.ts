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
  const take = (field: keyof typeof spans): void => {
    const span = spans[field];
    if (span) for (let i = span[0]; i < span[1]; i++) used.add(i);
  };
  if (values.title) {
    const t = unquote(squash(values.title.split('\n\n')[0] ?? values.title));
    if (t !== '') {
      corrections.title = t.length > MAX_TITLE ? `${t.slice(0, MAX_TITLE - 1)}…` : t;
      take('title');
    }
  }
  if (values.abstract) {
    const a = values.abstract.trim();
    corrections.abstract = a.length > MAX_ABSTRACT ? `${a.slice(0, MAX_ABSTRACT - 1)}…` : a;
    take('abstract');
  }
  // "Format : talk de 30 minutes" says the length too, as it does when filed (extract/index.ts reads it there)
  const d = values.duration ? durationFromField(values.duration) : null;
  const inFormat = !d && values.format ? durationFromField(values.format) : null;
  if (d) {
    corrections.durationMinutes = d.minutes;
    take('duration');
  } else if (inFormat) corrections.durationMinutes = inFormat.minutes;
  const format = values.format ? formatFromValue(fold(values.format), values.format) : null;
  if (format) {
    corrections.format = format;
    take('format');
  }
  const language = values.language ? languageFromValue(fold(values.language)) : null;
  if (language) {
    corrections.language = language;
    take('language');
  }
  return { corrections, used };
}
