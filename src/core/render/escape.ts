/**
 * HTML escaping for anything user-written (titles, names, abstracts, filenames) before it reaches an HTML
 * part. Escaping quotes too makes the same function safe inside attribute values (href="mailto:{{x}}").
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Escaped text whose line breaks survive in HTML: blank lines become paragraphs, single breaks <br>. */
export function textToHtml(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n{2,}/)
    .map((para) => `<p>${escapeHtml(para).replace(/\n/g, '<br>\n')}</p>`)
    .join('\n');
}
