/**
 * A speaker's correction said in a sentence, with no label (audit Z: « Petite correction, le titre sera plutôt « Vacuum, ce
 * mal-aimé ». », « Finalement je ferai 20 minutes au lieu de 30. » were relayed, nothing corrected): the title named as
 * what it becomes, in quotation marks (« le titre sera « … » », « je voudrais renommer mon talk en « … » », "the new title
 * is "…"", "rename my talk to "…""), or the length the speaker will take (« je ferai 20 minutes », « ce sera 20 minutes
 * au lieu de 30 », "I'll do 20 minutes instead of 30"). Only a sentence that states it: a question, a condition, a hedge
 * or the conditional mood (« Je ferais 20 minutes si vous voulez », "Could I have 40 minutes?", « le titre pourrait
 * être « … » ») is the speaker asking, relayed to the organizers as before.
 */
import type { Correction } from './types.ts';
import { fold } from '../text/fold.ts';

const QUOTED = String.raw`(?:«\s*([^»\n]{3,200}?)\s*»|"([^"\n]{3,200}?)"|“([^”\n]{3,200}?)”)`;
const TALK = String.raw`(?:mon|ma|notre|le|la|my|our|the)\s+(?:talk|intervention|pr[ée]sentation|proposition|expos[ée]|proposal|presentation|submission)`;
/**
 * « le titre sera (plutôt) « … » », "the new title is "…"", « nouveau titre « … » »: the title as what it becomes; « le titre,
 * c'est « … » » as said (audit AA: « Je me suis trompé dans le titre, c'est « Partitionner sans douleur ». » relayed).
 */
const TITLE_BECOMES = new RegExp(
  String.raw`(?:^|[\s,;:.!])(?:(?:le|mon|notre|the|my|our)\s+)?(?:nouveau\s+|new\s+|bon\s+|vrai\s+|real\s+|correct\s+)?(?:titre|title)(?:\s+(?:de|du|of)\s+${TALK})?(?:\s+(?:sera|est|devient|deviendra|will be|is|becomes|is now)|\s*(?:,\s*)?c['’]est)(?:\s+(?:plut[ôo]t|finalement|d[ée]sormais|maintenant|donc|en fait|now|rather|instead|finally|actually))?\s*:?\s*${QUOTED}`,
  'iu',
);
/** « je voudrais renommer mon talk en « … » », "please rename my talk to "…"", « je renomme ma proposition « … » ». */
const RENAMED = new RegExp(String.raw`(?:renommer|renomme|rebaptiser|rebaptise|intituler|intitule|rename|retitle)\s+(?:${TALK}|it|le|la)\s+(?:en|to|as|:)?\s*${QUOTED}`, 'iu');
/** « je ferai 20 minutes », « ce sera 20 minutes », "I'll do 20 minutes", « mon talk fera 20 minutes » (folded). */
const LENGTH_SAID =
  /(?:^|[\s,;:.!])(?:je ferai|je vais faire|ce sera|ca sera|ca fera|cela fera|mon (?:talk|intervention|expose) (?:fera|durera)|la duree sera(?: de)?|i'll do|i will do|i'll take|i will take|it will be|it'll be|my talk will (?:be|last|take))\s+(?:plutot |finalement |donc |seulement |only |just |rather |finally )?(?:de )?(\d{1,3})\s*(?:min|mins|minutes|mn)\b/;
/**
 * What may follow the length said, for it to be the talk's (folded): the clause's or the paragraph's end, or what a length of the talk takes
 * — instead of the old one, a total, questions included. Anything else names other minutes — « 20 minutes de retard /
 * de démo / à pied », "10 minutes to set up / from the station / of questions" — and corrects nothing (review of audit Z).
 */
const LENGTH_ENDS =
  /^(?:[ \t]*\n\n|\s*(?:$|[,;.!:)\u2013\u2014-]|(?:au lieu|plutot que|plutot qu|et non|instead|rather than|not |en tout|au total|in total|total|max|maximum|environ|about|approximately|questions comprises|questions incluses|y compris|avec les questions|avec questions|with questions|including|q&a included|merci|thanks|svp|please)\b))/;
/**
 * What may follow the title said, for it to be what the title becomes: the clause's end or a please, a now. A title said
 * where it stands — « le titre est « … » dans l'annonce », "on the page", "as you wrote" — is the speaker reporting what
 * he saw, and a contrast in the sentence (« … mais devrait être « … » », "but it should be") says the quoted one is the
 * wrong one (review of audit Z).
 */
