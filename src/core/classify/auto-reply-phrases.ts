/**
 * What robots answering our mail write, as data: auto-reply and read-receipt subjects, challenge-response robots'
 * words, helpdesks' acknowledgements, out-of-office texts (auto-reply.ts reads them). Phrases by language, regex
 * fragments, compiled once at load by text/phrases.ts; auto-reply.ts wraps each table in where it must stand (the
 * subject's start, a sentence's). A phrase is knowledge of responders, not of one message: add a mail client's or a
 * language's wording to its list.
 *
 * (`\\b` is ASCII-only without the u flag: next to « é », « à » it finds no boundary, so these patterns say « not a
 * letter » with `(?![a-zà-ÿ])` / `(?<![a-zà-ÿ])` instead.)
 */
import type { Phrases } from '../text/phrases.ts';

/**
 * After an absence in a subject: said for later (« next week », "tomorrow", "in January"), it is a person's news — "Out of
 * office next week, so here is my talk idea now" (kinds audit 4: an auto-reply) —, as fr's « Absence demain » below. A
 * responder's subject states the absence now: "Out of Office: X", "Out of office until 5 Jan", "Out of office from 21/12 to
 * 04/01", "… (returning 05/01)".
 */
const SAID_FOR_LATER =
  '(?!\\s+(?:next\\b|tomorrow\\b|tonight\\b|later\\b|soon\\b|this\\s+(?:week|weekend|month|afternoon|evening)\\b|in\\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|two|three|a\\s+few|a\\s+couple)' +
  // (review of kinds audit 4) "Out of the office after the 20th", "… starting Monday", "… from Monday, so": a weekday
  // without its date ("from Monday 21/12 to 04/01" is a responder's range)
  '|after\\b|starting\\b|from\\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\\b(?!\\s*\\d)))';
/** "Before I'm out of office: …", "while I am on vacation": the writer's own plans, said before they go. */
const BEFORE_I_GO = "(?<!\\b(?:before|once|while|when)\\s+(?:i\\s+am|i['’]m|i\\s+go|going|we\\s+are|we['’]re)\\s+)";

/** Outlook/Exchange and webmail auto-reply subject prefixes, localised; matched after any "Re:"/"[". */
export const AUTO_REPLY_SUBJECT_PREFIXES: Phrases = {
  en: [
    'auto(?:matic|mated)?[- ]?(?:reply|response|respons|answer)',
    'auto:',
    `out of (?:the )?office${SAID_FOR_LATER}`,
    'ooo\\b',
    // vacation(1)'s default subject is "away from my mail"
    `away from (?:the |my )?(?:office|desk|e-?mail|mail)\\b${SAID_FOR_LATER}`,
    `${BEFORE_I_GO}on vacation${SAID_FOR_LATER}`,
    'vacation (?:reply|message|notice)',
  ],
  fr: [
    // « Absence du bureau », "Absent: …" — not a person's « Absence au meetup de jeudi », « Absence lors de… »
    // (but « Absent du 23/12 au 03/01 », "Absent from the office" are: a date range, the office)
    // nor « Absence ce soir », "Absent tomorrow", « Absent jeudi soir »: a person missing one evening, not away from mail
    'absen(?:ce|t)\\b(?!\\s+(?:de|of|à|a|au|aux|des|lors|pendant|le|la|les|at|on|to|during|ce|cet|cette|this)\\s)' +
      '(?!\\s+(?:demain|aujourd.hui|tonight|tomorrow|today)\\b)' +
      '(?!\\s+(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\s+(?:soir|prochain|evening|night)\\b)' +
      '(?!\\s+from\\s+(?!(?:the\\s+|my\\s+)?(?:office|desk|work)\\b))' +
      '(?!\\s+du\\s+(?!bureau|[^\\n]{0,25}?\\bau\\s+(?:\\d|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)))',
    'message d.absence',
    'r[ée]ponse automatique',
    'r[ée]ponse d.absence',
  ],
  de: ['abwesenheit', 'abwesend\\b', 'automatische antwort'],
  nl: ['automatisch antwoord', 'afwezig'],
  it: ['risposta automatica', 'fuori ufficio'],
  es: ['respuesta autom[áa]tica', 'fuera de la oficina'],
  pt: ['resposta autom[áa]tica'],
  pl: ['automatyczna odpowied', 'odpowied[źz] automatyczna', 'nieobecno[śs][ćc]\\s*:'],
  // Outlook's Swedish is « Automatiskt svar », its Danish and Norwegian « Automatisk svar »; « Fravær » a Nordic responder's own
  sv: ['automatiskt? svar', 'autosvar'],
  no: ['frav[æa]r\\s*:'],
  fi: ['automaattinen vastaus'],
  // and the absence itself, as Czech, Slovak, Polish and Hungarian responders title it (« Nepřítomnost: … »): with its
  // colon, as a responder writes it before our subject — a person's « Fravær på meetup 28. januar », « Nepřítomnost na
  // meetupu » is their own news (review of kinds audit 3; and a \b after « ć », « ť » never matched: no word character)
  cs: ['automatick[áa] odpov[ěe]d', 'nep[řr][íi]tomnost\\s*:'],
  sk: ['automatick[áa] odpove[ďd]', 'nepr[íi]tomnos[ťt]\\s*:'],
  ro: ['r[ăa]spuns automat'],
  hr: ['automatski odgovor'],
  sl: ['samodejni odgovor'],
  lt: ['automatinis atsakymas'],
  et: ['automaatvastus'],
  uk: ['автоматична відповідь'],
  bg: ['автоматичен отговор'],
  hu: ['automatikus v[áa]lasz', 'h[áa]zon k[íi]v[üu]l\\s*:'],
  ru: ['автоматический ответ'],
  el: ['αυτόματη απάντηση'],
  tr: ['otomatik (?:yan[ıi]t|cevap)'],
  zh: ['自动答复', '自動回覆'],
  ja: ['自動応答'],
  ko: ['자동 회신'],
};

