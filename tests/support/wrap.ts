/** A mail client's hard wrap of text/plain (Gmail at 78 columns, Outlook 76, older clients 72): lines longer than `n` cut at the last space before it. */
export function hardWrap(s: string, n = 78): string {
  return s
    .split('\n')
    .map((line) => {
      const out: string[] = [];
      let l = line;
      while (l.length > n) {
        const at = l.lastIndexOf(' ', n);
        if (at <= 0) break;
        out.push(l.slice(0, at));
        l = l.slice(at + 1);
      }
      out.push(l);
      return out.join('\n');
    })
    .join('\n');
}
