/**
 * Which configured list a post came through (SPEC "Configuration"): its List-Id (RFC 2919) is the list's
 * `listId`, else the list's address with `@` replaced by `.`. Only the List-Id header decides: list managers
 * set it and rewrite any copy of it senders forge (a reply quoting another list's post keeps our header).
 */
import type { Mail } from '../../types.ts';

export interface ListEntry {
  name: string;
  address: string;
  language: 'fr' | 'en';
  listId?: string | undefined;
}

export function listIdOf(list: Pick<ListEntry, 'address' | 'listId'>): string {
  return (list.listId ?? list.address.replace('@', '.')).toLowerCase();
}

/** `Ma liste <generale.lists.example>` → `generale.lists.example`; a bare id is accepted too. */
export function headerListId(value: string): string | null {
  const m = /<([^<>\s]+)>/.exec(value) ?? /^\s*([^\s<>"]+)\s*$/.exec(value);
  return m ? m[1]!.toLowerCase() : null;
}

export function configuredListOf<L extends Pick<ListEntry, 'address' | 'listId'>>(mail: Mail, lists: readonly L[]): L | null {
  const ids = (mail.headers['list-id'] ?? []).map(headerListId).filter((v): v is string => v !== null);
  if (ids.length === 0) return null;
  return lists.find((l) => ids.includes(listIdOf(l))) ?? null;
}

/** The first http(s) URL of an RFC 2369/5064 header (`<https://…>`): never a mailto: or a javascript: one. */
export function headerUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  for (const m of value.matchAll(/<\s*([^<>\s]+)\s*>/g)) {
    if (/^https?:\/\/[^\s"'<>]+$/i.test(m[1]!)) return m[1]!;
  }
  const bare = value.trim();
  return /^https?:\/\/[^\s"'<>]+$/i.test(bare) ? bare : null;
}