/** Phrases that say "automatic reply" wherever they stand in a subject (AOL, Lotus Notes, Latvian Outlook…). */
export const AUTO_REPLY_SUBJECT_ANYWHERE: Phrases = {
  en: [
    '\\((?:automatic|auto) (?:response|reply)\\)', `\\bis out of (?:the )?office\\b${SAID_FOR_LATER}`, '\\bautoreply\\b', '\\bauto-reply\\b',
    `${BEFORE_I_GO}\\bout of office\\b(?!\\s+hours?\\b)${SAID_FOR_LATER}`, '\\bautomatic reply\\b', '\\[auto-?reply\\]',
  ],
  lv: ['automātiskā atbilde', 'automatiska atbilde'],
  fr: ['\\bréponse automatique\\b'],
};

/** A plain-text read receipt's subject prefix: « Lu : … », "Read: …", « Non lu : … », "Not read: …", "Gelesen: …". */
export const RECEIPT_PREFIXES: Phrases = {
  fr: ['non\\s+lu', 'lu'],
  en: ['not\\s+read', 'read', 'return\\s+receipt'],
  de: ['gelesen', 'nicht\\s+gelesen'],
  es: ['le[íi]do', 'no\\s+le[íi]do'],
  it: ['letto'],
  nl: ['gelezen'],
  pl: ['przeczytane', 'nieprzeczytane'],
  pt: ['lida', 'n[ãa]o\\s+lida'],
};

/** A read receipt's text: the message was read (or deleted unread) on a date. */
export const RECEIPT_TEXTS: Phrases = {
  fr: ['\\ba\\s+[ée]t[ée]\\s+(?:lu|supprim[ée]\\s+sans\\s+avoir\\s+[ée]t[ée]\\s+lu)\\s+le\\b'],
  // Lotus Notes: « Your document: X / was received by: Y / at: 03/12/2026 09:12 »
  en: ['\\bwas\\s+(?:read|deleted\\s+without\\s+being\\s+read)\\s+on\\b', '^\\s*your\\s+document:[^\\n]*\\n\\s*was\\s+received\\s+by:'],
  // Outlook names the time zone's cities between the date and the verb (« … (UTC+01:00) Amsterdam, Berlin, Bern, Rom, Stockholm, Wien gelesen »)
  de: ['\\bwurde\\s+am\\b(?:[^\\n]|\\n(?!\\s*\\n)){0,240}?\\bgelesen\\b'],
  es: ['\\bfue\\s+le[íi]do\\b', '\\bse\\s+ley[óo]\\s+el\\b'],
  pt: ['\\bfoi\\s+lid[ao]\\s+(?:em|a|no)\\b'],
  // (« è » is no word character to \\b: not after a letter instead)
  it: ['(?<![a-zà-ÿ])[èe]\\s+stato\\s+letto\\b'],
  pl: ['\\bzosta[łl]a\\s+przeczytana\\b'],
  nl: ['\\bis\\s+gelezen\\s+op\\b'],
};

