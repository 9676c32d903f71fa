/**
 * Auto-reply rules: RFC 3834 headers and their older cousins, vacation subjects in the languages Outlook,
 * Gmail, Lotus Notes and webmails use, read receipts (MDN), challenge-response robots (Boxbe…), which
 * answer every first message and must never be answered back, and out-of-office texts sent with none of those
 * marks (a vacation message set up in a client's rules, "RE: <subject>", no Auto-Submitted).
 */
import type { Mail } from '../../types.ts';
import type { Rule } from './chain.ts';
import { bodyText, hasHeader, hasNullReturnPath, header, isDaemonSender, isMachineAddress, isNoReplySender, partOfType, partText, replyToPerson, reportType, toBounceAddress } from './signals.ts';
import { hasListHeaders } from './list-post.ts';
import { INVISIBLE, newTextLines, writtenLines } from '../text/new-text.ts';
import { filledInForm, looksLikeProposal } from '../extract/index.ts';
import { titleFromSubject } from '../extract/subject.ts';
import { alternation, phraseRegExp } from '../text/phrases.ts';
import { anyOf } from '../text/any-of.ts';
import { ANY_PREFIX_SOURCE, REPLY_PREFIX_SOURCE, STARTS_WITH_PREFIX } from '../text/subject-prefixes.ts';
import {
  ACK_SUBJECTS,
  ACK_TEXTS,
  AUTO_REPLY_SUBJECT_ANYWHERE,
  AUTO_REPLY_SUBJECT_PREFIXES,
  AWAY_ADVERBS,
  AWAY_FORMAL_PHRASES,
  AWAY_STATES,
  BARE_ACK_SUBJECTS,
  CHALLENGE_SUBJECTS,
  CHALLENGE_TEXTS,
  DATE_CUES,
  OPENING_GREETINGS,
  RECEIPT_PREFIXES,
  RECEIPT_SUBJECTS,
  RECEIPT_TEXTS,
  SAYS_AUTOMATIC_PHRASES,
  STRONG_CUES,
} from './auto-reply-phrases.ts';

// The phrase tables are auto-reply-phrases.ts's; each is compiled here once, where it must stand.
/** Auto-reply subject prefixes, after any reply's or forward's prefixes ("Re:", « TR : », "AW[2]:") and "[". */
const SUBJECT_PREFIX = phraseRegExp('AUTO_REPLY_SUBJECT_PREFIXES', AUTO_REPLY_SUBJECT_PREFIXES, 'i', `^(?:\\s*${ANY_PREFIX_SOURCE})*\\s*\\[?\\s*`, '');
const SUBJECT_ANYWHERE = phraseRegExp('AUTO_REPLY_SUBJECT_ANYWHERE', AUTO_REPLY_SUBJECT_ANYWHERE, 'i');

/**
 * The subject says "automatic reply", at its start (after any reply's or forward's prefixes) or anywhere. What it
 * decides is autoReplySubjectRule's: not a reply to an auto-reply, nor a proposal's title holding the words.
 */
export function autoReplySubject(subject: string): boolean {
  const s = subject.slice(0, 300);
  return SUBJECT_PREFIX.test(s) || SUBJECT_ANYWHERE.test(s);
}

/**
 * A read receipt sent as plain text, with no disposition-notification part (Outlook Web, some webmails, Lotus): its
 * subject is « Lu : … », "Read: …", « Non lu : … », "Not read: …", "Gelesen: …", and its text says the message was read
 * (or deleted unread) on a date.
 */
const RECEIPT_PREFIX = phraseRegExp('RECEIPT_PREFIXES', RECEIPT_PREFIXES, 'i', '^\\s*', '\\s*:');
// Lotus Notes' subject is "Return Receipt" alone: that one without a colon — not « Lu », "Read", « Lida » alone, which a
// person may write over "Your call was read on Monday by the whole team" (review of kinds audit 2: an auto-reply since 3266eac)
const RECEIPT_ALONE = /^\s*return\s+receipt\s*$/i;
const RECEIPT_TEXT = phraseRegExp('RECEIPT_TEXTS', RECEIPT_TEXTS, 'i');

export const mdnRule: Rule = {
  name: 'read-receipt',
  test(mail) {
    if (reportType(mail) === 'disposition-notification' || partOfType(mail, /^message\/disposition-notification$/)) return { kind: 'auto-reply' };
    if ((RECEIPT_PREFIX.test(mail.subject) || RECEIPT_ALONE.test(mail.subject)) && RECEIPT_TEXT.test(bodyText(mail, 1500))) return { kind: 'auto-reply', reasons: ['read receipt in text'] };
    return null;
  },
};

const CR_TEXT = phraseRegExp('CHALLENGE_TEXTS', CHALLENGE_TEXTS, 'i');
/** CR_TEXT asked yes or no (text/any-of.ts: one alternative at a time, the same answer) over the first 3,000 characters. */
const CR_TEXT_ANY = anyOf(CR_TEXT);
/**
 * How a challenge robot says to pass it: a link (Boxbe, Mailinblack, ChoiceMail, Sendio, Vade, SpamArrest), or a reply to
 * send (« répondez simplement à ce message », "just reply to this message").
 */
