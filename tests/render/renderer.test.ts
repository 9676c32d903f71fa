import { appendFile, cp, mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ackData } from '../../src/core/render/data.ts';
import { createRenderer } from '../../src/adapters/render/messages.ts';
import { compileMjml, mjmlCompileCount } from '../../src/adapters/render/mjml.ts';
import { context, SAMPLE } from './sample.ts';
import { DEFAULT_TEMPLATES_DIR } from '../../src/adapters/render/templates.ts';
import { createComposer } from '../../src/adapters/compose/composer.ts';
import type { ProposalRecord } from '../../src/app/proposal-store.ts';
import { groupConfig } from '../support/test-config.ts';

const jean = { name: 'Jean Dupont', email: 'jean.dupont@example.fr' };

describe('compile once, fill per recipient', () => {
  it('compiles each (message, locale) once, even for concurrent first renders', async () => {
    const r = createRenderer();
    const before = mjmlCompileCount();
    const data = ackData(SAMPLE, { ...context('fr'), recipient: jean });
    const first = await Promise.all([1, 2, 3, 4].map(() => r.render('ack', 'fr', data)));
    expect(mjmlCompileCount() - before).toBe(1);

    // A substitution, not an mjml2html run: told by the compile count, never timed (no wall-clock in tests).
    const again = await r.render('ack', 'fr', { ...data, greetingName: 'Priya' });
    expect(mjmlCompileCount() - before).toBe(1);
    expect(again.html).toContain('Priya');
    expect(first[0]!.html).toBe(first[3]!.html);

    await r.render('ack', 'en', data);
    expect(mjmlCompileCount() - before).toBe(2);
  });

  it('warm() compiles up front; a second renderer reuses the compiles of the same sources (content hash)', async () => {
    const r = createRenderer();
    const before = mjmlCompileCount();
    await r.warm(['ack', 'notify-organizer']);
    // ack fr and en were compiled by the test above, in this process: only notify-organizer's two are new.
    expect(mjmlCompileCount() - before).toBe(2);
    await createRenderer().warm(['ack', 'notify-organizer']);
    expect(mjmlCompileCount() - before).toBe(2);
    await r.render('notify-organizer', 'en', { ...ackData(SAMPLE, { ...context('en'), recipient: jean }), submittedBy: null, verbs: [] });
    expect(mjmlCompileCount() - before).toBe(2);
  });
});

describe("mjml's indentation is not sent", () => {
  it('no line of a compiled message starts with a blank, and no line is empty', async () => {
    const { html } = await createRenderer().render('ack', 'fr', ackData(SAMPLE, { ...context('fr'), recipient: jean }));
    expect(html.trimEnd().split('\n').filter((l) => /^[ \t]/.test(l) || l === '')).toEqual([]);
    expect(html).toContain('<table');
  });

  it('keeps the whitespace of a template that shows text as written (<pre>, white-space: pre)', async () => {
    const pre = await compileMjml('<mjml><mj-body><mj-section><mj-column><mj-text><pre>  a\n    b</pre></mj-text></mj-column></mj-section></mj-body></mjml>', 'pre');
    expect(pre).toContain('  a\n    b');
    const css = await compileMjml('<mjml><mj-body><mj-section><mj-column><mj-text><div style="white-space: pre-wrap">  a\n    b</div></mj-text></mj-column></mj-section></mj-body></mjml>', 'pre-wrap');
    expect(css).toContain('  a\n    b');
  });
});

describe('a composer warmed at start', () => {
  let dir: string;
  beforeAll(async () => {
    // A copy of the templates whose sources no other test compiled (the compile cache is keyed by content).
    dir = await mkdtemp(join(tmpdir(), 'crieur-warm-'));
    await cp(DEFAULT_TEMPLATES_DIR, dir, { recursive: true });
    for (const f of ['ack.fr.mjml', 'ack.en.mjml', 'notify-organizer.fr.mjml']) await appendFile(join(dir, f), `\n<!-- ${dir} -->\n`);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('has compiled every template its first acknowledgement (either language) and notice need', async () => {
    const composer = createComposer(groupConfig('warm'), { renderer: createRenderer({ dir }) });
    const before = mjmlCompileCount();
    await composer.warm();
    expect(mjmlCompileCount() - before).toBe(3);
    const p = { ...SAMPLE, id: 7, status: 'submitted', receivedAt: new Date('2013-11-28T18:00:00Z'), messageId: 1, event: null } as unknown as ProposalRecord;
    const thread = { messageId: '<m@x>', references: [], subject: 'Proposition' };
    await composer.ack(p, { name: 'Jean', email: 'jean@example.fr' }, { ...thread, language: 'fr' });
    await composer.ack(p, { name: 'Jean', email: 'jean@example.fr' }, { ...thread, language: 'en' });
    await composer.organizerNotice(p, 'dim@example.org');
    expect(mjmlCompileCount() - before).toBe(3);
  });
});

describe('template folder problems fail loudly', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'crieur-tpl-'));
    await mkdir(join(dir, 'partials'));
    await writeFile(join(dir, 'layout.mjml'), '<mjml><mj-body>{{> body}}</mj-body></mjml>');
    await writeFile(join(dir, 'layout.txt'), '{{> body}}\n');
    await writeFile(join(dir, 'ok.fr.mjml'), '<mj-section><mj-column><mj-text>{{x}} {{> hello}}</mj-text></mj-column></mj-section>');
    await writeFile(join(dir, 'ok.fr.txt'), 'Subject: about {{x}}\n\n{{x}} {{> hello}}\n');
    await writeFile(join(dir, 'partials', 'hello.mjml'), 'hello');
    await writeFile(join(dir, 'partials', 'hello.fr.mjml'), 'bonjour');
    await writeFile(join(dir, 'partials', 'hello.txt'), 'hi\n');
    await writeFile(join(dir, 'nosubject.fr.mjml'), '<mj-section></mj-section>');
    await writeFile(join(dir, 'nosubject.fr.txt'), 'no subject line\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('uses the locale partial first, then the generic one', async () => {
    const m = await createRenderer({ dir }).render('ok', 'fr', { x: 'X&Y' });
    expect(m.subject).toBe('about X&Y');
    expect(m.html).toContain('X&amp;Y bonjour');
    expect(m.text).toBe('X&Y hi\n');
  });

  it.each([
    ['missing template', 'absent', /template absent\.fr\.mjml not found/],
    ['no Subject line', 'nosubject', /must start with a "Subject: …" line/],
  ])('%s', async (_n, name, re) => {
    await expect(createRenderer({ dir }).render(name, 'fr', {})).rejects.toThrow(re);
  });

  it('a missing key names the template and the placeholder', async () => {
    await expect(createRenderer({ dir }).render('ok', 'fr', {})).rejects.toThrow(/ok\.fr\.txt \(subject\), line 1: no value for \{\{x\}\}/);
  });

  it('refuses placeholders that MJML would drop', async () => {
    const src = '<mjml><mj-body><mj-section>{{#xs}}<mj-column><mj-text>{{x}}</mj-text></mj-column>{{/xs}}</mj-section></mj-body></mjml>';
    await expect(compileMjml(src, 'bad')).rejects.toThrow(/MJML dropped \{\{#xs\}\}/);
  });
});