/** What a challenge-response robot (Boxbe, Bluebottle, SpamArrest, TMDA, Mailinblack) asks of the sender. */
export const CHALLENGE_TEXTS: Phrases = {
  en: [
    'guest list', 'allowed list', 'approved senders? list', 'white ?list', 'sender not pre-approved', 'add yourself to', 'verify (?:that )?you(?:r| are)',
    'verification link', 'challenge[- ]response', 'to ensure delivery of your (?:e-?mail|message)', 'spam ?arrest',
    // "please click the link and confirm you are a human being", "prove you're not a robot", "held until you complete a one-time check"
    "(?:confirm|prove|show) (?:that )?you(?:['’]re| are) (?:a )?(?:human|real (?:person|sender)|not a (?:ro)?bot|not a spammer)",
    // the message itself held: « Happy to stay on hold until you have the schedule » is a speaker's answer
    "\\byou(?:['’]re| are) not a (?:ro)?bot\\b",
    '\\bonly\\s+accepts?\\s+(?:messages|mail|e-?mails?)\\s+from\\s+(?:known|approved|authori[sz]ed|verified)\\s+senders\\b',
    '\\bone-time (?:check|verification|confirmation)\\b',
    '\\b(?:message|e-?mail|mail)\\s+(?:(?:is|has been|was|will be)\\s+)?(?:being\\s+)?(?:held|quarantined|on hold)\\s+(?:until|pending)\\s+(?:you|your|the sender)',
    // ChoiceMail, Mailinblack's English: "has been held and will be delivered to me once you register", "to protect myself from junk mail"
    '\\b(?:held|quarantined)\\s+and\\s+will\\s+be\\s+(?:delivered|released)\\s+(?:to\\s+(?:me|him|her|them)\\s+)?(?:once|when|after|as\\s+soon\\s+as)\\s+you\\b',
    '\\bto\\s+protect\\s+(?:myself|himself|herself|themselves|me|him|her|them)\\s+(?:from|against)\\s+(?:junk|spam|unsolicited)',
    // "This recipient is protected by Mailinblack / a challenge-response filter" (not a footer's "this e-mail is protected by …")
    '\\b(?:this|the)\\s+(?:recipient|mailbox|inbox|address)\\s+is\\s+protected\\s+by\\b',
  ],
  fr: [
    // « merci de confirmer que vous n'êtes pas un robot », « pour valider votre envoi », « authentification de votre message »
    "n['’]\\s?[êe]tes pas un robot",
    // (« un humain » too, Mailinblack's words: « merci de confirmer que vous êtes un humain »)
    '(?:confirmer|prouver|v[ée]rifier) que vous [êe]tes (?:un (?:[êe]tre )?)?humaine?',
    // « Ce destinataire est protégé par Mailinblack », « Votre correspondant est protégé par un filtre anti-spam »
    '(?:ce|le|votre)\\s+(?:destinataire|correspondant|contact)\\s+(?:est\\s+)?prot[ée]g[ée]e?\\s+par',
    '(?:valider|authentifier) (?:votre|cet) (?:envoi|message|courriel)',
    'authentification de votre (?:message|envoi|courriel)',
    // Mailinblack, Vade: « Afin de se protéger contre le spam, X utilise… merci de confirmer votre adresse »
    "(?:afin|pour) de (?:se|me|vous) prot[ée]ger (?:contre|des?) (?:le |les )?(?:spams?|courriers? ind[ée]sirables?|pourriels?)",
    '(?:confirmer|valider|authentifier) votre adresse (?:e-?mail|[ée]lectronique|de messagerie)?',
    // « Votre message est en attente de confirmation. Afin de lutter contre les courriers indésirables, cette adresse
    // n'accepte que les messages des expéditeurs connus » (kinds audit 4) — not « pour lutter contre le spam » alone, which
    // a person writes over a link of their own
    '\\bvotre\\s+message\\s+(?:est|a\\s+[ée]t[ée]\\s+mis|sera)\\s+(?:retenu|bloqu[ée]|mis\\s+en\\s+attente|en\\s+attente)\\s+(?:de\\s+(?:confirmation|validation)|jusqu)',
    "\\bn['’]\\s?accepte\\s+que\\s+les\\s+(?:messages|courriels|e-?mails|mails)\\s+(?:des|d['’]\\s?)\\s*exp[ée]diteurs\\s+(?:connus|autoris[ée]s|approuv[ée]s|valid[ée]s)",
    // Mailinblack's « Votre message à destination de … est bloqué en attendant votre authentification » (review of audit 4)
    '\\best\\s+(?:bloqu[ée]|retenu)e?\\s+en\\s+attendant\\s+(?:votre|sa|une)\\s+(?:authentification|confirmation|validation)\\b',
  ],
  de: [
    // « Bitte bestätigen Sie einmalig, dass Sie ein Mensch sind », « Dieser Empfänger ist durch einen Spamschutz geschützt »
    '\\b(?:best[äa]tigen|beweisen)\\s+sie\\s+(?:bitte\\s+)?(?:einmalig\\s+|kurz\\s+)?,?\\s*dass\\s+sie\\s+(?:ein\\s+)?mensch',
    '\\bdieser\\s+empf[äa]nger\\s+ist\\s+(?:durch|mit)\\s+[^.\\n]{0,40}gesch[üu]tzt\\b',
    '\\bnur\\s+(?:nachrichten|e-?mails)\\s+von\\s+(?:bekannten|best[äa]tigten|freigegebenen)\\s+absendern\\b',
  ],
};

/**
 * A challenge robot's own subject, written fresh from the protected person's address (no « Re: », a return path):
 * "Please confirm your message to …", "Sender verification required", "Verify your email to reach …", « Validez votre
 * message », « Votre message est en attente de validation ».
 */
