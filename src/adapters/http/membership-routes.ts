/**
 * The unsubscribe pages (issue 9), served by the HTTP server of /healthz:
 *  - POST /unsubscribe/TOKEN unsubscribes at once: the RFC 8058 one-click request a mailbox provider sends
 *    (body `List-Unsubscribe=One-Click`), or the page's button;
 *  - GET /unsubscribe/TOKEN only shows the page with its button, so link scanners and prefetchers that follow
 *    every URL of a mail unsubscribe no one.
 * Both end with a short page in the visitor's language (?lang=, else Accept-Language, else the group's). A bad token gets the same kind
 * of short page, saying the link is not valid, and tells nothing about who is a member.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Route } from './server.ts';
import { requireSecret } from '../../config/load.ts';
import { escapeHtml } from '../../core/render/escape.ts';
import { CSRF_FIELD } from '../../core/pages/csrf.ts';
import { csrfPage } from '../../core/pages/forms.ts';
import { pageHtml } from '../../core/pages/layout.ts';
import type { Language } from '../../types.ts';
import { unsubscribeByToken, memberOfToken, type MembershipDeps } from '../../app/membership.ts';
import { answerFailure, csrfChecks, csrfFor, methodNotAllowed, pageContext, readForm, sendPage } from './page-kit.ts';

const PATH_RE = /^\/unsubscribe\/([a-z0-9-]{1,64})\/?(?:\?.*)?$/i;

const TEXT: Record<Language, Record<'title' | 'ask' | 'button' | 'done' | 'already' | 'invalid', string>> = {
  fr: {
    title: 'Désabonnement',
    ask: 'Ne plus recevoir nos annonces ?',
    button: 'Me désabonner',
    done: 'C’est fait : vous ne recevrez plus nos annonces.',
    already: 'Vous êtes déjà désabonné·e de nos annonces.',
    invalid: 'Ce lien de désabonnement n’est pas valide (copié en partie ?). Vous pouvez répondre « unsubscribe » à l’une de nos annonces.',
  },
  en: {
    title: 'Unsubscribe',
    ask: 'Stop receiving announcements from {group}?',
    button: 'Unsubscribe me',
    done: 'Done: you will no longer receive announcements from {group}.',
    already: 'You had already unsubscribed from {group}’s announcements.',
    invalid: 'This unsubscribe link is not valid (partly copied?). You can reply “unsubscribe” to one of our announcements.',
  },
};

/** The `/unsubscribe` prefix of the HTTP server (src/adapters/http/server.ts routes). */
export function membershipRoutes(deps: MembershipDeps): Route {
  const serve = unsubscribePage(deps);
  return {
    prefix: '/unsubscribe',
    handle(req, res) {
      serve(req, res).catch((err: unknown) => answerFailure(deps.config, deps.log, req, res, err));
    },
  };
}

/**
 * A POST to /unsubscribe/TOKEN is either a mail client's one-click (RFC 8058: the body `List-Unsubscribe=One-Click`,
 * no cookie, no page seen — it must work as is) or the page's button (its CSRF field and cookie). The token in the
 * path is what proves the member; the CSRF check on the button only keeps another site from pressing it.
 */
export function isOneClick(form: URLSearchParams): boolean {
  return form.get('List-Unsubscribe') === 'One-Click';
}

function unsubscribePage(deps: MembershipDeps): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const group = deps.config.group.name;
  return async (req, res) => {
    const m = PATH_RE.exec(req.url ?? '');
    const token = m?.[1]!.toLowerCase();
    const c = pageContext(deps.config, req);
    const t = TEXT[c.lang];
    const secret = requireSecret(deps.config);
    const say = (s: string) => escapeHtml(s.replace('{group}', group));
    const path = token ? `/unsubscribe/${token}` : '/unsubscribe';
    const send = (status: number, body: string, headers: Record<string, string> = {}) =>
      sendPage(res, status, pageHtml({ lang: c.lang, group, title: t.title, path, nav: c.nav }, body), headers);
    // No token, or not one of ours in shape (cut, mangled by a client's percent-encoding): the invalid link's page.
    if (!token) return send(404, `<p>${say(t.invalid)}</p>`);
    if (req.method === 'POST') {
      const form = await readForm(req);
      const oneClick = isOneClick(form);
      if (!oneClick && !csrfChecks(req, form, secret)) return sendPage(res, 403, csrfPage(c, `${path}?lang=${c.lang}`));
      const r = await unsubscribeByToken(deps, token, oneClick ? 'one-click https' : 'unsubscribe page');
      if (r === 'invalid') send(404, `<p>${say(t.invalid)}</p>`);
      else send(200, `<p>${say(r === 'unsubscribed' ? t.done : t.already)}</p>`);
      return;
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      const member = await memberOfToken(deps, token, 'unsubscribe');
      if (!member) return send(404, `<p>${say(t.invalid)}</p>`);
      if (member.status === 'unsubscribed') return send(200, `<p>${say(t.already)}</p>`);
      const csrf = csrfFor(req, secret);
      send(
        200,
        `<p>${say(t.ask)}</p>\n<form method="post" action="${escapeHtml(path)}?lang=${c.lang}">\n<input type="hidden" name="${CSRF_FIELD}" value="${escapeHtml(csrf.field)}">\n<button type="submit">${say(t.button)}</button>\n</form>`,
        csrf.headers,
      );
      return;
    }
    methodNotAllowed(req, res, ['GET', 'HEAD', 'POST']);
  };
}
