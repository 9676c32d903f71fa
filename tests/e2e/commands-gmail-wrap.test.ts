/**
 * Gmail hard-wraps the text/plain alternative of a reply at 78 columns (no format=flowed) and crieur reads
 * text/plain: one line the organizer typed arrives as two. End to end (Dovecot, Redis, workers, SMTP listener), as
 * audit C's scenarios 66 and 67 wrote them: a notice answered with another proposals' refs and the verb (« P-b, …,
 * P-j : refuser », wrapped before « refuser ») declines the named ones and leaves the notice's own proposal alone;
 * a long decline reason reaches the speaker whole.
 */
import { describe, expect, it } from 'vitest';
import { hardWrap } from '../support/wrap.ts';
import { quiet, sentTo, useLiveImap, waitFor } from '../support/pipeline.ts';
import { DIM, fileProposal, fixtureReply, JEAN, ORGA2, send, type Filed } from '../support/commands.ts';

const ANNE = 'anne.orateur@example.fr';

const wrap = hardWrap;

/**
 * Fixture 01 (Gmail web, « accepter ») with another new text typed on one line: the text/plain part wrapped at 78,
 * the HTML part with the line as typed (ASCII: both parts are quoted-printable).
 */
function gmailReply(ref: string, typed: string): { raw: Buffer; messageId: string } {
  const r = fixtureReply('01-gmail-web-accept-fr.eml', { ref });
  const raw = r.raw
    .toString('latin1')
    .replace('\naccepter\n', `\n${wrap(typed)}\n`)
    .replace('<div dir=3D"ltr">accepter</div>', `<div dir=3D"ltr">${typed.replace(/&/g, '&amp;')}</div>`);
  return { raw: Buffer.from(raw, 'latin1'), messageId: r.messageId };
}

describe('Gmail wraps the line an organizer typed (pglite)', () => {
  const live = useLiveImap('pglite', { overrides: { limits: { acksPerSenderPerDay: 1000 }, commands: { perSenderPerHour: 1000 } } });
  const status = async (ref: string) => (await live.p.store.proposals.get(ref))!.status;
  const transcriptOf = async (inReplyTo: string) => waitFor(async () => (await sentTo(live.sink, DIM)).find((m) => m.mail.inReplyTo === inReplyTo), 'transcript', 30_000);

  it("a notice answered with nine other refs and « : refuser » (wrapped before the verb): those nine are declined, the notice's own proposal is untouched", async () => {
    const a = await fileProposal(live, 'Non nommee');
    const others: Filed[] = [];
    for (let i = 0; i < 9; i++) others.push(await fileProposal(live, `Autre ${i}`, ANNE));
    const typed = `${others.map((o) => o.ref).join(', ')} : refuser`;
    expect(wrap(typed).split('\n')).toEqual([typed.slice(0, -' refuser'.length), 'refuser']);
    const reply = gmailReply(a.ref, typed);
    const inbound = await send(live, reply);
    expect(inbound).toMatchObject({ kind: 'command', state: 'done' });
    await waitFor(() => quiet(live.p), 'pipeline quiet', 30_000);

    expect(await status(a.ref), 'A was not named').toBe('received');
    for (const o of others) expect(await status(o.ref), o.ref).toBe('declined');
    const toJean = (await sentTo(live.sink, JEAN)).filter((m) => m.mail.subject.includes(a.ref) && /Réponse/.test(m.mail.subject));
    expect(toJean, "no decline to A's speaker").toEqual([]);
    const t = await transcriptOf(reply.messageId);
    expect(t.mail.text!.match(/\[fait\]/g)).toHaveLength(9);
    expect(t.mail.text).not.toContain(`${a.ref} est maintenant`);
    const rows = await live.p.db.query<{ recipient: string }>('SELECT DISTINCT lower(recipient) AS recipient FROM outbox WHERE cause_message_id = $1', [inbound.id]);
    for (const r of rows) expect([DIM, ORGA2, ANNE]).toContain(r.recipient);
  });

  it('a long « refuser : raison » (wrapped at 78): the speaker reads the whole reason, nothing of it is relayed as a comment', async () => {
    const f = await fileProposal(live, 'Raison longue');
    const reason = 'nous avons deja eu deux talks sur le partitionnement cette saison et le public demande autre chose';
    const reply = gmailReply(f.ref, `refuser : ${reason}`);
    expect(wrap(`refuser : ${reason}`).split('\n')).toHaveLength(2);
    await send(live, reply);
    expect(await status(f.ref)).toBe('declined');
    const mail = await waitFor(async () => (await sentTo(live.sink, JEAN)).find((m) => m.mail.subject.includes(f.ref) && m.mail.subject.includes('Réponse')), 'decline mail', 30_000);
    expect((mail.mail.text ?? '').replace(/\s*\n\s*>?\s*/g, ' ')).toContain(reason);
    const t = await transcriptOf(reply.messageId);
    expect(t.mail.text).not.toContain('transmis aux autres organisateurs');
  });
});
