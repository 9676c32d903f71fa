/**
 * DKIM for everything crieur sends: the configured key (config `dkim`: domain, selector, keyFile) for the sender,
 * and the doctor's check of that key against the published selector (`SELECTOR._domainkey.DOMAIN` TXT `p=`).
 */
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolveTxt } from 'node:dns/promises';
import type { Config } from '../../config/schema.ts';
import { ConfigError } from '../../config/load.ts';

/**
 * The header fields signed: nodemailer's own list, with List-Unsubscribe-Post added. RFC 8058 §4: a one-click
 * unsubscribe is honoured only when the signature covers List-Unsubscribe *and* List-Unsubscribe-Post (Gmail's and
 * Yahoo's rules for bulk senders too), and nodemailer's list has the first only — members' announcements, calls and
 * digests carried a one-click header no mailbox provider would act on.
 */
export const SIGNED_HEADER_FIELDS = [
  'From', 'Sender', 'Reply-To', 'Subject', 'Date', 'Message-ID', 'To', 'Cc', 'MIME-Version', 'Content-Type', 'Content-Transfer-Encoding',
  'Content-ID', 'Content-Description', 'Resent-Date', 'Resent-From', 'Resent-Sender', 'Resent-To', 'Resent-Cc', 'Resent-Message-ID',
  'In-Reply-To', 'References', 'List-Id', 'List-Help', 'List-Unsubscribe', 'List-Unsubscribe-Post', 'List-Subscribe', 'List-Post',
  'List-Owner', 'List-Archive',
].join(':');

export function dkimOption(config: Config): { dkim?: { domainName: string; keySelector: string; privateKey: string; headerFieldNames: string } } {
  if (!config.dkim) return {};
  return { dkim: { domainName: config.dkim.domain, keySelector: config.dkim.selector, privateKey: readKey(config.dkim.keyFile), headerFieldNames: SIGNED_HEADER_FIELDS } };
}

function readKey(file: string): string {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`dkim.keyFile ${file}: ${(err as Error).message} — expected a PEM private key file`);
  }
  try {
    createPublicKey(pem);
  } catch {
    throw new ConfigError(`dkim.keyFile ${file}: not a PEM private key (openssl genrsa -out ${file} 2048)`);
  }
  return pem;
}

/**
 * The key's public half against the TXT record. Resolves with a note; throws when the published key differs or is
 * missing. When DNS cannot be reached from here, says so instead of failing: the key itself was read and is valid.
 */
export async function checkDkim(config: Config, resolve: typeof resolveTxt = resolveTxt): Promise<string> {
  if (!config.dkim) return 'mail is sent unsigned'; // doctor's target already says "not configured"
  const { domain, selector, keyFile } = config.dkim;
  const ours = createPublicKey(readKey(keyFile)).export({ type: 'spki', format: 'der' }).toString('base64');
  const name = `${selector}._domainkey.${domain}`;
  let records: string[][];
  try {
    records = await resolve(name);
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (code === 'ENOTFOUND' || code === 'ENODATA') throw new Error(`no DKIM record at ${name}: publish "v=DKIM1; k=rsa; p=${ours.slice(0, 16)}…"`);
    return `key read; DNS not reachable from here (${code || (err as Error).message}): ${name} not checked`;
  }
  const txt = records.map((r) => r.join('')).find((t) => /(^|;)\s*p=/.test(t));
  const published = txt ? /(?:^|;)\s*p=([^;]*)/.exec(txt)![1]!.replace(/\s+/g, '') : null;
  if (!published) throw new Error(`${name} has no p= key`);
  if (published !== ours) throw new Error(`${name} publishes another key than ${keyFile}`);
  return `${name} matches ${keyFile}`;
}