const CR_HOW_TO_PASS = /\bhttps?:\/\/|\b(?:(?:simply|just)\s+)?reply\s+to\s+this\s+(?:message|e-?mail)\b|\br[ée]pond(?:ez|re)\s+(?:simplement\s+)?[àa]\s+(?:ce|cet)\s+(?:message|e-?mail|courriel)\b/i;
/** A challenge robot's own subject, written fresh from the protected person's address (see CHALLENGE_SUBJECTS). */
const CR_SUBJECT = phraseRegExp('CHALLENGE_SUBJECTS', CHALLENGE_SUBJECTS, 'i');

/** Boxbe, Bluebottle, SpamArrest, TMDA, Mailinblack: "your message waits until you prove you are human". */
export const challengeResponseRule: Rule = {
  name: 'challenge-response',
  test(mail) {
    if (hasListHeaders(mail)) return null;
    // an answer to our mail ("Re:"), a report, a notice's null reverse-path, or a noreply@ robot of the filtering service
    const looksAutomatic =
      reportType(mail) !== null || /^\s*re\s*:/i.test(mail.subject) || hasNullReturnPath(mail) || hasHeader(mail, 'x-tmda-fingerprint') || isNoReplySender(mail);
    const text = bodyText(mail, 3000);
    // Boxbe's notify@, another address no person writes from: a robot all the same — but a web site's wordpress@ or
    // notifications@ also relays a person's proposal (« Titre : Allow lists… », "an allowed list of extensions")
    const robot = !looksAutomatic && mail.from !== null && isMachineAddress(mail.from) && replyToPerson(mail) === null;
    if (robot && CR_TEXT_ANY.test(text) && !filledInForm(mail) && !looksLikeProposal(mail)) return { kind: 'auto-reply', reasons: ['a robot’s address'] };
    if (!looksAutomatic) {
      // or the robot's own subject, over a challenge the text says in words the subject does not (a talk titled
      // « Valider votre envoi de mails » repeats its title in its text)
      // — not a person asking about their own held mail (« Proposition en attente de validation ? » over « mon antispam
      // vous a peut-être demandé de valider votre envoi … Pouvez-vous me dire où elle en est ? »): a robot asks nothing
      // the subject first: this rule heads the chain, and almost no mail has a challenge's subject
      if (!CR_SUBJECT.test(mail.subject.slice(0, 300)) || /\?\s*$/.test(mail.subject) || HUMAN_MARK.test(text.slice(0, 1500))) return null;
      const m = CR_TEXT.exec(text);
      // nor a proposal whose title is a challenge's words (« Talk : validez votre adresse e-mail sans envoyer de mail »)
      return m && !mail.subject.toLowerCase().includes(m[0].toLowerCase()) && !looksLikeProposal(mail) ? { kind: 'auto-reply', reasons: ['its own subject'] } : null;
    }
    const ds = partOfType(mail, /^message\/delivery-status$/);
    if (ds && /x-boxbe|pre-approved|challenge/i.test(partText(ds, 4000))) return { kind: 'auto-reply' };
    if (!CR_TEXT_ANY.test(text)) return null;
    // « Re: » alone is as often a speaker answering our call, in a challenge's words: "how to verify your backups", « confirmer
    // votre adresse e-mail avec un jeton », "an allowed list of senders" — a proposal, not a robot's
    const robotMarks = reportType(mail) !== null || hasNullReturnPath(mail) || hasHeader(mail, 'x-tmda-fingerprint') || isNoReplySender(mail);
    if (robotMarks) return { kind: 'auto-reply' };
    // nor a person's reply in those words — « Je confirme, merci ! … vous m'avez demandé de confirmer votre adresse e-mail »,
    // « la démo montre comment configurer rspamd afin de se protéger contre le spam » (review of kinds audit 2: both lost as
    // auto-replies): a robot under « Re: » also says how to pass, a link to click or a reply to send
    return !looksLikeProposal(mail) && CR_HOW_TO_PASS.test(text) ? { kind: 'auto-reply' } : null;
  },
};

const AUTO_HEADERS = ['x-autoreply', 'x-autorespond', 'x-autoresponder', 'x-autorespond-by'] as const;

export const autoReplyHeadersRule: Rule = {
  name: 'auto-reply-headers',
  test(mail) {
    const auto = header(mail, 'auto-submitted')?.toLowerCase();
    if (auto && auto.startsWith('auto-replied')) return { kind: 'auto-reply', reasons: [`Auto-Submitted: ${auto}`] };
    const viaList = hasListHeaders(mail);
    // auto-generated is also what list software and notifiers set: on list traffic the list rule decides.
    if (auto && !auto.startsWith('no') && !viaList) return { kind: 'auto-reply', reasons: [`Auto-Submitted: ${auto}`] };
    for (const h of AUTO_HEADERS) {
      const v = header(mail, h);
      if (v !== null && !/^(no|false|0)$/i.test(v)) return { kind: 'auto-reply', reasons: [h] };
    }
    const prec = header(mail, 'precedence')?.toLowerCase() ?? '';
    if (prec === 'auto_reply' || prec === 'auto-reply') return { kind: 'auto-reply', reasons: [`Precedence: ${prec}`] };
    // bulk/junk also marks mass mailings: only with the empty envelope sender of a notice is it a robot's answer.
    if (/^(bulk|junk)$/.test(prec) && !viaList && hasNullReturnPath(mail)) return { kind: 'auto-reply', reasons: [`Precedence: ${prec}`] };
    if (/^reply$/i.test(header(mail, 'x-autogenerated') ?? '')) return { kind: 'auto-reply', reasons: ['X-Autogenerated: Reply'] };
    return null;
  },
};

