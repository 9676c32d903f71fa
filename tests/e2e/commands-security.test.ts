/**
 * The security table, each a test, end to end (Dovecot, Redis, workers, SMTP listener): forged From without
 * token; a valid token with another From; a speaker token used for `accept`; the token of proposal A with a speaker
 * verb on B; an expired token; a replayed mail (same Message-ID; same body, new Message-ID); an ex-organizer's token;
 * 200 commands in a minute. None changes state; each is audited (command log, proposal history); no mail goes to a
 * forger. Then two organizers deciding at once: one decision, one FYI.
 */
import { describe, expect, it } from 'vitest';
import { mintToken } from '../../src/core/tokens.ts';
import { parseRawMessage } from '../../src/app/parse-message.ts';
import { applyCommands } from '../../src/app/apply-commands.ts';
import { commandDeps } from '../../workers/command-deps.ts';
import { appendRaw, buildMail, quiet, sentTo, settled, TEST_SECRET, useLiveImap, waitFor, type LiveImap } from '../support/pipeline.ts';
import { causedTo, DIM, fileProposal, JEAN, ORGA2, send } from '../support/commands.ts';

const MALLORY = 'mallory@evil.example';
const DAY = 86_400_000;
const plus = (token: string) => `talks+${token}@pgug.example.org`;

function command(o: { from: string; token?: string; body: string; inReplyToToken?: string; messageId?: string }) {
  return buildMail({
    from: o.from,
    to: o.token ? plus(o.token) : 'talks@pgug.example.org',
    subject: 'Re: [P] Nouvelle proposition',
    body: `${o.body}\n\nLe lun. 30 nov. 2026 à 10:02, PostgreSQL Paris a écrit :\n> Nouvelle proposition\n`,
    ...(o.inReplyToToken ? { inReplyTo: `<${o.inReplyToToken}.abc123@pgug.example.org>` } : {}),
    ...(o.messageId ? { messageId: o.messageId } : {}),
  });
}

