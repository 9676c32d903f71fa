/**
 * Template data for the mails about a proposal: everything a template shows, already worded for its
 * locale (sizes, durations, dates, reply verbs), so templates hold no logic beyond loops and conditionals.
 * Pure: the caller passes the group (from config), the reply address (with its token) and the clock's dates.
 *
 * Every field exists in every object (null when there is nothing to say): the template engine treats an
 * absent key as a bug.
 */
import type { Address, Language, ProposalDraft } from '../../types.ts';
import { formatDate } from './dates.ts';
import { textToHtml } from './escape.ts';
import { formatSize, LABELS } from './labels.ts';
import { organizerVerbsFor, SPEAKER_VERBS, type VerbHelp } from './verbs.ts';
import { wrapText } from './wrap.ts';
import { squash } from '../text/fold.ts';
import { closeBidi } from '../text/bidi.ts';
import { sentinel } from '../compose/mime-template.ts';
import { boundedMemo } from '../bounded-memo.ts';

export interface ProposalForMail extends ProposalDraft {
  ref: string;
}

export interface MailContext {
  /** From config `group` (name, timezone; locale there is the group default, not this mail's). */
  group: { name: string; timezone: string };
  locale: Language;
  /** `talks+TOKEN@domain`: where a reply to this mail goes. */
  replyAddress: string;
  receivedAt: Date | null;
}

/** What every mail gives the shared layout. */
export interface LayoutData {
  lang: Language;
  group: { name: string };
  preheader: string;
  /**
   * A line under the group's name, which the layout prints just above it: the French notes say « du groupe », « ce
   * groupe », not « de ${name} » — « aux organisateurs de Groupe d'Utilisateurs… » where a group's name opens on a common
   * noun (SPEC's own example) wants « du », and no rule on a name the config gives can tell.
   */
  footerNote: string | null;
  /** The footer note re-flowed for the text part. */
  footerNoteText: string | null;
  unsubscribeUrl: string | null;
  unsubscribeLabel: string;
}

/** The layout's part of the data; later mails (announcements, digests) build theirs with it too. */
export function layoutData(
  locale: Language,
  group: { name: string },
  opts: { preheader: string; footerNote: string | null; unsubscribeUrl?: string | null },
): LayoutData {
  return {
    lang: locale,
    group: { name: group.name },
    preheader: opts.preheader,
    footerNote: opts.footerNote,
    footerNoteText: opts.footerNote ? footerText(opts.footerNote) : null,
    unsubscribeUrl: opts.unsubscribeUrl ?? null,
    unsubscribeLabel: locale === 'fr' ? 'Se désabonner' : 'Unsubscribe',
  };
}

/**
 * A footer note re-flowed, kept by its text: the notes are a few sentences per locale and group, written under every
 * mail (re-flowed for each before). Bounded: a note naming a member or an event cannot grow the map.
 */
const footerText = boundedMemo((note: string) => wrapText(note, 72), 64);

/**
 * The footer of a mail to the roster (announcements, calls): why the member receives it and the unsubscribe link
 * (its slot filled per member); a list's copy has neither (the list's own software adds its footer).
 */
export function rosterFooter(locale: Language, group: { name: string }, personal: boolean): { footerNote: string | null; unsubscribeUrl: string | null } {
  if (!personal) return { footerNote: null, unsubscribeUrl: null };
  return {
    footerNote:
      locale === 'fr'
        ? `Vous recevez ce message parce que vous êtes inscrit(e) aux annonces de ce groupe.`
        : `You receive this because you subscribed to the announcements of ${group.name}.`,
    unsubscribeUrl: sentinel('unsubscribe'),
  };
}

export interface SpeakerLine {
  name: string | null;
  email: string | null;
  /** « Jean Dupont <jean@example.fr> », or whichever half is known. */
  label: string;
}

