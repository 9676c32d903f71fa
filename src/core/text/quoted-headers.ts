/**
 * What a mail client writes above the mail it quotes or forwards, in the languages of the clients our speakers and
 * organizers (and their colleagues) use: the header block's labels (Outlook's « De : … Envoyé : … Objet : », « Von: …
 * Gesendet: … Betreff: », Gmail's « De: … Fecha: … Asunto: ») and the line over it ("-----Original Message-----",
 * "---------- Forwarded message ---------", « Début du message réexpédié : »). One table for the quote reader
 * (quotes.ts: where the history starts) and the forward reader (forward.ts: whose mail is forwarded), which had each
 * their own lists and did not know the same clients.
 *
 * A label is written once: « De » is French, Spanish and Portuguese, « A » Italian (under French's « À »).
 */
import { alternation, phraseRegExp, type Phrases } from './phrases.ts';

/** Who wrote the quoted mail. */
export const FROM_LABELS: Phrases = { en: ['from'], fr: ['de'], de: ['von'], it: ['da'], nl: ['van'] };
/** When it was sent (Outlook on Windows). */
export const SENT_LABELS: Phrases = {
  en: ['sent'],
  fr: ['envoy[ée]'],
  de: ['gesendet'],
  // Outlook's « Enviado el: » (es), « Enviada em: » (pt)
  es: ['enviad[oa](?: el| em)?'],
  it: ['inviato'],
  nl: ['verzonden'],
};
/** When it was sent (Gmail, Apple Mail, Thunderbird, Outlook for Mac). */
export const DATE_LABELS: Phrases = { en: ['date'], de: ['datum'], es: ['fecha'], it: ['data'] };
export const TO_LABELS: Phrases = { en: ['to'], fr: ['[àa]', 'pour'], de: ['an'], es: ['para'], nl: ['aan'] };
export const CC_LABELS: Phrases = ['cc'];
export const REPLY_TO_LABELS: Phrases = { en: ['reply-to'], fr: ['r[ée]pondre [àa]'] };
export const SUBJECT_LABELS: Phrases = {
  en: ['subject'],
  fr: ['objet', 'sujet'],
  de: ['betreff'],
  es: ['asunto'],
  pt: ['assunto'],
  it: ['oggetto'],
  nl: ['onderwerp'],
};

/**
 * The line between a reply and the mail it answers — or a forward and the mail it passes on: Outlook writes the same
 * for both, so it is a forward only when the subject or the note says so.
 */
export const ORIGINAL_MESSAGE: Phrases = {
  en: ['original message'],
  // Zimbra's « ----- Mail original ----- », « ----- Ursprüngliche Mail ----- »
  fr: ["message d'origine", 'message original', 'mail original', 'courriel original'],
  de: ['urspr[üu]ngliche (?:nachricht|mail)'],
  es: ['mensaje original'],
  pt: ['mensagem original'],
  it: ['messaggio originale'],
  nl: ['oorspronkelijk bericht'],
};
/** Between dashes: "---------- Forwarded message ---------" (Gmail), « -------- Message transféré -------- ». */
export const FORWARDED_MESSAGE: Phrases = {
  en: ['forwarded message', 'forwarded e-?mail'],
  fr: ['message transf[ée]r[ée]'],
  de: ['weitergeleitete nachricht'],
  es: ['mensaje reenviado'],
  pt: ['mensagem encaminhada'],
  it: ['messaggio inoltrato'],
  nl: ['doorgestuurd bericht'],
};
/** Apple Mail's lead-in, a colon after it: "Begin forwarded message:", « Début du message réexpédié : ». */
export const FORWARD_LEAD: Phrases = {
  en: ['begin forwarded message'],
  fr: ['d[ée]but du message r[ée]exp[ée]di[ée]'],
  de: ['anfang der weitergeleiteten nachricht'],
  es: ['inicio del mensaje reenviado'],
  pt: ['in[íi]cio da mensagem reencaminhada'],
  it: ['inizio messaggio inoltrato'],
  nl: ['begin doorgestuurd bericht'],
};

const labels = (...tables: Phrases[]): string[] => tables.flatMap((t) => (Array.isArray(t) ? (t as string[]) : Object.values(t).flat()));

/** A label alone, for telling which header a line is: `^from$`. */
export const IS_FROM = phraseRegExp('FROM_LABELS', FROM_LABELS, 'i', '^', '$');
export const IS_SUBJECT = phraseRegExp('SUBJECT_LABELS', SUBJECT_LABELS, 'i', '^', '$');
export const IS_CC = phraseRegExp('CC_LABELS', CC_LABELS, 'i', '^', '$');

/**
 * A header block's line, its label (1) and value (2): "From: Jean <j@x>", « Gesendet : Montag », « *De :* Jean » (Gmail's
 * bold, read from its HTML). The label is in a capturing group of its own: read it with IS_FROM, IS_SUBJECT, IS_CC.
 */
export const HEADER_LINE = phraseRegExp(
  'HEADER_LABELS',
  labels(FROM_LABELS, SENT_LABELS, DATE_LABELS, TO_LABELS, CC_LABELS, REPLY_TO_LABELS, SUBJECT_LABELS),
  'i',
  '^[\\s*]*(',
  ')[\\s*]*:[\\s*]*(.*)$',
);

/** The lines an Outlook header block is known by: who, when (sent or dated), what — label in bold or not. */
const LABEL_BEFORE = '^\\s*\\*?';
const LABEL_AFTER = '\\s*\\*?\\s*:';
export const HEADER_FROM = phraseRegExp('FROM_LABELS', FROM_LABELS, 'i', LABEL_BEFORE, LABEL_AFTER);
export const HEADER_SENT = phraseRegExp('SENT_OR_DATE_LABELS', labels(SENT_LABELS, DATE_LABELS), 'i', LABEL_BEFORE, LABEL_AFTER);
export const HEADER_SUBJECT = phraseRegExp('SUBJECT_LABELS', SUBJECT_LABELS, 'i', LABEL_BEFORE, LABEL_AFTER);

/**
 * "-----Original Message-----" on a trimmed line, alone or with the From: line Outlook Express and Windows Live Mail
 * join to it (they end it with a space in a format=flowed body).
 */
export const ORIGINAL_SEPARATOR = phraseRegExp(
  'ORIGINAL_MESSAGE',
  ORIGINAL_MESSAGE,
  'i',
  '^-{2,}\\s*',
  `\\s*-{2,}\\s*(?:$|(?:${alternation('FROM_LABELS', FROM_LABELS, 'i')})\\s*:)`,
);
/** The same line as the forward reader meets it, in bold or not (« **-----Message d'origine-----** »). */
export const ORIGINAL_MARKER = phraseRegExp('ORIGINAL_MESSAGE', ORIGINAL_MESSAGE, 'i', '^[\\s*]*-{2,}\\s*', '\\s*-{2,}[\\s*]*$');
/** "---------- Forwarded message ---------", "Begin forwarded message:": what follows is someone else's mail. */
export const FORWARD_MARKER = new RegExp(
  `${phraseRegExp('FORWARDED_MESSAGE', FORWARDED_MESSAGE, 'i', '^[\\s*]*-{2,}\\s*', '\\s*-{2,}[\\s*]*$').source}|` +
    phraseRegExp('FORWARD_LEAD', FORWARD_LEAD, 'i', '^[\\s*]*', '\\s*:?[\\s*]*$').source,
  'i',
);
