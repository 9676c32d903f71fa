/**
 * Proposal extraction: from one decoded mail, what is proposed (format, title, abstract, duration, language,
 * speakers, attachments), with every guess written down as a warning. `looksLikeProposal` is the cheap gate
 * the classification chain asks first; `extractProposal` runs only on mail that passed it.
 */
import type { Address, Mail, ParseContext, ProposalDraft, TalkFormat } from '../../types.ts';
import { isMachineAddress } from '../classify/signals.ts';
import { detectLanguage } from '../language.ts';
import { fold, squash, toLines, unquote, withoutImagePlaceholders } from '../text/fold.ts';
import { stripSignature } from '../text/signature.ts';
import { leadingEmojiOff } from '../text/names.ts';
import { unwrapProse, valueColumn, wrapWidth } from '../text/unwrap-prose.ts';
import { attachedText, POINTS_TO_ATTACHMENT, tnefWrapped, userAttachments } from './attachments.ts';
import { abstractFromProse } from './abstract.ts';
import { durationFromField, durationFromProse } from './duration.ts';
import { durationsIn } from './durations.ts';
import { matchLabel, outlineSpans, parseFields } from './fields.ts';
import { formatFromValue, mentionsLightning } from './formats.ts';
import { listedTitles, standaloneTitle, titleFromProse, topicFromProse } from './prose-title.ts';
import { offersNoTalk, proposalScore, THRESHOLD } from './score.ts';
import { proposalSource, proposalSourceUnless } from './source.ts';
import { findSpeakers } from './speakers.ts';
import { isGenericSubject, titleFromSubject, withoutLengthTail } from './subject.ts';
import { languageFromValue, languageStated } from './talk-language.ts';

export interface Extraction {
  proposal: ProposalDraft;
  /** What was guessed or could not be read. */
  warnings: string[];
}

export const DEFAULT_MINUTES: Readonly<Record<TalkFormat, number>> = { talk: 45, lightning: 5 };
const FORMAT_NAME: Readonly<Record<TalkFormat, string>> = { talk: 'a talk', lightning: 'a lightning talk' };
const MAX_TITLE = 200;
/** The longest lightning talk programmes have (5 to 15 minutes): anything longer is a talk. */
const LIGHTNING_MAX = 15;
const MAX_ABSTRACT = 5000;
/** Attachments a written proposal comes in: PDF, Word, OpenDocument, RTF, Markdown, plain text. */
const DOCUMENT = /^(?:application\/(?:pdf|msword|rtf|vnd\.openxmlformats-officedocument\.wordprocessingml\.document|vnd\.oasis\.opendocument\.text)|text\/(?:plain|markdown|rtf))$/;
const DOCUMENT_NAME = /\.(?:pdf|docx?|odt|rtf|md|txt)$/i;