export interface ProposalData extends LayoutData {
  ref: string;
  title: string;
  hasTitle: boolean;
  format: ProposalDraft['format'];
  isLightning: boolean;
  formatLabel: string;
  durationMinutes: number;
  durationLabel: string;
  talkLanguage: string | null;
  speakers: SpeakerLine[];
  attachments: { filename: string; contentType: string; size: string }[];
  abstract: string | null;
  /** The abstract escaped and split into paragraphs: safe for {{{abstractHtml}}}. */
  abstractHtml: string | null;
  /** The abstract re-flowed for the text part, indented by two spaces. */
  abstractText: string | null;
  receivedAt: string | null;
  replyAddress: string;
}

export interface AckData extends ProposalData {
  greetingName: string | null;
  withdraw: VerbHelp;
  withdrawMailto: string;
  correctMailto: string;
}

export interface NoticeData extends ProposalData {
  submittedBy: string | null;
  /** `column`: the usage padded so that the text part lines the explanations up. */
  verbs: (VerbHelp & { mailto: string; column: string })[];
}

export function ackData(p: ProposalForMail, ctx: MailContext & { recipient: Address }): AckData {
  const withdraw = SPEAKER_VERBS[ctx.locale].withdraw;
  const subject = `Re: [${p.ref}]`;
  const fr = ctx.locale === 'fr';
  const layout = layoutData(ctx.locale, ctx.group, {
    preheader: fr ? `Votre proposition est enregistrée sous la référence ${p.ref}.` : `Your proposal is filed as ${p.ref}.`,
    footerNote: fr
      ? `Message automatique : une proposition d’intervention vous cite comme orateur.`
      : `Automatic message from ${ctx.group.name}: a talk proposal names you as a speaker.`,
  });
  // added to the object proposalData made, not spread into a new one (see proposalData)
  return Object.assign(proposalData(p, ctx, () => layout), {
    greetingName: ctx.recipient.name,
    withdraw,
    withdrawMailto: mailto(ctx.replyAddress, subject, withdraw.word),
    correctMailto: mailto(ctx.replyAddress, subject, ''),
  });
}

export function noticeData(p: ProposalForMail, ctx: MailContext & { submittedBy: Address | null }): NoticeData {
  const fr = ctx.locale === 'fr';
  const base = proposalData(p, ctx, (title) =>
    layoutData(ctx.locale, ctx.group, {
      preheader: fr ? `Nouvelle proposition ${p.ref} : ${title}` : `New proposal ${p.ref}: ${title}`,
      footerNote: fr
        ? `Message envoyé aux organisateurs du groupe.`
        : `Sent to the organizers of ${ctx.group.name}.`,
    }),
  );
  const query = encodeURIComponent(`Re: [${p.ref}]`);
  return Object.assign(base, {
    submittedBy: ctx.submittedBy ? addressLabel(ctx.submittedBy.name, ctx.submittedBy.email) : null,
    verbs: noticeVerbs(ctx.locale).map(({ help, body, column }) => Object.assign({}, help, { mailto: mailtoEncoded(ctx.replyAddress, query, body), column })),
  });
}

/** A verb as a notice teaches it: its help, its mailto body percent-encoded (null: none), its usage padded. */
interface NoticeVerb {
  help: VerbHelp;
  body: string | null;
  column: string;
}

/**
 * A notice announces a proposal just filed: the verbs of a received one, then those it takes once accepted. The same
 * in every notice of a locale: worked out once (the transition table asked, the bodies encoded, the usages padded)
 * rather than for each notice.
 */
const noticeVerbsKept = new Map<Language, readonly NoticeVerb[]>();
function noticeVerbs(locale: Language): readonly NoticeVerb[] {
  let kept = noticeVerbsKept.get(locale);
  if (!kept) {
    const verbs = organizerVerbsFor(locale, 'received');
    const width = Math.max(...verbs.map((v) => v.usage.length));
    kept = verbs.map(({ after, ...help }) => ({
      help,
      body: encodedBody(after === null ? help.usage : `${after}\n${help.usage}`),
      column: help.usage.padEnd(width),
    }));
    noticeVerbsKept.set(locale, kept);
  }
  return kept;
}