describe('command security (pglite)', () => {
  const live = useLiveImap('pglite', { overrides: { limits: { acksPerSenderPerDay: 1000 }, commands: { perSenderPerHour: 30 } } });
  const org = (ref: string, who = DIM, at = new Date()) => mintToken(TEST_SECRET, { purpose: 'organizer', ref }, who, at);
  const spk = (ref: string, who = JEAN, at = new Date()) => mintToken(TEST_SECRET, { purpose: 'speaker', ref }, who, at);
  const statusOf = async (ref: string) => (await live.p.store.proposals.get(ref))!.status;
  const logOf = async (id: number) => live.p.store.commands.get(id);

  /** Nothing acted, nothing sent because of it to anyone but `answered` (when given), audited with `reason`. */
  async function unchanged(l: LiveImap, ref: string, inboundId: number, reason: string | null) {
    expect(await statusOf(ref)).toBe('received');
    if (reason) expect(await logOf(inboundId)).toMatchObject({ outcome: 'refused', reason });
    expect(await sentTo(l.sink, MALLORY)).toEqual([]);
  }

  it('forged From without token: an unproven command (SPEC authenticated: false); refused, nothing changes, nothing is sent', async () => {
    const f = await fileProposal(live, 'Sécurité sans jeton');
    const m = command({ from: `Dim <${DIM}>`, body: `accepter ${f.ref}` });
    const inbound = await send(live, m);
    expect(inbound.kind).toBe('command');
    await unchanged(live, f.ref, inbound.id, 'no-token');
    const caused = await live.p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE cause_message_id = $1', [inbound.id]);
    expect(caused[0]!.n).toBe(0);
  });

  it('a valid organizer token with another From: refused (forged), audited, threaded, no mail to the forger', async () => {
    const f = await fileProposal(live, 'Sécurité autre expéditeur');
    const inbound = await send(live, command({ from: `Mallory <${MALLORY}>`, token: org(f.ref), body: 'accepter' }));
    expect(inbound).toMatchObject({ kind: 'command', state: 'done' });
    await unchanged(live, f.ref, inbound.id, 'forged');
    expect((await live.p.store.proposals.history(f.ref)).find((h) => h.messageId === inbound.id)).toMatchObject({ actor: MALLORY, detail: { authenticated: false, reason: 'forged' } });
    expect(await causedTo(live, inbound.id, MALLORY)).toEqual([]);
  });

  it('a speaker token used for accept: nothing changes; the word is relayed to the organizers as the speaker’s message', async () => {
    const f = await fileProposal(live, 'Sécurité jeton orateur');
    const inbound = await send(live, command({ from: JEAN, token: spk(f.ref), body: 'accepter' }));
    expect(await statusOf(f.ref)).toBe('received');
    expect(await logOf(inbound.id)).toMatchObject({ outcome: 'executed', role: 'speaker' });
    expect(await causedTo(live, inbound.id, JEAN)).toEqual([]);
    expect((await causedTo(live, inbound.id, DIM)).map((r) => r.subjectRef)).toEqual([`${f.ref}/message/m${inbound.id}`]);
  });

  it('a speaker asking for help gets the help, not a refusal', async () => {
    const f = await fileProposal(live, 'Aide orateur');
    const messageId = '<aide-orateur@example.fr>';
    const inbound = await send(live, command({ from: JEAN, token: spk(f.ref), body: 'aide', messageId }));
    expect((await causedTo(live, inbound.id, JEAN)).map((r) => r.subjectRef)).toEqual([`m${inbound.id}/transcript`]);
    const t = await waitFor(async () => (await sentTo(live.sink, JEAN)).find((m) => m.mail.inReplyTo === messageId), 'transcript', 30_000);
    expect(t.mail.text).not.toMatch(/réservé aux organisateurs/);
    expect(t.mail.text).toMatch(/confirmer/);
  });

  it('an organizer’s « Annuler » withdraws nothing: quoted back as not understood', async () => {
    const f = await fileProposal(live, 'Annuler organisateur');
    const inbound = await send(live, command({ from: DIM, token: org(f.ref), body: 'Annuler' }));
    expect(await statusOf(f.ref)).toBe('received');
    expect((await causedTo(live, inbound.id, DIM)).map((r) => r.subjectRef)).toEqual([`m${inbound.id}/transcript`]);
  });

  it('the token of proposal A with a speaker verb on B: B is untouched', async () => {
    const a = await fileProposal(live, 'Sécurité A');
    const b = await fileProposal(live, 'Sécurité B', 'anne.orateur@example.fr');
    const inbound = await send(live, command({ from: JEAN, token: spk(a.ref), body: `retirer ${b.ref}` }));
    expect([await statusOf(a.ref), await statusOf(b.ref)]).toEqual(['received', 'received']);
    const t = await waitFor(async () => (await sentTo(live.sink, JEAN)).find((m) => m.mail.inReplyTo === inbound.messageId), 'transcript', 30_000);
    expect(t.mail.text).toContain(`pas sur ${b.ref}`);
  });

  it('an expired token of the right sender: nothing done; the transcript says it expired and carries a fresh token', async () => {
    const f = await fileProposal(live, 'Sécurité expiré');
    const old = org(f.ref, DIM, new Date(Date.now() - 200 * DAY));
    const m = command({ from: DIM, token: old, body: 'accepter' });
    const inbound = await send(live, m);
    await unchanged(live, f.ref, inbound.id, 'expired');
    const t = await waitFor(async () => (await sentTo(live.sink, DIM)).find((x) => x.mail.inReplyTo === m.messageId), 'expired transcript', 30_000);
    expect(t.mail.text).toMatch(/ce\s+lien\s+a\s+expiré/);
    expect(t.mail.replyTo[0]!.email).not.toContain(old);
    expect(t.mail.replyTo[0]!.email).toMatch(/^talks\+o-p\d+-/);
  });

  // Audit Y: « withdraw » on an English proposal's mail of May, its token expired, was answered in French — the
  // group's language, where an unexpired token's answer is in the proposal's.
  it('an English speaker’s expired token with a bare verb: the transcript says it expired in English, the proposal’s language', async () => {
    const anne = 'anne.orateur@example.com';
    const f = await fileProposal(live, 'Expired links in English', anne, 'en');
    const old = spk(f.ref, anne, new Date(Date.now() - 200 * DAY));
    const m = buildMail({ from: `Anne Orateur <${anne}>`, to: plus(old), subject: `Re: [${f.ref}] Proposal received`, body: 'withdraw\n\nOn Sat, May 16, 2026 at 10:02 AM PostgreSQL Paris wrote:\n> Thank you for your proposal!\n' });
    const inbound = await send(live, m);
    expect(await statusOf(f.ref)).toBe('received');
    expect(await logOf(inbound.id)).toMatchObject({ outcome: 'refused', reason: 'expired' });
    const t = await waitFor(async () => (await sentTo(live.sink, anne)).find((x) => x.mail.inReplyTo === m.messageId), 'expired transcript', 30_000);
    expect(t.mail.text).toMatch(/that\s+link\s+has\s+expired/);
  });

  it('the same expired token from another From: nothing sent at all', async () => {
    const f = await fileProposal(live, 'Sécurité expiré falsifié');
    const inbound = await send(live, command({ from: MALLORY, token: org(f.ref, DIM, new Date(Date.now() - 200 * DAY)), body: 'accepter' }));
    await unchanged(live, f.ref, inbound.id, 'forged');
  });

  it('an ex-organizer’s token (no longer in organizers): refused, nothing sent', async () => {
    const f = await fileProposal(live, 'Sécurité ancien organisateur');
    const ex = 'ex.orga@example.org';
    const inbound = await send(live, command({ from: ex, token: org(f.ref, ex), body: 'accepter' }));
    await unchanged(live, f.ref, inbound.id, 'not-organizer');
    expect(await sentTo(live.sink, ex)).toEqual([]);
  });

  it('a replayed mail acts once: same Message-ID again, and the same body under a new Message-ID', async () => {
    const f = await fileProposal(live, 'Sécurité rejeu');
    const token = org(f.ref);
    const accept = command({ from: DIM, token, body: 'accepter' });
    await send(live, accept);
    expect(await statusOf(f.ref)).toBe('accepted');
    await send(live, command({ from: DIM, token, body: 'forcer attente' }));
    expect(await statusOf(f.ref)).toBe('waitlisted');
    await waitFor(() => quiet(live.p), 'quiet', 30_000);
    const sentBefore = live.sink.messages.length;
    // The very same message delivered again (a second copy through another relay: one more trace header).
    await appendRaw(live.imap, Buffer.concat([Buffer.from('Received: from relay2.example.net by mx; Mon, 30 Nov 2026 10:00:05 +0100\r\n'), accept.raw]));
    // The same body with a new Message-ID.
    const replay = Buffer.from(accept.raw.toString('utf8').replace(accept.messageId, '<replayed-1@evil.example>'));
    await appendRaw(live.imap, replay);
    const r = await settled(live.p, '<replayed-1@evil.example>', 30_000);
    await waitFor(() => quiet(live.p), 'quiet', 30_000);
    expect(await statusOf(f.ref)).toBe('waitlisted');
    expect(await logOf(r.id)).toMatchObject({ outcome: 'replay' });
    expect(live.sink.messages.length).toBe(sentBefore);
  });

  it('the same words sent again later are a new mail: acted on and answered, not a replay', async () => {
    const f = await fileProposal(live, 'Sécurité redite');
    const token = org(f.ref);
    const first = command({ from: DIM, token, body: 'statut' });
    await send(live, first);
    await waitFor(() => quiet(live.p), 'quiet', 30_000);
    const transcripts = async () => (await sentTo(live.sink, DIM)).filter((s) => s.mail.inReplyTo !== undefined && s.mail.subject.includes(f.ref)).length;
    const before = await transcripts();
    // Three days later, from the same reply in the client's sent folder: a new Message-ID and a new Date
    const later = new Date(Date.now() + 3 * DAY).toUTCString().replace('GMT', '+0000');
    const again = Buffer.from(first.raw.toString('utf8').replace(first.messageId, '<again-1@example.org>').replace(/^Date: .*$/m, `Date: ${later}`));
    await appendRaw(live.imap, again);
    const r = await settled(live.p, '<again-1@example.org>', 30_000);
    await waitFor(() => quiet(live.p), 'quiet', 30_000);
    expect(await logOf(r.id)).toMatchObject({ outcome: 'executed' });
    expect(await transcripts()).toBe(before + 1);
  });

  it('200 command mails in a minute from a forger: none acts, each is audited, none answered', { timeout: 180_000 }, async () => {
    const f = await fileProposal(live, 'Sécurité déluge');
    const token = org(f.ref);
    const mails = Array.from({ length: 200 }, (_, i) => command({ from: MALLORY, token, body: `accepter\nmessage ${i}` }));
    const saved = await live.p.store.inbound.saveRawMany(mails.map((m) => ({ raw: m.raw, loc: { source: 'cli' } })));
    await live.p.running.context.dispatcher.dispatchMany('classify', saved.map((s) => s.id));
    const ids = saved.map((s) => s.id);
    await waitFor(async () => (await live.p.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM command_log WHERE message_id = ANY($1::int[])`, [ids]))[0]!.n >= 200, '200 audited', 120_000);
    await waitFor(() => quiet(live.p), 'quiet', 60_000);
    expect(await statusOf(f.ref)).toBe('received');
    const log = await live.p.db.query<{ outcome: string; n: number }>(`SELECT outcome, count(*)::int AS n FROM command_log WHERE message_id = ANY($1::int[]) GROUP BY outcome`, [ids]);
    expect(log).toEqual([{ outcome: 'refused', n: 200 }]);
    expect(await sentTo(live.sink, MALLORY)).toEqual([]);
  });

  it('a flood from a genuine organizer: the first 30 in the hour act, the excess is recorded, not executed nor answered', { timeout: 180_000 }, async () => {
    const f = await fileProposal(live, 'Sécurité plafond');
    const token = org(f.ref, ORGA2);
    const mails = Array.from({ length: 35 }, (_, i) => command({ from: ORGA2, token, body: `note passage ${i}` }));
    const saved = await live.p.store.inbound.saveRawMany(mails.map((m) => ({ raw: m.raw, loc: { source: 'cli' } })));
    await live.p.running.context.dispatcher.dispatchMany('classify', saved.map((s) => s.id));
    await waitFor(async () => (await live.p.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM command_log WHERE sender = $1`, [ORGA2]))[0]!.n >= 35, '35 logged', 120_000);
    await waitFor(() => quiet(live.p), 'quiet', 60_000);
    const log = await live.p.db.query<{ outcome: string; n: number }>(`SELECT outcome, count(*)::int AS n FROM command_log WHERE sender = $1 GROUP BY outcome ORDER BY outcome`, [ORGA2]);
    expect(log).toEqual([
      { outcome: 'executed', n: 30 },
      { outcome: 'flood', n: 5 },
    ]);
    expect((await live.p.store.proposals.history(f.ref)).filter((h) => h.action === 'note')).toHaveLength(30);
    const transcripts = await live.p.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE recipient = $1 AND subject_ref LIKE '%/transcript'`, [ORGA2]);
    expect(transcripts[0]!.n).toBe(30);
  });
});

describe('two organizers deciding at once (pglite and postgres)', () => {
  for (const engine of ['pglite', 'postgres'] as const) {
    describe(engine, () => {
      const live = useLiveImap(engine, { overrides: { limits: { acksPerSenderPerDay: 1000 } }, watch: true });
      it('accept and decline of the same proposal in concurrent jobs: exactly one decision, one FYI; the other is refused with who and when', async () => {
        const f = await fileProposal(live, `Course ${engine}`);
        const deps = commandDeps(live.p.running.context.deps);
        const a = command({ from: 'Dimitri <dim@example.org>', token: mintToken(TEST_SECRET, { purpose: 'organizer', ref: f.ref }, DIM, new Date()), body: 'accepter' });
        const b = command({ from: 'Orga Deux <orga2@example.org>', token: mintToken(TEST_SECRET, { purpose: 'organizer', ref: f.ref }, ORGA2, new Date()), body: 'refuser' });
        // Stored and classified without dispatch, then both jobs run at the same time.
        const ids: number[] = [];
        for (const m of [a, b]) {
          const { id } = await live.p.store.inbound.saveRaw(m.raw, { source: 'cli' });
          const parsed = await parseRawMessage(m.raw, deps.ctx, deps.reader);
          if (!parsed.ok) throw new Error(parsed.error);
          await live.p.store.inbound.setClassified(id, parsed.result.kind, parsed.result);
          ids.push(id);
        }
        await Promise.all(ids.map((id) => applyCommands(deps, id)));
        await waitFor(() => quiet(live.p), 'quiet', 30_000);
        const history = await live.p.store.proposals.history(f.ref);
        const decisions = history.filter((h) => h.action.startsWith('status:'));
        expect(decisions).toHaveLength(1);
        const winner = decisions[0]!.actor;
        const loser = winner === DIM ? ORGA2 : DIM;
        const fyis = await live.p.db.query<{ recipient: string }>(`SELECT recipient FROM outbox WHERE subject_ref LIKE $1`, [`${f.ref}/fyi/%`]);
        expect(fyis).toEqual([{ recipient: loser }]);
        const loserId = winner === DIM ? ids[1]! : ids[0]!;
        const t = await waitFor(async () => (await sentTo(live.sink, loser)).find((m) => m.mail.inReplyTo === (winner === DIM ? b : a).messageId), 'loser transcript', 30_000);
        expect(t.mail.text).toContain('[refusé]');
        expect(t.mail.text).toContain(`par ${winner}`);
        expect(await live.p.store.commands.get(loserId)).toMatchObject({ outcome: 'executed' });
      });
    });
  }
});
