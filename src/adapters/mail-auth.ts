/**
 * commands.requireDkim: does an organizer's command mail really come from its From domain? Yes when a DKIM
 * signature of that domain (or a parent domain: relaxed alignment, RFC 7489 §3.1.1) verifies, or DMARC passes —
 * checked with mailauth against DNS (or the resolver passed in: tests, or a resolver of the operator's) — or when
 * a receiving host we trust (commands.trustedAuthserv, RFC 8601 authserv-id) wrote so in Authentication-Results.
 * Headers of hosts we do not trust are ignored: anyone can write one.
 *
 * Sharp edge: mailauth 7 crashes on import on Node 20 through undici 8 (package.json overrides undici to 7).
 */
import { authenticate, type DNSResolver } from 'mailauth';
import type { MailAuthCheck } from '../app/apply-commands.ts';

export interface MailAuthOptions {
  trustedAuthserv: readonly string[];
  resolver?: DNSResolver;
}

export function createMailAuthCheck(opts: MailAuthOptions): MailAuthCheck {
  const trusted = opts.trustedAuthserv.map((a) => a.toLowerCase());
  return async (raw, fromDomain) => {
    const domain = fromDomain.toLowerCase();
    if (trusted.length > 0 && trustedResults(raw, trusted).some((r) => passes(r, domain))) return true;
    try {
      const res = await authenticate(raw, { ...(opts.resolver ? { resolver: opts.resolver } : {}), disableArc: true, disableBimi: true, trustReceived: false });
      const dkim = res.dkim?.results ?? [];
      if (dkim.some((r) => r.status?.result === 'pass' && aligned(String(r.signingDomain ?? ''), domain))) return true;
      return res.dmarc !== false && res.dmarc?.status?.result === 'pass' && aligned(String(res.dmarc.domain ?? ''), domain);
    } catch {
      // DNS down, a message mailauth cannot read: not proven.
      return false;
    }
  };
}

/** `d=example.org` aligns with From `example.org` and `mail.example.org` with it (relaxed), not `evil.org`. */
function aligned(signing: string, from: string): boolean {
  const s = signing.toLowerCase();
  return s !== '' && (s === from || from.endsWith(`.${s}`) || s.endsWith(`.${from}`));
}

/** The Authentication-Results headers whose authserv-id (the first token) we trust, unfolded. */
function trustedResults(raw: Buffer, trusted: string[]): string[] {
  const head = raw.subarray(0, Math.min(raw.length, 64 * 1024)).toString('latin1').split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/);
  return unfolded
    .filter((l) => /^authentication-results\s*:/i.test(l))
    .map((l) => l.slice(l.indexOf(':') + 1).trim())
    .filter((v) => trusted.includes((v.split(/[\s;]/)[0] ?? '').toLowerCase()));
}

/** `dkim=pass header.d=example.org` or `dmarc=pass header.from=example.org` in one result set. */
function passes(value: string, domain: string): boolean {
  return value
    .split(';')
    .slice(1)
    .some((r) => {
      const m = /^\s*(dkim|dmarc)\s*=\s*pass\b(.*)$/i.exec(r);
      if (!m) return false;
      const prop = m[1]!.toLowerCase() === 'dkim' ? /header\.(?:d|i)\s*=\s*@?([^\s;]+)/i.exec(m[2]!) : /header\.from\s*=\s*([^\s;]+)/i.exec(m[2]!);
      return !!prop && aligned(prop[1]!, domain);
    });
}
