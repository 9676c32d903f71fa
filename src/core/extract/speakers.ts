/**
 * Who would give the talk: the author of the proposal (for a forward, the original author), plus co-speakers
 * named in an "Orateurs :" field, in the prose ("avec Marie Curie <marie@x>", "co-presented with …"), or in Cc
 * when the body says that person gives the talk ("Sam and I", "my co-speaker Sam") or, naming nobody copied for
 * another reason ("I've copied my manager"), that the talk is given by two. Names are cleaned; a missing name is
 * taken from the signature (which also fills out a one-word display name), else guessed from the address, with a
 * warning.
 */
import type { Address, Speaker } from '../../types.ts';
import { EMAIL_IN_TEXT } from '../address.ts';
import { fold } from '../text/fold.ts';
import { type Phrases, phraseRegExp } from '../text/phrases.ts';
import { cleanName, JOB_TITLE, nameFromLocalPart, looksLikePersonName } from '../text/names.ts';

const EMAIL = EMAIL_IN_TEXT;
const EMAIL_G = new RegExp(EMAIL_IN_TEXT.source, 'g');
const NAME = "\\p{Lu}[\\p{L}'’-]+(?:\\s+(?:de |du |van |von |le |la )?\\p{Lu}[\\p{L}'’-]+){1,3}";
/**
 * Giving the talk, said in the sentence of a co-speaker named with a comma and an address (folded): « Je présenterais
 * avec Claire Martin, claire@…, le sujet … » — not « Pour la facture, voyez avec Claire Martin, claire@… », "please get in
 * touch with Claire Martin, claire@…", a contact for something else (review of 6fcbc6d).
 */
const SPEAKING_WORDS = /\b(?:present\w*|parl\w*|interv\w*|expose\w*|talks?|lightning|eclair|co-?anim\w*|a deux voix|en binome|binome|speak\w*|co-?speak\w*|co-?present\w*|together|ensemble)\b/;
function speaksInSentence(body: string, at: number): boolean {
  const start = Math.max(body.lastIndexOf('. ', at), body.lastIndexOf('\n\n', at), body.lastIndexOf('! ', at), body.lastIndexOf('? ', at)) + 1;
  const rest = body.slice(at);
  const end = rest.search(/[.!?](?:\s|$)(?![\w-])|\n\n/);
  return SPEAKING_WORDS.test(fold(body.slice(start, end < 0 ? body.length : at + end)));
}

/**
 * "avec Marie Curie <marie@x>" — any "with" followed by a name and an address; the address may stand after a comma as in
 * a list (« avec Claire Martin, claire.martin@datalyse.fr, le sujet … »).
 */
const WITH_ADDRESS = new RegExp(`(?<![\\p{L}])(?:[Aa]vec|[Ww]ith|and|et|&)\\s+(${NAME})(?:\\s*[<(\\[]\\s*(${EMAIL.source})\\s*[>)\\]]|\\s*,\\s*(${EMAIL.source})(?![\\w-]|\\.[\\w-]))`, 'gu');
/**
 * "co-presented with Marie Curie", "en binôme avec Marie Curie", "avec mon collègue Paul Martin" — and each of a list so
 * introduced: "co-presented with Anna Schmidt and Li Wei", « co-animé avec Julie Caron, Hervé Dumas et Léa Roy ». A comma
 * makes a list only when « et » / "and" closes it: "co-presented with Anna Schmidt, Senior Engineer at Zalando" names her
 * job (review 10: « Senior Engineer », « Directrice Technique » were speakers).
 */
const CO_SPEAKER = new RegExp(
  `(?:[Cc]o-?(?:pr[ée]sent[ée]e?s?|anim[ée]e?s?|presented|hosted|speaker|orat(?:eur|rice))|en bin[ôo]me|[àa] deux|à quatre mains|[Tt]ogether with|[Jj]ointly with|conjointement avec)\\s*(?:avec|with|by|par|:)?\\s*(?:(?:mon|ma|my|notre|our)\\s+(?:coll[èe]gue|colleague|coworker|co-?worker|ami|amie|friend)\\s+)?((?:${NAME})(?:(?:\\s*,\\s*(?:${NAME}))*\\s*,?\\s+(?:et|and|&)\\s+(?:${NAME}))?)`,
  'gu',
);
const MY_COLLEAGUE = new RegExp(`(?:[Aa]vec|[Ww]ith)\\s+(?:mon|ma|my)\\s+(?:coll[èe]gue|colleague|coworker|co-?worker|associ[ée]e?)\\s+(${NAME})`, 'gu');
/** « avec mes collègues Julie Caron et Hervé Dumas », "with my colleagues Ana Silva, Tom Baker and Li Wei": each one named. */
const MY_COLLEAGUES = new RegExp(
  `(?:[Aa]vec|[Ww]ith)\\s+(?:mes|nos|my|our)\\s+(?:coll[èe]gues|colleagues|coworkers|co-?workers|associ[ée]e?s)\\s+((?:${NAME})(?:\\s*,\\s*(?:${NAME}))*\\s*,?\\s+(?:et|and|&)\\s+(?:${NAME}))`,
  'gu',
);
/**
 * « Avec Juliette Masson, nous aimerions présenter … », "With Lukas Weber, we'd like to give …": a sentence opening on
 * whom the writer is with, then "we" presenting, proposing, speaking — the two of them present ("With Citus Data, we
 * sharded…" names a company, no speaker).
 */
