/**
 * A list manager's notice about a message sent to its list — held for the moderators, rejected, forwarded to them
 * (Mailman 2 and 3, Sympa, LISTSERV, ezmlm): crieur's call posted to a list it is not a member of comes back so. Mailman
 * 3 and Sympa send them from the list's -owner@ or sympa@ with no list header and often no Auto-Submitted; they answer
 * our mail and must never be answered back (an auto-reply). Read from a list robot's address only: a person writes
 * « mon message à la liste est en attente de modération ? » from their own.
 */
import type { Mail } from '../../types.ts';
import type { Rule } from './chain.ts';
import { phraseRegExp } from '../text/phrases.ts';
import { bodyText, hasNullReturnPath, isMachineAddress, replyToPerson } from './signals.ts';
import { LIST_NOTICE_SUBJECTS, LIST_NOTICE_TEXTS } from './auto-reply-phrases.ts';

const NOTICE_SUBJECT = phraseRegExp('LIST_NOTICE_SUBJECTS', LIST_NOTICE_SUBJECTS, 'i');
const NOTICE_TEXT = phraseRegExp('LIST_NOTICE_TEXTS', LIST_NOTICE_TEXTS, 'i');
/** The list managers' own addresses, besides the loop guard's -owner, -request, -bounces, listserv, majordomo. */
const LIST_MANAGER = /^(?:sympa|mailman|listserv|lyris|ecartis|listmaster|listes?|lists?)(?:[-+.].*)?@/i;

function fromAListRobot(mail: Mail): boolean {
  const from = mail.from;
  // (list headers alone are a member's post too: « my message to the list was rejected by the moderator, why? »)
  // (nor a web form's notification relaying a person's words, Reply-To that person)
  if (replyToPerson(mail) !== null) return false;
  return (from !== null && (isMachineAddress(from) || LIST_MANAGER.test(from.email))) || hasNullReturnPath(mail);
}

/**
 * The held or rejected message is the writer's own (« my post to your list was held for moderation », « mon message à la
 * liste est en attente de modération »): a person writing, even from a role address like events-owner@ — a list manager
 * says "your message". Read in the sentence before the phrase.
 */
const WRITERS_OWN = /\b(?:my|our|i|i['’]m|mon|ma|mes|notre|nos|je|j['’]|meine?|unsere?|ich)\b[^.!?\n]*$/i;

function noticeText(text: string): boolean {
  const m = NOTICE_TEXT.exec(text);
  if (!m) return false;
  const before = text.slice(Math.max(0, m.index - 160), m.index);
  return !WRITERS_OWN.test(before.split(/[.!?]\s|\n\s*\n/).pop() ?? '');
}

export const listNoticeRule: Rule = {
  name: 'list-notice',
  test(mail) {
    if (!fromAListRobot(mail)) return null;
    if (NOTICE_SUBJECT.test(mail.subject.slice(0, 300))) return { kind: 'auto-reply', reasons: ['subject'] };
    return noticeText(bodyText(mail, 1500)) ? { kind: 'auto-reply', reasons: ['text'] } : null;
  },
};