/** A subject that opens with a reply's prefix (« Re: », "AW:", « RE : »), not a forward's. */
const STARTS_WITH_REPLY = new RegExp(`^\\s*${REPLY_PREFIX_SOURCE}`, 'i');

export const autoReplySubjectRule: Rule = {
  name: 'auto-reply-subject',
  test(mail) {
    const s = mail.subject.slice(0, 300);
    if (!autoReplySubject(s)) return null;
    if (SUBJECT_PREFIX.test(s)) {
      // « Re: Réponse automatique : … », "RE: Automatic reply: …" answer an auto-reply: a person back from leave, a
      // colleague — never the responder, which writes its own prefix before our subject (crieur answers no auto-reply, so
      // no responder answers one of ours). The headers, the text and the rules below read it; a forward of one stays one.
      return STARTS_WITH_REPLY.test(s) ? null : { kind: 'auto-reply' };
    }
    // the words inside a proposal's title ("Talk proposal: Out of office! Taming auto-replies…") over the proposal itself
    if (titleFromSubject(s).tagged && looksLikeProposal(mail)) return null;
    return { kind: 'auto-reply' };
  },
};

/*
 * Acknowledgements of receipt from ticketing systems (Zendesk, Freshdesk, RT, OTRS, GLPI, osTicket) and web forms:
 * "[Ticket #4821] We received your request", « Nous avons bien reçu votre demande », or the ticket's number in the
 * subject over « Votre demande a bien été enregistrée ». They are robots' answers to our mail (RFC 3834's sense), sent
 * often with Precedence: bulk and none of the auto-reply headers. A reply ("Re: …") is a person's, whoever helps.
 */
const REPLY_PREFIX = STARTS_WITH_PREFIX;
/** After a bare receipt phrase: the subject's end, a separator, or the ticket's number. */
const ALONE = '(?=\\s*(?:$|[-–—:|#(\\[]))';
/** A subject that says "your request was received": the reader's request, in a robot's words. */
const ACK_SUBJECT = phraseRegExp('ACK_SUBJECTS', ACK_SUBJECTS, 'i');
/**
 * A bare "Ticket received", « Demande enregistrée » at the subject's start (after a tag), as helpdesks write it — and
 * as a speaker may title a talk: « Ticket ouvert : retour d'expérience… », "Request received, tracing an HTTP
 * request…". So it is an acknowledgement only before a separator or the ticket's number, and over a text that is not a
 * proposal or that says it acknowledges (ACK_TEXT, SAYS_AUTOMATIC).
 */
const BARE_ACK_SUBJECT = phraseRegExp(
  'BARE_ACK_SUBJECTS',
  Object.values(BARE_ACK_SUBJECTS)
    .flat()
    // Zendesk's "[Request received] Room booking for April": the phrase is the bracketed tag itself, the request's subject after it
    .map((p) => `^(?:(?:\\s*\\[[^\\]]{0,60}\\])?\\s*${p}${ALONE}|\\s*\\[\\s*${p}\\s*\\])`),
  'i',
);
/**
 * What follows a bare receipt phrase is another mail's subject — a reply's « Re: », a tag (« [P-0007] », « [Acme] »), a
 * proposal's « Proposition : » — when a helpdesk wraps the subject it received: « Request received: Proposition : X »
 * over a copy of the proposal, « Ticket received - [P-0007] Proposition reçue : X » over our own acknowledgement. A
 * speaker's title goes on in words of its own (« Ticket ouvert : retour d'expérience… »).
 */
