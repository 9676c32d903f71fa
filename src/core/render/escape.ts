/**
 * HTML escaping for anything user-written (titles, names, abstracts, filenames) before it reaches an HTML
 * part. Escaping quotes too makes the same function safe inside attribute values (href="mailto:{{x}}").
 */
import { closeBidi } from '../text/bidi.ts';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * Escaped text whose line breaks survive in HTML: blank lines become paragraphs, single breaks <br>. Each paragraph
 * takes its direction from its own first letter (dir="auto"), as a mail client sets a text line: a Hebrew or Arabic
 * abstract inside crieur's left-to-right layout was laid out from the left, its full stop on the wrong side.
 */
export function textToHtml(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n{2,}/)
    // a <br> does not end a direction override as a text line's end does: each line closes its own
    .map((para) => `<p dir="auto">${escapeHtml(closeBidi(para)).replace(/\n/g, '<br>\n')}</p>`)
    .join('\n');
}
