/**
 * Signature and sign-off removal: the body ends at "-- ", at a mobile footer ("Envoyé de mon iPhone"), or at a
 * closing formula ("Cordialement,", "Regards,") followed only by a few short lines. The name that follows the
 * sign-off is kept: it names the sender when the From header has no display name.
 */
import { looksLikePersonName } from './names.ts';
import { type Phrases, phraseRegExp } from './phrases.ts';

export const DELIMITER = /^(--|-- |__|—)\s*$/;
/** A mobile or webmail client's footer, at a line's start: « Envoyé de mon iPhone », "Sent from my Galaxy", "Get Outlook for iOS". */
const MOBILE_FOOTERS: Phrases = {
  // « Obtenir Outlook pour Android<https://aka.ms/…> », « Envoyé à partir de Outlook pour iOS »: Outlook mobile's own
  fr: ['envoy[ée] (de|depuis) (mon|my|un|une)\\b', 't[ée]l[ée]chargez outlook\\b', 'envoy[ée] avec\\b', 'provenance\\s*:\\s*courrier pour windows', 'obtenir outlook pour\\b', "envoy[ée] (?:à|a) partir d(?:e |')(?:outlook|mon|yahoo|gmail|proton)"],
  // "Sent from Proton Mail mobile", "Sent from Mail for Windows", "Sent via the Samsung Galaxy smartphone"
  en: ['sent from (my|mobile|outlook|yahoo)\\b', 'get outlook for\\b', 'sent with \\S+', 'sent (?:from|via|using) (?:the )?(?:proton ?mail|mail for windows|gmail|samsung|blackberry|aol|zoho|tuta(?:nota)?|fairemail|k-9|spark|bluemail)\\b'],
  de: ['von meinem \\S+(?: \\S+)? gesendet\\b', 'gesendet von meinem\\b'],
  es: ['enviado desde mi\\b'],
};
export const MOBILE = phraseRegExp('MOBILE_FOOTERS', MOBILE_FOOTERS, 'i', '^', '');

/**
 * Sign-offs, each a whole pattern anchored at the line's start: a closing formula ("Cordialement", "Kind regards",
 * « Bien à vous », "Viele Grüße"), or thanks alone on their line — in the writer's own language too (« Obrigado, »,
 * « Gracias, », "Danke und viele Grüße") — with what may follow them and still close ("Thanks in advance", « Merci et
 * à bientôt »), not thanks that go on into a sentence ("Danke für die Einladung!").
 */
const SIGN_OFFS: Phrases = {
  fr: [
    '^(bien |tr[eè]s |trop |)(cordialement|amicalement|sinc[eè]rement|chaleureusement)\\b',
    '^(bien|tr[eè]s bien) [àa] (vous|toi|toutes? et [àa] tous)\\b',
    '^((?:bonne|belle) (journ[ée]e|soir[ée]e|fin de journ[ée]e|semaine)|[àa] (bient[ôo]t|plus|tr[eè]s vite|la prochaine)|bises|salutations|au plaisir)\\b',
    // « Sincères salutations », « Meilleures salutations », « Excellente journée », « En vous remerciant par avance, »
    '^((?:mes )?(?:sinc[eè]res|meilleures|bien sinc[eè]res) salutations|excellente (journ[ée]e|soir[ée]e|semaine)|en vous remerciant\\b.*[,.!]|avec (?:mes|tous mes) remerciements)',
  ],
  'fr, en: thanks': [
    "^(merci|thanks?|thank you|many thanks)( (d'avance|par avance|beaucoup|[àa] vous|in advance|a lot|again|for your time|for considering|very much|so much)\\b.*|(?: et [àa] (?:bient[ôo]t|plus|tr[eè]s vite)| et bonne (?:journ[ée]e|soir[ée]e|semaine|fin de journ[ée]e)| de transmettre| de votre attention| pour votre (?:attention|lecture|temps)| and (?:see you(?: (?:soon|there|thursday))?|best(?: regards| wishes)?|kind regards|all the best|cheers)))?[\\s,.!]*$",
  ],
  // "With best regards", "With kind regards", "Thank you and regards", "Thanks & best regards": the formula after « with » or thanks
  // (not "With regards to the date, …": « with » and no qualifier only alone on the line)
  en: [
    '^(best|kind|warm|warmest)?\\s*(regards|wishes)\\b',
    '^(?:with|(?:thanks?|thank you|many thanks)\\s*(?:and|&|,))\\s*(?:best|kind|warm|warmest|my best)\\s+(?:regards|wishes)\\b',
    '^(?:with|(?:thanks?|thank you|many thanks)\\s*(?:and|&|,))\\s*regards[\\s,.!]*$',
  ],
  de: ['^(?:viele|beste|liebe|herzliche|freundliche|mit (?:besten|freundlichen|herzlichen)) gr(?:ü|ue)(?:ß|ss)en?\\b'],
  'es, it, nl': ['^(?:saludos|un saludo|cordiali saluti|met vriendelijke groet(?:en)?)\\b'],
  'pt, es, it, de, nl, sv, no: thanks': ['^(?:obrigad[oa]|gracias|grazie(?: mille)?|danke(?: sch(?:ö|oe)n)?|dank je wel|tack|takk)(?:\\s+(?:und|e|y|and|et)\\s[^\\n]{0,40})?[\\s,.!]*$'],
  'en, fr: alone on the line': ['^(best|cheers|sincerely|yours( truly| sincerely)?|all the best|ciao|[àa]\\+|@\\+|\\+\\+)[\\s,.!]*$'],
};
export const CLOSING = phraseRegExp('SIGN_OFFS', SIGN_OFFS, 'i');
/** Emoji closing a sign-off's line (« Thanks 🙏 », « Merci ! 😊 »): read without them (parse audit 10). */
const TRAILING_EMOJI = /(?:\s|\p{Extended_Pictographic}|\u200d|\ufe0f|\p{Emoji_Modifier})+$/u;

