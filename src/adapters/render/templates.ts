/**
 * Reads a message's templates from the templates folder and assembles them: the shared layout around the
 * body, partials expanded (the locale's own version first), the subject split off the text template's first
 * line. Returns sources only; compiling and caching is messages.ts's job.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expandPartials } from '../../core/render/template.ts';
import type { Language } from '../../types.ts';

export const DEFAULT_TEMPLATES_DIR = fileURLToPath(new URL('../../../templates/', import.meta.url));

export interface MessageSources {
  subject: string;
  mjml: string;
  text: string;
}

/**
 * `dir`: one folder, or several searched in order (an organizers' override folder first, then crieur's own): each
 * file, partials included, comes from the first folder that has it.
 */
export async function loadMessageSources(dir: string | readonly string[], name: string, locale: Language): Promise<MessageSources> {
  const label = `${name}.${locale}`;
  // allSettled, then the first failure in this order: the error names the same missing file every time.
  const settled = await Promise.allSettled([
    read(dir, `${label}.mjml`),
    read(dir, `${label}.txt`),
    read(dir, 'layout.mjml'),
    read(dir, 'layout.txt'),
  ]);
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  const [bodyMjml, textFile, layoutMjml, layoutText] = settled.map((r) => (r as PromiseFulfilledResult<string>).value) as [string, string, string, string];
  const { subject, body: bodyText } = splitSubject(textFile, `${label}.txt`);
  const mjmlPartials = { ...(await partials(dir, locale, 'mjml')), body: bodyMjml };
  const textPartials = { ...(await partials(dir, locale, 'txt')), body: bodyText };
  return {
    subject,
    mjml: expandPartials(layoutMjml, mjmlPartials, `${label}.mjml`),
    text: expandPartials(layoutText, textPartials, `${label}.txt`),
  };
}

/** `Subject: …` on the first line, then a blank line, then the body. */
function splitSubject(file: string, name: string): { subject: string; body: string } {
  const m = /^Subject:[ \t]*(.*)\r?\n\r?\n/.exec(file);
  if (!m) throw new Error(`${name}: must start with a "Subject: …" line followed by a blank line`);
  return { subject: m[1]!, body: file.slice(m[0].length) };
}

/** partials/NAME.LOCALE.EXT wins over partials/NAME.EXT. The trailing newline is the includer's business. */
async function partials(dirs: string | readonly string[], locale: Language, ext: string): Promise<Record<string, string>> {
  if (typeof dirs !== 'string') {
    // The default folder last: its partials are overridden by the same file in an earlier folder.
    const layers = await Promise.all([...dirs].reverse().map((d) => partials(d, locale, ext)));
    return Object.assign({}, ...layers) as Record<string, string>;
  }
  const dir = dirs;
  const folder = join(dir, 'partials');
  const files = await readdir(folder).catch(() => [] as string[]);
  const generic: Record<string, string> = {};
  const localized: Record<string, string> = {};
  for (const f of files) {
    const m = /^([\w-]+?)(?:\.(fr|en))?\.(\w+)$/.exec(f);
    if (!m || m[3] !== ext || (m[2] && m[2] !== locale)) continue;
    const content = (await readFile(join(folder, f), 'utf8')).replace(/\r?\n$/, '');
    (m[2] ? localized : generic)[m[1]!] = content;
  }
  return { ...generic, ...localized };
}

async function read(dirs: string | readonly string[], file: string): Promise<string> {
  const list = typeof dirs === 'string' ? [dirs] : dirs;
  for (const dir of list.slice(0, -1)) {
    const found = await readFile(join(dir, file), 'utf8').catch(() => null);
    if (found !== null) return found;
  }
  const dir = list[list.length - 1]!;
  try {
    return await readFile(join(dir, file), 'utf8');
  } catch (err) {
    throw new Error(`template ${file} not found in ${list.join(' or ')}: ${(err as Error).message}`);
  }
}
