/**
 * crieur's tiny template language, shared by the MJML/HTML and plain-text templates. Parsed once, rendered
 * per recipient. Deliberately small (Mustache-like) so that a template stays readable by the organizers who
 * edit the wording:
 *
 *   {{title}}             the value, escaped for HTML in HTML mode (user text is never trusted)
 *   {{{abstractHtml}}}    the value as is — only for HTML that crieur itself built from escaped text
 *   {{speaker.name}}      dotted paths; `{{.}}` is the current loop item
 *   {{#speakers}}…{{/speakers}}          loop over an array (or enter an object, or show if truthy)
 *   {{#if x}}…{{else}}…{{/if}}           conditionals; `{{#unless x}}` and `{{^x}}…{{/x}}` invert
 *   {{#attachments}}…{{else}}none{{/attachments}}   else branch of an empty loop
 *   {{! comment }}        dropped;  {{> name}}  a partial, expanded before parsing (expandPartials)
 *
 * A key that is absent from the data is an error, not an empty string: a typo in a template must fail in
 * tests rather than send "Bonjour ," to a speaker. `null` is the way to say "no value" (renders as nothing).
 * A line holding only a block tag disappears entirely, so text templates need no contortions.
 */

import { closeBidi } from '../text/bidi.ts';

export class TemplateError extends Error {
  readonly code = 'ETEMPLATE';
}

type BlockKind = 'section' | 'if' | 'unless';
type Node =
  | { t: 'text'; s: string }
  | { t: 'var'; path: string; keys: readonly string[]; raw: boolean; line: number }
  | { t: 'block'; kind: BlockKind; path: string; keys: readonly string[]; body: Node[]; alt: Node[]; line: number };

export interface Template {
  name: string;
  nodes: Node[];
}

export interface RenderOptions {
  /** Applied to every `{{x}}` value (not to `{{{x}}}`); identity when absent (plain text). */
  escape?: (s: string) => string;
  /**
   * Values laid over the data's, as if `{ ...data, ...over }` were rendered, without copying the data: the renderer
   * adds the rendered subject to every mail's data for its two bodies.
   */
  over?: object;
}

