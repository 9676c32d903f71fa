/**
 * The pages with a form — subscribe, confirm — and the short pages that answer them. Every form carries the CSRF
 * field (csrf.ts); every value echoed back (a name, an address typed into the form) is escaped. The answer to a
 * subscription is the same page whatever the address (member or not, capped or not): the page never tells who is
 * a member.
 */
import type { Language } from '../../types.ts';
import { escapeHtml } from '../render/escape.ts';
import { CSRF_FIELD } from './csrf.ts';
import { pageHtml } from './layout.ts';
import { fill, PAGE_TEXT } from './text.ts';

export type DigestCadenceChoice = 'none' | 'daily' | 'weekly';
export type DigestFormatChoice = 'html' | 'text';
export const DIGEST_CADENCES: readonly DigestCadenceChoice[] = ['none', 'daily', 'weekly'];
export const DIGEST_FORMAT_CHOICES: readonly DigestFormatChoice[] = ['html', 'text'];

export interface PageContext {
  lang: Language;
  group: string;
  nav: boolean;
}

export interface SubscribeFormValues {
  name: string;
  email: string;
  language: Language;
  /** The digest chosen per configured list (absent: none). */
  digests: Record<string, DigestCadenceChoice>;
  format: DigestFormatChoice;
}

/** The field of a list's digest choice: `digest.NAME` (list names are config, but escaped all the same). */
export const digestField = (list: string) => `digest.${list}`;

export function subscribePage(
  c: PageContext,
  form: { csrf: string; lists: readonly { name: string; address: string }[]; values?: SubscribeFormValues; error?: 'address' },
): string {
  const t = PAGE_TEXT[c.lang];
  const e = escapeHtml;
  const v = form.values ?? { name: '', email: '', language: c.lang, digests: {}, format: 'html' as const };
  const option = (value: string, label: string, selected: boolean) => `<option value="${e(value)}"${selected ? ' selected' : ''}>${e(label)}</option>`;
  const digests = form.lists.map((l) => {
    const chosen = v.digests[l.name] ?? 'none';
    return `<label>${e(fill(t.digestOf, { list: `${l.name} (${l.address})` }))}
<select name="${e(digestField(l.name))}">${DIGEST_CADENCES.map((d) => option(d, t.digestChoices[d], d === chosen)).join('')}</select></label>`;
  });
  const format =
    form.lists.length > 0
      ? `<label>${e(t.digestFormat)}
<select name="format">${DIGEST_FORMAT_CHOICES.map((f) => option(f, t.digestFormats[f], f === v.format)).join('')}</select></label>`
      : '';
  const error = form.error === 'address' ? `<p class="error" role="alert" id="email-error">${e(t.badAddress)}</p>\n` : '';
  const body = `<p>${e(fill(t.subscribeIntro, { group: c.group }))}</p>
${error}<form method="post" action="/subscribe?lang=${c.lang}">
<input type="hidden" name="${CSRF_FIELD}" value="${e(form.csrf)}">
<label>${e(t.email)}
<input type="email" name="email" required autocomplete="email" maxlength="254" value="${e(v.email)}"${form.error ? ' aria-invalid="true" aria-describedby="email-error"' : ''}></label>
<label>${e(t.name)}
<input type="text" name="name" autocomplete="name" maxlength="200" value="${e(v.name)}"></label>
<label>${e(t.language)}
<select name="language">${(['fr', 'en'] as const).map((l) => option(l, t.languages[l], l === v.language)).join('')}</select></label>
${[...digests, format].filter(Boolean).join('\n')}
<button type="submit">${e(t.submit)}</button>
</form>`;
  return pageHtml({ ...c, title: t.subscribeTitle, path: '/subscribe' }, body);
}

/** The one answer to every accepted subscription request. */
export function checkMailPage(c: PageContext): string {
  const t = PAGE_TEXT[c.lang];
  return pageHtml({ ...c, title: t.checkTitle, path: '/subscribe' }, `<p>${escapeHtml(t.check)}</p>`);
}

/** GET /confirm/TOKEN: a button only, so a link scanner that opens the link confirms no one. */
export function confirmPage(c: PageContext, token: string, csrf: string): string {
  const t = PAGE_TEXT[c.lang];
  const e = escapeHtml;
  return pageHtml(
    { ...c, title: t.confirmTitle, path: `/confirm/${token}` },
    `<p>${e(fill(t.confirmAsk, { group: c.group }))}</p>
<form method="post" action="/confirm/${e(token)}?lang=${c.lang}">
<input type="hidden" name="${CSRF_FIELD}" value="${e(csrf)}">
<button type="submit">${e(t.confirmButton)}</button>
</form>`,
  );
}

export type ConfirmResult = 'confirmed' | 'already' | 'expired' | 'invalid';

export function confirmedPage(c: PageContext, token: string, r: ConfirmResult): string {
  const t = PAGE_TEXT[c.lang];
  const text = { confirmed: t.confirmed, already: t.confirmedAlready, expired: t.confirmExpired, invalid: t.confirmInvalid }[r];
  const again = r === 'expired' && c.nav ? ` <a href="/subscribe?lang=${c.lang}">${escapeHtml(t.nav.subscribe)}</a>` : '';
  return pageHtml({ ...c, title: t.confirmTitle, path: `/confirm/${token}` }, `<p>${escapeHtml(fill(text, { group: c.group }))}${again}</p>`);
}

/** 403: a POST without the form's CSRF field matching its cookie. */
export function csrfPage(c: PageContext, back: string): string {
  const t = PAGE_TEXT[c.lang];
  return pageHtml({ ...c, title: t.csrfTitle, path: back }, `<p>${escapeHtml(t.csrf)}</p>\n<p><a href="${escapeHtml(back)}">${escapeHtml(t.back)}</a></p>`);
}

export function tooManyPage(c: PageContext, seconds: number, path: string): string {
  const t = PAGE_TEXT[c.lang];
  return pageHtml({ ...c, title: t.tooManyTitle, path }, `<p>${escapeHtml(fill(t.tooMany, { seconds }))}</p>`);
}

/** 404 for a path that is no page; the way home when the public pages are on. */
export function notFoundPage(c: PageContext): string {
  const t = PAGE_TEXT[c.lang];
  const home = c.nav ? ` <a href="/?lang=${c.lang}">${escapeHtml(t.nav.programme)}</a>` : '';
  // The language switch goes to `/`: the unknown path is not echoed back into a link.
  return pageHtml({ ...c, title: t.notFoundTitle, path: '/' }, `<p>${escapeHtml(t.notFound)}${home}</p>`);
}

/**
 * A request that could not be answered: the database unreachable (503, for a while), a form body far past ours
 * (413), anything else (500). One short sentence, never the error itself: a visitor has no use for it, and it
 * may name the database's host and user.
 */
export function failurePage(c: PageContext, kind: 'unavailable' | 'tooLarge' | 'error', path: string): string {
  const t = PAGE_TEXT[c.lang];
  const words: Record<typeof kind, { title: string; text: string }> = {
    unavailable: { title: t.unavailableTitle, text: t.unavailable },
    tooLarge: { title: t.tooLargeTitle, text: t.tooLarge },
    error: { title: t.errorTitle, text: t.error },
  };
  const { title, text } = words[kind];
  return pageHtml({ ...c, title, path }, `<p>${escapeHtml(text)}</p>`);
}
