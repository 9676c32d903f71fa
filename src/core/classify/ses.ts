/**
 * Amazon SES's notifications as its SNS topic mails them: the body is the JSON document (email-json), or that document
 * and SNS's footer (email: « If you wish to stop receiving notifications from this topic… »), the notification itself
 * maybe an escaped string in SNS's envelope. Only the whole body so read is one: a proposal opening on a JSON example
 * (« {"notificationType": "Complaint", …} That document is what SES sends us… ») or a person pasting a fragment of one
 * is theirs (review of kinds audit 4: both were bounces).
 */

const TYPE = /\\?"notificationType\\?"\s*:\s*\\?"(Bounce|Complaint)\\?"/i;
/** What SNS writes under the document, and nothing else. */
const SNS_FOOTER = /stop receiving notifications from this topic|sns\.[\w-]+\.amazonaws\.com\/unsubscribe|please do not reply directly to this e-?mail/i;

/** The end of the JSON object opening `text` at `start` (strings and their escapes skipped), else -1. */
function objectEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** 'Bounce' or 'Complaint' when the body is SES's notification of one (see above), else null. */
export function sesNotification(text: string): 'Bounce' | 'Complaint' | null {
  const start = text.search(/\S/);
  if (start < 0 || text[start] !== '{') return null;
  const m = TYPE.exec(text.slice(start, start + 2000));
  if (!m) return null;
  const end = objectEnd(text, start);
  if (end < 0) return null;
  const rest = text.slice(end + 1).trim();
  if (rest !== '' && (rest.length > 1000 || !SNS_FOOTER.test(rest))) return null;
  return m[1]!.toLowerCase() === 'bounce' ? 'Bounce' : 'Complaint';
}
