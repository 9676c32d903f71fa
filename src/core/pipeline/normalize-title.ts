/**
 * Title key for "is this the same proposal again?": case, accents, punctuation and spacing do not make a new
 * talk ("Partitionnement déclaratif" re-sent as "partitionnement declaratif !" is an update).
 */
export function normalizeTitle(title: string | null): string {
  if (!title) return '';
  return title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