export const CHALLENGE_SUBJECTS: Phrases = {
  en: [
    '\\b(?:confirm|verify|validate|authenticate)\\s+your\\s+(?:message|e-?mail|mail)\\b', '\\bsender\\s+verification\\b',
    '\\b(?:verification|confirmation)\\s+(?:required|needed)\\b',
    '\\bverification\\s+of\\s+your\\s+(?:e-?mail\\s+)?(?:address|message|e-?mail)\\b',
  ],
  fr: [
    '\\b(?:confirmez|validez|authentifiez|confirmer|valider|authentifier|validation\\s+de|confirmation\\s+de)\\s+(?:votre|de\\s+votre)\\s+(?:message|envoi|courriel|e-?mail|mail)\\b',
    '\\ben\\s+attente\\s+de\\s+(?:validation|confirmation)\\b',
    '\\b(?:confirmez|validez|confirmer|valider)\\s+votre\\s+adresse\\b',
    // Mailinblack's « Vérification de votre adresse : <our subject> »
    '\\bv[ée]rification\\s+de\\s+votre\\s+(?:adresse|message|envoi|courriel|e-?mail)\\b',
  ],
  de: ['\\b(?:bitte\\s+)?best[äa]tigen\\s+sie\\s+ihre\\s+(?:e-?mail|nachricht|adresse)\\b'],
};

/**
 * A list manager's notice about a message sent to its list (Mailman 2 and 3, Sympa, LISTSERV, ezmlm, Google Groups): held
 * for the moderators, rejected, forwarded to them — "Your message to Generale awaits moderator approval", « Message à
 * modérer pour la liste doctorants », « Votre message pour la liste … a été transmis aux modérateurs ». list-notice.ts
 * reads them only from a list robot's address (a person asks « mon message à la liste attend la modération ? »).
 */
export const LIST_NOTICE_SUBJECTS: Phrases = {
  en: [
    '\\byour\\s+(?:message|mail|post(?:ing)?)\\s+to\\s+\\S+\\s+(?:awaits|is\\s+awaiting|requires|needs)\\s+(?:list\\s+)?moderator\\s+(?:approval|review)',
    '\\byour\\s+(?:message|mail|post(?:ing)?)\\s+to\\s+\\S+\\s+(?:was|has\\s+been)\\s+(?:rejected|discarded|held|refused)\\b',
    '\\brequest\\s+to\\s+(?:the\\s+)?mailing\\s+list\\s+\\S+\\s+rejected\\b',
    '\\b(?:message|post(?:ing)?)\\s+(?:held|awaiting)\\s+(?:for\\s+)?moderat(?:ion|or)',
    // the answer to a command mailed to the list manager (Sympa, Majordomo, LISTSERV)
    '^\\s*(?:results?\\s+of\\s+your\\s+(?:commands?|requests?)|majordomo\\s+results|output\\s+of\\s+your\\s+job)\\b',
    // (review of kinds audit 4) Mailman's "The results of your email commands"; Google Groups' "Your message to X is
    // pending approval"; Sympa's "Message for list X forwarded to moderator"
    '^\\s*the\\s+results?\\s+of\\s+your\\s+(?:e-?mail\\s+)?commands?\\b',
    '\\byour\\s+(?:message|mail|post(?:ing)?)\\s+to\\s+(?:the\\s+group\\s+)?\\S+\\s+is\\s+(?:pending|awaiting)\\s+(?:approval|moderation)\\b',
    '\\bmessage\\s+for\\s+(?:the\\s+)?list\\s+\\S+\\s+(?:has\\s+been\\s+)?forwarded\\s+to\\s+(?:the\\s+)?(?:moderators?|editors?)\\b',
  ],
  fr: [
    '\\bmessage\\s+[àa]\\s+mod[ée]rer\\b',
    '\\bvotre\\s+message\\s+(?:pour|[àa])\\s+(?:la\\s+liste\\s+)?\\S+\\s+(?:est\\s+en\\s+attente|a\\s+[ée]t[ée]\\s+(?:rejet[ée]|refus[ée]|transmis|mis\\s+en\\s+attente))',
    '\\ben\\s+attente\\s+de\\s+mod[ée]ration\\b',
    '^\\s*(?:les\\s+)?r[ée]sultats?\\s+de\\s+vos\\s+commandes\\b',
    // Google Groupes' « Votre message au groupe X est en attente d'approbation »
    "\\bvotre\\s+message\\s+(?:au|pour\\s+le)\\s+groupe\\s+\\S+\\s+(?:est\\s+en\\s+attente|a\\s+[ée]t[ée]\\s+(?:rejet[ée]|refus[ée]|mis\\s+en\\s+attente))",
  ],
  de: [
    '\\bihre\\s+nachricht\\s+an\\s+\\S+\\s+wartet\\s+auf\\s+(?:die\\s+)?(?:freigabe|genehmigung|moderation)',
    // Sympa's answer to a command, as in English and French above
    '^\\s*ergebnisse?\\s+ihrer\\s+(?:befehle|anfragen?)\\b',
  ],
  es: ['^\\s*resultados?\\s+de\\s+(?:sus|tus)\\s+(?:comandos|[óo]rdenes)\\b'],
};

