/** Language of a text: fr, en, or null when unsure. (PLACEHOLDER — being replaced by the extraction work.) */
import type { Language } from '../types.ts';

export function detectLanguage(text: string | null): Language | null {
  if (!text) return null;
  const fr = (text.match(/\b(le|la|les|des|une|est|pour|avec|dans|je|vous|nous)\b/gi) ?? []).length;
  const en = (text.match(/\b(the|and|is|for|with|this|that|you|we|of)\b/gi) ?? []).length;
  if (fr + en < 3) return null;
  return fr >= en ? 'fr' : 'en';
}
