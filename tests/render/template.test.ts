import { describe, expect, it } from 'vitest';
import { escapeHtml, textToHtml } from '../../src/core/render/escape.ts';
import { expandPartials, parseTemplate, renderTemplate, TemplateError, templateTags } from '../../src/core/render/template.ts';

const html = (src: string, data: object) => renderTemplate(parseTemplate(src, 't'), data, { escape: escapeHtml });
const text = (src: string, data: object) => renderTemplate(parseTemplate(src, 't'), data);

describe('template: placeholders and escaping', () => {
  it.each([
    ['plain value', '<p>{{title}}</p>', { title: 'Réplication' }, '<p>Réplication</p>'],
    ['script tag escaped', '<p>{{title}}</p>', { title: '<script>alert(1)</script>' }, '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'],
    ['quotes escaped in attributes', '<a title="{{t}}">', { t: `"x" onmouseover='y'` }, '<a title="&quot;x&quot; onmouseover=&#39;y&#39;">'],
    ['ampersands escaped once', '{{t}}', { t: 'Dupont & Fils &amp; co' }, 'Dupont &amp; Fils &amp;amp; co'],
    ['triple braces stay raw', '{{{safe}}}', { safe: '<b>ok</b>' }, '<b>ok</b>'],
    ['dotted path', '{{group.name}}', { group: { name: 'PG Paris' } }, 'PG Paris'],
    ['numbers', '{{n}} min', { n: 45 }, '45 min'],
    ['null is empty', '[{{x}}]', { x: null }, '[]'],
    ['spaces inside braces', '{{ title }}', { title: 'a' }, 'a'],
    ['comment dropped', 'a{{! note }}b', {}, 'ab'],
  ])('%s', (_name, src, data, expected) => {
    expect(html(src, data)).toBe(expected);
  });

  it('text mode does not escape', () => {
    expect(text('{{t}}', { t: '<b> & "q"' })).toBe('<b> & "q"');
  });
});

describe('template: sections, loops, conditionals', () => {
  const people = { speakers: [{ name: 'Ana' }, { name: 'Bo<b>' }], group: 'G' };
  it.each([
    ['loop', '{{#speakers}}[{{name}}]{{/speakers}}', people, '[Ana][Bo&lt;b&gt;]'],
    ['outer lookup inside loop', '{{#speakers}}{{name}}@{{group}} {{/speakers}}', people, 'Ana@G Bo&lt;b&gt;@G '],
    ['dot is the item', '{{#xs}}<{{.}}>{{/xs}}', { xs: ['a', '&'] }, '<a><&amp;>'],
    ['empty loop takes else', '{{#xs}}x{{else}}none{{/xs}}', { xs: [] }, 'none'],
    ['if true', '{{#if a}}yes{{else}}no{{/if}}', { a: 'x' }, 'yes'],
    ['if null', '{{#if a}}yes{{else}}no{{/if}}', { a: null }, 'no'],
    ['if empty string', '{{#if a}}yes{{/if}}', { a: '' }, ''],
    ['if empty list', '{{#if a}}yes{{else}}no{{/if}}', { a: [] }, 'no'],
    ['unless', '{{#unless a}}none{{/unless}}', { a: false }, 'none'],
    ['inverted section', '{{^a}}none{{/a}}', { a: [] }, 'none'],
    ['object section enters it', '{{#who}}{{name}}{{/who}}', { who: { name: 'Zoé' } }, 'Zoé'],
    ['nested', '{{#xs}}{{#if ok}}{{n}}{{/if}}{{/xs}}', { xs: [{ ok: true, n: 1 }, { ok: false, n: 2 }, { ok: true, n: 3 }] }, '13'],
  ])('%s', (_name, src, data, expected) => {
    expect(html(src, data)).toBe(expected);
  });

  it('a block tag alone on its line takes the line with it', () => {
    const src = 'Speakers:\n{{#speakers}}\n  - {{name}}\n{{/speakers}}\n{{#if none}}\nnobody\n{{/if}}\nend\n';
    expect(text(src, { speakers: [{ name: 'Ana' }, { name: 'Bo' }], none: null })).toBe('Speakers:\n  - Ana\n  - Bo\nend\n');
  });
});

describe('template: errors', () => {
  it.each([
    ['missing key', '{{titel}}', { title: 'x' }, /line 1: no value for \{\{titel\}\}/],
    ['missing nested key', '{{group.nom}}', { group: { name: 'x' } }, /no value for \{\{group.nom\}\}/],
    ['missing key in a condition', '{{#if x}}a{{/if}}', {}, /no value for \{\{x\}\}/],
    ['undefined is not null', '{{x}}', { x: undefined }, /no value/],
    ['an object where text is expected', '{{group}}', { group: { a: 1 } }, /is an object/],
    ['a list where text is expected', '{{xs}}', { xs: [] }, /is a list/],
  ])('%s', (_name, src, data, re) => {
    expect(() => html(src, data)).toThrow(re);
  });

  it.each([
    ['unclosed', '{{#xs}}a', /never closed/],
    ['mismatched', '{{#xs}}a{{/ys}}', /closes \{\{#xs\}\}/],
    ['stray close', 'a{{/xs}}', /closes nothing/],
    ['stray else', 'a{{else}}b', /outside a block/],
    ['bad name', '{{foo bar}}', /not a placeholder name/],
    ['unexpanded partial', '{{> header}}', /not expanded/],
  ])('parse error: %s', (_name, src, re) => {
    expect(() => parseTemplate(src, 't')).toThrow(TemplateError);
    expect(() => parseTemplate(src, 't')).toThrow(re);
  });

  it('does not read inherited properties', () => {
    expect(() => html('{{constructor}}', {})).toThrow(/no value/);
  });
});

describe('partials and tags', () => {
  it('expands partials recursively and refuses unknown or cyclic ones', () => {
    expect(expandPartials('<{{> a}}>', { a: 'A{{> b}}', b: 'B{{x}}' })).toBe('<AB{{x}}>');
    expect(() => expandPartials('{{> nope}}', {})).toThrow(/no partial named "nope"/);
    expect(() => expandPartials('{{> a}}', { a: '{{> a}}' })).toThrow(/too deep/);
  });

  it('lists distinct tags verbatim', () => {
    expect(templateTags('{{a}} {{{b}}} {{#if c}}{{a}}{{/if}}')).toEqual(['{{a}}', '{{{b}}}', '{{#if c}}', '{{/if}}']);
  });
});

describe('textToHtml', () => {
  it('escapes and keeps paragraphs and line breaks', () => {
    expect(textToHtml('a <b>\nc\n\n\nd & e')).toBe('<p dir="auto">a &lt;b&gt;<br>\nc</p>\n<p dir="auto">d &amp; e</p>');
  });
});