const WITH_THEN_WE = new RegExp(
  `(?:^|[.!?]\\s+|\\n)[ \\t]*(?:[Aa]vec|[Ww]ith|[Tt]ogether with|[Aa]ux c[ôo]t[ée]s de)\\s+(?:(?:mon|ma|my|notre|our)\\s+(?:coll[èe]gue|colleague|coworker|co-?worker|associ[ée]e?|ami|amie|friend)\\s+)?(${NAME})\\s*(?:\\([^()\\n]{0,60}\\))?\\s*,\\s*(?:nous|we|on)\\b(?=[^.!?\\n]{0,40}?(?<![\\p{L}])(?:pr[ée]sent\\p{L}*|parl\\p{L}*|anim\\p{L}*|interv\\p{L}*|propos\\p{L}*|soum\\p{L}*|give|giving|speak\\p{L}*|talk\\p{L}*|submit\\p{L}*|share|sharing|partag\\p{L}*)(?![\\p{L}]))`,
  'gu',
);
/**
 * A word that makes a capitalised name an organization's, not a person's: « Avec Société Générale, nous… », "With
 * Crunchy Data, we…", "With Acme Labs, we…". (A person's name can hold none of these as a whole word.)
 */
const ORGANIZATION_WORD =
  /(?<![\p{L}])(?:data|labs?|inc|corp(?:oration)?|group|groupe|software|systems?|technolog(?:y|ies)|tech|consulting|solutions?|cloud|bank|banque|soci[ée]t[ée]|team|[ée]quipe|foundation|fondation|universit(?:y|[ée])|institut[e]?|partners|services|analytics|digital|networks?|studios?|agency|agence|sas|sarl|gmbh|ltd|llc|company|compagnie|industries|assurances?|mutuelle|cr[ée]dit|caisse|conseil|informatique|ventures|capital|hospital|h[ôo]pital|minist[èe]re|ministry|project|projet|community|communaut[ée])(?![\p{L}])/iu;
/** A shared mailbox's address (contact@, info@, hello@, team@, « equipe@ »…): its display name is an organization's. */
const ROLE_MAILBOX = /^(?:contact|info|infos|hello|hi|bonjour|team|equipe|office|bureau|admin|direction|communication|com|marketing|events?|evenements?|rh|hr|jobs|sales|commercial|partenariats?|partners?)@/i;
/** The body says "we" present, or that it is a two-person talk: Cc'd people are then co-speakers. */
const WE_PRESENT: Phrases = {
  fr: [
    'nous (souhaiterions|aimerions|voudrions|proposons|pourrions|pr[ée]senterions)', 'notre (talk|pr[ée]sentation|intervention|expos[ée])', 'à deux',
    '[àa] deux voix', 'en bin[ôo]me', 'deux orateurs', 'tous les deux',
  ],
  en: ["we('d| would| could)? (like|love|propose|present|give|want)", 'our (talk|presentation|session)', 'co-presented', 'together', 'two speakers', 'both of us'],
  'fr, en': ['co-?(pr[ée]sent|anim|speak|orat)'],
};
const PLURAL = phraseRegExp('WE_PRESENT', WE_PRESENT, 'i', '\\b', '');

/**
 * A display name that names a household, not a person: « Famille Martin », "Martin Family", « Foyer Dupont », « M. et
 * Mme Martin », "Mr & Mrs Smith" — the address a family shares, from which one of them writes. (« Les Dupont » is left
 * alone: "Les Paul" is a person.)
 */
