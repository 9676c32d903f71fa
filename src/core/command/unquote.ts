/**
 * The part of a reply its author wrote: quoted lines (`>`) dropped, and everything from the quote
 * attribution ("Le … a écrit :", "On … wrote:", Outlook's "-----Original Message-----" / "De :" block)
 * or the signature separator on cut away. Organizers type commands above the quote; the quote is ours.
 */

// "On Mon, 3 Jun 2024 at 10:00, Jean <j@x> wrote:" and its French, German, Spanish, Italian, Dutch kin;
// the line start and the line end are both checked so that Gmail's two-line wrap of long names still cuts.
const ATTRIBUTION_START = /^\s*(on|le|am|el|il|op|den|em)\s/i;
const ATTRIBUTION_END = /(wrote|writes|a écrit|a ecrit|écrit|schrieb|escribió|ha scritto|schreef|skrev|escreveu)\s*:\s*$/i;
const SEPARATOR =
  /^\s*(-{2,}\s*(original message|message d'origine|message d.origine|mensaje original|ursprüngliche nachricht|messaggio originale|forwarded message|message transféré)\s*-{2,}|_{10,}|-- $|--$)/i;
const OUTLOOK_HEADER = /^\s*(from|de|von|da)\s*:\s*\S/i;
const OUTLOOK_NEXT = /^\s*(sent|envoyé|gesendet|inviato|date|to|à)\s*:/i;

export function unquotedText(text: string, maxLines = 200): string {
  const lines = text.split(/\r?\n|\r/, maxLines);
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (SEPARATOR.test(line)) break;
    if (ATTRIBUTION_END.test(line) && (ATTRIBUTION_START.test(line) || ATTRIBUTION_START.test(lines[i - 1] ?? ''))) {
      if (!ATTRIBUTION_START.test(line)) kept.pop();
      break;
    }
    if (OUTLOOK_HEADER.test(line) && OUTLOOK_NEXT.test(lines[i + 1] ?? '')) break;
    if (/^\s*>/.test(line)) continue;
    kept.push(line);
  }
  return kept.join('\n');
}
