/**
 * Who would give the talk: the author of the proposal (for a forward, the original author), plus co-speakers
 * named in an "Orateurs :" field, in the prose ("avec Marie Curie <marie@x>", "co-presented with …"), or in Cc
 * when the body says the talk is given by two. Names are cleaned; a missing name is taken from the signature,
 * else guessed from the address, with a warning.
 */
import type { Address, Speaker } from '../../types.ts';
import { fold } from '../text/fold.ts';
import { cleanName, nameFromLocalPart, looksLikePersonName } from '../text/names.ts';

const EMAIL = /[\w.+'-]+@[\w-]+(?:\.[\w-]+)+/;
const EMAIL_G = /[\w.+'-]+@[\w-]+(?:\.[\w-]+)+/g;
const NAME = "\\p{Lu}[\\p{L}'’-]+(?:\\s+(?:de |du |van |von |le |la )?\\p{Lu}[\\p{L}'’-]+){1,3}";
/** "avec Marie Curie <marie@x>" — any "with" followed by a name and an address. */
const WITH_ADDRESS = new RegExp(`(?<![\\p{L}])(?:[Aa]vec|[Ww]ith|and|et|&)\\s+(${NAME})\\s*[<(\\[]\\s*(${EMAIL.source})\\s*[>)\\]]`, 'gu');
/** "co-presented with Marie Curie", "en binôme avec Marie Curie", "avec mon collègue Paul Martin". */
const CO_SPEAKER = new RegExp(
  `(?:[Cc]o-?(?:pr[ée]sent[ée]e?s?|anim[ée]e?s?|presented|hosted|speaker|orat(?:eur|rice))|en bin[ôo]me|[àa] deux|à quatre mains|[Tt]ogether with|[Jj]ointly with|conjointement avec)\\s*(?:avec|with|by|par|:)?\\s*(?:(?:mon|ma|my|notre|our)\\s+(?:coll[èe]gue|colleague|coworker|co-?worker|ami|amie|friend)\\s+)?(${NAME})`,
  'gu',
);
const MY_COLLEAGUE = new RegExp(`(?:[Aa]vec|[Ww]ith)\\s+(?:mon|ma|my)\\s+(?:coll[èe]gue|colleague|coworker|co-?worker|associ[ée]e?)\\s+(${NAME})`, 'gu');
/** The body says "we" present, or that it is a two-person talk: Cc'd people are then co-speakers. */
const PLURAL =
  /\b(nous (souhaiterions|aimerions|voudrions|proposons|pourrions|pr[ée]senterions)|notre (talk|pr[ée]sentation|intervention|expos[ée])|we('d| would| could)? (like|love|propose|present|give|want)|our (talk|presentation|session)|à deux|[àa] deux voix|co-?(pr[ée]sent|anim|speak|orat)|co-presented|together|en bin[ôo]me|two speakers|deux orateurs|tous les deux|both of us)/i;

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
  body: string;
  cc: Address[];
  /** Addresses that are never co-speakers: our own, organizers, whoever forwarded. */
  exclude: ReadonlySet<string>;
  /** Our own addresses: never a speaker, not even as the author (our acknowledgements coming back). */
  own: ReadonlySet<string>;
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
  if (x.author && (x.author.email || x.author.name)) {
    let name = cleanName(x.author.name);
    if (!name && x.signatureName) name = cleanName(x.signatureName);
    // "Garnier Élodie" in From, "Élodie Garnier" under the sign-off: the person's own order wins
    else if (name && x.signatureName && sameWords(name, x.signatureName)) name = x.signatureName.trim();
    if (!name && x.author.email) {
      name = nameFromLocalPart(x.author.email);
      if (name) warnings.push(`speaker name not given: guessed "${name}" from the address ${x.author.email}`);
      else warnings.push(`speaker name not given for ${x.author.email}`);
    }
    if (!x.author.email) warnings.push(`no address for the speaker ${name ?? ''}`.trim());
    add({ name, email: x.author.email || null }, true);
  }
  if (x.field) for (const s of fieldSpeakers(x.field)) add(s);
  const body = x.body.slice(0, 8000);
  for (const m of body.matchAll(WITH_ADDRESS)) add({ name: cleanName(m[1]!), email: m[2]! });
  for (const re of [CO_SPEAKER, MY_COLLEAGUE]) {
    for (const m of body.matchAll(re)) {
      const name = cleanName(m[1]!);
      if (name && looksLikePersonName(name)) add({ name, email: emailNear(body, m.index + m[0].length) ?? ccEmail(x.cc, name) });
    }
  }
  const plural = PLURAL.test(body);
  const foldedBody = fold(body);
  for (const c of x.cc) {
    if (x.exclude.has(c.email.toLowerCase()) || out.some((o) => o.email?.toLowerCase() === c.email.toLowerCase())) continue;
    const name = cleanName(c.name) ?? nameFromLocalPart(c.email);
    const named = name !== null && name.split(' ').some((w) => w.length >= 3 && new RegExp(`(^|[^a-z])${escape(fold(w))}([^a-z]|$)`).test(foldedBody));
    if (named || plural) {
      add({ name, email: c.email });
      warnings.push(`co-speaker ${name ?? c.email} <${c.email}> taken from Cc`);
    }
  }
  // a named co-speaker without an address may be the Cc'd person
  for (const s of out) if (!s.email && s.name) s.email = ccEmail(x.cc, s.name);
  return { speakers: out, warnings };
}

/** "Jean Dupont <jean@x>, Marie Curie (marie@y)" / "Jean Dupont et Marie Curie" / one per line. */
export function fieldSpeakers(value: string): Speaker[] {
  const items = value
    .split(/\n|;|,(?![^<(]*[>)])|\s+(?:et|and|&)\s+/)
    .map((s) => s.replace(/^\s*[-*•]\s*/, '').trim())
    .filter((s) => s !== '');
  const out: Speaker[] = [];
  for (const item of items) {
    const emails = item.match(EMAIL_G);
    const nameText = item.replace(/<[^>]*>|\([^)]*\)|\[[^\]]*\]/g, ' ').replace(EMAIL_G, ' ').replace(/[-–—:]\s*$/, '');
    const name = cleanName(nameText.split(/\s[-–—]\s/)[0] ?? nameText);
    if (!emails && (!name || !looksLikePersonName(name))) continue;
    out.push({ name: name && looksLikePersonName(name) ? name : name, email: emails?.[0] ?? null });
  }
  return out;
}

function emailNear(body: string, at: number): string | null {
  const m = /^\s*[<([]\s*([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)/.exec(body.slice(at, at + 80));
  return m ? m[1]! : null;
}

function ccEmail(cc: Address[], name: string): string | null {
  const f = fold(name);
  const hit = cc.find((c) => (c.name && fold(cleanName(c.name) ?? '') === f) || fold(nameFromLocalPart(c.email) ?? '') === f);
  return hit ? hit.email : null;
}

function sameWords(a: string, b: string): boolean {
  const words = (s: string) => fold(s).split(/\s+/).filter((w) => w !== '').sort().join(' ');
  return words(a) === words(b);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