const HOUSEHOLD = /^(?:(?:famille|family|foyer)\s+\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)?|\p{Lu}[\p{L}'’-]*\s+(?:family|famille)|(?:m|mr|mme|monsieur)\.?\s+(?:et|and|&)\s+(?:mme|mrs|ms|madame)\.?\s+\p{Lu}.*)$/iu;

export interface SpeakerResult {
  speakers: Speaker[];
  warnings: string[];
}

export interface SpeakerInputs {
  author: Address | null;
  /** Name found after the sign-off, used when the author has no display name. */
  signatureName: string | null;
  /** Value of an "Orateurs :" field. */
  field: string | null;
  /** The line that labels it ("Speaker: Priya Nair <…>", « Co-orateur : … »). */
  fieldLine?: string | null;
  body: string;
  cc: Address[];
  /** Addresses that are never co-speakers: our own, organizers, whoever forwarded. */
  exclude: ReadonlySet<string>;
  /** Our own addresses: never a speaker, not even as the author (our acknowledgements coming back). */
  own: ReadonlySet<string>;
  /** The signature block cut off the text (from its sign-off or its "-- " line on): who signs it. */
  signature?: string | null;
}

export function findSpeakers(x: SpeakerInputs): SpeakerResult {
  const warnings: string[] = [];
  const out: Speaker[] = [];
  const add = (s: Speaker, author = false) => {
    const email = s.email?.toLowerCase() ?? null;
    if (email && (author ? x.own : x.exclude).has(email)) return;
    const same = out.find((o) => (email && o.email?.toLowerCase() === email) || (s.name && o.name && fold(o.name) === fold(s.name)));
    if (same) {
      same.email ??= s.email;
      same.name ??= s.name;
      return;
    }
    out.push(s);
  };
  // "Speaker: Priya Nair <priya@…>" sent by Mark: the speakers the label names, not the sender — unless it names him,
  // is a co-speaker's label ("Co-speaker:", « Avec : »), or the text says he presents with them ("Priya and I")
  const named = x.field ? fieldSpeakers(x.field) : [];
  const authorSpeaks =
    named.length === 0 ||
    !x.author ||
    named.some((s) => (s.email && x.author!.email && s.email.toLowerCase() === x.author!.email.toLowerCase()) || (s.name && x.author!.name && sameWords(s.name, cleanName(x.author!.name) ?? x.author!.name))) ||
    (x.fieldLine != null && CO_LABEL.test(fold(x.fieldLine))) ||
    (x.field !== null && fieldNamesWriter(x.field)) ||
    PRESENTERS.test(fold(x.body.slice(0, 8000))) ||
    TOGETHER.test(fold(x.body.slice(0, 8000))) ||
    named.every((s) => !s.email);
  if (x.author && (x.author.email || x.author.name) && authorSpeaks) {
    // "jeanmarc.dupuis" as the display name of jeanmarc.dupuis@…: the client put the address there, no name was given
    const addressAsName = x.author.name && x.author.email && !/\s/.test(x.author.name.trim()) && x.author.name.trim().toLowerCase() === x.author.email.split('@')[0]!.toLowerCase();
    // « Famille Martin », « M. et Mme Martin »: a household's shared address; the one who signs speaks
    const household = x.author.name !== null && HOUSEHOLD.test(x.author.name.trim());
    // "Acme Data <dev@…>" signed « Paul Roy »: a company's shared address, the one who signs speaks (parse audit 9)
    // (the name as cleaned: "Dr. Ingrid Holm (Acme Corp)" is Ingrid Holm's, her employer aside; a full name signed)
    // …or a role mailbox's (« Nuage Léger » <contact@…>, "Acme" <hello@…>, parse audit 10): the name is the mailbox's owner
    const company = (ORGANIZATION_WORD.test(cleanName(x.author.name) ?? '') || ROLE_MAILBOX.test(x.author.email ?? '')) && x.signatureName !== null && /\s/.test(x.signatureName.trim()) && !ORGANIZATION_WORD.test(x.signatureName);
    // …but « marc.lenoir » as the name says more than « Marc » signed: two words made of the address beat one signed —
    // when the one signed is one of them: « contact.presse », « asso.pgparis » signed « Marc » are a shared mailbox's,
    // and Marc speaks (review of parse audit 9: filed as « Contact Presse »)
    const signedWord = fold(x.signatureName?.trim() ?? '');
    const fullerAddress = addressAsName && x.signatureName !== null && !/\s/.test(x.signatureName.trim()) && /\s/.test(cleanName(x.author.name) ?? '') && fold(cleanName(x.author.name) ?? '').split(/\s+/).includes(signedWord);
    let name = (addressAsName || household || company) && !fullerAddress && x.signatureName && looksLikePersonName(x.signatureName) ? null : cleanName(x.author.name);
    if (!name && x.signatureName) name = cleanName(x.signatureName);
    // "Garnier Élodie" in From, "Élodie Garnier" under the sign-off: the person's own order wins — but not the
    // capitals of a "Thierry MOREAU" signature: the signed name is cleaned like a display name ("Thierry Moreau")
    else if (name && x.signatureName && sameWords(name, x.signatureName)) name = cleanName(x.signatureName) ?? name;
    // "priya" or "Priya" in From, "Priya Raman" under the sign-off: the fuller name the person signs with wins
    else if (name && x.signatureName && x.author.name && fuller(x.author.name, x.signatureName)) name = cleanName(x.signatureName) ?? name;
    // no sign-off to find a signature by (« Partant pour un lightning talk « … ».\nThomas Bernard »): the text's last line,
    // when it is the fuller name the display name begins
    else if (name && !x.signatureName && x.author.name && lastLineName(x.body) && fuller(x.author.name, lastLineName(x.body)!)) name = cleanName(lastLineName(x.body)!) ?? name;
    if (!name && x.author.email) {
      name = nameFromLocalPart(x.author.email);
      if (name) warnings.push(`speaker name not given: guessed "${name}" from the address ${x.author.email}`);
      else warnings.push(`speaker name not given for ${x.author.email}`);
    }
    if (!x.author.email) warnings.push(`no address for the speaker ${name ?? ''}`.trim());
    add({ name, email: x.author.email || null }, true);
  }
  // (the field read once: `named` — a 60,000-character field was split three times, parse audit 12)
  for (const s of named) add(s);
  const body = x.body.slice(0, 8000);
  if (x.author && x.signature) for (const s of coSigners(x.signature, x.author, x.signatureName, body)) add({ name: s, email: ccEmail(x.cc, s) ?? addressSpellingName(body, s) });
  for (const m of body.matchAll(WITH_ADDRESS)) if (m[2] || speaksInSentence(body, m.index)) add({ name: cleanName(m[1]!), email: (m[2] ?? m[3])! });
  for (const s of presentersNamed(body)) add(s.email || !s.name ? s : (ccPerson(x.cc, s.name) ?? s));
  for (const m of body.matchAll(MY_COLLEAGUES)) {
    for (const part of m[1]!.split(/\s*,\s*|\s+(?:et|and|&)\s+/)) {
      const name = cleanName(part);
      if (name && looksLikePersonName(name)) add({ name, email: ccEmail(x.cc, name) ?? addressSpellingName(body, name) });
    }
  }
  for (const re of [CO_SPEAKER, MY_COLLEAGUE, WITH_THEN_WE]) {
    for (const m of body.matchAll(re)) {
      // a list after "co-presented with": each one named; the address near the match is the last one's
      const parts = re === CO_SPEAKER ? m[1]!.split(/\s*,\s*|\s+(?:et|and|&)\s+/) : [m[1]!];
      for (const [k, part] of parts.entries()) {
        const name = cleanName(part);
        // "With Crunchy Data, we would like to present…": whom a team presents with may be its employer or client; so may
        // the last of a list ("co-presented with Anna Schmidt and the Data Egret Team", review 10)
        if ((re === WITH_THEN_WE || k > 0) && name && ORGANIZATION_WORD.test(name)) continue;
        const near = k === parts.length - 1 ? emailNear(body, m.index + m[0].length) : null;
        if (name && looksLikePersonName(name)) add({ name, email: near ?? ccEmail(x.cc, name) });
      }
    }
  }
  const plural = PLURAL.test(body);
  const sentences = sentencesOf(fold(body));
  // "we present" explains Cc'd people nobody names — unless the body already names the co-speakers, or says who
  // is copied and why ("I've copied my manager, who approved the talk")
  const weExplained = out.length > 1 || sentences.some((s) => COPIED.test(s) && NOT_SPEAKER_ROLE.test(s) && !TOGETHER.test(s));
  for (const c of x.cc) {
    if (x.exclude.has(c.email.toLowerCase()) || out.some((o) => o.email?.toLowerCase() === c.email.toLowerCase())) continue;
    const name = cleanName(c.name) ?? nameFromLocalPart(c.email);
    const said = name ? ccRole(sentences, name) : null;
    if (said === 'speaker' || (said === 'mentioned' && plural) || (said === null && plural && !weExplained)) {
      add({ name, email: c.email });
      warnings.push(`co-speaker ${name ?? c.email} <${c.email}> taken from Cc`);
    }
  }
  // a named co-speaker without an address may be the Cc'd person, or have it written further on
  for (const s of out) if (!s.email && s.name) s.email = ccEmail(x.cc, s.name) ?? addressSpellingName(body, s.name);
  return { speakers: out, warnings };
}

/**
 * Two or three who sign together under the sign-off — « Alice Martin & Bruno Keller », "Erik Johansson and Astrid Berg",
 * « Claire et Paul » —, the writer one of them: the others give the talk with the writer (parse audit 12: the second
 * name of such a line was lost). A first name alone counts when the text names that person in full (« Paul Renaud et
 * moi … » signed « Claire et Paul »); a line that names no writer (« Tom & Jerry's ») adds no one. Read on the first
 * four lines of the block (a closing or a "-- " first).
 */
const SIGNED_TOGETHER = /^[*_]*(.{2,40}?)(?:\s*,\s*(.{2,40}?))?\s+(?:&|\+|et|and)\s+(.{2,40}?)[*_]*[\s,.!]*$/u;
function coSigners(signature: string, author: Address, signatureName: string | null, body: string): string[] {
  const writer = cleanName(author.name) ?? signatureName ?? (author.email ? nameFromLocalPart(author.email) : null);
  if (!writer) return [];
  const first = fold(writer).split(/\s+/)[0]!;
  const isWriter = (part: string) => sameWords(part, writer) || fold(part) === first;
  const lines = signature.split('\n').map((l) => l.trim()).filter((l) => l !== '').slice(0, 4);
  for (const line of lines) {
    if (line.length > 80) continue;
    const m = SIGNED_TOGETHER.exec(line);
    const parts = m ? [m[1]!, m[2], m[3]!].filter((p): p is string => p !== undefined).map((p) => p.trim()) : [];
    if (parts.length < 2 || !parts.every((p) => looksLikePersonName(p)) || !parts.some(isWriter)) continue;
    const out: string[] = [];
    for (const p of parts.filter((q) => !isWriter(q))) {
      // « Sophie et Marc Laurent » under « je propose »: a couple signs a personal mail — the writer's first name alone
      // and the other carrying the writer's family name present together only when the text says « nous » / "we"
      // (review of parse audit 12)
      if (sharesFamilyName(p, writer) && !parts.some((q) => sameWords(q, writer)) && !PLURAL.test(body)) continue;
      const full = /\s/.test(p) ? cleanName(p) : fullNameIn(body, p);
      if (full && looksLikePersonName(full)) out.push(full);
    }
    return out;
  }
  return [];
}

/** « Marc Laurent » beside the writer « Sophie Laurent »: two given names, one family name (the writer's last word). */
function sharesFamilyName(part: string, writer: string): boolean {
  const w = fold(writer).split(/\s+/);
  const p = fold(part).split(/\s+/);
  return w.length > 1 && p.length > 1 && p[p.length - 1] === w[w.length - 1] && p[0] !== w[0];
}

/** The one full name the text gives a first name (« Paul » → « Paul Renaud »), or null when none or several. */
function fullNameIn(body: string, firstName: string): string | null {
  const re = new RegExp(`(?<![\\p{L}'’-])${escape(firstName)}\\s+(?:(?:de|du|van|von|le|la)\\s+)?\\p{Lu}[\\p{L}'’-]+`, 'gu');
  const found = new Set([...body.matchAll(re)].map((m) => cleanName(m[0]) ?? m[0]).filter((n) => looksLikePersonName(n)));
  return found.size === 1 ? [...found][0]! : null;
}

/** A label that names the writer's partners, not all the speakers: "Co-speaker:", « Co-oratrice : », "With:", « Avec : ». */
const CO_LABEL = /^[\s#*_>-]*(?:co-?\w+|with|avec|and|et|second speaker|deuxieme orat\w*)\b/;

/** "Sophie N'Diaye (sophie@x)", "Priya Raman <priya@y>": a name and the address beside it. */
const NAMED_ADDRESS = new RegExp(`(${NAME})\\s*[<(\\[]\\s*(${EMAIL.source})\\s*[>)\\]]`, 'gu');
/** The writer paired with others (folded): « … et moi(-même) », "… and I / me / myself", "myself and …" (PAIR, PRESENTERS). */
const WRITER_PAIRED = ['\\b(?:et|and) (?:moi(?:-meme)?|myself|me|i)\\b', '\\b(?:moi(?:-meme)?|myself|me) (?:et|and)\\b'];
/** Besides TOGETHER: the writer is one of them (« … et moi-même », "… and myself"), « nous sommes deux », "a joint talk by". */
const PRESENTERS = phraseRegExp('PRESENTERS', [
  "\\b(?:nous sommes|on est|on sera|nous serons|nous serions|on serait|we are|we're|we will be|we'll be|we would be|we'd be) (?:deux|trois|quatre|two|three|four)\\b",
  ...WRITER_PAIRED,
  '\\bjoint (?:talk|presentation|session)',
  '\\b(?:presente|presentee|presentes|presented|given|anime|animee|donne|donnee) (?:par|by)\\b',
]);
/** A sentence that names people to write to is about contact, not about who presents. */
const CONTACT_WORDS = /\b(?:contact\w*|joindre|reach|questions?|write to|ecrire a|repondre|reply)\b/;
/** Capitalised words a sentence may put before a name: "Joint talk by…", « Avec Sophie… » are no part of it. */
const NOT_NAME_WORD = /^(?:with|and|by|avec|et|par|joint|moi|me|myself|i|the|this|our|my|notre|mon|ma|nous|we)$/i;

/**
 * Co-speakers named with their address in a sentence that says these people present: « Nous sommes deux à vouloir
 * présenter : Sophie N'Diaye (sophie@x) et moi-même. », "a joint talk by Priya Raman (priya@x), Tom O'Brien (tom@x) and
 * myself". Any other address in the text (a contact, a reference) names no speaker.
 */
function presentersNamed(body: string): Speaker[] {
  const out: Speaker[] = [];
  for (const sentence of body.replace(/[ \t]*\n(?![ \t]*\n)[ \t]*/g, ' ').split(/(?<=[.!?])\s+|\n\s*\n/)) {
    const f = fold(sentence);
    if (!(PRESENTERS.test(f) || TOGETHER.test(f)) || NOT_SPEAKER_ROLE.test(f) || CONTACT_WORDS.test(f)) continue;
    // only "X and I" / « X et moi » says it: the pair must be what presents
    if (!TOGETHER.test(f) && !PRESENTERS.test(f.replace(PAIR, ' ')) && !pairPresents(f)) continue;
    for (const m of sentence.matchAll(NAMED_ADDRESS)) {
      const name = presenterName(m[1]!);
      if (name) out.push({ name, email: m[2]! });
    }
    // « Claire Martin (mon binôme à la DSI) et moi-même », "Tom O'Brien and I": named without an address, paired with
    // the writer — a speaker all the same (their address may be in Cc: findSpeakers looks there)
    // (not when the sentence says the writer presents alone: « Claire Martin (ma collègue) et moi avons écrit l'outil, mais
    // je serai seul sur scène » — « sur scène » is TOGETHER's, the pair wrote, it does not present)
    if (ALONE.test(f) && !NOT_ALONE.test(f)) continue;
    for (const m of [...sentence.matchAll(NAMED_PAIRED), ...sentence.matchAll(PAIRED_NAMED)]) {
      const name = presenterName(m[1]!);
      if (name && !out.some((o) => o.name === name)) out.push({ name, email: null });
    }
    // « trois à présenter : Paul Martin, Inès Roy et moi-même », "Ana Silva, Tom Baker and I": the names listed before the pair
    for (const m of sentence.matchAll(NAMED_PAIRED)) {
      let before = sentence.slice(0, m.index);
      const listed: Speaker[] = [];
      for (let l = LISTED_BEFORE.exec(before); l; l = LISTED_BEFORE.exec(before)) {
        // « Bonjour Marc, Inès Roy et moi… »: the list ends at the greeting, whom the mail is written to
        const name = GREETING_WORD.test(l[1]!) ? null : presenterName(l[1]!);
        if (!name) break;
        if (!out.some((o) => o.name === name) && !listed.some((o) => o.name === name)) listed.unshift({ name, email: null });
        before = before.slice(0, l.index);
      }
      // in the order written: before the name they were listed with
      const paired = out.findIndex((o) => o.name === presenterName(m[1]!));
      out.splice(paired < 0 ? out.length : paired, 0, ...listed);
    }
  }
  return out;
}

/** A greeting opening capitalised words (« Bonjour Marc », "Hi Tom Baker"): the one greeted, no presenter. */
const GREETING_WORD = /^(?:bonjour|bonsoir|salut|coucou|cher|ch[èe]re|chers|hello|hi|hey|dear|merci|thanks|greetings)\s/iu;
/** A name and its comma ending the text before a name paired with the writer: one more of a list of presenters. */
const LISTED_BEFORE = new RegExp(`(?<![\\p{L}'’-])(${NAME})\\s*(?:\\([^()@\\n]{0,80}\\))?\\s*,\\s*$`, 'u');

/** A name right before the writer's own « et moi(-même) » / "and I", an aside between them (no address: NAMED_ADDRESS's). */
const NAMED_PAIRED = new RegExp(`(${NAME})\\s*(?:\\([^()@\\n]{0,80}\\))?\\s*,?\\s*(?:[Ee]t|[Aa]nd)\\s+(?:moi(?:-m[êe]me)?|myself|me|I)(?![\\p{L}])`, 'gu');

/**
 * The same after the writer: « moi-même et Sophie Bernard », "myself and Tom O'Brien" — the pronoun naming who presents,
 * at the start of its clause or after by, with, be… (« deux : moi-même et … », "given by myself and …"), not the
 * emphatic one after a verb: "I'll present it myself and Sophie Bernard will come along to watch", « je le présenterai
 * moi-même et Sophie Bernard viendra » name one speaker.
 */
const PAIRED_NAMED = new RegExp(
  `(?<=(?:^|[:;,(—–-]|(?<![\\p{L}])(?:by|par|with|avec|between|entre|be|are|is|est|sommes|serons|serions|serait|sera|seront))\\s*)` +
    `(?:[Mm]oi(?:-m[êe]me)?|[Mm]yself|[Mm]e)\\s+(?:et|and)\\s+(${NAME})`,
  'gu',
);

/** The person a sentence's capitalised words name, the words before a name (« Avec », "Joint") left out. */
function presenterName(words: string): string | null {
  const w = words.split(/\s+/);
  while (w.length > 0 && NOT_NAME_WORD.test(w[0]!)) w.shift();
  const name = cleanName(w.join(' '));
  return name && looksLikePersonName(name) ? name : null;
}

/** The writer paired with others (folded): « … et moi(-même) », "… and I / me / myself", "myself and …". */
const PAIR = phraseRegExp('WRITER_PAIRED', WRITER_PAIRED, 'g');
/**
 * A verb of presenting (folded): present, give, speak, talk, co-present, présenter, animer, parler, intervenir — or
 * proposing the talk together: « Mon collègue Arnaud Chevalier et moi-même proposons une présentation », "Sam and I
 * would like to propose a talk" (the pair offers what it will give).
 */
// (the infinitive after a modal as well: « Paul Renaud et moi voudrions proposer un talk », « … aimerions soumettre » —
// parse audit 12)
const PRESENT_VERB =
  /\b(?:co-?)?present(?!ation)\w*|\bpropos(?:ons|erions|erons|er)\b|\b(?:propose|submit)\b|\bsoumett(?:ons|rions|re)\b|\b(?:give|gives|giving|given|gave|speak|speaks|speaking|spoke|deliver\w*)\b|\b(?:to|will|would|'ll|'d|can|could|shall|want to|plan to) talk\b|\btalk(?:ing|ed)\b|\b(?:co-?)?anim(?:er|erons|erions|erait|erez|ons|ent|era|erai)\b|\bparl(?:er|erons|erions|erait|ons|era|erai)\b|\bintervenir\b|\binterv(?:iendr|enon|enion)\w*|\bdonn(?:er|erons|erions|erait|ons)\b/;
/** The writer says they present without the others: "alone", « seul(e) », "on my own". */
const ALONE = phraseRegExp('ALONE', { en: ['alone', 'by myself', 'on my own', 'solo'], fr: ['seule?s?', 'tout seul', 'toute seule'] }, '', '\\b', '\\b');
/** « je ne serai pas seul », "not alone": the writer saying they are not alone (folded). */
const NOT_ALONE = /\b(?:pas|plus|jamais|not|never)\s+(?:\S+\s+)?(?:seule?s?|alone|solo)\b/;

/**
 * "Paul Durand (paul@x) and I will present it": a pair with the writer names presenters only when a verb of presenting
 * governs it in its clause and nothing says the writer presents alone — "Paul Durand (paul@x) and I wrote the tooling,
 * and I will present it alone" names no co-speaker (folded).
 */
function pairPresents(f: string): boolean {
  if (ALONE.test(f)) return false;
  return f
    .split(/;|,\s+(?:and|but|so|while|whereas|et|mais|donc|alors que|tandis que)\b|\s(?:but|mais|whereas|tandis que)\s/)
    .some((clause) => clause.match(PAIR) !== null && PRESENT_VERB.test(clause));
}

/**
 * The writer named in a speakers' field by a pronoun — « Intervenant : moi », « moi-même », "Speaker: just me", "me +
 * my colleague Sam Rivera", « juste moi » —: the sender, who is no person called « Moi » or "Just Me" (parse audit 12).
 */
const WRITER_ITEM = /^(?:(?:just|only|juste|seulement|uniquement)\s+)?(?:moi(?:[- ]m[êe]me)?|me|myself|i|je|yours truly)(?:\s+(?:seule?|only|alone|uniquement|seulement|tout seul|toute seule))?\s*[.!]?$/iu;
/** « mon collègue », "my colleague" before a name in the field: a word about the person, no part of their name. */
const COLLEAGUE_WORDS = /^(?:(?:my|our|mon|ma|notre)\s+(?:co-?workers?|colleagues?|coll[èe]gues?|collaborat(?:eur|rice)|bin[ôo]me|teammate|friend|amie?)\s+)/iu;

/** The items of a speakers' field, one person each. */
function fieldItems(value: string): string[] {
  return (
    value
      .replace(/\s*\((?:with|avec|and|et|\+)\s+([^()]{2,80})\)/giu, ', $1')
      // (a comma inside <…> or (…) parts nobody — looked for within 200 characters: unbounded, each comma of a long list
      // scanned to its end, 3,800 names in 50,000 characters took seconds — review of parse audit 11)
      // "me + my colleague Sam Rivera": a plus joins two as « et » does (parse audit 12)
      .split(/\n|;|,(?![^<(]{0,200}[>)])|\s+(?:et|and|&|\+)\s+/)
      .map((s) => s.replace(/^\s*[-*•]\s*/, '').replace(CONTACT_LABEL, '').replace(COLLEAGUE_WORDS, '').trim())
      .filter((s) => s !== '')
  );
}

/** The field names the writer among the speakers by a pronoun (WRITER_ITEM). */
export function fieldNamesWriter(value: string): boolean {
  return fieldItems(value).some((i) => WRITER_ITEM.test(i));
}

/** "Jean Dupont <jean@x>, Marie Curie (marie@y)" / "Jean Dupont et Marie Curie" / one per line. */
export function fieldSpeakers(value: string): Speaker[] {
  // "Jörg Schmidt (with Søren Nielsen)", « Claire Martin (avec Paul Roy) »: the aside names a second speaker, not a role
  const items = fieldItems(value).filter((i) => !WRITER_ITEM.test(i));
  const out: Speaker[] = [];
  for (const item of items) {
    const emails = item.match(EMAIL_G);
    const nameText = item.replace(/<[^>]*>|\([^)]*\)|\[[^\]]*\]/g, ' ').replace(EMAIL_G, ' ').replace(/[-–—:]\s*$/, '');
    const cleaned = cleanName(nameText.split(/\s[-–—]\s/)[0] ?? nameText);
    // "." or "(he maintains it)." around an address is no name
    // "Dr. Jane Smith, PhD <jane@x>": the comma parts a name from its degree, which is no second person
    const degree = /^\s*(?:ph\.?\s?d\.?|m\.?d\.?|msc|m\.sc\.|mba|dsc|d\.sc\.|hdr)\s*$/i.test(nameText);
    const name = cleaned && /\p{L}/u.test(cleaned) && !degree ? cleaned : null;
    if (!emails && (!name || !looksLikePersonName(name))) continue;
    // "Daniel O'Brien, backend engineer", « Lucie Bernard, Lead DBA, Yannick Morel »: after a name, a job title without
    // an address is that person's role — cleaned, "Backend Engineer" passes for a name
    if (!emails && out.length > 0 && JOB_TITLE.test(nameText)) continue;
    // "Tom Becker, tom.becker@example.de": the comma parts a name from its address, not two people
    const previous = out[out.length - 1];
    if (emails && !name && previous && !previous.email && previous.name) {
      previous.email = emails[0]!;
      continue;
    }
    out.push({ name, email: emails?.[0] ?? null });
  }
  return out;
}

