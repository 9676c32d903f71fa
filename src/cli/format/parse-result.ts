/** Human-readable rendering of a ParseResult for `crieur parse` without --json; mail text shown by `visible`. */
import type { Address, ParseResult } from '../../types.ts';
import { visible as v, visibleLines } from './visible.ts';

export const who = (a: Address | { name: string | null; email: string | null } | null): string =>
  a === null ? '—' : v(a.name && a.email ? `${a.name} <${a.email}>` : (a.email ?? a.name ?? '—'));

export function formatParseResult(r: ParseResult): string {
  const lines = [
    `kind:      ${r.kind}`,
    `from:      ${who(r.from)}`,
    `subject:   ${v(r.subject)}`,
    `messageId: ${v(r.messageId ?? '—')}`,
    `language:  ${r.language ?? '—'}`,
  ];
  if (r.proposal) {
    const p = r.proposal;
    lines.push(
      `format:    ${p.format}, ${p.durationMinutes} min, in ${p.language ?? '?'}`,
      `title:     ${v(p.title ?? '—')}`,
      `speakers:  ${p.speakers.map(who).join(', ') || '—'}`,
    );
    for (const a of p.attachments) lines.push(`attached:  ${v(a.filename)} (${v(a.contentType)}, ${a.size} bytes)`);
    if (p.abstract) lines.push('abstract:', ...visibleLines(p.abstract).map((l) => `  ${l}`));
  }
  if (r.bounce) lines.push(v(`bounce:    ${r.bounce.recipient ?? '?'} ${r.bounce.status ?? ''} ${r.bounce.action ?? ''}`.trimEnd()));
  if (r.membership) {
    const digest = r.membership.digest ? ` ${r.membership.digest.cadence ?? 'off'}${r.membership.digest.list ? ` ${r.membership.digest.list}` : ''}` : '';
    lines.push(v(`request:   ${r.membership.verb}${digest} (${r.membership.language}, ${r.membership.where})`));
  }
  if (r.command) lines.push(`command:   ${r.command.verbs.join(' ') || '—'} ${v(r.command.proposal ?? '')} (authenticated: ${r.command.authenticated})`);
  for (const w of r.warnings) lines.push(`warning:   ${v(w)}`);
  return lines.join('\n');
}