/** Does this (non-automated, non-list) mail propose a talk? Used by the classification chain. */
export function looksLikeProposal(mail: Mail): boolean {
  // most mail never mentions a talk: known from the sender's own text, before a form's filler or a colleague passed on is looked for
  const src = proposalSourceUnless(mail, (own) => offersNoTalk(mail, own));
  return src !== null && proposalScore(mail, src).score >= THRESHOLD;
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

/**
 * A web form's notification sent by a robot (forms-receipts-noreply@, a site's noreply@) with no Reply-To: the filled-in
 * form — a labelled title, two more of a talk's fields and an e-mail address other than the robot's — is the person's proposal.
 */
export function filledInForm(mail: Mail): boolean {
  const text = proposalSource(mail).text.slice(0, 4000);
  const v = parseFields(toLines(text)).values;
  if (!v.title || (['speakers', 'duration', 'abstract', 'format', 'language'] as const).filter((k) => v[k]).length < 2) return false;
  const robot = mail.from?.email.toLowerCase();
  return (text.match(EMAIL) ?? []).some((e) => e.toLowerCase() !== robot);
}

/**
 * The writer of a form's notification sent by a robot (Google Forms, Tally, a site's form; no Reply-To naming the
 * person): never the robot, but the one person the form names, at the form's address other than the robot's (none:
 * the form's names alone speak).
 */
function formFiller(author: Address | null, named: string | undefined, body: string): Address | null {
  if (!author?.email || !named || !isMachineAddress(author)) return author;
  const name = named.split('\n')[0]!.trim();
  if (name === '' || /[,;&]|\b(?:et|and)\b/.test(name)) return null;
  const email = (body.match(EMAIL) ?? []).find((e) => e.toLowerCase() !== author.email.toLowerCase() && !name.includes(e));
  return email ? { name: name.replace(EMAIL, '').replace(/[<>()]/g, '').trim() || null, email } : null;
}

export function extractProposal(mail: Mail, ctx: ParseContext): Extraction {
  const warnings: string[] = [];
  const src = proposalSource(mail);
  const sig = stripSignature(src.text);
  // « 📌 "Title" », « ⏱️ 25 min »: emoji as bullets hide a line's shape from the readers below
  const body = leadingEmojiOff(sig.body);
  const lines = toLines(body);
  const fields = parseFields(lines);
  const v = fields.values;
  const subject = titleFromSubject(src.subject);
  const { prose, line, firm } = statedTitle(body, v);

  // the proposal written in an attached text file under a covering note (« Vous trouverez ci-joint ma proposition »,
  // "The abstract is attached as a text file"): what the note leaves out is read there
  const doc = documentRead(attachedText(src.parts));

  let title: string | null = null;
  if (firm !== null) title = firm;
  // « Proposition : index BRIN » over « je propose « Les index BRIN pour les séries temporelles » »: the subject is
  // the body's title in short, the body's is the talk's whole title
  else if (prose && subject.title && shorthandOf(subject.title, prose.title)) title = prose.title;
  else if (subject.tagged && subject.title && subject.separated) title = subject.title;
  else if (prose) title = prose.title;
  // « Submission for PG Paris » over a file whose « Title: » names the talk: the file's title is surer than the subject's words
  else if (doc?.title) {
    title = doc.title;
    warnings.push(`title taken from the attachment ${doc.filename}`);
  } else if (subject.tagged && subject.title) title = subject.title;
  else if (subject.title && !isGenericSubject(src.subject)) {
    title = subject.title;
    warnings.push('title not labelled: taken from the subject');
  }
  if (!title) {
    const topic = topicFromProse(body);
    if (topic) {
      title = topic;
      warnings.push('title not stated: taken from the topic the text names');
    }
  }
  // several talks offered in one mail: one proposal is filed, the organizers are told the others are in its text
  const listed = v.title ? [] : listedTitles(body);
  if (listed.length >= 2) warnings.push(`${listed.length} talks offered in one mail: the first is filed, the others are in its abstract (${listed.slice(1).map((t) => `« ${t} »`).join(', ')})`);
  // …or as the call's fields filled in twice under one label (« Titre : X … Durée : 40 min … Titre : Y »); a version
  // in the other language (« Titre : … » then "Title: …") is the same talk
  const twice = v.title ? titlesLabelledTwice(lines) : [];
  if (twice.length >= 2) warnings.push(`${twice.length} talks offered in one mail: the first is filed, the others only in the mail (${twice.slice(1).map((t) => `« ${t} »`).join(', ')})`);
  // "Title: Advisory locks for job queues, 20 minutes": the length is the slot's, read below, not the title's
  if (title) title = lengthTailCut(title, [body, src.subject], v.duration);
  if (title && title.length > MAX_TITLE) title = `${title.slice(0, MAX_TITLE - 1)}…`;
  if (!title) warnings.push('no title found');

  // the greeting and the intro over a title line are the covering letter; the description follows the title
  const used = linesTaken(fields.used, line, title);
  // the outline (« Déroulé : », "Outline:", « Plan : ») is part of the description
  const outline = outlineSpans(lines);
  for (const [from, to] of outline) for (let i = from; i < to; i++) used.delete(i);
  // the description from the lines as written, line for line the same (leadingEmojiOff keeps them where they are): its
  // emoji bullets (« ✅ how thresholds work ») are the writer's list, not a shape to read (review 10)
  let abstract = v.abstract ? v.abstract.trim() : abstractFromProse(toLines(sig.body), used, title, fields.rests);
  if (v.abstract && outline.length > 0) {
    const span = fields.spans.abstract;
    const apart = outline.filter(([from, to]) => !span || to <= span[0] || from >= span[1]);
    const text = apart.map(([from, to]) => lines.slice(from, to).map((l) => l.trim()).join('\n')).join('\n\n');
    if (text !== '') abstract = `${abstract}\n\n${text}`;
  }
  // the description as typed: the client's hard wrap (Gmail at 78, Thunderbird at 72) undone, at the width the body shows
  // an inline image's placeholder (« [cid:image001.png@…] », « [image: schema.png] ») is the client's, not the writer's
  if (abstract) abstract = withoutImagePlaceholders(abstract) || null;
  if (abstract) abstract = unwrapProse(abstract, wrapWidth(lines), v.abstract && fields.spans.abstract ? valueColumn(lines[fields.spans.abstract[0]], abstract) : 0);
  if (abstract && abstract.length > MAX_ABSTRACT) abstract = `${abstract.slice(0, MAX_ABSTRACT - 1)}…`;
  if (doc?.abstract && (!abstract || POINTS_TO_ATTACHMENT.test(fold(abstract)))) abstract = doc.abstract;
  const documents = userAttachments(src.parts).filter((a) => DOCUMENT.test(a.contentType) || DOCUMENT_NAME.test(a.filename));
  if (tnefWrapped(src.parts)) warnings.push("winmail.dat attached (Outlook's TNEF): what it holds is not read — if the speaker attached files, ask for them again as plain attachments");
  if (!abstract && documents.length > 0) warnings.push(`no abstract in the text: the description may be in the attachment ${documents.map((d) => d.filename).join(', ')}`);
  else if (!abstract) warnings.push('no abstract found');

  const span = fields.spans.abstract;
  // several talks listed, the first filed: the other items' lines give their own lengths and formats, not the first's
  // ("- "pg_dump tricks" (lightning)" over "- "Running PostgreSQL on ZFS" (30 min)")
  const notAbstract = withoutItems(span ? [...lines.slice(0, span[0]), ...lines.slice(span[1])].join('\n') : body, title !== null && listed[0] === title ? listed.slice(1) : []);
  // An abstract tells what the talk is about, and its numbers measure that ("the nightly job now finishes in 20
  // minutes"): there a duration counts only in a sentence about the talk itself ("le talk durerait 25 minutes").
  const durationIn = (blank: (t: string) => string) =>
    (v.duration ? durationFromField(v.duration) : null) ?? durationFromProse([blank(src.subject), blank(notAbstract)]) ?? durationFromProse([blank(v.abstract ?? '')], { aboutTheTalk: true });
  // « I'd like to present "Postgres in 5 minutes a day", about 30 minutes »: a length inside the title names no slot;
  // read the text with the title blanked (same length), and the title's own length only when nothing else says one
  const stated = (title ? durationIn((t) => blankOut(t, title!)) : null) ?? durationIn((t) => t) ?? doc?.duration ?? null;

  let format: TalkFormat | null = v.format ? formatFromValue(fold(v.format), v.format) : (doc?.format ?? null);
  if (!format && (mentionsLightning(fold(src.subject), src.subject) || mentionsLightning(fold(notAbstract), notAbstract))) {
    // "Lightning" named in passing — a topic ("Bitcoin Lightning Network"), last year's lightning talk, a fallback
    // ("ou un lightning talk si le programme est chargé") — next to a stated length no lightning talk has.
    if (stated && stated.minutes > LIGHTNING_MAX) warnings.push(`lightning mentioned but ${stated.minutes} minutes stated: taken as a talk`);
    else format = 'lightning';
  }
  if (!format && stated && stated.minutes <= 10) {
    format = 'lightning';
    warnings.push(`format not stated: a ${stated.minutes}-minute talk is taken as a lightning talk`);
  }
  format ??= 'talk';

  let durationMinutes: number;
  if (stated) {
    durationMinutes = stated.minutes;
    if (stated.range) warnings.push(`duration given as a range: took the upper bound, ${stated.minutes} minutes`);
    if (format === 'lightning' && stated.minutes > LIGHTNING_MAX) warnings.push(`a lightning talk of ${stated.minutes} minutes: check the format`);
  } else {
    durationMinutes = DEFAULT_MINUTES[format];
    warnings.push(`duration not stated: assumed ${durationMinutes} minutes for ${FORMAT_NAME[format]}`);
  }

  const language = talkLanguage(v.language, body, mail.text, warnings, src.senderText);

  const exclude = new Set([...ctx.ownAddresses, ...ctx.organizers].map((a) => a.toLowerCase()));
  if (src.forwardedBy?.email) exclude.add(src.forwardedBy.email.toLowerCase());
  // « Je vous transfère la proposition de Lucie, ci-jointe » over a file whose « Oratrice : » names her: the file says who
  // speaks when the note names no one, as its title and length do
  const named = v.speakers ?? doc?.speakers;
  // the block cut under the sign-off: « Alice Martin & Bruno Keller » who sign it together (parse audit 12)
  const signature = src.text.replace(/\r\n?/g, '\n').slice(sig.body.length);
  const sp = findSpeakers({ author: formFiller(src.author, named, body), signatureName: sig.name, field: named ?? null, fieldLine: fields.spans.speakers ? (lines[fields.spans.speakers[0]] ?? null) : null, body, cc: src.cc, exclude, own: new Set(ctx.ownAddresses.map((a) => a.toLowerCase())), signature });
  warnings.push(...sp.warnings);
  if (sp.speakers.length === 0) warnings.push('no speaker found');
  if (src.forwardedBy && src.author) warnings.push(`forwarded by ${src.forwardedBy.email}: speaker taken from the forwarded message`);

  return {
    proposal: { format, title, abstract, durationMinutes, language, speakers: sp.speakers, attachments: userAttachments(src.parts) },
    warnings,
  };
}

/**
 * The title a text states itself, surest first: a labelled field (« Titre : »), a strong sentence (« je propose
 * « X » »), a line of its own between the greeting (or the intro) and the description, whatever the intro says. The
 * mail's body and an attached proposal file are read alike; the mail then falls back on its subject and weaker prose.
 */
function statedTitle(text: string, v: { title?: string }) {
  // « Titre : à définir, vous préférez … ? », "Title: TBD": the label keeps the title's place, names none (the field
  // still counts as the form's for classify); the prose may name one, not its own lines read as a title's
  const labelled = v.title !== undefined && !NO_TITLE_YET.test(fold(v.title)) ? v.title : undefined;
  const read = labelled ? null : titleFromProse(text);
  // (the prose reader joins the label's line to the next: « TBD Durée : 20 minutes » is the placeholder again)
  const prose = read && v.title !== undefined && fold(read.title).toLowerCase().startsWith(fold(v.title).toLowerCase().trim()) ? null : read;
  const line = v.title !== undefined ? null : standaloneTitle(text);
  const firm = labelled ? unquote(squash(labelled.split('\n\n')[0] ?? labelled)) : prose?.strong ? prose.title : (line?.title ?? null);
  return { prose, line, firm };
}

/**
 * A labelled title that names none yet (folded): « à définir », « à venir », « pas encore (trouvé) », "TBD", "to be
 * decided", "not yet" — alone or before a comma, a stop, a question mark, a parenthesis or a spaced dash (review of
 * parse audit 12: « Titre : à définir, vous préférez un sujet sur les ORM ou sur les index ? » was the title).
 * « À venir : PostgreSQL 18 » (a colon after it) is a title.
 */
const NO_TITLE_YET = /^[\s*_«"“(]*(?:a (?:definir|venir|preciser|trouver|confirmer|determiner)|en cours(?: de reflexion)?|pas encore(?: (?:de titre|trouve|defini|choisi|fixe))?|tbd|tba|tbc|to be (?:defined|decided|determined|confirmed|announced|found)|not (?:yet )?(?:decided|chosen|sure)|not yet|none yet|undecided)[\s*_»"”)]*(?:$|\n|[,.;(!?…]|\s[-–—]\s)/iu;

/** The lines that are not description: the labelled fields', and with a title on a line of its own, the lines up to it. */
function linesTaken(fieldLines: Iterable<number>, line: { line: number; title: string } | null, title: string | null): Set<number> {
  return new Set(line && title === line.title ? [...fieldLines, ...Array.from({ length: line.line + 1 }, (_, i) => i)] : fieldLines);
}

/** What an attached text file says of the talk: its labelled fields, or its title in prose or on a line of its own, its description. */
function documentRead(doc: { filename: string; text: string } | null) {
  if (!doc) return null;
  const lines = toLines(doc.text);
  const fields = parseFields(lines);
  const v = fields.values;
  const { line, firm: title } = statedTitle(doc.text, v);
  const used = linesTaken(fields.used, line, title);
  const abstract = v.abstract ? v.abstract.trim() : abstractFromProse(lines, used, title, fields.rests);
  const duration = (v.duration ? durationFromField(v.duration) : null) ?? durationFromProse([v.abstract ? lines.filter((_, i) => !used.has(i)).join('\n') : doc.text]);
  const format = v.format ? formatFromValue(fold(v.format), v.format) : null;
  return { filename: doc.filename, speakers: v.speakers, title: title && title.length <= MAX_TITLE ? title : null, abstract: abstract && abstract.length > MAX_ABSTRACT ? `${abstract.slice(0, MAX_ABSTRACT - 1)}…` : abstract, duration, format };
}

/**
 * The title without a length set apart after it (withoutLengthTail) — unless the length is the title's own: the writer
 * quotes the title with it (« Une requête, une heure », "Zero to replica - 10 minutes" in quotes), or a labelled length
 * says another (« Titre : Backup, restore, 15 minutes » over « Durée : 30 minutes ») — review of parse audit 9: both were
 * cut to « Une requête », « Backup, restore », and the slot read from the cut length.
 */
function lengthTailCut(title: string, texts: readonly string[], labelledDuration: string | undefined): string {
  const cut = withoutLengthTail(title);
  if (cut === title) return title;
  const esc = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  if (texts.some((t) => new RegExp(`[«"“]\\s*${esc}\\s*[»"”]`, 'u').test(t))) return title;
  const labelled = labelledDuration ? durationFromField(labelledDuration) : null;
  const own = durationsIn(fold(title.slice(cut.length)))[0];
  return labelled && own && labelled.minutes !== own.minutes ? title : cut;
}

/** Fewer words than this in the proposal's own text are too few for the trigram guess when the sender wrote more. */
const FEW_WORDS = 15;

function talkLanguage(field: string | undefined, body: string, fullText: string | null, warnings: string[], senderText?: string): ProposalDraft['language'] {
  if (field) {
    const l = languageFromValue(fold(field));
    if (l) return l;
  }
  const stated = languageStated(fold(body.slice(0, 8000)));
  if (stated) {
    if (!stated.ambiguous) return stated.language;
    // « en français ou en anglais », "in French or English": either will do, and the mail's own language is the one the
    // speaker chose to write in (the first named when it cannot be told)
    const own = detectLanguage(body) ?? detectLanguage(fullText);
    const language = own ?? stated.language;
    warnings.push(`talk language: both French and English mentioned, took ${language === 'fr' ? 'French' : 'English'}${own ? ', the language of the mail' : ''}`);
    return language;
  }
  // « Title: Data retention with partition detach / Duration: 30 minutes » under "My manager, Jane Roe (…), asked me to
  // submit her talk proposal:" — the fields alone were guessed French (parse audit 9); the sender's whole text decides
  const few = senderText !== undefined && (body.match(/\p{L}+/gu) ?? []).length < FEW_WORDS;
  const lang = (few ? detectLanguage(senderText) : null) ?? detectLanguage(body) ?? detectLanguage(fullText);
  if (!lang) warnings.push('talk language not stated and not recognised');
  return lang;
}

/** The titles given under one same title label on several lines (« Titre : X », later « Titre : Y »), when two or more differ. */
function titlesLabelledTwice(lines: readonly string[]): string[] {
  const byLabel = new Map<string, string[]>();
  for (const line of lines) {
    const l = matchLabel(line);
    if (l?.field !== 'title' || l.inline === '') continue;
    const label = fold(line.split(/[:：]/)[0] ?? '').replace(/[^a-z ]+/g, ' ').trim();
    const title = unquote(squash(l.inline));
    const seen = byLabel.get(label) ?? [];
    if (!seen.includes(title)) byLabel.set(label, [...seen, title]);
  }
  return [...byLabel.values()].find((t) => t.length >= 2) ?? [];
}

/**
 * `text` with the items that name one of `titles` blanked (same length): the line naming it and the lines wrapped under
 * it, up to a blank line or the next item — what they say is another talk's.
 */
function withoutItems(text: string, titles: readonly string[]): string {
  if (titles.length === 0) return text;
  let inItem = false;
  return text
    .split('\n')
    .map((l) => {
      if (titles.some((t) => l.includes(t))) inItem = true;
      else if (l.trim() === '' || /^\s*(?:\d{1,2}[.)]|[-*•])\s/.test(l)) inItem = false;
      return inItem ? ' '.repeat(l.length) : l;
    })
    .join('\n');
}

