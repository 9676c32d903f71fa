/**
 * The subject a thread is known by: reply and forward prefixes and list tags stripped, the JWZ fallback when
 * References and In-Reply-To are missing (clients that drop them, list managers that rewrite them).
 *
 * Prefixes seen in the wild, in any case and repeated: `Re:`, `RE :` and `Réf :` (French clients put a space
 * before the colon), `TR:` and `Tr. :` (transférer), `Fwd:`/`Fw:`, German `AW:`/`WG:`, Nordic `SV:`/`VS:`,
 * Italian `R:`/`I:`, Spanish `RV:`, Dutch `Antw:`, counted forms `Re[2]:`/`Re^2:`; and `[list-tag]` anywhere
 * among them. The trailing `(fwd)` of older clients goes too.
 */

const PREFIX = /^\s*(?:(?:re|réf|ref|tr|tr\.|fwd?|aw|wg|sv|vs|rv|antw|r|i)\s*(?:\[\d+\]|\^\d+)?\s*[:：]|\[[^\]]{1,60}\])\s*/iu;

export interface SubjectKey {
  /** What is left: the thread's subject as people read it. */
  base: string;
  /** Lower-cased, whitespace collapsed: what two subjects are compared by. */
  key: string;
  /** A reply or forward prefix was present (JWZ: such a message joins, it does not lead, a subject group). */
  isReply: boolean;
}

export function subjectKey(subject: string): SubjectKey {
  let s = subject.replace(/\s+/g, ' ').trim();
  let isReply = false;
  for (let i = 0; i < 20; i++) {
    const m = PREFIX.exec(s);
    if (!m || m[0].length === 0) break;
    if (!m[0].trimStart().startsWith('[')) isReply = true;
    s = s.slice(m[0].length);
  }
  s = s.replace(/\s*\((?:fwd|fw)\)\s*$/i, '').trim();
  return { base: s, key: s.toLowerCase(), isReply };
}
