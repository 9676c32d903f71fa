/**
 * Rendering of crieur's mails: template data in, `{ subject, html, text }` out. Each (message, locale) is
 * loaded, MJML-compiled and parsed once per renderer (the compile is shared by concurrent first callers);
 * every later render only fills placeholders. User text reaches the HTML escaped (escapeHtml), the text part
 * verbatim, the subject on one line.
 */
import type { AckData, NoticeData } from '../../core/render/data.ts';
import { escapeHtml } from '../../core/render/escape.ts';
import { parseTemplate, renderTemplate, type Template } from '../../core/render/template.ts';
import type { Language } from '../../types.ts';
import { compileMjml } from './mjml.ts';
import { DEFAULT_TEMPLATES_DIR, loadMessageSources } from './templates.ts';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

interface Compiled {
  subject: Template;
  html: Template;
  text: Template;
}

export interface Renderer {
  render(name: string, locale: Language, data: object): Promise<RenderedMail>;
  /** Compiles these messages now (at start), so that the first mail does not pay 230 ms and errors show early. */
  warm(names: string[], locales?: Language[]): Promise<void>;
}

/** `dir`: a folder, or folders searched in order (an override folder, then DEFAULT_TEMPLATES_DIR). */
export function createRenderer(opts: { dir?: string | readonly string[] } = {}): Renderer {
  const dir = opts.dir ?? DEFAULT_TEMPLATES_DIR;
  const cache = new Map<string, Promise<Compiled>>();

  function compiled(name: string, locale: Language): Promise<Compiled> {
    const key = `${name}.${locale}`;
    let p = cache.get(key);
    if (!p) {
      p = compile(dir, name, locale);
      // A failed compile is not cached: fixing the template file and retrying must work.
      void p.catch(() => cache.delete(key));
      cache.set(key, p);
    }
    return p;
  }

  return {
    async render(name, locale, data) {
      const t = await compiled(name, locale);
      const subject = renderTemplate(t.subject, data).replace(/\s+/g, ' ').trim();
      // the subject laid over the data rather than a copy of the data made with it, for each body
      const over = { subject };
      const html = renderTemplate(t.html, data, { escape: escapeHtml, over });
      const text = tidyText(renderTemplate(t.text, data, { over }));
      return { subject, html, text };
    },
    async warm(names, locales = ['fr', 'en']) {
      await Promise.all(names.flatMap((n) => locales.map((l) => compiled(n, l))));
    },
  };
}

async function compile(dir: string | readonly string[], name: string, locale: Language): Promise<Compiled> {
  const label = `${name}.${locale}`;
  const src = await loadMessageSources(dir, name, locale);
  return {
    subject: parseTemplate(src.subject, `${label}.txt (subject)`),
    html: parseTemplate(await compileMjml(src.mjml, `${label}.mjml`), `${label}.mjml`),
    text: parseTemplate(src.text, `${label}.txt`),
  };
}

/** No trailing blanks (except the "-- " signature separator), at most one empty line in a row, final newline. */
function tidyText(s: string): string {
  return (
    s
      .split('\n')
      .map((l) => (l === '-- ' ? l : l.trimEnd()))
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim() + '\n'
  );
}

let shared: Renderer | null = null;
function defaultRenderer(): Renderer {
  shared ??= createRenderer();
  return shared;
}

/** The acknowledgement a speaker gets: « [P-0007] Proposition reçue : … ». */
export function renderAck(data: AckData, locale: Language): Promise<RenderedMail> {
  return defaultRenderer().render('ack', locale, data);
}

/** The notice each organizer gets, with the reply verbs: « [P-0007] Nouvelle proposition : … ». */
export function renderOrganizerNotice(data: NoticeData, locale: Language): Promise<RenderedMail> {
  return defaultRenderer().render('notify-organizer', locale, data);
}
