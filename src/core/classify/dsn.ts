/**
 * RFC 3464 delivery-status fields (and the RFC 5965 feedback-report fields, which share the syntax): a
 * per-message block, then one block per recipient, blocks separated by blank lines, lines folded like headers.
 * What crieur keeps of a DSN is one recipient — the first that failed — with its status and action.
 */
import type { BounceInfo } from '../../types.ts';
import { addressFromField } from './signals.ts';
import { statusFromText } from './smtp-status.ts';

export type Fields = Map<string, string>;

/** Header-like blocks of `text`; unknown lines are ignored, so a DSN pasted into a text body parses too. */
export function parseFieldBlocks(text: string): Fields[] {
  const blocks: Fields[] = [];
  let cur: Fields = new Map();
  let last: string | null = null;
  for (const line of text.split(/\r?\n|\r/)) {
    if (line.trim() === '') {
      if (cur.size > 0) blocks.push(cur);
      cur = new Map();
      last = null;
      continue;
    }
    if (/^[ \t]/.test(line) && last !== null) {
      cur.set(last, `${cur.get(last)!} ${line.trim()}`);
      continue;
    }
    const m = /^([A-Za-z][A-Za-z0-9-]{0,40})\s*:\s?(.*)$/.exec(line);
    if (!m) {
      last = null;
      continue;
    }
    last = m[1]!.toLowerCase();
    if (!cur.has(last)) cur.set(last, m[2]!.trim());
  }
  if (cur.size > 0) blocks.push(cur);
  return blocks;
}

const RECIPIENT_FIELDS = ['original-recipient', 'final-recipient', 'x-actual-recipient'] as const;
const ENHANCED = /(?<![\d.])([245]\.\d{1,3}\.\d{1,3})(?!\.?\d)/;

function recipientOf(f: Fields): string | null {
  for (const name of RECIPIENT_FIELDS) {
    const v = f.get(name);
    const a = v ? addressFromField(v) : null;
    if (a) return a;
  }
  return null;
}

/** The one recipient a DSN is about: the first failed, else the first delayed, else the first at all. */
export function bounceFromDsn(text: string): BounceInfo | null {
  const recipients = parseFieldBlocks(text).filter((b) => RECIPIENT_FIELDS.some((n) => b.has(n)) || (b.has('action') && b.has('status')));
  if (recipients.length === 0) return null;
  const rank = (b: Fields): number => {
    const a = normalAction(b.get('action'));
    return a === 'failed' ? 0 : a === 'delayed' ? 1 : 2;
  };
  const chosen = [...recipients].sort((x, y) => rank(x) - rank(y))[0]!;
  const status = ENHANCED.exec(chosen.get('status') ?? '')?.[1] ?? statusFromText(chosen.get('diagnostic-code') ?? '');
  return { recipient: recipientOf(chosen), status, action: normalAction(chosen.get('action')) ?? actionFromStatus(status) };
}

/** RFC 3464 §2.3.3 actions; MTAs also write "failure", "Delayed (will retry)"… */
function normalAction(value: string | undefined): string | null {
  const v = /^[a-z]+/i.exec(value ?? '')?.[0]?.toLowerCase() ?? null;
  if (v === null) return null;
  for (const a of ['failed', 'delayed', 'delivered', 'relayed', 'expanded']) if (v.length >= 4 && a.startsWith(v.slice(0, 4))) return a;
  return v;
}

export function actionFromStatus(status: string | null): string | null {
  if (status === null) return null;
  return status.startsWith('5') ? 'failed' : status.startsWith('4') ? 'delayed' : status.startsWith('2') ? 'delivered' : null;
}

/** ARF (RFC 5965): who complained about our mail. crieur files these as bounces, action "complained". */
export function bounceFromFeedback(text: string, fallbackRecipient: string | null): BounceInfo {
  const fields = parseFieldBlocks(text)[0] ?? new Map<string, string>();
  const rcpt = fields.get('original-rcpt-to') ?? fields.get('removal-recipient');
  return { recipient: (rcpt ? addressFromField(rcpt) : null) ?? fallbackRecipient, status: null, action: 'complained' };
}
