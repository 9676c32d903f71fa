/**
 * buildRaw's common shape keeps between messages what it can (issue 12): the buffers it writes a message and its
 * bodies' UTF-8 into, the header lines that come back (From, Auto-Submitted, an organizer's To), the normalized header
 * names. Each message built after others must still be the bytes of the tree's way (nodemailer's MailComposer tree,
 * serialized with the same « From » escape: build-raw.test.ts checks it against MailComposer's own build) for it alone.
 */
import { describe, expect, it } from 'vitest';
import { alternativeOf, buildRaw, compileMessage, serialize } from '../../src/adapters/smtp/build-raw.ts';
import { composeMessage, type MessageInput } from '../../src/core/compose/message.ts';
import { seededRandom } from '../support/random.ts';

const FROM = 'PostgreSQL Paris <talks@pgug.example.org>';
/** Only the boundary is random: the same value in both builds once each is named. */
const sameBoundary = (raw: Buffer) => raw.toString('latin1').replace(/_NmP-[0-9a-f]+-Part_1/g, '_NmP-BOUNDARY-Part_1');

function input(over: Partial<MessageInput>): MessageInput {
  return {
    from: FROM,
    to: { name: 'Aurélie Chevalier', email: 'aurelie@example.fr' },
    replyTo: 'talks+s-p0001-abc@pgug.example.org',
    subject: '[P-0001] Proposition reçue',
    text: 'Bonjour,\n\nMerci.\n',
    html: '<p>Merci.</p>\n',
    messageId: '<m1@pgug.example.org>',
    date: new Date('2026-12-01T00:00:00Z'),
    autoSubmitted: 'auto-replied',
    headers: { 'X-Crieur-Ref': 'P-0001' },
    ...over,
  };
}

/** Every message built first, compared after: a result sharing memory with the next message's build would change. */
async function expectEachAsTheTree(inputs: MessageInput[]): Promise<void> {
  const msgs = inputs.map(composeMessage);
  const built: Buffer[] = [];
  for (const m of msgs) {
    expect(alternativeOf(m)).not.toBeNull();
    built.push(await buildRaw(m));
  }
  for (const [i, m] of msgs.entries()) expect(sameBoundary(built[i]!), `message ${i}`).toBe(sameBoundary(serialize(compileMessage(m))));
}

describe('buildRaw, one message after another', () => {
  it('a large message (bare CRs, CRLF, « From » lines, past the kept buffers’ size) then small ones', async () => {
    const line = 'Une ligne d’un résumé, avec des accents à la fin : é\r';
    const big = `${line}\n${'x'.repeat(90)}\r\nFrom here\n`.repeat(2_500); // ≈ 0.4 MB of text, its part 0.5 MB encoded
    await expectEachAsTheTree([
      input({ text: big, html: `<p>${big}</p>` }),
      input({ text: 'court\n', html: '<p>court</p>' }),
      input({ text: 'From the organizers\n\nFrom\n', html: '<p>From</p>\nFrom here' }),
      input({ text: 'é', html: 'h' }),
      input({ text: `${'a'.repeat(75)}\n`.repeat(3), html: 'x'.repeat(300) }),
    ]);
  });

  it('header lines kept from an earlier message are only those of the same name and value', async () => {
    await expectEachAsTheTree([
      input({}),
      // the same From again, the organizers' To with no name, then with one, then as a string
      input({ to: { name: null, email: 'dim@example.org' }, autoSubmitted: 'auto-generated' }),
      input({ to: { name: 'Dimitri', email: 'dim@example.org' } }),
      input({ to: 'dim@example.org' }),
      input({ to: { name: 'dim@example.org', email: 'dim@example.org' } }),
      input({ from: 'talks@pgug.example.org', to: { name: null, email: 'dim@example.org' }, autoSubmitted: 'no' }),
      input({ from: '"Groupe \\"PG\\" Paris" <talks@pgug.example.org>', to: { name: 'Ada', email: 'ada@jõgeva.ee' } }),
      // a custom header's name in another case, and a value made of the other's parts
      input({ headers: { 'x-crieur-ref': 'P-0001' } }),
      input({ headers: { 'X-Crieur-Ref': 'P-0002', 'X-Crieur-Note': 'Résumé « hebdomadaire »' } }),
      input({ headers: { 'X-Crieur-Note': '' } }),
    ]);
  });

  it('a bare address (a Reply-To, a To) written as it is only where nodemailer writes it so: 2,000 random ones', () => {
    const r = seededRandom(99);
    // addresses made of labels, most of them of the bare shape, some one piece away from it
    const LOCAL = ['talks', 'talks+s-p0001-uju', 'A_b', 'z9', '-', '', '"q"', 'a b', '(c)', 'é', 'a@b', 'a,b', '<x>'];
    const LABEL = ['example', 'org', 'pgug', 'fr', 'EXAMPLE', 'Org', 'xn--jgeva-dua', 'xn--', 'jõgeva', '1', '123', '0x1', 'a', 'b-', '-c', 'a--b', 'x'.repeat(63), 'x'.repeat(64), ''];
    const pick = (list: string[]) => list[Math.floor(r() * list.length)]!;
    const labels = (list: string[], n: number) => Array.from({ length: n }, () => (r() < 0.6 ? list[Math.floor(r() * 4)]! : pick(list))).join('.');
    // rewritten by nodemailer: a domain of numbers is an IPv4 address (1.0.0.123), a domain in capitals is lowered
    const fixed = ['talks+s-p0001-uju-tij2mk535cznmcon@pgug.example.org', 'a@1.123', 'a@EXAMPLE.org', 'a@b.0x1', 'a@x.xn--jgeva-dua', 'a..b@example.org'];
    let bare = 0;
    for (let k = 0; k < 2_000 + fixed.length; k++) {
      const address = fixed[k] ?? `${labels(LOCAL, 1 + Math.floor(r() * 2))}@${labels(LABEL, 2 + Math.floor(r() * 3))}`;
      if (/^[\w+.-]+@[a-z0-9.-]+$/.test(address)) bare++;
      const msg = composeMessage(input({ replyTo: address, to: k % 2 ? address : { name: null, email: address } }));
      const head = (raw: Buffer) => sameBoundary(raw).split('\r\n\r\n')[0] ?? '';
      let theirs: string;
      try {
        theirs = head(serialize(compileMessage(msg)));
      } catch (err) {
        expect(() => alternativeOf(msg), address).toThrow((err as Error).message);
        continue;
      }
      expect(head(alternativeOf(msg)!), address).toBe(theirs);
    }
    expect(bare).toBeGreaterThan(200);
  });
});
