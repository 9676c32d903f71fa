/**
 * A list post of a configured list is attached to its list and threaded (JWZ), for the digests. It is stored
 * as every message is and never answered: this only adds its place in a thread. Posts of lists crieur was not
 * configured for stay as they are. Replay-safe: a post already attached is left alone.
 */
import { configuredListOf, headerUrl } from '../core/digest/list-of.ts';
import { postText } from '../core/digest/post-text.ts';
import { placePost } from '../core/thread/place.ts';
import { header } from '../core/classify/signals.ts';
import type { Mail } from '../types.ts';
import type { AppDeps } from './deps.ts';

const DAY_MS = 86_400_000;

export async function collectListPost(deps: Pick<AppDeps, 'config' | 'store' | 'clock' | 'log' | 'reader'>, inboundId: number, mail: Mail): Promise<void> {
  const list = configuredListOf(mail, deps.config.lists);
  if (!list) return;
  const windowStart = new Date(deps.clock.now().getTime() - deps.config.digests.threadWindowDays * DAY_MS);
  const refs = mail.references.map(clean);
  if (mail.inReplyTo && !refs.includes(clean(mail.inReplyTo))) refs.push(clean(mail.inReplyTo));
  const { inserted, threadId } = await deps.store.lists.attach(
    {
      inboundId,
      listName: list.name,
      messageId: mail.messageId ? clean(mail.messageId) : null,
      references: refs,
      subject: clean(mail.subject).replace(/\s+/g, ' ').trim(),
      fromName: mail.from?.name ? clean(mail.from.name) : null,
      fromEmail: mail.from?.email ? clean(mail.from.email) : null,
      sentAt: mail.date,
      body: clean(postText(bodyText(deps, mail))),
      archivedAt: headerUrl(header(mail, 'archived-at')),
      listArchive: headerUrl(header(mail, 'list-archive')),
    },
    windowStart,
    placePost,
  );
  if (inserted) deps.log.info({ inbound: inboundId, list: list.name, thread: threadId }, 'list post attached');
}

/**
 * What the post says, as text: an HTML-only post read again with its links' targets (« voir la page du wiki
 * <https://…> »), which the text every rule reads leaves out — a digest reader would get « voir la page du wiki » and
 * no way to it.
 */
function bodyText(deps: Pick<AppDeps, 'reader'>, mail: Mail): string | null {
  return (mail.textFromHtml && mail.html !== null ? deps.reader.textWithLinks(mail.html) : null) ?? mail.text;
}

/** PostgreSQL text and jsonb refuse NUL characters, which broken mail does carry: dropped, never a failed job. */
function clean(s: string): string {
  return s.replace(/\u0000/g, '');
}
