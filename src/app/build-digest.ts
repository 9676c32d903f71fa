/** A list's digest data for one period, from the archive: its posts, their threads, and the threads' earlier posts. */
import { buildDigest, type DigestData } from '../core/digest/build.ts';
import type { Period } from '../core/digest/period.ts';
import type { AppDeps } from './deps.ts';

export async function loadDigest(
  deps: Pick<AppDeps, 'store' | 'config'>,
  list: { name: string; address: string },
  period: Period,
): Promise<DigestData | null> {
  const posts = await deps.store.lists.received(list.name, period.from, period.to);
  if (posts.length === 0) return null;
  const threadIds = [...new Set(posts.map((p) => p.threadId))];
  const [context, threads] = await Promise.all([deps.store.lists.threadPosts(threadIds, period.to), deps.store.lists.threads(threadIds)]);
  return buildDigest({ list: { name: list.name, address: list.address }, period, posts, context, threads, excerptChars: deps.config.digests.excerptChars });
}