const TAG_RE = /\{\{\{\s*([^{}]*?)\s*\}\}\}|\{\{\s*([^{}]*?)\s*\}\}/g;
const PATH_RE = /^(?:\.|[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)$/;
/** Block tags alone on their line take the whole line with them (Mustache's "standalone" rule). */
const STANDALONE_RE = /^[ \t]*(\{\{\s*(?:#|\/|\^|!|else\b)[^{}]*\}\})[ \t]*(?:\r?\n|$)/gm;
const PARTIAL_RE = /\{\{>\s*([\w-]+)\s*\}\}/g;

/** Inlines `{{> name}}` partials (recursively, bounded) so that the result is one parseable source. */
export function expandPartials(source: string, partials: Record<string, string>, name = 'template', depth = 0): string {
  if (depth > 8) throw new TemplateError(`${name}: partials nested too deep (a partial includes itself?)`);
  return source.replace(PARTIAL_RE, (_m, p: string) => {
    const body = partials[p];
    if (body === undefined) throw new TemplateError(`${name}: no partial named "${p}"`);
    return expandPartials(body, partials, name, depth + 1);
  });
}

/** Every distinct tag in a source, verbatim: used to check that a compiler (mjml) let them all through. */
export function templateTags(source: string): string[] {
  return [...new Set([...source.matchAll(TAG_RE)].map((m) => m[0]))];
}

export function parseTemplate(source: string, name = 'template'): Template {
  const src = source.replace(STANDALONE_RE, '$1');
  const root: Node[] = [];
  const stack: { node: Extract<Node, { t: 'block' }>; inAlt: boolean; close: string }[] = [];
  const out = (): Node[] => {
    const top = stack[stack.length - 1];
    return top ? (top.inAlt ? top.node.alt : top.node.body) : root;
  };
  let last = 0;
  for (const m of src.matchAll(TAG_RE)) {
    const at = m.index;
    if (at > last) out().push({ t: 'text', s: src.slice(last, at) });
    last = at + m[0].length;
    const line = src.slice(0, at).split('\n').length;
    const where = `${name}, line ${line}`;
    if (m[1] !== undefined) {
      const path = checkPath(m[1], where);
      out().push({ t: 'var', path, keys: path.split('.'), raw: true, line });
      continue;
    }
    const tag = m[2]!;
    if (tag.startsWith('!')) continue;
    if (tag.startsWith('>')) throw new TemplateError(`${where}: partial ${tag} was not expanded`);
    if (tag === 'else') {
      const top = stack[stack.length - 1];
      if (!top || top.inAlt) throw new TemplateError(`${where}: {{else}} outside a block`);
      top.inAlt = true;
      continue;
    }
    if (tag.startsWith('/')) {
      const top = stack.pop();
      const closing = tag.slice(1).trim();
      if (!top) throw new TemplateError(`${where}: {{${tag}}} closes nothing`);
      if (closing !== top.close) throw new TemplateError(`${where}: {{${tag}}} closes {{#${top.close}}} (line ${top.node.line})`);
      continue;
    }
    const open = /^(#if\s+|#unless\s+|#|\^)(.*)$/.exec(tag);
    if (open) {
      const [, prefix = '', rest = ''] = open;
      const kind: BlockKind = prefix.startsWith('#if') ? 'if' : prefix.startsWith('#unless') || prefix === '^' ? 'unless' : 'section';
      const path = checkPath(rest.trim(), where);
      const node: Extract<Node, { t: 'block' }> = { t: 'block', kind, path, keys: path.split('.'), body: [], alt: [], line };
      out().push(node);
      const close = kind === 'if' ? 'if' : kind === 'unless' && prefix !== '^' ? 'unless' : node.path;
      stack.push({ node, inAlt: false, close });
      continue;
    }
    const path = checkPath(tag, where);
    out().push({ t: 'var', path, keys: path.split('.'), raw: false, line });
  }
  if (last < src.length) out().push({ t: 'text', s: src.slice(last) });
  const open = stack.pop();
  if (open) throw new TemplateError(`${name}: {{#${open.close}}} opened on line ${open.node.line} is never closed`);
  return { name, nodes: root };
}

export function renderTemplate(t: Template, data: object, opts: RenderOptions = {}): string {
  const escape = opts.escape ?? ((s: string) => s);
  return renderNodes(t.nodes, opts.over ? [data, opts.over] : [data], escape, t.name);
}

function renderNodes(nodes: Node[], stack: unknown[], escape: (s: string) => string, name: string): string {
  let out = '';
  for (const n of nodes) {
    if (n.t === 'text') {
      out += n.s;
    } else if (n.t === 'var') {
      const s = scalar(lookup(n, stack, name), n.path, name, n.line);
      // a value's direction overrides end with it, never reordering the template's words after it (core/text/bidi.ts)
      out += n.raw ? s : escape(closeBidi(s));
    } else {
      const v = lookup(n, stack, name);
      if (n.kind === 'section' && Array.isArray(v)) {
        out += v.length === 0 ? renderNodes(n.alt, stack, escape, name) : v.map((item) => renderNodes(n.body, [...stack, item], escape, name)).join('');
      } else if (truthy(v) !== (n.kind === 'unless')) {
        const inner = n.kind === 'section' && typeof v === 'object' && v !== null ? [...stack, v] : stack;
        out += renderNodes(n.body, inner, escape, name);
      } else {
        out += renderNodes(n.alt, stack, escape, name);
      }
    }
  }
  return out;
}

/** A tag's value: its path's first key in the innermost frame that has it, then each further key in turn. */
function lookup(n: { path: string; keys: readonly string[]; line: number }, stack: unknown[], name: string): unknown {
  if (n.path === '.') return stack[stack.length - 1];
  const keys = n.keys;
  const head = keys[0]!;
  let ctx: unknown = undefined;
  let found = false;
  for (let i = stack.length - 1; i >= 0 && !found; i--) {
    const frame = stack[i];
    if (typeof frame === 'object' && frame !== null && Object.hasOwn(frame, head)) {
      ctx = (frame as Record<string, unknown>)[head];
      found = true;
    }
  }
  for (let k = 1; k < keys.length; k++) {
    const key = keys[k]!;
    if (!found || typeof ctx !== 'object' || ctx === null || !Object.hasOwn(ctx, key)) {
      found = false;
      break;
    }
    ctx = (ctx as Record<string, unknown>)[key];
  }
  if (!found || ctx === undefined) throw new TemplateError(`${name}, line ${n.line}: no value for {{${n.path}}}`);
  return ctx;
}

function scalar(v: unknown, path: string, name: string, line: number): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  throw new TemplateError(`${name}, line ${line}: {{${path}}} is ${Array.isArray(v) ? 'a list' : 'an object'}: use {{#${path}}}…{{/${path}}}`);
}

function truthy(v: unknown): boolean {
  return !(v === null || v === false || v === '' || v === 0 || (Array.isArray(v) && v.length === 0));
}

function checkPath(p: string, where: string): string {
  if (!PATH_RE.test(p)) throw new TemplateError(`${where}: "{{${p}}}" is not a placeholder name`);
  return p;
}
