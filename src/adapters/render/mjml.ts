/**
 * The one importer of mjml. mjml2html costs ≈ 230 ms cold and ≈ 5 ms warm per call, so each template is
 * compiled once per process, with its placeholders still in it, and filled per recipient afterwards
 * (≈ 40 µs). Sharp edges of mjml 5 handled here: mjml2html returns a Promise; `mj-include` is ignored
 * unless allowed (we never use it: partials are expanded by crieur before compiling, see templates.ts);
 * `minify` would silently skip CSS without cssnano, so we do not minify.
 */
import { createHash } from 'node:crypto';
import mjml2html from 'mjml';
import { templateTags } from '../../core/render/template.ts';

export class MjmlError extends Error {
  readonly code = 'EMJML';
}

let compiles = 0;

/** How many times mjml2html ran in this process (the cache test reads it). */
export function mjmlCompileCount(): number {
  return compiles;
}

/**
 * MJML source (placeholders intact) → HTML (placeholders intact). Fails when MJML reports an error or
 * dropped a placeholder (one put between components rather than inside mj-text/mj-table/an attribute).
 */
export function compileMjml(source: string, name: string): Promise<string> {
  // Cached by content hash, process-wide: renderers built for one announcement each (the CLI, a reminder job) and
  // the same template loaded through two folders share one compile; a changed override file compiles anew.
  const key = createHash('sha256').update(source).digest('hex');
  let p = byHash.get(key);
  if (!p) {
    p = compileNow(source, name);
    void p.catch(() => byHash.delete(key));
    byHash.set(key, p);
  }
  return p;
}

const byHash = new Map<string, Promise<string>>();

async function compileNow(source: string, name: string): Promise<string> {
  compiles++;
  const result = await mjml2html(source, { validationLevel: 'soft', keepComments: false });
  const errors = result.errors ?? [];
  if (errors.length > 0) {
    const first = errors[0]!;
    throw new MjmlError(`${name}: MJML error line ${first.line}: ${first.message}${errors.length > 1 ? ` (+${errors.length - 1} more)` : ''}`);
  }
  const kept = new Set(templateTags(result.html));
  const lost = templateTags(source).filter((t) => !kept.has(t));
  if (lost.length > 0) {
    throw new MjmlError(`${name}: MJML dropped ${lost.join(' ')}: put placeholders inside mj-text, mj-table or an attribute`);
  }
  return withoutIndentation(result.html);
}

/**
 * mjml's output is indented for people (a fifth of an acknowledgement's HTML); every mail carries it, quoted-printable
 * encoded, stored, sent and received. A line break is whitespace enough for HTML (no element crieur's templates use
 * keeps whitespace: no <pre>, <textarea>, `white-space: pre`), so each line's leading blanks and empty lines go.
 */
function withoutIndentation(html: string): string {
  if (/<(pre|textarea)\b|white-space\s*:\s*(pre|break-spaces)/i.test(html)) return html;
  return html.replace(/\n[ \t]+/g, '\n').replace(/\n{2,}/g, '\n');
}
