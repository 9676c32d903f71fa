/**
 * The shell of every public page: one column readable at 375 px (nothing wider than the screen: long words and
 * URLs wrap), no script, no outside resource (the CSP allows none), the group's name, and — when the public pages
 * are on — the links between them and to the other language. Titles and bodies arrive escaped (`body` is HTML
 * built by the page functions from escaped parts); the title is escaped here.
 */
import type { Language } from '../../types.ts';
import { escapeHtml } from '../render/escape.ts';
import { PAGE_TEXT } from './text.ts';

export interface PageShell {
  lang: Language;
  group: string;
  title: string;
  /** The path the language switch links to (its own `?lang=` added). */
  path: string;
  /** The programme, calendar and subscribe links (false when http.public is off: they would be 404s). */
  nav: boolean;
}

const STYLE = `*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.55;color:#1a1a1a;background:#fafafa;overflow-wrap:anywhere}
header{background:#336791;color:#fff;padding:.75rem 1rem}
header a{color:#fff}
.bar{max-width:42rem;margin:0 auto;display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:baseline;justify-content:space-between}
.group{font-weight:600;text-decoration:none}
nav{display:flex;flex-wrap:wrap;gap:.25rem .9rem;font-size:.95rem}
main{max-width:42rem;margin:0 auto;padding:1rem 1rem 2.5rem;background:#fff}
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.2rem;margin:1.75rem 0 .5rem}
h3{font-size:1.05rem;margin:0 0 .25rem}
a{color:#1f4e79}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0 0 1rem}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0}
.actions{display:flex;flex-wrap:wrap;gap:.5rem 1rem;margin:1rem 0}
.talk{border-left:4px solid #336791;padding:.25rem 0 .25rem .9rem;margin:1rem 0}
.talk.lightning{border-left-color:#e0a800}
.meta{color:#555;margin:0 0 .5rem;font-size:.95rem}
.talk p{margin:.4rem 0}
form{display:grid;gap:.9rem;margin:1rem 0}
label{display:grid;gap:.25rem;font-weight:600}
input,select{font:inherit;font-weight:400;width:100%;padding:.5rem;border:1px solid #888;border-radius:4px;background:#fff}
button{font:inherit;padding:.65rem 1.25rem;border:0;border-radius:4px;background:#336791;color:#fff;cursor:pointer;justify-self:start}
button:focus,a:focus,input:focus,select:focus{outline:3px solid #e0a800;outline-offset:2px}
.error{color:#a00000;font-weight:600}
footer{max-width:42rem;margin:0 auto;padding:1rem;color:#555;font-size:.9rem}`;

export function pageHtml(shell: PageShell, body: string): string {
  const t = PAGE_TEXT[shell.lang];
  const other: Language = shell.lang === 'fr' ? 'en' : 'fr';
  const q = (lang: Language) => `?lang=${lang}`;
  const nav = shell.nav
    ? `<nav aria-label="${escapeHtml(t.nav.programme)}"><a href="/${q(shell.lang)}">${escapeHtml(t.nav.programme)}</a><a href="/events.ics">${escapeHtml(t.nav.calendar)}</a><a href="/subscribe${q(shell.lang)}">${escapeHtml(t.nav.subscribe)}</a><a href="${escapeHtml(shell.path)}${q(other)}" hreflang="${other}" lang="${other}">${escapeHtml(t.nav.other)}</a></nav>`
    : `<nav><a href="${escapeHtml(shell.path)}${q(other)}" hreflang="${other}" lang="${other}">${escapeHtml(t.nav.other)}</a></nav>`;
  const home = shell.nav ? `<a class="group" href="/${q(shell.lang)}">${escapeHtml(shell.group)}</a>` : `<span class="group">${escapeHtml(shell.group)}</span>`;
  return `<!doctype html>
<html lang="${shell.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(shell.title)} — ${escapeHtml(shell.group)}</title>
<style>${STYLE}</style>
</head><body>
<header><div class="bar">${home}${nav}</div></header>
<main>
<h1>${escapeHtml(shell.title)}</h1>
${body}
</main>
</body></html>
`;
}