const TITLE_ENDS = /^(?:[ \t]*\n\n|\s*(?:$|[,;.!:)\u2013\u2014-]|(?:plutot|finalement|desormais|maintenant|now|instead|please|svp|merci|thanks)\b))/;
const CONTRAST = /\b(?:mais|but|however|par contre|cependant|pourtant|alors que|whereas|devrait|should)\b/;
/** The sentence still asks or hedges (folded). */
const ASKS = /\?|\b(?:si|s'il|if|unless|sauf|peut-etre|maybe|perhaps|possible|pourrais|pourrait|pourrions|could|can i|can we|would it|est-ce que|hesite|not sure|pas sur)\b/;

/**
 * « …titre, c'est « … » » names the new title only when the title is what « c'est » stands for: the clause begins with
 * it (« Le titre, c'est plutôt « … » », « Petite correction : le bon titre, c'est… », « Pour le titre c'est… ») or the
 * writer owns a mistake in it (« Je me suis trompé dans le titre, c'est « … » »). A sentence with a subject of its own
 * before the title — « ce qui me gêne dans le titre, c'est « … » », « le problème avec le titre, c'est « … » », « le
 * mot important dans le titre… » — names a word or a fault of the title (review of audit AA). Folded, before the match.
 */
const TITLE_HEADS = /(?:^|[,;:(\u2013\u2014]|\s-)\s*(?:pour|quant au|concernant|cote)?$/;
const OWN_MISTAKE = /\b(?:(?:je me suis|me suis|j'me suis) (?:trompee?|plantee?)|(?:une|mon|ma|petite) (?:erreur|faute|coquille|typo)|oups?)\b/;
function titleHeads(text: string, match: RegExpExecArray): boolean {
  // the sentence up to the title's words (TITLE_BECOMES takes the mark before them: a space, a comma, a full stop)
  const before = fold(text.slice(0, match.index + (/^[\s,;:.!]/.test(match[0]) ? 1 : 0)));
  const clause = before.slice(Math.max(before.lastIndexOf('.'), before.lastIndexOf('!'), before.lastIndexOf('?'), before.lastIndexOf('\n\n')) + 1).trim();
  return TITLE_HEADS.test(clause) || OWN_MISTAKE.test(clause);
}

/** The sentence of `text` around [start, end): from the last full stop, exclamation or question mark before it to the next. */
function sentence(text: string, start: number, end: number): string {
  const before = Math.max(text.lastIndexOf('.', start - 1), text.lastIndexOf('!', start - 1), text.lastIndexOf('?', start - 1), text.lastIndexOf('\n\n', start - 1));
  const next = text.slice(end).search(/[.!?](?:\s|$)|\n\n/);
  return text.slice(before + 1, next < 0 ? text.length : end + next + 1);
}

export function readProseCorrections(lines: readonly string[]): Correction {
  // A wrapped line is joined to the next; a paragraph's end stays a blank line, which ends a sentence (sentence()): a
  // correction written without its full stop took the next paragraph's « Si vous avez des questions… » as its own.
  const text = lines
    .join('\n')
    .replace(/[ \t]*\n(?:[ \t]*\n)+[ \t]*/g, '\n\n')
    .replace(/(?<!\n)[ \t]*\n(?!\n)[ \t]*(?=\S)/g, ' ');
  const out: Correction = {};
  const t = TITLE_BECOMES.exec(text) ?? RENAMED.exec(text);
  if (t) {
    const title = (t[1] ?? t[2] ?? t[3] ?? '').trim();
    const around = fold(sentence(text, t.index, t.index + t[0].length)).replace(/«[^»]*»|"[^"]*"|“[^”]*”/g, '');
    const after = fold(text.slice(t.index + t[0].length));
    const saidSo = /c['’]est/i.test(t[0].slice(0, t[0].search(/[«"“]/)));
    if (title !== '' && !ASKS.test(around) && !CONTRAST.test(around) && TITLE_ENDS.test(after) && (!saidSo || titleHeads(text, t))) out.title = title;
  }
  const f = fold(text);
  const d = LENGTH_SAID.exec(f);
  if (d) {
    const minutes = Number(d[1]);
    const ends = LENGTH_ENDS.test(f.slice(d.index + d[0].length));
    if (minutes >= 1 && minutes <= 240 && ends && !ASKS.test(sentence(f, d.index, d.index + d[0].length))) out.durationMinutes = minutes;
  }
  return out;
}
