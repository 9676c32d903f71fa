/**
 * The join confirmation page (issue 9), served beside /unsubscribe: GET /confirm/TOKEN shows a button, POST
 * confirms — link scanners and prefetchers that open every URL of a mail confirm no one (a third party's address
 * typed into the form stays pending). Short pages in the visitor's language; an invalid, expired or used link
 * gets a page that says so and tells nothing about who is a member.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { confirmSubscription, inspectConfirmation } from '../../app/join.ts';
import { joinDepsOf, type MembershipDeps } from '../../app/membership.ts';
import { escapeHtml } from '../../core/render/escape.ts';
import { page, pickLanguage } from './membership-routes.ts';
import type { Route } from './server.ts';

const PATH_RE = /^\/confirm\/([a-z0-9-]{1,64})\/?(?:\?.*)?$/i;
const MAX_BODY = 4096;

type Lang = 'fr' | 'en';
const TEXT: Record<Lang, Record<'title' | 'ask' | 'button' | 'done' | 'already' | 'expired' | 'invalid', string>> = {
  fr: {
    title: 'Inscription',
    ask: 'Recevoir les annonces de {group} ?',
    button: 'Confirmer mon inscription',
    done: 'C’est fait : vous recevrez les annonces de {group}.',
    already: 'Cette inscription est déjà confirmée.',
    expired: 'Ce lien a expiré : rien n’a été fait. Vous pouvez refaire la demande.',
    invalid: 'Ce lien de confirmation n’est pas valide (copié en partie ?).',
  },
  en: {
    title: 'Subscription',
    ask: 'Receive the announcements of {group}?',
    button: 'Confirm my subscription',
    done: 'Done: you will receive the announcements of {group}.',
    already: 'This subscription is already confirmed.',
    expired: 'This link has expired: nothing was done. You can ask again.',
    invalid: 'This confirmation link is not valid (partly copied?).',
  },
};

async function drain(req: IncomingMessage): Promise<void> {
  let n = 0;
  for await (const chunk of req) {
    n += (chunk as Buffer).length;
    if (n > MAX_BODY) break;
  }
}

export function confirmRoute(deps: MembershipDeps): Route {
  const serve = confirmPage(deps);
  return {
    prefix: '/confirm',
    handle(req, res) {
      serve(req, res).catch((err: unknown) => {
        deps.log.warn({ err: (err as Error).message }, 'confirmation page failed');
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    },
  };
}

function confirmPage(deps: MembershipDeps): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const group = deps.config.group.name;
  return async (req, res) => {
    const m = PATH_RE.exec(req.url ?? '');
    const join = joinDepsOf(deps);
    if (!m || !join) return void res.writeHead(404).end();
    const token = m[1]!.toLowerCase();
    const lang = pickLanguage(req.headers['accept-language']);
    const t = TEXT[lang];
    const say = (s: string) => escapeHtml(s.replace('{group}', group));
    const send = (status: number, body: string) => {
      res.writeHead(status, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
        'referrer-policy': 'no-referrer',
      });
      res.end(page(lang, t.title, body));
    };
    const answer = (r: 'confirmed' | 'open' | 'already' | 'expired' | 'invalid') => {
      if (r === 'invalid') return send(404, `<p>${say(t.invalid)}</p>`);
      if (r === 'expired') return send(410, `<p>${say(t.expired)}</p>`);
      if (r === 'already') return send(200, `<p>${say(t.already)}</p>`);
      if (r === 'confirmed') return send(200, `<p>${say(t.done)}</p>`);
      send(200, `<p>${say(t.ask)}</p>\n<form method="post" action="/confirm/${escapeHtml(token)}"><button type="submit">${say(t.button)}</button></form>`);
    };
    if (req.method === 'POST') {
      await drain(req);
      return answer(await confirmSubscription(join, token, 'confirmation page https'));
    }
    if (req.method === 'GET' || req.method === 'HEAD') return answer(await inspectConfirmation(join, token));
    res.writeHead(405, { allow: 'GET, POST' }).end();
  };
}
