/**
 * What mail systems write in their notices, as data: the subjects and first lines of text bounces (bounce-text.ts),
 * the words of a delay and of each failure's cause (smtp-status.ts). Phrases by language, regex fragments, matched
 * case-insensitively anywhere in a bounded slice of text; compiled by the modules that read them (text/phrases.ts).
 * Each table is read for "does any phrase occur", so its order is free. A phrase here is knowledge of MTAs, not of one
 * message: add the wording of a mail system nobody here has seen, in its language's list.
 */
import type { Phrases } from '../text/phrases.ts';

/**
 * Amazon SES's JSON notification of a bounce: a notice's words in its subject-less body (alone enough only when the whole
 * body is SES's document: ses.ts, read by bounce-text.ts — a proposal may open on a JSON example) — also
 * as SNS's email-json delivery writes it, the notification a string inside SNS's own JSON (`\\"notificationType\\":\\"Bounce\\"`).
 */
const SES_BOUNCE = '\\\\?"notificationtype\\\\?"\\s*:\\s*\\\\?"bounce\\\\?"';

/** A notice saying the mail systems are still trying: a delay's words (DELAY_PHRASES), and a notice's (NOTICE_BODY). */
const STILL_TRYING = ['still being retried', 'not yet been delivered', 'could not send message for past'];

/**
 * Mail systems write the apostrophe straight or curly (Exchange Online's HTML NDR: « n’a pas pu être remis », "couldn’t be
 * delivered"; kinds audit 4: both were auto-replies, not bounces): each phrase's ' reads either.
 */
function eitherApostrophe(table: Readonly<Record<string, readonly string[]>>): Readonly<Record<string, readonly string[]>> {
  return Object.fromEntries(Object.entries(table).map(([lang, list]) => [lang, list.map((p) => p.replaceAll("'", "['’]"))]));
}

/** Subjects MTAs give their notices; matched anywhere in the subject. */
export const NOTICE_SUBJECTS: Phrases = {
  en: [
    'undeliver', 'undelivered', '(?:message|mail|e-?mail) not delivered', 'delivery status notification', 'delivery notification',
    'delivery (has )?failed', 'delivery failure', 'delivery problem', 'mail delivery', 'returned mail', 'returning message', 'failure notice',
    'failed mail', 'mail failed', 'mail error', 'mail system error', 'could not be delivered', 'nondeliverable', 'non[- ]delivery',
    'delayed mail', 'message delayed', '\\bdelayed\\b', 'could not send message', 'nameserver error', 'delivery report',
    'message status - undeliverable', 'mail failure',
  ],
  // Exchange's and Gmail's « Notification d'état de remise (échec) », the French of "Delivery Status Notification (Failure)"
  fr: ['non remis', "notification d.[ée]tat de (?:la )?remise"],
  it: ['non recapitabile'],
  de: ['unzustellbar', 'nicht zustellbar'],
  sv: ['olevererbart'],
  nl: ['onbestelbaar'],
  es: ['no entregado', 'no se pudo entregar', 'no se puede entregar'],
  pt: ['n[ãa]o (?:foi )?entregue', 'n[ãa]o [ée] poss[íi]vel entregar'],
  ru: ['недоставленн', 'не доставлен'],
  ja: ['メールエラー'],
  zh: ['退信', '未送达'],
};

/**
 * Subjects a mail system gives its notices in words a person also writes: « Message refusé : je renvoie ma proposition »,
 * « Mail rejeté ? », « Remise différée de mes slides », « Échec de la livraison des WAL ». A notice only when a robot
 * sends it (a mail system's From, a null reverse-path, or written to a bounce address).
 */
