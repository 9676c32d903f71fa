/** A list's digest data for one period, from the archive: its posts, their threads, and the threads' earlier posts. */
import { buildDigest, type DigestData } from '../core/digest/build.ts';
import { coveringPeriod, windowOfKey, type Period } from '../core/digest/period.ts';
import type { AppDeps } from './deps.ts';

/** `without`: posts left out (a `--since` digest's posts sent before), shown only as a thread's earlier context. */
export async function loadDigest(
  deps: Pick<AppDeps, 'store' | 'config'>,
  list: { name: string; address: string },
  period: Period,
  opts: { without?: ReadonlySet<number> } = {},
): Promise<DigestData | null> {
  const all = await deps.store.lists.received(list.name, period.from, period.to);
  const posts = opts.without ? all.filter((p) => !opts.without!.has(p.inboundId)) : all;
  if (posts.length === 0) return null;
  const threadIds = [...new Set(posts.map((p) => p.threadId))];
  const [context, threads] = await Promise.all([deps.store.lists.threadPosts(threadIds, period.to), deps.store.lists.threads(threadIds)]);
  return buildDigest({ list: { name: list.name, address: list.address }, period, posts, context, threads, excerptChars: deps.config.digests.excerptChars });
}

export interface ListDigest {
  /** Null: nothing to send — no post in the period, or (`--since`) none that an earlier digest did not carry. */
  data: DigestData | null;
  /** The period as keyed in the outbox and campaigns: a `--since` one by the posts it covers (coveringPeriod). */
  period: Period;
  /** `--since`: posts of the window an earlier `--since` digest of the list already carried, left out. */
  earlier: number;
}

/**
 * The digest a run would send. A scheduled period (daily, weekly) is its own key: one digest per period. A `--since`
 * window overlaps the last one (cron runs `crieur digest --since 7d` every week, a person runs it twice): as Mailman sends
 * a list's digest of what came since the last one, the posts an earlier `--since` digest of the list carried are left
 * out, and what is left is keyed by its posts — nothing new is no digest at all, and a second run racing the first makes
 * the same one.
 */
export async function listDigest(deps: Pick<AppDeps, 'store' | 'config'>, list: { name: string; address: string }, period: Period): Promise<ListDigest> {
  if (period.cadence !== 'since') return { data: await loadDigest(deps, list, period), period, earlier: 0 };
  const carried = await carriedPosts(deps, list.name);
  const data = await loadDigest(deps, list, period, { without: carried });
  const earlier = (await deps.store.lists.received(list.name, period.from, period.to)).filter((p) => carried.has(p.inboundId)).length;
  if (!data) return { data: null, period, earlier };
  const keyed = coveringPeriod(period, data.entries.map((e) => e.inboundId));
  return { data: { ...data, period: keyed }, period: keyed, earlier };
}

/** The posts the list's earlier `--since` digests carried; one keyed by its window (before they were recorded), its window's. */
async function carriedPosts(deps: Pick<AppDeps, 'store'>, list: string): Promise<Set<number>> {
  const carried = new Set<number>();
  for (const d of await deps.store.campaigns.sinceDigests(list)) {
    const window = d.posts === null ? windowOfKey(d.key) : null;
    const ids = d.posts ?? (window ? (await deps.store.lists.received(list, window.from, window.to)).map((p) => p.inboundId) : []);
    for (const id of ids) carried.add(id);
  }
  return carried;
}
