/** Use case behind `crieur parse` and the classify worker: raw bytes → ParseResult, or a reason why not. */
import type { Config } from '../config/schema.ts';
import type { Mail, ParseContext, ParseResult } from '../types.ts';
import { readMail } from '../adapters/mailparser.ts';
import { understand, notMailReason } from '../core/understand.ts';
import { classify } from '../core/classify/index.ts';
import type { Kind } from '../types.ts';
import { addressOf } from '../core/address.ts';

export type ParseOutcome = { ok: true; result: ParseResult; mail: Mail } | { ok: false; error: string };

export async function parseRawMessage(raw: Buffer, ctx: ParseContext): Promise<ParseOutcome> {
  if (raw.length === 0) return { ok: false, error: 'empty input: not a mail message' };
  let mail: Mail;
  try {
    mail = await readMail(raw);
  } catch (err) {
    return { ok: false, error: `unreadable message: ${(err as Error).message}` };
  }
  const notMail = notMailReason(mail);
  if (notMail) return { ok: false, error: notMail };
  return { ok: true, result: understand(mail, ctx), mail };
}

/**
 * Only what the message is (null when it cannot be read or is not mail): the inbox watcher's question, to decide
 * whether to move it. The classify job does the whole of parseRawMessage.
 */
export async function kindOfRaw(raw: Buffer, ctx: ParseContext): Promise<Kind | null> {
  if (raw.length === 0) return null;
  try {
    const mail = await readMail(raw);
    return notMailReason(mail) ? null : classify(mail, ctx).kind;
  } catch {
    return null;
  }
}

export function parseContextFrom(config: Config): ParseContext {
  const own = [config.addresses.proposals, addressOf(config.addresses.from), config.addresses.bounces, ...config.lists.map((l) => l.address)];
  return {
    ownAddresses: own.filter((a): a is string => typeof a === 'string' && a !== '').map((a) => a.toLowerCase()),
    organizers: config.organizers.map((o) => o.toLowerCase()),
    secret: config.secret ?? null,
    now: () => new Date(),
    tokenMaxAgeDays: config.tokens.maxAgeDays,
    timeZone: config.group.timezone,
    locale: config.group.locale,
  };
}