/** Its first lines: the message is held, rejected or passed to the moderators, and why. */
export const LIST_NOTICE_TEXTS: Phrases = {
  en: [
    '\\bis\\s+being\\s+held\\s+until\\s+the\\s+list\\s+moderator\\b',
    '\\b(?:awaits|awaiting)\\s+(?:list\\s+)?moderator\\s+approval\\b',
    '\\bheld\\s+for\\s+(?:list\\s+)?(?:moderator\\s+)?(?:approval|moderation)\\b',
    '\\bpost\\s+by\\s+non-?member\\s+to\\s+a\\s+members-only\\s+list\\b',
    '\\b(?:message|mail|post(?:ing)?)\\s+to\\s+(?:the\\s+)?\\S+\\s+(?:mailing[- ]list\\s+|list\\s+)?(?:was|has\\s+been)\\s+(?:rejected|discarded|refused|forwarded\\s+to\\s+the\\s+(?:list\\s+)?moderators?)\\b',
    '\\b(?:was|has\\s+been)\\s+rejected\\s+by\\s+the\\s+(?:list\\s+)?moderators?\\b',
    '\\bthe\\s+message\\s+is\\s+not\\s+from\\s+a\\s+list\\s+member\\b',
  ],
  fr: [
    '\\ba\\s+[ée]t[ée]\\s+transmis\\s+aux\\s+mod[ée]rateurs\\b',
    '\\ba\\s+[ée]t[ée]\\s+(?:rejet[ée]|refus[ée])\\s+par\\s+(?:le|les|un)\\s+mod[ée]rateurs?\\b',
    '\\best\\s+en\\s+attente\\s+de\\s+mod[ée]ration\\b',
    "\\bvotre\\s+message\\s+(?:pour|[àa])\\s+la\\s+liste\\b[^\\n]{0,80}?\\ba\\s+[ée]t[ée]\\s+(?:rejet[ée]|refus[ée]|transmis|mis\\s+en\\s+attente)",
  ],
  de: ['\\bwartet\\s+auf\\s+(?:die\\s+)?(?:freigabe|genehmigung)\\s+durch\\s+(?:den|die|einen)\\s+moderator'],
};

/** A subject that says "your request was received": the reader's request, in a robot's words. */
export const ACK_SUBJECTS: Phrases = {
  en: [
    "\\bwe(?:['’]ve| have)? received your (?:request|message|e-?mail|enquiry|inquiry|ticket|query|support request)\\b",
    '\\byour (?:request|ticket|case|incident|enquiry|inquiry|query)\\b[^.]{0,40}\\bhas been (?:received|created|opened|logged|registered)\\b',
    // ServiceNow: "INC0012345 has been opened on your behalf"
    '\\bhas been (?:opened|created|logged|raised) on your behalf\\b',
  ],
  fr: [
    '\\bnous avons bien re[çc]u votre\\b',
    '\\bvotre (?:demande|requ[êe]te|ticket|message)\\b[^.]{0,40}\\b(?:a (?:bien )?[ée]t[ée]|est) (?:re[çc]ue?|enregistr[ée]e?|cr[ée][ée]e?|prise? en compte)',
  ],
};

/** A bare "Ticket received", « Demande enregistrée », at the subject's start (auto-reply.ts says where it must end). */
export const BARE_ACK_SUBJECTS: Phrases = {
  en: ['(?:support )?(?:request|ticket|enquiry|inquiry) (?:has been |was )?(?:received|created|opened|logged)'],
  fr: ['(?:demande|requ[êe]te|ticket) (?:a (?:bien )?[ée]t[ée] |bien )?(?:re[çc]ue?|enregistr[ée]e?|cr[ée][ée]e?|ouverte?|prise? en compte)'],
};

/** An acknowledgement's first lines say so. */
export const ACK_TEXTS: Phrases = {
  en: ['\\b(?:has|have) been (?:received|created|logged|opened|registered)\\b', "\\bwe(?:['’]ve| have)? received your\\b", '\\bwe acknowledge (?:the )?receipt of\\b'],
  de: ['\\bist\\s+bei\\s+uns\\s+eingegangen\\b', '\\bwir\\s+haben\\s+ihre\\s+(?:anfrage|nachricht|e-?mail)\\s+erhalten\\b'],
  fr: ['\\bnous avons bien re[çc]u\\b', '\\bnous accusons (?:bonne )?r[ée]ception\\b', '\\b(?:a|ont) (?:bien )?[ée]t[ée] (?:re[çc]ue?s?|enregistr[ée]e?s?|cr[ée][ée]e?s?|prise?s? en compte)'],
};

