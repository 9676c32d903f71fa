/**
 * Labelled fields and headings: "Titre : …", "**Résumé**", "## Abstract", an <h2> turned into its own line.
 * Reads the body line by line; a field's value is its inline text and, for multi-line fields, the lines up to
 * the next label. The first occurrence of a field wins (a later "Title:" is usually in a quoted or pasted mail).
 * A label starts its line: one inside a parenthesis that a sentence opened is not one, and a line opening with
 * "(title: X)" gives X alone, only when no labelled line gives that field.
 */
import { boundedMemo } from '../bounded-memo.ts';
import { fold } from '../text/fold.ts';
import { looksLikePersonName } from '../text/names.ts';
import { fieldOf, FORMAT_WORDS, namePartOf, ONE_LINE_TERMS, OUTLINE_TERMS, type Field, type NamePart } from './labels.ts';
import { durationsIn } from './durations.ts';

/** One line's label, frozen: matchLabel gives the same object to every reader of that line. */
export interface LabelLine {
  readonly field: Field;
  /** Text after the colon on the same line (may be empty). */
  readonly inline: string;
  /** The label was a heading (Markdown #, bold on its own line, or a bare label line). */
  readonly heading: boolean;
  /**
   * A parenthesised aside at the start of a line, "(title: X), around 30 minutes.": its value is X alone, and the
   * line stays prose (often the end of a sentence wrapped from the line before).
   */
  readonly aside?: boolean;
  /** Half of the speaker's name asked for by a form: « Prénom : Camille », « Nom : Rousseau » (joined by parseFields). */
  readonly namePart?: NamePart;
  /** An 'other' label with a one-line value (« Niveau : débutant », ONE_LINE_TERMS): it ends at the first blank line. */
  readonly oneLine?: boolean;
}

export interface Fields {
  values: Partial<Record<Field, string>>;
  /** Line indexes of label lines and of the lines their values took: everything that is not prose. */
  used: Set<number>;
  /** Lines [from, to) each field's value was read from (first occurrence). */
  spans: Partial<Record<Field, readonly [number, number]>>;
  /**
   * Label lines whose value ended before the line did, and the prose that follows it there: « Mon sujet : « X ». Je
   * raconterai… » gives the title X, and « Je raconterai… » is the abstract's.
   */
  rests: ReadonlyMap<number, string>;
  count: number;
}

const MAX_LABEL = 48;
/**
 * What a form's or a call-for-papers tool's notification mail (Google Forms, Typeform, Tally, pretalx) writes under the
 * answers: links to the responses, to the form, to the submission (parse audit 11 — taken into the abstract before).
 */
export const FORM_NOTICE =
  /^(?:you can (?:view|see|review) (?:the|this|all) (?:submission|proposal|response|answer)s?\b|view (?:all |the |this )?(?:responses?|submissions?|answers?)\b|view (?:it )?in (?:typeform|tally|pretalx|google forms)\b|edit this form\b|manage (?:your )?notifications\b|(?:afficher|voir) (?:toutes )?(?:les|la|cette) (?:reponses?|soumissions?)\b|voir dans (?:tally|typeform|pretalx)\b|modifier ce formulaire\b|repondre\s*[·|-]\s*voir\b)/i;
const MULTILINE: ReadonlySet<Field> = new Set(['abstract', 'speakers', 'other']);
/** Opening and closing quotes a value may be wrapped in. */
const QUOTES: Readonly<Record<string, string>> = { '"': '"', '“': '”', '”': '”', '„': '“', '«': '»', '‘': '’', "'": "'" };

/**
 * A proposal's lines are asked for their label several times over (issue 12): proposalScore's sample for each source it
 * weighs, then extractProposal's fields, its outline (outlineSpans, twice a line) and its titles labelled twice, and the
 * prose title's candidates — 72 % of the calls over tests/fixtures/proposals gave a line asked before in the same mail.
 * The answer is the line's alone (labels.ts's tables are constants): kept by the exact line, for the last LABEL_MEMO
 * lines; a line longer than MEMO_LINE (a paragraph sent as one line, a hostile one) is read each time, so that the memo
 * holds at most LABEL_MEMO × MEMO_LINE characters.
 */
const LABEL_MEMO = 512;
const MEMO_LINE = 2000;
const labelKept = boundedMemo(labelOf, LABEL_MEMO);

