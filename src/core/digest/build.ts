/**
 * A list's digest for one period, as data: its posts grouped by thread (JWZ), new threads first, then threads
 * that started before the period and got replies in it — each with its context named (when it started, by whom,
 * how many posts came before), so that a late reply reads as part of its conversation. Counts of messages,
 * threads and posters. Pure: the posts come from the archive, the formats (HTML, RFC 1153, MIME) are rendered
 * from this by the adapters. Null when the period holds no post: an empty period sends nothing.
 */
import { threadMessages, walk } from '../thread/jwz.ts';
import { cleanName } from '../text/names.ts';
import { closeBidi } from '../text/bidi.ts';
import { excerpt } from './post-text.ts';
import type { Period } from './period.ts';

export interface DigestPost {
  inboundId: number;
  messageId: string | null;
  references: string[];
  subject: string;
  fromName: string | null;
  fromEmail: string | null;
  sentAt: Date;
  receivedAt: Date;
  body: string;
  archivedAt: string | null;
  listArchive: string | null;
  threadId: number;
}

export interface DigestInput {
  list: { name: string; address: string };
  period: Period;
  /** Posts received in the period. */
  posts: readonly DigestPost[];
  /** Every post of their threads received before the period's end (the period's own included). */
  context: readonly DigestPost[];
  threads: readonly { id: number; subject: string; startedAt: Date }[];
  excerptChars: number;
}

export interface DigestEntry {
  /** 1-based, in reading order: the RFC 1153 table of contents and the MIME parts follow it. */
  number: number;
  inboundId: number;
  messageId: string | null;
  fromName: string | null;
  fromEmail: string | null;
  /** « Jean Dupont <jean@example.fr> », or whichever half is known. */
  fromLabel: string;
  sentAt: Date;
  subject: string;
  body: string;
  excerpt: string;
  /** Depth in the thread as shown (0: the thread's first post in this digest, or a root). */
  depth: number;
  /** The post it answers, when that post came before this digest's period (a late reply's context). */
  answers: { fromLabel: string; sentAt: Date; subject: string } | null;
  archiveUrl: string | null;
}

export interface DigestThread {
  id: number;
  subject: string;
  /** Started in this period; false: a continued thread. */
  isNew: boolean;
  startedAt: Date;
  /** Who posted its first known message. */
  startedBy: string | null;
  /** Posts of the thread before this period. */
  earlier: number;
  entries: DigestEntry[];
}

export interface DigestData {
  list: { name: string; address: string };
  period: Period;
  counts: { messages: number; threads: number; posters: number };
  /** The list's archive (List-Archive of its latest post), when the list manager names one. */
  archiveUrl: string | null;
  threads: DigestThread[];
  /** Every entry, in reading order (threads' entries concatenated). */
  entries: DigestEntry[];
}

export function buildDigest(input: DigestInput): DigestData | null {
  if (input.posts.length === 0) return null;
  const inPeriod = new Set(input.posts.map((p) => p.inboundId));
  const byThread = new Map<number, DigestPost[]>();
  for (const p of uniqueBy([...input.context, ...input.posts], (p) => p.inboundId)) {
    const list = byThread.get(p.threadId) ?? [];
    list.push(p);
    byThread.set(p.threadId, list);
  }
  const meta = new Map(input.threads.map((t) => [t.id, t]));
  const threads: DigestThread[] = [];
  for (const [id, all] of byThread) {
    if (!all.some((p) => inPeriod.has(p.inboundId))) continue;
    const earlierPosts = all.filter((p) => !inPeriod.has(p.inboundId));
    const first = [...all].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime())[0]!;
    const forest = threadMessages(all.map((p) => ({ key: p, messageId: p.messageId, references: p.references, subject: p.subject, date: p.sentAt })));
    const order = forest.flatMap((t) => walk(t));
    const entries: DigestEntry[] = [];
    // Depth counts from the shallowest post shown, so that a continued thread does not start indented.
    const shown = order.filter((w) => inPeriod.has(w.message.key.inboundId));
    const base = Math.min(...shown.map((w) => w.depth));
    for (const w of shown) {
      const p = w.message.key;
      const parent = w.parent?.key ?? null;
      entries.push({
        number: 0,
        inboundId: p.inboundId,
        messageId: p.messageId,
        fromName: p.fromName,
        fromEmail: p.fromEmail,
        fromLabel: label(p.fromName, p.fromEmail),
        sentAt: p.sentAt,
        subject: p.subject,
        body: p.body,
        excerpt: excerpt(p.body, input.excerptChars),
        depth: Math.min(w.depth - base, 6),
        answers: parent && !inPeriod.has(parent.inboundId) ? { fromLabel: label(parent.fromName, parent.fromEmail), sentAt: parent.sentAt, subject: parent.subject } : null,
        archiveUrl: p.archivedAt,
      });
    }
    threads.push({
      id,
      subject: meta.get(id)?.subject ?? first.subject,
      isNew: earlierPosts.length === 0,
      startedAt: meta.get(id)?.startedAt ?? first.receivedAt,
      startedBy: label(first.fromName, first.fromEmail),
      earlier: earlierPosts.length,
      entries,
    });
  }
  const firstShown = (t: DigestThread) => Math.min(...t.entries.map((e) => e.sentAt.getTime()));
  threads.sort((a, b) => Number(b.isNew) - Number(a.isNew) || firstShown(a) - firstShown(b) || a.id - b.id);
  const entries = threads.flatMap((t) => t.entries);
  entries.forEach((e, i) => (e.number = i + 1));
  const latest = [...input.posts].sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime());
  return {
    list: input.list,
    period: input.period,
    counts: {
      messages: entries.length,
      threads: threads.length,
      posters: new Set(input.posts.map((p) => (p.fromEmail ?? p.fromName ?? `#${p.inboundId}`).toLowerCase())).size,
    },
    archiveUrl: latest.find((p) => p.listArchive)?.listArchive ?? null,
    threads,
    entries,
  };
}

/** « Priya Raman <priya@…> »: the poster's display name cleaned as crieur names people ("Raman, Priya" → "Priya Raman"). */
function label(name: string | null, email: string | null): string {
  const n = cleanName(name);
  // the name's direction overrides end before the address (core/text/bidi.ts)
  if (n && email) return `${closeBidi(n)} <${email}>`;
  return n ?? email ?? '?';
}

function uniqueBy<T>(items: T[], key: (t: T) => unknown): T[] {
  const seen = new Set<unknown>();
  return items.filter((t) => {
    const k = key(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