/** A subject naming a receipt: « Accusé de réception : … », "Acknowledgement of receipt", "Receipt confirmation". */
export const RECEIPT_SUBJECTS: Phrases = {
  fr: ['accus[ée] de r[ée]ception', 'confirmation de r[ée]ception'],
  en: ['acknowledge?ment(?: of receipt)?', 'receipt confirmation', 'confirmation of receipt'],
  de: ['eingangsbest[äa]tigung'],
};

/**
 * A text that calls itself automatic: "This is an automated response", "This email was sent automatically", « Ceci est
 * un message automatique », « Ce message a été généré automatiquement » (auto-reply.ts: in a sentence of its own).
 */
export const SAYS_AUTOMATIC_PHRASES: Phrases = {
  en: [
    'this is an? (?:automated|automatic|auto-generated|automatically generated) (?:response|reply|message|e-?mail|acknowledge?ment|notification)\\b',
    'this (?:message|e-?mail|reply|response) (?:was|has been|is) (?:sent|generated) automatically\\b',
  ],
  fr: [
    'ceci est (?:un|une) (?:message|r[ée]ponse|courriel|e-?mail|mail|accus[ée] de r[ée]ception) (?:automatique|g[ée]n[ée]r[ée]e? automatiquement)\\b',
    'ce (?:message|courriel|mail|e-?mail) (?:a [ée]t[ée]|est) (?:g[ée]n[ée]r[ée]|envoy[ée]) automatiquement\\b',
  ],
};

/** Before the state of being away, optionally: "actuellement", "currently"… (each with its space). */
export const AWAY_ADVERBS: Phrases = {
  fr: ['actuellement\\s+', 'pr[ée]sentement\\s+', 'd[ée]sormais\\s+', 'malheureusement\\s+', 'en\\s+ce\\s+moment\\s+'],
  en: ['currently\\s+', 'now\\s+', 'presently\\s+', 'unfortunately\\s+', 'still\\s+'],
};

/** Being away, after "je suis / I am": absent, on leave, out of the office, travelling… */
export const AWAY_STATES: Phrases = {
  fr: [
    'absente?s?\\b', 'en\\s+cong[ée]s?(?![a-zà-ÿ])', 'en\\s+vacances\\b', 'en\\s+(?:dehors|hors)\\s+du\\s+bureau', 'hors\\s+(?:du\\s+)?bureau',
    'en\\s+arr[êe]t\\b', 'en\\s+d[ée]placement\\b', 'en\\s+formation\\b', 'en\\s+mission\\b', 'indisponible\\b', 'en\\s+repos\\b',
  ],
  en: [
    'out\\s+of\\s+(?:the\\s+)?office', 'ooo\\b', 'away\\b',
    'on\\s+(?:annual\\s+|parental\\s+|maternity\\s+|paternity\\s+|sick\\s+|medical\\s+|study\\s+|holiday\\s+)?(?:leave|vacation|holidays?)\\b',
    'on\\s+(?:a\\s+)?business\\s+trip', 'travell?ing\\b', 'off\\s+(?:work|sick)\\b', 'not\\s+in\\s+the\\s+office', 'out\\s+of\\s+the\\s+country',
    'unavailable\\b', 'offline\\b',
  ],
};

/** Wordings only out-of-office notices use: with an absence said now they need no further cue (« Je suis actuellement absente. »). */
export const AWAY_FORMAL_PHRASES: Phrases = {
  fr: ['\\babsente?s?\\s+du\\s+bureau\\b', '\\b(?:actuellement|pr[ée]sentement)\\s+absente?s?\\b', "\\bn['’]est\\s+plus\\s+(?:consult[ée]e|lue|relev[ée]e|surveill[ée]e)\\b"],
  en: [
    '\\bcurrently\\s+(?:out\\s+of\\s+(?:the\\s+)?office|away\\s+from\\s+(?:the\\s+|my\\s+)?(?:office|desk)|on\\s+(?:annual\\s+)?leave)\\b',
    '\\bon\\s+annual\\s+leave\\b',
    '\\bis\\s+(?:no\\s+longer|not)\\s+(?:monitored|checked|read)\\b',
  ],
};