export function matchLabel(line: string): LabelLine | null {
  return line.length <= MEMO_LINE ? labelKept(line) : labelOf(line);
}

/** matchLabel's reading, frozen: one answer is shared by every caller (and every mail) that asks for the same line. */
function labelOf(line: string): LabelLine | null {
  const label = readLabel(line);
  return label && Object.freeze(label);
}

function readLabel(line: string): LabelLine | null {
  const raw = line.trim();
  // no limit on the length: Gmail, Outlook and Apple Mail send a whole paragraph as one line after its label
  if (raw === '') return null;
  const hashes = /^#{1,6}\s*/.exec(raw);
  let t = raw.replace(/^#{1,6}\s*/, '').replace(/^[-•·]\s+/, '');
  const emphasized = /^(\*\*|__|\*|_)/.test(t);
  t = t.replace(/^[*_]+\s*/, '');
  // "Title - Partial indexes", « Titre – Les index partiels »: a known label before a spaced dash is one too
  const dashed = dashLabel(t) ?? columnLabel(t) ?? pipeLabel(t);
  if (dashed) return dashed;
  const colon = t.search(/[:：]/);
  if (colon > 0 && colon <= MAX_LABEL) {
    const label = t.slice(0, colon).replace(/[*_\s]+$/, '');
    // a URL or a time ("https://", "à 19:00") is not a label
    if (t.startsWith('//', colon + 1) || /\d\s*$/.test(t.slice(0, colon))) return null;
    // a bracket still open before the colon: the "label" is inside a parenthesis that belongs to a sentence
    if (unclosed(label)) return /^[([]/.test(label) && !unclosed(label.slice(1)) ? aside(label.slice(1), t.slice(colon + 1), label[0]!) : null;
    const field = fieldOf(fold(label));
    if (field) {
      const inline = closingEmphasisOff(t.slice(colon + 1).replace(/^[*_\s]+/, ''));
      if (field === 'title' && describes(inline)) return null;
      const part = field === 'speakers' ? namePartOf(fold(label)) : null;
      if (part) return { field, inline, heading: inline === '', namePart: part };
      return field === 'other' && inline !== '' && ONE_LINE_TERMS.has(fold(label).trim()) ? { field, inline, heading: false, oneLine: true } : { field, inline, heading: inline === '' };
    }
    return null;
  }
  // heading without colon: the whole line is a label (a short one: a long line is prose)
  if (t.length > MAX_LABEL * 2) return null;
  const whole = t.replace(/[*_\s]+$/, '');
  if (whole.length > MAX_LABEL || whole.length < 3) return null;
  if (FORMAT_WORDS.test(fold(whole))) return null;
  const field = fieldOf(fold(whole));
  if (!field) return null;
  // a bare word on its own line is a heading only when marked, or when it is an exact table term
  if (!hashes && !emphasized && field === 'other') return null;
  return { field, inline: '', heading: true };
}

/**
 * « Le sujet : comment nous avons migré une table de 4 To … Je parlerai des pièges … »: after a title's label, several
 * sentences (a long text, not quoted, going on after a sentence's end) describe the talk; they are prose, not its title.
 */
function describes(value: string): boolean {
  return value.length > 120 && !/^[«"“„‘']/.test(value) && /\p{L}[.!?]\s+\p{Lu}[^.!?]{20,}/u.test(value);
}

/** A label set apart by a spaced dash: a short one (four words at most) naming a proposal's field, before any colon. */
const DASH_LABEL = /^([^:：\n]{2,40}?)\s+[-–—]\s+(\S.*)$/;
const dashLabel = (t: string): LabelLine | null => separatedLabel(DASH_LABEL, t);

/**
 * A label set apart without a colon (DASH_LABEL, COLUMN_LABEL): a short one, four words at most and not ending in a
 * number, naming one of the proposal's own fields — "Notes - …", "Bio - …" are too common a way of starting a sentence.
 */
function separatedLabel(re: RegExp, t: string): LabelLine | null {
  const m = re.exec(t);
  if (!m) return null;
  const label = m[1]!.replace(/[*_\s]+$/, '');
  if (label.split(/\s+/).length > 4 || /\d\s*$/.test(label)) return null;
  const field = fieldOf(fold(label));
  if (!field || field === 'other') return null;
  const inline = closingEmphasisOff(m[2]!.replace(/^[*_\s]+/, ''));
  // « Nom    Maëlle Dubois », "Full name | Elena Popescu": a form's table asks for the name in a column of its own
  // (a dash after « Nom » is a sentence's: "Name - not sure yet")
  const part = namePartOf(fold(label));
  if (part) return re === DASH_LABEL ? null : { field, inline, heading: false, namePart: part };
  return { field, inline, heading: false };
}

/**
 * A form typed as a table (HTML, Word) comes out as columns: a short label, then a tab or three spaces or more, then the
 * value — « Titre    Sécurité des données avec pgcrypto », "Durée⇥30 min". Only the proposal's own fields, as for a dash.
 * A form pasted from a printed page leads the eye with dots: "Talk title ........ Zero-downtime schema changes" (four or more).
 */
// (a pipe is a Markdown table's column, PIPE_LABEL's: « | Titre      | Les index BRIN | » padded with spaces is no label
// « | Titre » over a value « | Les index BRIN | » — parse audit 13)
const COLUMN_LABEL = /^([^|:：\t\n]{2,40}?)(?:\t+| {3,}|[ \t]*(?:\.{4,}|…{2,})[ \t]*)([^|\s].*)$/;
const columnLabel = (t: string): LabelLine | null => separatedLabel(COLUMN_LABEL, t);
/** The same form typed as a Markdown table: « | Titre | Les nouveautés de PostgreSQL 18 | », "Duration | 40 min". */
const PIPE_LABEL = /^\|?[ \t]*([^|:：\t\n]{2,40}?)[ \t]*\|[ \t]*([^|\s][^|\n]*?)[ \t]*\|?[ \t]*$/;
const pipeLabel = (t: string): LabelLine | null => separatedLabel(PIPE_LABEL, t);

/** "Résumé :** text **" → "text": a closing "**" or "__" and the spaces around it (linear: values may be long). */
function closingEmphasisOff(value: string): string {
  let v = value.trimEnd();
  if (v.endsWith('**') || v.endsWith('__')) v = v.slice(0, -2);
  return v.trim();
}

/** Does the text open a parenthesis or bracket it does not close? */
function unclosed(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === '(' || ch === '[') depth++;
    else if ((ch === ')' || ch === ']') && depth > 0) depth--;
  }
  return depth > 0;
}

/**
 * "(talk title: "Leaving MySQL"), around 30 minutes." — a label opening a parenthesis at the start of a line: the
 * value is what the parenthesis holds, or the quoted text it starts with; nothing when it is not closed on the line.
 */
function aside(label: string, rest: string, open: string): LabelLine | null {
  const field = fieldOf(fold(label.replace(/[*_\s]+$/, '')));
  if (!field) return null;
  const close = open === '[' ? ']' : ')';
  let value = rest.replace(/^[*_\s]+/, '');
  const q = QUOTES[value[0] ?? ''];
  if (q) {
    // the closing quote is the one not followed by a letter ("'Postgres's secrets'")
    const end = value.slice(1).search(new RegExp(`${q}(?![\\p{L}])`, 'u'));
    if (end < 0) return null;
    value = value.slice(1, end + 1);
  } else {
    const end = value.indexOf(close);
    if (end < 0) return null;
    value = value.slice(0, end);
  }
  const inline = value.replace(/[*_\s]+$/, '').trim();
  return inline === '' ? null : { field, inline, heading: false, aside: true };
}

export function parseFields(lines: readonly string[]): Fields {
  const labels = lines.map((l) => matchLabel(l));
  const values: Partial<Record<Field, string>> = {};
  const used = new Set<number>();
  const spans: Partial<Record<Field, readonly [number, number]>> = {};
  let count = 0;
  const asides: Partial<Record<Field, number>> = {};
  const rests = new Map<number, string>();
  for (let i = 0; i < lines.length; i++) {
    const lab = labels[i];
    if (!lab) continue;
    // bare headings count only when something follows them before the next label
    count++;
    if (lab.aside) {
      // the value is the aside's alone, and only when no labelled line gives the field; the line stays prose
      if (!(lab.field in asides)) asides[lab.field] = i;
      continue;
    }
    used.add(i);
    const take: string[] = lab.inline ? [lab.inline] : [];
    let j = i + 1;
    // « Nom : Rousseau » is one line of a form: the next line is the next question, not more names
    if ((MULTILINE.has(lab.field) && !lab.namePart) || take.length === 0) {
      let seenText = take.length > 0;
      // an aside belongs to the text around it: it does not end a value
      for (; j < lines.length && (!labels[j] || labels[j]!.aside); j++) {
        const l = (lines[j] ?? '').trim();
        if (l === '') {
          // single-line fields end at the first blank line after their text
          if (seenText && (!MULTILINE.has(lab.field) || lab.oneLine)) break;
          if (take.length > 0) take.push('');
          continue;
        }
        // the notification's own lines under a form's last answer (« Afficher toutes les réponses », "You can view the
        // submission at …"): the tool's, not the speaker's — they end the value and are no prose either
        if (FORM_NOTICE.test(fold(l))) {
          used.add(j);
          break;
        }
        take.push(l);
        seenText = true;
        used.add(j);
      }
    }
    const lead = lab.field === 'title' && lab.inline ? quotedLead(lab.inline) : null;
    if (lead) {
      take[0] = lead.quoted;
      if (lead.rest !== '') rests.set(i, lead.rest);
    }
    // « Sujet proposé : la sécurité des rôles… » then « Titre provisoire : Rôles et privilèges… »: a label that says title
    // names the talk's title surer than one naming its subject (sujet, topic, proposition) — it replaces that one
    const surer = lab.field === 'title' && spans.title !== undefined && namesTitle(lines[i]!, lab) && !namesTitle(lines[spans.title[0]]!, labels[spans.title[0]]!);
    const v = take.join('\n').replace(/\n{3,}/g, '\n\n').trim();
    // « Participants : 20 maximum », "Participants: beginners welcome": a workshop's participants are its audience, a round
    // table's its speakers — the label lists speakers only when its value names people (review of parse audit 11)
    const field = lab.field === 'speakers' && AUDIENCE_OR_SPEAKERS.test(fold(labelPart(lines[i]!, lab))) && !namesPeople(v) ? 'other' : lab.field;
    if ((values[field] === undefined || surer) && v !== '') {
      values[field] = v;
      spans[field] = [i, j];
    }
  }
  for (const [field, i] of Object.entries(asides) as [Field, number][]) {
    if (values[field] !== undefined) continue;
    values[field] = labels[i]!.inline;
    spans[field] = [i, i + 1];
  }
  joinNameParts(labels, values, spans);
  if (values.title === undefined) {
    const h = headingTitle(lines, labels);
    if (h !== null) {
      values.title = lines[h]!.trim().replace(/^#{1,6}\s+/, '').replace(/\s+#+\s*$/, '').replace(/^[*_]+|[*_]+$/g, '').trim();
      spans.title = [h, h + 1];
      used.add(h);
    }
  }
  return { values, used, spans, rests, count };
}

/** A label naming the people taking part (folded), who are the audience as often as the speakers. */
const AUDIENCE_OR_SPEAKERS = /\bparticipants?\b/;

/** What comes before a label line's value: its label. */
function labelPart(line: string, lab: LabelLine): string {
  const at = lab.inline !== '' ? line.lastIndexOf(lab.inline) : -1;
  return at > 0 ? line.slice(0, at) : line;
}

/**
 * Does a value list people as they are written: « Julie Caron (Dalibo), Marc Olivier », "Ann Lee <ann@x.example>" — not
 * « 20 maximum », "beginners welcome", « développeurs et DBA » (two words at least: one alone may be a job, "DBA").
 */
function namesPeople(value: string): boolean {
  return value.split(/\n|;|,|\s+(?:et|and|&)\s+/).some((item) => {
    const t = item.replace(/<[^>]*>|\([^)]*\)|\[[^\]]*\]/g, ' ').replace(/^\s*[-*•]\s*/, '').trim();
    return item.includes('@') || (t.split(/\s+/).length >= 2 && looksLikePersonName(t));
  });
}

/** The words of a title label (folded): « Titre », "Title", « Intitulé », not « Sujet », "Topic" or « Proposition ». */
const TITLE_WORD = /\b(?:titres?|titles?|intitule|titulo|titel|titolo)\b/;

/** Does the label of `line` (what comes before its value) say title? */
function namesTitle(line: string, lab: LabelLine | null): boolean {
  const at = lab && lab.inline !== '' ? line.lastIndexOf(lab.inline) : -1;
  return TITLE_WORD.test(fold(at > 0 ? line.slice(0, at) : line));
}

/**
 * A value that opens with a quoted phrase ended by a sentence ("« Migrer de MySQL à PostgreSQL ». Je raconterai…",
 * '"Vacuum internals". I'll show…', "« X »." alone): the quoted phrase, and the prose after it. Null when the value is
 * not so: a quoted part the title goes on from ('"Vacuum" considered harmful', '"Postgres": the good parts').
 * A parenthesis after the quotes is the title's (« « Partitionnement en production » (partie 2 : détacher sans
 * bloquer) ») unless it is an aside on the length, format or language ("(30 min)"); only a sentence (a capital after
 * a period), a clause after a semicolon or one that reads as prose (« , dans lequel je montre… ») goes to the abstract.
 */
export function quotedLead(value: string): { quoted: string; rest: string } | null {
  const v = value.trim();
  const close = QUOTES[v[0] ?? ''];
  if (!close) return null;
  // the closing quote is the one not followed by a letter ("'Postgres's secrets'")
  const end = v.slice(1).search(new RegExp(`[${close}${close === '’' ? "'" : ''}](?![\\p{L}])`, 'u'));
  if (end < 0) return null;
  const quoted = v.slice(1, end + 1).trim();
  const after = v.slice(end + 2);
  if (quoted.length < 3) return null;
  let title = quoted;
  let tail = after;
  const paren = /^\s*\(([^()\n]*)\)/.exec(tail);
  if (paren && !TITLE_ASIDE.test(fold(paren[1]!)) && durationsIn(fold(paren[1]!)).length === 0) {
    title = `${quoted} (${paren[1]!.trim()})`;
    tail = tail.slice(paren[0].length);
  }
  if (tail.trim() === '') return { quoted: title, rest: '' };
  if (/^\s*(?:[.!?]+(?:\s*$|\s+[\p{Lu}\p{N}«"“‘'(])|;)/u.test(tail) || PROSE_CLAUSE.test(fold(tail))) {
    return { quoted: title, rest: tail.replace(/^\s*(?:[.!?;]+|,|[-–—])\s*/, '').trim() };
  }
  // "« X » (30 min)": an aside after the title is no part of it
  if (title === quoted && /^\s*\(/.test(tail)) return { quoted, rest: tail.trim() };
  return null;
}

/** A parenthesis after a quoted title that tells its format or language, not more of its name (folded). */
const TITLE_ASIDE =
  /^\s*(?:(?:lightning(?: talk)?|talk|workshop|atelier|keynote|eclair|conference|expose|presentation|tutorial|tutoriel|en (?:francais|anglais)|in (?:english|french)|english|french|anglais|francais|fr|en|slides?(?: in english| en anglais)?)\s*(?:[,;/+&]\s*|$))+$/;
/**
 * After a quoted title, a comma or dash then a clause of prose: « , dans lequel je montre… », "— I'll show how…", or
 * what the talk is and how long ("- a fun 20 minute demo", « , un talk de 30 minutes », "— about 25 min") (folded);
 * « , ou comment… » and "— a love story" go on with the title, as does "— a demo-driven tour of …" (a talk noun
 * inside a compound qualifies the subtitle, it does not say what the talk is).
 */
const PROSE_CLAUSE =
  /^\s*(?:,|[-–—])\s*(?:(?:i|i'll|i'd|i'm|we|we'll|we'd|je|j'|nous|where|in which|dans lequel|dans laquelle|qui|which)(?=[\s']|$)|(?:(?:a|an|un|une|my|our|mon|notre)\s+(?:[\w'-]+\s+){0,3}?(?:\d+[\s-]*(?:min|mins|minutes?|mn|h)\b|(?:talk|demo|presentation|lightning|expose|conference|session|workshop|atelier)s?\b(?!-))|(?:about|around|environ|approx\.?|~)?\s*\d+\s*(?:min|mins|minutes?|mn)\b))/;

/** How far apart the two halves of a name may be in a form (the lines between are other questions). */
const NAME_PARTS_APART = 3;
const ADDRESS = /^<?([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)>?$/;

/**
 * « Nom : Rousseau » and « Prénom : Camille » (or "Last name" / "First name") name one person: the speakers' value
 * is « Camille Rousseau », with the address an « Email : » line of the same form gives.
 */
function joinNameParts(labels: readonly (LabelLine | null)[], values: Partial<Record<Field, string>>, spans: Partial<Record<Field, readonly [number, number]>>): void {
  const given = labels.findIndex((l) => l?.namePart === 'given' && l.inline !== '');
  if (given < 0) return;
  let family = -1;
  for (let k = Math.max(0, given - NAME_PARTS_APART); k <= given + NAME_PARTS_APART && k < labels.length; k++) {
    if (labels[k]?.namePart === 'family' && labels[k]!.inline !== '') {
      family = k;
      break;
    }
  }
  if (family < 0) return;
  // a speakers' field of its own ("Orateurs : …") says more than the form's name lines
  const span = spans.speakers;
  if (span && span[0] !== given && span[0] !== family) return;
  const from = Math.min(given, family);
  const to = Math.max(given, family) + 1;
  let email: string | null = null;
  for (let k = Math.max(0, from - NAME_PARTS_APART); k < to + NAME_PARTS_APART && k < labels.length; k++) {
    const m = labels[k]?.field === 'other' ? ADDRESS.exec(labels[k]!.inline) : null;
    if (m) {
      email = m[1]!;
      break;
    }
  }
  const g = labels[given]!.inline.replace(/\s+/g, ' ').trim();
  const f = labels[family]!.inline.replace(/\s+/g, ' ').trim();
  // « Nom : Rousseau Camille » already holds the given name: the family line is the whole name
  const name = fold(` ${f} `).includes(` ${fold(g)} `) ? f : `${g} ${f}`;
  values.speakers = email ? `${name} <${email}>` : name;
  spans.speakers = [from, to];
}

/**
 * "# Zero-downtime schema migrations with pgroll": the first Markdown heading of the body, when it is no label, is the
 * talk's title. A heading is set apart (a blank line or a label after it); a "# comment" over a shell command, inside
 * a code fence or indented, is code.
 */
function headingTitle(lines: readonly string[], labels: readonly (LabelLine | null)[]): number | null {
  let fenced = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      continue;
    }
    if (fenced || !/^ {0,3}#{1,6}[ \t]+\S/.test(line)) continue;
    // the first heading is a label ("## Abstract"): the document's headings are its fields, none is the title
    if (labels[i]) return null;
    const text = line.trim().replace(/^#{1,6}\s+/, '').replace(/\s+#+\s*$/, '').trim();
    const next = lines[i + 1];
    const apart = next === undefined || next.trim() === '' || labels[i + 1] != null;
    const before = lines[i - 1];
    const after = before === undefined || before.trim() === '' || /^ {0,3}#/.test(before);
    return apart && after && text.length >= 3 && text.length <= 200 && /\p{L}/u.test(text) ? i : null;
  }
  return null;
}

const OUTLINE_ITEM = /^\s*(?:[-*•·–]|\d{1,2}[.)])\s+\S/;

/**
 * The talk's outline under « Déroulé : », "Outline:", « Plan : », "Agenda:": [from, to) line ranges, the label's line
 * included. The list runs to the next label, or to a blank line that no list item follows.
 */
export function outlineSpans(lines: readonly string[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < lines.length; i++) {
    const lab = matchLabel(lines[i] ?? '');
    if (!lab || lab.field !== 'other' || lab.aside) continue;
    const label = fold((lines[i] ?? '').trim().replace(/^[#*_\s>-]+/, '').split(/[:：]/)[0] ?? '').replace(/[*_]+/g, '').trim();
    if (!OUTLINE_TERMS.has(label)) continue;
    let j = i + 1;
    for (; j < lines.length; j++) {
      const l = (lines[j] ?? '').trim();
      if (l === '') {
        // a blank line ends the outline unless a list item follows it (a list spaced out, or under a blank after its label)
        const next = lines.slice(j + 1).find((x) => x.trim() !== '');
        if (next === undefined || !OUTLINE_ITEM.test(next)) break;
        continue;
      }
      if (matchLabel(l) && !matchLabel(l)!.aside) break;
    }
    while (j > i + 1 && (lines[j - 1] ?? '').trim() === '') j--;
    if (lab.inline !== '' || j > i + 1) out.push([i, j]);
    i = j - 1;
  }
  return out;
}
