/**
 * An abstract written as prose (no "Résumé :" label): the body's paragraphs without the greeting, the
 * labelled lines already read, and a paragraph that only repeats the title.
 */
import { fold } from '../text/fold.ts';
import { OFFER_INTRO_LINE } from './prose-title.ts';

export const GREETING = /^(bonjour|bonsoir|hello|hi|hey|salut|dear|cher|ch[èe]re|chers|coucou|hola|greetings|good (morning|afternoon|evening)|madame|monsieur)\b.{0,60}$/i;
const MIN_ABSTRACT = 20;
/** One line, ending with a colon, that offers or presents the proposal ("Here is my proposal:", « Voici mon sujet : »). */
const ANNOUNCES_PROPOSAL =
  /^(?=[^\n]{0,160}$)(?=.*\b(?:propos\w*|talk|lightning|pr[ée]sentation|intervention|expos[ée]|submi\w*|soumet\w*|soumission|sujet|topic|voici|here)\b)[^\n]*[:：]$/i;

/** `rests`: the prose that follows a label's value on its line (parseFields), which is the abstract's. */
export function abstractFromProse(lines: readonly string[], used: ReadonlySet<number>, title: string | null, rests: ReadonlyMap<number, string> = new Map()): string | null {
  const kept: string[] = [];
  let greeted = false;
  for (let i = 0; i < lines.length; i++) {
    const l = (lines[i] ?? '').trim();
    if (used.has(i)) {
      kept.push(rests.get(i) ?? '');
      continue;
    }
    if (!greeted && l !== '') {
      greeted = true;
      if (GREETING.test(l)) continue;
    }
    kept.push(l);
  }
  const titleKey = title ? fold(title).replace(/[^a-z0-9]+/g, ' ').trim() : null;
  const isTitle = (p: string) => titleKey !== null && fold(p).replace(/[^a-z0-9]+/g, ' ').trim() === titleKey;
  const all = kept
    .join('\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  // "I would like to propose the following talk for the meetup." right over the title: it announces, like a colon intro
  if (all.length > 2 && isTitle(all[1]!) && OFFER_INTRO_LINE.test(all[0]!.replace(/\s*\n\s*/g, ' '))) all.shift();
  const paragraphs = all.filter((p) => !isTitle(p));
  // « Je vous propose un lightning talk pour le prochain meetup : » over the title and the text: it announces, it is no part of them
  if (paragraphs.length > 1 && ANNOUNCES_PROPOSAL.test(paragraphs[0]!)) paragraphs.shift();
  const text = paragraphs.join('\n\n').trim();
  return text.length >= MIN_ABSTRACT ? text : null;
}