/**
 * A mail's data about a proposal, with the layout its caller makes (given the title shown): one object literal, the
 * layout's fields written out first. It was a blank layout spread in, then the object spread into a new one with the
 * caller's layout and fields: an object spread followed by more fields gives V8 an object whose shape is made anew
 * each time, property by property (ackData and noticeData were ≈ 7 % of bench/compose's CPU samples, their own time).
 */
function proposalData(p: ProposalForMail, ctx: MailContext, layoutOf: (title: string) => LayoutData): ProposalData {
  const L = LABELS[ctx.locale];
  const abstract = p.abstract && p.abstract.trim() !== '' ? p.abstract.trim() : null;
  const title = p.title && p.title.trim() !== '' ? squash(p.title) : null;
  const shown = abstract ? abstractForms(abstract) : null;
  const layout = layoutOf(title ?? L.untitled);
  return {
    lang: layout.lang,
    group: layout.group,
    preheader: layout.preheader,
    footerNote: layout.footerNote,
    footerNoteText: layout.footerNoteText,
    unsubscribeUrl: layout.unsubscribeUrl,
    unsubscribeLabel: layout.unsubscribeLabel,
    ref: p.ref,
    title: title ?? L.untitled,
    hasTitle: title !== null,
    format: p.format,
    isLightning: p.format === 'lightning',
    formatLabel: L.format[p.format],
    durationMinutes: p.durationMinutes,
    durationLabel: L.minutes(p.durationMinutes),
    talkLanguage: p.language ? L.language[p.language] : null,
    speakers: p.speakers.map((s) => ({ name: s.name, email: s.email, label: addressLabel(s.name, s.email) })),
    attachments: p.attachments.map((a) => ({ filename: squash(a.filename), contentType: a.contentType, size: formatSize(a.size, ctx.locale) })),
    abstract,
    abstractHtml: shown ? shown.html : null,
    abstractText: shown ? shown.text : null,
    receivedAt: ctx.receivedAt ? formatDate(ctx.receivedAt, ctx.locale, ctx.group.timezone) : null,
    replyAddress: ctx.replyAddress,
  };
}

/**
 * The last abstract's forms, as the HTML part shows it (escaped paragraphs) and as the text part does (re-flowed,
 * indented): a proposal's mails — an acknowledgement per speaker, then the organizers' notice — show the same abstract
 * one after another, and escaping and re-flowing it was redone for each (bench/compose's profile). Kept by the
 * abstract's text alone (both forms depend on nothing else), one at a time.
 */
const abstractForms = boundedMemo((abstract: string) => ({ html: textToHtml(abstract), text: wrapText(abstract, 72, '  ') }), 1);

function addressLabel(name: string | null, email: string | null): string {
  // the name's own direction overrides end before the address: « علي ‮evil <ali@…> » must not show the address reversed
  if (name && email) return `${closeBidi(squash(name))} <${email}>`;
  return name ? squash(name) : (email ?? '?');
}

/** A mailto: link that opens a reply with the verb already typed (RFC 6068: percent-encoded UTF-8). */
function mailto(address: string, subject: string, body: string): string {
  return mailtoEncoded(address, encodeURIComponent(subject), encodedBody(body));
}

/** A mailto body percent-encoded; null for none (an empty body is left out of the link). */
function encodedBody(body: string): string | null {
  return body === '' ? null : encodeURIComponent(body);
}

/** mailto's link from its subject and body already encoded. */
function mailtoEncoded(address: string, subject: string, body: string | null): string {
  return body === null ? `mailto:${address}?subject=${subject}` : `mailto:${address}?subject=${subject}&body=${body}`;
}
