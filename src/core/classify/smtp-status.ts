/**
 * Enhanced status codes (RFC 3463) read or derived from free text, for bounces that carry no DSN part:
 * an explicit `5.1.1` wins; else a basic SMTP reply code (`550 …`) refined by what the text says; else
 * the words alone ("user unknown", "mailbox full"…), the way bounce parsers like sisimai do.
 */

// Only failure classes are read from prose: "2.0.12" in a text is a version number, not a success code.
const ENHANCED = /(?<![\d.])([45]\.\d{1,3}\.\d{1,3})(?!\.?\d)/;
// A reply code is trusted at a line start, after "said:"/"error:"-like words, or before an enhanced code; it is
// followed by a space, "-" (a continued reply), the line's end, or ":" as Yahoo and qmail-era MTAs write it
// ("554: delivery error: dd This user doesn't have a yahoo.fr account").
const BASIC = /(?:^|\n|said:|error:|reason:|response:|;|code:|\(|#)\s*([45][0-5]\d)(?=[\s:-]|$)/i;

/** What the words say, most specific first. Each pattern is a plain alternation: linear on any input. */
const REASONS: ReadonlyArray<readonly [RegExp, string, string]> = [
  [
    // the big providers' own wordings too: Yahoo "This user doesn't have a yahoo.fr account", Gmail "The email account
    // that you tried to reach does not exist / is disabled", Outlook.com "The email address you entered couldn't be
    // found", Exchange "RESOLVER.ADR.RecipNotFound; not found", Orange/SFR "Cette adresse n'existe pas"
    /user unknown|unknown user|nosuchuser|no such (user|mailbox|recipient|address|person|account)|does not exist|doesn'?t exist|invalid (recipient|address|user|mailbox)|recipient (address )?rejected|not listed in|unknown (recipient|address|local[- ]part)|(recipient|addressee|mailbox) unknown|address rejected|mailbox unavailable|account (has been |is )?(disabled|deactivated|inactive|discontinued)|account that you tried to reach (is|has been) disabled|no mailbox|not a valid (user|mailbox|recipient)|utilisateur (inconnu|non recens)|destinataire (invalide|inconnu)|adresse (inconnue|invalide)|bo[iî]te (aux lettres )?(inconnue|introuvable|inexistante)|(adresse|utilisateur|destinataire|bo[iî]te|compte|mailbox)[^.\n]{0,40}n'existe (pas|plus)|not our customer|(user|recipient|mailbox|account|address) not found|recipnotfound|(doesn'?t|does not|don'?t|do not) have an? [a-z0-9.-]{1,100} account|address[a-z ]{0,30} (couldn'?t|could not|cannot|can'?t) be found|unknown or illegal alias|bad (destination )?mailbox address|no longer (valid|in use|active)/i,
    '5.1.1',
    '4.1.1',
  ],
  [/host unknown|unknown host|host not found|domain not found|nameserver error|name server error|unrouteable|unroutable|no mx|domain (does not|doesn't) exist|dns error/i, '5.1.2', '4.4.3'],
  [/mailbox (is )?full|quota exceeded|over quota|exceeded (the )?(storage|quota)|insufficient (storage|space)|space not enough|mailbox size limit|boîte (aux lettres )?pleine|boite pleine|d[ée]passement (de |du )?quota|quota (d[ée]pass[ée]|atteint)|(bo[iî]te|messagerie) (aux lettres )?satur[ée]e/i, '5.2.2', '4.2.2'],
  [/too large|exceeds (the )?(maximum|size)|exceeded maximum (incoming )?message size|message size exceeds/i, '5.3.4', '4.3.4'],
  [/not responding|not reachable|unreachable|connection (timed out|refused)|queue period|timed? ?out|expired|too long in queue/i, '5.4.7', '4.4.1'],
  [/too many hops|hop count exceeded|mail loop|loops back/i, '5.4.6', '4.4.6'],
  [/spam|blocked|blacklist|blocklist|rejected for policy|policy reason|dmarc|not authori[sz]ed|access denied|relay(ing)? denied/i, '5.7.1', '4.7.1'],
];
const DELAY = /\bdelayed\b|delay(ed)? notification|still being retried|will (continue|keep) trying|will retry (for|until|again)|temporary problem delivering|not yet been delivered|could not send message for past|retry (time|timeout) not reached|will be retried|temporarily (deferred|failed|unavailable)|tentatives? de remise|sera retent|toujours en cours de tentative|continuerons (?:d'|à |a )essayer|remise (?:est )?diff[ée]r[ée]e|pas encore [ée]t[ée] remis/i;

export function isDelayText(text: string): boolean {
  return DELAY.test(text);
}

export function enhancedStatus(text: string): string | null {
  return ENHANCED.exec(text)?.[1] ?? null;
}

/** `transient`: the notice says delivery is only delayed, so words map to 4.x.x codes. */
export function statusFromText(text: string, transient = false): string | null {
  const enhanced = enhancedStatus(text);
  if (enhanced) return enhanced;
  const basic = BASIC.exec(text)?.[1] ?? null;
  const klass = basic ? basic[0]! : transient ? '4' : '5';
  for (const [re, permanent, temporary] of REASONS) {
    if (re.test(text)) return klass === '4' ? temporary : permanent;
  }
  if (basic) return BASIC_DEFAULTS[basic] ?? `${klass}.0.0`;
  return transient ? '4.0.0' : null;
}

/** RFC 3463 §3 pairings for the reply codes whose meaning is unambiguous. */
const BASIC_DEFAULTS: Record<string, string> = {
  '421': '4.4.2',
  '450': '4.2.0',
  '451': '4.3.0',
  '452': '4.2.2',
  '550': '5.1.1',
  '551': '5.1.6',
  '552': '5.2.2',
  '553': '5.1.3',
  '554': '5.0.0',
};
