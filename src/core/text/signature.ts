/**
 * Signature and sign-off removal: the body ends at "-- ", at a mobile footer ("Envoyé de mon iPhone"), or at a
 * closing formula ("Cordialement,", "Regards,") followed only by a few short lines. The name that follows the
 * sign-off is kept: it names the sender when the From header has no display name.
 */
import { looksLikePersonName } from './names.ts';

export const DELIMITER = /^(--|-- |__|—)\s*$/;
export const MOBILE = /^(envoy[ée] (de|depuis) (mon|my|un|une)\b|sent from (my|mobile|outlook|yahoo)\b|get outlook for\b|t[ée]l[ée]chargez outlook\b|sent with \S+|envoy[ée] avec\b|provenance\s*:\s*courrier pour windows)/i;
export const CLOSING =
  /^(bien |tr[eè]s |trop |)(cordialement|amicalement|sinc[eè]rement|chaleureusement)\b|^(bien|tr[eè]s bien) [àa] (vous|toi|toutes? et [àa] tous)\b|^(bonne (journ[ée]e|soir[ée]e|fin de journ[ée]e|semaine)|[àa] (bient[ôo]t|plus|tr[eè]s vite|la prochaine)|bises|salutations|au plaisir)\b|^(merci|thanks?|thank you|many thanks)( (d'avance|par avance|beaucoup|[àa] vous|in advance|a lot|again|for your time|for considering)\b.*)?[\s,.!]*$|^(best|kind|warm|warmest)?\s*(regards|wishes)\b|^(best|cheers|sincerely|yours( truly| sincerely)?|all the best|ciao|[àa]\+|@\+|\+\+)[\s,.!]*$/i;

export interface SignatureSplit {
  body: string;
  /** A person's name found right after the sign-off or the "-- " line, when there is one. */
  name: string | null;
}

/** Most sign-offs are followed by at most this many lines (name, title, company, phone, site…). */
const MAX_TAIL = 8;

export function stripSignature(text: string): SignatureSplit {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let cut = lines.length;
  let name: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const t = (lines[i] ?? '').trim();
    if (DELIMITER.test(lines[i] ?? '') || MOBILE.test(t)) {
      cut = i;
      if (DELIMITER.test(lines[i] ?? '')) name = firstName(lines, i + 1);
      break;
    }
    if (t.length <= 80 && CLOSING.test(t.replace(/^[*_]+|[*_]+$/g, ''))) {
      const tail = lines.slice(i + 1).filter((l) => l.trim() !== '');
      if (tail.length <= MAX_TAIL && tail.every((l) => l.trim().length <= 80)) {
        cut = i;
        // "Merci, Jean" on one line
        const inline = /,\s*(\p{Lu}[\p{L}'’ -]{1,40})$/u.exec(t);
        name = inline && looksLikePersonName(inline[1]!) ? inline[1]!.trim() : firstName(lines, i + 1);
        break;
      }
    }
  }
  if (cut === lines.length) {
    // no sign-off formula, but the mail ends with a short block that starts with a name ("John Smith\nSenior DBA")
    const tail = trailingBlock(lines);
    if (tail !== null && looksLikePersonName((lines[tail] ?? '').trim()) && tail > 0) {
      cut = tail;
      name = (lines[tail] ?? '').trim();
    }
  }
  return { body: lines.slice(0, cut).join('\n').trimEnd(), name };
}

/** Start of the last paragraph when it is short (at most 4 short lines) and not the only one. */
function trailingBlock(lines: readonly string[]): number | null {
  let end = lines.length;
  while (end > 0 && (lines[end - 1] ?? '').trim() === '') end--;
  let start = end;
  while (start > 0 && (lines[start - 1] ?? '').trim() !== '') start--;
  if (end - start === 0 || end - start > 4 || start === 0) return null;
  return lines.slice(start, end).every((l) => l.trim().length <= 60) ? start : null;
}

function firstName(lines: readonly string[], from: number): string | null {
  for (let j = from; j < Math.min(lines.length, from + 3); j++) {
    const t = (lines[j] ?? '').trim().replace(/^[*_]+|[*_]+$/g, '');
    if (t === '') continue;
    return looksLikePersonName(t) ? t : null;
  }
  return null;
}