/** Until when: "jusqu'au 17/03", "du 3 au 17 mars", "until March 20", "returning on May 5th". */
export const DATE_CUES: Phrases = {
  fr: [
    "jusqu['’]\\s*(?:au|[àa]|en)(?![a-zà-ÿ])",
    '\\bdu\\s+(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\\s+)?\\d{1,2}(?:er)?\\b.{0,30}?\\bau\\s+(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\\s+)?\\d{1,2}',
    '\\bde\\s+retour\\b',
    '\\bretour\\s+pr[ée]vu',
  ],
  en: ['\\buntil\\b', '\\btill\\b', '\\breturning\\b', '\\b(?:back|return)\\s+(?:in\\s+the\\s+office\\s+|to\\s+the\\s+office\\s+)?on\\b', '\\bwill\\s+(?:be\\s+)?(?:back|return)'],
  de: ['\\bbis\\s+(?:zum|einschlie[ßs]lich|\\d)'],
  es: ['\\bhasta\\s+el\\b'],
  it: ['\\bfino\\s+al'],
  nl: ['\\btot\\s+(?:en\\s+met\\s+)?(?:\\d|maandag|dinsdag|woensdag|donderdag|vrijdag)'],
  pt: ['(?<![a-zà-ÿ])at[ée]\\s+(?:ao\\s+|[àa]\\s+|dia\\s+)?\\d'],
  sv: ['\\btill\\s+och\\s+med\\b', '\\b(?:till|tills)\\s+\\d'],
  // a month's name after the day: English's "to do 3 talks" is no date
  // Czech « do 15. ledna », « do 4. 1. 2027 »; Danish and Norwegian « tilbage / tilbake », « indtil »; Finnish « 7.1.2027 asti »;
  // Romanian « până pe 6 ianuarie »; Turkish « 5 Ocak tarihine kadar »; Greek « έως / μέχρι »; Japanese « 1月5日まで »
  cs: ['(?<![a-zà-ÿ])do\\s+\\d{1,2}\\.'],
  hu: ['\\d{1,2}-(?:ig|éig)\\b'],
  da: ['\\b(?:tilbage|tilbake|indtil)\\b'],
  fi: ['\\d\\.?\\s+(?:asti|saakka)\\b'],
  ro: ['\\bp[âa]n[ăa]\\s+(?:pe\\s+|la\\s+|[îi]n\\s+)?\\d'],
  tr: ['\\btarihine\\s+kadar\\b'],
  el: ['(?:έως|μέχρι)\\s+(?:τις\\s+|την\\s+|και\\s+)?\\d'],
  ja: ['\\d{1,2}日(?:\\([^)]{1,3}\\))?まで'],
  pl: ['(?<![a-zà-ÿ])do\\s+\\d{1,2}\\s+(?:stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|wrze[śs]nia|pa[źz]dziernika|listopada|grudnia)'],
};

