/**
 * Where a new list post goes among the stored threads of its list: JWZ over the recent posts plus the new one,
 * then the stored thread ids mapped onto the thread the new post landed in. Its members keep the oldest thread
 * id among them — a late parent that bridges two threads merges them into the older — or get a new thread.
 */
import { threadMessages, walk, type ThreadInput } from './jwz.ts';
import { subjectKey } from './subject.ts';

export interface StoredPost {
  inboundId: number;
  messageId: string | null;
  references: string[];
  subject: string;
  receivedAt: Date;
  /** null only for the post being placed. */
  threadId: number | null;
}

export interface ThreadPlan {
  /** The thread the members belong to; null: create one. */
  threadId: number | null;
  /** Every post of the thread (the new one included), whose thread_id must be `threadId`. */
  members: number[];
  /** Thread ids merged into `threadId` (now empty). */
  merged: number[];
  subject: string;
  startedAt: Date;
}

export function placePost(recent: readonly StoredPost[], post: StoredPost): ThreadPlan {
  const all = [...recent.filter((p) => p.inboundId !== post.inboundId), post];
  const byId = new Map(all.map((p) => [p.inboundId, p]));
  const inputs: ThreadInput<number>[] = all.map((p) => ({
    key: p.inboundId,
    messageId: p.messageId,
    references: p.references,
    subject: p.subject,
    date: p.receivedAt,
  }));
  const forest = threadMessages(inputs);
  const tree = forest.find((t) => walk(t).some((w) => w.message.key === post.inboundId))!;
  const members = walk(tree).map((w) => byId.get(w.message.key)!);
  const ids = [...new Set(members.map((m) => m.threadId).filter((t): t is number => t !== null))].sort((a, b) => a - b);
  const first = members.reduce((a, b) => (b.receivedAt < a.receivedAt ? b : a));
  const root = walk(tree)[0]!.message;
  return {
    threadId: ids[0] ?? null,
    members: members.map((m) => m.inboundId),
    merged: ids.slice(1),
    subject: subjectKey(root.subject).base || root.subject,
    startedAt: first.receivedAt,
  };
}
