/**
 * How deep an HTML body nests, read by the parser html-to-text uses (htmlparser2), stopping as soon as it is too deep.
 * htmlparser2 keeps its open elements in an array it shifts at the front, and html-to-text walks the tree the same
 * way: both take time in the square of the depth — 1.9 MB of `<div><span>` unclosed took 36 s of one CPU, the worker's
 * event loop blocked all along (robustness audit R). No mail nests a thousand elements deep (html-to-text reads 100
 * levels, `limits.maxDepth`); the converter is not given such a body, and its reader says why (mailparser.ts htmlText).
 */
import { createRequire } from 'node:module';
import type * as HtmlParser2 from 'htmlparser2';

// CommonJS, required as mailparser.ts requires its packages (the bundle build drops the `const require` line).
const require = createRequire(import.meta.url);
const { Parser } = require('htmlparser2') as typeof HtmlParser2;

/** Deeper than this, an HTML body is not converted to text. */
export const MAX_HTML_DEPTH = 1000;

const TOO_DEEP = Symbol('too deep');

/**
 * True when the element tree of `html` is more than `limit` levels deep, as htmlparser2 builds it (its implied ends
 * of `<p>`, `<li>`, `<td>`…, void elements, raw text in `<style>` and `<script>`, self-closing tags in SVG and MathML).
 * A body with no more tags than `limit` cannot be: it is not parsed. Parsing stops at the first element too deep, so
 * the time is at most that of a tree `limit` deep over the whole body.
 */
export function htmlTooDeep(html: string, limit: number = MAX_HTML_DEPTH): boolean {
  let tags = 0;
  for (let i = html.indexOf('<'); i >= 0 && tags <= limit; i = html.indexOf('<', i + 1)) tags++;
  if (tags <= limit) return false;
  let depth = 0;
  const parser = new Parser(
    {
      onopentagname() {
        if (++depth > limit) throw TOO_DEEP;
      },
      onclosetag() {
        depth--;
      },
    },
    // html-to-text's parse options (its defaults), which decide the same tree
    { decodeEntities: true, lowerCaseTags: true },
  );
  try {
    parser.end(html);
  } catch (err) {
    if (err === TOO_DEEP) return true;
    throw err;
  }
  return false;
}