export const ROBOT_SUBJECTS: Phrases = {
  fr: [
    'non d[ée]livr[ée]', 'non distribu[ée]', '[ée]chec (?:de (?:la )?)?(?:remise|distribution|livraison)', 'remise diff[ée]r[ée]e',
    '(?:message|courriel|mail) (?:refus[ée]|rejet[ée])',
    '(?:message|courriel|courrier|mail) (?:retard[ée]|diff[ée]r[ée])',
  ],
  // Exchange's delay notices: « Zustellung verzögert: … », « Entrega retrasada: … », « Recapito ritardato: … », « Bezorging
  // vertraagd: … »; Postfix's translated « Correo retrasado (todavía se está reintentando) »
  de: ['zustellung verz[öo]gert'],
  es: ['entrega retrasada', 'correo retrasado'],
  it: ['recapito ritardato'],
  nl: ['bezorging vertraagd'],
};

/** First-lines phrases of MTA notices, applied to a bounded slice of text. */
export const NOTICE_BODY: Phrases = eitherApostrophe({
  en: [
    'could not be delivered', "couldn'?t be delivered", 'was not delivered', "hasn'?t been delivered", 'delivery is delayed to',
    '(?:temporary )?problem delivering your (?:message|mail|e-?mail)', "wasn'?t delivered", 'has not been delivered', ...STILL_TRYING,
    'could not deliver', 'unable to deliver', 'undeliverable', 'delivery to the following recipients? (failed|has been delayed)',
    'delivery has failed', 'delivery failed', 'permanent(ly)? (error|fatal|failure)', 'failed permanently',
    'following addresse?s? (had permanent fatal errors|failed)', 'this is the (qmail-send|mail system|postfix program)',
    "i'?m sorry to have to inform you", 'message could not be delivered',
    "your (message|mail|e-?mail) (could not|cannot|can't|was not|did not) (be )?(deliver|reach|sent)", 'error delivering your mail',
    'mail delivery failed', 'there was an error', 'not listed in (domino directory|public name|the domino)', 'no such user', 'user unknown',
    'unknown user', 'mailbox (is )?(full|unavailable)', 'will continue trying', 'not deliverable', 'delivery status notification', SES_BOUNCE,
    'invalid user address', 'is being held until', 'message status - undeliverable', 'no valid recipients',
  ],
  fr: [
    "n'a pas (?:encore )?pu (être|etre) (remis|distribu|deliv|délivr|achemin)", 'non remis', 'destinataire invalide', 'adresse d au moins un destinataire',
    'impossible de (remettre|distribuer)', "n'a pas encore [ée]t[ée] remis", 'la remise est diff[ée]r[ée]e',
    'a [ée]t[ée] (?:refus[ée]|rejet[ée]) par le serveur',
    // Exchange's NDR, "Delivery has failed to these recipients or groups:" in French (and in German, Italian, Dutch,
    // Portuguese below)
    'la remise a [ée]chou[ée] pour (?:ces|les) destinataires',
  ],
  ru: ['не доставлено', 'не может быть доставлено'],
  es: ['error en la entrega', 'no se (?:pudo|puede) entregar', 'no ha podido (?:ser )?entregar', 'la entrega a estos destinatarios[^\\n]{0,30} se ha retrasado', 'no se ha entregado todav[íi]a'],
  de: ['konnte nicht zugestellt werden', 'fehler bei der (?:zustellung|übermittlung) an (?:folgende|diese) empf[äa]nger', 'die zustellung an diese empf[äa]nger[^\\n]{0,30} ist verz[öo]gert', 'wurde noch nicht zugestellt'],
  pt: ['n[ãa]o foi poss[íi]vel entregar', 'falha na entrega (?:para|a) (?:estes|os seguintes) destinat[áa]rios'],
  nl: ['bezorging is mislukt (?:voor|aan) deze ontvangers', '(?:kan|kon) niet (?:worden )?bezorgd', 'de bezorging aan deze ontvangers[^\\n]{0,30} is vertraagd', 'is nog niet bezorgd'],
  it: ['impossibile recapitare', 'recapito non riuscito (?:a|per) (?:questi|i seguenti) destinatari', 'il recapito ai seguenti destinatari[^\\n]{0,30} [èe] stato ritardato', 'non [èe] stato ancora recapitato'],
});

