/**
 * Calendar replies (iMIP, RFC 6047; iTIP, RFC 5546): an attendee's calendar answers an invitation by itself when its
 * owner clicks Accept, Tentative or Decline — Outlook's "Accepted: Meetup…", « Accepté : … », « Provisoire : … », Google
 * Calendar's "Declined: Meetup … @ Thu 28 Jan 2027 7pm" —, with a text/calendar part whose METHOD says so. crieur is the
 * ORGANIZER of the events it announces (their .ics), so these come back to its address. They carry none of RFC 3834's
 * headers and their subject reads as a person's (« Refusé : … », "Accepted: …" are also organizers' verbs): the
 * calendar part decides. Only the methods an attendee's calendar sends in answer (REPLY, COUNTER, REFRESH) — an
 * invitation or an event (REQUEST, PUBLISH, CANCEL), which a person sends, is left to the rules below. An answer that
 * carries its attendee's note (Outlook's COMMENT, « Will be better for me, thx » on a new time proposed; Google's
 * X-RESPONSE-COMMENT) holds a person's words: kind `other`, left in the inbox for the organizers to read — never a
 * proposal nor a command (an organizer's calendar declining is no decline). So does one whose text asks something
 * (« Pouvez-vous me retirer des participants ? »): a calendar writes no question. One whose text proposes a talk
 * (« J'ai accepté l'invitation, voici mon sujet : Titre : … »), read without its subject (the calendar's « Accepté : »),
 * is the person's proposal: the rules below read it (review of kinds audit 4: such mail was an auto-reply, lost).
 */
import type { Mail } from '../../types.ts';
import type { Rule } from './chain.ts';
import { looksLikeProposal } from '../extract/index.ts';
import { writtenLines } from '../text/new-text.ts';
import { bodyText, partText } from './signals.ts';

/** The part types calendars send an iTIP object under (Outlook, Google, Apple, Thunderbird; older application/ics). */
const CALENDAR_PART = /^(?:text\/calendar|application\/ics|text\/x-vcalendar)$/;
/** The answering methods, on the object's own METHOD line (folded lines aside, it stands alone). */
const ANSWER_METHOD = /^METHOD:(REPLY|COUNTER|REFRESH)\s*$/im;

/** The attendee's own words: a COMMENT property, or Google's X-RESPONSE-COMMENT parameter on the ATTENDEE line. */
const NOTE = /^COMMENT[;:]|;X-RESPONSE-COMMENT=/im;

/** The iTIP method of the mail's calendar answer and whether it carries a note, else null. */
export function calendarAnswer(mail: Mail): { method: string; note: boolean } | null {
  for (const p of mail.parts) {
    if (!CALENDAR_PART.test(p.contentType)) continue;
    const ics = partText(p, 8000);
    const m = ANSWER_METHOD.exec(ics);
    if (m) return { method: m[1]!.toUpperCase(), note: NOTE.test(ics) };
  }
  return null;
}

/** A question the writer asks (a word, then « ? »): not a link's query string (…/event?action=RESPOND). */
const QUESTION = /[\p{L}\p{N})»"]\s?\?(?=\s|$)/u;

/** The text part's own words: a question in them, or a talk proposed with the calendar's subject set aside. */
function personsText(mail: Mail): 'proposes' | 'asks' | null {
  if (looksLikeProposal({ ...mail, subject: '' })) return 'proposes';
  return writtenLines(bodyText(mail, 4000)).some((l) => QUESTION.test(l)) ? 'asks' : null;
}

export const calendarReplyRule: Rule = {
  name: 'calendar-reply',
  test(mail) {
    const a = calendarAnswer(mail);
    if (!a) return null;
    const own = personsText(mail);
    if (own === 'proposes') return null;
    if (own === 'asks') return { kind: 'other', reasons: [`METHOD:${a.method}`, 'a question in its text'] };
    return a.note ? { kind: 'other', reasons: [`METHOD:${a.method}`, 'with a note'] } : { kind: 'auto-reply', reasons: [`METHOD:${a.method}`] };
  },
};
