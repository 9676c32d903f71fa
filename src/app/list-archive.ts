/**
 * The list posts crieur keeps for digests, as the use cases see them: each post attached to its configured list
 * and to a thread. Declared here, beside its consumers (collect-list-post, build-digest); implemented by
 * src/adapters/db/list-posts.ts (migration 011).
 */
import type { StoredPost, ThreadPlan } from '../core/thread/place.ts';

export interface NewListPost {
  inboundId: number;
  listName: string;
  messageId: string | null;
  /** References then In-Reply-To, oldest first. */
  references: string[];
  subject: string;
  fromName: string | null;
  fromEmail: string | null;
  /** The Date header, when readable. */
  sentAt: Date | null;
  /** What the author wrote (quotes and signature trimmed), bounded. */
  body: string;
  archivedAt: string | null;
  listArchive: string | null;
}

export interface ListPost extends Omit<NewListPost, 'sentAt'> {
  sentAt: Date;
  receivedAt: Date;
  threadId: number;
}

export interface ListThread {
  id: number;
  listName: string;
  subject: string;
  startedAt: Date;
}

export interface ListArchive {
  /**
   * Stores the post and places it in a thread, atomically per list (two posts of one thread classified at once
   * take turns): `place` is given the list's posts received since `windowStart`. A post already attached (a
   * replay, or the same Message-ID delivered twice) is left as it is: `inserted` false.
   */
  attach(
    post: NewListPost,
    windowStart: Date,
    place: (recent: StoredPost[], post: StoredPost) => ThreadPlan,
  ): Promise<{ inserted: boolean; threadId: number | null }>;
  /** Posts of a list received in [from, to), oldest first. */
  received(listName: string, from: Date, to: Date): Promise<ListPost[]>;
  /** Every post of these threads received before `to`, oldest first: the context of a continued thread. */
  threadPosts(threadIds: readonly number[], to: Date): Promise<ListPost[]>;
  threads(ids: readonly number[]): Promise<ListThread[]>;
}