function wrapsASubject(after: string): boolean {
  const rest = after.replace(/^(?:\s*(?:[-–—:|]|[#([]?\s*#?\d{3,}[)\]]?))+\s*/, '');
  return REPLY_PREFIX.test(rest) || /^\[[^\]]{1,60}\]/.test(rest) || titleFromSubject(rest).tagged;
}
/** A ticket's number in the subject: "[Ticket #4821]", "[rt.example.org #77102]", "[GLPI #0058213]", "Ticket#2026…". */
const TICKET_TAG = /[[(][^\])]{0,40}#\s?\d{3,}[^\])]{0,12}[\])]|\b(?:ticket|case|request|demande|incident|dossier)\s?(?:#|n[°ºo]\.?\s?|id\s?:?\s?)\s?\d{3,}/i;
/**
 * A helpdesk's key before the number, « [#XYZ-123-45678] »: upper-case, as helpdesks write it — a hashtag in a proposal's
 * subject, "Talk proposal (#meetup-2027): …", « [#pgday-2027] », is no ticket (review of kinds audit 2: such a proposal
 * over "your incident has been logged" was an auto-reply).
 */
const KEYED_TICKET_TAG = /[[(][^\])]{0,40}#\s?[A-Z]{2,6}-\d{3,}[^\])]{0,12}[\])]/;
/** The acknowledgement's first lines say so. */
const ACK_TEXT = phraseRegExp('ACK_TEXTS', ACK_TEXTS, 'i');
/**
 * The acknowledgement under a ticket's number speaks of the reader's request: "your ticket has been created", « Votre demande a
 * bien été enregistrée » — not a speaker's abstract under "Proposal: what we learned from ticket #4821" (« a customer's
 * ticket has been opened at 2am »).
 */
const ACK_YOURS =
  /\b(?:your|votre|vos)\s+(?:request|ticket|case|incident|message|e-?mail|enquiry|inquiry|query|demande|requ[êe]te|courriel|dossier)s?\b[^.\n]{0,40}?(?:\b(?:has|have) been (?:received|created|logged|opened|registered)\b|\b(?:a|ont|est|sont) (?:bien )?(?:[ée]t[ée] )?(?:re[çc]ue?s?|enregistr[ée]e?s?|cr[ée][ée]e?s?|prise?s? en compte))|\bwe(?:['’]ve| have)? received your\b|\bnous avons bien re[çc]u\b|\bnous accusons (?:bonne )?r[ée]ception\b|\bwe acknowledge (?:the )?receipt of\b|\bihre\s+(?:anfrage|nachricht|e-?mail|bestellung)\s+ist\s+bei\s+uns\s+eingegangen\b|\bwir\s+haben\s+ihre\s+(?:anfrage|nachricht|e-?mail)\s+erhalten\b/i;
/** A subject naming a receipt: « Accusé de réception : … », "Acknowledgement of receipt", "Receipt confirmation". */
const RECEIPT_SUBJECT = phraseRegExp('RECEIPT_SUBJECTS', RECEIPT_SUBJECTS, 'i', '^\\s*\\[?\\s*', '\\b');
/**
 * A text that calls itself automatic, in a sentence of its own: "This is an automated response", "This email was sent
 * automatically", « Ceci est un message automatique », « Ce message a été généré automatiquement » (not a text that
 * quotes these words).
 */
const SAYS_AUTOMATIC = phraseRegExp('SAYS_AUTOMATIC_PHRASES', SAYS_AUTOMATIC_PHRASES, 'i', '(?:^|[.!?]\\s+|\\n\\s*)', '');

export const acknowledgementRule: Rule = {
  name: 'acknowledgement-of-receipt',
  test(mail) {
    const subject = mail.subject.slice(0, 300);
    if (REPLY_PREFIX.test(subject)) return null;
    // (not a proposal titled in a helpdesk's words, "Talk proposal: INC0012345 has been opened on your behalf — ITSM on
    // Postgres" — review of kinds audit 2, as autoReplySubjectRule and the challenge rule read a title)
    if (ACK_SUBJECT.test(subject) && !(titleFromSubject(subject).tagged && looksLikeProposal(mail))) return { kind: 'auto-reply', reasons: ['subject acknowledges receipt'] };
    const bare = BARE_ACK_SUBJECT.exec(subject);
    if (bare) {
      const text = bodyText(mail, 800);
      if (wrapsASubject(subject.slice(bare[0].length)) || ACK_TEXT.test(text) || SAYS_AUTOMATIC.test(text) || !looksLikeProposal(mail)) {
        return { kind: 'auto-reply', reasons: ['subject acknowledges receipt'] };
      }
    }
    if ((TICKET_TAG.test(subject) || KEYED_TICKET_TAG.test(subject)) && ACK_YOURS.test(bodyText(mail, 800))) return { kind: 'auto-reply', reasons: ['ticket number over an acknowledgement'] };
    return null;
  },
};

/**
 * An acknowledgement in its own words, whatever its subject ("Re: …" included): its new text (quotes gone: a person's
 * reply over our mail is not read for our words) says it is automatic and that the mail was received. List traffic is
 * the list rule's.
 */
export const acknowledgementTextRule: Rule = {
  name: 'acknowledgement-text',
  test(mail) {
    if (hasListHeaders(mail)) return null;
    const sample = bodyText(mail, BODY_SCAN);
    if (!ACK_TEXT.test(sample)) return null;
    const text = writtenLines(sample).join('\n').slice(0, 1500);
    if (!ACK_TEXT.test(text)) return null;
    if (SAYS_AUTOMATIC.test(text)) return { kind: 'auto-reply', reasons: ['says it is an automatic acknowledgement'] };
    if (RECEIPT_SUBJECT.test(mail.subject)) return { kind: 'auto-reply', reasons: ['receipt subject over an acknowledgement'] };
    return null;
  },
};

/** What MAILER-DAEMON or postmaster sends and is not a bounce is still a robot's notice (virus scanner…). */
export const daemonNoticeRule: Rule = {
  name: 'daemon-notice',
  test(mail: Mail) {
    return isDaemonSender(mail) ? { kind: 'auto-reply' } : null;
  },
};

/**
 * Mail with a null reverse-path (`Return-Path: <>`), or written to a member's VERP bounce address, that no bounce rule
 * read: a mail system's or a responder's notice all the same (RFC 5321 §4.5.5, RFC 3834 §3.1.1) — whatever its text
 * says, even when it quotes crieur's call for proposals. Never a proposal or a command; never answered.
 */
export const returnedToSenderRule: Rule = {
  name: 'returned-to-sender',
  test(mail: Mail) {
    if (hasNullReturnPath(mail)) return { kind: 'auto-reply', reasons: ['null reverse-path'] };
    return toBounceAddress(mail) ? { kind: 'auto-reply', reasons: ['written to a bounce address'] } : null;
  },
};

/*
 * Out-of-office texts without headers. Read only at the top of a short new text (quotes and signature gone): an
 * auto-reply opens with the absence and says until when, whom to write to or when the mail will be read ("Je
 * suis absent du bureau jusqu'au 17/03. En cas d'urgence…", "I'm travelling until March 20 with limited access to
 * email"). A person who mentions an absence ("I was out of office last week, here is my proposal…", "je serai
 * absente du 3 au 10 avril, je ne pourrai pas venir") writes in the past, asks something, proposes a talk, or
 * gives only dates for a future absence.
 */

/** Being away, after "je suis / I am": absent, on leave, out of the office, travelling… (auto-reply-phrases.ts) */
const AWAY_STATE = `(?:${alternation('AWAY_ADVERBS', AWAY_ADVERBS, 'i')})?(?:${alternation('AWAY_STATES', AWAY_STATES, 'i')})`;
/** After a mailbox no longer read: from when on, said for later (« à partir de janvier », "during the holidays", "after Friday"). */
const FROM_LATER = String.raw`(?![^.!?\n]{0,24}?(?<![a-zà-ÿ])(?:[àa]\s+partir|d[èe]s|apr[èe]s|pendant|durant|after|during|starting|beginning|from\s+(?!now))(?![a-zà-ÿ]))`;
/** Now: "je suis actuellement absent", "I'm out of office", and the headings "Absent du bureau jusqu'au…", "Out of office until…"; an address no longer read. */
/** …nor read seldom: "this address is not read often, I'm mostly on …" is a person's (review of kinds audit 2). */
const NOT_OFTEN = String.raw`(?!\s+(?:(?:very|that|so)\s+)?(?:often|regularly|frequently|much|daily|every\s+day|all\s+the\s+time)\b)`;
const AWAY_NOW_PHRASES = {
  // English and French: the languages HUMAN_MARK reads a person in
  read: [
    `\\bje\\s+suis\\s+${AWAY_STATE}`,
    `\\bi\\s*(?:am|['’]m)\\s+${AWAY_STATE}`,
    "(?:^|[.!]\\s+)(?:actuellement\\s+)?(?:absente?\\s+du\\s+bureau|absente?\\s+jusqu|en\\s+cong[ée]s?\\s+(?:jusqu|du\\s)|en\\s+vacances\\s+(?:jusqu|du\\s)|hors\\s+du\\s+bureau)",
    '(?:^|[.!]\\s+)(?:currently\\s+)?(?:out\\s+of\\s+(?:the\\s+)?office|on\\s+(?:annual\\s+)?leave|away\\s+from\\s+(?:the\\s+)?office)\\s+(?:until|till|through|from|and\\b)',
    // (not said for later, « … n'est plus consultée à partir de janvier », "… is not monitored during the holidays": a person
    // telling where to write next — review of kinds audit 2, a speaker's confirmation saying so was lost as an auto-reply)
    `\\b(?:this|my)\\s+(?:e-?mail\\s+)?(?:address|inbox|mailbox|account)\\s+(?:\\S+\\s+)?is\\s+(?:no\\s+longer|not)\\s+(?:in\\s+use|active|monitored|valid|read|checked)\\b${FROM_LATER}${NOT_OFTEN}`,
    '\\bi\\s+(?:no\\s+longer\\s+work|have\\s+left|am\\s+no\\s+longer\\s+(?:with|at|working))\\b',
    // « Cette boîte aux lettres n'est plus consultée », « cette messagerie n'est plus relevée »
    `\\bcette\\s+(?:adresse\\s+(?:e-?mail\\s+|mail\\s+|[ée]lectronique\\s+|de\\s+messagerie\\s+)?|bo[îi]te\\s+(?:aux\\s+lettres\\s+|mail\\s+|e-?mail\\s+|de\\s+r[ée]ception\\s+)?|messagerie\\s+)n['’]est\\s+plus\\s+(?:active|utilis[ée]e|valide|consult[ée]e|lue|relev[ée]e|surveill[ée]e)(?![a-zà-ÿ])${FROM_LATER}`,
    '\\bje\\s+(?:ne\\s+fais\\s+plus\\s+partie|ne\\s+travaille\\s+plus)\\b',
    "\\bj['’]\\s?ai\\s+quitt[ée](?![a-zà-ÿ])",
  ],
  // the other languages: there HUMAN_MARK reads nothing, so a date alone does not tell a responder (see DATE_ALONE)
  unread: [
    // German and Spanish notices, the same first person (« Ich bin vom 30.11. bis 08.12. auf Dienstreise », « Estoy fuera de la oficina »)
    '\\bich\\s+(?:bin|befinde\\s+mich)\\s+(?:[^!?]{0,60}?\\s)?(?:nicht\\s+im\\s+b[üu]ro|abwesend|im\\s+urlaub|in\\s+(?:urlaub|elternzeit)|auf\\s+(?:dienstreise|gesch[äa]ftsreise|reisen)|au[ßs]er\\s+haus|nicht\\s+erreichbar)',
    '\\b(?:estoy|me\\s+encuentro)\\s+(?:[^!?]{0,40}?\\s)?(?:fuera\\s+de\\s+(?:la\\s+)?oficina|de\\s+vacaciones|ausente|de\\s+viaje)',
    // Italian and Dutch (« Sono fuori ufficio fino al 10 dicembre », « Ik ben tot 9 december afwezig »)
    '\\b(?:sono|sar[òo]|mi\\s+trovo)\\s+(?:[^!?]{0,40}?\\s)?(?:fuori\\s+(?:ufficio|sede)|in\\s+(?:ferie|vacanza|trasferta|congedo)|assente)\\b',
    // Portuguese, Swedish and Polish (« Estou fora do escritório até 6 de janeiro », « Jag är ledig till och med 8 januari »,
    // « Jestem poza biurem do 7 stycznia »)
    '\\bestou\\s+(?:[^!?]{0,40}?\\s)?(?:fora\\s+do\\s+escrit[óo]rio|de\\s+f[ée]rias|ausente|de\\s+licen[çc]a)(?![a-zà-ÿ])',
    '\\bjag\\s+[äa]r\\s+(?:[^!?]{0,40}?\\s)?(?:ledig|p[åa]\\s+semester|tj[äa]nstledig|f[öo]r[äa]ldraledig|borta|fr[åa]nvarande|inte\\s+p[åa]\\s+kontoret)(?![a-zà-ÿ])',
    '\\bjestem\\s+(?:[^!?]{0,40}?\\s)?(?:poza\\s+biurem|na\\s+urlopie|nieobecn[ya])(?![a-zà-ÿ])',
    '\\bik\\s+ben\\s+(?:[^!?]{0,40}?\\s)?(?:afwezig|niet\\s+(?:op\\s+kantoor|aanwezig|bereikbaar)|met\\s+vakantie|op\\s+vakantie)\\b',
    // Czech, Danish and Norwegian, Finnish, Romanian (« Jsem na dovolené do 4. 1. », « Jeg er på ferie », « Jeg er ikke på
    // kontoret før 5. januar », « Olen lomalla 7.1. asti », « Sunt în concediu până pe 6 ianuarie »); Turkish, Greek and
    // Japanese write the first person in the verb (« izindeyim », « Είμαι εκτός γραφείου », « 不在にしております »)
    '\\bjsem\\s+(?:[^!?]{0,40}?\\s)?(?:mimo\\s+(?:kancel[áa][řr]|pracovi[šs]t)|na\\s+dovolen[éá]|nep[řr][íi]tomn[ýá]|na\\s+slu[žz]ebn[íi]\\s+cest|v\\s+pracovn[íi]\\s+neschopnosti|na\\s+mate[řr]sk[ée])',
    '\\bjeg\\s+er\\s+(?:[^!?]{0,40}?\\s)?(?:p[åa]\\s+(?:ferie|barsel|forretningsrejse|tjenestereise|kursus|kurs)|ikke\\s+p[åa]\\s+kontoret|frav[æa]rende|sykmeldt|sygemeldt)(?![a-zà-ÿ])',
    '\\bolen\\s+(?:[^!?]{0,40}?\\s)?(?:lomalla|poissa\\s+toimistolta|virkavapaalla|vanhempainvapaalla|sairauslomalla|ty[öo]matkalla)(?![a-zà-ÿ])',
    '\\bsunt\\s+(?:[^!?]{0,40}?\\s)?(?:[îi]n\\s+concediu|[îi]n\\s+afara\\s+biroului|[îi]n\\s+delega[țţt]ie)(?![a-zà-ÿ])',
    '(?<![a-zà-ÿ])(?:izindeyim|tatildeyim|ofis\\s+d[ıi][şs][ıi]nday[ıi]m)(?![a-zà-ÿ])',
    'είμαι\\s+(?:[^!?]{0,40}?\\s)?(?:εκτός\\s+γραφείου|σε\\s+άδεια|σε\\s+διακοπές)',
    '(?:不在にして|休暇を(?:取得して|いただいて))(?:おります|います)',
    // Slovak, Hungarian, European Portuguese, Danish's « holder ferie » (« Som na dovolenke do 6. 1. », « Január 5-ig
    // szabadságon vagyok », « Encontro-me ausente até dia 6 », « Jeg holder juleferie og er tilbage … »)
    '\\bsom\\s+(?:[^!?]{0,40}?\\s)?(?:mimo\\s+kancel[áa]rie|na\\s+dovolenke|nepr[íi]tomn[ýá]|na\\s+slu[žz]obnej\\s+ceste|pr[áa]ceneschopn[ýá])',
    '\\b(?:szabads[áa]gon|irod[áa]n\\s+k[íi]v[üu]l|h[áa]zon\\s+k[íi]v[üu]l)\\s+vagyok\\b',
    '\\bencontro-me\\s+(?:[^!?]{0,40}?\\s)?(?:ausente|fora\\s+do\\s+escrit[óo]rio|de\\s+f[ée]rias|de\\s+licen[çc]a)(?![a-zà-ÿ])',
    '\\bjeg\\s+(?:holder|har)\\s+(?:jule|sommer|vinter|p[åa]ske)?(?:ferie|fri)(?![a-zà-ÿ])',
  ],
};
const AWAY_NOW = phraseRegExp('AWAY_NOW', AWAY_NOW_PHRASES, 'i');
/**
 * Where an absence stated now with its date is enough (« Je suis absent jusqu'au 17/03. », "I'm out of office until the
 * 20th."): in the languages HUMAN_MARK reads, whose person says what they still do (« je pourrai présenter en février »,
 * "here's my talk idea"). A Danish, Czech or Turkish speaker writes the same absence and date above their own news
 * (« Jeg er på ferie indtil den 10. januar, men jeg vil gerne holde et foredrag », « Sunt în concediu până pe 6
 * ianuarie, dar confirm prezentarea ») with nothing HUMAN_MARK knows: there it takes what only a responder adds
 * (STRONG_CUES, AWAY_FORMAL_PHRASES) — review of kinds audit 3, each such reply or proposal was lost as an auto-reply.
 */
const DATE_ALONE = phraseRegExp('AWAY_NOW read', AWAY_NOW_PHRASES.read, 'i');
/** To come: "je serai absente du 3 au 17 mars", "I will be out of the office": a person says that too, so it takes a strong cue. */
const AWAY_LATER = phraseRegExp(
  'AWAY_LATER',
  [
    `\\bje\\s+(?:serai|serais)\\s+${AWAY_STATE}`,
    `\\bi\\s*(?:will\\s+be|['’]ll\\s+be|shall\\s+be)\\s+${AWAY_STATE}`,
    // Unix vacation(1)'s default text: "I will not be reading my mail for a while."
    "\\bi\\s*(?:will\\s+not|won['’]t|shall\\s+not)\\s+be\\s+(?:reading|checking|answering|able\\s+to\\s+(?:read|check|answer))\\s+(?:my\\s+)?(?:e-?)?mails?\\b",
    "\\bje\\s+ne\\s+(?:lirai|consulterai|relèverai|pourrai)\\s+pas\\s+(?:lire\\s+|consulter\\s+|relever\\s+)?(?:mes|ma|mon)\\s+(?:e-?mails?|courriels?|messagerie|mails?|messages?|courrier)",
  ],
  'i',
);

/** Wordings only out-of-office notices use: with AWAY_NOW they need no further cue ("Je suis actuellement absente."). */
const AWAY_FORMAL = phraseRegExp('AWAY_FORMAL_PHRASES', AWAY_FORMAL_PHRASES, 'i');

/** Until when: "jusqu'au 17/03", "du 3 au 17 mars", "until March 20", "returning on May 5th". */
const DATE_CUE = phraseRegExp('DATE_CUES', DATE_CUES, 'i');
/** What only an auto-reply adds: whom to write to meanwhile, when the mail will be read, how little access there is. */
const STRONG_CUE = phraseRegExp('STRONG_CUES', STRONG_CUES, 'i');

/** When a talk can be given: a day, a month, the next meetup (after "present on the", « présenter qu'en »). */
const WHEN_EN = String.raw`(?:\d|next\b|following\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|(?:\w+\s+)?(?:meetup|session|evening)\b)`;
const WHEN_FR = String.raw`(?:\d|janv|f[ée]v|mars|avr|mai|juin|juil|ao[ûu]t|sept|oct|nov|d[ée]c|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|meetup|prochain|suivant|session|soir[ée]e)`;

/** A person's message rather than a robot's: it asks something, or it proposes a talk. */
const HUMAN_MARK = phraseRegExp(
  'HUMAN_MARK',
  [
    '\\?\\s*$',
    "\\bi(?:['’]d|\\s+would)\\s+(?:like|love)\\s+to\\s+(?:propose|submit|give|present|speak|talk)",
    // ("here's" too: the contraction has no space before its 's)
    '\\bhere(?:\\s+(?:is|are)|[\'’]s)\\s+(?:my|the|our)\\s+(?:talk|proposal|abstract|submission|slides)',
    // a speaker saying when they can give their talk (« I can only present in February », « je ne pourrai présenter qu'en
    // février ») — a date after it: a responder presents elsewhere or something else ("I will present at FOSDEM",
    // "I can present your request to my colleagues", « je peux présenter vos demandes à mon retour »: review of kinds audit 3;
    // and « je présenterai le 28 », as "I'll present on the 28th")
    `\\bi\\s*(?:can|could|will|['’]ll)\\s+(?:only\\s+|still\\s+)?(?:present|give\\s+(?:my|the)\\s+talk|speak)(?:\\s+(?:it|my\\s+talk|the\\s+talk))?\\s+(?:only\\s+)?(?:in|on|from|after|at\\s+the)\\s+(?:the\\s+)?${WHEN_EN}`,
    `\\bje\\s+(?:ne\\s+)?(?:(?:peux|pourrai|pourrais)\\s+(?:seulement\\s+|uniquement\\s+)?(?:pr[ée]senter|faire\\s+(?:mon|le)\\s+talk|parler)|pr[ée]senterai|parlerai)(?:\\s+(?:qu['’]\\s?)?(?:en|le|au|[àa]\\s+partir\\s+d[eu]|apr[èe]s\\s+le|[àa]\\s+la|lors\\s+du)\\s+(?:mois\\s+d['’]\\s?|prochain\\s+)?)${WHEN_FR}`,
    "\\b(?:je\\s+(?:souhaite|voudrais|souhaiterais|propose|vous\\s+propose)|j['’](?:aimerais|aurais\\s+aim[ée]))\\s+(?:de\\s+|un\\s+|une\\s+)?(?:proposer|soumettre|pr[ée]senter|faire\\s+un|donner|talk|pr[ée]sentation|sujet)",
    '\\bvoici\\s+(?:ma|mon|notre)\\s+(?:proposition|r[ée]sum[ée]|talk|sujet|pr[ée]sentation)',
    '^\\s*(?:title|titre|abstract|r[ée]sum[ée]|dur[ée]e|duration|format)\\s*:',
    // they will come: « je serai bien là le 28 », « merci de me garder une place », "I'll be there" — no responder says so
    // (not a responder's return: « je serai présente à partir du 4 », « je serai là dès le 6 », « … de nouveau au bureau »;
    // nor "I will attend the PGConf.EU conference" — a person comes to the meetup, the event)
    '\\bje\\s+serai\\s+(?:bien\\s+)?(?:l[àa]|pr[ée]sente?s?|des\\s+v[ôo]tres)(?![a-zà-ÿ])' +
      '(?!\\s+(?:[àa]\\s+(?:partir|nouveau|compter)|d[èe]s\\s+(?:le|l[ae]|mon|lundi|mardi|mercredi|jeudi|vendredi|\\d{1,2}(?:er)?\\s+(?:janv|f[ée]v|mars|avr|mai|juin|juil|ao[ûu]|sept|oct|nov|d[ée]c))|de\\s+(?:nouveau|retour)|au\\s+(?:bureau|travail)))',
    '\\bje\\s+viendrai\\b',
    // they will not come, or they confirm their talk: « je suis absente la semaine du meetup, du 26 au 30 janvier, je ne
    // pourrai donc pas venir », "limited access to email, but yes, I confirm the talk" — a responder comes to nothing (not
    // "attend to your email", nor « être présente au bureau »: left out) and confirms nothing but a message's receipt
    // (review of kinds audit 3: both were lost as auto-replies)
    "\\b(?:je|et|donc|mais)\\s+ne\\s+(?:pourrai|pourrais|peux)\\s+(?:donc\\s+|malheureusement\\s+|h[ée]las\\s+)?pas\\s+(?:venir|assister|participer|pr[ée]senter)(?![a-zà-ÿ])",
    "\\b(?:i|and|so|but)\\s*(?:won['’]t|will\\s+not|can['’]t|cannot|can\\s+not)\\s+(?:be\\s+able\\s+to\\s+)?(?:come(?!\\s+to\\s+the\\s+phone)|attend(?!\\s+to\\b)|make\\s+it|be\\s+there|present|give\\s+(?:my|the)\\s+talk)\\b",
    '\\bje\\s+(?:vous\\s+)?confirme\\s+(?:bien\\s+)?(?:ma|mon|le|la|notre)\\s+(?:talk|pr[ée]sentation|intervention|participation|venue|expos[ée])(?![a-zà-ÿ])',
    "\\bi\\s+(?:hereby\\s+)?confirm\\s+(?:my|the|our)\\s+(?:talk|presentation|participation|attendance|session|slot)\\b",
    "\\bi\\s*(?:will|['’]ll)\\s+(?:be\\s+there(?!\\s+(?:from|again|until|as\\s+of))|(?:attend|come\\s+to)\\s+the\\s+(?:next\\s+)?(?:meetup|event|session|evening|talk))\\b",
    '\\b(?:garder|r[ée]server)\\s+une\\s+place\\b',
    '\\bsave\\s+me\\s+a\\s+(?:seat|spot|place)\\b',
  ],
  'im',
);

/** The absence must be said within the first lines of the new text (after a greeting)… */
const AWAY_LINES = 3;
/** …whose cues are read a little further… */
const CUE_LINES = 8;
/** …and the whole new text is short: a few sentences (a bilingual one stops at its first sign-off), maybe a disclaimer. */
const MAX_NEW_TEXT = 1500;
const MAX_NEW_LINES = 20;
/** The rule reads no more of the body than this: the new text of a short message lies at its top. */
const BODY_SCAN = 6000;

/** A greeting line before the absence ("Bonjour,", "Dear sender,"). */
const OPENING = phraseRegExp('OPENING_GREETINGS', OPENING_GREETINGS, 'i', '^', '\\b.{0,60}$');

/**
 * Could the top of this text state an absence at all? The same patterns on the raw sample, cleaned as newTextLines
 * cleans a line and with `^` at any line's start: whatever they find at the top of the new text they find here, so
 * only the messages they might name pay for reading the new text (most mail: a regex scan, not a line-by-line clean).
 */
// Asked yes or no over up to 6,000 characters of every message without list headers: one alternative at a time
// (text/any-of.ts), each scanned for from where it can begin — the same answer (issue 12).
const AWAY_ANY_LINE = anyOf(new RegExp(AWAY_NOW.source.replaceAll('(?:^|[.!]\\s+)', '(?:^\\s*|[.!]\\s+)'), 'im'));
const AWAY_LATER_ANY = anyOf(AWAY_LATER);
export function mayTellAnAbsence(sample: string): boolean {
  const cleaned = sample.normalize('NFC').replace(INVISIBLE, '').replace(/&(nbsp|#160|#xa0);?/gi, ' ');
  return AWAY_ANY_LINE.test(cleaned) || AWAY_LATER_ANY.test(cleaned);
}

/** Is this text an out-of-office notice (see above)? */
export function outOfOfficeText(text: string | null): boolean {
  if (!text || !mayTellAnAbsence(text.slice(0, BODY_SCAN))) return false;
  const lines = newTextLines(text.slice(0, BODY_SCAN))
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (lines.length === 0 || lines.length > MAX_NEW_LINES) return false;
  const all = lines.join('\n');
  if (all.length > MAX_NEW_TEXT) return false;
  const start = OPENING.test(lines[0]!) ? 1 : 0;
  // a sentence wraps: the first lines are read joined
  const top = lines.slice(start, start + AWAY_LINES).join(' ');
  const now = AWAY_NOW.test(top);
  if (!now && !AWAY_LATER.test(top)) return false;
  const cues = lines.slice(0, CUE_LINES).join(' ');
  const strong = STRONG_CUE.test(cues) || (now && AWAY_FORMAL.test(top));
  if (!strong && !(now && DATE_ALONE.test(top) && DATE_CUE.test(cues))) return false;
  return !HUMAN_MARK.test(lines.slice(0, CUE_LINES).join('\n'));
}

/** An out-of-office text with none of the auto-reply headers or subjects (read after those rules). */
export const autoReplyBodyRule: Rule = {
  name: 'auto-reply-body',
  test(mail) {
    // list traffic is left to the list rule: a post that mentions an absence is still a post
    if (hasListHeaders(mail)) return null;
    return outOfOfficeText(mail.text) ? { kind: 'auto-reply' } : null;
  },
};
