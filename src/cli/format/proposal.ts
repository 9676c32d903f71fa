/** Human-readable proposals for `crieur proposals list|show`; everything a speaker wrote shown by `visible`. */
import type { HistoryEntry, ProposalRecord } from '../../app/proposal-store.ts';
import { visible as v, visibleLines } from './visible.ts';

const speaker = (s: ProposalRecord['speakers'][number]): string => v((s.name && s.email ? `${s.name} <${s.email}>` : (s.email ?? s.name)) ?? '?');

/** One line of `proposals list`. */
export function proposalLine(p: ProposalRecord): string {
  return `${p.ref}  ${p.status.padEnd(10)} ${p.format.padEnd(9)} ${String(p.durationMinutes).padStart(3)} min  ${v(p.title ?? '(untitled)')} — ${p.speakers.map((s) => v(s.name ?? s.email ?? '?')).join(', ')}`;
}

/** `proposals show`: the proposal, its abstract, its history. */
export function proposalDetail(p: ProposalRecord, history: HistoryEntry[]): string {
  const lines = [
    `${p.ref}  ${v(p.title ?? '(untitled)')}`,
    `status:   ${p.status}${p.event ? ` (event ${v(String(p.event))})` : ''}`,
    `format:   ${p.format}, ${p.durationMinutes} min, ${p.language ?? '?'}`,
    `speakers: ${p.speakers.map(speaker).join(', ')}`,
    `received: ${p.receivedAt.toISOString()}`,
  ];
  for (const a of p.attachments) lines.push(`attached: ${v(a.filename)} (${v(a.contentType)}, ${a.size} bytes)`);
  if (p.abstract) lines.push('', ...visibleLines(p.abstract));
  lines.push('', 'history:');
  for (const h of history) {
    const via = h.messageIdHeader ?? (h.messageId ? `message ${h.messageId}` : null);
    lines.push(`  ${h.at.toISOString()}  ${h.action.padEnd(18)} ${v(h.actor)}${via ? `  via ${v(via)}` : ''}${describe(h.detail)}`);
  }
  return lines.join('\n');
}

/** The detail worth a glance in the terminal: a reason, a refusal's cause, a mail's recipient, a note. */
function describe(d: Record<string, unknown> | null): string {
  if (!d) return '';
  const bits = [d.reason, d.text, d.to ? `to ${String(d.to)}` : null, d.authenticated === false ? 'not authenticated' : null, d.override ? 'override' : null]
    .filter((x): x is string => typeof x === 'string' && x !== '')
    .map((x) => v(x.replace(/\s+/g, ' ').slice(0, 80)));
  return bits.length ? `  — ${bits.join('; ')}` : '';
}
