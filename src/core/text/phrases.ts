/**
 * Phrase tables: what mail says in words (an MTA's « non remis », an out-of-office's "until", a sign-off, a job title),
 * kept as data — one phrase a line, grouped by language — and compiled once, at module load, into one alternation.
 * Entries are regex fragments (« r[ée]ponse automatique »), joined in table order. A table that would match other than
 * it reads fails at load, as the command grammar and the classification chain do: an empty entry, one that does not
 * compile on its own, one that hides a second phrase behind a top-level `|` (make it two entries), or one written twice.
 */

/** A table's phrases, flat or by language (`{ fr: [...], en: [...] }`, joined in the order the languages are written). */
export type Phrases = readonly string[] | Readonly<Record<string, readonly string[]>>;

/** The table's phrases as one alternation `a|b|c` (no group around it), checked; `flags` are those it will be used with. */
export function alternation(table: string, phrases: Phrases, flags = ''): string {
  const list = Array.isArray(phrases) ? (phrases as readonly string[]) : Object.values(phrases as Readonly<Record<string, readonly string[]>>).flat();
  if (list.length === 0) throw new Error(`phrase table ${table}: no phrases`);
  const seen = new Set<string>();
  for (const p of list) {
    if (p.trim() === '') throw new Error(`phrase table ${table}: an empty phrase`);
    try {
      new RegExp(p, flags);
    } catch (e) {
      throw new Error(`phrase table ${table}: "${p}" is no pattern (${(e as Error).message})`);
    }
    if (hasTopLevelBar(p)) throw new Error(`phrase table ${table}: "${p}" holds two phrases (a top-level |): write two entries`);
    const key = flags.includes('i') ? p.toLowerCase() : p;
    if (seen.has(key)) throw new Error(`phrase table ${table}: "${p}" is listed twice`);
    seen.add(key);
  }
  return list.join('|');
}

/** The table compiled to `(?:a|b|c)` between `before` and `after` (regex source), once. */
export function phraseRegExp(table: string, phrases: Phrases, flags = '', before = '', after = ''): RegExp {
  const alt = alternation(table, phrases, flags);
  return new RegExp(before === '' && after === '' ? alt : `${before}(?:${alt})${after}`, flags);
}

/** A `|` outside any group or class: the entry is two alternatives. */
function hasTopLevelBar(p: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}