/** What only an auto-reply adds: whom to write to meanwhile, when the mail will be read, how little access there is. */
export const STRONG_CUES: Phrases = {
  fr: [
    '(?<![a-zà-ÿ])(?:[àa]|d[èe]s|apr[èe]s)\\s+mon\\s+retour\\b',
    "\\ben\\s+cas\\s+d['’]\\s*urgence",
    // « pour toute urgence », the noun, as « en cas d'urgence » (« pour toute demande urgente »: the adjective)
    '\\bpour\\s+toute\\s+(?:demande\\s+|question\\s+|affaire\\s+)?urgen(?:t|ce)',
    "\\b(?:merci\\s+de|veuillez|vous\\s+pouvez|n['’]h[ée]sitez\\s+pas\\s+[àa])\\s+(?:contacter|joindre|vous\\s+adresser|[ée]crire)",
    '(?<![a-zà-ÿ])[ée]crivez\\s+[àa](?![a-zà-ÿ])',
    '\\bacc[èe]s\\s+(?:limit[ée]|restreint|r[ée]duit|ponctuel)',
    "\\bpas\\s+(?:d['’]\\s*)?acc[èe]s\\s+[àa]\\s+(?:mes|ma|mon)\\b",
    '\\bsans\\s+acc[èe]s\\b',
    '\\bje\\s+(?:vous\\s+r[ée]pondrai|r[ée]pondrai|prendrai\\s+connaissance|traiterai|lirai|reviendrai\\s+vers\\s+vous)',
    '\\b(?:message|r[ée]ponse)\\s+automatique',
    '\\bne\\s+sera\\s+pas\\s+(?:lu|trait[ée]|transf[ée]r[ée])',
  ],
  en: [
    '\\b(?:upon|on|after)\\s+my\\s+return\\b',
    "\\bwhen\\s+i\\s+(?:return|get\\s+back|am\\s+back|['’]m\\s+back)\\b",
    '\\blimited\\s+(?:access|e-?mail|connectivity)',
    '\\bno\\s+access\\s+to\\s+(?:my\\s+)?e-?mail',
    '\\b(?:for|in\\s+case\\s+of)\\s+(?:urgent|pressing|immediate|emergenc)',
    '\\bif\\s+(?:it\\s+is\\s+|this\\s+is\\s+|your\\s+(?:matter|request|message|enquiry|inquiry)\\s+is\\s+)?urgent',
    '\\bplease\\s+contact\\b',
    '\\bautomat(?:ic|ed)(?:ally)?\\s+(?:reply|response|generated|message)',
    '\\bauto-?reply\\b',
    '\\bdelayed\\s+(?:response|reply)',
    "\\bi\\s*(?:will|['’]ll)\\s+(?:respond|reply|answer|get\\s+back\\s+to\\s+you|read)\\b",
  ],
  de: [
    '\\bnach\\s+meiner\\s+r[üu]ckkehr',
    '\\bin\\s+dringenden\\s+f[äa]llen',
    '\\beingeschr[äa]nkte?[mn]?\\s+(?:zugriff|zugang)',
    '\\bkeinen\\s+(?:zugriff|zugang)\\s+auf',
    '\\bwird\\s+nicht\\s+weitergeleitet',
    '\\bwenden\\s+sie\\s+sich\\s+(?:bitte\\s+)?an\\b',
  ],
  es: ['\\ba\\s+mi\\s+regreso\\b', '\\bacceso\\s+limitado', '\\ben\\s+caso\\s+de\\s+urgencia', '\\bpara\\s+(?:asuntos|temas)\\s+urgentes'],
  it: ['\\bal\\s+mio\\s+rientro\\b', '\\baccesso\\s+limitato', '\\bper\\s+(?:urgenze|questioni\\s+urgenti)', '\\bin\\s+caso\\s+di\\s+urgenza'],
  pt: ['\\bacesso\\s+limitado', '\\bpara\\s+assuntos\\s+urgentes', '\\bap[óo]s\\s+o\\s+meu\\s+regresso'],
  sv: ['\\bvid\\s+br[åa]dskande', '\\bl[äa]ser\\s+inte\\s+min', '\\bbegr[äa]nsad\\s+tillg[åa]ng'],
  pl: ['\\bograniczonym\\s+dost[ęe]pem', '\\bw\\s+pilnych\\s+sprawach'],
  cs: ['\\bv\\s+nal[ée]hav[ýy]ch\\s+p[řr][íi]padech', '\\bomezen[ýy]m?\\s+p[řr][íi]stup', '\\bnem[áa]m\\s+p[řr][íi]stup', 'po\\s+(?:m[ée]m\\s+)?n[áa]vratu'],
  da: ['\\bved\\s+akutte\\b', '\\bikke\\s+(?:adgang|tilgang)\\s+til\\b', '\\bbegr[æa]nset\\s+(?:adgang|tilgang)\\b', '\\bhenvendelser\\s+kan\\s+rettes\\b', '\\bi\\s+hastesaker\\b', '\\bbliver\\s+ikke\\s+videresendt\\b', '\\bvideresendes\\s+ikke\\b'],
  fi: ['\\bkiireellisiss[äa]\\s+asioissa\\b', '\\ben\\s+lue\\s+s[äa]hk[öo]post', '\\brajoitetusti\\b'],
  ro: ['\\bpentru\\s+urgen[țţt]e\\b', '\\bacces\\s+limitat\\b', '\\bla\\s+[îi]ntoarcere\\b'],
  tr: ['\\bacil\\s+durumlarda\\b', '\\bd[öo]n[üu][şs][üu]mde\\b'],
  el: ['για\\s+επείγοντα', 'περιορισμένη\\s+πρόσβαση', 'κατά\\s+την\\s+επιστροφή\\s+μου'],
  ja: ['メールの確認ができ(?:ません|ない)', '順次(?:ご)?(?:返信|対応|回答)', '(?:帰社|戻り)(?:後|次第)', '以降に(?:順次)?(?:ご)?(?:確認|返信|対応|連絡)'],
  sk: ['\\bv\\s+naliehav[ýy]ch\\s+pr[íi]padoch', '\\bobmedzen[ýy]m\\s+pr[íi]stup'],
  hu: ['\\bs[üu]rg[őo]s\\s+[üu]gyben', '\\bkorl[áa]tozottan\\b'],
  nl: ['\\bna\\s+mijn\\s+terugkeer', '\\b(?:bij|voor)\\s+dringende\\s+(?:zaken|vragen)', '\\bin\\s+dringende\\s+gevallen', '\\bwordt\\s+niet\\s+doorgestuurd'],
};

/** A greeting line before the absence ("Bonjour,", "Dear sender,"): the greeting's first words. */
export const OPENING_GREETINGS: Phrases = {
  fr: ['bonjour', 'bonsoir', 'cher', 'ch[èe]re', 'madame', 'monsieur'],
  en: ['hello', 'hi', 'dear', 'greetings', 'good\\s+(?:morning|afternoon|day)'],
  de: ['sehr\\s+geehrte', 'guten\\s+tag', 'hallo'],
  es: ['hola', 'estimad[oa]s?', 'buenos\\s+d[íi]as'],
  it: ['buongiorno', 'gentile', 'salve'],
  nl: ['goedemorgen', 'goedemiddag', 'beste'],
  pt: ['ol[áa]', 'bom\\s+dia', 'boa\\s+tarde', 'prezad[oa]s?'],
  sv: ['hej', 'god\\s+dag'],
  pl: ['dzie[ńn]\\s+dobry', 'szanown[ia]'],
  cs: ['dobr[ýy]\\s+den'],
  da: ['hei', 'kære'],
  ro: ['bun[ăa]\\s+ziua'],
  tr: ['merhaba'],
};
