/** Small text helpers shared by extraction and scoring: accent folding, line splitting, bounded samples. */

/** Lower-case, accents removed, typographic apostrophes made plain: for matching words, never for output. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .toLowerCase();
}

/** LF lines, CRs gone, non-breaking spaces made plain (Outlook puts them before every French colon). */
export function toLines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').replace(/[\u00a0\u202f\u2007]/g, ' ').split('\n');
}

/** Collapse inner whitespace and trim. */
export function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Strip one pair of surrounding quotes of any kind: «…», "…", “…”, '…', ‘…’. */
export function unquote(s: string): string {
  const t = s.trim();
  const m = /^(?:«\s*|"|“|”|„|'|‘|’)([\s\S]*?)(?:\s*»|"|”|“|'|’)$/.exec(t);
  return m ? m[1]!.trim() : t;
}

/**
 * Where a mail client's text/plain shows an inline image by a placeholder: Outlook's « [cid:image001.png@01DA2B3C.4D5E6F70] »,
 * Gmail's « [image: schema.png] ». Nobody typed them: they are left out of what the writer wrote (an abstract).
 */
// The blanks before it are taken from the first of a run only (the lookbehind): `[ \t]*\[` tried at every blank of a long
// run on a line with a bracket was quadratic — a sender's 80,000 blanks took 3 s.
const IMAGE_PLACEHOLDER = /(?:(?<![ \t])[ \t]+)?\[(?:cid:[^\]\s]{1,200}|image:[^\]\n]{0,200})\][ \t]*/gi;

export function withoutImagePlaceholders(text: string): string {
  if (!text.includes('[')) return text;
  return text
    .replace(IMAGE_PLACEHOLDER, (m) => (/^[ \t]/.test(m) && /[ \t]$/.test(m) ? ' ' : ''))
    .replace(/\n[ \t]*\n(?:[ \t]*\n)+/g, '\n\n')
    .trim();
}