/**
 * A legal footer under a signature: a confidentiality notice, a company's registration, an environment plea. Its lines
 * are long (it is no signature block), but it is nobody's proposal: it goes with the sign-off above it. Only read
 * below a sign-off: without one, a paragraph saying "this talk is intended for developers only" is the writer's.
 */
const DISCLAIMER_PHRASES: Phrases = {
  'en, fr: confidentiality': [
    'confidenti\\w*[^]{0,160}\\b(intended|addressee|destinataires?|exclusive?)\\b',
    '\\b(intended|destin[ée]e?s?)\\b[^]{0,60}\\b(solely|only|exclusive\\w*|uniquement)\\b',
    '\\b(destinataires?|addressee)\\b[^]{0,80}confidenti',
    "[àa] l['’]intention exclusive\\b",
    '\\bif you (have )?received (this|it)\\b',
    '\\bsi vous (avez )?re(?:[çc]u|cevez) ce\\b',
  ],
  'de, en, fr: registration': ['\\bamtsgericht\\b', '\\bregistered (in|office)\\b', '\\bsiret\\b', '\\brcs [a-z]', '\\bcapital (social|de \\d)'],
  'en, fr: environment': ['\\b(please )?consider the environment\\b', "\\bpensez [àa] l'environnement\\b", "\\bavant d'imprimer\\b", '\\bbefore printing\\b'],
};
export const DISCLAIMER = phraseRegExp('DISCLAIMER_PHRASES', DISCLAIMER_PHRASES, 'i');

export interface SignatureSplit {
  body: string;
  /** A person's name found right after the sign-off or the "-- " line, when there is one. */
  name: string | null;
}

/** Most sign-offs are followed by at most this many lines (name, title, company, phone, site…). */
const MAX_TAIL = 8;

/** A sign-off's tail is its name block and perhaps a legal footer: past this many lines below it, no sign-off. */
const MAX_TAIL_WITH_FOOTER = 40;

export function stripSignature(text: string): SignatureSplit {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let cut = lines.length;
  let name: string | null = null;
  // Non-blank lines below each line, counted once: a closing-like line far from the end is passed over without
  // reading its tail (a review's 8,000 « Merci » lines cost seconds when each one read all the lines below it).
  const below: number[] = new Array(lines.length + 1).fill(0);
  for (let i = lines.length - 1; i >= 0; i--) below[i] = below[i + 1]! + ((lines[i] ?? '').trim() === '' ? 0 : 1);
  for (let i = 0; i < lines.length; i++) {
    const t = (lines[i] ?? '').trim();
    // a mobile footer ends the text; what is above it may end in a sign-off or a name of its own (« Isabelle⏎⏎Obtenir
    // Outlook pour Android »): read again without the footer
    if (MOBILE.test(t) && !DELIMITER.test(lines[i] ?? '')) return stripSignature(lines.slice(0, i).join('\n'));
    if (DELIMITER.test(lines[i] ?? '')) {
      cut = i;
      name = firstName(lines, i + 1);
      break;
    }
    if (t.length <= 80 && CLOSING.test(t.replace(/^[*_]+|[*_]+$/g, '').replace(TRAILING_EMOJI, ''))) {
      if (below[i + 1]! <= MAX_TAIL_WITH_FOOTER && signOffTail(lines.slice(i + 1))) {
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
    } else if (tail !== null && tail > 0 && dashSigned(lines, tail) !== null) {
      // "-- Bea Schulz", "- Ana", « — Hugo Marin » over a role: a name signed after a dash
      cut = tail;
      name = dashSigned(lines, tail);
    } else if (tail !== null && tail > 0 && signedByTwo((lines[tail] ?? '').trim()) && !introduced(lines, tail)) {
      // « Paul & Marie », "Tom Becker and Ana Silva": two who sign together; neither is the one name of the sender —
      // unless the text announced the line (« Le titre serait :⏎⏎Patroni et Kubernetes »): then it is that, a title
      cut = tail;
    }
  }
  return { body: lines.slice(0, cut).join('\n').trimEnd(), name };
}

/** What follows a sign-off: a few short lines (name, title, company, phone, site…), then perhaps a legal footer. */
function signOffTail(tail: readonly string[]): boolean {
  const short = paragraphsOf(tail)
    .filter((p) => !DISCLAIMER.test(p.text))
    .flatMap((p) => tail.slice(p.start, p.end));
  return short.length <= MAX_TAIL && short.every((l) => l.trim().length <= 80);
}

/** The paragraphs (runs of non-blank lines) of `lines`: [start, end) and their text on one line. */
function paragraphsOf(lines: readonly string[]): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if ((lines[i] ?? '').trim() === '') continue;
    const start = i;
    while (i < lines.length && (lines[i] ?? '').trim() !== '') i++;
    out.push({ start, end: i, text: lines.slice(start, i).join(' ') });
  }
  return out;
}
/** Start of the last paragraph when it is short (at most 4 short lines) and not the only one. */
function trailingBlock(lines: readonly string[]): number | null {
  let end = lines.length;
  while (end > 0 && (lines[end - 1] ?? '').trim() === '') end--;
  let start = end;
  while (start > 0 && (lines[start - 1] ?? '').trim() !== '') start--;
  if (end - start === 0 || end - start > 4 || start === 0) return null;
  // A block opening on a table's row — two cells apart by a tab or a run of spaces (« Nom    Maëlle Dubois », a form's
  // answers as a notification lays them out) — is a table, not a name over a role: cut, its fields were lost.
  if (TABLE_ROW.test(lines[start] ?? '')) return null;
  return lines.slice(start, end).every((l) => l.trim().length <= 60) ? start : null;
}

