/** The audits' hand-built replies (tests/e2e/commands-audit-t.test.ts, tests/e2e/audit-x/harness.test.ts) encode their parts here. */
/** Quoted-printable of bytes, as a mail client writes a part: CRLF line ends kept hard, soft breaks before 76 columns. */
export function quotedPrintable(bytes: Buffer): string {
  const text = bytes.toString('latin1').replace(/\r?\n/g, '\n');
  return text
    .split('\n')
    .map((line) => {
      let enc = '';
      for (let i = 0; i < line.length; i++) {
        const c = line.charCodeAt(i);
        const last = i === line.length - 1;
        if ((c >= 33 && c <= 126 && c !== 61) || (c === 32 && !last)) enc += line[i];
        else enc += `=${c.toString(16).toUpperCase().padStart(2, '0')}`;
      }
      const out: string[] = [];
      while (enc.length > 75) {
        let at = 75;
        if (enc[at - 1] === '=') at -= 1;
        else if (enc[at - 2] === '=') at -= 2;
        out.push(`${enc.slice(0, at)}=`);
        enc = enc.slice(at);
      }
      out.push(enc);
      return out.join('\r\n');
    })
    .join('\r\n');
}
