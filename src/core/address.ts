/** Address helpers shared by core and adapters. */

/** `"PostgreSQL Paris <talks@pgug.example.org>"` → `talks@pgug.example.org` (lower-cased). */
export function addressOf(mailbox: string): string {
  const m = /<([^>]+)>/.exec(mailbox);
  return (m ? m[1]! : mailbox).trim().toLowerCase();
}

/** The local part's base and plus-tag: `talks+o-p0007-…@x` → { base: 'talks@x', tag: 'o-p0007-…' }. */
export function splitPlus(address: string): { base: string; tag: string | null } {
  const at = address.lastIndexOf('@');
  if (at < 0) return { base: address.toLowerCase(), tag: null };
  const local = address.slice(0, at);
  const domain = address.slice(at + 1).toLowerCase();
  const plus = local.indexOf('+');
  if (plus < 0) return { base: `${local.toLowerCase()}@${domain}`, tag: null };
  return { base: `${local.slice(0, plus).toLowerCase()}@${domain}`, tag: local.slice(plus + 1) };
}

/** An e-mail address written in text ("priya@example.com", inside <…> or (…) too): the one pattern the readers share. */
export const EMAIL_IN_TEXT = /[\w.+'-]+@[\w-]+(?:\.[\w-]+)+/;
