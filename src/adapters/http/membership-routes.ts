/**
 * The unsubscribe pages (issue 9), served by the HTTP server of /healthz:
 *  - POST /unsubscribe/TOKEN unsubscribes at once: the RFC 8058 one-click request a mailbox provider sends
 *    (body `List-Unsubscribe=One-Click`), or the page's button;
 *  - GET /unsubscribe/TOKEN only shows the page with its button, so link scanners and prefetchers that follow
 *    every URL of a mail unsubscribe no one.
 * Both end with a short page in the visitor's language (Accept-Language, fr first). A bad token gets the same kind
 * of short page, saying the link is not valid, and tells nothing about who is a member.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Route } from './server.ts';
import { escapeHtml } from '../../core/render/escape.ts';
import { unsubscribeByToken, memberOfToken, type MembershipDeps } from '../../app/membership.ts';


const PATH_RE = /^\/unsubscribe\/([a-z0-9-]{1,64})\/?(?:\?.*)?$/i;
/** A one-click body is a few bytes; anything much longer is not one. */
const MAX_BODY = 4096;

type Lang = 'fr' | 'en';
const TEXT: Record<Lang, Record<'title' | 'ask' | 'button' | 'done' | 'already' | 'invalid', string>> = {
  fr: {
    title: 'Désabonnement',
    ask: 'Ne plus recevoir les annonces de {group} ?',
    button: 'Me désabonner',
    done: 'C’est fait : vous ne recevrez plus les annonces de {group}.',
    already: 'Vous êtes déjà désabonné·e des annonces de {group}.',
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

export function pickLanguage(header: string | undefined): Lang {
  for (const part of (header ?? '').split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (tag === 'fr' || tag === 'en') return tag;
  }
  return 'fr';
}

export function page(lang: Lang, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
button{font:inherit;padding:.6rem 1.2rem;border:0;border-radius:4px;background:#336791;color:#fff;cursor:pointer}</style>
</head><body><h1>${escapeHtml(title)}</h1>
${body}
</body></html>`;
}

async function drain(req: IncomingMessage): Promise<void> {
  let n = 0;
  for await (const chunk of req) {
    n += (chunk as Buffer).length;
    if (n > MAX_BODY) break;
  }
}

/** The `/unsubscribe` prefix of the HTTP server (src/adapters/http/server.ts routes). */
export function membershipRoutes(deps: MembershipDeps): Route {
  const serve = unsubscribePage(deps);
  return {
    prefix: '/unsubscribe',
    handle(req, res) {
      serve(req, res).catch((err: unknown) => {
        deps.log.warn({ err: (err as Error).message }, 'unsubscribe page failed');
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    },
  };
}

function unsubscribePage(deps: MembershipDeps): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const group = deps.config.group.name;
  return async (req, res) => {
    const m = PATH_RE.exec(req.url ?? '');
    if (!m) return void res.writeHead(404).end();
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
    if (req.method === 'POST') {
      await drain(req);
      const r = await unsubscribeByToken(deps, token, 'one-click https');
      if (r === 'invalid') send(404, `<p>${say(t.invalid)}</p>`);
      else send(200, `<p>${say(r === 'unsubscribed' ? t.done : t.already)}</p>`);
      return;
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      const member = await memberOfToken(deps, token, 'unsubscribe');
      if (!member) send(404, `<p>${say(t.invalid)}</p>`);
      else if (member.status === 'unsubscribed') send(200, `<p>${say(t.already)}</p>`);
      else send(200, `<p>${say(t.ask)}</p>\n<form method="post" action="/unsubscribe/${escapeHtml(token)}"><button type="submit">${say(t.button)}</button></form>`);
      return;
    }
    res.writeHead(405, { allow: 'GET, POST' }).end();
  };
}