/**
 * Phrases only an MTA writes: enough on their own, whoever the From says sent them. Postfix's French « Ceci est le
 * logiciel de courrier de smtp.… » names its host: « Ceci est le système de messagerie de la société X » opens a
 * company's acknowledgement too (an auto-reply, which must not count against a member's address as a bounce).
 */
export const MTA_SIGNATURES: Phrases = eitherApostrophe({
  en: [
    'hi\\. this is the qmail-send program', 'this is the mail system at host',
    "i'm sorry to have to inform you that your message could not", 'this message was created automatically by mail delivery software',
    'delivery to the following recipients? failed permanently',
  ],
  fr: ["ceci est le (?:logiciel|programme|syst[eè]me) de (?:courrier|messagerie) (?:de l'h[oô]te |sur l'h[oô]te |de )[\\w-]+(?:\\.[\\w-]+)+"],
});

/** A notice that says delivery is only delayed: its words map to 4.x.x codes. */
export const DELAY_PHRASES: Phrases = eitherApostrophe({
  en: [
    '\\bdelayed\\b', 'delay(ed)? notification', ...STILL_TRYING, 'will (continue|keep) trying', 'will retry (for|until|again)',
    'temporary problem delivering', 'retry (time|timeout) not reached', 'will be retried', 'temporarily (deferred|failed|unavailable)',
    'this is a warning only', 'you do not need to resend',
  ],
  fr: [
    'tentatives? de remise', 'sera retent', 'toujours en cours de tentative', "continuerons (?:d'|à |a )essayer", 'remise (?:est )?diff[ée]r[ée]e',
    'pas encore [ée]t[ée] remis',
    // Postfix's warning, translated: « CECI EST UN AVERTISSEMENT SEULEMENT. VOUS N'AVEZ PAS BESOIN DE RENVOYER VOTRE MESSAGE. »
    'avertissement seulement', "pas encore pu [êe]tre (?:remis|distribu|d[ée]livr)", 'nouvelles? tentatives? (?:ser(?:a|ont)|de remise)', "n'avez pas besoin de renvoyer", "restera en file d'attente", "n'a pas pu [êe]tre (?:d[ée]livr[ée]|remis) depuis",
  ],
  de: ['verz[öo]gert', 'noch nicht zugestellt', 'weiterhin versucht'],
  nl: ['vertraagd', 'nog niet bezorgd', 'nog steeds geprobeerd'],
  es: ['retrasad[oa]', 'esto es s[óo]lo una advertencia', 'no necesita reenviar', 'todav[íi]a no se ha entregado', 'no se ha entregado todav[íi]a', 'seguir[áa] intentando'],
  it: ['ritardat[oa]', 'non [èe] stato ancora recapitato', 'continuer[àa] a tentare'],
});

/**
 * A delay warning may quote a reply that says its error is not permanent (« 452 4.2.2 Mailbox full (temporary condition,
 * not a permanent error) », « ceci n'est pas une erreur permanente », « kein permanenter Fehler »): no giving up.
 */
const NOT_SAID = String.raw`(?<!\b(?:not|no|never)(?: an?)? |\bpas (?:une? )?|\bkein(?:e[nr]?)? )`;

/**
 * A notice that says the mail systems gave up and return the mail, whatever the class of the last reply it quotes:
 * Exim's "Mail delivery failed: returning message to sender" over « 452 4.2.2 mailbox full » once the retry time ran out,
 * qmail's "I've given up", Exchange's "has stopped trying". Its action is failed, not delayed (a delay notice says
 * it "will give up" and the mail "will be returned": none of these).
 */
export const GAVE_UP_PHRASES: Phrases = eitherApostrophe({
  en: [
    'returning message to sender', "(?:i'?ve|i have|we have|has|have) given up", `${NOT_SAID}permanent(?:ly)? (?:error|failure|fatal)`, 'failed permanently',
    'retry time(?:out)? (?:exceeded|expired)', 'has stopped trying',
  ],
  fr: [`${NOT_SAID}erreur permanente`, `${NOT_SAID}[ée]chec permanent`, `${NOT_SAID}erreur d[ée]finitive`],
  de: [`${NOT_SAID}permanenter fehler`, `${NOT_SAID}dauerhafter fehler`],
});