/**
 * A form's contact label inside the speakers' value — "E-mail" alone on its line (an HTML table read as text), or
 * "Email : jean@x" — is no name: the address it introduces belongs to the name before it.
 */
const CONTACT_LABEL =
  /^(?:e-?mail(?:\s+address)?|adresse\s+(?:e-?mail|mail|[ée]lectronique)|courriel|mail|your\s+e-?mail|votre\s+(?:e-?mail|courriel|adresse(?:\s+e-?mail)?)|t[ée]l[ée]phone|phone|tel|t[ée]l)\s*\*?\s*(?::\s*|$)/iu;

function emailNear(body: string, at: number): string | null {
  const m = /^\s*[<([]\s*([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)/.exec(body.slice(at, at + 80));
  return m ? m[1]! : null;
}

/**
 * The Cc'd person a name given in the text is: the same name, or the Cc's fuller one beginning with it (« Thi Mai (cc'd)
 * and I » over Cc "Nguyen, Thi Mai") — their address, and the name as the Cc gives it whole.
 */
function ccPerson(cc: Address[], name: string): Speaker | null {
  const email = ccEmail(cc, name);
  if (email) return { name, email };
  const words = fold(name).split(/\s+/);
  for (const c of cc) {
    const full = cleanName(c.name);
    const have = full ? fold(full).split(/\s+/) : [];
    if (full && have.length > words.length && words.every((w, i) => have[i] === w)) return { name: full, email: c.email };
  }
  return null;
}

/**
 * A person's address given elsewhere in the text than beside their name: « Mon collègue Hugo Blanc voudrait présenter …
 * vous pouvez le joindre à hugo.blanc@… », « Étienne : etienne.marchal@… » under the text — one whose local part spells
 * the name.
 */
export function addressSpellingName(text: string, name: string): string | null {
  const f = fold(name);
  for (const m of text.matchAll(new RegExp(EMAIL_IN_TEXT.source, 'g'))) if (fold(nameFromLocalPart(m[0]) ?? '') === f) return m[0];
  return null;
}

function ccEmail(cc: Address[], name: string): string | null {
  const f = fold(name);
  const hit = cc.find((c) => (c.name && fold(cleanName(c.name) ?? '') === f) || fold(nameFromLocalPart(c.email) ?? '') === f);
  return hit ? hit.email : null;
}

/** Folded text cut into sentences, a wrapped line joined to the next. */
function sentencesOf(folded: string): string[] {
  return folded
    .split(/\n[ \t]*\n|(?<=[.!?;])\s+/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '');
}

const COLLEAGUE = "(?:(?:my|our|mon|ma|notre)\\s+(?:(?:co-?)?(?:colleague|coworker|co-?worker|friend|teammate|collegue|ami|amie|associee?|binome)\\s+)?)?";
/**
 * Next to the name, the person gives the talk: "Sam and I", "Tom (in Cc) and I", "Marie, cheffe de projet, et moi",
 * "Sam will co-present"; before it, "my co-speaker Sam", "moi et Marie", "together with my colleague Sam".
 */
const SPEAKER_AFTER =
  "(?:\\s*\\([^)]{0,40}\\)|\\s*,[^,.;:!?()]{1,40},)?\\s*,?\\s*(?:and (?:i|me|myself)\\b|et moi\\b|(?:will|would|could|is going to|is to|'ll) (?:also )?(?:be (?:my|the|our) (?:co-?speaker|co-?presenter|second speaker)|(?:be )?(?:co-?present\\w*|co-?host\\w*|present\\w*|speak\\w*|talk\\w*|join\\w* me|giv\\w*))|(?:is |'s )?join(?:s|ing)? me\\b|(?:va |pourrait |devrait )?(?:co-?)?(?:presentera|presenter|animera|animer|interviendra|intervenir|me rejoindra|me rejoint|parlera)\\b|(?:is|est) (?:my|the|our|mon|ma|notre|le|la) (?:co-?speaker|co-?presenter|second speaker|co-?orat|co-?present|binome))";
const SPEAKER_BEFORE =
  "(?:\\b(?:i|me) and|\\bmoi et|\\bco-?(?:speakers?|presenters?|hosts?|orat(?:eur|rice)s?|presentat(?:eur|rice)s?|anim(?:ateur|atrice)s?)\\b|\\bbinome|\\bco-?(?:presented|hosted|presentee?s?|animee?s?) (?:with|by|avec|par)|\\btogether with|\\bjointly with|\\bconjointement avec|\\ben binome avec|\\bjoined by|\\bsecond speaker)\\s*(?:[:,(]\\s*)?";
/** Said of the person in the sentence: copied, or there to approve, or the boss — not a speaker. */
const NOT_SPEAKER_ROLE =
  /\b(?:manager|boss|supervisor|line manager|team lead|tech lead|head of|cto|ceo|director|directeur|directrice|responsable|chef|cheffe|n\+1|superieure? hierarchique|hierarchie|approv\w*|signed off|sign off|valide(?:e|es|s)?|validated|approuv\w*|autoris\w*|authori[sz]\w*|fyi|f\.y\.i\.?|pour validation|for (?:your )?information|pour info(?:rmation)?|for info|in the loop|dans la boucle|au courant|keep \w+ posted|informed)\b/;
const COPIED = phraseRegExp(
  'COPIED',
  { en: ['\\bcc\\b', "\\bcc'?e?d\\b", '\\bcc-ed\\b', "\\bcc'?ing\\b", '\\bcopied\\b', '\\bcopying\\b', '\\bin copy\\b'], fr: ['\\ben copie\\b', '\\bmise? en copie\\b', '\\bcopie\\b'] },
  '',
);
/** The sentence says the talk is given by more than one. */
const TOGETHER = phraseRegExp(
  'TOGETHER',
  {
    'en, fr': ['co-?speak\\w*', 'co-?present\\w*', 'co-?host\\w*', 'co-?anim\\w*', 'co-?orat\\w*'],
    en: ['together', 'jointly', 'joint talk', "we(?:'ll| will)? be two", 'both of us', 'the two of us', 'two speakers', 'on stage'],
    fr: [
      'conjointement', 'a deux(?! (?:pas|reprises|jours|semaines|mois|heures|minutes))', 'en binome', 'nous serons deux', 'on sera deux', 'tous les deux',
      'toutes les deux', 'sur scene', 'deux orat\\w*', 'deux intervenant\\w*', '(?:presenter|parler|intervenir|animer)\\w* ensemble',
    ],
  },
  '',
  '\\b',
  '\\b',
);

/**
 * What the body says of a Cc'd person: 'speaker' when a sentence naming them says they give the talk, 'other'
 * when it says they are copied, approving or the boss, 'mentioned' when named with neither, null when not named.
 */
function ccRole(sentences: readonly string[], name: string): 'speaker' | 'other' | 'mentioned' | null {
  const full = fold(name).trim();
  const words = full.split(/\s+/).filter((w) => w.length >= 3);
  const alts = [...new Set([full, ...words])].sort((a, b) => b.length - a.length).map(escape);
  if (alts.length === 0) return null;
  const person = `(?:${alts.join('|')})`;
  const mention = new RegExp(`(?<![\\p{L}])${person}(?![\\p{L}])`, 'u');
  const named = sentences.filter((s) => mention.test(s));
  if (named.length === 0) return null;
  // Built for a person the text names only: a name is new with every message, and these long patterns take V8 a
  // fraction of a millisecond each to compile.
  const beside = new RegExp(`(?<![\\p{L}])(?:${person}${SPEAKER_AFTER}|${SPEAKER_BEFORE}${COLLEAGUE}${person}(?![\\p{L}]))`, 'u');
  const withPerson = new RegExp(`\\b(?:with|avec|along with|aux cotes de)\\s+${COLLEAGUE}${person}(?![\\p{L}])`, 'u');
  // strongest first: beside the name, then a role, then the sentence's co-speaking, then a plain copy
  if (named.some((s) => beside.test(s))) return 'speaker';
  if (named.some((s) => NOT_SPEAKER_ROLE.test(s))) return 'other';
  if (named.some((s) => TOGETHER.test(s) || withPerson.test(s))) return 'speaker';
  if (named.some((s) => COPIED.test(s))) return 'other';
  return 'mentioned';
}

/**
 * Is the signature a fuller form of the display name: the name is one word, or written all in lower case, and
 * its words begin the signature's ("priya" / "Priya Raman", "priya r." / "Priya Raman"), or it is the signature's
 * surname alone ("DURAND" / "Michel Durand")?
 */
function fuller(displayName: string, signature: string): boolean {
  const words = (s: string) => fold(s).replace(/[.,]/g, ' ').split(/\s+/).filter((w) => w !== '');
  const shown = words(displayName);
  const signed = words(signature);
  if (shown.length === 0 || signed.length < 2 || shown.length > signed.length || !looksLikePersonName(signature.trim())) return false;
  const lower = displayName === displayName.toLowerCase() && /\p{Ll}/u.test(displayName);
  if (shown.length > 1 && !lower) return false;
  // the surname alone ("DURAND", "durand" over « Michel Durand »: the directory or the address's owner gave no first name —
  // parse audit 9) is one of the signature's words after its first
  if (shown.length === 1 && signed.slice(1).includes(shown[0]!)) return signed.every((w) => w.length >= 2);
  // the first word is the same; any other word the display name has begins the signature's (an initial)
  return shown[0] === signed[0] && shown.every((w, i) => signed[i]!.startsWith(w)) && shown.join(' ') !== signed.join(' ');
}

/** The text's last non-empty line, when it reads as a person's name. */
function lastLineName(body: string): string | null {
  const last = body.trimEnd().split('\n').pop()?.trim() ?? '';
  return last !== '' && looksLikePersonName(last) ? last : null;
}

function sameWords(a: string, b: string): boolean {
  const words = (s: string) => fold(s).split(/\s+/).filter((w) => w !== '').sort().join(' ');
  return words(a) === words(b);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
