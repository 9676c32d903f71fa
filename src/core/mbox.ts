/**
 * mbox files (a list archive, a mail client's export, an old proposals folder): several messages, each opened by a
 * "From_" line (`From sender date`). Recognised by content, not by name: an RFC 5322 message never begins with
 * "From " (a header name ends with a colon). Body lines that began with "From " were escaped by the writer with
 * a ">" (mboxo, mboxrd); one ">" is taken off ">From", ">>From", … again (mboxrd's rule, which also reads
 * mboxo's escapes). Writers that did not escape ("unmunged" mbox) leave lines such as "From Russia with love"
 * in bodies: a separator must also look like a From_ line — a sender and nothing, or a date with a time.
 */

const BOM = '\u00ef\u00bb\u00bf'; // UTF-8 byte order mark, read as latin1

/** Is this the content of an mbox file rather than one message? */
export function isMbox(raw: Buffer): boolean {
  const head = raw.subarray(0, 256).toString('latin1');
  return /^From \S/.test(head.startsWith(BOM) ? head.slice(BOM.length) : head);
}

/** The messages of an mbox, From_ lines off and ">From" lines unescaped; line ends kept as they were. */
export function splitMbox(raw: Buffer): Buffer[] {
  // latin1 maps each byte to one char and back: the messages' bytes come out exactly as they went in.
  let text = raw.toString('latin1');
  if (text.startsWith(BOM)) text = text.slice(BOM.length);
  const lines = text.split('\n');
  const messages: string[][] = [];
  let current: string[] | null = null;
  for (const line of lines) {
    if (isFromLine(line)) {
      current = [];
      messages.push(current);
    } else if (current) {
      current.push(line.replace(ESCAPED_FROM, '$1'));
    }
  }
  return messages.map((m) => {
    // The writer's blank line before the next From_ (when it wrote one) and the file's last newline belong to the mbox.
    if (m.length > 0 && m[m.length - 1] === '') m.pop();
    if (m.length > 0 && isBlank(m[m.length - 1]!)) m.pop();
    return Buffer.from(`${m.join('\n')}\n`, 'latin1');
  });
}

const ESCAPED_FROM = /^>(>*From )/;

function isBlank(line: string): boolean {
  return line === '' || line === '\r';
}

/**
 * `From sender date` with a time in the date (`Mon May 26 20:18:05 +0000 2025`), or an address-like sender alone
 * (`From -`, `From 1833215653612141880@xxx`): "From Paris" or "From Russia with love" in a body is no separator.
 */
function isFromLine(line: string): boolean {
  const m = /^From (\S+)(.*)$/.exec(line.replace(/\r$/, ''));
  if (!m) return false;
  return m[2]!.trim() === '' ? /^(-|MAILER-DAEMON|\S+@\S+)$/.test(m[1]!) : /\b\d{1,2}:\d\d\b/.test(m[2]!);
}