/** `text` with every occurrence of `part` replaced by spaces: positions hold, the words are gone. */
function blankOut(text: string, part: string): string {
  return part.length < 3 ? text : text.split(part).join(' '.repeat(part.length));
}

/** Words a subject adds to name the format, not the topic: « Proposition : atelier réplication ». */
const FORMAT_NOUNS = new Set(['talk', 'lightning', 'lt', 'atelier', 'workshop', 'presentation', 'conference', 'expose', 'tutoriel', 'tutorial', 'demo', 'eclair', 'keynote']);

/**
 * Every word of `short` (but its format's) is in `long`, which says more: a subject naming the talk by a few of its title's
 * words. Or the same words cased otherwise: "Workshop proposal: hands-on query tuning" over « run a workshop, "Hands-on
 * query tuning" » — the title as the writer quoted it in the text, not as it followed a colon in the subject (parse audit 11).
 */
function shorthandOf(short: string, long: string): boolean {
  const words = (t: string) => fold(t).split(/[^\p{L}\p{N}_]+/u).filter((w) => w.length > 0);
  const inLong = new Set(words(long));
  const own = words(short).filter((w) => !FORMAT_NOUNS.has(w) || inLong.has(w));
  // the same letters, accents too: « Réplication logique » is not to give way to a phone's « replication logique » (review
  // of parse audit 11)
  const cased = (t: string) => t.normalize('NFC').toLowerCase().split(/[^\p{L}\p{N}_]+/u).filter((w) => w.length > 0 && !FORMAT_NOUNS.has(fold(w))).join(' ');
  if (own.length > 0 && own.join(' ') === words(long).join(' ') && cased(short) === cased(long) && short.trim() !== long.trim()) return true;
  return own.length > 0 && inLong.size > own.length && own.every((w) => inLong.has(w));
}
