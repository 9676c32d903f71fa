/**
 * The text footer of a member's mail: its unsubscribe line in the mail's own typography — French sets a space before
 * the colon, English does not (an audit found `Unsubscribe : <mailto:…>` in English mail).
 */
import { describe, expect, it } from 'vitest';
import { ackData } from '../../src/core/render/data.ts';
import { createRenderer } from '../../src/adapters/render/messages.ts';
import { context, SAMPLE } from './sample.ts';

const jean = { name: 'Jean Dupont', email: 'jean.dupont@example.fr' };
const link = 'mailto:talks+u-0123@pgug.example.org?subject=unsubscribe';

describe('the unsubscribe line of the text part', () => {
  it.each([
    ['en', `\nUnsubscribe: <${link}>\n`],
    ['fr', `\nSe désabonner : <${link}>\n`],
  ] as const)('%s', async (locale, line) => {
    const data = { ...ackData(SAMPLE, { ...context(locale), recipient: jean }), unsubscribeUrl: link };
    const { text } = await createRenderer().render('ack', locale, data);
    expect(text).toContain(line);
    expect(text).not.toMatch(/Unsubscribe :/);
  });
});
