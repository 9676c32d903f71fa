/** Human-readable rendering of a ParseResult for `crieur parse` without --json. */
import type { Address, ParseResult } from '../../types.ts';

const who = (a: Address | { name: string | null; email: string | null } | null) =>
  a === null ? '—' : a.name && a.email ? `${a.name} <${a.email}>` : (a.email ?? a.name ?? '—');

export function formatParseResult(r: ParseResult): string {
  const lines = [
    `kind:      ${r.kind}`,
    `from:      ${who(r.from)}`,
    `subject:   ${r.subject}`,
    `messageId: ${r.messageId ?? '—'}`,
    `language:  ${r.language ?? '—'}`,
  ];
  if (r.proposal) {
    const p = r.proposal;
    lines.push(
      `format:    ${p.format}, ${p.durationMinutes} min, in ${p.language ?? '?'}`,
      `title:     ${p.title ?? '—'}`,
      `speakers:  ${p.speakers.map(who).join(', ') || '—'}`,
    );
    for (const a of p.attachments) lines.push(`attached:  ${a.filename} (${a.contentType}, ${a.size} bytes)`);
    if (p.abstract) lines.push('abstract:', ...p.abstract.split('\n').map((l) => `  ${l}`));
  }
  if (r.bounce) lines.push(`bounce:    ${r.bounce.recipient ?? '?'} ${r.bounce.status ?? ''} ${r.bounce.action ?? ''}`.trimEnd());
  if (r.command) lines.push(`command:   ${r.command.verbs.join(' ') || '—'} ${r.command.proposal ?? ''} (authenticated: ${r.command.authenticated})`);
  for (const w of r.warnings) lines.push(`warning:   ${w}`);
  return lines.join('\n');
}
