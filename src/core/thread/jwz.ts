/**
 * Threading by Jamie Zawinski's algorithm (https://www.jwz.org/doc/threading.html), as Netscape, Mutt and
 * Mailman's archivers do it: References and In-Reply-To first, then the subject as the fallback for clients that
 * drop them. Pure: messages in, a forest of containers out; the same input always gives the same forest.
 *
 * Steps kept from the original: (1) one container per Message-ID, parents linked along References (a link that
 * would make a loop is refused, an earlier parent is replaced by the message's own last reference);
 * (2) the root set; (4) empty containers pruned (their children promoted; at the root only a lone child);
 * (5) root containers grouped by subject — an empty container or a non-reply leads its group;
 * (6) siblings sorted by date. Step 3 (discard the id table) is the garbage collector's business.
 */
import { subjectKey } from './subject.ts';

export interface ThreadInput<K> {
  key: K;
  /** `<id@host>`; null or a duplicate gets a container of its own. */
  messageId: string | null;
  /** References then In-Reply-To, oldest first. */
  references: readonly string[];
  subject: string;
  date: Date;
}

export interface ThreadNode<K> {
  /** null for a message referred to but not held (a "ghost": an older post, or one sent elsewhere). */
  message: ThreadInput<K> | null;
  children: ThreadNode<K>[];
}

interface Container<K> {
  id: string;
  message: ThreadInput<K> | null;
  parent: Container<K> | null;
  children: Container<K>[];
}

export function threadMessages<K>(messages: readonly ThreadInput<K>[]): ThreadNode<K>[] {
  const table = new Map<string, Container<K>>();
  const get = (id: string): Container<K> => {
    let c = table.get(id);
    if (!c) table.set(id, (c = { id, message: null, parent: null, children: [] }));
    return c;
  };
  let anonymous = 0;
  for (const m of messages) {
    let c = m.messageId ? get(m.messageId) : null;
    // A second message with the same Message-ID (or none at all) cannot share a container: it gets its own.
    if (!c || c.message) c = get(`\u0000${anonymous++}`);
    c.message = m;
    let prev: Container<K> | null = null;
    for (const ref of dedupe(m.references)) {
      if (ref === m.messageId) continue;
      const r = get(ref);
      if (prev && !r.parent && !reaches(r, prev) && r !== prev) link(prev, r);
      prev = r;
    }
    // The message's parent is its last reference, whatever an earlier message guessed.
    if (c.parent) unlink(c);
    if (prev && prev !== c && !reaches(c, prev)) link(prev, c);
  }
  let roots = [...table.values()].filter((c) => !c.parent);
  roots = prune(roots, true);
  roots = groupBySubject(roots);
  return sortNodes(roots.map(toNode));
}

function dedupe(refs: readonly string[]): string[] {
  return refs.filter((r, i) => r.trim() !== '' && refs.indexOf(r) === i);
}

/** Does `from` reach `to` by going down? (Linking `to` under `from`'s descendant would make a loop.) */
function reaches<K>(from: Container<K>, to: Container<K>): boolean {
  const stack = [from];
  while (stack.length) {
    const c = stack.pop()!;
    if (c === to) return true;
    stack.push(...c.children);
  }
  return false;
}

function link<K>(parent: Container<K>, child: Container<K>): void {
  child.parent = parent;
  parent.children.push(child);
}

function unlink<K>(child: Container<K>): void {
  const p = child.parent;
  if (!p) return;
  p.children = p.children.filter((c) => c !== child);
  child.parent = null;
}

function prune<K>(list: Container<K>[], atRoot: boolean): Container<K>[] {
  const out: Container<K>[] = [];
  for (const c of list) {
    c.children = prune(c.children, false);
    for (const k of c.children) k.parent = c;
    if (c.message) {
      out.push(c);
    } else if (c.children.length === 0) {
      continue;
    } else if (!atRoot || c.children.length === 1) {
      for (const k of c.children) k.parent = c.parent;
      out.push(...c.children);
    } else {
      out.push(c);
    }
  }
  return out;
}

function subjectOf<K>(c: Container<K>): string {
  return c.message?.subject ?? c.children.find((k) => k.message)?.message?.subject ?? '';
}

function groupBySubject<K>(roots: Container<K>[]): Container<K>[] {
  const table = new Map<string, Container<K>>();
  for (const c of roots) {
    const { key, isReply } = subjectKey(subjectOf(c));
    if (key === '') continue;
    const old = table.get(key);
    if (!old || (!c.message && old.message) || (old.message && subjectKey(old.message.subject).isReply && !isReply)) table.set(key, c);
  }
  const out: Container<K>[] = [];
  for (const c of roots) {
    // Already placed under a holder made for an earlier member of its group.
    if (c.parent) continue;
    const { key, isReply } = subjectKey(subjectOf(c));
    const leader = key === '' ? undefined : table.get(key);
    if (!leader || leader === c) {
      out.push(c);
      continue;
    }
    if (!leader.message && !c.message) {
      for (const k of c.children) link(leader, k);
      c.children = [];
    } else if (!leader.message) {
      link(leader, c);
    } else if (!c.message) {
      // Unlikely (an empty container is preferred as leader): its children join the leader.
      for (const k of c.children) link(leader, k);
    } else if (isReply || !subjectKey(leader.message.subject).isReply) {
      link(leader, c);
    } else {
      // Neither is a reply to the other: both become children of a new empty container that takes the leader's place.
      const holder: Container<K> = { id: `\u0000s${key}`, message: null, parent: null, children: [] };
      const at = out.indexOf(leader);
      link(holder, leader);
      link(holder, c);
      table.set(key, holder);
      if (at >= 0) out[at] = holder;
      else out.push(holder);
    }
  }
  return out;
}

function toNode<K>(c: Container<K>): ThreadNode<K> {
  return { message: c.message, children: c.children.map(toNode) };
}

/** The earliest date in a subtree: what a ghost (no message) sorts by. */
export function earliest<K>(n: ThreadNode<K>): number {
  let t = n.message ? n.message.date.getTime() : Infinity;
  for (const k of n.children) t = Math.min(t, earliest(k));
  return t;
}

function sortNodes<K>(nodes: ThreadNode<K>[]): ThreadNode<K>[] {
  for (const n of nodes) n.children = sortNodes(n.children);
  return nodes.sort((a, b) => earliest(a) - earliest(b));
}

/** Depth-first, parents before children: the reading order of a thread, with each message's depth. */
export function walk<K>(root: ThreadNode<K>): { message: ThreadInput<K>; depth: number; parent: ThreadInput<K> | null }[] {
  const out: { message: ThreadInput<K>; depth: number; parent: ThreadInput<K> | null }[] = [];
  const visit = (n: ThreadNode<K>, depth: number, parent: ThreadInput<K> | null) => {
    if (n.message) out.push({ message: n.message, depth, parent });
    for (const k of n.children) visit(k, n.message ? depth + 1 : depth, n.message ?? parent);
  };
  visit(root, 0, null);
  return out;
}
