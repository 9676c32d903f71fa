/**
 * The language of a public page: `?lang=fr|en` (the switch link on every page) wins, then the visitor's
 * Accept-Language by its q-values (RFC 9110 §12.5.4: `en-GB;q=0.9, fr;q=0.8` is English), then the group's.
 */
import type { Language } from '../../types.ts';

const LANGUAGES: readonly Language[] = ['fr', 'en'];

export function pageLanguage(accept: string | undefined, override: string | null | undefined, fallback: Language): Language {
  const o = override?.trim().toLowerCase();
  if (o && (LANGUAGES as readonly string[]).includes(o)) return o as Language;
  let best: { lang: Language; q: number } | null = null;
  for (const part of (accept ?? '').split(',')) {
    const [range, ...params] = part.trim().split(';');
    const lang = range?.trim().slice(0, 2).toLowerCase();
    if (!lang || !(LANGUAGES as readonly string[]).includes(lang)) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    // Equal weights: the first listed wins (browsers list by preference).
    if (!best || q > best.q) best = { lang: lang as Language, q };
  }
  return best?.lang ?? fallback;
}