/** A failure's cause in words, and the enhanced status (RFC 3463) it stands for, permanent or transient. */
export interface StatusReason {
  permanent: string;
  transient: string;
  phrases: Phrases;
}

/** Most specific first: the first reason whose phrases occur names the status. */
export const STATUS_REASONS: readonly StatusReason[] = [
  {
    // the big providers' own wordings too: Yahoo "This user doesn't have a yahoo.fr account", Gmail "The email account
    // that you tried to reach does not exist / is disabled", Outlook.com "The email address you entered couldn't be
    // found", Exchange "RESOLVER.ADR.RecipNotFound; not found", Orange/SFR "Cette adresse n'existe pas"
    permanent: '5.1.1',
    transient: '4.1.1',
    phrases: {
      en: [
        'user unknown', 'unknown user', 'nosuchuser', 'no such (user|mailbox|recipient|address|person|account)', 'does not exist', "doesn'?t exist",
        'invalid (recipient|address|user|mailbox)', 'recipient (address )?rejected', 'not listed in', 'unknown (recipient|address|local[- ]part)',
        '(recipient|addressee|mailbox) unknown', 'address rejected', 'mailbox unavailable',
        'account (has been |is )?(disabled|deactivated|inactive|discontinued)', 'account that you tried to reach (is|has been) disabled',
        'no mailbox', 'not a valid (user|mailbox|recipient)', 'not our customer', '(user|recipient|mailbox|account|address) not found',
        'recipnotfound', "(doesn'?t|does not|don'?t|do not) have an? [a-z0-9.-]{1,100} account",
        "address[a-z ]{0,30} (couldn'?t|could not|cannot|can'?t) be found", 'unknown or illegal alias', 'bad (destination )?mailbox address',
        'no longer (valid|in use|active)',
      ],
      fr: [
        'utilisateur (inconnu|non recens)', 'destinataire (invalide|inconnu)', 'adresse (inconnue|invalide)',
        'bo[iî]te (aux lettres )?(inconnue|introuvable|inexistante)', "(adresse|utilisateur|destinataire|bo[iî]te|compte|mailbox)[^.\\n]{0,40}n'existe (pas|plus)",
      ],
    },
  },
  {
    permanent: '5.1.2',
    transient: '4.4.3',
    phrases: [
      'host unknown', 'unknown host', 'host not found', 'domain not found', 'nameserver error', 'name server error', 'unrouteable', 'unroutable',
      'no mx', "domain (does not|doesn't) exist", 'dns error',
    ],
  },
  {
    permanent: '5.2.2',
    transient: '4.2.2',
    phrases: {
      en: [
        'mailbox (is )?full', 'quota exceeded', 'over quota', 'exceeded (the )?(storage|quota)', 'insufficient (storage|space)', 'space not enough',
        'mailbox size limit',
      ],
      fr: ['boîte (aux lettres )?pleine', 'boite pleine', 'd[ée]passement (de |du )?quota', 'quota (d[ée]pass[ée]|atteint)', '(bo[iî]te|messagerie) (aux lettres )?satur[ée]e'],
    },
  },
  {
    permanent: '5.3.4',
    transient: '4.3.4',
    phrases: ['too large', 'exceeds (the )?(maximum|size)', 'exceeded maximum (incoming )?message size', 'message size exceeds'],
  },
  {
    permanent: '5.4.7',
    transient: '4.4.1',
    phrases: ['not responding', 'not reachable', 'unreachable', 'connection (timed out|refused)', 'queue period', 'timed? ?out', 'expired', 'too long in queue'],
  },
  { permanent: '5.4.6', transient: '4.4.6', phrases: ['too many hops', 'hop count exceeded', 'mail loop', 'loops back'] },
  {
    permanent: '5.7.1',
    transient: '4.7.1',
    phrases: ['spam', 'blocked', 'blacklist', 'blocklist', 'rejected for policy', 'policy reason', 'dmarc', 'not authori[sz]ed', 'access denied', 'relay(ing)? denied'],
  },
];