/** Two cells of a row laid out as a table: text, a tab or two spaces and more, text. */
const TABLE_ROW = /\S(?:\t| {2,})[ \t]*\S/;

/** The last non-blank line above `at` ends on a colon: what follows is what it announces, not a signature. */
function introduced(lines: readonly string[], at: number): boolean {
  for (let j = at - 1; j >= 0; j--) {
    const t = (lines[j] ?? '').trim();
    if (t !== '') return /:$/.test(t);
  }
  return false;
}

/**
 * The name of a trailing block whose first line signs after a dash ("-- Bea Schulz", "- Ana", « — Hugo »), or null.
 * Not a list: no other line of the block is an item, and the line above announces nothing (« Au programme : »).
 */
function dashSigned(lines: readonly string[], at: number): string | null {
  const m = /^(-{1,2}|[–—~])[ \t]*(\p{Lu}[^\n]*?)[\s,.]*$/u.exec((lines[at] ?? '').trim());
  if (!m || !looksLikePersonName(m[2]!) || introduced(lines, at)) return null;
  // One dash is also a list's: it signs only under a finished sentence, not under a heading with no colon (« Les sujets
  // abordés⏎⏎- Freeze Maps »). Two are no list's (Horde's « -- Bea Schulz »).
  if (m[1] !== '--' && !/[.!?…)»"”]$/u.test(lineAbove(lines, at))) return null;
  for (let j = at + 1; j < lines.length && (lines[j] ?? '').trim() !== ''; j++) if (/^\s*(?:[-*•–—~]|\d+[.)])\s/.test(lines[j] ?? '')) return null;
  return m[2]!;
}

/** The last non-blank line above `at`, trimmed ('' when none). */
function lineAbove(lines: readonly string[], at: number): string {
  for (let j = at - 1; j >= 0; j--) {
    const t = (lines[j] ?? '').trim();
    if (t !== '') return t;
  }
  return '';
}

/** A line signed by two people: « Paul & Marie », « Paul et Marie Durand », "Tom Becker and Ana Silva". */
function signedByTwo(line: string): boolean {
  const m = /^(.+?)\s+(?:&|\+|et|and)\s+(.+?)[\s,.!]*$/u.exec(line.replace(/^[*_]+|[*_]+$/g, ''));
  return m !== null && looksLikePersonName(m[1]!) && looksLikePersonName(m[2]!) && line.length <= 60;
}

/**
 * The name on the first line of text below a sign-off, within 8 lines (3 before parse audit 10): an Outlook or Word HTML
 * mail gives each empty paragraph (« <p>&nbsp;</p> ») a line between blank ones (« Cordialement,⏎⏎ ⏎⏎Nathalie Lefèvre »).
 */
function firstName(lines: readonly string[], from: number): string | null {
  for (let j = from; j < Math.min(lines.length, from + 8); j++) {
    const t = (lines[j] ?? '').trim().replace(/^[*_]+|[*_]+$/g, '');
    if (t === '') continue;
    return looksLikePersonName(t) ? t : null;
  }
  return null;
}
