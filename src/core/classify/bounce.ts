/**
 * The bounce rules of the chain: RFC 3464 DSNs read field by field, ARF feedback reports (filed as bounces
 * with action "complained": a complaint, like a hard bounce, means "stop mailing this address"), and the
 * non-standard text bounces.
 */
import type { BounceInfo, Mail } from '../../types.ts';
import type { Rule } from './chain.ts';
import { bounceFromDsn, bounceFromFeedback } from './dsn.ts';
import { looksLikeTextBounce, readTextBounce } from './bounce-text.ts';
import { sesNotification } from './ses.ts';
import { bodyText, partOfType, partText, reportType } from './signals.ts';

const DSN_PART = /^message\/(global-)?delivery-status$/;
const FEEDBACK_PART = /^message\/feedback-report$/;
/** A DSN whose MIME structure was lost (broken boundary, inlined by a gateway) still has its fields. */
const DSN_FIELDS_IN_TEXT = /^\s*(final|original)-recipient\s*:/im;
/**
 * What every DSN_FIELDS_IN_TEXT match holds, asked first. The field's pattern opens on `^\s*` and an alternation, which
 * V8 tries at every position of the body (up to 20,000 characters of every message the text-bounce rule reads: 148 µs
 * for 20,000 under --jitless); a literal it skips to (8.5 µs). Most bodies have no such field (issue 12).
 */
const RECIPIENT_FIELD = /-recipient\s*:/i;
export function hasDsnFieldsInText(text: string): boolean {
  return RECIPIENT_FIELD.test(text) && DSN_FIELDS_IN_TEXT.test(text);
}

/** A DSN field left empty is filled from the human-readable text, which often names it too. */
function complete(b: BounceInfo, mail: Mail): BounceInfo {
  if (b.recipient !== null && b.status !== null && b.action !== null) return b;
  const t = readTextBounce(mail);
  return { recipient: b.recipient ?? t.recipient, status: b.status ?? t.status, action: b.action ?? t.action };
}

export const dsnRule: Rule = {
  name: 'bounce-dsn',
  test(mail) {
    const parts = mail.parts.filter((p) => DSN_PART.test(p.contentType));
    if (parts.length === 0 && reportType(mail) !== 'delivery-status') return null;
    // Some MTAs label their human-readable text message/delivery-status too: take the part that parses.
    let fromPart: BounceInfo | null = null;
    for (const p of parts) fromPart ??= bounceFromDsn(partText(p));
    const text = bodyText(mail);
    const fromText = fromPart ?? (hasDsnFieldsInText(text) ? bounceFromDsn(text) : null);
    return { kind: 'bounce', bounce: complete(fromText ?? { recipient: null, status: null, action: null }, mail) };
  },
};

/**
 * Amazon SES's complaint as JSON (its SNS topic mailed: the body is the notification, or SNS's envelope holding it as an
 * escaped string): the ARF report SES received, retold — a complaint all the same (kinds audit 4: it was 'other').
 */
const SES_COMPLAINED = /\\?"complainedRecipients\\?"\s*:\s*\[\s*\{\s*\\?"emailAddress\\?"\s*:\s*\\?"([^"\\\s]{1,64}@[^"\\\s]{1,255})\\?"/i;

export const feedbackRule: Rule = {
  name: 'feedback-report',
  test(mail) {
    const part = partOfType(mail, FEEDBACK_PART);
    if (!part && reportType(mail) !== 'feedback-report') {
      // the whole body SES's document (ses.ts), not a proposal opening on a JSON example
      const text = bodyText(mail, 50000);
      if (sesNotification(text) !== 'Complaint') return null;
      const recipient = SES_COMPLAINED.exec(text)?.[1]?.toLowerCase() ?? null;
      return { kind: 'bounce', bounce: { recipient, status: null, action: 'complained' }, reasons: ['Amazon SES complaint'] };
    }
    const original = mail.embedded[0]?.to[0]?.email.toLowerCase() ?? null;
    return { kind: 'bounce', bounce: bounceFromFeedback(part ? partText(part) : bodyText(mail), original) };
  },
};

export const textBounceRule: Rule = {
  name: 'bounce-text',
  test(mail) {
    const text = bodyText(mail);
    if (hasDsnFieldsInText(text) && /^\s*(action|status)\s*:/im.test(text)) {
      const b = bounceFromDsn(text);
      if (b) return { kind: 'bounce', bounce: complete(b, mail), reasons: ['dsn fields in text'] };
    }
    const why = looksLikeTextBounce(mail);
    if (!why) return null;
    return { kind: 'bounce', bounce: readTextBounce(mail), reasons: [why] };
  },
};
